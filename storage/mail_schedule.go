package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// QueueReminders queues the reminders due at now (see
// notify.DueReminders) to people with a place at published events about
// to start, and says how many it queued. Run as often as you like: each
// reminder's key is per registration, kind and event sequence.
func (db *DB) QueueReminders(ctx context.Context, now time.Time) (int, error) {
	var rows []struct {
		eventRow
		RegID      int64     `db:"reg_id"`
		PlacedAt   time.Time `db:"placed_at"`
		TimeZone   string    `db:"timezone"`
		Registered time.Time `db:"registered_at"`
	}
	err := db.x.SelectContext(ctx, &rows, `SELECT `+eventColumns+`, r.id AS reg_id, r.status_changed_at AS placed_at,
			r.created_at AS registered_at, h.timezone
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN hubs h ON h.id = e.hub_id
		WHERE r.status = 'registered' AND e.status = 'published' AND e.starts_at > $1 AND e.starts_at <= $1 + $2 * interval '1 second'
		ORDER BY e.starts_at, r.id`, now, (notify.ReminderLead + time.Hour).Seconds())
	if err != nil {
		return 0, fmt.Errorf("reminders due: %w", err)
	}
	queued := 0
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, r := range rows {
			loc, err := hub.LoadTimeZone(r.TimeZone)
			if err != nil {
				loc, _ = hub.LoadTimeZone(hub.DefaultTimeZone)
			}
			e := r.event()
			// A place from the waitlist counts from when it was given.
			placed := r.Registered
			if r.PlacedAt.After(placed) {
				placed = r.PlacedAt
			}
			for _, k := range notify.DueReminders(e, loc, placed, now) {
				key := fmt.Sprintf("reminder:%s:reg:%d:seq:%d", k, r.RegID, e.Sequence)
				details := map[string]notify.ReminderKind{"reminder": k}
				if err := queueForRegistration(ctx, tx, notify.KindReminder, key, r.RegID, e.ID, "", details); err != nil {
					return err
				}
				queued++
			}
		}
		return nil
	})
	return queued, err
}

// DigestHour is the local hour from which coordinators' digests are due.
const DigestHour = 7

// QueueDigests queues each coordinator's daily digest of what waits for
// them, once a day from DigestHour in their (first) hub's time zone, when
// anything waits. Run as often as you like: the key is per person and
// local date.
func (db *DB) QueueDigests(ctx context.Context, now time.Time) (int, error) {
	var coordinators []struct {
		ID       int64  `db:"id"`
		Email    string `db:"email"`
		Name     string `db:"name"`
		TimeZone string `db:"timezone"`
	}
	err := db.x.SelectContext(ctx, &coordinators, `SELECT DISTINCT ON (p.id) p.id, p.email, p.name, h.timezone
		FROM roles r JOIN people p ON p.id = r.person_id JOIN hubs h ON h.id = r.hub_id
		WHERE r.role = 'coordinator' ORDER BY p.id, h.id`)
	if err != nil {
		return 0, fmt.Errorf("coordinators: %w", err)
	}
	queued := 0
	for _, c := range coordinators {
		loc, err := hub.LoadTimeZone(c.TimeZone)
		if err != nil {
			loc, _ = hub.LoadTimeZone(hub.DefaultTimeZone)
		}
		local := now.In(loc)
		if local.Hour() < DigestHour {
			continue
		}
		d, err := db.digestOf(ctx, c.ID, now)
		if err != nil {
			return queued, err
		}
		if d.Empty() {
			continue
		}
		err = db.inTx(ctx, func(tx *sqlx.Tx) error {
			key := fmt.Sprintf("digest:person:%d:%s", c.ID, local.Format(time.DateOnly))
			return queueMessage(ctx, tx, outgoing{Kind: notify.KindDigest, Key: key, ToEmail: c.Email, ToName: c.Name, PersonID: &c.ID, Details: d})
		})
		if err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}

// Windows of the digest.
const (
	digestDraftsAhead = 14 * 24 * time.Hour
	// busyShare is how full an event is, in percent, to count as filling up.
	busyShare = 80
)

// digestOf gathers what waits for a coordinator across their hubs.
func (db *DB) digestOf(ctx context.Context, personID int64, now time.Time) (notify.Digest, error) {
	var d notify.Digest
	var items []struct {
		Section string `db:"section"`
		notify.DigestItem
	}
	err := db.x.SelectContext(ctx, &items, `
		WITH mine AS (SELECT hub_id FROM roles WHERE person_id = $1 AND role = 'coordinator')
		SELECT 'join' AS section, h.name AS hub, o.name AS title, 'asked to join' AS detail, '/hubs/' || h.slug || '/members' AS path
		FROM hub_memberships m JOIN hubs h ON h.id = m.hub_id JOIN organisations o ON o.id = m.organisation_id
		WHERE m.status = 'requested' AND m.hub_id IN (SELECT hub_id FROM mine)
		UNION ALL
		SELECT 'busy', h.name, e.title,
			(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.created_at > $2 - interval '1 day')::text || ' new in the last day; ' ||
			greatest(e.capacity - (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'registered'), 0)::text || ' places left',
			'/events/' || e.id || '/check-in'
		FROM events e JOIN hubs h ON h.id = e.hub_id
		WHERE e.hub_id IN (SELECT hub_id FROM mine) AND e.status = 'published' AND e.starts_at > $2 AND e.capacity IS NOT NULL
		  AND (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'registered') * 100 >= e.capacity * $4
		  AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.created_at > $2 - interval '1 day')
		UNION ALL
		SELECT 'draft', h.name, e.title, 'still a draft; starts ' || to_char(e.starts_at AT TIME ZONE h.timezone, 'FMDay FMDD FMMonth YYYY'), '/events/' || e.id || '/edit'
		FROM events e JOIN hubs h ON h.id = e.hub_id
		WHERE e.hub_id IN (SELECT hub_id FROM mine) AND e.status = 'draft' AND e.starts_at > $2 AND e.starts_at <= $2 + $3 * interval '1 second'
		ORDER BY 1, 2, 3`, personID, now, digestDraftsAhead.Seconds(), busyShare)
	if err != nil {
		return d, fmt.Errorf("digest of %d: %w", personID, err)
	}
	for _, it := range items {
		switch it.Section {
		case "join":
			d.JoinRequests = append(d.JoinRequests, it.DigestItem)
		case "busy":
			d.BusyEvents = append(d.BusyEvents, it.DigestItem)
		case "draft":
			d.Drafts = append(d.Drafts, it.DigestItem)
		}
	}
	return d, nil
}

// TidyMail removes delivered messages older than keep, so the outbox does
// not grow without end; failed ones stay until an admin deals with them.
func (db *DB) TidyMail(ctx context.Context, keep time.Duration) error {
	if _, err := db.x.ExecContext(ctx, `DELETE FROM mail_messages WHERE status IN ('sent', 'kept', 'skipped') AND created_at < now() - $1 * interval '1 second'`,
		keep.Seconds()); err != nil {
		return fmt.Errorf("tidy mail: %w", err)
	}
	if _, err := db.x.ExecContext(ctx, `DELETE FROM password_reset_requests WHERE at < now() - interval '1 day'`); err != nil {
		return fmt.Errorf("tidy password reset requests: %w", err)
	}
	return nil
}
