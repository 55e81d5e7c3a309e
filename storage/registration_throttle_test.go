package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestGuestThrottle: guests are admitted up to the limit per address and
// per event, then refused with rate_limited and a wait within the window;
// a guest whose email is already registered is counted and answered with
// Recovering; tidying forgets counts whose window has passed.
func TestGuestThrottle(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	e := MustEvent(t, db, nil)
	limits := storage.GuestThrottle{Window: time.Hour, PerAddress: 3, PerEvent: 5}
	from := func(ip string, i int) (storage.Placed, error) {
		return db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(i), Now: time.Now(),
			Guest: &storage.GuestOptions{ClientIP: ip, Throttle: limits}})
	}
	for i := range 2 {
		if _, err := from("192.0.2.1", i); err != nil {
			t.Fatalf("guest %d: %v", i, err)
		}
	}
	t.Run("Recovering", func(t *testing.T) {
		p, err := from("192.0.2.1", 0)
		if err != nil || !p.Recovering || p.Registration.ID != 0 || p.ManageToken != "" {
			t.Fatalf("same email again: %+v, %v; want Recovering and nothing else", p, err)
		}
	})
	t.Run("ErrPerAddress", func(t *testing.T) {
		_, err := from("192.0.2.1", 10)
		var he *hub.Error
		if hub.ErrorCode(err) != hub.ERateLimited || !errors.As(err, &he) || he.RetryAfterSeconds < 3500 || he.RetryAfterSeconds > 3601 {
			t.Fatalf("fourth from one address: %v, want rate_limited with about an hour to wait", err)
		}
	})
	t.Run("ErrPerEvent", func(t *testing.T) {
		for i, ip := range []string{"192.0.2.2", "192.0.2.3"} {
			if _, err := from(ip, 20+i); err != nil {
				t.Fatalf("from %s: %v", ip, err)
			}
		}
		if _, err := from("192.0.2.4", 30); hub.ErrorCode(err) != hub.ERateLimited {
			t.Fatalf("sixth for the event: %v, want rate_limited", err)
		}
	})
	if _, err := db.SQL().ExecContext(ctx, `UPDATE guest_registration_attempts SET at = at - interval '2 hours', keep_until = keep_until - interval '2 hours'`); err != nil {
		t.Fatal(err)
	}
	if _, err := from("192.0.2.1", 40); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if err := db.Tidy(ctx, storage.SessionPolicy{IdleTimeout: time.Hour, Lifetime: time.Hour}, storage.Throttle{Window: time.Minute}); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := pgtest.SQL(db).GetContext(ctx, &left, `SELECT count(*) FROM guest_registration_attempts`); err != nil {
		t.Fatal(err)
	}
	if left != 1 {
		t.Errorf("after tidying: %d counted, want 1", left)
	}
}

// TestNewManageToken: a new link replaces a guest's old one; a person with
// an account has none.
func TestNewManageToken(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	e := MustEvent(t, db, nil)
	placed, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(1), Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	token, err := db.NewManageToken(ctx, hub.System, placed.Registration.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RegistrationByToken(ctx, placed.ManageToken); hub.ErrorCode(err) != hub.ENotFound {
		t.Errorf("the old link: %v, want not found", err)
	}
	if reg, err := db.RegistrationByToken(ctx, token); err != nil || reg.ID != placed.Registration.ID {
		t.Errorf("the new link: %+v, %v", reg, err)
	}
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "member@example.org", Name: "Member"}, "")
	if err != nil {
		t.Fatal(err)
	}
	own, err := db.Register(ctx, &hub.Actor{Person: &hub.Person{ID: p.ID}}, storage.Registration{EventID: e.ID, RegistrationInput: events.RegistrationInput{PersonID: &p.ID, AttendeeRole: events.RoleOther}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewManageToken(ctx, hub.System, own.Registration.ID); hub.ErrorCode(err) != hub.EConflict {
		t.Errorf("a person's registration: %v, want conflict", err)
	}
}
