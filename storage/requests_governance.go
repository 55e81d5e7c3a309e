package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/convene/convene/hub"
)

// readGovernance reads a hub's governance; a hub that never recorded any
// has the zero Governance. It scans into a copy: sqlx allocates the
// pointer fields (the dates) before it finds there is no row, which would
// turn "never recorded" into "1 January 0001".
func readGovernance(ctx context.Context, q querier, hubID int64) (hub.Governance, error) {
	var row hub.Governance
	err := sqlxGet(ctx, q, &row, `
		SELECT hub_id, terms_url, terms_text, terms_reviewed_on, terms_next_review_on, chair_name, chair_organisation_id, chair_term_ends_on
		FROM hub_governance WHERE hub_id = $1`, hubID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return hub.Governance{HubID: hubID}, nil
	case err != nil:
		return hub.Governance{HubID: hubID}, fmt.Errorf("governance of hub %d: %w", hubID, err)
	}
	return row, nil
}

// HubGovernance reads a hub's terms of reference and chair for the form
// its coordinators (and admins) edit them in.
func (db *DB) HubGovernance(ctx context.Context, a *hub.Actor, slug string) (hub.Hub, hub.Governance, error) {
	s, err := hubStanding(ctx, db.x, a, slug)
	if err != nil {
		return hub.Hub{}, hub.Governance{}, err
	}
	if !hub.CanManageHub(a, s.ID) {
		return s.Hub, hub.Governance{}, hub.Errorf(hub.EForbidden, "Only the coordinators of %s can record its governance.", s.Name)
	}
	g, err := readGovernance(ctx, db.x, s.ID)
	return s.Hub, g, err
}
