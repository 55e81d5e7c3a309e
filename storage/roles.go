package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// GrantRole gives a person a role (in a hub, for coordinators and
// evaluators); granting one already held changes nothing. Only site
// administrators may.
func (db *DB) GrantRole(ctx context.Context, a *hub.Actor, r hub.RoleChange) error {
	return db.changeRole(ctx, a, r, "role.grant", grantRoleSQL, nil)
}

// RevokeRole takes a role away; revoking one not held is not found.
func (db *DB) RevokeRole(ctx context.Context, a *hub.Actor, r hub.RoleChange) error {
	return db.changeRole(ctx, a, r, "role.revoke",
		`DELETE FROM roles WHERE person_id = $1 AND role = $2 AND hub_id IS NOT DISTINCT FROM $3`,
		&hub.Error{Code: hub.ENotFound, Message: "That person does not hold that role."})
}

// changeRole checks r and the actor, then runs the change in a
// transaction.
func (db *DB) changeRole(ctx context.Context, a *hub.Actor, r hub.RoleChange, action, stmt string, unchanged error) error {
	if !hub.CanChangeRoles(a) {
		return forbidden("Only site administrators can appoint and remove coordinators and evaluators.")
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error { return changeRoleTx(ctx, tx, a, r, action, stmt, unchanged) })
}

// changeRoleTx runs the statement for a checked r and audits it when it
// changed something; unchanged is the error when nothing changed (nil
// when that is fine).
func changeRoleTx(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, r hub.RoleChange, action, stmt string, unchanged error) error {
	if err := mustBePerson(ctx, tx, r.PersonID); err != nil {
		return err
	}
	if r.HubID != nil {
		if err := mustBeHub(ctx, tx, *r.HubID); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, stmt, r.PersonID, r.Role, r.HubID)
	if err != nil {
		return fmt.Errorf("%s %s for %d: %w", action, r.Role, r.PersonID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return unchanged
	}
	return audit(ctx, tx, Entry{PersonID: byActor(a), HubID: r.HubID, Action: action, Subject: subject("person", r.PersonID),
		Details: map[string]any{"role": r.Role}})
}

// grantRoleSQL gives a role; one already held changes nothing.
const grantRoleSQL = `INSERT INTO roles (person_id, role, hub_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`

// Appointment makes someone, by email, a coordinator or evaluator of a
// hub; someone with no account yet is invited, for which Name is needed.
type Appointment struct {
	Email, Name string
	Role        hub.RoleKind
	HubID       int64
}

// Appoint gives the role to the person with the email address, inviting
// them first when they have no account – all or nothing (site
// administrators). Token is the link to set the password of an account
// just made, empty otherwise.
func (db *DB) Appoint(ctx context.Context, a *hub.Actor, ap Appointment) (Invitation, error) {
	var inv Invitation
	if !hub.CanChangeRoles(a) {
		return inv, forbidden("Only site administrators can appoint and remove coordinators and evaluators.")
	}
	var f hub.FieldErrors
	if !ap.Role.HubRole() {
		f.Add("role", "Choose coordinator or evaluator")
	}
	hub.CheckEmail(&f, "email", &ap.Email)
	if err := f.Err(); err != nil {
		return inv, err
	}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustBeHub(ctx, tx, ap.HubID); err != nil {
			return err
		}
		var err error
		if inv, err = personOrInvite(ctx, tx, byActor(a), &ap.HubID, hub.NewPerson{Email: ap.Email, Name: ap.Name}, nil); err != nil {
			return err
		}
		return changeRoleTx(ctx, tx, a, hub.RoleChange{PersonID: inv.Person.ID, Role: ap.Role, HubID: &ap.HubID}, "role.grant", grantRoleSQL, nil)
	})
	return inv, err
}

// RolesOf lists a person's roles with their hubs.
func (db *DB) RolesOf(ctx context.Context, personID int64) ([]hub.Role, error) {
	roles := []hub.Role{}
	err := db.x.SelectContext(ctx, &roles, `
		SELECT r.person_id, r.role, r.hub_id, h.slug AS hub_slug, h.name AS hub_name, r.created_at
		FROM roles r LEFT JOIN hubs h ON h.id = r.hub_id
		WHERE r.person_id = $1 ORDER BY r.role, h.name`, personID)
	if err != nil {
		return nil, fmt.Errorf("roles of %d: %w", personID, err)
	}
	return roles, nil
}

// StaffMember is a person holding a role in a hub.
type StaffMember struct {
	PersonID int64        `db:"person_id" json:"person_id"`
	Name     string       `db:"name" json:"name"`
	Email    string       `db:"email" json:"email,omitempty"`
	Role     hub.RoleKind `db:"role" json:"role"`
}

// HubStaff lists a hub's coordinators and evaluators by role and name.
func (db *DB) HubStaff(ctx context.Context, hubID int64) ([]StaffMember, error) {
	staff := []StaffMember{}
	err := db.x.SelectContext(ctx, &staff, `
		SELECT p.id AS person_id, p.name, p.email, r.role
		FROM roles r JOIN people p ON p.id = r.person_id
		WHERE r.hub_id = $1 ORDER BY r.role, lower(p.name)`, hubID)
	if err != nil {
		return nil, fmt.Errorf("staff of hub %d: %w", hubID, err)
	}
	return staff, nil
}

// Admins lists the site administrators.
func (db *DB) Admins(ctx context.Context) ([]StaffMember, error) {
	staff := []StaffMember{}
	err := db.x.SelectContext(ctx, &staff, `
		SELECT p.id AS person_id, p.name, p.email, r.role
		FROM roles r JOIN people p ON p.id = r.person_id
		WHERE r.role = 'admin' ORDER BY lower(p.name)`)
	if err != nil {
		return nil, fmt.Errorf("list admins: %w", err)
	}
	return staff, nil
}

// HubStaffMember is a StaffMember with the hub they serve.
type HubStaffMember struct {
	StaffMember
	HubID int64 `db:"hub_id"`
}

// AllHubStaff lists the coordinators and evaluators of every hub.
func (db *DB) AllHubStaff(ctx context.Context) ([]HubStaffMember, error) {
	staff := []HubStaffMember{}
	err := db.x.SelectContext(ctx, &staff, `
		SELECT p.id AS person_id, p.name, p.email, r.role, r.hub_id
		FROM roles r JOIN people p ON p.id = r.person_id
		WHERE r.hub_id IS NOT NULL ORDER BY r.hub_id, r.role, lower(p.name)`)
	if err != nil {
		return nil, fmt.Errorf("hub staff: %w", err)
	}
	return staff, nil
}

// mustBeHub fails with not found unless the hub exists.
func mustBeHub(ctx context.Context, tx *sqlx.Tx, hubID int64) error {
	var found bool
	if err := tx.GetContext(ctx, &found, `SELECT EXISTS (SELECT 1 FROM hubs WHERE id = $1)`, hubID); err != nil {
		return fmt.Errorf("hub %d: %w", hubID, err)
	}
	if !found {
		return &hub.Error{Code: hub.ENotFound, Message: "There is no such hub."}
	}
	return nil
}
