package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestAttendanceCounts: a walk-in added before the start is counted as a
// walk-in, not against the capacity; checking in someone from the waitlist
// asks to confirm, then gives them the place; the totals add up.
func TestAttendanceCounts(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	two := 2
	e := MustEvent(t, db, &two)
	register := func(i int, as storage.RegisterAs) storage.Placed {
		t.Helper()
		p, err := db.Register(ctx, hub.System, storage.Registration{EventID: e.ID, As: as, RegistrationInput: guest(i), Now: time.Now()})
		if err != nil {
			t.Fatalf("register %d: %v", i, err)
		}
		return p
	}
	register(1, storage.Someone)
	register(2, storage.Someone)
	waiting := register(3, storage.Someone)
	if waiting.Registration.Status != events.RegWaitlisted {
		t.Fatalf("third registration for 2 places is %s, want waitlisted", waiting.Registration.Status)
	}
	walkIn := register(4, storage.WalkIn)
	if !walkIn.Registration.WalkIn || !walkIn.Registration.Attended() {
		t.Fatalf("walk-in = %+v, want a walk-in checked in", walkIn.Registration)
	}
	totals := func() events.AttendanceTotals {
		t.Helper()
		list, err := db.EventRegistrations(ctx, e.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		regs := make([]events.Registration, len(list))
		for i, r := range list {
			regs[i] = r.Registration
		}
		return events.CountAttendance(regs)
	}
	if got, want := totals(), (events.AttendanceTotals{Registered: 2, Waitlisted: 1, WalkIns: 1, Attended: 1, NoShow: 2}); got != want {
		t.Errorf("after a walk-in before the start: got %+v, want %+v", got, want)
	}
	d, err := db.EventByID(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Registered != 2 || d.Waitlisted != 1 {
		t.Errorf("event counts %d registered, %d waitlisted; want 2 and 1 (the walk-in takes no booked place)", d.Registered, d.Waitlisted)
	}

	t.Run("ErrWaitlistedNeedsConfirmation", func(t *testing.T) {
		_, err := db.SetAttendance(ctx, hub.System, storage.Attendance{ID: waiting.Registration.ID, Attended: true})
		if hub.ErrorCode(err) != hub.EConflict || hub.ErrorFields(err)["give_place"] == "" {
			t.Fatalf("got %v, want a conflict asking to confirm give_place", err)
		}
		if got := totals(); got.Waitlisted != 1 || got.Attended != 1 {
			t.Errorf("refused check-in changed the totals: %+v", got)
		}
	})
	t.Run("OKGivePlace", func(t *testing.T) {
		reg, err := db.SetAttendance(ctx, hub.System, storage.Attendance{ID: waiting.Registration.ID, Attended: true, GivePlace: true})
		if err != nil {
			t.Fatal(err)
		}
		if reg.Status != events.RegRegistered || !reg.Attended() {
			t.Errorf("got %s attended=%v, want registered and attended", reg.Status, reg.Attended())
		}
		if got, want := totals(), (events.AttendanceTotals{Registered: 3, Waitlisted: 0, WalkIns: 1, Attended: 2, NoShow: 2}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("ErrNotCoordinator", func(t *testing.T) {
		stranger := &hub.Actor{Person: &hub.Person{ID: 999}}
		if _, err := db.SetAttendance(ctx, stranger, storage.Attendance{ID: walkIn.Registration.ID, Attended: false}); hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("got %v, want forbidden", err)
		}
	})
}
