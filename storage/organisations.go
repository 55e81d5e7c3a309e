package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

const orgColumns = `o.id, o.name, o.kind, o.website, o.description, o.created_at, o.updated_at, o.version`

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
func (db *DB) CreateOrganisation(ctx context.Context, o *hub.Organisation) error {
	o.Normalise()
	if err := o.Validate(); err != nil {
		return err
	}
	return createOrganisation(ctx, db.x, o)
}

func createOrganisation(ctx context.Context, q querier, o *hub.Organisation) error {
	err := sqlxGet(ctx, q, o, `
		INSERT INTO organisations (name, name_key, kind, website, description)
		VALUES ($1, $2, $3, $4, $5)
		RETURNING id, name, kind, website, description, created_at, updated_at, version`,
		o.Name, hub.OrganisationNameKey(o.Name), o.Kind, o.Website, o.Description)
	if err != nil {
		return fmt.Errorf("create organisation %q: %w", o.Name, nameTaken(err, o.Name))
	}
	return nil
}

// nameTaken turns a unique violation into a conflict naming the name field.
func nameTaken(err error, name string) error {
	if isUniqueViolation(err) {
		msg := "An organisation called “" + name + "” is already registered (names that differ only in spaces, capitals or look-alike letters count as the same); ask to join it instead"
		return &hub.Error{Code: hub.EConflict, Message: msg, Fields: map[string]string{"name": msg}}
	}
	return err
}

// ListOrganisations lists organisations by name, a page at a time.
func (db *DB) ListOrganisations(ctx context.Context, limit, offset int) ([]hub.Organisation, error) {
	orgs := []hub.Organisation{}
	err := db.x.SelectContext(ctx, &orgs, `SELECT `+orgColumns+` FROM organisations o ORDER BY lower(o.name), o.id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	return orgs, nil
}

// OrganisationsOf lists the organisations a person acts for.
func (db *DB) OrganisationsOf(ctx context.Context, personID int64) ([]hub.Organisation, error) {
	orgs := []hub.Organisation{}
	err := db.x.SelectContext(ctx, &orgs, `
		SELECT `+orgColumns+` FROM organisations o JOIN affiliations a ON a.organisation_id = o.id
		WHERE a.person_id = $1 ORDER BY lower(o.name)`, personID)
	if err != nil {
		return nil, fmt.Errorf("organisations of %d: %w", personID, err)
	}
	return orgs, nil
}

// RegisterOrganisation creates an organisation with its creator as its
// first member, in one transaction.
func (db *DB) RegisterOrganisation(ctx context.Context, a *hub.Actor, o *hub.Organisation) error {
	if !hub.CanCreateOrganisation(a) {
		return forbidden("Please sign in to register an organisation.")
	}
	by := a.PersonID()
	o.Normalise()
	if err := o.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := createOrganisation(ctx, tx, o); err != nil {
			return err
		}
		if err := affiliate(ctx, tx, by, o.ID); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &by, Action: "organisation.create", Subject: subject("organisation", o.ID)})
	})
}

// ChangeOrganisation edits an organisation under its row lock: change
// gets it as it is now (after want is checked against its version) and
// sets the new values, which are validated and saved with the next
// version. It returns the organisation as saved.
func (db *DB) ChangeOrganisation(ctx context.Context, a *hub.Actor, id int64, want IfVersion, change func(o *hub.Organisation) error) (hub.Organisation, error) {
	if !hub.CanEditOrganisation(a, id) {
		return hub.Organisation{}, forbidden("Only the organisation’s own members can change it.")
	}
	by := a.PersonID()
	var o hub.Organisation
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &o, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = $1 FOR UPDATE`, id); err != nil {
			return fmt.Errorf("lock organisation %d: %w", id, notFound(err, "The organisation"))
		}
		if err := want.check(o.Version, "The organisation"); err != nil {
			return err
		}
		if err := change(&o); err != nil {
			return err
		}
		o.Normalise()
		if err := o.Validate(); err != nil {
			return err
		}
		err := tx.GetContext(ctx, &o, `
			UPDATE organisations SET name = $2, name_key = $6, kind = $3, website = $4, description = $5, updated_at = now(), version = version + 1
			WHERE id = $1 RETURNING id, name, kind, website, description, created_at, updated_at, version`,
			o.ID, o.Name, o.Kind, o.Website, o.Description, hub.OrganisationNameKey(o.Name))
		if err != nil {
			return fmt.Errorf("update organisation %d: %w", o.ID, nameTaken(notFound(err, "The organisation"), o.Name))
		}
		return audit(ctx, tx, Entry{PersonID: &by, Action: "organisation.update", Subject: subject("organisation", o.ID)})
	})
	return o, err
}

// AffiliatePerson adds a person to an organisation; already being there is
// a conflict.
func (db *DB) AffiliatePerson(ctx context.Context, a *hub.Actor, personID, orgID int64) error {
	if !hub.CanAdminister(a) {
		return forbidden("Only site administrators can add someone to an organisation directly; others invite them.")
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error { return affiliateBy(ctx, tx, byActor(a), personID, orgID) })
}

// affiliateBy makes the person a member of the organisation and audits it.
func affiliateBy(ctx context.Context, tx *sqlx.Tx, by *int64, personID, orgID int64) error {
	if err := mustBePerson(ctx, tx, personID); err != nil {
		return err
	}
	if err := affiliate(ctx, tx, personID, orgID); err != nil {
		return err
	}
	return audit(ctx, tx, Entry{PersonID: by, Action: "affiliation.add", Subject: subject("organisation", orgID), Details: map[string]any{"person_id": personID}})
}

func affiliate(ctx context.Context, q querier, personID, orgID int64) error {
	_, err := q.ExecContext(ctx, `INSERT INTO affiliations (person_id, organisation_id) VALUES ($1, $2)`, personID, orgID)
	if isUniqueViolation(err) {
		return &hub.Error{Code: hub.EConflict, Message: "That person is already part of the organisation."}
	}
	if err != nil {
		return fmt.Errorf("affiliate %d with %d: %w", personID, orgID, mapErr(err))
	}
	return nil
}

// Colleague is a member of an organisation, as its other members see them.
type Colleague struct {
	ID    int64  `db:"id" json:"id"`
	Name  string `db:"name" json:"name"`
	Email string `db:"email" json:"email"`
}

// PeopleOfOrganisation lists an organisation's members by name.
func (db *DB) PeopleOfOrganisation(ctx context.Context, orgID int64) ([]Colleague, error) {
	people := []Colleague{}
	err := db.x.SelectContext(ctx, &people, `
		SELECT p.id, p.name, p.email FROM people p JOIN affiliations a ON a.person_id = p.id
		WHERE a.organisation_id = $1 ORDER BY lower(p.name), p.id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("people of organisation %d: %w", orgID, err)
	}
	return people, nil
}

// SearchOrganisations finds organisations whose name contains q (ignoring
// case) that are neither members of hubID nor invited to it, for inviting.
func (db *DB) SearchOrganisations(ctx context.Context, q string, notInHub int64, limit int) ([]hub.Organisation, error) {
	orgs := []hub.Organisation{}
	err := db.x.SelectContext(ctx, &orgs, `
		SELECT `+orgColumns+` FROM organisations o
		WHERE o.name ILIKE '%' || $1 || '%'
		  AND NOT EXISTS (SELECT 1 FROM hub_memberships m WHERE m.organisation_id = o.id AND m.hub_id = $2 AND m.status IN ('active', 'invited'))
		ORDER BY lower(o.name) LIMIT $3`, escapeLike(q), notInHub, limit)
	if err != nil {
		return nil, fmt.Errorf("search organisations: %w", err)
	}
	return orgs, nil
}

// escapeLike makes s match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
