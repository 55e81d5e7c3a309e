package storage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestChangeRole: only site administrators appoint and remove; a hub role
// needs a hub and the admin role none; an unknown person or hub is refused
// before anything is written; every change is audited once.
func TestChangeRole(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	h := hub.Hub{Slug: "roles-hub", Name: "Roles Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePerson(ctx, hub.NewPerson{Email: "appointee@example.org", Name: "Appointee"}, "")
	if err != nil {
		t.Fatal(err)
	}
	coord, err := db.CreatePerson(ctx, hub.NewPerson{Email: "coord@example.org", Name: "Coordinator"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: coord.ID, Role: hub.RoleCoordinator, HubID: &h.ID}); err != nil {
		t.Fatal(err)
	}
	coordinator, err := db.ActorByID(ctx, coord.ID)
	if err != nil {
		t.Fatal(err)
	}
	missing := int64(999999)
	for _, tc := range []struct {
		name string
		a    *hub.Actor
		r    hub.RoleChange
		code string
	}{
		{"Coordinator", coordinator, hub.RoleChange{PersonID: p.ID, Role: hub.RoleEvaluator, HubID: &h.ID}, hub.EForbidden},
		{"Anonymous", hub.Anonymous, hub.RoleChange{PersonID: p.ID, Role: hub.RoleEvaluator, HubID: &h.ID}, hub.EForbidden},
		{"AdminInHub", hub.System, hub.RoleChange{PersonID: p.ID, Role: hub.RoleAdmin, HubID: &h.ID}, hub.EInvalid},
		{"CoordinatorNoHub", hub.System, hub.RoleChange{PersonID: p.ID, Role: hub.RoleCoordinator}, hub.EInvalid},
		{"UnknownRole", hub.System, hub.RoleChange{PersonID: p.ID, Role: "owner", HubID: &h.ID}, hub.EInvalid},
		{"UnknownPerson", hub.System, hub.RoleChange{PersonID: missing, Role: hub.RoleEvaluator, HubID: &h.ID}, hub.EInvalid},
		{"UnknownHub", hub.System, hub.RoleChange{PersonID: p.ID, Role: hub.RoleEvaluator, HubID: &missing}, hub.ENotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.GrantRole(ctx, tc.a, tc.r); hub.ErrorCode(err) != tc.code {
				t.Errorf("grant: %v, want %s", err, tc.code)
			}
		})
	}
	var roles int
	if err := pgtest.SQL(db).Get(&roles, `SELECT count(*) FROM roles WHERE person_id = $1`, p.ID); err != nil || roles != 0 {
		t.Fatalf("%d roles after refusals (%v), want 0", roles, err)
	}
	grant := hub.RoleChange{PersonID: p.ID, Role: hub.RoleEvaluator, HubID: &h.ID}
	for range 2 { // granting one held changes nothing
		if err := db.GrantRole(ctx, hub.System, grant); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RevokeRole(ctx, hub.System, grant); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeRole(ctx, hub.System, grant); hub.ErrorCode(err) != hub.ENotFound {
		t.Errorf("revoking a role not held: %v, want not_found", err)
	}
	var audits []string
	if err := pgtest.SQL(db).Select(&audits, `SELECT action FROM audit_log WHERE subject = $1 ORDER BY id`, fmt.Sprintf("person:%d", p.ID)); err != nil {
		t.Fatal(err)
	}
	if len(audits) != 2 || audits[0] != "role.grant" || audits[1] != "role.revoke" {
		t.Errorf("audit = %v, want one grant and one revoke", audits)
	}
}

// TestAppoint: appointing a new email invites and appoints in one
// transaction; a refusal leaves no account behind; only site
// administrators appoint.
func TestAppoint(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	h := hub.Hub{Slug: "appoint-hub", Name: "Appoint Hub", TimeZone: "Europe/London"}
	if err := db.CreateHub(ctx, hub.System, &h); err != nil {
		t.Fatal(err)
	}
	people := func() int {
		var n int
		if err := pgtest.SQL(db).Get(&n, `SELECT count(*) FROM people`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tc := range []struct {
		name string
		a    *hub.Actor
		ap   storage.Appointment
		code string
	}{
		{"NotAdmin", hub.Anonymous, storage.Appointment{Email: "new@example.org", Name: "New", Role: hub.RoleCoordinator, HubID: h.ID}, hub.EForbidden},
		{"BadRole", hub.System, storage.Appointment{Email: "new@example.org", Name: "New", Role: hub.RoleAdmin, HubID: h.ID}, hub.EInvalid},
		{"BadEmail", hub.System, storage.Appointment{Email: "not an email", Name: "New", Role: hub.RoleCoordinator, HubID: h.ID}, hub.EInvalid},
		{"NewWithoutName", hub.System, storage.Appointment{Email: "new@example.org", Role: hub.RoleCoordinator, HubID: h.ID}, hub.EInvalid},
		{"UnknownHub", hub.System, storage.Appointment{Email: "new@example.org", Name: "New", Role: hub.RoleCoordinator, HubID: 999999}, hub.ENotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := people()
			if _, err := db.Appoint(ctx, tc.a, tc.ap); hub.ErrorCode(err) != tc.code {
				t.Fatalf("%v, want %s", err, tc.code)
			}
			if after := people(); after != before {
				t.Errorf("%d people after a refusal, want %d", after, before)
			}
		})
	}
	inv, err := db.Appoint(ctx, hub.System, storage.Appointment{Email: "New@Example.org", Name: "New Coordinator", Role: hub.RoleCoordinator, HubID: h.ID})
	if err != nil || inv.Token == "" {
		t.Fatalf("appoint a new person: %v, token %q", err, inv.Token)
	}
	if _, err := db.CheckPasswordToken(ctx, inv.Token); err != nil {
		t.Errorf("the appointee's invitation, made with the role: %v", err)
	}
	again, err := db.Appoint(ctx, hub.System, storage.Appointment{Email: "new@example.org", Role: hub.RoleEvaluator, HubID: h.ID})
	if err != nil || again.Token != "" || again.Person.ID != inv.Person.ID {
		t.Fatalf("appoint the same person again: %v, %+v", err, again)
	}
	roles, err := db.RolesOf(ctx, inv.Person.ID)
	if err != nil || len(roles) != 2 {
		t.Errorf("roles = %v (%v), want coordinator and evaluator", roles, err)
	}
}
