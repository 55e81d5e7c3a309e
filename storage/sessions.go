package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/convene/convene/hub"
)

// SessionPolicy bounds how long a session lives: IdleTimeout after its
// last use, Lifetime after sign-in whatever happens.
type SessionPolicy struct {
	IdleTimeout time.Duration
	Lifetime    time.Duration
}

// CreateSession signs a person in and returns the cookie's token; only
// its hash is stored.
func (db *DB) CreateSession(ctx context.Context, personID int64, p SessionPolicy) (string, error) {
	token, hash := hub.NewToken("")
	_, err := db.x.ExecContext(ctx, `
		INSERT INTO sessions (token_hash, person_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')`,
		hash, personID, p.Lifetime.Seconds())
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// SessionActor returns the actor of a live session, or nil when the token
// is unknown, idle too long or past its lifetime. The session's last-seen
// time is refreshed at most once a minute, to spare a write per request.
func (db *DB) SessionActor(ctx context.Context, tokenHash []byte, p SessionPolicy) (*hub.Actor, error) {
	var row struct {
		actorRow
		Stale bool `db:"stale"`
	}
	err := db.x.GetContext(ctx, &row, actorSelect+`, s.last_seen_at < now() - interval '1 minute' AS stale
		FROM sessions s JOIN people p ON p.id = s.person_id
		WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2 * interval '1 second'`,
		tokenHash, p.IdleTimeout.Seconds())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	if row.Stale {
		if _, err := db.x.ExecContext(ctx, `UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, tokenHash); err != nil {
			return nil, fmt.Errorf("refresh session: %w", err)
		}
	}
	return row.actor(), nil
}

// DeleteSession signs a session out.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	if _, err := db.x.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// Tidy removes what can no longer be used: sessions past their idle or
// absolute expiry, sign-in failures older than the throttle's window,
// guest registrations counted by a window that has passed, the client
// addresses of feedback codes past theirs, and password links expired or
// used more than a month ago.
func (db *DB) Tidy(ctx context.Context, p SessionPolicy, t Throttle) error {
	for _, q := range []struct {
		what, sql string
		arg       float64
	}{
		{"sessions", `DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - $1 * interval '1 second'`, p.IdleTimeout.Seconds()},
		{"sign-in failures", `DELETE FROM sign_in_failures WHERE at <= now() - $1 * interval '1 second'`, t.Window.Seconds()},
		{"guest registrations", `DELETE FROM guest_registration_attempts WHERE keep_until <= now() - $1 * interval '1 second'`, 0},
		{"feedback code clients", `UPDATE feedback_codes SET client_ip = NULL WHERE client_ip IS NOT NULL AND created_at <= now() - $1 * interval '1 second'`, FeedbackCodeWindow.Seconds()},
		{"password links", `DELETE FROM password_tokens WHERE coalesce(used_at, expires_at) <= now() - $1 * interval '1 second'`, (30 * 24 * time.Hour).Seconds()},
	} {
		if _, err := db.x.ExecContext(ctx, q.sql, q.arg); err != nil {
			return fmt.Errorf("tidy %s: %w", q.what, err)
		}
	}
	return nil
}
