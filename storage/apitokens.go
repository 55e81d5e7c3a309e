package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// APIToken is a bearer token's record; the token itself is shown once and
// never stored.
type APIToken struct {
	ID         int64      `db:"id" json:"id"`
	Name       string     `db:"name" json:"name"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	LastUsedAt *time.Time `db:"last_used_at" json:"last_used_at"`
	RevokedAt  *time.Time `db:"revoked_at" json:"revoked_at,omitempty"`
}

// CreateAPIToken makes a named token for a person and returns it with its
// record.
func (db *DB) CreateAPIToken(ctx context.Context, personID int64, name string) (string, APIToken, error) {
	var t APIToken
	name = strings.TrimSpace(name)
	var f hub.FieldErrors
	hub.CheckName(&f, "name", name)
	if err := f.Err(); err != nil {
		return "", t, err
	}
	token, hash := hub.NewToken("cvn_")
	err := db.x.GetContext(ctx, &t, `
		INSERT INTO api_tokens (person_id, name, token_hash) VALUES ($1, $2, $3)
		RETURNING id, name, created_at, last_used_at, revoked_at`, personID, name, hash)
	if err != nil {
		return "", t, fmt.Errorf("create API token: %w", err)
	}
	return token, t, nil
}

// APITokensOf lists a person's tokens that are still valid, newest first.
func (db *DB) APITokensOf(ctx context.Context, personID int64) ([]APIToken, error) {
	tokens := []APIToken{}
	err := db.x.SelectContext(ctx, &tokens, `
		SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE person_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC`, personID)
	if err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	return tokens, nil
}

// RevokeAPIToken ends one of a person's tokens; another's token is not found.
func (db *DB) RevokeAPIToken(ctx context.Context, personID, tokenID int64) error {
	res, err := db.x.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL`, tokenID, personID)
	if err != nil {
		return fmt.Errorf("revoke API token %d: %w", tokenID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &hub.Error{Code: hub.ENotFound, Message: "That token was not found."}
	}
	return nil
}

// TokenActor returns the actor behind a bearer token, or nil when the
// token is unknown or revoked. Its last-used time is kept to the minute.
func (db *DB) TokenActor(ctx context.Context, tokenHash []byte) (*hub.Actor, error) {
	var row struct {
		actorRow
		TokenID int64 `db:"token_id"`
		Stale   bool  `db:"stale"`
	}
	err := db.x.GetContext(ctx, &row, actorSelect+`, t.id AS token_id,
			(t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
		FROM api_tokens t JOIN people p ON p.id = t.person_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, tokenHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load API token: %w", err)
	}
	if row.Stale {
		if _, err := db.x.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, row.TokenID); err != nil {
			return nil, fmt.Errorf("mark API token used: %w", err)
		}
	}
	return row.actor(), nil
}
