package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// MustEvent stores a published event of capacity places (nil: unlimited)
// a week from now in a fresh hub.
func MustEvent(tb testing.TB, db *storage.DB, capacity *int) events.Event {
	tb.Helper()
	ctx := context.Background()
	h := hub.Hub{Slug: "test-hub", Name: "Test Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		tb.Fatal(err)
	}
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour).UTC()
	e, err := db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: h.ID, Title: "Peer support network meeting", StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/peer", Capacity: capacity,
		Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func guest(i int) events.RegistrationInput {
	return events.RegistrationInput{GuestName: fmt.Sprintf("Guest %03d", i), GuestEmail: fmt.Sprintf("guest%03d@example.org", i), AttendeeRole: events.RolePractitioner}
}

// TestConcurrentRegistration: 200 people register at once for 20 places;
// exactly 20 get places and 180 wait, with no errors; then 5 cancellations
// promote exactly the next 5 in order.
func TestConcurrentRegistration(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	twenty := 20
	e := MustEvent(t, db, &twenty)

	const n = 200
	placed := make([]storage.Placed, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			placed[i], errs[i] = db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(i), Now: time.Now()})
		})
	}
	wg.Wait()
	registered, waitlisted := 0, 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("registration %d: %v", i, err)
		}
		switch placed[i].Registration.Status {
		case events.RegRegistered:
			registered++
		case events.RegWaitlisted:
			waitlisted++
		}
	}
	if registered != 20 || waitlisted != 180 {
		t.Fatalf("registered %d, waitlisted %d; want 20 and 180", registered, waitlisted)
	}
	list, err := db.EventRegistrations(ctx, e.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var waiting []storage.RegistrationView
	var holding []storage.RegistrationView
	for _, r := range list {
		switch r.Status {
		case events.RegWaitlisted:
			waiting = append(waiting, r)
		case events.RegRegistered:
			holding = append(holding, r)
		}
	}
	for i, w := range waiting {
		if w.Position != i+1 {
			t.Fatalf("waitlist entry %d has position %d", i, w.Position)
		}
	}

	for _, r := range holding[:5] {
		res, err := db.CancelRegistration(ctx, hub.System, storage.Cancellation{ID: r.ID, Now: time.Now()})
		if err != nil {
			t.Fatalf("cancel %d: %v", r.ID, err)
		}
		if res.Promoted != 1 {
			t.Errorf("cancelling %d promoted %d, want 1", r.ID, res.Promoted)
		}
	}
	for i, w := range waiting {
		got, err := db.RegistrationByID(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := events.RegWaitlisted
		if i < 5 {
			want = events.RegRegistered
		}
		if got.Status != want {
			t.Errorf("waitlist position %d is %s after 5 cancellations, want %s", i+1, got.Status, want)
		}
	}
	d, err := db.EventByID(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Registered != 20 || d.Waitlisted != 175 {
		t.Errorf("after 5 cancellations: %d registered, %d waiting; want 20 and 175", d.Registered, d.Waitlisted)
	}
}

func TestRegistrationRules(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	two := 2
	e := MustEvent(t, db, &two)
	now := time.Now()
	must := func(p storage.Placed, err error) storage.Placed {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := must(db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(1), Now: now}))
	must(db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(2), Now: now}))
	w := must(db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(3), Now: now}))
	if w.Registration.Status != events.RegWaitlisted || w.Position != 1 {
		t.Fatalf("third registration: %s at %d, want waitlisted at 1", w.Registration.Status, w.Position)
	}
	if a.ManageToken == "" {
		t.Error("a guest got no manage link")
	}

	t.Run("ErrDuplicateGuestEmail", func(t *testing.T) {
		in := guest(1)
		in.GuestEmail = "GUEST001@example.org"
		in = in.Normalise()
		_, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: in, Now: now})
		if hub.ErrorCode(err) != hub.EConflict {
			t.Errorf("duplicate guest: %v, want conflict", err)
		}
	})
	t.Run("ErrPastEvent", func(t *testing.T) {
		_, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(9), Now: e.StartsAt.Add(time.Minute)})
		if hub.ErrorCode(err) != hub.EConflict {
			t.Errorf("after the start: %v, want conflict", err)
		}
	})
	t.Run("WalkInIgnoresCapacity", func(t *testing.T) {
		p := must(db.Register(ctx, hub.System, storage.Registration{EventID: e.ID, As: storage.WalkIn, RegistrationInput: guest(10), Now: now}))
		if p.Registration.Status != events.RegRegistered || p.Registration.AttendedAt == nil {
			t.Errorf("walk-in: %+v, want registered and attended", p.Registration)
		}
	})
	t.Run("LoweringCapacityRemovesNobody", func(t *testing.T) {
		d, _ := db.EventByID(ctx, e.ID)
		one := 1
		d.Event.Capacity = &one
		res, err := db.ChangeEvent(ctx, hub.System, storage.EventChange{ID: d.ID, Change: func(now *events.Event) error { *now = d.Event; return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if res.Warning == "" {
			t.Error("no warning when capacity fell below the number registered")
		}
		after, _ := db.EventByID(ctx, e.ID)
		if after.Registered != d.Registered {
			t.Errorf("registered went from %d to %d", d.Registered, after.Registered)
		}
	})
	t.Run("RaisingCapacityPromotes", func(t *testing.T) {
		d, _ := db.EventByID(ctx, e.ID)
		ten := 10
		d.Event.Capacity = &ten
		res, err := db.ChangeEvent(ctx, hub.System, storage.EventChange{ID: d.ID, Change: func(now *events.Event) error { *now = d.Event; return nil }})
		if err != nil {
			t.Fatal(err)
		}
		if res.Promoted != 1 {
			t.Errorf("raising capacity promoted %d, want 1", res.Promoted)
		}
	})
	t.Run("ErrCancelTwice", func(t *testing.T) {
		if _, err := db.CancelRegistration(ctx, hub.System, storage.Cancellation{ID: a.Registration.ID, Now: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelRegistration(ctx, hub.System, storage.Cancellation{ID: a.Registration.ID, Now: now}); hub.ErrorCode(err) != hub.EConflict {
			t.Errorf("second cancel: %v, want conflict", err)
		}
	})
	t.Run("ErrDraftAndCancelled", func(t *testing.T) {
		d, _ := db.EventByID(ctx, e.ID)
		if err := db.CancelEvent(ctx, hub.System, d.ID, "Venue flooded"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guest(20), Now: now}); hub.ErrorCode(err) != hub.EConflict {
			t.Errorf("registering for a cancelled event: %v, want conflict", err)
		}
	})
}

// TestVisibilityAgrees: for every kind of event (each status and
// visibility) and every kind of viewer, the SQL filter of HubEvents lists
// exactly the events events.CanSee lets the viewer see.
func TestVisibilityAgrees(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	h := hub.Hub{Slug: "visibility", Name: "Visibility Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		t.Fatal(err)
	}
	person := func(name string) int64 {
		t.Helper()
		p, err := db.CreatePerson(ctx, hub.NewPerson{Email: name + "@example.org", Name: name}, "")
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	registrant, leaver := person("registrant"), person("leaver")
	viewers := map[string]events.Viewer{
		"Anonymous":  {},
		"Outsider":   {PersonID: person("outsider")},
		"HubPerson":  {PersonID: person("member"), InHub: true},
		"Registrant": {PersonID: registrant},
		"Leaver":     {PersonID: leaver},
		"Manager":    {PersonID: person("manager"), Manager: true},
	}

	start := time.Now().Add(14 * 24 * time.Hour).Truncate(time.Hour).UTC()
	var all []events.Event
	for i, vis := range []events.Visibility{events.VisibilityPublic, events.VisibilityMembers, events.VisibilityInviteOnly} {
		for j, status := range []events.Status{events.StatusDraft, events.StatusPublished, events.StatusCancelled} {
			at := start.Add(time.Duration(i*3+j) * 24 * time.Hour)
			e, err := db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{HubID: h.ID, Title: fmt.Sprintf("%s %s", vis, status),
				StartsAt: at, EndsAt: at.Add(time.Hour), Format: events.FormatOnline, OnlineURL: "https://meet.example.org/v",
				Visibility: vis, Status: events.StatusPublished}})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"registrant", "leaver"} {
				if _, err := db.Register(ctx, hub.System, storage.Registration{EventID: e.ID, As: storage.Someone, Now: time.Now(),
					RegistrationInput: events.RegistrationInput{GuestName: name, GuestEmail: name + "@example.org", AttendeeRole: events.RolePractitioner}}); err != nil {
					t.Fatal(err)
				}
			}
			reg, _, err := db.PlaceOf(ctx, e.ID, leaver)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.CancelRegistration(ctx, hub.System, storage.Cancellation{ID: reg.Registration.ID, Now: time.Now()}); err != nil {
				t.Fatal(err)
			}
			switch status {
			case events.StatusDraft:
				pgtest.MustExec(t, db, `UPDATE events SET status = 'draft' WHERE id = $1`, e.ID)
			case events.StatusCancelled:
				if err := db.CancelEvent(ctx, hub.System, e.ID, "Called off"); err != nil {
					t.Fatal(err)
				}
			}
			e.Status = status
			all = append(all, e)
		}
	}

	for name, v := range viewers {
		t.Run(name, func(t *testing.T) {
			listed, err := db.HubEvents(ctx, storage.EventQuery{HubID: h.ID, Viewer: v, From: start.Add(-time.Hour), To: start.AddDate(0, 1, 0), Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			inList := map[int64]bool{}
			for _, d := range listed {
				inList[d.ID] = true
			}
			for _, e := range all {
				_, registered, err := db.PlaceOf(ctx, e.ID, v.PersonID)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := inList[e.ID], events.CanSee(e, v, registered); got != want {
					t.Errorf("%s event %q: listed %v, CanSee %v", e.Status, e.Title, got, want)
				}
			}
		})
	}
}
