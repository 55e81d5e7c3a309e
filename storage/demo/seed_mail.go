package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/notify"
	"github.com/convene/convene/storage"
)

// seedMail leaves a realistic outbox, as /admin/mail shows it: the
// confirmations of the latest registrations for the first hub's coming
// events, a place given from a waitlist, and the reminders due now. The
// addresses are all example.org, which no mail server delivers to.
func seedMail(ctx context.Context, db *storage.DB, hubSlug string, now time.Time) error {
	var regs []struct {
		ID     int64  `db:"id"`
		Status string `db:"status"`
	}
	err := sqlx.NewDb(db.SQL(), "postgres").SelectContext(ctx, &regs, `
		SELECT r.id, r.status
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN hubs h ON h.id = e.hub_id
		WHERE h.slug = $1 AND e.status = 'published' AND e.starts_at > $2 AND r.status <> 'cancelled' AND NOT r.walk_in
		ORDER BY r.created_at DESC, r.id DESC LIMIT 12`, hubSlug, now)
	if err != nil {
		return fmt.Errorf("demo mail: %w", err)
	}
	for _, r := range regs {
		kind := notify.KindRegistered
		if r.Status == "waitlisted" {
			kind = notify.KindWaitlisted
		}
		if err := db.QueueRegistrationMessage(ctx, kind, r.ID); err != nil {
			return fmt.Errorf("demo mail: %w", err)
		}
	}
	// The last to get a place at a full event, as if from its waitlist.
	var promoted []int64
	err = sqlx.NewDb(db.SQL(), "postgres").SelectContext(ctx, &promoted, `
		SELECT r.id FROM registrations r JOIN events e ON e.id = r.event_id JOIN hubs h ON h.id = e.hub_id
		WHERE h.slug = $1 AND e.status = 'published' AND e.starts_at > $2 AND r.status = 'registered' AND NOT r.walk_in
		  AND EXISTS (SELECT 1 FROM registrations w WHERE w.event_id = e.id AND w.status = 'waitlisted')
		ORDER BY r.created_at DESC, r.id DESC LIMIT 1`, hubSlug, now)
	if err != nil {
		return fmt.Errorf("demo mail: %w", err)
	}
	for _, id := range promoted {
		if err := db.QueueRegistrationMessage(ctx, notify.KindPromoted, id); err != nil {
			return fmt.Errorf("demo mail: %w", err)
		}
	}
	if _, err := db.QueueReminders(ctx, now); err != nil {
		return fmt.Errorf("demo mail: %w", err)
	}
	return nil
}
