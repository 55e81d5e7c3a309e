package storage

import (
	"context"
	"fmt"

	"github.com/convene/convene/hub"
)

// RequestAccess is where the actor stands towards a hub's topic requests,
// or one request: enough for a route's permission to ask hub's policy
// (hub.CanSeeRequests, hub.PartiesFor) before the operation asks again.
type RequestAccess struct {
	// HubID is the hub of the board or of the request.
	HubID int64
	// RequesterOrg is the organisation that made the request; 0 for a board.
	RequesterOrg int64
	// ActiveOrgs are the actor's organisations that are active members of the hub.
	ActiveOrgs []int64
}

// HubRequestAccess is the actor's standing in the hub with slug.
func (db *DB) HubRequestAccess(ctx context.Context, a *hub.Actor, slug string) (RequestAccess, error) {
	s, err := hubStanding(ctx, db.x, a, slug)
	if err != nil {
		return RequestAccess{}, err
	}
	return RequestAccess{HubID: s.ID, ActiveOrgs: s.ActiveOrgs}, nil
}

// RequestAccessOf is the actor's standing towards request id.
func (db *DB) RequestAccessOf(ctx context.Context, a *hub.Actor, id int64) (RequestAccess, error) {
	s, err := requestStanding(ctx, db.x, a, id)
	if err != nil {
		return RequestAccess{}, err
	}
	acc := RequestAccess{HubID: s.ID, ActiveOrgs: s.ActiveOrgs}
	if err := db.x.GetContext(ctx, &acc.RequesterOrg, `SELECT organisation_id FROM topic_requests WHERE id = $1`, id); err != nil {
		return acc, fmt.Errorf("request %d: %w", id, notFound(err, "The request"))
	}
	return acc, nil
}
