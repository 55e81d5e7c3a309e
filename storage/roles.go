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
	return db.changeRole(ctx, a, r, "role.grant",
		`INSERT INTO roles (person_id, role, hub_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, nil)
}

// RevokeRole takes a role away; revoking one not held is not found.
func (db *DB) RevokeRole(ctx context.Context, a *hub.Actor, r hub.RoleChange) error {
	return db.changeRole(ctx, a, r, "role.revoke",
		`DELETE FROM roles WHERE person_id = $1 AND role = $2 AND hub_id IS NOT DISTINCT FROM $3`,
		&hub.Error{Code: hub.ENotFound, Message: "That person does not hold that role."})
}

// changeRole checks r and the actor, runs the statement and audits it when
// it changed something; unchanged is nil when nothing changing is fine.
func (db *DB) changeRole(ctx context.Context, a *hub.Actor, r hub.RoleChange, action, stmt string, unchanged error) error {
	if !hub.CanChangeRoles(a) {
		return &hub.Error{Code: hub.EForbidden, Message: "Only site administrators can appoint and remove coordinators and evaluators."}
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var found bool
		if err := tx.GetContext(ctx, &found, `SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)`, r.PersonID); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		if !found {
			return hub.FieldError("person_id", "There is no person with this id")
		}
		if r.HubID != nil {
			if err := tx.GetContext(ctx, &found, `SELECT EXISTS (SELECT 1 FROM hubs WHERE id = $1)`, *r.HubID); err != nil {
				return fmt.Errorf("%s: %w", action, err)
			}
			if !found {
				return &hub.Error{Code: hub.ENotFound, Message: "There is no such hub."}
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
	})
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
