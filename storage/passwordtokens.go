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
// stored and every session of the person ended, in one transaction. A link
// someone else made for the person works only while its maker could still
// make it (hub.CanIssuePasswordLink against the person as they are now):
// a coordinator's link stops working once the person has a password, a
// role, or reaches beyond that coordinator's hubs.
func (db *DB) UsePasswordToken(ctx context.Context, token, password string) (hub.Person, error) {
	var p hub.Person
	passwordHash, err := newPasswordHash(password, "password")
	if err != nil {
		return p, err
	}
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		var link struct {
			PersonID  int64  `db:"person_id"`
			CreatedBy *int64 `db:"created_by"`
		}
		err := tx.GetContext(ctx, &link, `
			UPDATE password_tokens SET used_at = now()
			WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
			RETURNING person_id, created_by`, hub.HashToken(token))
		if errors.Is(err, sql.ErrNoRows) {
			return errLinkUsed
		}
		if err != nil {
			return fmt.Errorf("use password link: %w", err)
		}
		personID := link.PersonID
		if link.CreatedBy != nil && *link.CreatedBy != personID {
			if _, err := tx.ExecContext(ctx, `SELECT 1 FROM people WHERE id = $1 FOR UPDATE`, personID); err != nil {
				return fmt.Errorf("lock person %d: %w", personID, err)
			}
			var maker actorRow
			if err := tx.GetContext(ctx, &maker, actorSelect+` FROM people p WHERE p.id = $1`, *link.CreatedBy); err != nil {
				return fmt.Errorf("maker of link: %w", err)
			}
			var r reachRow
			if err := tx.GetContext(ctx, &r, `SELECT `+reachColumns+` FROM people p WHERE p.id = $1`, personID); err != nil {
				return fmt.Errorf("reach of %d: %w", personID, err)
			}
			if !hub.CanIssuePasswordLink(maker.actor(), r.Reach()) {
				return errLinkUsed
			}
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
