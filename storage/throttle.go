package storage

import (
	"context"
	"fmt"
	"time"
)

// Throttle bounds failed sign-ins within a sliding window, per account
// and per client address.
type Throttle struct {
	Window     time.Duration
	PerAccount int
	PerAddress int
}

// SignInWait says how long a sign-in for email from ip must wait; zero
// means it may go ahead. Attempts refused by the throttle are not counted
// as failures, so the lock lifts when its window has passed even while
// someone keeps trying.
func (db *DB) SignInWait(ctx context.Context, email, ip string, t Throttle) (time.Duration, error) {
	var wait struct {
		Account float64 `db:"account"`
		Address float64 `db:"address"`
	}
	// The wait ends when the oldest failure that keeps the count at its
	// limit leaves the window.
	err := db.x.GetContext(ctx, &wait, `
		SELECT
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM sign_in_failures
		            WHERE lower(email) = lower($1) AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $4 - 1 LIMIT 1), 0) AS account,
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM sign_in_failures
		            WHERE client_ip = $2 AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $5 - 1 LIMIT 1), 0) AS address`,
		email, ip, t.Window.Seconds(), t.PerAccount, t.PerAddress)
	if err != nil {
		return 0, fmt.Errorf("sign-in throttle: %w", err)
	}
	secs := max(wait.Account, wait.Address, 0)
	return time.Duration(secs * float64(time.Second)), nil
}

// RecordSignInFailure counts a failed sign-in.
func (db *DB) RecordSignInFailure(ctx context.Context, email, ip string) error {
	if _, err := db.x.ExecContext(ctx, `INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2)`, email, ip); err != nil {
		return fmt.Errorf("record sign-in failure: %w", err)
	}
	return nil
}

// ClearSignInFailures forgets an account's failures after it signs in, and
// failures too old to count anywhere.
func (db *DB) ClearSignInFailures(ctx context.Context, email string, t Throttle) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM sign_in_failures WHERE lower(email) = lower($1) OR at < now() - $2 * interval '1 second'`,
		email, t.Window.Seconds())
	if err != nil {
		return fmt.Errorf("clear sign-in failures: %w", err)
	}
	return nil
}
