package storage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
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
	h, org := mustHubAndOrganisation(t, db, "ops-hub", "Ops Hub", "Ops Project")
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

// TestInvitePersonScope: a coordinator invites only into organisations of
// the hubs they run; an admin anywhere, or with no organisation; refusals
// write nothing.
func TestInvitePersonScope(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	mine := hub.Hub{Slug: "mine", Name: "Mine", TimeZone: "Europe/London"}
	theirs := hub.Hub{Slug: "theirs", Name: "Theirs", TimeZone: "Europe/London"}
	for _, h := range []*hub.Hub{&mine, &theirs} {
		if err := db.CreateHub(ctx, hub.System, h); err != nil {
			t.Fatal(err)
		}
	}
	inMine := hub.Organisation{Name: "In Mine", Kind: hub.FundedProject}
	inTheirs := hub.Organisation{Name: "In Theirs", Kind: hub.FundedProject}
	alone := hub.Organisation{Name: "In No Hub", Kind: hub.FundedProject}
	for _, o := range []*hub.Organisation{&inMine, &inTheirs, &alone} {
		if err := db.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddMember(ctx, hub.System, mine.ID, inMine.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.AddMember(ctx, hub.System, theirs.ID, inTheirs.ID); err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "coord@example.org", Name: "Coordinator"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: p.ID, Role: hub.RoleCoordinator, HubID: &mine.ID}); err != nil {
		t.Fatal(err)
	}
	coord, err := db.ActorByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	missing := int64(999999)
	n := 0
	person := func() hub.NewPerson {
		n++
		return hub.NewPerson{Email: fmt.Sprintf("new%d@example.org", n), Name: "New Person"}
	}
	for _, tc := range []struct {
		name string
		a    *hub.Actor
		org  *int64
		hub  *int64
		code string
	}{
		{"CoordinatorOwnHub", coord, &inMine.ID, nil, ""},
		{"CoordinatorOwnHubNamed", coord, &inMine.ID, &mine.ID, ""},
		{"CoordinatorOtherHub", coord, &inTheirs.ID, nil, hub.EForbidden},
		{"CoordinatorOtherHubNamed", coord, &inTheirs.ID, &theirs.ID, hub.EForbidden},
		{"CoordinatorOrgNotInNamedHub", coord, &inTheirs.ID, &mine.ID, hub.EInvalid},
		{"CoordinatorNoHubOrg", coord, &alone.ID, nil, hub.EForbidden},
		{"CoordinatorNoOrg", coord, nil, nil, hub.EInvalid},
		{"CoordinatorUnknownOrg", coord, &missing, nil, hub.EInvalid},
		{"AdminAnyOrg", hub.System, &inTheirs.ID, nil, ""},
		{"AdminOrgInNoHub", hub.System, &alone.ID, nil, ""},
		{"AdminNoOrg", hub.System, nil, nil, ""},
		{"Anonymous", hub.Anonymous, &inMine.ID, nil, hub.EForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var people int
			pgtest.SQL(db).Get(&people, `SELECT count(*) FROM people`)
			_, err := db.InvitePerson(ctx, tc.a, storage.NewInvitation{Person: person(), OrganisationID: tc.org, HubID: tc.hub})
			if hub.ErrorCode(err) != tc.code {
				t.Fatalf("%v, want %q", err, tc.code)
			}
			var after int
			pgtest.SQL(db).Get(&after, `SELECT count(*) FROM people`)
			if want := people + map[bool]int{true: 1, false: 0}[tc.code == ""]; after != want {
				t.Errorf("%d people, want %d", after, want)
			}
		})
	}
}

// TestAddColleagueUnknownID: a member adding an id that is nobody hears
// "invited", as for anyone, and nothing is written or sent; an admin is
// told the id is nobody.
func TestAddColleagueUnknownID(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "founder@example.org", Name: "Founder"}, "")
	if err != nil {
		t.Fatal(err)
	}
	founder, err := db.ActorByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	org := hub.Organisation{Name: "Founders", Kind: hub.FundedProject}
	if err := db.RegisterOrganisation(ctx, founder, &org); err != nil {
		t.Fatal(err)
	}
	if founder, err = db.ActorByID(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	added, err := db.AddColleague(ctx, founder, org.ID, storage.NewColleague{PersonID: 999999})
	if err != nil || added.Status != "invited" {
		t.Fatalf("unknown id by a member: %+v, %v; want invited", added, err)
	}
	var n int
	if err := pgtest.SQL(db).Get(&n, `SELECT (SELECT count(*) FROM affiliation_invitations) + (SELECT count(*) FROM mail_messages)`); err != nil || n != 0 {
		t.Errorf("%d invitations and messages for an unknown id (%v), want 0", n, err)
	}
	if _, err := db.AddColleague(ctx, hub.System, org.ID, storage.NewColleague{PersonID: 999999}); hub.ErrorFields(err)["person_id"] == "" {
		t.Errorf("unknown id by an admin: %v, want a problem of person_id", err)
	}
}

// mustHubAndOrganisation makes, as the system does, a hub in London's
// time and a funded project that is not (yet) its member.
func mustHubAndOrganisation(tb testing.TB, db *storage.DB, slug, hubName, orgName string) (hub.Hub, hub.Organisation) {
	tb.Helper()
	ctx := context.Background()
	h := hub.Hub{Slug: slug, Name: hubName, TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		tb.Fatal(err)
	}
	org := hub.Organisation{Name: orgName, Kind: hub.FundedProject}
	if err := db.CreateOrganisation(ctx, &org); err != nil {
		tb.Fatal(err)
	}
	return h, org
}

// The system (setup, demo data, the command line) adds an organisation to
// a hub directly, audited without a person, as an admin does.
func TestOfferMembershipBySystem(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	h, org := mustHubAndOrganisation(t, db, "system-hub", "System Hub", "System Project")
	status, err := db.OfferMembership(ctx, hub.System, h.ID, org.ID)
	if err != nil || status != storage.MembershipActive {
		t.Fatalf("OfferMembership by the system: %q, %v; want active", status, err)
	}
	var by *int64
	if err := pgtest.SQL(db).Get(&by, `SELECT person_id FROM audit_log WHERE action = 'member.add' ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if by != nil {
		t.Errorf("audited as person %d, want no person", *by)
	}
}
