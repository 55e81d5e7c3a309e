package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// ViewerIn is what the actor may see of a hub's events (see
// events.CanSee): managers see everything, the hub's people its
// members-only events.
func (db *DB) ViewerIn(ctx context.Context, a *hub.Actor, hubID int64) (events.Viewer, error) {
	return viewerIn(ctx, db.x, a, hubID)
}

func viewerIn(ctx context.Context, q querier, a *hub.Actor, hubID int64) (events.Viewer, error) {
	v := events.Viewer{PersonID: a.PersonID(), Manager: hub.CanManageHub(a, hubID)}
	if a.SignedIn() && !v.Manager {
		err := sqlxGet(ctx, q, &v.InHub, `
			SELECT EXISTS (SELECT 1 FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
			               WHERE a.person_id = $1 AND m.hub_id = $2 AND m.status = 'active')
			    OR EXISTS (SELECT 1 FROM roles r WHERE r.person_id = $1 AND r.hub_id = $2)`, v.PersonID, hubID)
		if err != nil {
			return v, fmt.Errorf("is person %d in hub %d: %w", v.PersonID, hubID, err)
		}
	}
	return v, nil
}

// forbidden is the error of an actor without the right.
func forbidden(msg string) error { return &hub.Error{Code: hub.EForbidden, Message: msg} }

// mustManage fails with forbidden unless the actor runs the hub.
func mustManage(ctx context.Context, q querier, a *hub.Actor, hubID int64) error {
	if hub.CanManageHub(a, hubID) {
		return nil
	}
	var name string
	if err := sqlxGet(ctx, q, &name, `SELECT name FROM hubs WHERE id = $1`, hubID); err != nil {
		return fmt.Errorf("name of hub %d: %w", hubID, notFound(err, "The hub"))
	}
	return hub.Errorf(hub.EForbidden, "Only the coordinators of %s can do that.", name)
}

// hubZone is a hub's time zone (see hub.Hub.Zone).
func hubZone(ctx context.Context, q querier, hubID int64) (*time.Location, error) {
	var h hub.Hub
	if err := sqlxGet(ctx, q, &h, `SELECT `+hubColumns+` FROM hubs h WHERE h.id = $1`, hubID); err != nil {
		return nil, fmt.Errorf("find hub %d: %w", hubID, notFound(err, "The hub"))
	}
	return h.Zone(), nil
}
