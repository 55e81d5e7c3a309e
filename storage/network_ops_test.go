package storage_test

import (
	"context"
	"testing"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage/pgtest"
)

// TestNetworkOperationsAuthorise: each operation on hubs, memberships,
// organisations, topics and the outbox asks hub's policy itself, inside
// its transaction, whatever the route in front of it checked: a signed-in
// stranger (no role, no organisation) and an anonymous caller are refused
// with forbidden, and nothing is written.
func TestNetworkOperationsAuthorise(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	h := hub.Hub{Slug: "ops-hub", Name: "Ops Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		t.Fatal(err)
	}
	org := hub.Organisation{Name: "Ops Project", Kind: hub.FundedProject}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "stranger@example.org", Name: "Stranger"}, "")
	if err != nil {
		t.Fatal(err)
	}
	stranger, err := db.ActorByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var before int
	count := func() int {
		var n int
		if err := pgtest.SQL(db).Get(&n, `SELECT (SELECT count(*) FROM hubs) + (SELECT count(*) FROM hub_memberships)
			+ (SELECT count(*) FROM organisations) + (SELECT count(*) FROM topics) + (SELECT count(*) FROM audit_log)`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before = count()
	ops := map[string]func(a *hub.Actor) error{
		"CreateHub": func(a *hub.Actor) error {
			return db.CreateHub(ctx, a, &hub.Hub{Slug: "new-hub", Name: "New Hub", TimeZone: "Europe/London"})
		},
		"ChangeHub": func(a *hub.Actor) error {
			_, err := db.ChangeHub(ctx, a, h.ID, nil, func(h *hub.Hub) error { h.Name = "Taken"; return nil })
			return err
		},
		"AddMember":    func(a *hub.Actor) error { return db.AddMember(ctx, a, h.ID, org.ID) },
		"RemoveMember": func(a *hub.Actor) error { return db.RemoveMember(ctx, a, h.ID, org.ID) },
		"RequestMembership": func(a *hub.Actor) error {
			_, err := db.RequestMembership(ctx, a, h.ID, org.ID, "")
			return err
		},
		"DecideMembership": func(a *hub.Actor) error { return db.DecideMembership(ctx, a, h.ID, org.ID, true) },
		"ChangeOrganisation": func(a *hub.Actor) error {
			_, err := db.ChangeOrganisation(ctx, a, org.ID, nil, func(o *hub.Organisation) error { o.Name = "Taken"; return nil })
			return err
		},
		"CreateTopic": func(a *hub.Actor) error { return db.CreateTopic(ctx, a, &hub.Topic{Slug: "taken", Name: "Taken"}) },
		"RetryMail":   func(a *hub.Actor) error { return db.RetryMail(ctx, a, 1) },
	}
	for name, op := range ops {
		for who, a := range map[string]*hub.Actor{"Stranger": stranger, "Anonymous": hub.Anonymous} {
			t.Run(name+"/"+who, func(t *testing.T) {
				if err := op(a); hub.ErrorCode(err) != hub.EForbidden {
					t.Errorf("%v, want forbidden", err)
				}
			})
		}
	}
	t.Run("RegisterOrganisation/Anonymous", func(t *testing.T) {
		o := hub.Organisation{Name: "Anonymous Project", Kind: hub.FundedProject}
		if err := db.RegisterOrganisation(ctx, hub.Anonymous, &o); hub.ErrorCode(err) != hub.EForbidden {
			t.Errorf("%v, want forbidden", err)
		}
	})
	if after := count(); after != before {
		t.Errorf("%d rows after refusals, want %d", after, before)
	}
}
