package storage_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// BenchmarkRegister measures the registration path: lock the event,
// promote, count, admit and insert, in one transaction.
func BenchmarkRegister(b *testing.B) {
	ctx := context.Background()
	db := pgtest.New(b)
	e := MustEvent(b, db, nil)
	i := 0
	for b.Loop() {
		i++
		in := events.RegistrationInput{GuestName: "Guest", GuestEmail: fmt.Sprintf("g%d@example.org", i), AttendeeRole: events.RoleOther}
		if _, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: in, Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegisterContended registers in parallel for one event with 50
// places, so most requests queue on the event's lock and join the waitlist.
func BenchmarkRegisterContended(b *testing.B) {
	ctx := context.Background()
	db := pgtest.New(b)
	fifty := 50
	e := MustEvent(b, db, &fifty)
	var n atomic.Int64
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			in := events.RegistrationInput{GuestName: "Guest", GuestEmail: fmt.Sprintf("g%d@example.org", i), AttendeeRole: events.RoleOther}
			if _, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: in, Now: time.Now()}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRegisterFilling measures one registration for an event that
// already holds 30, or 3,000, registrations (half with a place, half
// waiting): with the counts kept on the event's row, the 3,000th costs
// what the 30th did.
func BenchmarkRegisterFilling(b *testing.B) {
	for _, held := range []int{30, 3000} {
		b.Run(fmt.Sprintf("held=%d", held), func(b *testing.B) {
			ctx := context.Background()
			db := pgtest.New(b)
			places := held / 2
			e := MustEvent(b, db, &places)
			_, err := pgtest.SQL(db).ExecContext(ctx, `INSERT INTO registrations (event_id, guest_name, guest_email, attendee_role, status)
				SELECT $1, 'Guest', 'held' || i || '@example.org', 'other', CASE WHEN i <= $2 THEN 'registered' ELSE 'waitlisted' END
				FROM generate_series(1, $3) i`, e.ID, places, held)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				in := events.RegistrationInput{GuestName: "Guest", GuestEmail: fmt.Sprintf("g%d@example.org", i), AttendeeRole: events.RoleOther}
				if _, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: in, Now: time.Now()}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
