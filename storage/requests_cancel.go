package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
)

// unscheduleCancelled puts the scheduled requests that a cancelled event's
// agenda answered back to accepted, with a line of history giving the
// cancellation's reason, and unlinks them from its agenda items so that
// they can be scheduled into another event. It runs in the cancellation's
// transaction, under the event's lock; delivered requests stay delivered.
func unscheduleCancelled(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event, reason string) error {
	why := "The event “" + e.Title + "” was cancelled"
	if reason != "" {
		why += ": " + reason
	} else {
		why += "."
	}
	_, err := tx.ExecContext(ctx, `
		WITH back AS (
			UPDATE topic_requests r SET status = 'accepted', status_changed_at = now(), updated_at = now(), version = r.version + 1
			FROM agenda_items a
			WHERE a.event_id = $1 AND a.request_id = r.id AND r.status = 'scheduled'
			RETURNING r.id),
		unlinked AS (
			UPDATE agenda_items SET request_id = NULL WHERE event_id = $1 AND request_id IN (SELECT id FROM back) RETURNING id)
		INSERT INTO request_status_changes (request_id, from_status, to_status, reason, changed_by, event_id)
		SELECT id, 'scheduled', 'accepted', $2, $3, $1 FROM back`, e.ID, why, by)
	if err != nil {
		return fmt.Errorf("unschedule the requests of cancelled event %d: %w", e.ID, err)
	}
	return nil
}

// SettleDeliveries marks every hub's scheduled requests whose event has
// ended by now as delivered: the hourly tidy-up runs it, so that requests
// become delivered even when no one reads them (readers settle their own
// hub too).
func (db *DB) SettleDeliveries(ctx context.Context, now time.Time) error {
	return settleDeliveries(ctx, db.x, 0, now)
}
