package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// AddMember makes an organisation an active member of a hub (approving a
// pending request if there is one).
func (db *DB) AddMember(ctx context.Context, by *int64, hubID, orgID int64) error {
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, decided_by, decided_at) VALUES ($1, $2, 'active', $3, now())
			ON CONFLICT (hub_id, organisation_id) DO UPDATE SET status = 'active', since = now(), decided_by = $3, decided_at = now()
			WHERE hub_memberships.status <> 'active'`, hubID, orgID, by)
		if err != nil {
			return fmt.Errorf("add member %d to hub %d: %w", orgID, hubID, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.EConflict, Message: "That organisation is already a member of this hub."}
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "member.add", Subject: subject("organisation", orgID)})
	})
}

// RemoveMember takes an organisation out of a hub.
func (db *DB) RemoveMember(ctx context.Context, by *int64, hubID, orgID int64) error {
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 AND status = 'active'`, hubID, orgID)
		if err != nil {
			return fmt.Errorf("remove member %d from hub %d: %w", orgID, hubID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.ENotFound, Message: "That organisation is not a member of this hub."}
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "member.remove", Subject: subject("organisation", orgID)})
	})
}

// RequestMembership records an organisation's request to join a hub. A
// member or an organisation already waiting is a conflict; a declined one
// may ask again.
func (db *DB) RequestMembership(ctx context.Context, by int64, hubID, orgID int64, message string) error {
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		var status string
		err := tx.GetContext(ctx, &status, `SELECT status FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 FOR UPDATE`, hubID, orgID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("request membership: %w", err)
		case status == "active":
			return &hub.Error{Code: hub.EConflict, Message: "That organisation is already a member of this hub."}
		case status == "requested":
			return &hub.Error{Code: hub.EConflict, Message: "That organisation has already asked to join; the coordinators will decide soon."}
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, requested_by, message, since) VALUES ($1, $2, 'requested', $3, $4, now())
			ON CONFLICT (hub_id, organisation_id) DO UPDATE SET status = 'requested', requested_by = $3, message = $4, since = now(), decided_by = NULL, decided_at = NULL`,
			hubID, orgID, by, message)
		if err != nil {
			return fmt.Errorf("request membership: %w", mapErr(err))
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &hubID, Action: "member.request", Subject: subject("organisation", orgID)})
	})
}

// DecideMembership approves or declines a pending request.
func (db *DB) DecideMembership(ctx context.Context, by int64, hubID, orgID int64, approve bool) error {
	status, action := "declined", "member.decline"
	if approve {
		status, action = "active", "member.approve"
	}
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE hub_memberships SET status = $3, decided_by = $4, decided_at = now(), since = now()
			WHERE hub_id = $1 AND organisation_id = $2 AND status = 'requested'`, hubID, orgID, status, by)
		if err != nil {
			return fmt.Errorf("decide membership: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.ENotFound, Message: "There is no pending request from that organisation."}
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &hubID, Action: action, Subject: subject("organisation", orgID)})
	})
}

// MembershipRequest is an organisation waiting to join a hub.
type MembershipRequest struct {
	Organisation hub.Organisation `db:"org" json:"organisation"`
	RequestedBy  *string          `db:"requested_by" json:"requested_by"`
	Message      string           `db:"message" json:"message"`
	Since        time.Time        `db:"since" json:"since"`
}

// PendingRequests lists the requests waiting for a hub's decision, oldest first.
func (db *DB) PendingRequests(ctx context.Context, hubID int64) ([]MembershipRequest, error) {
	reqs := []MembershipRequest{}
	err := db.x.SelectContext(ctx, &reqs, `
		SELECT o.id AS "org.id", o.name AS "org.name", o.kind AS "org.kind", o.website AS "org.website",
		       o.description AS "org.description", o.created_at AS "org.created_at", o.updated_at AS "org.updated_at",
		       p.name AS requested_by, m.message, m.since
		FROM hub_memberships m JOIN organisations o ON o.id = m.organisation_id LEFT JOIN people p ON p.id = m.requested_by
		WHERE m.hub_id = $1 AND m.status = 'requested' ORDER BY m.since, o.id`, hubID)
	if err != nil {
		return nil, fmt.Errorf("pending requests of hub %d: %w", hubID, err)
	}
	return reqs, nil
}

// OrgMembership is a hub an organisation belongs to or has asked to join.
type OrgMembership struct {
	Hub    hub.Hub `db:"hub"`
	Status string  `db:"status"`
}

// MembershipsOf lists the hubs of an organisation with the status of each.
func (db *DB) MembershipsOf(ctx context.Context, orgID int64) ([]OrgMembership, error) {
	ms := []OrgMembership{}
	err := db.x.SelectContext(ctx, &ms, `
		SELECT h.id AS "hub.id", h.slug AS "hub.slug", h.name AS "hub.name", h.region AS "hub.region",
		       h.timezone AS "hub.timezone", h.description AS "hub.description",
		       h.created_at AS "hub.created_at", h.updated_at AS "hub.updated_at", m.status
		FROM hub_memberships m JOIN hubs h ON h.id = m.hub_id
		WHERE m.organisation_id = $1 ORDER BY lower(h.name)`, orgID)
	if err != nil {
		return nil, fmt.Errorf("memberships of %d: %w", orgID, err)
	}
	return ms, nil
}

// ActiveHubIDsOf lists the hubs an organisation is an active member of.
func (db *DB) ActiveHubIDsOf(ctx context.Context, orgID int64) ([]int64, error) {
	ids := []int64{}
	err := db.x.SelectContext(ctx, &ids, `SELECT hub_id FROM hub_memberships WHERE organisation_id = $1 AND status = 'active'`, orgID)
	if err != nil {
		return nil, fmt.Errorf("hubs of %d: %w", orgID, err)
	}
	return ids, nil
}

// MembershipStatuses maps each organisation with a membership row in the
// hub to its status.
func (db *DB) MembershipStatuses(ctx context.Context, hubID int64) (map[int64]string, error) {
	var rows []struct {
		OrgID  int64  `db:"organisation_id"`
		Status string `db:"status"`
	}
	if err := db.x.SelectContext(ctx, &rows, `SELECT organisation_id, status FROM hub_memberships WHERE hub_id = $1`, hubID); err != nil {
		return nil, fmt.Errorf("membership statuses of hub %d: %w", hubID, err)
	}
	m := make(map[int64]string, len(rows))
	for _, r := range rows {
		m[r.OrgID] = r.Status
	}
	return m, nil
}
