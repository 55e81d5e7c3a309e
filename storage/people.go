package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

const personColumns = `p.id, p.email, p.name, p.created_at, coalesce(p.password_hash, '') AS password_hash`

// CreatePerson adds an account; passwordHash may be empty (set later
// through an invite link). A taken email is a conflict on the email field.
func (db *DB) CreatePerson(ctx context.Context, n hub.NewPerson, passwordHash string) (hub.Person, error) {
	n.Normalise()
	if err := n.Validate(); err != nil {
		return hub.Person{}, err
	}
	return createPerson(ctx, db.x, n, passwordHash)
}

func createPerson(ctx context.Context, q querier, n hub.NewPerson, passwordHash string) (hub.Person, error) {
	var p hub.Person
	err := sqlxGet(ctx, q, &p, `
		INSERT INTO people (email, name, password_hash) VALUES ($1, $2, nullif($3, ''))
		RETURNING id, email, name, created_at, coalesce(password_hash, '') AS password_hash`,
		n.Email, n.Name, passwordHash)
	if err != nil {
		if isUniqueViolation(err) {
			msg := "Someone with the email address " + n.Email + " already has an account"
			return p, &hub.Error{Code: hub.EConflict, Message: msg, Fields: map[string]string{"email": msg}}
		}
		return p, fmt.Errorf("create person: %w", err)
	}
	return p, nil
}

// PersonByEmail finds an account by email, ignoring case.
func (db *DB) PersonByEmail(ctx context.Context, email string) (hub.Person, error) {
	return personByEmail(ctx, db.x, email)
}

func personByEmail(ctx context.Context, q querier, email string) (hub.Person, error) {
	var p hub.Person
	err := sqlxGet(ctx, q, &p, `SELECT `+personColumns+` FROM people p WHERE lower(p.email) = lower($1)`, strings.TrimSpace(email))
	if err != nil {
		return p, fmt.Errorf("find person by email: %w", notFound(err, "The person"))
	}
	return p, nil
}

// PersonByID finds an account.
func (db *DB) PersonByID(ctx context.Context, id int64) (hub.Person, error) {
	return personByID(ctx, db.x, id)
}

func personByID(ctx context.Context, q querier, id int64) (hub.Person, error) {
	var p hub.Person
	err := sqlxGet(ctx, q, &p, `SELECT `+personColumns+` FROM people p WHERE p.id = $1`, id)
	if err != nil {
		return p, fmt.Errorf("find person %d: %w", id, notFound(err, "The person"))
	}
	return p, nil
}

// RenamePerson changes the name a person goes by.
func (db *DB) RenamePerson(ctx context.Context, id int64, name string) error {
	name = strings.Join(strings.Fields(name), " ")
	var f hub.FieldErrors
	hub.CheckName(&f, "name", name)
	if err := f.Err(); err != nil {
		return err
	}
	_, err := db.x.ExecContext(ctx, `UPDATE people SET name = $2, updated_at = now() WHERE id = $1`, id, name)
	if err != nil {
		return fmt.Errorf("rename person %d: %w", id, err)
	}
	return nil
}

// setPassword stores a new password hash and ends the person's other
// sessions: a changed password must lock out whoever else was signed in.
// keepSession is the hash of the session to keep, or nil for none. Unless
// keepTokens, the person's API tokens and calendar feed tokens are revoked
// too: a stolen token must die with the password.
func setPassword(ctx context.Context, q querier, personID int64, hash string, keepSession []byte, keepTokens bool) error {
	if _, err := q.ExecContext(ctx, `UPDATE people SET password_hash = $2, updated_at = now() WHERE id = $1`, personID, hash); err != nil {
		return fmt.Errorf("set password of %d: %w", personID, err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE person_id = $1 AND token_hash IS DISTINCT FROM $2`, personID, keepSession); err != nil {
		return fmt.Errorf("end sessions of %d: %w", personID, err)
	}
	// Any other link to set the password stops working.
	if _, err := q.ExecContext(ctx, `UPDATE password_tokens SET used_at = now() WHERE person_id = $1 AND used_at IS NULL`, personID); err != nil {
		return fmt.Errorf("retire password links of %d: %w", personID, err)
	}
	if keepTokens {
		return nil
	}
	if _, err := q.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`, personID); err != nil {
		return fmt.Errorf("revoke API tokens of %d: %w", personID, err)
	}
	// A personal feed's address is a credential too.
	if _, err := q.ExecContext(ctx, `UPDATE calendar_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`, personID); err != nil {
		return fmt.Errorf("revoke calendar tokens of %d: %w", personID, err)
	}
	return nil
}

// actorRow is a person with what they may do, read in one query.
type actorRow struct {
	hub.Person
	Admin       bool          `db:"admin"`
	Coordinates pq.Int64Array `db:"coordinates"`
	Evaluates   pq.Int64Array `db:"evaluates"`
	OrgIDs      pq.Int64Array `db:"org_ids"`
}

// actorSelect reads a person (aliased p) with their roles and organisations.
const actorSelect = `SELECT ` + personColumns + `,
	EXISTS (SELECT 1 FROM roles r WHERE r.person_id = p.id AND r.role = 'admin') AS admin,
	ARRAY(SELECT r.hub_id FROM roles r WHERE r.person_id = p.id AND r.role = 'coordinator') AS coordinates,
	ARRAY(SELECT r.hub_id FROM roles r WHERE r.person_id = p.id AND r.role = 'evaluator') AS evaluates,
	ARRAY(SELECT a.organisation_id FROM affiliations a WHERE a.person_id = p.id) AS org_ids`

func (r actorRow) actor() *hub.Actor {
	p := r.Person
	a := hub.NewActor(&p, nil, r.OrgIDs)
	a.Admin = r.Admin
	for _, id := range r.Coordinates {
		a.Coordinates[id] = true
	}
	for _, id := range r.Evaluates {
		a.Evaluates[id] = true
	}
	return a
}

// ActorByID loads a person as an actor, for the CLI and tests.
func (db *DB) ActorByID(ctx context.Context, id int64) (*hub.Actor, error) {
	var row actorRow
	if err := db.x.GetContext(ctx, &row, actorSelect+` FROM people p WHERE p.id = $1`, id); err != nil {
		return nil, fmt.Errorf("load actor %d: %w", id, notFound(err, "The person"))
	}
	return row.actor(), nil
}

// ChangePassword checks and stores a person's new password (problems
// under "password") and ends their other sessions, keeping keepSession
// (the one they changed it from), and revokes their API tokens unless they
// chose to keep them. The caller has checked their current password.
func (db *DB) ChangePassword(ctx context.Context, personID int64, password string, keepSession []byte, keepTokens bool) error {
	hash, err := newPasswordHash(password, "password")
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := setPassword(ctx, tx, personID, hash, keepSession, keepTokens); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &personID, Action: "password.change", Subject: subject("person", personID), Details: map[string]any{"kept_api_tokens": keepTokens}})
	})
}
