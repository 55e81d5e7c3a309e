package storage

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// NewEvents asks for a draft event, or a series of draft events, in a hub.
type NewEvents struct {
	// Event is the event, or the first of the series; HubID says where.
	Event events.Event
	// Topics are the slugs of the topics it is about.
	Topics []string
	// Recurrence, when set, repeats the event as a series.
	Recurrence *events.Recurrence
	// Problems are what was wrong with the input before it could become an
	// event (a date that does not parse): they are reported together with
	// the operation's own checks, so that one answer names every field.
	Problems error
	// Now is when the request is made; events may not start before it.
	Now time.Time
}

// CreateEvents creates a draft event, or the occurrences of a series, for
// a coordinator of the hub: it normalises and validates the event, checks
// the host is a member of the hub and the topics exist, and stores it all
// in one transaction. Field names in errors are the API's.
func (db *DB) CreateEvents(ctx context.Context, a *hub.Actor, n NewEvents) ([]events.Event, error) {
	e := n.Event
	e.Normalise()
	e.Status = events.StatusDraft
	var created []events.Event
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		var f hub.FieldErrors
		f.Merge(n.Problems)
		f.Merge(events.ValidateNew(e, n.Now))
		if n.Recurrence != nil {
			f.Merge(n.Recurrence.Validate())
		}
		topicIDs, err := checkEvent(ctx, tx, &f, e, n.Topics)
		if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		by := byActor(a)
		if n.Recurrence == nil {
			stored, err := insertEvent(ctx, tx, by, e, topicIDs)
			if err != nil {
				return err
			}
			created = []events.Event{stored}
			return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "event.create", Subject: subject("event", stored.ID)})
		}
		loc, err := hubZone(ctx, tx, e.HubID)
		if err != nil {
			return err
		}
		created, err = insertSeries(ctx, tx, by, e, topicIDs, *n.Recurrence, loc)
		return err
	})
	return created, err
}

// checkEvent adds to f what is wrong with an event beyond its own fields
// (a host that is not a member of the hub, topics that do not exist) and
// returns the topics' ids.
func checkEvent(ctx context.Context, q querier, f *hub.FieldErrors, e events.Event, topics []string) ([]int64, error) {
	if e.HostOrganisationID != nil {
		var hubs []int64
		err := sqlx.SelectContext(ctx, q, &hubs, `SELECT hub_id FROM hub_memberships WHERE organisation_id = $1 AND status = 'active'`, *e.HostOrganisationID)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(hubs, e.HubID) {
			f.Add("host_organisation_id", "Choose one of the hub’s member organisations as the host")
		}
	}
	ids, err := topicIDs(ctx, q, "topics", topics)
	if !f.Merge(err) && err != nil {
		return nil, err
	}
	return ids, nil
}

// byActor is the actor's person id for the audit log, nil for nobody.
func byActor(a *hub.Actor) *int64 {
	if a.PersonID() == 0 {
		return nil
	}
	id := a.PersonID()
	return &id
}
