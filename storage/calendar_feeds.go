package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// DeploymentID is this installation's identifier, made once by migration
// 0009 and kept in the database: the right-hand side of calendar UIDs,
// which must never change when the site moves to another address.
func (db *DB) DeploymentID(ctx context.Context) (string, error) {
	var id string
	if err := db.x.GetContext(ctx, &id, `SELECT id::text FROM deployment`); err != nil {
		return "", fmt.Errorf("read deployment id: %w", err)
	}
	return id, nil
}

// FeedScope chooses the events of one calendar feed. Exactly one of
// HubID, OrganisationID, TopicID, SeriesID and PersonID is set (TopicID may come with
// HubID to narrow a topic's feed to one hub).
type FeedScope struct {
	// HubID selects a hub's public events.
	HubID int64
	// OrganisationID selects public events the organisation hosts or
	// presents at.
	OrganisationID int64
	// TopicID selects public events about the topic, or with agenda items
	// on it.
	TopicID int64
	// SeriesID selects the public events of a series.
	SeriesID int64
	// PersonID selects a person's own events: those they are registered or
	// waitlisted for, those their organisations host, and the members-only
	// events of the hubs they are in (through an organisation that is an
	// active member, or a role), as far as events.CanSee lets them see.
	PersonID int64
	// Since drops published events that ended before it; CancelledSince
	// drops cancelled ones.
	Since, CancelledSince time.Time
}

// FeedEvent is an event of a feed with what its VEVENT needs.
type FeedEvent struct {
	EventDetail
	// Agenda is the event's agenda in order.
	Agenda []AgendaEntry
	// MyStatus is the person's registration status in a personal feed
	// ("registered", "waitlisted"), or empty.
	MyStatus string
}

// FeedEvents lists the events of a feed, soonest first, with their
// agendas, in two queries. Drafts never appear; only public events appear
// in feeds other than a person's own.
func (db *DB) FeedEvents(ctx context.Context, s FeedScope) ([]FeedEvent, error) {
	args := []any{s.Since, s.CancelledSince, s.PersonID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where := `e.status IN ('published', 'cancelled')
		AND e.ends_at >= CASE WHEN e.status = 'cancelled' THEN $2::timestamptz ELSE $1::timestamptz END`
	switch {
	case s.PersonID != 0:
		// What is theirs: events they have a place at or wait for, events
		// their organisations host, and the members-only events of the
		// hubs they are in; of those, what the visibility rule lets them
		// see (the same SQL as the event lists, with "in hub" per event).
		inHub := `e.hub_id IN (` + hubsOfPerson("$3") + `)`
		where += ` AND (EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.person_id = $3 AND r.status IN ('registered', 'waitlisted'))
			OR (e.visibility IN ('public', 'members') AND e.host_organisation_id IN (SELECT organisation_id FROM affiliations WHERE person_id = $3))
			OR (e.visibility = 'members' AND ` + inHub + `))
			AND ` + visibleToSQL("false", inHub, "$3")
	case s.TopicID != 0:
		t := arg(s.TopicID)
		where += ` AND e.visibility = 'public' AND (EXISTS (SELECT 1 FROM event_topics et WHERE et.event_id = e.id AND et.topic_id = ` + t + `)
			OR EXISTS (SELECT 1 FROM agenda_items a WHERE a.event_id = e.id AND a.topic_id = ` + t + `))`
		if s.HubID != 0 {
			where += ` AND e.hub_id = ` + arg(s.HubID)
		}
	case s.SeriesID != 0:
		where += ` AND e.visibility = 'public' AND e.series_id = ` + arg(s.SeriesID)
	case s.OrganisationID != 0:
		o := arg(s.OrganisationID)
		where += ` AND e.visibility = 'public' AND (e.host_organisation_id = ` + o + `
			OR EXISTS (SELECT 1 FROM agenda_items a WHERE a.event_id = e.id AND a.presenter_organisation_id = ` + o + `))`
	case s.HubID != 0:
		where += ` AND e.visibility = 'public' AND e.hub_id = ` + arg(s.HubID)
	default:
		return nil, fmt.Errorf("feed events: no scope")
	}
	var rows []struct {
		detailRow
		MyStatus *string `db:"my_status"`
	}
	q := `SELECT ` + detailColumns + `,
		(SELECT r.status FROM registrations r WHERE r.event_id = e.id AND r.person_id = $3 AND r.status <> 'cancelled' LIMIT 1) AS my_status` +
		detailFrom + ` WHERE ` + where + ` ORDER BY e.starts_at, e.id`
	if err := db.x.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("feed events: %w", err)
	}
	out := make([]FeedEvent, len(rows))
	ids := make([]int64, len(rows))
	index := map[int64]int{}
	for i, r := range rows {
		out[i] = FeedEvent{EventDetail: r.detail(), MyStatus: deref(r.MyStatus)}
		ids[i] = r.ID
		index[r.ID] = i
	}
	if len(ids) == 0 {
		return out, nil
	}
	var items []struct {
		EventID   int64     `db:"event_id"`
		StartsAt  time.Time `db:"starts_at"`
		EndsAt    time.Time `db:"ends_at"`
		Title     string    `db:"title"`
		Presenter *string   `db:"presenter_org"`
		Name      string    `db:"presenter_name"`
	}
	err := sqlx.SelectContext(ctx, db.x, &items, `
		SELECT a.event_id, a.starts_at, a.ends_at, a.title, o.name AS presenter_org, a.presenter_name
		FROM agenda_items a LEFT JOIN organisations o ON o.id = a.presenter_organisation_id
		WHERE a.event_id = ANY($1) ORDER BY a.event_id, a.starts_at, a.position`, pq.Int64Array(ids))
	if err != nil {
		return nil, fmt.Errorf("feed agendas: %w", err)
	}
	for _, it := range items {
		a := AgendaEntry{PresenterOrganisation: deref(it.Presenter)}
		a.EventID, a.StartsAt, a.EndsAt, a.Title, a.PresenterName = it.EventID, it.StartsAt.UTC(), it.EndsAt.UTC(), it.Title, it.Name
		f := &out[index[it.EventID]]
		f.Agenda = append(f.Agenda, a)
	}
	return out, nil
}
