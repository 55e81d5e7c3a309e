package demo

import (
	"slices"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

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
