package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// RequestPasswordReset emails a single-use link to set a new password to
// the account with this address, if there is one. The answer is the same
// whether or not there is: nil, or rate_limited when the client address
// has asked too often. Requests are counted per address asked about and
// per client address, account or not (the sign-in throttle's rule, in its
// own table so that asking for a link never locks anyone out of signing
// in); beyond the per-address limit nothing more is sent, silently, so
// that nobody can flood an inbox.
func (db *DB) RequestPasswordReset(ctx context.Context, email, ip string, t Throttle) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('password-reset:' || lower($1))), pg_advisory_xact_lock(hashtext('password-reset-from:' || $2))`, email, ip); err != nil {
			return fmt.Errorf("password reset lock: %w", err)
		}
		wait, err := attemptsWait(ctx, tx, passwordResetRequests, email, ip, t)
		if err != nil {
			return fmt.Errorf("password reset throttle: %w", err)
		}
		if wait.Address > 0 {
			minutes := hub.Plural(int(wait.Address/60)+1, "minute", "minutes")
			return &hub.Error{Code: hub.ERateLimited, Message: "Too many password resets have been asked for from your network. Please wait " + minutes + " and try again.",
				RetryAfterSeconds: int(wait.Address) + 1}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO password_reset_requests (email, client_ip) VALUES ($1, $2)`, email, ip); err != nil {
			return fmt.Errorf("record password reset request: %w", err)
		}
		if wait.Account > 0 {
			return nil
		}
		var personID int64
		err = tx.GetContext(ctx, &personID, `SELECT id FROM people WHERE lower(email) = lower($1)`, email)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("find account: %w", err)
		}
		token, err := createPasswordToken(ctx, tx, personID, PurposeReset, nil)
		if err != nil {
			return err
		}
		if err := queuePasswordLink(ctx, tx, personID, PurposeReset, token, nil, nil); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &personID, Action: "password.reset_requested", Subject: subject("person", personID)})
	})
}

// sendManageLink emails a guest's live registration a fresh manage link
// (the old one stops working), to its own address only: the answer to
// someone registering again with that address, within the transaction
// (and throttle) of that registration attempt.
func sendManageLink(ctx context.Context, tx *sqlx.Tx, regID int64) error {
	reg, err := registrationByID(ctx, tx, regID)
	if err != nil {
		return err
	}
	if reg.PersonID != nil || reg.GuestEmail == "" {
		return nil
	}
	token, hash := hub.NewToken("")
	if _, err := tx.ExecContext(ctx, `UPDATE registrations SET manage_token_hash = $2 WHERE id = $1 AND status <> 'cancelled'`, regID, hash); err != nil {
		return fmt.Errorf("new manage link for %d: %w", regID, err)
	}
	key := fmt.Sprintf("%s:reg:%d:%x", notify.KindManageLink, regID, hash[:8])
	if err := queueForRegistration(ctx, tx, notify.KindManageLink, key, regID, reg.EventID, token, nil); err != nil {
		return err
	}
	return audit(ctx, tx, Entry{Action: "registration.manage_link_sent", Subject: subject("registration", regID)})
}
