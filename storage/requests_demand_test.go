package storage_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestHubDemand: the dashboard's numbers for a small fixed hub, computed
// by hand.
func TestHubDemand(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return now.AddDate(0, 0, d) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sqlExec := func(q string, args ...any) { _, err := pgtest.SQL(w.db).Exec(q, args...); must(err) }
	pastEvent := func(title string, start time.Time) events.Event {
		e, err := w.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{HubID: w.Hub.ID, Title: title, StartsAt: start, EndsAt: start.Add(4 * time.Hour),
			Format: events.FormatOnline, OnlineURL: "https://meet.example.org/x", Visibility: events.VisibilityPublic, Status: events.StatusPublished}})
		must(err)
		return e
	}
	e1, e2 := pastEvent("March hub day", day(-100)), pastEvent("May hub day", day(-40))
	// Five requests, all made in the period.
	r1, r2, r3 := w.MustSubmit(t, "one"), w.MustSubmit(t, "two"), w.MustSubmit(t, "three")
	r4, r5 := w.MustSubmit(t, "four"), w.MustSubmit(t, "five")
	// r1 made 10 days before e1 ended, r2 30 days before e2 ended.
	sqlExec(`UPDATE topic_requests SET created_at = $2 WHERE id = $1`, r1.ID, e1.EndsAt.AddDate(0, 0, -10))
	sqlExec(`UPDATE topic_requests SET created_at = $2 WHERE id = $1`, r2.ID, e2.EndsAt.AddDate(0, 0, -30))
	for _, r := range []hub.TopicRequest{r3, r4, r5} {
		sqlExec(`UPDATE topic_requests SET created_at = $2 WHERE id = $1`, r.ID, day(-20))
	}
	_, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: e1.ID, RequestID: r1.ID})
	must(err)
	_, err = w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: e2.ID, RequestID: r2.ID})
	must(err)
	withdrawn, declined := hub.RequestWithdrawn, hub.RequestDeclined
	_, err = w.db.UpdateRequest(ctx, w.AskerP, storage.RequestChange{ID: r4.ID, Status: &withdrawn})
	must(err)
	_, err = w.db.UpdateRequest(ctx, w.Coord, storage.RequestChange{ID: r5.ID, Status: &declined, Reason: "Out of scope"})
	must(err)
	// Presenters over six months: Asker 3 items (one is r1's), Backer 1, plus r2's item with none.
	must(w.db.ChangeAgenda(ctx, hub.System, e1.ID, nil, func(e events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
		for i := range items {
			items[i].PresenterOrganisationID = &w.Asker.ID
		}
		for k, org := range []int64{w.Asker.ID, w.Asker.ID, w.Backer.ID} {
			start := e.StartsAt.Add(time.Duration(60+k*30) * time.Minute)
			items = append(items, events.AgendaItem{StartsAt: start, EndsAt: start.Add(30 * time.Minute), Title: "Session", Kind: events.KindTalk, PresenterOrganisationID: &org})
		}
		return items, nil
	}))
	// Neither an evaluator of another hub nor a member sees it.
	_, err = w.db.HubDemand(ctx, w.AskerP, storage.DemandQuery{HubSlug: w.Hub.Slug, Now: now})
	wantCode(t, err, hub.EForbidden)
	_, err = w.db.HubDemand(ctx, w.OtherCoord, storage.DemandQuery{HubSlug: w.Hub.Slug, Now: now})
	wantCode(t, err, hub.EForbidden)

	d, err := w.db.HubDemand(ctx, w.Coord, storage.DemandQuery{HubSlug: w.Hub.Slug, From: day(-365), To: now, Now: now})
	must(err)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	if d.Made != 5 || d.Counted != 4 || d.Delivered != 2 {
		t.Errorf("made %d, counted %d, delivered %d; want 5, 4, 2", d.Made, d.Counted, d.Delivered)
	}
	if !near(d.FulfilmentRate, 0.5) {
		t.Errorf("fulfilment rate %v, want 0.5 (2 delivered of 4, withdrawn left out)", d.FulfilmentRate)
	}
	if !near(d.MedianDays, 20) {
		t.Errorf("median days %v, want 20 (10 and 30)", d.MedianDays)
	}
	if len(d.Topics) != 1 || d.Topics[0].ByStatus["delivered"] != 2 || d.Topics[0].ByStatus["open"] != 1 || d.Topics[0].Total != 5 {
		t.Errorf("topics %+v", d.Topics)
	}
	if len(d.TopOpen) != 1 || d.TopOpen[0].ID != r3.ID {
		t.Errorf("top open %+v", d.TopOpen)
	}
	// Asker 3 of 4 presented items (75%), Backer 1 (25%): HHI 0.625; only 4 items, too few to flag.
	p := d.Presenters
	if p.Total != 4 || !near(p.Shares[0].Share, 0.75) || p.Shares[0].OrganisationID != w.Asker.ID || !near(p.Herfindahl, 0.625) || p.Concentrated {
		t.Errorf("presenters %+v", p)
	}
	// Both scheduled requests came from the Asker.
	if r := d.Requesters; r.Total != 2 || !near(r.Shares[0].Share, 1) {
		t.Errorf("requesters %+v", r)
	}
	if len(d.Notices) != 2 || !d.Notices[0].Due {
		t.Errorf("governance notices %+v", d.Notices)
	}

	t.Run("Governance", func(t *testing.T) {
		reviewed, next := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
		_, err := w.db.SetGovernance(ctx, w.OtherCoord, w.Hub.Slug, hub.Governance{TermsReviewedOn: &reviewed})
		wantCode(t, err, hub.EForbidden)
		_, err = w.db.SetGovernance(ctx, w.Coord, w.Hub.Slug, hub.Governance{TermsReviewedOn: &reviewed, TermsNextReviewOn: &next, ChairName: "Amina Yusuf"})
		must(err)
		d, err := w.db.HubDemand(ctx, w.Coord, storage.DemandQuery{HubSlug: w.Hub.Slug, Now: now})
		must(err)
		if len(d.Notices) == 0 || d.Notices[0].Text != "Terms of reference review is due: terms of reference last reviewed 14 months ago; the review was due on 1 April 2025." {
			t.Errorf("notices %+v", d.Notices)
		}
	})
}
