package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// AttendanceQuery selects the past events of a hub whose attendance is
// reported.
type AttendanceQuery struct {
	HubID int64
	// Now decides which events are past.
	Now time.Time
	// Limit and Offset page through them, latest first.
	Limit, Offset int
}

// HubAttendance reports the attendance of a hub's past published events,
// latest first, in numbers only (see events.SummariseAttendance), for the
// hub's coordinators and evaluators: nothing it reads names anyone.
func (db *DB) HubAttendance(ctx context.Context, a *hub.Actor, q AttendanceQuery) ([]events.EventAttendance, error) {
	if !hub.CanReadHubReports(a, q.HubID) {
		return nil, hub.Errorf(hub.EForbidden, "Only the hub’s coordinators and evaluators can see its attendance.")
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var evs []struct {
		ID       int64     `db:"id"`
		Title    string    `db:"title"`
		StartsAt time.Time `db:"starts_at"`
	}
	err := db.x.SelectContext(ctx, &evs, `SELECT id, title, starts_at FROM events
		WHERE hub_id = $1 AND status = 'published' AND ends_at < $2
		ORDER BY starts_at DESC, id DESC LIMIT $3 OFFSET $4`, q.HubID, q.Now, q.Limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("past events of hub %d: %w", q.HubID, err)
	}
	ids := make(pq.Int64Array, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	var rows []struct {
		EventID      int64          `db:"event_id"`
		Status       string         `db:"status"`
		AttendeeRole string         `db:"attendee_role"`
		CreatedAt    time.Time      `db:"created_at"`
		AttendedAt   *time.Time     `db:"attended_at"`
		WalkIn       bool           `db:"walk_in"`
		OrgKinds     pq.StringArray `db:"org_kinds"`
	}
	err = db.x.SelectContext(ctx, &rows, `
		SELECT r.event_id, r.status, r.attendee_role, r.created_at, r.attended_at, r.walk_in,
			ARRAY(SELECT DISTINCT o.kind FROM affiliations af JOIN organisations o ON o.id = af.organisation_id
			      WHERE af.person_id = r.person_id ORDER BY o.kind) AS org_kinds
		FROM registrations r WHERE r.event_id = ANY($1) AND r.status <> 'cancelled'`, ids)
	if err != nil {
		return nil, fmt.Errorf("attendance of hub %d: %w", q.HubID, err)
	}
	byEvent := map[int64][]events.CountedRegistration{}
	for _, r := range rows {
		cr := events.CountedRegistration{Registration: events.Registration{EventID: r.EventID, Status: events.RegistrationStatus(r.Status),
			AttendeeRole: events.AttendeeRole(r.AttendeeRole), CreatedAt: r.CreatedAt, AttendedAt: r.AttendedAt, WalkIn: r.WalkIn}}
		for _, k := range r.OrgKinds {
			cr.OrgKinds = append(cr.OrgKinds, hub.OrgKind(k))
		}
		byEvent[r.EventID] = append(byEvent[r.EventID], cr)
	}
	out := make([]events.EventAttendance, len(evs))
	for i, e := range evs {
		out[i] = events.SummariseAttendance(e.ID, e.Title, e.StartsAt.UTC(), byEvent[e.ID])
	}
	return out, nil
}
