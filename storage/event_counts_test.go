package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// MustCountsAgree checks that the counts kept on an event's row are those
// of its registrations.
func MustCountsAgree(tb testing.TB, db *storage.DB, eventID int64, registered, waitlisted, walkIns int) {
	tb.Helper()
	var kept, counted struct {
		Registered int `db:"registered"`
		Waitlisted int `db:"waitlisted"`
		WalkIns    int `db:"walk_ins"`
	}
	ctx := context.Background()
	if err := pgtest.SQL(db).GetContext(ctx, &kept, `SELECT registered_count AS registered, waitlisted_count AS waitlisted,
		walk_in_count AS walk_ins FROM events WHERE id = $1`, eventID); err != nil {
		tb.Fatal(err)
	}
	if err := pgtest.SQL(db).GetContext(ctx, &counted, `SELECT count(*) FILTER (WHERE status = 'registered' AND NOT walk_in) AS registered,
		count(*) FILTER (WHERE status = 'waitlisted') AS waitlisted, count(*) FILTER (WHERE status = 'registered' AND walk_in) AS walk_ins
		FROM registrations WHERE event_id = $1`, eventID); err != nil {
		tb.Fatal(err)
	}
	if kept != counted {
		tb.Fatalf("counts on the event row %+v, counted from registrations %+v", kept, counted)
	}
	if kept.Registered != registered || kept.Waitlisted != waitlisted || kept.WalkIns != walkIns {
		tb.Fatalf("counts %+v, want registered %d, waitlisted %d, walk-ins %d", kept, registered, waitlisted, walkIns)
	}
	d, err := db.EventByID(ctx, eventID)
	if err != nil {
		tb.Fatal(err)
	}
	// Walk-ins took no booked place: the event's places count without them.
	if d.Registered != registered || d.Waitlisted != waitlisted {
		tb.Fatalf("EventByID says %d registered and %d waiting, want %d and %d", d.Registered, d.Waitlisted, registered, waitlisted)
	}
}

// TestEventCountsKeptOnRow: registering, joining the waitlist, walking in,
// cancelling (with promotion) and checking in someone waiting each keep
// the event row's counts equal to its registrations.
func TestEventCountsKeptOnRow(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	two := 2
	e := MustEvent(t, db, &two)
	now := time.Now()
	reg := func(i int, as storage.RegisterAs) storage.Placed {
		t.Helper()
		p, err := db.Register(ctx, hub.System, storage.Registration{EventID: e.ID, As: as, RegistrationInput: guest(i), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	MustCountsAgree(t, db, e.ID, 0, 0, 0)
	first := reg(1, storage.Someone)
	reg(2, storage.Someone)
	w1, w2 := reg(3, storage.Someone), reg(4, storage.Someone)
	if w1.Position != 1 || w2.Position != 2 {
		t.Errorf("waitlist positions %d and %d, want 1 and 2", w1.Position, w2.Position)
	}
	MustCountsAgree(t, db, e.ID, 2, 2, 0)
	if _, err := db.CancelRegistration(ctx, hub.System, storage.Cancellation{ID: first.Registration.ID, Now: now}); err != nil {
		t.Fatal(err)
	}
	MustCountsAgree(t, db, e.ID, 2, 1, 0) // the first waiting took the place
	reg(5, storage.WalkIn)
	MustCountsAgree(t, db, e.ID, 2, 1, 1)
	if _, err := db.SetAttendance(ctx, hub.System, storage.Attendance{ID: w2.Registration.ID, Attended: true, GivePlace: true}); err != nil {
		t.Fatal(err)
	}
	MustCountsAgree(t, db, e.ID, 3, 0, 1) // let in from the waitlist
	if _, err := pgtest.SQL(db).ExecContext(ctx, `DELETE FROM registrations WHERE id = $1`, w1.Registration.ID); err != nil {
		t.Fatal(err)
	}
	MustCountsAgree(t, db, e.ID, 2, 0, 1)
	if _, err := pgtest.SQL(db).ExecContext(ctx, `DELETE FROM events WHERE id = $1`, e.ID); err != nil {
		t.Fatalf("deleting an event with registrations: %v", err)
	}
}
