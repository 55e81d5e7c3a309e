package demo

// The demo year of events: each seeded hub gets its two series (from
// DemoSeries), a handful of one-off events (from DemoEventTemplates), their
// agendas and topics, and registrations with attendance, walk-ins,
// cancellations and a waitlist. Everything is planned in memory from a
// random source seeded by the hub's slug, checked with the rules of package
// events, and then written with COPY in the hub's transaction.

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// eventSeed is what the events seeder needs to know about a hub just added.
type eventSeed struct {
	hubID int64
	hub   DemoHub
	// orgIDs are the ids of hub.Organisations, in that order.
	orgIDs []int64
	// members are the people of the hub's organisations.
	members       []seedMember
	coordinatorID int64
	now           time.Time
}

// seedMember is a person of one of the hub's organisations.
type seedMember struct {
	id  int64
	org int // index into the hub's Organisations
}

// seedEvent is an event planned for the demo, with what goes with it.
type seedEvent struct {
	events.Event
	createdBy int64
	// kind is "network", "hub_day" or "one_off"; it shapes registrations.
	kind   string
	topics []string
	agenda []events.AgendaItem
	regs   []seedRegistration
	// full events get exactly capacity registrations and a waitlist.
	full bool
}

// seedRegistration is a planned registration.
type seedRegistration struct {
	events.Registration
	statusChangedAt time.Time
	walkIn          bool
	tokenHash       []byte
}

// seedIdentity is someone who can register: a hub member or a guest.
type seedIdentity struct {
	personID *int64
	name     string
	email    string
	role     events.AttendeeRole
	needs    int // index into demoAccessNeeds, or -1
}

// eventPlanner plans the events of one hub.
type eventPlanner struct {
	eventSeed
	rng    *rand.Rand
	loc    *time.Location
	today  time.Time // the local date of now, as a floating UTC midnight
	topics map[string]int64
	people []seedIdentity // hub members first, then guests
	nMem   int
	events []*seedEvent
}

// seedEvents adds the demo year of events of one hub.
func seedEvents(ctx context.Context, tx *sqlx.Tx, s eventSeed, report *SeedReport) error {
	loc, err := hub.LoadTimeZone(s.hub.TimeZone)
	if err != nil {
		return fmt.Errorf("time zone of %s: %w", s.hub.Slug, err)
	}
	var topics []struct {
		ID   int64  `db:"id"`
		Slug string `db:"slug"`
	}
	if err := tx.SelectContext(ctx, &topics, `SELECT id, slug FROM topics`); err != nil {
		return fmt.Errorf("list topics: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte(s.hub.Slug))
	seed := h.Sum64()
	p := &eventPlanner{eventSeed: s, loc: loc, topics: map[string]int64{},
		rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	// Whole minutes: times derived from now should look typed, not measured.
	p.now = s.now.Truncate(time.Minute)
	local := p.now.In(loc)
	p.today = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	for _, t := range topics {
		p.topics[t.Slug] = t.ID
	}
	p.planPeople()
	for _, st := range DemoSeries() {
		if err := p.planSeries(ctx, tx, st, report); err != nil {
			return err
		}
	}
	if err := p.planOneOffs(); err != nil {
		return err
	}
	p.planStatuses()
	for _, e := range p.events {
		p.planRegistrations(e)
	}
	if err := p.check(); err != nil {
		return err
	}
	return p.write(ctx, tx, report)
}

// planPeople lists who may register: the hub's members, each with a role
// that fits their organisation, and a pool of guests.
func (p *eventPlanner) planPeople() {
	for _, m := range p.members {
		role := events.RoleOther
		switch p.hub.Organisations[m.org].Kind {
		case "funded_project":
			role = pick(p.rng, []events.AttendeeRole{events.RolePeerSupportWorker, events.RolePeerSupportWorker,
				events.RolePeerSupportWorker, events.RoleLivedExperience, events.RolePractitioner})
		case "specialist_organisation":
			role = events.RolePractitioner
		case "network":
			role = pick(p.rng, []events.AttendeeRole{events.RolePeerSupportWorker, events.RolePractitioner})
		case "commissioner":
			role = events.RoleCommissioner
		}
		id := m.id
		p.people = append(p.people, seedIdentity{personID: &id, role: role, needs: p.maybeNeeds()})
	}
	p.nMem = len(p.people)
	// Guests are weighted as hubs are: mostly peer workers and staff.
	var roles []events.AttendeeRole
	for _, w := range []struct {
		role events.AttendeeRole
		n    int
	}{{events.RolePeerSupportWorker, 7}, {events.RolePractitioner, 7}, {events.RoleLivedExperience, 4},
		{events.RoleCommissioner, 1}, {events.RoleOther, 1}} {
		for range w.n {
			roles = append(roles, w.role)
		}
	}
	seen := map[string]bool{}
	for len(p.people) < p.nMem+demoGuestPool {
		first, last := pick(p.rng, demoGuestFirstNames), pick(p.rng, demoGuestSurnames)
		email := strings.ToLower(first+"."+strings.ReplaceAll(last, "'", "")) + "@example.org"
		if seen[email] {
			continue
		}
		seen[email] = true
		p.people = append(p.people, seedIdentity{name: first + " " + last, email: email,
			role: pick(p.rng, roles), needs: p.maybeNeeds()})
	}
}

// demoGuestPool is how many guests each hub has; enough for its fullest
// event with a waitlist.
const demoGuestPool = 90

// maybeNeeds gives about one person in eight an access need.
func (p *eventPlanner) maybeNeeds() int {
	if p.rng.IntN(8) == 0 {
		return p.rng.IntN(len(demoAccessNeeds))
	}
	return -1
}

// planOneOffs places seven to ten one-off events over the year, about half
// before now, on working days other than the hub-day Wednesdays.
func (p *eventPlanner) planOneOffs() error {
	skip := map[string]bool{}
	for _, st := range DemoSeries() {
		skip[st.Title] = true
		for _, t := range hubDayTemplates(st) {
			skip[t.Title] = true
		}
	}
	var pool []DemoEventTemplate
	for _, t := range DemoEventTemplates() {
		if !skip[t.Title] {
			pool = append(pool, t)
		}
	}
	p.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	n := min(7+p.rng.IntN(4), len(pool))
	past := (n + 1) / 2
	venue := p.rng.IntN(max(len(p.hub.Venues), 1))
	for i, t := range pool[:n] {
		// Past events between 180 and 7 days ago, upcoming ones between 7
		// and 180 days ahead, evenly spread with a little jitter.
		slot, slots, from, dir := i, past, -180.0, -1
		if i >= past {
			slot, slots, from, dir = i-past, n-past, 7, 1
		}
		offset := int(from+(float64(slot)+0.5)*173/float64(slots)) + p.rng.IntN(11) - 5
		day := p.today.AddDate(0, 0, offset)
		for day.Weekday() == time.Wednesday || day.Weekday() == time.Friday || day.Weekday() == time.Saturday ||
			day.Weekday() == time.Sunday || holiday(day) {
			day = day.AddDate(0, 0, dir)
		}
		clock := p.clockFor(t)
		start, err := p.at(day, clock)
		if err != nil {
			return err
		}
		end, err := p.at(day, clock+t.DurationMinutes)
		if err != nil {
			return err
		}
		created := start.AddDate(0, 0, -35-p.rng.IntN(36))
		if latest := p.now.AddDate(0, 0, -2-p.rng.IntN(19)); created.After(latest) {
			created = latest
		}
		e := &seedEvent{Event: events.Event{HubID: p.hubID, Title: t.Title, Summary: t.Summary,
			StartsAt: start, EndsAt: end, Format: events.Format(t.Format), Visibility: events.VisibilityPublic,
			Status: events.StatusPublished, Audiences: audiences(t.Audiences), CreatedAt: created, UpdatedAt: created},
			createdBy: p.coordinatorID, kind: "one_off", topics: t.Topics}
		if e.Format.NeedsVenue() && len(p.hub.Venues) > 0 {
			p.setVenue(e, p.hub.Venues[venue%len(p.hub.Venues)])
			venue++
			e.Capacity = ptr(30 + p.rng.IntN(21))
			if e.Format == events.FormatHybrid {
				e.Capacity = ptr(*e.Capacity + 20)
			}
		}
		if e.Format.NeedsOnlineURL() {
			e.OnlineURL = "https://meet.example.org/" + p.hub.Slug + "/" + urlSlug(t.Title) + "-" + day.Format("20060102")
		}
		if e.Format == events.FormatOnline {
			// Webinars are hosted by whoever gives the main talk.
			for _, it := range t.Agenda {
				if it.PresenterIndex >= 0 && it.PresenterIndex < len(p.orgIDs) {
					e.HostOrganisationID = ptr(p.orgIDs[it.PresenterIndex])
					break
				}
			}
			if p.rng.IntN(3) == 0 {
				e.Capacity = ptr(100)
			}
		}
		p.addAgenda(e, t.Agenda)
		p.events = append(p.events, e)
	}
	return nil
}

// clockFor is when a one-off event starts, in minutes after midnight.
func (p *eventPlanner) clockFor(t DemoEventTemplate) int {
	switch title := strings.ToLower(t.Title); {
	case t.DurationMinutes >= 300:
		return 10 * 60
	case strings.Contains(title, "morning"):
		return 9*60 + 30
	case strings.Contains(title, "afternoon"):
		return 13 * 60
	case t.DurationMinutes >= 120:
		return pick(p.rng, []int{10 * 60, 13*60 + 30})
	}
	return pick(p.rng, []int{10 * 60, 12*60 + 30, 14 * 60})
}

// holiday reports whether a date falls in the Christmas and New Year break.
func holiday(day time.Time) bool {
	return day.Month() == time.December && day.Day() >= 22 || day.Month() == time.January && day.Day() <= 2
}

// planStatuses skips some series occurrences, cancels one upcoming one-off,
// leaves another in draft, restricts two, and fills the next hub day.
func (p *eventPlanner) planStatuses() {
	var network []*seedEvent
	var upcoming []*seedEvent
	for _, e := range p.events {
		local := e.StartsAt.In(p.loc)
		switch {
		case e.kind == "network" && holiday(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)):
			p.cancel(e, "No meeting over the Christmas and New Year break. Take care of yourselves, and we'll see you in January.")
		case e.kind == "network" && !e.EndsAt.After(p.now):
			network = append(network, e)
		case e.kind == "one_off" && e.StartsAt.After(p.now):
			upcoming = append(upcoming, e)
		}
	}
	if len(network) > 1 {
		p.cancel(network[1+p.rng.IntN(len(network)-1)], "Our facilitator is unwell, so we've called off tonight's "+
			"meeting rather than run it without them. Look after yourselves, and see you in a fortnight.")
	}
	slices.SortFunc(upcoming, func(a, b *seedEvent) int { return a.StartsAt.Compare(b.StartsAt) })
	if n := len(upcoming); n >= 2 {
		draft := upcoming[n-1]
		draft.Status = events.StatusDraft
		draft.CreatedAt = p.now.AddDate(0, 0, -1-p.rng.IntN(5))
		draft.UpdatedAt = draft.CreatedAt
		e := upcoming[p.rng.IntN(n-1)]
		reason := "We're very sorry: our speakers can no longer make this date, and we would rather postpone than run a " +
			"thinner session. We'll share a new date soon, and everyone who registered will hear first."
		if e.Format.NeedsVenue() {
			reason = "We're very sorry: the venue has flooded and won't reopen in time. Nobody was hurt. We'll find " +
				"another date and place, and everyone who registered will hear first."
		}
		p.cancel(e, reason)
	}
	var open []*seedEvent
	for _, e := range p.events {
		if e.kind == "one_off" && e.Status == events.StatusPublished {
			open = append(open, e)
		}
	}
	p.rng.Shuffle(len(open), func(i, j int) { open[i], open[j] = open[j], open[i] })
	if len(open) >= 2 {
		open[0].Visibility = events.VisibilityMembers
		open[1].Visibility = events.VisibilityInviteOnly
	}
	// The next hub day is full with a waitlist; now and then a one-off too.
	var fill []*seedEvent
	for _, e := range p.events {
		if e.StartsAt.After(p.now) && e.Status == events.StatusPublished && e.Capacity != nil &&
			e.Visibility == events.VisibilityPublic && (e.kind == "hub_day" || p.rng.IntN(3) == 0) {
			fill = append(fill, e)
		}
	}
	hubDaysFirst := func(e *seedEvent) bool { return e.kind != "hub_day" }
	slices.SortFunc(fill, func(a, b *seedEvent) int {
		return cmp.Or(compareBool(hubDaysFirst(a), hubDaysFirst(b)), a.StartsAt.Compare(b.StartsAt))
	})
	for i, e := range fill {
		e.full = i == 0 || i == 1 && e.kind == "one_off" && fill[0].kind == "hub_day"
	}
}

// cancel cancels an event with a reason, some days before it.
func (p *eventPlanner) cancel(e *seedEvent, reason string) {
	e.Status, e.CancelReason, e.Sequence = events.StatusCancelled, reason, 1
	at := e.StartsAt.AddDate(0, 0, -2-p.rng.IntN(12))
	if at.After(p.now) {
		at = p.now.Add(-time.Duration(1+p.rng.IntN(96)) * time.Hour)
	}
	e.UpdatedAt = latest(at, e.CreatedAt.Add(time.Hour))
}

// check holds the plan to the rules of package events, so that the demo
// shows nothing the application itself would refuse.
func (p *eventPlanner) check() error {
	for _, e := range p.events {
		if err := e.Validate(); err != nil {
			return fmt.Errorf("demo event %q: %w", e.Title, err)
		}
		if err := events.ValidateAgenda(e.Event, e.agenda, p.loc); err != nil {
			return fmt.Errorf("agenda of demo event %q: %w", e.Title, err)
		}
		var registered, waiting int
		for _, r := range e.regs {
			switch {
			case r.Status == events.RegRegistered && !r.walkIn:
				registered++
			case r.Status == events.RegWaitlisted:
				waiting++
			}
			in := events.RegistrationInput{PersonID: r.PersonID, GuestName: r.GuestName, GuestEmail: r.GuestEmail,
				AttendeeRole: r.AttendeeRole, AccessNeeds: r.AccessNeeds}
			if r.walkIn && r.GuestEmail == "" {
				in.GuestEmail = "walk-in@example.org"
			}
			if err := in.Validate(); err != nil {
				return fmt.Errorf("registration for demo event %q: %w", e.Title, err)
			}
		}
		if e.Capacity != nil && registered > *e.Capacity || e.full && (registered != *e.Capacity || waiting < 3) {
			return fmt.Errorf("demo event %q: %d registered and %d waiting for %d places", e.Title, registered, waiting, *e.Capacity)
		}
	}
	return nil
}

// addAgenda gives an event the agenda of a template, timed from its start.
func (p *eventPlanner) addAgenda(e *seedEvent, items []DemoAgendaItem) {
	for i, it := range items {
		item := events.AgendaItem{Position: i + 1, Title: it.Title, Kind: events.AgendaKind(it.Kind), TopicSlug: it.Topic,
			StartsAt: e.StartsAt.Add(time.Duration(it.OffsetMinutes) * time.Minute)}
		item.EndsAt = item.StartsAt.Add(time.Duration(it.DurationMinutes) * time.Minute)
		if it.PresenterIndex >= 0 && it.PresenterIndex < len(p.orgIDs) {
			item.PresenterOrganisationID = ptr(p.orgIDs[it.PresenterIndex])
			if members := p.hub.Organisations[it.PresenterIndex].Members; len(members) > 0 {
				item.PresenterName = members[p.rng.IntN(len(members))].Name
			}
		}
		e.agenda = append(e.agenda, item)
	}
}

// setVenue puts an event at a venue, hosted by the organisation offering it.
func (p *eventPlanner) setVenue(e *seedEvent, v DemoVenue) {
	e.Venue = v.Name + ", " + v.Address
	if v.HostIndex >= 0 && v.HostIndex < len(p.orgIDs) {
		e.HostOrganisationID = ptr(p.orgIDs[v.HostIndex])
	}
}
