package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/events"
)

// EventQuery selects a hub's events.
type EventQuery struct {
	HubID  int64
	Viewer events.Viewer
	// Past lists events that have ended, latest first; otherwise events
	// not yet over, soonest first.
	Past bool
	// From and To, when set, bound the start (for the month view).
	From, To time.Time
	// Topic, Format and Audience filter when not empty.
	Topic    string
	Format   string
	Audience string
	Limit    int
	Offset   int
	Now      time.Time
}

// visibleTo is events.CanSee written as SQL, the condition for events
// (aliased e) a viewer may see, as HubEvents uses it: $2 manager, $3 in
// hub, $4 person id. TestVisibilityAgrees (registrations_test.go) proves
// the two agree.
var visibleTo = visibleToSQL("$2", "$3", "$4")

// visibleToSQL is the one SQL form of events.CanSee. Its arguments are SQL
// expressions: manager and inHub booleans (inHub may depend on e.hub_id, as
// in a personal feed across hubs), person the viewer's id.
func visibleToSQL(manager, inHub, person string) string {
	return `(` + manager + ` OR (e.status <> 'draft' AND (e.visibility = 'public'
	OR (e.visibility = 'members' AND ` + inHub + `)
	OR EXISTS (SELECT 1 FROM registrations vr WHERE vr.event_id = e.id AND vr.person_id = ` + person + ` AND vr.status <> 'cancelled'))))`
}

// hubsOfPerson is the hubs a person (an SQL expression for their id) is
// in, as events.Viewer.InHub means it (see viewerIn): through an
// organisation that is an active member of the hub, or a role in it.
func hubsOfPerson(person string) string {
	return `SELECT m.hub_id FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
		WHERE a.person_id = ` + person + ` AND m.status = 'active'
		UNION SELECT r.hub_id FROM roles r WHERE r.person_id = ` + person + ` AND r.hub_id IS NOT NULL`
}

// HubEvents lists the events of a hub the viewer may see, with everything
// a listing shows, in one query.
func (db *DB) HubEvents(ctx context.Context, q EventQuery) ([]EventDetail, error) {
	var where []string
	args := []any{q.HubID, q.Viewer.Manager, q.Viewer.InHub, q.Viewer.PersonID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where = append(where, "e.hub_id = $1", visibleTo)
	order := "e.starts_at, e.id"
	switch {
	case !q.From.IsZero() || !q.To.IsZero():
		if !q.From.IsZero() {
			where = append(where, "e.starts_at >= "+arg(q.From))
		}
		if !q.To.IsZero() {
			where = append(where, "e.starts_at < "+arg(q.To))
		}
	case q.Past:
		where = append(where, "e.ends_at < "+arg(q.Now))
		order = "e.starts_at DESC, e.id DESC"
	default:
		where = append(where, "e.ends_at >= "+arg(q.Now))
	}
	if q.Topic != "" {
		// The topic is looked up first (one row, by its unique slug), so
		// the plan does not hang on an estimate of the join with topics.
		where = append(where, "EXISTS (SELECT 1 FROM event_topics et WHERE et.event_id = e.id AND et.topic_id = (SELECT id FROM topics WHERE slug = "+arg(q.Topic)+"))")
	}
	if q.Format != "" {
		where = append(where, "e.format = "+arg(q.Format))
	}
	if q.Audience != "" {
		where = append(where, arg(q.Audience)+" = ANY(e.audiences)")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	query := detailSelect + " WHERE " + strings.Join(where, " AND ") + " ORDER BY " + order +
		" LIMIT " + arg(limit) + " OFFSET " + arg(q.Offset)
	var rows []detailRow
	if err := db.x.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("events of hub %d: %w", q.HubID, err)
	}
	out := make([]EventDetail, len(rows))
	for i, r := range rows {
		out[i] = r.detail()
	}
	return out, nil
}

// RegistrationView is a registration as coordinators see it.
type RegistrationView struct {
	events.Registration
	// Name and Email are the person's or the guest's.
	Name, Email string
	// Organisations are the person's organisations.
	Organisations []string
	// WalkIn is true for someone added at the door.
	WalkIn bool
	// Position is the place in the waitlist, from 1; 0 otherwise.
	Position int
}

// EventRegistrations lists an event's registrations: places by name, then
// the waitlist in order, then cancellations. search, when not empty,
// keeps those whose name or email contains it.
func (db *DB) EventRegistrations(ctx context.Context, eventID int64, search string) ([]RegistrationView, error) {
	var rows []struct {
		regRow
		Name     string         `db:"name"`
		Email    string         `db:"email"`
		Orgs     pq.StringArray `db:"orgs"`
		Position int            `db:"position"`
	}
	// Waitlist places are numbered over the whole event before the search
	// narrows the list, so a search shows each person's true place.
	err := db.x.SelectContext(ctx, &rows, `
		WITH r AS (
			SELECT *, CASE WHEN status = 'waitlisted' THEN row_number() OVER (PARTITION BY status ORDER BY created_at, id) ELSE 0 END AS position
			FROM registrations WHERE event_id = $1
		)
		SELECT `+regColumns+`, r.position,
			coalesce(p.name, r.guest_name) AS name, coalesce(p.email, r.guest_email) AS email,
			ARRAY(SELECT o.name FROM affiliations a JOIN organisations o ON o.id = a.organisation_id
			      WHERE a.person_id = r.person_id ORDER BY o.name) AS orgs
		FROM r LEFT JOIN people p ON p.id = r.person_id
		WHERE $2 = '' OR coalesce(p.name, r.guest_name) ILIKE '%' || $2 || '%'
			OR coalesce(p.email, r.guest_email) ILIKE '%' || $2 || '%'
		ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
			CASE WHEN r.status = 'waitlisted' THEN NULL ELSE lower(coalesce(p.name, r.guest_name)) END,
			r.created_at, r.id`, eventID, escapeLike(strings.TrimSpace(search)))
	if err != nil {
		return nil, fmt.Errorf("registrations of %d: %w", eventID, err)
	}
	out := make([]RegistrationView, len(rows))
	for i, r := range rows {
		out[i] = RegistrationView{Registration: r.registration(), Name: r.Name, Email: r.Email, Organisations: r.Orgs, WalkIn: r.WalkIn, Position: r.Position}
	}
	return out, nil
}

// MyPlace is a person's registration with its event, for "My events" and
// the event page.
type MyPlace struct {
	Event        EventDetail
	Registration events.Registration
	Position     int
}

// PlaceOf is a person's active registration for an event; found is false
// when they have none.
func (db *DB) PlaceOf(ctx context.Context, eventID, personID int64) (place MyPlace, found bool, err error) {
	var rows []struct {
		regRow
		Position int `db:"position"`
	}
	err = db.x.SelectContext(ctx, &rows, `
		SELECT `+regColumns+`, `+positionColumn+`
		FROM registrations r WHERE r.event_id = $1 AND r.person_id = $2 AND r.status <> 'cancelled'`, eventID, personID)
	if err != nil || len(rows) == 0 {
		return place, false, err
	}
	return MyPlace{Registration: rows[0].registration(), Position: rows[0].Position}, true, nil
}

// positionColumn is a registration's (aliased r) place in the waitlist,
// from 1, or 0 when it is not waiting.
const positionColumn = `CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id
	AND w.status = 'waitlisted' AND (w.created_at, w.id) <= (r.created_at, r.id)) ELSE 0 END AS position`

// PlacesOf lists a person's active registrations with their events: those
// not yet over soonest first, or (past) those over, latest first.
func (db *DB) PlacesOf(ctx context.Context, personID int64, past bool, now time.Time) ([]MyPlace, error) {
	cond, order := "e.ends_at >= $2", "e.starts_at"
	if past {
		cond, order = "e.ends_at < $2", "e.starts_at DESC"
	}
	var rows []struct {
		detailRow
		Reg      regRow `db:"reg"`
		Position int    `db:"position"`
	}
	err := db.x.SelectContext(ctx, &rows, `SELECT `+detailColumns+`,
			r.id AS "reg.id", r.event_id AS "reg.event_id", r.person_id AS "reg.person_id", r.guest_name AS "reg.guest_name",
			r.guest_email AS "reg.guest_email", r.attendee_role AS "reg.attendee_role", r.access_needs AS "reg.access_needs",
			r.status AS "reg.status", r.created_at AS "reg.created_at", r.attended_at AS "reg.attended_at",
			r.walk_in AS "reg.walk_in", r.status_changed_at AS "reg.status_changed_at", `+positionColumn+
		detailFrom+` JOIN registrations r ON r.event_id = e.id
		WHERE r.person_id = $1 AND r.status <> 'cancelled' AND `+cond+` ORDER BY `+order+` LIMIT 200`, personID, now)
	if err != nil {
		return nil, fmt.Errorf("places of %d: %w", personID, err)
	}
	out := make([]MyPlace, len(rows))
	for i, r := range rows {
		out[i] = MyPlace{Event: r.detail(), Registration: r.Reg.registration(), Position: r.Position}
	}
	return out, nil
}
