package storage

import (
	"context"
	"fmt"

	"github.com/convene/convene/hub"
)

const orgColumns = `o.id, o.name, o.kind, o.website, o.description, o.created_at, o.updated_at`

// MembersOfHub returns the active member organisations of a hub by name.
func (db *DB) MembersOfHub(ctx context.Context, hubID int64) ([]hub.Organisation, error) {
	orgs := []hub.Organisation{}
	err := db.x.SelectContext(ctx, &orgs, `
		SELECT `+orgColumns+`
		FROM organisations o JOIN hub_memberships m ON m.organisation_id = o.id
		WHERE m.hub_id = $1 AND m.status = 'active'
		ORDER BY lower(o.name), o.id`, hubID)
	if err != nil {
		return nil, fmt.Errorf("members of hub %d: %w", hubID, err)
	}
	return orgs, nil
}

// OrganisationByID finds an organisation.
func (db *DB) OrganisationByID(ctx context.Context, id int64) (hub.Organisation, error) {
	var o hub.Organisation
	err := db.x.GetContext(ctx, &o, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = $1`, id)
	if err != nil {
		return o, fmt.Errorf("find organisation %d: %w", id, notFound(err, "The organisation"))
	}
	return o, nil
}

// CreateOrganisation stores a new organisation. A name already used
// (ignoring case) is a conflict on the name field.
func (db *DB) CreateOrganisation(ctx context.Context, q Querier, o *hub.Organisation) error {
	err := sqlxGet(ctx, q, o, `
		INSERT INTO organisations (name, kind, website, description)
		VALUES ($1, $2, $3, $4)
		RETURNING id, name, kind, website, description, created_at, updated_at`,
		o.Name, o.Kind, o.Website, o.Description)
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, nameTaken(err, o.Name))
	}
	return nil
}

// nameTaken turns a unique violation into a conflict naming the name field.
func nameTaken(err error, name string) error {
	if isUniqueViolation(err) {
		msg := "An organisation called “" + name + "” is already registered; ask to join it instead"
		return &hub.Error{Code: hub.EConflict, Message: msg, Fields: map[string]string{"name": msg}}
	}
	return err
}
