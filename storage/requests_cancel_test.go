package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestCancelledEventUnschedules: a scheduled request whose event is
// cancelled goes back to accepted, with the reason in its history, and
// can then be scheduled into another event.
func TestCancelledEventUnschedules(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	r := w.MustSubmit(t, "recruit safely")
	if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID}); err != nil {
		t.Fatal(err)
	}
	if err := w.db.CancelEvent(ctx, w.Coord, w.Event.ID, "The venue flooded"); err != nil {
		t.Fatal(err)
	}
	d, err := w.db.Request(ctx, w.Coord, r.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != hub.RequestAccepted || d.EventID != nil {
		t.Errorf("after the cancellation: status %s, event %v; want accepted and no event", d.Status, d.EventID)
	}
	last := d.History[len(d.History)-1]
	if last.To != hub.RequestAccepted || last.From == nil || *last.From != hub.RequestScheduled ||
		last.Reason != "The event “"+w.Event.Title+"” was cancelled: The venue flooded" || last.By == nil || *last.By != "coord" {
		t.Errorf("last history line %+v (from %v, by %v)", last, last.From, last.By)
	}
	// It can be scheduled again, into another event.
	other, err := w.db.CreateEvent(ctx, nil, storage.NewEvent{Event: w.Event})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: other.ID, RequestID: r.ID}); err != nil {
		t.Fatalf("schedule again after the cancellation: %v", err)
	}
}

// TestSettleDeliveries: the tidy-up marks requests delivered in every hub
// whose event has ended, without anyone reading them; idempotent.
func TestSettleDeliveries(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	r := w.MustSubmit(t, "recruit safely")
	if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: w.Event.ID, RequestID: r.ID}); err != nil {
		t.Fatal(err)
	}
	status := func() string {
		var s string
		if err := pgtest.SQL(w.db).Get(&s, `SELECT status FROM topic_requests WHERE id = $1`, r.ID); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := w.db.SettleDeliveries(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != "scheduled" {
		t.Fatalf("before the event ends: %s", got)
	}
	later := w.Event.EndsAt.Add(time.Minute)
	for range 2 {
		if err := w.db.SettleDeliveries(ctx, later); err != nil {
			t.Fatal(err)
		}
	}
	if got := status(); got != "delivered" {
		t.Errorf("after the event ended: %s, want delivered", got)
	}
	if n := w.count(t, "request_status_changes WHERE to_status = 'delivered'"); n != 1 {
		t.Errorf("%d delivered lines of history, want 1", n)
	}
}

// TestGovernanceNeverRecorded: a hub with no governance recorded has no
// dates (not the year 1), and says so.
func TestGovernanceNeverRecorded(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	d, err := w.db.HubDemand(ctx, w.Coord, storage.DemandQuery{HubSlug: w.Hub.Slug})
	if err != nil {
		t.Fatal(err)
	}
	g := d.Governance
	if g.TermsReviewedOn != nil || g.TermsNextReviewOn != nil || g.ChairTermEndsOn != nil || g.ChairOrganisationID != nil {
		t.Errorf("governance never recorded has values: %+v", g)
	}
	if len(d.Notices) != 2 || d.Notices[0].Text != "No terms of reference review is recorded." || d.Notices[1].Text != "No chair’s term is recorded." {
		t.Errorf("notices %+v", d.Notices)
	}
	_, g, err = w.db.HubGovernance(ctx, w.Coord, w.Hub.Slug)
	if err != nil || g.TermsReviewedOn != nil {
		t.Errorf("HubGovernance: %+v, %v", g, err)
	}
	_, _, err = w.db.HubGovernance(ctx, w.OtherCoord, w.Hub.Slug)
	wantCode(t, err, hub.EForbidden)
}
