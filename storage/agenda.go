package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// AgendaEntry is an agenda item with the names its page shows.
type AgendaEntry struct {
	events.AgendaItem
	// TopicName names the item's topic, if any.
	TopicName string
	// PresenterOrganisation names the presenting organisation, if any.
	PresenterOrganisation string
	// RequestTitle names the topic request the item answers, if any, and
	// RequestAsking counts the organisations that asked for it.
	RequestTitle  string
	RequestAsking int
}

// AgendaOf lists an event's agenda in order.
func (db *DB) AgendaOf(ctx context.Context, eventID int64) ([]AgendaEntry, error) {
	return agendaOf(ctx, db.x, eventID)
}

func agendaOf(ctx context.Context, q querier, eventID int64) ([]AgendaEntry, error) {
	var rows []struct {
		ID          int64     `db:"id"`
		EventID     int64     `db:"event_id"`
		Position    int       `db:"position"`
		StartsAt    time.Time `db:"starts_at"`
		EndsAt      time.Time `db:"ends_at"`
		Title       string    `db:"title"`
		Kind        string    `db:"kind"`
		TopicSlug   *string   `db:"topic_slug"`
		TopicName   *string   `db:"topic_name"`
		PresenterID *int64    `db:"presenter_organisation_id"`
		Presenter   *string   `db:"presenter_org"`
		Name        string    `db:"presenter_name"`
		RequestID   *int64    `db:"request_id"`
		ReqTitle    *string   `db:"request_title"`
		ReqAsking   int       `db:"request_asking"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT a.id, a.event_id, a.position, a.starts_at, a.ends_at, a.title, a.kind, t.slug AS topic_slug, t.name AS topic_name,
			a.presenter_organisation_id, o.name AS presenter_org, a.presenter_name, a.request_id, tr.title AS request_title,
			CASE WHEN tr.id IS NULL THEN 0 ELSE 1 + (SELECT count(*) FROM request_supports rs WHERE rs.request_id = tr.id) END AS request_asking
		FROM agenda_items a LEFT JOIN topics t ON t.id = a.topic_id LEFT JOIN organisations o ON o.id = a.presenter_organisation_id
		LEFT JOIN topic_requests tr ON tr.id = a.request_id
		WHERE a.event_id = $1 ORDER BY a.starts_at, a.position`, eventID)
	if err != nil {
		return nil, fmt.Errorf("agenda of %d: %w", eventID, err)
	}
	out := make([]AgendaEntry, len(rows))
	for i, r := range rows {
		out[i] = AgendaEntry{AgendaItem: events.AgendaItem{
			ID: r.ID, EventID: r.EventID, Position: r.Position, StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC(),
			Title: r.Title, Kind: events.AgendaKind(r.Kind), TopicSlug: deref(r.TopicSlug),
			PresenterOrganisationID: r.PresenterID, PresenterName: r.Name, RequestID: r.RequestID,
		}, TopicName: deref(r.TopicName), PresenterOrganisation: deref(r.Presenter), RequestTitle: deref(r.ReqTitle), RequestAsking: r.ReqAsking}
	}
	return out, nil
}

// ReplaceAgenda stores an event's whole agenda; see ChangeAgenda.
func (db *DB) ReplaceAgenda(ctx context.Context, a *hub.Actor, eventID int64, items []events.AgendaItem) error {
	return db.ChangeAgenda(ctx, a, eventID, nil, func(events.Event, []events.AgendaItem) ([]events.AgendaItem, error) {
		return items, nil
	})
}

// AgendaVersion is the version of an event's agenda. Read it before the
// items: a change in between then makes the version look older than the
// items, never newer.
func (db *DB) AgendaVersion(ctx context.Context, eventID int64) (int64, error) {
	var v int64
	if err := db.x.GetContext(ctx, &v, `SELECT agenda_version FROM events WHERE id = $1`, eventID); err != nil {
		return 0, fmt.Errorf("agenda version of %d: %w", eventID, notFound(err, "The event"))
	}
	return v, nil
}

// ChangeAgenda changes an event's agenda under the event's lock, so that
// two coordinators editing at once cannot undo each other: change gets the
// event and its items as they are now (after want is checked against the
// agenda's version) and returns the new items, which are checked against
// the event (times in the hub's zone for the messages) and stored in start
// order, all in one transaction, for the coordinators of the hub. Items keep their ids; an id that is not one of the
// event's items, unknown topics or organisations are invalid on the item's
// field.
func (db *DB) ChangeAgenda(ctx context.Context, a *hub.Actor, eventID int64, want IfVersion,
	change func(e events.Event, items []events.AgendaItem) ([]events.AgendaItem, error)) error {
	by := byActor(a)
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		loc, err := hubZone(ctx, tx, e.HubID)
		if err != nil {
			return err
		}
		if err := want.check(e.AgendaVersion, "The agenda"); err != nil {
			return err
		}
		current, err := agendaOf(ctx, tx, eventID)
		if err != nil {
			return err
		}
		items := make([]events.AgendaItem, len(current))
		ours := map[int64]bool{}
		for i, it := range current {
			items[i] = it.AgendaItem
			ours[it.ID] = true
		}
		if items, err = change(e, items); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for i, it := range items {
			switch {
			case it.ID == 0:
			case !ours[it.ID]:
				return hub.FieldError(fmt.Sprintf("items[%d].id", i), "There is no item with this id in this event’s agenda; leave the id out for a new item")
			case seen[it.ID]:
				return hub.FieldError(fmt.Sprintf("items[%d].id", i), "This id is given to two items")
			}
			seen[it.ID] = true
		}
		if err := events.ValidateAgenda(e, items, loc); err != nil {
			return err
		}
		if err := writeAgenda(ctx, tx, by, e, current, items); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "agenda.change", Subject: subject("event", eventID),
			Details: map[string]any{"items": len(items)}})
	})
}

// writeAgenda stores items, already validated against e, as e's whole
// agenda in start order, settles the topic requests they link to or no
// longer link to, and bumps the agenda's version; current is the agenda
// as it was.
func writeAgenda(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event, current []AgendaEntry, items []events.AgendaItem) error {
	eventID := e.ID
	items = events.SortAgenda(items)
	links, err := checkRequestLinks(ctx, tx, e, current, items)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE event_id = $1`, eventID); err != nil {
		return fmt.Errorf("clear agenda of %d: %w", eventID, err)
	}
	for i, it := range items {
		var topicID *int64
		if it.TopicSlug != "" {
			ids, err := topicIDs(ctx, tx, fmt.Sprintf("items[%d].topic", i), []string{it.TopicSlug})
			if err != nil {
				return err
			}
			topicID = &ids[0]
		}
		// Items keep their ids across the rewrite, so links to them stay
		// good; new items get fresh ones.
		_, err := tx.ExecContext(ctx, `
			INSERT INTO agenda_items (id, event_id, position, starts_at, ends_at, title, kind, topic_id, presenter_organisation_id, presenter_name, request_id)
			OVERRIDING SYSTEM VALUE
			VALUES (coalesce($11, nextval(pg_get_serial_sequence('agenda_items', 'id'))), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			eventID, i+1, it.StartsAt, it.EndsAt, it.Title, it.Kind, topicID, it.PresenterOrganisationID, it.PresenterName, it.RequestID, nullID(it.ID))
		var pqErr *pq.Error
		switch {
		case errors.As(err, &pqErr) && pqErr.Code == pqForeignKeyViolation:
			return hub.FieldError(fmt.Sprintf("items[%d].presenter_organisation_id", i), "There is no organisation with this id")
		case errors.As(err, &pqErr) && pqErr.Code == "23P01": // exclusion: overlapping items
			return hub.FieldError(fmt.Sprintf("items[%d].starts_at", i), "This item overlaps another")
		case err != nil:
			return fmt.Errorf("agenda item %d: %w", i, err)
		}
	}
	if err := links.settle(ctx, tx, by, e); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET agenda_version = agenda_version + 1 WHERE id = $1`, eventID); err != nil {
		return fmt.Errorf("agenda version of %d: %w", eventID, err)
	}
	return nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// nullID is nil for 0, the id of an item not stored yet.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
