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
