package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestVisibilityAgrees: for every kind of event (each status and
// visibility) and every kind of viewer, the SQL filter of HubEvents lists
// exactly the events events.CanSee lets the viewer see.
func TestVisibilityAgrees(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	h := hub.Hub{Slug: "visibility", Name: "Visibility Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, nil, &h); err != nil {
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
