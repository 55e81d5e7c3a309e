package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// SeriesOccurrence is one event of a series as its page lists it.
type SeriesOccurrence struct {
	EventDetail
	// Attended counts the people checked in.
	Attended int
}

// SeriesOf lists the events of the series that event eventID belongs to,
// in order, with places and attendance; nil for a one-off event.
func (db *DB) SeriesOf(ctx context.Context, eventID int64) ([]SeriesOccurrence, error) {
	var rows []struct {
		detailRow
		Attended int `db:"attended"`
	}
	err := db.x.SelectContext(ctx, &rows, `SELECT `+detailColumns+`,
		(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status <> 'cancelled' AND r.attended_at IS NOT NULL) AS attended
		`+detailFrom+`
		WHERE e.series_id = (SELECT series_id FROM events WHERE id = $1) ORDER BY e.starts_at, e.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("series of event %d: %w", eventID, err)
	}
	out := make([]SeriesOccurrence, len(rows))
	for i, r := range rows {
		out[i] = SeriesOccurrence{EventDetail: r.detail(), Attended: r.Attended}
	}
	return out, nil
}

// SeriesPublication asks to publish the drafts of a series at once.
type SeriesPublication struct {
	// EventID is an event of the series.
	EventID int64
	// Following publishes only that event and those after it; otherwise
	// every draft of the series.
	Following bool
	// SeriesID, when not 0, is the series EventID must belong to.
	SeriesID int64
}

// PublishSeries publishes the draft events of a series (all of them, or
// an event and those after it) in one transaction, for a coordinator of
// its hub, and says how many it published. Cancelled and already
// published events are left as they are.
func (db *DB) PublishSeries(ctx context.Context, a *hub.Actor, p SeriesPublication) (int, error) {
	var published int
	by := byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, p.EventID)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		if e.SeriesID == nil {
			return &hub.Error{Code: hub.EConflict, Message: "This event is not part of a series; publish it on its own."}
		}
		if p.SeriesID != 0 && *e.SeriesID != p.SeriesID {
			return hub.FieldError("from_event_id", "Choose an event of this series")
		}
		var ids []int64
		err = tx.SelectContext(ctx, &ids, `
			UPDATE events SET status = 'published', updated_at = now(), version = version + 1
			WHERE id IN (SELECT id FROM events WHERE series_id = $1 AND status = 'draft' AND (NOT $2 OR starts_at >= $3)
			             ORDER BY id FOR UPDATE)
			RETURNING id`, *e.SeriesID, p.Following, e.StartsAt)
		if err != nil {
			return fmt.Errorf("publish series %d: %w", *e.SeriesID, err)
		}
		if published = len(ids); published == 0 {
			return &hub.Error{Code: hub.EConflict, Message: "There are no drafts to publish in this series."}
		}
		for _, id := range ids {
			if err := audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.publish", Subject: subject("event", id),
				Details: map[string]any{"series": *e.SeriesID}}); err != nil {
				return err
			}
		}
		return nil
	})
	return published, err
}

// SeriesHead is what the API needs to address a series: its hub and its
// first event.
type SeriesHead struct {
	// HubID is the hub the series belongs to.
	HubID int64 `db:"hub_id"`
	// FirstEventID is its earliest event.
	FirstEventID int64 `db:"first_event_id"`
}

// SeriesHeadOf finds series id, not_found when it has no events.
func (db *DB) SeriesHeadOf(ctx context.Context, id int64) (SeriesHead, error) {
	var h SeriesHead
	err := db.x.GetContext(ctx, &h, `SELECT hub_id, id AS first_event_id FROM events WHERE series_id = $1 ORDER BY starts_at, id LIMIT 1`, id)
	if err != nil {
		return h, fmt.Errorf("series %d: %w", id, notFound(err, "The series"))
	}
	return h, nil
}
