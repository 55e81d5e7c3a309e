package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// AgendaCopy asks to copy one event's agenda into one or more events of
// the same hub, re-timed to each.
type AgendaCopy struct {
	// SourceEventID is the event whose agenda is copied; 0 means the
	// occurrence of the target's series just before the target.
	SourceEventID int64
	// TargetEventID is the event the copy is made from the page or API of.
	TargetEventID int64
	// Following copies into TargetEventID and every later occurrence of its
	// series that is not cancelled; otherwise into TargetEventID alone.
	Following bool
	// TargetEventIDs, when given, are the targets instead of the two above.
	TargetEventIDs []int64
	// Replace overwrites agendas that are not empty; otherwise those
	// targets are skipped.
	Replace bool
}

// AgendaCopyResult says what a copy did.
type AgendaCopyResult struct {
	// Copied counts the events given the source's agenda.
	Copied int `json:"copied"`
	// Skipped counts the events left alone because they had an agenda.
	Skipped int `json:"skipped"`
}

// CopyAgenda copies the agenda of c.SourceEventID into the targets in one
// transaction, for a coordinator of their hub: each item keeps its local
// offset from the source's start and its length (see events.RetimeAgenda)
// and no topic request link, since a request is scheduled once. A source in
// another hub is invalid on source_event_id; so is a copy in which some
// items would not fit some target, naming them, and nothing is copied.
func (db *DB) CopyAgenda(ctx context.Context, a *hub.Actor, c AgendaCopy) (AgendaCopyResult, error) {
	var res AgendaCopyResult
	by := byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		first := c.TargetEventID
		if len(c.TargetEventIDs) > 0 {
			first = c.TargetEventIDs[0]
		}
		e0, err := lockEvent(ctx, tx, first)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e0.HubID); err != nil {
			return err
		}
		loc, err := hubZone(ctx, tx, e0.HubID)
		if err != nil {
			return err
		}
		src, err := copySource(ctx, tx, c.SourceEventID, e0)
		if err != nil {
			return err
		}
		ids, err := copyTargets(ctx, tx, c, e0)
		if err != nil {
			return err
		}
		ids = slices.DeleteFunc(ids, func(id int64) bool { return id == src.ID })
		if len(ids) == 0 {
			return hub.FieldError("source_event_id", "Choose another event to copy from than the one you are copying into")
		}
		from, err := agendaOf(ctx, tx, src.ID)
		if err != nil {
			return err
		}
		if len(from) == 0 {
			return hub.FieldError("source_event_id", "The event on "+events.FormatDate(src.StartsAt, loc)+" has no agenda to copy")
		}
		items := make([]events.AgendaItem, len(from))
		for i, it := range from {
			items[i] = it.AgendaItem
		}
		var misfits []string
		for _, id := range ids {
			t, err := lockEvent(ctx, tx, id)
			if err != nil {
				return err
			}
			if t.HubID != e0.HubID {
				return hub.FieldError("target_event_ids", "Copy only into events of one hub")
			}
			current, err := agendaOf(ctx, tx, id)
			if err != nil {
				return err
			}
			if len(current) > 0 && !c.Replace {
				res.Skipped++
				continue
			}
			copies := events.RetimeAgenda(items, src, t, loc)
			if m := misfit(copies, t, loc); m != "" {
				misfits = append(misfits, m)
				continue
			}
			if err := events.ValidateAgenda(t, copies, loc); err != nil {
				return err
			}
			if err := writeAgenda(ctx, tx, by, t, current, copies); err != nil {
				return err
			}
			if err := audit(ctx, tx, Entry{PersonID: by, HubID: &t.HubID, Action: "agenda.copy", Subject: subject("event", id),
				Details: map[string]any{"from": src.ID, "items": len(copies), "replaced": len(current)}}); err != nil {
				return err
			}
			res.Copied++
		}
		if len(misfits) > 0 {
			return hub.FieldError("source_event_id", "Nothing was copied: some items would not fit. "+strings.Join(misfits, "; "))
		}
		return nil
	})
	return res, err
}

// copySource finds the event to copy from: id, or the occurrence of e's
// series before e; it must be an event of e's hub.
func copySource(ctx context.Context, tx *sqlx.Tx, id int64, e events.Event) (events.Event, error) {
	if id == 0 {
		if e.SeriesID == nil {
			return events.Event{}, hub.FieldError("source_event_id", "Choose the event to copy the agenda from")
		}
		err := tx.GetContext(ctx, &id, `SELECT id FROM events WHERE series_id = $1 AND starts_at < $2 AND status <> 'cancelled'
			ORDER BY starts_at DESC, id DESC LIMIT 1`, *e.SeriesID, e.StartsAt)
		if err != nil {
			return events.Event{}, hub.FieldError("source_event_id", "There is no earlier event in this series; choose the event to copy the agenda from")
		}
	}
	var row eventRow
	err := tx.GetContext(ctx, &row, `SELECT `+eventColumns+` FROM events e WHERE e.id = $1 FOR SHARE`, id)
	if err != nil || row.HubID != e.HubID {
		// The same answer for a missing event and another hub's, which
		// this hub's coordinators may not read.
		return events.Event{}, hub.FieldError("source_event_id", "Choose an event of this hub to copy the agenda from")
	}
	return row.event(), nil
}

// copyTargets lists the events to copy into, in id order (the order
// they are locked in).
func copyTargets(ctx context.Context, tx *sqlx.Tx, c AgendaCopy, e events.Event) ([]int64, error) {
	if len(c.TargetEventIDs) > 0 {
		ids := slices.Clone(c.TargetEventIDs)
		slices.Sort(ids)
		return slices.Compact(ids), nil
	}
	if !c.Following {
		return []int64{e.ID}, nil
	}
	if e.SeriesID == nil {
		return nil, hub.FieldError("scope", "This event is not part of a series; copy into this event only")
	}
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM events WHERE series_id = $1 AND (id = $3 OR (starts_at >= $2 AND status <> 'cancelled'))
		ORDER BY id`, *e.SeriesID, e.StartsAt, e.ID); err != nil {
		return nil, fmt.Errorf("events of series %d: %w", *e.SeriesID, err)
	}
	return ids, nil
}

// misfit names the items that would fall outside event t, or is "".
func misfit(items []events.AgendaItem, t events.Event, loc *time.Location) string {
	var names []string
	for _, it := range items {
		if it.StartsAt.Before(t.StartsAt) || it.EndsAt.After(t.EndsAt) {
			names = append(names, "‘"+it.Title+"’")
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("%s would not fit in the event on %s (%s)", strings.Join(names, ", "),
		events.FormatDate(t.StartsAt, loc), events.FormatRange(t.StartsAt, t.EndsAt, loc))
}
