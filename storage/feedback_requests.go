package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// FeedbackDue queues the feedback requests due now, at most a hundred
// at a time (the mail jobs call it every few minutes).
func (db *DB) FeedbackDue(ctx context.Context, now time.Time) (int, error) {
	return db.QueueFeedbackRequests(ctx, now, 100)
}

// QueueFeedbackRequests finds the attendees to ask for feedback at now
// (events.NextFeedbackAsk: once after the event, one reminder later if
// they have not answered, nothing after closing), gives each a private
// link, and hands each request to queue in the same transaction, so that
// a request is recorded as sent exactly when its message is queued in the
// outbox. It handles at most limit attendees a call and reports how many.
func (db *DB) QueueFeedbackRequests(ctx context.Context, now time.Time, limit int) (int, error) {
	type due struct {
		eventRow
		Closes     *time.Time `db:"feedback_closes_at"`
		RegID      int64      `db:"registration_id"`
		Name       string     `db:"name"`
		Email      string     `db:"email"`
		AskedAt    *time.Time `db:"asked_at"`
		RemindedAt *time.Time `db:"reminded_at"`
	}
	n := 0
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var rows []due
		// Candidates: checked in, no answer, event over and still open,
		// not reminded yet; locked so that two instances never ask twice.
		err := tx.SelectContext(ctx, &rows, `
			SELECT `+eventColumns+`, e.feedback_closes_at, r.id AS registration_id,
				coalesce(p.name, r.guest_name) AS name, coalesce(p.email, r.guest_email) AS email, fr.asked_at, fr.reminded_at
			FROM registrations r
			JOIN events e ON e.id = r.event_id
			LEFT JOIN people p ON p.id = r.person_id
			LEFT JOIN feedback_requests fr ON fr.registration_id = r.id
			WHERE r.attended_at IS NOT NULL AND r.status <> 'cancelled' AND e.status = 'published'
			  AND e.ends_at <= $1 AND coalesce(e.feedback_closes_at, e.ends_at + $2 * interval '1 second') > $1
			  AND fr.reminded_at IS NULL AND coalesce(p.email, r.guest_email) <> ''
			  AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.registration_id = r.id)
			ORDER BY r.id LIMIT $3
			FOR UPDATE OF r SKIP LOCKED`, now, events.DefaultFeedbackWindow.Seconds(), limit)
		if err != nil {
			return fmt.Errorf("find attendees to ask for feedback: %w", err)
		}
		for _, d := range rows {
			e := d.event()
			closes := events.FeedbackCloses(e, d.Closes)
			ask := events.NextFeedbackAsk(e, closes, now, true, false, d.AskedAt, d.RemindedAt)
			if ask == events.AskNothing {
				continue
			}
			token, hash := hub.NewToken("")
			if ask == events.AskFirst {
				_, err = tx.ExecContext(ctx, `INSERT INTO feedback_requests (registration_id, token_hash, asked_at) VALUES ($1, $2, $3)`, d.RegID, hash, now)
			} else {
				_, err = tx.ExecContext(ctx, `UPDATE feedback_requests SET token_hash = $2, reminded_at = $3 WHERE registration_id = $1`, d.RegID, hash, now)
			}
			if err != nil {
				return fmt.Errorf("record feedback request for %d: %w", d.RegID, err)
			}
			note := notify.FeedbackNote{Reminder: ask == events.AskReminder, Closes: closes}
			key := fmt.Sprintf("%s:reg:%d:%t", notify.KindFeedbackAsk, d.RegID, note.Reminder)
			if err := queueForRegistration(ctx, tx, notify.KindFeedbackAsk, key, d.RegID, e.ID, token, note); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// PseudonymKey is the deployment's pseudonym key: configured, when given;
// otherwise made at random on first use and kept in the database, so that
// every instance and every export of the deployment agrees.
func (db *DB) PseudonymKey(ctx context.Context, configured []byte) ([]byte, error) {
	if len(configured) > 0 {
		return configured, nil
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("make pseudonym key: %w", err)
	}
	var key []byte
	err := db.x.GetContext(ctx, &key, `
		WITH made AS (INSERT INTO deployment_secrets (name, value) VALUES ('pseudonym_key', $1) ON CONFLICT (name) DO NOTHING RETURNING value)
		SELECT value FROM made UNION ALL SELECT value FROM deployment_secrets WHERE name = 'pseudonym_key' LIMIT 1`, fresh)
	if errors.Is(err, sql.ErrNoRows) {
		// Another instance made it after this statement's snapshot.
		err = db.x.GetContext(ctx, &key, `SELECT value FROM deployment_secrets WHERE name = 'pseudonym_key'`)
	}
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	return key, nil
}
