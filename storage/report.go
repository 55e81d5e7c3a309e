package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// ReportRequest asks for an evaluation report.
type ReportRequest struct {
	// HubIDs are the hubs reported on: one gives a row per event, several
	// a row per hub.
	HubIDs []int64
	// From and To bound the period: events starting at or after From and
	// before To.
	From, To time.Time
	// EventID narrows the report to one event (a coordinator's view).
	EventID int64
	// Now is when the report is made: only events that have ended count.
	Now time.Time
}

// Validate checks the period.
func (r ReportRequest) Validate() error {
	var f hub.FieldErrors
	if r.From.IsZero() {
		f.Add("from", "Give the first day of the period")
	}
	if r.To.IsZero() {
		f.Add("to", "Give the last day of the period")
	}
	if !f.Has("from") && !f.Has("to") && !r.To.After(r.From) {
		f.Add("to", "The period must end after it starts")
	}
	if len(r.HubIDs) == 0 {
		f.Add("hub", "Choose at least one hub")
	}
	return f.Err()
}

// held is the filter of the events a report counts: published events of
// the hubs that started in the period and have ended.
// One event (EventID) counts as soon as it starts, for its coordinators
// to see responses as they come in.
const held = `e.hub_id = ANY($1) AND e.status = 'published' AND e.starts_at >= $2 AND e.starts_at < $3
	AND (($5 = 0 AND e.ends_at <= $4) OR e.id = $5)`

// Report builds an evaluation report with small-number suppression
// applied (events.BuildReport) for the hubs and period asked, if the actor
// may read every hub's report. It takes a fixed number of queries
// whatever the period's size.
func (db *DB) Report(ctx context.Context, a *hub.Actor, req ReportRequest) (events.Report, error) {
	if err := req.Validate(); err != nil {
		return events.Report{}, err
	}
	if !hub.CanReadReports(a, req.HubIDs) {
		return events.Report{}, &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s evaluators and coordinators can read its report."}
	}
	in := events.ReportInput{From: req.From, To: req.To, Roles: map[events.AttendeeRole]int{}, OrgKinds: map[string]int{},
		Organisations: map[string]int{}, AgendaKinds: map[events.AgendaKind]int{}, Topics: map[string]int{}}
	args := []any{pq.Int64Array(req.HubIDs), req.From, req.To, req.Now, req.EventID}
	byHub := len(req.HubIDs) > 1

	// 1. Rows: attendance and feedback per event.
	var rows []struct {
		ID         int64     `db:"id"`
		HubID      int64     `db:"hub_id"`
		HubName    string    `db:"hub_name"`
		HubSlug    string    `db:"hub_slug"`
		Title      string    `db:"title"`
		StartsAt   time.Time `db:"starts_at"`
		Registered int       `db:"registered"`
		Attended   int       `db:"attended"`
		NoShows    int       `db:"no_shows"`
		WalkIns    int       `db:"walk_ins"`
		Responses  int       `db:"responses"`
		Useful     int       `db:"useful"`
		Network    int       `db:"network"`
	}
	err := db.x.SelectContext(ctx, &rows, `
		SELECT e.id, e.hub_id, h.name AS hub_name, h.slug AS hub_slug, e.title, e.starts_at,
			count(*) FILTER (WHERE (r.came AND NOT r.late) OR (NOT r.came AND r.status = 'registered')) AS registered,
			count(*) FILTER (WHERE r.came) AS attended,
			count(*) FILTER (WHERE NOT r.came AND r.status = 'registered') AS no_shows,
			count(*) FILTER (WHERE r.came AND r.late) AS walk_ins,
			coalesce(max(fb.responses), 0) AS responses, coalesce(max(fb.useful), 0) AS useful, coalesce(max(fb.network), 0) AS network
		FROM events e
		JOIN hubs h ON h.id = e.hub_id
		LEFT JOIN LATERAL (
			SELECT r.status, r.attended_at IS NOT NULL AS came, (r.status = 'waitlisted' OR r.created_at >= e.starts_at) AS late
			FROM registrations r WHERE r.event_id = e.id AND r.status <> 'cancelled') r ON true
		LEFT JOIN LATERAL (
			SELECT count(*) AS responses, sum(f.usefulness) AS useful, sum(f.networking_value) AS network
			FROM feedback f WHERE f.event_id = e.id) fb ON true
		WHERE `+held+`
		GROUP BY e.id, h.id ORDER BY e.starts_at, e.id`, args...)
	if err != nil {
		return events.Report{}, fmt.Errorf("report rows: %w", err)
	}
	index := map[int64]int{}
	for _, r := range rows {
		id, label, slug, starts := r.ID, r.Title, "", r.StartsAt
		if byHub {
			id, label, slug, starts = r.HubID, r.HubName, r.HubSlug, time.Time{}
		}
		i, ok := index[id]
		if !ok {
			i = len(in.Rows)
			index[id] = i
			in.Rows = append(in.Rows, events.RowStats{ID: id, Label: label, Slug: slug, StartsAt: starts})
		}
		s := &in.Rows[i]
		s.Events++
		s.Registered += r.Registered
		s.Attended += r.Attended
		s.NoShows += r.NoShows
		s.WalkIns += r.WalkIns
		s.Responses += r.Responses
		s.UsefulnessSum += r.Useful
		s.NetworkingSum += r.Network
	}

	// 2. Who came: attendees by role and by the kind of their first
	// organisation (guests have none).
	var who []struct {
		Role   string `db:"attendee_role"`
		Kind   string `db:"kind"`
		People int    `db:"people"`
		Orgs   int    `db:"orgs"`
	}
	err = db.x.SelectContext(ctx, &who, `
		SELECT r.attendee_role, coalesce(o.kind, '') AS kind, count(*) AS people, count(DISTINCT o.id) AS orgs
		FROM events e
		JOIN registrations r ON r.event_id = e.id AND r.status <> 'cancelled' AND r.attended_at IS NOT NULL
		LEFT JOIN LATERAL (
			SELECT o.id, o.kind FROM affiliations af JOIN organisations o ON o.id = af.organisation_id
			WHERE af.person_id = r.person_id ORDER BY af.created_at, o.id LIMIT 1) o ON true
		WHERE `+held+`
		GROUP BY 1, 2`, args...)
	if err != nil {
		return events.Report{}, fmt.Errorf("report attendees: %w", err)
	}
	for _, w := range who {
		in.Roles[events.AttendeeRole(w.Role)] += w.People
		in.OrgKinds[w.Kind] += w.People
	}
	// Distinct organisations per kind, across the whole period.
	var orgs []struct {
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}
	err = db.x.SelectContext(ctx, &orgs, `
		SELECT o.kind, count(DISTINCT o.id) AS n
		FROM events e
		JOIN registrations r ON r.event_id = e.id AND r.status <> 'cancelled' AND r.attended_at IS NOT NULL
		JOIN affiliations af ON af.person_id = r.person_id
		JOIN organisations o ON o.id = af.organisation_id
		WHERE `+held+`
		GROUP BY 1`, args...)
	if err != nil {
		return events.Report{}, fmt.Errorf("report organisations: %w", err)
	}
	for _, o := range orgs {
		in.Organisations[o.Kind] = o.N
	}

	// 3. What respondents said.
	var said struct {
		Useful   pq.Int64Array `db:"useful"`
		Network  pq.Int64Array `db:"network"`
		Contacts int           `db:"contacts"`
		Follow   int           `db:"follow"`
	}
	err = db.x.GetContext(ctx, &said, `
		SELECT ARRAY[count(*) FILTER (WHERE f.usefulness = 1), count(*) FILTER (WHERE f.usefulness = 2), count(*) FILTER (WHERE f.usefulness = 3),
		             count(*) FILTER (WHERE f.usefulness = 4), count(*) FILTER (WHERE f.usefulness = 5)] AS useful,
		       ARRAY[count(*) FILTER (WHERE f.networking_value = 1), count(*) FILTER (WHERE f.networking_value = 2), count(*) FILTER (WHERE f.networking_value = 3),
		             count(*) FILTER (WHERE f.networking_value = 4), count(*) FILTER (WHERE f.networking_value = 5)] AS network,
		       coalesce(sum(f.new_connections), 0) AS contacts, count(*) FILTER (WHERE f.will_follow_up) AS follow
		FROM events e JOIN feedback f ON f.event_id = e.id
		WHERE `+held, args...)
	if err != nil {
		return events.Report{}, fmt.Errorf("report feedback: %w", err)
	}
	for i := range 5 {
		in.Usefulness[i], in.Networking[i] = int(said.Useful[i]), int(said.Network[i])
	}
	in.NewConnections, in.FollowUp = said.Contacts, said.Follow

	// 4. Most useful agenda kinds and topics: respondents who chose an
	// item of each.
	var useful []struct {
		What   string `db:"what"`
		Topic  bool   `db:"topic"`
		People int    `db:"people"`
	}
	err = db.x.SelectContext(ctx, &useful, `
		SELECT a.kind AS what, false AS topic, count(DISTINCT f.id) AS people
		FROM events e JOIN feedback f ON f.event_id = e.id
		JOIN feedback_agenda_items fa ON fa.feedback_id = f.id JOIN agenda_items a ON a.id = fa.agenda_item_id
		WHERE `+held+` GROUP BY 1
		UNION ALL
		SELECT t.name, true, count(DISTINCT f.id)
		FROM events e JOIN feedback f ON f.event_id = e.id
		JOIN feedback_agenda_items fa ON fa.feedback_id = f.id JOIN agenda_items a ON a.id = fa.agenda_item_id
		JOIN topics t ON t.id = a.topic_id
		WHERE `+held+` GROUP BY 1`, args...)
	if err != nil {
		return events.Report{}, fmt.Errorf("report agenda: %w", err)
	}
	for _, u := range useful {
		if u.Topic {
			in.Topics[u.What] = u.People
		} else {
			in.AgendaKinds[events.AgendaKind(u.What)] = u.People
		}
	}

	// 5. Topic requests fulfilled: the hubs' requests whose delivering
	// event ended in the period. One event's view does not count them.
	if req.EventID == 0 {
		var n int
		err = db.x.GetContext(ctx, &n, `
			SELECT count(*) FROM topic_requests
			WHERE hub_id = ANY($1) AND status = 'delivered' AND delivered_at >= $2 AND delivered_at < $3 AND delivered_at <= $4`,
			pq.Int64Array(req.HubIDs), req.From, req.To, req.Now)
		if err != nil {
			return events.Report{}, fmt.Errorf("report requests fulfilled: %w", err)
		}
		in.RequestsDelivered = &n
	}
	return events.BuildReport(in), nil
}
