package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// calendarTokenPrefix starts every personal feed token, so that a leaked
// one is recognisable.
const calendarTokenPrefix = "cal_"

// CalendarToken returns a person's live feed token, making one on first
// use. Only hashes are stored, so an existing token cannot be shown again:
// it is rotated instead (the old URL then answers 410). fresh reports
// whether the token was made now.
func (db *DB) CalendarToken(ctx context.Context, personID int64, rotate bool) (token string, err error) {
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		// Serialise makers for one person: two first views at once must not
		// both insert.
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM people WHERE id = $1 FOR UPDATE`, personID); err != nil {
			return fmt.Errorf("lock person %d: %w", personID, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calendar_tokens SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL`, personID); err != nil {
			return fmt.Errorf("revoke calendar token of %d: %w", personID, err)
		}
		var hash []byte
		token, hash = hub.NewToken(calendarTokenPrefix)
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_tokens (person_id, token_hash) VALUES ($1, $2)`, personID, hash); err != nil {
			return fmt.Errorf("create calendar token of %d: %w", personID, mapErr(err))
		}
		action := "calendar_token.create"
		if rotate {
			action = "calendar_token.rotate"
		}
		return audit(ctx, tx, Entry{PersonID: &personID, Action: action, Subject: subject("person", personID)})
	})
	return token, err
}

// HasCalendarToken reports whether a person has a live feed token.
func (db *DB) HasCalendarToken(ctx context.Context, personID int64) (bool, error) {
	var has bool
	err := db.x.GetContext(ctx, &has, `SELECT EXISTS (SELECT 1 FROM calendar_tokens WHERE person_id = $1 AND revoked_at IS NULL)`, personID)
	if err != nil {
		return false, fmt.Errorf("find calendar token of %d: %w", personID, err)
	}
	return has, nil
}

// ErrFeedRevoked is returned for a feed token that was rotated or revoked:
// its feed is gone for good (HTTP 410), unlike one never issued (404).
var ErrFeedRevoked = &hub.Error{Code: hub.ENotFound, Message: "This calendar address has been replaced. Subscribe again with the new address from your account page."}

// CalendarTokenPerson finds whose feed a token opens. An unknown token is
// not found; a revoked one is ErrFeedRevoked.
func (db *DB) CalendarTokenPerson(ctx context.Context, token string) (int64, error) {
	var row struct {
		PersonID int64 `db:"person_id"`
		Revoked  bool  `db:"revoked"`
	}
	err := db.x.GetContext(ctx, &row, `SELECT person_id, revoked_at IS NOT NULL AS revoked FROM calendar_tokens WHERE token_hash = $1`, hub.HashToken(token))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, &hub.Error{Code: hub.ENotFound, Message: "There is no calendar at this address."}
	case err != nil:
		return 0, fmt.Errorf("find calendar token: %w", err)
	case row.Revoked:
		return 0, ErrFeedRevoked
	}
	return row.PersonID, nil
}
