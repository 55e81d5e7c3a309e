package storage

import (
	"context"
	"fmt"

	"github.com/lib/pq"
)

// HubPerson is someone in a hub: affiliated with a member organisation,
// or holding a role in it.
type HubPerson struct {
	ID            int64          `db:"id" json:"id"`
	Name          string         `db:"name" json:"name"`
	Email         string         `db:"email" json:"email"`
	Organisations pq.StringArray `db:"organisations" json:"organisations"`
	Roles         pq.StringArray `db:"roles" json:"roles"`
	// Invited is true until the person has set a password.
	Invited bool `db:"invited" json:"invited"`
	// reachRow is what a sign-in link for them would reach (Reach()).
	reachRow
}

// HubPeople lists everyone in a hub by name, with their organisations in
// it and their roles there.
func (db *DB) HubPeople(ctx context.Context, hubID int64) ([]HubPerson, error) {
	people := []HubPerson{}
	err := db.x.SelectContext(ctx, &people, `
		WITH members AS (
			SELECT a.person_id, o.name AS org
			FROM affiliations a
			JOIN hub_memberships m ON m.organisation_id = a.organisation_id AND m.hub_id = $1 AND m.status = 'active'
			JOIN organisations o ON o.id = a.organisation_id
		), staff AS (
			SELECT person_id, role FROM roles WHERE hub_id = $1
		)
		SELECT p.id, p.name, p.email, p.password_hash IS NULL AS invited,
		       ARRAY(SELECT org FROM members m WHERE m.person_id = p.id ORDER BY org) AS organisations,
		       ARRAY(SELECT role FROM staff s WHERE s.person_id = p.id ORDER BY role) AS roles,
		       `+reachColumns+`
		FROM people p
		WHERE p.id IN (SELECT person_id FROM members UNION SELECT person_id FROM staff)
		ORDER BY lower(p.name), p.id`, hubID)
	if err != nil {
		return nil, fmt.Errorf("people of hub %d: %w", hubID, err)
	}
	return people, nil
}

// PersonInHub reports whether a person belongs to a hub: affiliated with
// an active member organisation, or holding a role there.
func (db *DB) PersonInHub(ctx context.Context, personID, hubID int64) (bool, error) {
	return personInHub(ctx, db.x, personID, hubID)
}

func personInHub(ctx context.Context, q querier, personID, hubID int64) (bool, error) {
	var in bool
	err := sqlxGet(ctx, q, &in, `
		SELECT EXISTS (SELECT 1 FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
		               WHERE a.person_id = $1 AND m.hub_id = $2 AND m.status = 'active')
		    OR EXISTS (SELECT 1 FROM roles r WHERE r.person_id = $1 AND r.hub_id = $2)`, personID, hubID)
	if err != nil {
		return false, fmt.Errorf("is person %d in hub %d: %w", personID, hubID, err)
	}
	return in, nil
}
