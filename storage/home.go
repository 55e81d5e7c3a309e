package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// visibleAcrossHubs is visibleToSQL (eventlists.go) for events of any hub,
// published ones only: $1 admin, $2 the hubs the actor coordinates, $3
// their person id (0 for nobody). Someone is in a hub through an
// organisation that is an active member of it, or a role in it.
// TestHomeShowsWhatsOn (cmd/convene) tries it for strangers and members.
var visibleAcrossHubs = `e.status = 'published' AND ` +
	visibleToSQL("($1 OR e.hub_id = ANY($2))", "e.hub_id IN ("+hubsOfPerson("$3")+")", "$3")

// UpcomingEvents lists the next published events of every hub that the
// actor may see, soonest first, in one query.
func (db *DB) UpcomingEvents(ctx context.Context, a *hub.Actor, now time.Time, limit int) ([]EventDetail, error) {
	var coordinated pq.Int64Array
	for id := range a.Coordinates {
		coordinated = append(coordinated, id)
	}
	var rows []detailRow
	// No event lasts longer than events.MaxEventLength, so one still on
	// started after now minus that: the bound lets the scan of starts_at
	// begin near now instead of at the first event ever held.
	err := db.x.SelectContext(ctx, &rows, detailSelect+` WHERE `+visibleAcrossHubs+` AND e.ends_at >= $4 AND e.starts_at > $6
		ORDER BY e.starts_at, e.id LIMIT $5`, a.SignedIn() && a.Admin, coordinated, a.PersonID(), now, limit, now.Add(-events.MaxEventLength))
	if err != nil {
		return nil, fmt.Errorf("upcoming events: %w", err)
	}
	out := make([]EventDetail, len(rows))
	for i, r := range rows {
		out[i] = r.detail()
	}
	return out, nil
}

// HubsPage lists hubs by name, limit from offset, each with its number
// of member organisations, and says how many hubs there are: one query,
// whose cost does not grow with the hubs not shown.
func (db *DB) HubsPage(ctx context.Context, limit, offset int) (hubs []HubSummary, total int, err error) {
	var rows []struct {
		HubSummary
		Total int `db:"total"`
	}
	err = db.x.SelectContext(ctx, &rows, `
		SELECT `+hubColumns+`,
		       (SELECT count(*) FROM hub_memberships m WHERE m.hub_id = h.id AND m.status = 'active') AS members,
		       count(*) OVER () AS total
		FROM hubs h ORDER BY lower(h.name), h.id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list hubs: %w", err)
	}
	hubs = make([]HubSummary, len(rows))
	for i, r := range rows {
		hubs[i], total = r.HubSummary, r.Total
	}
	if len(rows) == 0 && offset > 0 {
		err = db.x.GetContext(ctx, &total, `SELECT count(*) FROM hubs`)
	}
	return hubs, total, err
}
