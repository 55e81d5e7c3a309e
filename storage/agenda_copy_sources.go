package storage

import (
	"context"
	"fmt"
	"time"
)

// CopySource is an event an agenda may be copied from.
type CopySource struct {
	// ID, Title and StartsAt identify the event.
	ID       int64     `db:"id"`
	Title    string    `db:"title"`
	StartsAt time.Time `db:"starts_at"`
	// Previous marks the occurrence of the series just before the target.
	Previous bool `db:"previous"`
	// Items counts its agenda items.
	Items int `db:"items"`
}

// CopySourcesFor lists the events of eventID's hub with an agenda, other
// than eventID, nearest in time first (at most 100), marking the previous
// occurrence of its series.
func (db *DB) CopySourcesFor(ctx context.Context, eventID int64) ([]CopySource, error) {
	var out []CopySource
	err := db.x.SelectContext(ctx, &out, `
		WITH t AS (SELECT id, hub_id, series_id, starts_at FROM events WHERE id = $1),
		prev AS (SELECT e.id FROM events e, t WHERE e.series_id = t.series_id AND e.starts_at < t.starts_at AND e.status <> 'cancelled'
		         ORDER BY e.starts_at DESC, e.id DESC LIMIT 1)
		SELECT e.id, e.title, e.starts_at, e.id IN (SELECT id FROM prev) AS previous,
			(SELECT count(*) FROM agenda_items a WHERE a.event_id = e.id) AS items
		FROM events e, t
		WHERE e.hub_id = t.hub_id AND e.id <> t.id AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.event_id = e.id)
		ORDER BY e.id IN (SELECT id FROM prev) DESC, abs(extract(epoch FROM e.starts_at - t.starts_at)), e.id
		LIMIT 100`, eventID)
	if err != nil {
		return nil, fmt.Errorf("copy sources for %d: %w", eventID, err)
	}
	return out, nil
}
