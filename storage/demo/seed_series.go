package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
)

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
