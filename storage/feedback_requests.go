package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// FeedbackRequest is one email asking an attendee for feedback: the first
// after the event, or the one reminder.
type FeedbackRequest struct {
	RegistrationID int64
	EventID        int64
	EventTitle     string
	// Name and Email are whom to write to.
	Name, Email string
	// Token is the secret of their private feedback link; only its hash
	// is kept, and a reminder carries a new one.
	Token string
	// Reminder is true for the reminder.
	Reminder bool
	// Closes is when feedback closes, to say so in the email.
	Closes time.Time
}

// Path is the private feedback link, relative to the site's address.
func (r FeedbackRequest) Path() string {
	return "/events/" + strconv.FormatInt(r.EventID, 10) + "/feedback?token=" + r.Token
}

// QueueFeedbackRequests finds the attendees to ask for feedback at now
// (events.NextFeedbackAsk: once after the event, one reminder later if
// they have not answered, nothing after closing), gives each a private
// link, and hands each request to queue in the same transaction, so that
// a request is recorded as sent exactly when it is queued. The email job
// queue is wired in here when it lands; until then callers pass their own
// queue. It handles at most limit attendees a call and reports how many.
func (db *DB) QueueFeedbackRequests(ctx context.Context, now time.Time, limit int, queue func(ctx context.Context, tx *sqlx.Tx, r FeedbackRequest) error) (int, error) {
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
			req := FeedbackRequest{RegistrationID: d.RegID, EventID: e.ID, EventTitle: e.Title, Name: d.Name, Email: d.Email,
				Token: token, Reminder: ask == events.AskReminder, Closes: closes}
			if err := queue(ctx, tx, req); err != nil {
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
