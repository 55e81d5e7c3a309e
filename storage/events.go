package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// eventRow is an events row as scanned; event() turns it into the domain type.
type eventRow struct {
	ID                 int64          `db:"id"`
	HubID              int64          `db:"hub_id"`
	SeriesID           *int64         `db:"series_id"`
	Title              string         `db:"title"`
	Summary            string         `db:"summary"`
	StartsAt           time.Time      `db:"starts_at"`
	EndsAt             time.Time      `db:"ends_at"`
	Format             string         `db:"format"`
	Venue              string         `db:"venue"`
	HostOrganisationID *int64         `db:"host_organisation_id"`
	OnlineURL          string         `db:"online_url"`
	Capacity           *int           `db:"capacity"`
	Visibility         string         `db:"visibility"`
	Status             string         `db:"status"`
	CancelReason       string         `db:"cancel_reason"`
	Audiences          pq.StringArray `db:"audiences"`
	Sequence           int            `db:"sequence"`
	CreatedAt          time.Time      `db:"created_at"`
	UpdatedAt          time.Time      `db:"updated_at"`
	Version            int64          `db:"version"`
	AgendaVersion      int64          `db:"agenda_version"`
}

const eventColumns = `e.id, e.hub_id, e.series_id, e.title, e.summary, e.starts_at, e.ends_at, e.format, e.venue,
	e.host_organisation_id, e.online_url, e.capacity, e.visibility, e.status, e.cancel_reason, e.audiences,
	e.sequence, e.created_at, e.updated_at, e.version, e.agenda_version`

func (r eventRow) event() events.Event {
	e := events.Event{
		ID: r.ID, HubID: r.HubID, SeriesID: r.SeriesID, Title: r.Title, Summary: r.Summary,
		StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC(), Format: events.Format(r.Format), Venue: r.Venue,
		HostOrganisationID: r.HostOrganisationID, OnlineURL: r.OnlineURL, Capacity: r.Capacity,
		Visibility: events.Visibility(r.Visibility), Status: events.Status(r.Status), CancelReason: r.CancelReason,
		Sequence: r.Sequence, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version, AgendaVersion: r.AgendaVersion,
	}
	for _, a := range r.Audiences {
		e.Audiences = append(e.Audiences, events.Audience(a))
	}
	return e
}

func audienceArray(as []events.Audience) pq.StringArray {
	out := make(pq.StringArray, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

// TopicRef names a topic an event is about.
type TopicRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// EventDetail is an event with what its page and listings show beside it.
type EventDetail struct {
	events.Event
	// Hub is the hub that runs it.
	Hub hub.Hub
	// HostName is the hosting organisation's name, if any.
	HostName string
	// Registered and Waitlisted count the active registrations; walk-ins,
	// who took no booked place, are in neither.
	Registered, Waitlisted int
	// Topics are the event's topics, by name.
	Topics []TopicRef
}

// detailRow scans an event with its hub, host and counts in one row.
type detailRow struct {
	eventRow
	Hub        hub.Hub        `db:"hub"`
	HostName   *string        `db:"host_name"`
	Registered int            `db:"registered"`
	Waitlisted int            `db:"waitlisted"`
	TopicSlugs pq.StringArray `db:"topic_slugs"`
	TopicNames pq.StringArray `db:"topic_names"`
}

// detailSelect reads events (aliased e) with all of EventDetail in one
// row each, so that pages make a fixed number of queries.
const detailSelect = `SELECT ` + detailColumns + detailFrom

const detailColumns = eventColumns + `,
	h.id AS "hub.id", h.slug AS "hub.slug", h.name AS "hub.name", h.region AS "hub.region",
	h.timezone AS "hub.timezone", h.description AS "hub.description",
	h.created_at AS "hub.created_at", h.updated_at AS "hub.updated_at",
	o.name AS host_name,
	e.registered_count AS registered, e.waitlisted_count AS waitlisted,
	ARRAY(SELECT t.slug FROM event_topics et JOIN topics t ON t.id = et.topic_id WHERE et.event_id = e.id ORDER BY t.name) AS topic_slugs,
	ARRAY(SELECT t.name FROM event_topics et JOIN topics t ON t.id = et.topic_id WHERE et.event_id = e.id ORDER BY t.name) AS topic_names`

const detailFrom = `
	FROM events e JOIN hubs h ON h.id = e.hub_id LEFT JOIN organisations o ON o.id = e.host_organisation_id`

func (r detailRow) detail() EventDetail {
	d := EventDetail{Event: r.event(), Hub: r.Hub, Registered: r.Registered, Waitlisted: r.Waitlisted, Topics: []TopicRef{}}
	if r.HostName != nil {
		d.HostName = *r.HostName
	}
	for i := range r.TopicSlugs {
		d.Topics = append(d.Topics, TopicRef{Slug: r.TopicSlugs[i], Name: r.TopicNames[i]})
	}
	return d
}

// EventByID reads an event with its hub, host, counts and topics.
func (db *DB) EventByID(ctx context.Context, id int64) (EventDetail, error) {
	var row detailRow
	if err := db.x.GetContext(ctx, &row, detailSelect+` WHERE e.id = $1`, id); err != nil {
		return EventDetail{}, fmt.Errorf("find event %d: %w", id, notFound(err, "The event"))
	}
	return row.detail(), nil
}

// NewEvent is what creating an event stores beside the event itself.
type NewEvent struct {
	Event events.Event
	// TopicIDs are the topics it is about.
	TopicIDs []int64
}

// CreateEvent stores a new event (a draft unless its status says
// otherwise) with its topics.
func (db *DB) CreateEvent(ctx context.Context, by *int64, n NewEvent) (events.Event, error) {
	var e events.Event
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		e, err = insertEvent(ctx, tx, by, n.Event, n.TopicIDs)
		if err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.create", Subject: subject("event", e.ID)})
	})
	return e, err
}

func insertEvent(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event, topicIDs []int64) (events.Event, error) {
	var row eventRow
	err := tx.GetContext(ctx, &row, `
		INSERT INTO events AS e (hub_id, series_id, title, summary, starts_at, ends_at, format, venue, host_organisation_id,
			online_url, capacity, visibility, status, audiences, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		RETURNING `+eventColumns,
		e.HubID, e.SeriesID, e.Title, e.Summary, e.StartsAt, e.EndsAt, e.Format, e.Venue, e.HostOrganisationID,
		e.OnlineURL, e.Capacity, e.Visibility, e.Status, audienceArray(e.Audiences), by)
	if err != nil {
		return events.Event{}, fmt.Errorf("create event: %w", mapErr(err))
	}
	if err := setTopics(ctx, tx, row.ID, topicIDs); err != nil {
		return events.Event{}, err
	}
	return row.event(), nil
}

func setTopics(ctx context.Context, tx *sqlx.Tx, eventID int64, topicIDs []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_topics WHERE event_id = $1`, eventID); err != nil {
		return fmt.Errorf("event topics: %w", err)
	}
	if len(topicIDs) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO event_topics (event_id, topic_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
		eventID, pq.Int64Array(topicIDs))
	if err != nil {
		return fmt.Errorf("event topics: %w", mapErr(err))
	}
	return nil
}

// TopicIDs resolves topic slugs, in order.
func (db *DB) TopicIDs(ctx context.Context, slugs []string) ([]int64, error) {
	return topicIDs(ctx, db.x, "topics", slugs)
}

// topicIDs resolves topic slugs; an unknown slug is invalid on field.
func topicIDs(ctx context.Context, q querier, field string, slugs []string) ([]int64, error) {
	if len(slugs) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID   int64  `db:"id"`
		Slug string `db:"slug"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT id, slug FROM topics WHERE slug = ANY($1)`, pq.StringArray(slugs)); err != nil {
		return nil, fmt.Errorf("find topics: %w", err)
	}
	found := map[string]int64{}
	for _, r := range rows {
		found[r.Slug] = r.ID
	}
	ids := make([]int64, 0, len(slugs))
	for _, s := range slugs {
		id, ok := found[s]
		if !ok {
			return nil, hub.FieldError(field, "“"+s+"” is not a topic we know")
		}
		ids = append(ids, id)
	}
	return ids, nil
}
