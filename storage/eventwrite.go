package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// insertSeries stores a series and materialises its occurrences, each its
// own event with the first's details and the occurrence's times.
func insertSeries(ctx context.Context, tx *sqlx.Tx, by *int64, first events.Event, topicIDs []int64, rule events.Recurrence, loc *time.Location) ([]events.Event, error) {
	rule = rule.Anchor(first.StartsAt, loc)
	occurrences, err := events.Expand(rule, first.StartsAt, first.EndsAt, loc)
	if err != nil {
		return nil, err
	}
	var seriesID int64
	err = tx.GetContext(ctx, &seriesID, `INSERT INTO series (hub_id, rule, created_by) VALUES ($1, $2, $3) RETURNING id`,
		first.HubID, rule.String(), by)
	if err != nil {
		return nil, fmt.Errorf("create series: %w", err)
	}
	var created []events.Event
	for _, occ := range occurrences {
		e := first
		e.SeriesID, e.StartsAt, e.EndsAt = &seriesID, occ.StartsAt, occ.EndsAt
		stored, err := insertEvent(ctx, tx, by, e, topicIDs)
		if err != nil {
			return nil, err
		}
		created = append(created, stored)
	}
	return created, audit(ctx, tx, Entry{PersonID: by, HubID: &first.HubID, Action: "series.create", Subject: subject("series", seriesID),
		Details: map[string]any{"rule": rule.String(), "occurrences": len(created)}})
}

// lockEvent reads an event for update: registration, cancellation and
// edits of the same event queue on this row lock.
func lockEvent(ctx context.Context, tx *sqlx.Tx, id int64) (events.Event, error) {
	var row eventRow
	if err := tx.GetContext(ctx, &row, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1 FOR UPDATE`, id); err != nil {
		return events.Event{}, fmt.Errorf("lock event %d: %w", id, notFound(err, "The event"))
	}
	return row.event(), nil
}

// UpdateResult says what an update did beyond saving the fields.
type UpdateResult struct {
	// Promoted counts people moved from the waitlist to a place.
	Promoted int
	// Warning explains a capacity now below the number registered.
	Warning string
	// Updated counts the events changed (more than one for "this and all
	// following" in a series).
	Updated int
}

// EventChange asks to change an event, made to the event as it is under
// its row lock so that two edits at once cannot undo each other.
type EventChange struct {
	// ID is the event changed.
	ID int64
	// Want is the version the change was made from, if the editor says.
	Want IfVersion
	// Following applies the change to the later occurrences of the event's
	// series too, each keeping its own date and local times.
	Following bool
	// Topics, when not nil, are the slugs of its new topics.
	Topics *[]string
	// Problems are what was wrong with the input before it could be
	// applied; see NewEvents.
	Problems error
	// Change sets the new values on the event as it is now.
	Change func(e *events.Event) error
}

// ChangeEvent changes an event's editable fields for a coordinator of its
// hub, validated as a whole with the host and topics checked, in one
// transaction. Changes calendars must notice (times, place, format) bump
// its sequence; a raised capacity promotes the waitlist; a lowered one
// never removes anyone.
func (db *DB) ChangeEvent(ctx context.Context, a *hub.Actor, ch EventChange) (UpdateResult, error) {
	var res UpdateResult
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, ch.ID)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		if err := ch.Want.check(e.Version, "The event"); err != nil {
			return err
		}
		var f hub.FieldErrors
		f.Merge(ch.Problems)
		id, hubID, seriesID, status, reason := e.ID, e.HubID, e.SeriesID, e.Status, e.CancelReason
		if ch.Change != nil {
			if err := ch.Change(&e); !f.Merge(err) && err != nil {
				return err
			}
		}
		e.ID, e.HubID, e.SeriesID, e.Status, e.CancelReason = id, hubID, seriesID, status, reason
		e.Normalise()
		f.Merge(e.Validate())
		var topics []string
		if ch.Topics != nil {
			topics = *ch.Topics
		} else if err := tx.SelectContext(ctx, &topics, `SELECT t.slug FROM event_topics et JOIN topics t ON t.id = et.topic_id
			WHERE et.event_id = $1 ORDER BY t.id`, e.ID); err != nil {
			return fmt.Errorf("topics of event %d: %w", e.ID, err)
		}
		topicIDs, err := checkEvent(ctx, tx, &f, e, topics)
		if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		if ch.Following && e.SeriesID != nil {
			loc, err := hubZone(ctx, tx, e.HubID)
			if err != nil {
				return err
			}
			res, err = updateFollowingTx(ctx, tx, byActor(a), e, topicIDs, loc)
			return err
		}
		res, err = updateEventTx(ctx, tx, byActor(a), e, topicIDs)
		return err
	})
	return res, err
}

// updateFollowingTx applies an edit of one occurrence to it and every
// later occurrence of its series that is not cancelled: the same details,
// and the same change of local time of day and length on each one's own
// date.
func updateFollowingTx(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event, topicIDs []int64, loc *time.Location) (UpdateResult, error) {
	var res UpdateResult
	var rows []eventRow
	err := tx.SelectContext(ctx, &rows, `SELECT `+eventColumns+` FROM events e
		WHERE e.series_id = $1 AND e.status <> 'cancelled' AND (e.starts_at >= (SELECT starts_at FROM events WHERE id = $2) OR e.id = $2)
		ORDER BY e.starts_at FOR UPDATE`, *e.SeriesID, e.ID)
	if err != nil {
		return res, fmt.Errorf("series %d: %w", *e.SeriesID, err)
	}
	occ := make([]events.Occurrence, len(rows))
	from := -1
	for i, r := range rows {
		occ[i] = events.Occurrence{StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC()}
		if r.ID == e.ID {
			from = i
		}
	}
	if from < 0 {
		return res, &hub.Error{Code: hub.EConflict, Message: "This occurrence is cancelled: edit it on its own."}
	}
	shifted, err := events.ShiftFollowing(occ, from, e.StartsAt, e.EndsAt, loc)
	if err != nil {
		return res, err
	}
	for i := from; i < len(rows); i++ {
		next := e
		next.ID, next.Status, next.CancelReason = rows[i].ID, events.Status(rows[i].Status), rows[i].CancelReason
		next.StartsAt, next.EndsAt = shifted[i].StartsAt, shifted[i].EndsAt
		r, err := updateEventTx(ctx, tx, by, next, topicIDs)
		if err != nil {
			return res, err
		}
		res.Promoted += r.Promoted
		res.Updated++
		if res.Warning == "" {
			res.Warning = r.Warning
		}
	}
	return res, nil
}

func updateEventTx(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event, topicIDs []int64) (UpdateResult, error) {
	old, err := lockEvent(ctx, tx, e.ID)
	if err != nil {
		return UpdateResult{}, err
	}
	bump := 0
	if events.NeedsNewSequence(old, e) {
		bump = 1
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE events SET title = $2, summary = $3, starts_at = $4, ends_at = $5, format = $6, venue = $7,
			host_organisation_id = $8, online_url = $9, capacity = $10, visibility = $11, audiences = $12,
			sequence = sequence + $13, updated_at = now(), version = version + 1
		WHERE id = $1`,
		e.ID, e.Title, e.Summary, e.StartsAt, e.EndsAt, e.Format, e.Venue, e.HostOrganisationID, e.OnlineURL,
		e.Capacity, e.Visibility, audienceArray(e.Audiences), bump)
	if err != nil {
		return UpdateResult{}, fmt.Errorf("update event %d: %w", e.ID, mapErr(err))
	}
	if err := queueEventChanged(ctx, tx, old, e); err != nil {
		return UpdateResult{}, err
	}
	if err := setTopics(ctx, tx, e.ID, topicIDs); err != nil {
		return UpdateResult{}, err
	}
	if err := moveAgenda(ctx, tx, e, e.StartsAt.Sub(old.StartsAt)); err != nil {
		return UpdateResult{}, err
	}
	res := UpdateResult{Updated: 1}
	var registered int
	if res.Promoted, registered, err = promote(ctx, tx, e.ID, e.Capacity); err != nil {
		return res, err
	}
	res.Warning = events.CapacityWarning(e.Capacity, registered)
	return res, audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.update", Subject: subject("event", e.ID)})
}

// PublishEvent makes a draft visible, for a coordinator of its hub.
func (db *DB) PublishEvent(ctx context.Context, a *hub.Actor, id int64) error {
	by := byActor(a)
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		switch e.Status {
		case events.StatusPublished:
			return &hub.Error{Code: hub.EConflict, Message: "The event is already published."}
		case events.StatusCancelled:
			return &hub.Error{Code: hub.EConflict, Message: "A cancelled event cannot be published again; create a new one."}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET status = 'published', updated_at = now(), version = version + 1 WHERE id = $1`, id); err != nil {
			return fmt.Errorf("publish event %d: %w", id, err)
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.publish", Subject: subject("event", id)})
	})
}

// CancelEvent calls an event off, for a coordinator of its hub, with a
// reason shown on its page. Registrations are kept, so that attendees see
// what happened.
func (db *DB) CancelEvent(ctx context.Context, a *hub.Actor, id int64, reason string) error {
	by := byActor(a)
	reason = strings.TrimSpace(reason)
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		if err := events.ValidateCancelReason(reason); err != nil {
			return err
		}
		if e.Status == events.StatusCancelled {
			return &hub.Error{Code: hub.EConflict, Message: "The event is already cancelled."}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, updated_at = now(), version = version + 1 WHERE id = $1`, id, reason); err != nil {
			return fmt.Errorf("cancel event %d: %w", id, err)
		}
		if err := queueEventCancelled(ctx, tx, e); err != nil {
			return err
		}
		if err := unscheduleCancelled(ctx, tx, by, e, reason); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.cancel", Subject: subject("event", id), Details: map[string]any{"reason": reason}})
	})
}

// counts returns an event's numbers of places taken (walk-ins included)
// and of people waiting, as kept on its row by the registrations_count
// trigger: reading them costs the same however many have registered.
func counts(ctx context.Context, q querier, eventID int64) (registered, waitlisted int, err error) {
	var c struct {
		Registered int `db:"registered"`
		Waitlisted int `db:"waitlisted"`
	}
	// Counts kept on the event row (migration 0013). Walk-ins took no
	// booked place, so they do not count against the capacity.
	err = sqlxGet(ctx, q, &c, `SELECT registered_count AS registered, waitlisted_count AS waitlisted
		FROM events WHERE id = $1`, eventID)
	if err != nil {
		return 0, 0, fmt.Errorf("count registrations of %d: %w", eventID, err)
	}
	return c.Registered, c.Waitlisted, nil
}

// promote gives places to the head of the waitlist while there are places
// (the caller holds the event's lock), and says how many it promoted and
// how many now hold a place.
func promote(ctx context.Context, tx *sqlx.Tx, eventID int64, capacity *int) (promoted, registered int, err error) {
	registered, waitlisted, err := counts(ctx, tx, eventID)
	if err != nil {
		return 0, 0, err
	}
	n := events.PromotionCount(capacity, registered, waitlisted)
	if n == 0 {
		return 0, registered, nil
	}
	if err := queuePromotions(ctx, tx, eventID, n); err != nil {
		return 0, 0, err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE registrations SET status = 'registered', status_changed_at = clock_timestamp()
		WHERE id IN (SELECT id FROM registrations WHERE event_id = $1 AND status = 'waitlisted'
		             ORDER BY created_at, id LIMIT $2)`, eventID, n)
	if err != nil {
		return 0, 0, fmt.Errorf("promote waitlist of %d: %w", eventID, err)
	}
	done, _ := res.RowsAffected()
	return int(done), registered + int(done), nil
}

// moveAgenda keeps a rescheduled event's agenda with it: every item moves
// by the same amount as the start. Items that would then fall outside the
// event (when its length shrank) make the change invalid.
func moveAgenda(ctx context.Context, tx *sqlx.Tx, e events.Event, delta time.Duration) error {
	if delta != 0 {
		// Items are checked for overlaps row by row, so move them all far
		// away first and then to their place: no item ever lands on one
		// that has not moved yet.
		const far = "876000 hours"
		for _, step := range []string{
			`UPDATE events SET agenda_version = agenda_version + 1 WHERE id = $1 AND $2::bigint IS NOT NULL`,
			`UPDATE agenda_items SET starts_at = starts_at + interval '` + far + `', ends_at = ends_at + interval '` + far + `' WHERE event_id = $1 AND $2::bigint IS NOT NULL`,
			`UPDATE agenda_items SET starts_at = starts_at - interval '` + far + `' + $2 * interval '1 microsecond',
				ends_at = ends_at - interval '` + far + `' + $2 * interval '1 microsecond' WHERE event_id = $1`,
		} {
			if _, err := tx.ExecContext(ctx, step, e.ID, delta.Microseconds()); err != nil {
				return fmt.Errorf("move agenda of %d: %w", e.ID, err)
			}
		}
	}
	var outside int
	if err := tx.GetContext(ctx, &outside, `SELECT count(*) FROM agenda_items WHERE event_id = $1 AND (starts_at < $2 OR ends_at > $3)`,
		e.ID, e.StartsAt, e.EndsAt); err != nil {
		return fmt.Errorf("check agenda of %d: %w", e.ID, err)
	}
	if outside > 0 {
		msg := "The agenda no longer fits: " + hub.Plural(outside, "item falls", "items fall") + " outside the new times. Shorten the agenda first, or keep the event as long"
		return &hub.Error{Code: hub.EInvalid, Message: msg + ".", Fields: map[string]string{"ends_at": msg}}
	}
	return nil
}
