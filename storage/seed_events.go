package storage

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
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

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

// planSeries stores a series and plans its occurrences over the year.
func (p *eventPlanner) planSeries(ctx context.Context, tx *sqlx.Tx, st DemoSeriesTemplate, report *SeedReport) error {
	weekday, ok := weekdayOf(st.Weekday)
	if !ok {
		return fmt.Errorf("series %q: weekday %q", st.Title, st.Weekday)
	}
	byDay, first := st.Weekday, p.today.AddDate(0, 0, -27*7)
	monthly := strings.HasPrefix(st.Rule, "FREQ=MONTHLY")
	if monthly {
		// The second such weekday of the month, from about six months ago.
		byDay = "2" + st.Weekday
		for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); ; m = m.AddDate(0, 1, 0) {
			day := m.AddDate(0, 0, (int(weekday)-int(m.Weekday())+7)%7+7)
			if !day.Before(first) {
				first = day
				break
			}
		}
	}
	for first.Weekday() != weekday {
		first = first.AddDate(0, 0, 1)
	}
	until := p.today.AddDate(0, 0, 183)
	rule, err := events.ParseRule(st.Rule + ";BYDAY=" + byDay + ";UNTIL=" + until.Format("20060102"))
	if err != nil {
		return fmt.Errorf("series %q: %w", st.Title, err)
	}
	clock, err := minutesOf(st.LocalTime)
	if err != nil {
		return fmt.Errorf("series %q: %w", st.Title, err)
	}
	start, err := p.at(first, clock)
	if err != nil {
		return err
	}
	end, err := p.at(first, clock+st.DurationMinutes)
	if err != nil {
		return err
	}
	rule = rule.Anchor(start, p.loc)
	occurrences, err := events.Expand(rule, start, end, p.loc)
	if err != nil {
		return fmt.Errorf("expand series %q: %w", st.Title, err)
	}
	created := start.AddDate(0, 0, -21)
	var seriesID int64
	if err := tx.GetContext(ctx, &seriesID, `
		INSERT INTO series (hub_id, rule, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		p.hubID, rule.String(), p.coordinatorID, created); err != nil {
		return fmt.Errorf("series %q: %w", st.Title, err)
	}
	report.Series++
	offset := p.rng.IntN(len(demoNetworkSubjects))
	hubDays := hubDayTemplates(st)
	if st.Format != "online" && len(hubDays) == 0 {
		return fmt.Errorf("series %q: no event template fits its hub days", st.Title)
	}
	for i, occ := range occurrences {
		e := &seedEvent{Event: events.Event{HubID: p.hubID, SeriesID: &seriesID, Title: st.Title, Summary: st.Summary,
			StartsAt: occ.StartsAt, EndsAt: occ.EndsAt, Format: events.Format(st.Format),
			Visibility: events.VisibilityPublic, Status: events.StatusPublished,
			CreatedAt: created, UpdatedAt: created}, createdBy: p.coordinatorID}
		if st.Format != "online" {
			if err := p.dressHubDay(e, st, hubDays[(i+offset)%len(hubDays)], i+offset); err != nil {
				return err
			}
		} else {
			p.dressNetworkMeeting(e, st, demoNetworkSubjects[(i+offset)%len(demoNetworkSubjects)])
		}
		p.events = append(p.events, e)
	}
	return nil
}

// hubDayTemplates are the event templates that fit a series of hub days
// (any series that is not online): of its format and as long as its
// occurrences. Online series are network meetings and have none.
func hubDayTemplates(st DemoSeriesTemplate) []DemoEventTemplate {
	var out []DemoEventTemplate
	if st.Format == "online" {
		return nil
	}
	for _, t := range DemoEventTemplates() {
		if t.Format == st.Format && t.DurationMinutes == st.DurationMinutes {
			out = append(out, t)
		}
	}
	return out
}

// dressNetworkMeeting gives a network meeting its link and short agenda.
func (p *eventPlanner) dressNetworkMeeting(e *seedEvent, st DemoSeriesTemplate, subject demoSubject) {
	e.kind = "network"
	e.OnlineURL = "https://meet.example.org/" + p.hub.Slug + "/peer-support-network"
	e.Audiences = []events.Audience{events.AudiencePeerSupportWorkers, events.AudienceLivedExperience}
	e.topics = appendNew(slices.Clone(st.Topics), subject.topic)
	p.addAgenda(e, []DemoAgendaItem{
		{OffsetMinutes: 0, DurationMinutes: 15, Title: "Welcome and check-in round", Kind: "networking", PresenterIndex: -1},
		{OffsetMinutes: 15, DurationMinutes: st.DurationMinutes - 40, Title: "Discussion: " + subject.title,
			Kind: "discussion", Topic: subject.topic, PresenterIndex: 7},
		{OffsetMinutes: st.DurationMinutes - 25, DurationMinutes: 25, Title: "Networking and check-out", Kind: "networking", PresenterIndex: -1},
	})
}

// dressHubDay gives a hub day a theme, a venue and its host, and an agenda.
func (p *eventPlanner) dressHubDay(e *seedEvent, st DemoSeriesTemplate, t DemoEventTemplate, n int) error {
	if len(p.hub.Venues) == 0 {
		return fmt.Errorf("hub %s has no venue for its hub days", p.hub.Slug)
	}
	e.kind = "hub_day"
	e.Title = st.Title + ": " + strings.TrimPrefix(t.Title, "Hub day: ")
	e.Summary = t.Summary + "\n\n" + st.Summary
	p.setVenue(e, p.hub.Venues[n%len(p.hub.Venues)])
	e.Capacity = ptr(40 + p.rng.IntN(21))
	e.Audiences = audiences(t.Audiences)
	e.topics = t.Topics
	p.addAgenda(e, t.Agenda)
	return nil
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

// planRegistrations plans who registered for an event, when, and whether
// they came.
func (p *eventPlanner) planRegistrations(e *seedEvent) {
	ended, upcoming := !e.EndsAt.After(p.now), e.StartsAt.After(p.now)
	// Nobody registers for a draft, nor for a meeting skipped in advance;
	// a cancelled one-off keeps those who had registered, to be told.
	if e.Status == events.StatusDraft || e.Status == events.StatusCancelled && (!upcoming || e.SeriesID != nil) {
		return
	}
	// People register in the weeks before, never after now.
	closes := earliest(e.StartsAt.Add(-6*time.Hour), p.now.Add(-time.Minute))
	if e.Status == events.StatusCancelled {
		closes = earliest(closes, e.UpdatedAt)
	}
	opens := latest(e.CreatedAt.Add(time.Hour), e.StartsAt.AddDate(0, 0, -42))
	if closes.Sub(opens) < 48*time.Hour {
		opens = latest(e.CreatedAt.Add(time.Hour), closes.AddDate(0, 0, -21))
	}
	if !closes.After(opens) {
		return
	}
	base := 40 // expected sign-ups without a capacity
	if e.kind == "network" {
		base = 18
	}
	if e.Capacity != nil {
		base = *e.Capacity
	}
	var active int
	switch days := e.StartsAt.Sub(p.now).Hours() / 24; {
	case e.full:
		active = *e.Capacity + 3 + p.rng.IntN(4)
	case e.Status == events.StatusCancelled:
		active = 3 + p.rng.IntN(6)
	case ended:
		active = int(float64(base) * (0.55 + 0.4*p.rng.Float64()))
	case days <= 21:
		active = int(float64(base) * (0.35 + 0.5*p.rng.Float64()))
	case days <= 60:
		active = int(float64(base) * (0.15 + 0.35*p.rng.Float64()))
	default:
		active = int(float64(base) * (0.05 + 0.2*p.rng.Float64()))
	}
	if e.Capacity != nil && !e.full {
		active = min(active, *e.Capacity-1)
	}
	cancelled := p.rng.IntN(3)
	walkIns := 0
	if ended {
		walkIns = 1 + p.rng.IntN(3)
	}
	// Members first, a share of them, then guests; walk-ins are guests.
	members := p.rng.Perm(p.nMem)
	guests := p.rng.Perm(len(p.people) - p.nMem)
	nMembers := min(len(members), int(float64(active+cancelled)*(0.35+0.3*p.rng.Float64())))
	who := slices.Clone(members[:nMembers])
	for _, g := range guests {
		if len(who) == active+cancelled+walkIns {
			break
		}
		who = append(who, p.nMem+g)
	}
	walkIns = min(walkIns, len(who))
	signUps := who[:len(who)-walkIns]
	p.rng.Shuffle(len(signUps), func(i, j int) { signUps[i], signUps[j] = signUps[j], signUps[i] })
	times := p.times(opens, closes, len(signUps))
	isCancelled := map[int]bool{}
	for _, i := range p.rng.Perm(len(signUps))[:min(cancelled, len(signUps))] {
		isCancelled[i] = true
	}
	registered := 0
	firstWaiting := closes
	for i, w := range signUps {
		if isCancelled[i] {
			continue
		}
		r := p.registration(e, w, times[i])
		r.Status = events.Admit(e.Capacity, registered)
		if r.Status == events.RegRegistered {
			registered++
		} else if firstWaiting.Equal(closes) {
			firstWaiting = r.CreatedAt
		}
		e.regs = append(e.regs, r)
	}
	// Cancelling before the waitlist began promotes nobody; after it, only
	// those waiting themselves cancel.
	for i, w := range signUps {
		if !isCancelled[i] {
			continue
		}
		r := p.registration(e, w, times[i])
		limit := closes
		if r.CreatedAt.Before(firstWaiting) {
			limit = firstWaiting
		}
		r.Status = events.RegCancelled
		r.statusChangedAt = r.CreatedAt.Add(time.Duration(p.rng.Float64() * float64(limit.Sub(r.CreatedAt))))
		e.regs = append(e.regs, r)
	}
	if !ended || e.Status != events.StatusPublished {
		return
	}
	p.checkIn(e, who[len(who)-walkIns:])
}

// checkIn marks 70–85% of those with a place as attended, and adds walk-ins.
func (p *eventPlanner) checkIn(e *seedEvent, walkIns []int) {
	var holders []int
	for i, r := range e.regs {
		if r.Status == events.RegRegistered {
			holders = append(holders, i)
		}
	}
	rate := 0.70 + 0.15*p.rng.Float64()
	came := int(float64(len(holders))*rate + 0.5)
	window := min(25*time.Minute, e.EndsAt.Sub(e.StartsAt)/3)
	for _, i := range p.rng.Perm(len(holders))[:came] {
		at := e.StartsAt.Add(time.Duration(p.rng.Int64N(int64(window)))).Truncate(time.Second)
		e.regs[holders[i]].AttendedAt = &at
	}
	for _, who := range walkIns {
		at := e.StartsAt.Add(5*time.Minute + time.Duration(p.rng.Int64N(int64(window)))).Truncate(time.Second)
		r := p.registration(e, who, at)
		r.walkIn, r.AttendedAt = true, &at
		if p.rng.IntN(2) == 0 {
			r.GuestEmail = "" // taken at the door: a name is enough
		}
		e.regs = append(e.regs, r)
	}
}

// registration is a place for identity who, taken at created.
func (p *eventPlanner) registration(e *seedEvent, who int, created time.Time) seedRegistration {
	id := p.people[who]
	r := seedRegistration{Registration: events.Registration{PersonID: id.personID, GuestName: id.name,
		GuestEmail: id.email, AttendeeRole: id.role, Status: events.RegRegistered, CreatedAt: created},
		statusChangedAt: created}
	if id.needs >= 0 {
		needs := demoAccessNeeds[id.needs]
		r.AccessNeeds = needs[0]
		if e.Format == events.FormatOnline {
			r.AccessNeeds = needs[1]
		}
	}
	if id.personID == nil {
		// The token itself was never sent to anyone: only its hash is kept.
		_, r.tokenHash = hub.NewToken("")
	}
	return r
}

// times returns n strictly increasing whole-second times in [from, to).
func (p *eventPlanner) times(from, to time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	span := int64(to.Sub(from))
	for i := range out {
		out[i] = from.Add(time.Duration(p.rng.Int64N(span))).Truncate(time.Second)
	}
	slices.SortFunc(out, time.Time.Compare)
	for i := 1; i < n; i++ {
		if !out[i].After(out[i-1]) {
			out[i] = out[i-1].Add(time.Second)
		}
	}
	return out
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

// write stores the plan. Event ids are taken from the identity sequence
// first, so that topics, agenda items and registrations can refer to them
// and every table can be filled with one COPY.
func (p *eventPlanner) write(ctx context.Context, tx *sqlx.Tx, report *SeedReport) error {
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, $1)`,
		len(p.events)); err != nil {
		return fmt.Errorf("reserve event ids: %w", err)
	}
	slices.Sort(ids)
	var eventRows, topicRows, itemRows, regRows [][]any
	for i, e := range p.events {
		e.ID = ids[i]
		eventRows = append(eventRows, []any{e.ID, e.HubID, e.SeriesID, e.Title, e.Summary, e.StartsAt, e.EndsAt,
			string(e.Format), e.Venue, e.HostOrganisationID, e.OnlineURL, e.Capacity, string(e.Visibility),
			string(e.Status), e.CancelReason, pq.Array(e.Audiences), e.Sequence, e.createdBy, e.CreatedAt, e.UpdatedAt})
		for _, slug := range e.topics {
			if id, ok := p.topics[slug]; ok {
				topicRows = append(topicRows, []any{e.ID, id})
			}
		}
		for _, it := range e.agenda {
			var topic *int64
			if id, ok := p.topics[it.TopicSlug]; ok {
				topic = &id
			}
			itemRows = append(itemRows, []any{e.ID, it.Position, it.StartsAt, it.EndsAt, it.Title, string(it.Kind),
				topic, it.PresenterOrganisationID, it.PresenterName})
		}
		for _, r := range e.regs {
			var hash any
			if r.tokenHash != nil {
				hash = r.tokenHash
			}
			regRows = append(regRows, []any{e.ID, r.PersonID, r.GuestName, r.GuestEmail, string(r.AttendeeRole),
				r.AccessNeeds, string(r.Status), r.CreatedAt, r.statusChangedAt, r.AttendedAt, r.walkIn, hash})
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"events", []string{"id", "hub_id", "series_id", "title", "summary", "starts_at", "ends_at", "format", "venue",
			"host_organisation_id", "online_url", "capacity", "visibility", "status", "cancel_reason", "audiences",
			"sequence", "created_by", "created_at", "updated_at"}, eventRows},
		{"event_topics", []string{"event_id", "topic_id"}, topicRows},
		{"agenda_items", []string{"event_id", "position", "starts_at", "ends_at", "title", "kind", "topic_id",
			"presenter_organisation_id", "presenter_name"}, itemRows},
		{"registrations", []string{"event_id", "person_id", "guest_name", "guest_email", "attendee_role",
			"access_needs", "status", "created_at", "status_changed_at", "attended_at", "walk_in",
			"manage_token_hash"}, regRows},
	} {
		if err := copyRows(ctx, tx, c.table, c.cols, c.rows); err != nil {
			return err
		}
	}
	report.Events += len(eventRows)
	report.AgendaItems += len(itemRows)
	report.Registrations += len(regRows)
	return nil
}

// copyRows fills table with rows in one COPY.
func copyRows(ctx context.Context, tx *sqlx.Tx, table string, cols []string, rows [][]any) error {
	stmt, err := tx.PrepareContext(ctx, "COPY "+table+" ("+strings.Join(cols, ", ")+") FROM STDIN")
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	defer stmt.Close()
	for _, row := range rows {
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
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

// at is the instant of a local date (a floating UTC midnight) and a number
// of minutes after its midnight, read as wall-clock time in the hub's zone.
func (p *eventPlanner) at(day time.Time, minutes int) (time.Time, error) {
	day = day.AddDate(0, 0, minutes/(24*60))
	minutes %= 24 * 60
	t, _, err := events.ParseLocal(day.Format(time.DateOnly), fmt.Sprintf("%02d:%02d", minutes/60, minutes%60), p.loc)
	return t, err
}

// minutesOf reads "HH:MM" as minutes after midnight.
func minutesOf(clock string) (int, error) {
	h, m, ok := strings.Cut(clock, ":")
	hours, err1 := strconv.Atoi(h)
	mins, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("local time %q is not HH:MM", clock)
	}
	return hours*60 + mins, nil
}

// weekdayOf reads an RFC 5545 two-letter day.
func weekdayOf(code string) (time.Weekday, bool) {
	for d, c := range []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} {
		if c == code {
			return time.Weekday(d), true
		}
	}
	return 0, false
}

// urlSlug turns a title into a short lower-case path segment.
func urlSlug(title string) string {
	out := hub.Slugify(title)
	if len(out) > 48 {
		out = out[:48]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

func audiences(names []string) []events.Audience {
	out := make([]events.Audience, len(names))
	for i, a := range names {
		out[i] = events.Audience(a)
	}
	return out
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func pick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }

func ptr[T any](v T) *T { return &v }

// demoSubject is the practice topic of a network meeting.
type demoSubject struct{ title, topic string }

var demoNetworkSubjects = []demoSubject{
	{"Keeping boundaries when you've been there too", "boundaries-of-peer-support"},
	{"First conversations: building trust on the street and at the door", "peer-support-delivery"},
	{"Spotting the signs: when to raise a safeguarding concern", "safeguarding"},
	{"Looking after yourself after a hard week", "trauma-informed-approaches"},
	{"Supporting people who don't fit any one service", "intersectionality"},
	{"Recording your work so that it counts", "sustainability"},
	{"Peer roles after the funding: what members have tried", "future-funding"},
	{"Endings: closing support well", "boundaries-of-peer-support"},
	{"Working alongside staff teams as a peer", "peer-support-delivery"},
}

// demoAccessNeeds are access needs in people's words: at a venue, and online.
var demoAccessNeeds = [][2]string{
	{"Step-free access please", "Live captions please"},
	{"BSL interpreter", "BSL interpreter"},
	{"Quiet space at lunch", "I may turn my camera off and step away now and then"},
	{"Hearing loop please", "Live captions please"},
	{"Large-print agenda and handouts", "Slides sent a day before, please"},
	{"I use a wheelchair; an accessible toilet nearby please", "Live captions please"},
	{"I may need to step out for short breaks", "I may need to step out for short breaks"},
}

// Guests' names are common names put together at random: fictional people.
var (
	demoGuestFirstNames = []string{"Aisha", "Ben", "Callum", "Chloe", "Daniel", "Deborah", "Eilidh", "Emeka", "Faye",
		"Gary", "Hannah", "Imran", "Jack", "Jasmine", "Kerry", "Liam", "Lola", "Maryam", "Mick", "Nadia", "Nathan",
		"Olivia", "Paul", "Priya", "Rhys", "Rosie", "Sadia", "Scott", "Sian", "Stacey", "Tom", "Tunde", "Vicky",
		"Wes", "Yasmin", "Zainab", "Carl", "Donna", "Hamza", "Julie"}
	demoGuestSurnames = []string{"Ahmed", "Baker", "Barnes", "Clarke", "Cooper", "Davies", "Evans", "Foster", "Gill",
		"Hall", "Hughes", "Jackson", "Kaur", "Khan", "Lewis", "Mason", "Mitchell", "Nwosu", "O'Neill", "Parker",
		"Pearson", "Reid", "Shaw", "Singh", "Stewart", "Taylor", "Turner", "Walker", "Ward", "Watson", "Wilson",
		"Wright", "Young", "Begum", "Chowdhury", "Doyle"}
)
