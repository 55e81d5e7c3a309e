package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// GrantRole gives a person a role (in a hub, for coordinators and
// evaluators); granting one already held changes nothing.
func (db *DB) GrantRole(ctx context.Context, by *int64, personID int64, role hub.RoleKind, hubID *int64) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO roles (person_id, role, hub_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, personID, role, hubID)
		if err != nil {
			return fmt.Errorf("grant %s to %d: %w", role, personID, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "role.grant", Subject: subject("person", personID), Details: map[string]any{"role": role}})
	})
}

// RevokeRole takes a role away; revoking one not held is not found.
func (db *DB) RevokeRole(ctx context.Context, by *int64, personID int64, role hub.RoleKind, hubID *int64) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM roles WHERE person_id = $1 AND role = $2 AND hub_id IS NOT DISTINCT FROM $3`, personID, role, hubID)
		if err != nil {
			return fmt.Errorf("revoke %s from %d: %w", role, personID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.ENotFound, Message: "That person does not hold that role."}
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "role.revoke", Subject: subject("person", personID), Details: map[string]any{"role": role}})
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
