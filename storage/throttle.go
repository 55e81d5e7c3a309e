package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// Throttle bounds failed sign-ins within a sliding window, per account
// and per client address.
type Throttle struct {
	Window     time.Duration
	PerAccount int
	PerAddress int
}

// BeginSignIn admits an attempt to sign in, or says how long it must wait.
// Under a lock on the account and one on the address, it counts recent
// failures and, when the attempt may go ahead, records it as a failure in
// advance – cleared by SignInSucceeded if the password is right – so that
// attempts made in parallel are counted one by one. Attempts refused by
// the throttle are not counted, so the lock lifts when its window has
// passed even while someone keeps trying.
func (db *DB) BeginSignIn(ctx context.Context, email, ip string, t Throttle) (time.Duration, error) {
	var wait time.Duration
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		// Always the account first, then the address: no deadlocks.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('sign-in:' || lower($1))), pg_advisory_xact_lock(hashtext('sign-in-from:' || $2))`, email, ip); err != nil {
			return fmt.Errorf("sign-in lock: %w", err)
		}
		var err error
		if wait, err = signInWait(ctx, tx, email, ip, t); err != nil || wait > 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2)`, email, ip); err != nil {
			return fmt.Errorf("record sign-in attempt: %w", err)
		}
		return nil
	})
	return wait, err
}

// signInWait says how long a sign-in for email from ip must wait.
func signInWait(ctx context.Context, q querier, email, ip string, t Throttle) (time.Duration, error) {
	wait, err := attemptsWait(ctx, q, signInFailures, email, ip, t)
	if err != nil {
		return 0, fmt.Errorf("sign-in throttle: %w", err)
	}
	secs := max(wait.Account, wait.Address, 0)
	return time.Duration(secs * float64(time.Second)), nil
}

// Tables of counted attempts, each with email, client_ip and at.
const (
	signInFailures        = "sign_in_failures"
	passwordResetRequests = "password_reset_requests"
)

// waits is how many seconds an email address and a client address must
// each wait before another attempt; 0 when under the limit.
type waits struct {
	Account float64 `db:"account"`
	Address float64 `db:"address"`
}

// attemptsWait reads the waits from the attempts recorded in table (one of
// the constants above): each wait ends when the oldest attempt that keeps
// the count at its limit leaves the window.
func attemptsWait(ctx context.Context, q querier, table, email, ip string, t Throttle) (waits, error) {
	var w waits
	err := sqlxGet(ctx, q, &w, `
		SELECT
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM `+table+`
		            WHERE lower(email) = lower($1) AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $4 - 1 LIMIT 1), 0) AS account,
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM `+table+`
		            WHERE client_ip = $2 AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $5 - 1 LIMIT 1), 0) AS address`,
		email, ip, t.Window.Seconds(), t.PerAccount, t.PerAddress)
	return w, err
}

// RecordSignInFailure counts a failed sign-in.
func (db *DB) RecordSignInFailure(ctx context.Context, email, ip string) error {
	if _, err := db.x.ExecContext(ctx, `INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2)`, email, ip); err != nil {
		return fmt.Errorf("record sign-in failure: %w", err)
	}
	return nil
}

// SignInSucceeded forgets an account's failures once it signs in, and
// failures too old to count anywhere.
func (db *DB) SignInSucceeded(ctx context.Context, email string, t Throttle) error {
	_, err := db.x.ExecContext(ctx, `DELETE FROM sign_in_failures WHERE lower(email) = lower($1) OR at < now() - $2 * interval '1 second'`,
		email, t.Window.Seconds())
	if err != nil {
		return fmt.Errorf("clear sign-in failures: %w", err)
	}
	return nil
}

// GuestThrottle bounds registrations by guests (people not signed in)
// within a sliding window, per client address across all events and per
// event across all addresses, so that a script cannot take every place.
type GuestThrottle struct {
	Window     time.Duration
	PerAddress int
	PerEvent   int
}

// admitGuest counts a guest's registration for an event from ip, or
// refuses it with rate_limited and when to retry. It must run in the
// registration's transaction, which holds the event's row lock: that
// serialises the count per event; an advisory lock on the address
// serialises it per address (always taken after the event's lock). The
// attempt is counted whatever comes of it, like a sign-in attempt, and
// refused ones are not, so the limit lifts when the window has passed.
func admitGuest(ctx context.Context, tx *sqlx.Tx, eventID int64, ip string, t GuestThrottle) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('guest-registration-from:' || $1))`, ip); err != nil {
		return fmt.Errorf("guest registration lock: %w", err)
	}
	var wait struct {
		Address float64 `db:"address"`
		Event   float64 `db:"event"`
	}
	// As for sign-in: the wait ends when the oldest attempt that keeps the
	// count at its limit leaves the window.
	err := sqlxGet(ctx, tx, &wait, `
		SELECT
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM guest_registration_attempts
		            WHERE client_ip = $2 AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $4 - 1 LIMIT 1), 0) AS address,
		  coalesce((SELECT extract(epoch FROM at + $3 * interval '1 second' - now()) FROM guest_registration_attempts
		            WHERE event_id = $1 AND at > now() - $3 * interval '1 second'
		            ORDER BY at DESC OFFSET $5 - 1 LIMIT 1), 0) AS event`,
		eventID, ip, t.Window.Seconds(), t.PerAddress, t.PerEvent)
	if err != nil {
		return fmt.Errorf("guest registration throttle: %w", err)
	}
	if wait.Address > 0 || wait.Event > 0 {
		secs := max(wait.Address, wait.Event)
		minutes := hub.Plural(int(secs/60)+1, "minute", "minutes")
		msg := "Too many people have registered as guests from your network recently. Please wait " + minutes +
			" and try again, or sign in if you have an account."
		if wait.Address == 0 {
			msg = "This event has had a great many guest registrations in a short time. Please wait " + minutes +
				" and try again, or sign in if you have an account."
		}
		return &hub.Error{Code: hub.ERateLimited, Message: msg, RetryAfterSeconds: int(secs) + 1}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO guest_registration_attempts (event_id, client_ip, keep_until)
		VALUES ($1, $2, now() + $3 * interval '1 second')`, eventID, ip, t.Window.Seconds())
	if err != nil {
		return fmt.Errorf("record guest registration: %w", err)
	}
	return nil
}
