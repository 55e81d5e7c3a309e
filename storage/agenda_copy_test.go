package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// MustSeriesAcrossClockChange makes a weekly series of three evening
// events in hub h (Europe/London) whose third falls after the clocks go
// forward: 19:00–21:00 local on 20 and 27 March and 3 April 2027.
func MustSeriesAcrossClockChange(tb testing.TB, db *storage.DB, h hub.Hub) []events.Event {
	tb.Helper()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2027, 3, 20, 19, 0, 0, 0, london).UTC()
	evs, err := db.CreateEvents(context.Background(), hub.System, storage.NewEvents{Event: events.Event{
		HubID: h.ID, Title: "Evening circle", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Format: events.FormatOnline,
		OnlineURL: "https://meet.example.org/circle", Visibility: events.VisibilityPublic,
	}, Recurrence: &events.Recurrence{Frequency: events.FreqWeekly, Count: 3}, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	return evs
}

func TestCopyAgenda(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	london, _ := time.LoadLocation("Europe/London")
	occ := MustSeriesAcrossClockChange(t, w.db, w.Hub)
	r := w.MustSubmit(t, "peer supervision")
	if _, err := w.db.ScheduleRequest(ctx, w.Coord, storage.Scheduling{EventID: occ[0].ID, RequestID: r.ID}); err != nil {
		t.Fatal(err)
	}
	err := w.db.ChangeAgenda(ctx, w.Coord, occ[0].ID, nil, func(_ events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
		return append(items, events.AgendaItem{Title: "Circle", Kind: events.KindTalk,
			StartsAt: occ[0].StartsAt.Add(time.Hour), EndsAt: occ[0].StartsAt.Add(2 * time.Hour)}), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	agenda := func(id int64) []storage.AgendaEntry {
		t.Helper()
		a, err := w.db.AgendaOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	t.Run("ErrCoordinatorOfAnotherHub", func(t *testing.T) {
		_, err := w.db.CopyAgenda(ctx, w.OtherCoord, storage.AgendaCopy{SourceEventID: occ[0].ID, TargetEventID: occ[1].ID})
		wantCode(t, err, hub.EForbidden)
	})
	t.Run("ErrSourceInAnotherHub", func(t *testing.T) {
		_, err := w.db.CopyAgenda(ctx, w.Coord, storage.AgendaCopy{SourceEventID: w.OtherEvent.ID, TargetEventID: occ[1].ID})
		wantCode(t, err, hub.EInvalid)
		if hub.ErrorFields(err)["source_event_id"] == "" {
			t.Errorf("fields %v, want source_event_id", hub.ErrorFields(err))
		}
	})
	t.Run("ErrShorterTarget", func(t *testing.T) {
		start := occ[0].StartsAt.Add(-24 * time.Hour)
		short, err := w.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
			HubID: w.Hub.ID, Title: "Short circle", StartsAt: start, EndsAt: start.Add(time.Hour), Format: events.FormatOnline,
			OnlineURL: "https://meet.example.org/short", Visibility: events.VisibilityPublic, Status: events.StatusDraft,
		}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.db.CopyAgenda(ctx, w.Coord, storage.AgendaCopy{SourceEventID: occ[0].ID, TargetEventID: short.ID})
		wantCode(t, err, hub.EInvalid)
		if msg := hub.ErrorFields(err)["source_event_id"]; !strings.Contains(msg, "Circle") || strings.Contains(msg, "peer supervision") {
			t.Errorf("message %q, want it to name Circle only", msg)
		}
		if n := len(agenda(short.ID)); n != 0 {
			t.Errorf("the short event got %d items", n)
		}
	})
	t.Run("FollowingReTimedWithoutRequestLinks", func(t *testing.T) {
		res, err := w.db.CopyAgenda(ctx, w.Coord, storage.AgendaCopy{TargetEventID: occ[1].ID, Following: true})
		if err != nil {
			t.Fatal(err)
		}
		if res != (storage.AgendaCopyResult{Copied: 2}) {
			t.Errorf("result %+v, want 2 copied", res)
		}
		for _, e := range occ[1:] {
			got := agenda(e.ID)
			if len(got) != 2 {
				t.Fatalf("event %d: %d items, want 2", e.ID, len(got))
			}
			if at := got[1].StartsAt.In(london).Format("15:04"); at != "20:00" || got[1].EndsAt.In(london).Format("15:04") != "21:00" {
				t.Errorf("event on %s: circle at %s, want 20:00–21:00 local", e.StartsAt.In(london).Format("2 Jan"), at)
			}
			if got[0].RequestID != nil {
				t.Errorf("event %d: copied the request link %d", e.ID, *got[0].RequestID)
			}
		}
		if src := agenda(occ[0].ID); src[0].RequestID == nil || *src[0].RequestID != r.ID {
			t.Errorf("the source lost its request link: %+v", src[0])
		}
	})
	t.Run("SkipUnlessReplace", func(t *testing.T) {
		err := w.db.ChangeAgenda(ctx, w.Coord, occ[2].ID, nil, func(_ events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
			return items[:1], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.db.CopyAgenda(ctx, w.Coord, storage.AgendaCopy{SourceEventID: occ[0].ID, TargetEventID: occ[1].ID, Following: true})
		if err != nil || res != (storage.AgendaCopyResult{Skipped: 2}) {
			t.Fatalf("without replace: %+v, %v; want 2 skipped", res, err)
		}
		if n := len(agenda(occ[2].ID)); n != 1 {
			t.Errorf("skipped event has %d items, want 1", n)
		}
		res, err = w.db.CopyAgenda(ctx, w.Coord, storage.AgendaCopy{SourceEventID: occ[0].ID, TargetEventIDs: []int64{occ[2].ID}, Replace: true})
		if err != nil || res != (storage.AgendaCopyResult{Copied: 1}) {
			t.Fatalf("with replace: %+v, %v; want 1 copied", res, err)
		}
		if n := len(agenda(occ[2].ID)); n != 2 {
			t.Errorf("replaced event has %d items, want 2", n)
		}
	})
}
