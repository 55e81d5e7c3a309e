package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// requestLinks is what an agenda rewrite does to topic requests: the
// requests its new items answer become scheduled; those whose item went
// away return to accepted. The agenda item's request_id is the link.
type requestLinks struct {
	added, removed []int64
}

// checkRequestLinks checks, under the event's lock, the requests the new
// agenda links to: each exists, is in the event's hub, is linked once, and
// may be scheduled now (a declined one must be reopened first). It locks
// each request that changes.
func checkRequestLinks(ctx context.Context, tx *sqlx.Tx, e events.Event, before []AgendaEntry, after []events.AgendaItem) (requestLinks, error) {
	var l requestLinks
	had := map[int64]bool{}
	for _, it := range before {
		if it.RequestID != nil {
			had[*it.RequestID] = true
		}
	}
	has := map[int64]bool{}
	var ids []int64
	for i, it := range after {
		if it.RequestID == nil {
			continue
		}
		id := *it.RequestID
		if has[id] {
			return l, hub.FieldError(fmt.Sprintf("items[%d].request_id", i), "This request is already answered by another item")
		}
		has[id] = true
		if !had[id] {
			ids = append(ids, id)
		}
	}
	for id := range had {
		if !has[id] {
			l.removed = append(l.removed, id)
		}
	}
	all := append(append([]int64(nil), ids...), l.removed...)
	if len(all) == 0 {
		return l, nil
	}
	locked, err := lockRequests(ctx, tx, all)
	if err != nil {
		return l, err
	}
	for i, it := range after {
		if it.RequestID == nil || had[*it.RequestID] {
			continue
		}
		field := fmt.Sprintf("items[%d].request_id", i)
		r, ok := locked[*it.RequestID]
		switch {
		case !ok:
			return l, hub.FieldError(field, "There is no request with this id")
		case r.HubID != e.HubID:
			return l, hub.FieldError(field, "That request belongs to another hub")
		}
		if err := hub.CheckTransition(r.Status, hub.RequestScheduled, hub.Parties{Coordinator: true}, ""); err != nil {
			return l, err
		}
		l.added = append(l.added, r.ID)
	}
	return l, nil
}

// settle records the scheduling and unscheduling of requests after the
// agenda was rewritten, in the same transaction.
func (l requestLinks) settle(ctx context.Context, tx *sqlx.Tx, by *int64, e events.Event) error {
	for _, id := range l.added {
		var from hub.RequestStatus
		err := tx.GetContext(ctx, &from, `
			UPDATE topic_requests r SET status = 'scheduled', status_changed_at = now(), updated_at = now(), version = r.version + 1
			FROM topic_requests old WHERE old.id = r.id AND r.id = $1 RETURNING old.status`, id)
		if err != nil {
			return fmt.Errorf("schedule request %d: %w", id, err)
		}
		if err := recordChange(ctx, tx, change{by: by, requestID: id, from: &from, to: hub.RequestScheduled,
			reason: "Added to the agenda of " + e.Title, eventID: &e.ID}); err != nil {
			return err
		}
	}
	for _, id := range l.removed {
		var n int64
		err := tx.GetContext(ctx, &n, `
			WITH back AS (UPDATE topic_requests SET status = 'accepted', status_changed_at = now(), updated_at = now(), version = version + 1
				WHERE id = $1 AND status = 'scheduled' RETURNING id)
			SELECT count(*) FROM back`, id)
		if err != nil {
			return fmt.Errorf("unschedule request %d: %w", id, err)
		}
		if n == 0 { // delivered already: it stays so
			continue
		}
		from := hub.RequestScheduled
		if err := recordChange(ctx, tx, change{by: by, requestID: id, from: &from, to: hub.RequestAccepted,
			reason: "Removed from the agenda of " + e.Title, eventID: &e.ID}); err != nil {
			return err
		}
	}
	return nil
}

// settleDeliveries marks the scheduled requests of a hub (0: every hub)
// whose event has ended by now as delivered, with a line of history each.
// Readers call it first, so that a request is shown delivered as soon as
// its event is over; it is one statement, and idempotent.
func settleDeliveries(ctx context.Context, q querier, hubID int64, now time.Time) error {
	_, err := q.ExecContext(ctx, `
		WITH due AS (
			UPDATE topic_requests r SET status = 'delivered', delivered_at = e.ends_at, status_changed_at = $2, updated_at = $2, version = r.version + 1
			FROM agenda_items a JOIN events e ON e.id = a.event_id
			WHERE a.request_id = r.id AND r.status = 'scheduled' AND ($1 = 0 OR r.hub_id = $1)
			  AND e.ends_at <= $2 AND e.status = 'published'
			RETURNING r.id, e.id AS event_id)
		INSERT INTO request_status_changes (request_id, from_status, to_status, reason, event_id)
		SELECT id, 'scheduled', 'delivered', 'The event took place.', event_id FROM due`, hubID, now)
	if err != nil {
		return fmt.Errorf("settle deliveries of hub %d: %w", hubID, err)
	}
	return nil
}

// Scheduling adds a request to an event's agenda in one action, from the
// agenda builder.
type Scheduling struct {
	// EventID is the event; the actor must coordinate its hub.
	EventID int64
	// RequestID is the request, of the same hub, open or accepted.
	RequestID int64
	// OfferID, when set, is the offer whose organisation presents it.
	OfferID int64
	// StartsAt and EndsAt place the item; zero puts it after the last
	// item, DefaultSlot long (or up to the event's end).
	StartsAt, EndsAt time.Time
	// Want is the agenda version the builder was showing, if known.
	Want IfVersion
}

// DefaultSlot is how long an item added from a request lasts unless the
// coordinator says.
const DefaultSlot = 45 * time.Minute

// ScheduleRequest makes an agenda item from a request — its title, topic,
// format and, with an offer, its presenting organisation — and marks the
// request scheduled, in one transaction under the event's lock.
func (db *DB) ScheduleRequest(ctx context.Context, a *hub.Actor, in Scheduling) (events.AgendaItem, error) {
	var src struct {
		EventHub int64   `db:"event_hub"`
		TimeZone string  `db:"timezone"`
		HubID    *int64  `db:"hub_id"`
		Title    string  `db:"title"`
		Topic    string  `db:"topic"`
		Format   string  `db:"format"`
		OfferOrg *int64  `db:"offer_org"`
		OfferFmt *string `db:"offer_format"`
		Status   string  `db:"status"`
	}
	err := db.x.GetContext(ctx, &src, `
		SELECT e.hub_id AS event_hub, h.timezone, r.hub_id, coalesce(r.title, '') AS title, coalesce(t.slug, '') AS topic,
			coalesce(r.format, '') AS format, coalesce(r.status, '') AS status, o.organisation_id AS offer_org, o.format AS offer_format
		FROM events e JOIN hubs h ON h.id = e.hub_id
		LEFT JOIN topic_requests r ON r.id = $1
		LEFT JOIN topics t ON t.id = r.topic_id
		LEFT JOIN request_offers o ON o.id = $3 AND o.request_id = r.id
		WHERE e.id = $2`, in.RequestID, in.EventID, in.OfferID)
	if err != nil {
		return events.AgendaItem{}, fmt.Errorf("event %d to schedule into: %w", in.EventID, notFound(err, "The event"))
	}
	switch {
	case !hub.CanManageHub(a, src.EventHub):
		return events.AgendaItem{}, hub.Errorf(hub.EForbidden, "Only the hub’s coordinators can build this event’s agenda.")
	case src.HubID == nil:
		return events.AgendaItem{}, hub.FieldError("request_id", "There is no request with this id")
	case *src.HubID != src.EventHub:
		return events.AgendaItem{}, hub.FieldError("request_id", "That request belongs to another hub; add requests of this event’s hub")
	case in.OfferID != 0 && src.OfferOrg == nil:
		return events.AgendaItem{}, hub.FieldError("offer_id", "There is no such offer for this request")
	}
	// Checked again under the lock; first here, so that a request that
	// cannot be scheduled says so before anything about times.
	if err := hub.CheckTransition(hub.RequestStatus(src.Status), hub.RequestScheduled, hub.Parties{Coordinator: true}, ""); err != nil {
		return events.AgendaItem{}, err
	}
	format := hub.RequestFormat(src.Format)
	if src.OfferFmt != nil {
		format = hub.RequestFormat(*src.OfferFmt)
	}
	item := events.AgendaItem{Title: src.Title, Kind: events.AgendaKind(format.AgendaKind()), TopicSlug: src.Topic,
		PresenterOrganisationID: src.OfferOrg, RequestID: &in.RequestID, StartsAt: in.StartsAt, EndsAt: in.EndsAt}
	err = db.ChangeAgenda(ctx, a, in.EventID, in.Want, func(e events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
		for _, it := range items {
			if it.RequestID != nil && *it.RequestID == in.RequestID {
				return nil, hub.Errorf(hub.EConflict, "This request is already on this event’s agenda.")
			}
		}
		if item.StartsAt.IsZero() {
			item.StartsAt = e.StartsAt
			for _, it := range items {
				if it.EndsAt.After(item.StartsAt) {
					item.StartsAt = it.EndsAt
				}
			}
			if !item.StartsAt.Before(e.EndsAt) {
				return nil, hub.FieldError("starts_at", "The agenda is full to the event’s end: choose a time, or make room first")
			}
			item.EndsAt = item.StartsAt.Add(DefaultSlot)
			if item.EndsAt.After(e.EndsAt) {
				item.EndsAt = e.EndsAt
			}
		}
		return append(items, item), nil
	})
	if err != nil {
		return item, requestField(err)
	}
	if err := db.x.GetContext(ctx, &item.ID, `SELECT id FROM agenda_items WHERE request_id = $1`, in.RequestID); err != nil {
		return item, fmt.Errorf("item of request %d: %w", in.RequestID, err)
	}
	item.EventID = in.EventID
	return item, nil
}

// requestField renames the agenda's "items[3].starts_at" field errors of
// the one new item to the scheduling's own fields.
func requestField(err error) error {
	fields := hub.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	var f hub.FieldErrors
	for name, why := range fields {
		for _, suffix := range []string{"request_id", "starts_at", "ends_at", "title", "kind", "topic", "presenter_organisation_id"} {
			if len(name) >= len(suffix) && name[len(name)-len(suffix):] == suffix {
				name = suffix
				break
			}
		}
		f.Add(name, why)
	}
	return f.Err()
}
