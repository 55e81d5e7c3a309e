package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// Purposes of a password link.
const (
	PurposeInvite = "invite"
	PurposeReset  = "reset"
)

// How long password links stay usable.
const (
	InviteLifetime = 7 * 24 * time.Hour
	ResetLifetime  = 24 * time.Hour
)

// errLinkUsed is the answer for a link that is unknown, expired or used:
// the three are told apart to nobody.
var errLinkUsed = &hub.Error{Code: hub.ENotFound, Message: "This link has expired or has already been used. Ask your hub coordinator for a new one."}

// createPasswordToken makes a single-use link token for a person, valid
// for the purpose's lifetime. Earlier unused links of the same person and
// purpose stop working.
func createPasswordToken(ctx context.Context, q querier, personID int64, purpose string, createdBy *int64) (string, error) {
	lifetime := ResetLifetime
	if purpose == PurposeInvite {
		lifetime = InviteLifetime
	}
	token, hash := hub.NewToken("")
	if _, err := q.ExecContext(ctx, `UPDATE password_tokens SET used_at = now() WHERE person_id = $1 AND purpose = $2 AND used_at IS NULL`, personID, purpose); err != nil {
		return "", fmt.Errorf("retire password links: %w", err)
	}
	_, err := q.ExecContext(ctx, `
		INSERT INTO password_tokens (person_id, purpose, token_hash, created_by, expires_at)
		VALUES ($1, $2, $3, $4, now() + $5 * interval '1 second')`,
		personID, purpose, hash, createdBy, lifetime.Seconds())
	if err != nil {
		return "", fmt.Errorf("create password link: %w", err)
	}
	return token, nil
}

// PasswordLink is a valid link's person and purpose.
type PasswordLink struct {
	Person  hub.Person
	Purpose string
}

// CheckPasswordToken says whose valid link a token is, without using it.
func (db *DB) CheckPasswordToken(ctx context.Context, token string) (PasswordLink, error) {
	var row struct {
		hub.Person
		Purpose string `db:"purpose"`
	}
	err := db.x.GetContext(ctx, &row, `
		SELECT `+personColumns+`, t.purpose FROM password_tokens t JOIN people p ON p.id = t.person_id
		WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`, hub.HashToken(token))
	if errors.Is(err, sql.ErrNoRows) {
		return PasswordLink{}, errLinkUsed
	}
	if err != nil {
		return PasswordLink{}, fmt.Errorf("check password link: %w", err)
	}
	return PasswordLink{Person: row.Person, Purpose: row.Purpose}, nil
}

// UsePasswordToken sets the password through a link, once: the password
// is checked (problems under "password"), the link spent, the password
// stored and every session of the person ended, in one transaction.
// Setting a password, by whatever way, retires every other link of the
// person; being given a role or reaching further retires the links others
// made (triggers of migration 0018): a link a coordinator made and kept
// cannot later open an account with a password, a role or a wider reach.
func (db *DB) UsePasswordToken(ctx context.Context, token, password string) (hub.Person, error) {
	var p hub.Person
	passwordHash, err := newPasswordHash(password, "password")
	if err != nil {
		return p, err
	}
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		var personID int64
		err := tx.GetContext(ctx, &personID, `
			UPDATE password_tokens SET used_at = now()
			WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
			RETURNING person_id`, hub.HashToken(token))
		if errors.Is(err, sql.ErrNoRows) {
			return errLinkUsed
		}
		if err != nil {
			return fmt.Errorf("use password link: %w", err)
		}
		if err := setPassword(ctx, tx, personID, passwordHash, nil, false); err != nil {
			return err
		}
		if err := audit(ctx, tx, Entry{PersonID: &personID, Action: "password.set", Subject: subject("person", personID)}); err != nil {
			return err
		}
		return tx.GetContext(ctx, &p, `SELECT `+personColumns+` FROM people p WHERE p.id = $1`, personID)
	})
	return p, err
}

// newPasswordHash checks a new password (its problems under field) and
// hashes it.
func newPasswordHash(password, field string) (string, error) {
	var f hub.FieldErrors
	hub.CheckPassword(&f, field, password)
	if err := f.Err(); err != nil {
		return "", err
	}
	return hub.HashPassword(password)
}
