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

// MailOptOuts are the optional kinds an address has turned off.
func (db *DB) MailOptOuts(ctx context.Context, email string) (map[notify.Kind]bool, error) {
	var kinds []notify.Kind
	if err := db.x.SelectContext(ctx, &kinds, `SELECT kind FROM mail_opt_outs WHERE lower(email) = lower($1)`, email); err != nil {
		return nil, fmt.Errorf("mail preferences: %w", err)
	}
	off := map[notify.Kind]bool{}
	for _, k := range kinds {
		off[k] = true
	}
	return off, nil
}

// SetMailOptOuts turns each optional kind on or off for an address: off
// lists those to turn off; the others are turned on.
func (db *DB) SetMailOptOuts(ctx context.Context, email string, off map[notify.Kind]bool) error {
	for k := range off {
		if !k.Optional() {
			return &hub.Error{Code: hub.EInvalid, Message: "Only reminders and digests can be turned off.", Fields: map[string]string{"kind": "Not an optional kind"}}
		}
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, k := range notify.OptionalKinds() {
			if err := setOptOut(ctx, tx, email, k, off[k]); err != nil {
				return err
			}
		}
		return nil
	})
}

func setOptOut(ctx context.Context, tx *sqlx.Tx, email string, k notify.Kind, off bool) error {
	q := `DELETE FROM mail_opt_outs WHERE lower(email) = lower($1) AND kind = $2`
	if off {
		q = `INSERT INTO mail_opt_outs (email, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	}
	if _, err := tx.ExecContext(ctx, q, email, k); err != nil {
		return fmt.Errorf("mail preference: %w", err)
	}
	return nil
}

// Unsubscription is what a message's unsubscribe link turns off.
type Unsubscription struct {
	Email string
	Kind  notify.Kind
}

// UnsubscribeTarget says what a message's unsubscribe token is for; an
// unknown token is not found.
func (db *DB) UnsubscribeTarget(ctx context.Context, token string) (Unsubscription, error) {
	var u struct {
		Email string      `db:"to_email"`
		Kind  notify.Kind `db:"kind"`
	}
	err := db.x.GetContext(ctx, &u, `SELECT to_email, kind FROM mail_messages WHERE unsubscribe_hash = $1`, hub.HashToken(token))
	if errors.Is(err, sql.ErrNoRows) {
		return Unsubscription{}, &hub.Error{Code: hub.ENotFound, Message: "This unsubscribe link is not known. Choose which emails you get on your account page."}
	}
	if err != nil {
		return Unsubscription{}, fmt.Errorf("unsubscribe: %w", err)
	}
	return Unsubscription{Email: u.Email, Kind: u.Kind}, nil
}

// Unsubscribe turns off the kind of message a token came with, for the
// address it went to. Doing it twice is harmless.
func (db *DB) Unsubscribe(ctx context.Context, token string) (Unsubscription, error) {
	u, err := db.UnsubscribeTarget(ctx, token)
	if err != nil {
		return u, err
	}
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := setOptOut(ctx, tx, u.Email, u.Kind, true); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{Action: "mail.unsubscribe", Subject: "mail-kind:" + string(u.Kind)})
	})
	return u, err
}
