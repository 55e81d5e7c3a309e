package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// Membership statuses as OfferMembership and RequestMembership report them.
const (
	MembershipActive    = "active"
	MembershipInvited   = "invited"
	MembershipRequested = "requested"
)

// OfferMembership is a hub's side of the agreement: a coordinator invites
// an organisation, which becomes a member only when one of its own members
// accepts (AnswerHubInvitation); an organisation that asked to join is
// approved. Site admins add directly. It returns the membership's status
// afterwards: active, or invited.
func (db *DB) OfferMembership(ctx context.Context, a *hub.Actor, hubID, orgID int64) (string, error) {
	if !hub.CanManageHub(a, hubID) {
		return "", &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s coordinators can invite organisations to join it."}
	}
	by := byActor(a) // nil for the system (setup, demo data)
	var result string
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		status, err := lockMembership(ctx, tx, hubID, orgID)
		if err != nil {
			return err
		}
		switch {
		case status == MembershipActive:
			return &hub.Error{Code: hub.EConflict, Message: "That organisation is already a member of this hub."}
		case status == MembershipRequested:
			result = MembershipActive
			return decide(ctx, tx, by, hubID, orgID, true)
		case a.Admin:
			result = MembershipActive
			return addMember(ctx, tx, by, hubID, orgID)
		case status == MembershipInvited:
			return &hub.Error{Code: hub.EConflict, Message: "That organisation is already invited; it joins when one of its members accepts."}
		}
		result = MembershipInvited
		// With no row to lock, a concurrent offer may insert first: only a
		// declined membership is invited again, anything else is reported
		// as it now stands.
		res, err := tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, origin, invited_by, since) VALUES ($1, $2, 'invited', 'invitation', $3, now())
			ON CONFLICT (hub_id, organisation_id) DO UPDATE SET status = 'invited', origin = 'invitation', invited_by = $3, since = now(),
				requested_by = NULL, message = '', decided_by = NULL, decided_at = NULL
			WHERE hub_memberships.status = 'declined'`, hubID, orgID, by)
		if err != nil {
			return fmt.Errorf("invite organisation %d to hub %d: %w", orgID, hubID, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.EConflict, Message: "That organisation was invited or joined a moment ago; reload to see where it stands."}
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "member.invite", Subject: subject("organisation", orgID)})
	})
	return result, err
}

// lockMembership reads and locks the membership row of an organisation in
// a hub: its status, or "" when there is none. An unknown organisation is
// invalid input.
func lockMembership(ctx context.Context, tx *sqlx.Tx, hubID, orgID int64) (string, error) {
	var row struct {
		Exists bool    `db:"org_exists"`
		Status *string `db:"status"`
	}
	err := tx.GetContext(ctx, &row, `
		SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $2) AS org_exists,
		       (SELECT status FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 FOR UPDATE) AS status`, hubID, orgID)
	if err != nil {
		return "", fmt.Errorf("membership of %d in hub %d: %w", orgID, hubID, err)
	}
	if !row.Exists {
		return "", hub.FieldError("organisation_id", "There is no organisation with this id")
	}
	if row.Status == nil {
		return "", nil
	}
	return *row.Status, nil
}

// AddMember makes an organisation an active member of a hub directly,
// without its consent: for site admins and tests only (OfferMembership
// decides who may). Membership made this way gives coordinators no right
// to make sign-in links for the organisation's people.
func (db *DB) AddMember(ctx context.Context, a *hub.Actor, hubID, orgID int64) error {
	if !hub.CanAdminister(a) {
		return forbidden("Only site administrators can add an organisation to a hub directly; coordinators invite it.")
	}
	by := byActor(a)
	return db.inTx(ctx, func(tx *sqlx.Tx) error { return addMember(ctx, tx, by, hubID, orgID) })
}

func addMember(ctx context.Context, tx *sqlx.Tx, by *int64, hubID, orgID int64) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO hub_memberships (hub_id, organisation_id, status, origin, decided_by, decided_at) VALUES ($1, $2, 'active', 'admin', $3, now())
		ON CONFLICT (hub_id, organisation_id) DO UPDATE SET status = 'active', origin = 'admin', since = now(), decided_by = $3, decided_at = now()
		WHERE hub_memberships.status <> 'active'`, hubID, orgID, by)
	if err != nil {
		return fmt.Errorf("add member %d to hub %d: %w", orgID, hubID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &hub.Error{Code: hub.EConflict, Message: "That organisation is already a member of this hub."}
	}
	return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "member.add", Subject: subject("organisation", orgID)})
}

// AnswerHubInvitation is the organisation's side: one of its members
// accepts the hub's invitation (it becomes a member) or declines it.
func (db *DB) AnswerHubInvitation(ctx context.Context, a *hub.Actor, hubID, orgID int64, accept bool) error {
	if !hub.CanAnswerHubInvitation(a, orgID) {
		return &hub.Error{Code: hub.EForbidden, Message: "Only the organisation’s own members can answer its invitations."}
	}
	by := a.PersonID()
	status, action := "declined", "member.refuse"
	if accept {
		status, action = "active", "member.accept"
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE hub_memberships SET status = $3, decided_by = $4, decided_at = now(), since = now()
			WHERE hub_id = $1 AND organisation_id = $2 AND status = 'invited'`, hubID, orgID, status, by)
		if err != nil {
			return fmt.Errorf("answer invitation of %d to hub %d: %w", orgID, hubID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.ENotFound, Message: "There is no invitation from that hub waiting for this organisation."}
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &hubID, Action: action, Subject: subject("organisation", orgID)})
	})
}

// RemoveMember takes an organisation out of a hub, or withdraws the hub's
// invitation to it.
func (db *DB) RemoveMember(ctx context.Context, a *hub.Actor, hubID, orgID int64) error {
	by := byActor(a)
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustManage(ctx, tx, a, hubID); err != nil {
			return err
		}
		var was string
		err := tx.GetContext(ctx, &was, `DELETE FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 AND status IN ('active', 'invited') RETURNING status`, hubID, orgID)
		if errors.Is(err, sql.ErrNoRows) {
			return &hub.Error{Code: hub.ENotFound, Message: "That organisation is not a member of this hub."}
		}
		if err != nil {
			return fmt.Errorf("remove member %d from hub %d: %w", orgID, hubID, err)
		}
		action := "member.remove"
		if was == MembershipInvited {
			action = "member.uninvite"
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: action, Subject: subject("organisation", orgID)})
	})
}

// RequestMembership records an organisation's request to join a hub and
// returns the status afterwards. A member or an organisation already
// waiting is a conflict; a declined one may ask again; one the hub has
// invited becomes a member at once, both sides having agreed.
func (db *DB) RequestMembership(ctx context.Context, a *hub.Actor, hubID, orgID int64, message string) (string, error) {
	if !hub.CanActForOrganisation(a, orgID) {
		return "", forbidden("Only members of an organisation can ask for it to join a hub.")
	}
	message = strings.TrimSpace(message)
	var f hub.FieldErrors
	hub.CheckLength(&f, "message", "The message", message, 2000)
	if err := f.Err(); err != nil {
		return "", err
	}
	by := a.PersonID()
	result := MembershipRequested
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		status, err := lockMembership(ctx, tx, hubID, orgID)
		switch {
		case err != nil:
			return err
		case status == MembershipActive:
			return &hub.Error{Code: hub.EConflict, Message: "That organisation is already a member of this hub."}
		case status == MembershipRequested:
			return &hub.Error{Code: hub.EConflict, Message: "That organisation has already asked to join; the coordinators will decide soon."}
		case status == MembershipInvited:
			result = MembershipActive
			_, err = tx.ExecContext(ctx, `
				UPDATE hub_memberships SET status = 'active', requested_by = $3, message = $4, decided_by = $3, decided_at = now(), since = now()
				WHERE hub_id = $1 AND organisation_id = $2`, hubID, orgID, by, message)
			if err != nil {
				return fmt.Errorf("accept invitation by request: %w", mapErr(err))
			}
			return audit(ctx, tx, Entry{PersonID: &by, HubID: &hubID, Action: "member.accept", Subject: subject("organisation", orgID)})
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, origin, requested_by, message, since) VALUES ($1, $2, 'requested', 'request', $3, $4, now())
			ON CONFLICT (hub_id, organisation_id) DO UPDATE SET status = 'requested', origin = 'request', requested_by = $3, message = $4, since = now(), decided_by = NULL, decided_at = NULL
			WHERE hub_memberships.status = 'declined'`,
			hubID, orgID, by, message)
		if err != nil {
			return fmt.Errorf("request membership: %w", mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.EConflict, Message: "That organisation asked, was invited or joined a moment ago; reload to see where it stands."}
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &hubID, Action: "member.request", Subject: subject("organisation", orgID)})
	})
	return result, err
}

// DecideMembership approves or declines a pending request.
func (db *DB) DecideMembership(ctx context.Context, a *hub.Actor, hubID, orgID int64, approve bool) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustManage(ctx, tx, a, hubID); err != nil {
			return err
		}
		return decide(ctx, tx, byActor(a), hubID, orgID, approve)
	})
}

func decide(ctx context.Context, tx *sqlx.Tx, by *int64, hubID, orgID int64, approve bool) error {
	status, action := "declined", "member.decline"
	if approve {
		status, action = "active", "member.approve"
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE hub_memberships SET status = $3, origin = 'request', decided_by = $4, decided_at = now(), since = now()
		WHERE hub_id = $1 AND organisation_id = $2 AND status = 'requested'`, hubID, orgID, status, by)
	if err != nil {
		return fmt.Errorf("decide membership: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &hub.Error{Code: hub.ENotFound, Message: "There is no pending request from that organisation."}
	}
	return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: action, Subject: subject("organisation", orgID)})
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

// HubInvitation is a hub's invitation waiting for an organisation's answer.
type HubInvitation struct {
	Hub          hub.Hub          `db:"hub" json:"hub"`
	Organisation hub.Organisation `db:"org" json:"organisation"`
	InvitedBy    *string          `db:"invited_by" json:"invited_by"`
	Since        time.Time        `db:"since" json:"since"`
}

// HubInvitations lists the invitations waiting for any of the given
// organisations, oldest first.
func (db *DB) HubInvitations(ctx context.Context, orgIDs []int64) ([]HubInvitation, error) {
	invs := []HubInvitation{}
	if len(orgIDs) == 0 {
		return invs, nil
	}
	err := db.x.SelectContext(ctx, &invs, `
		SELECT h.id AS "hub.id", h.slug AS "hub.slug", h.name AS "hub.name", h.region AS "hub.region",
		       h.timezone AS "hub.timezone", h.description AS "hub.description",
		       h.created_at AS "hub.created_at", h.updated_at AS "hub.updated_at",
		       o.id AS "org.id", o.name AS "org.name", o.kind AS "org.kind", o.website AS "org.website",
		       o.description AS "org.description", o.created_at AS "org.created_at", o.updated_at AS "org.updated_at",
		       p.name AS invited_by, m.since
		FROM hub_memberships m JOIN hubs h ON h.id = m.hub_id JOIN organisations o ON o.id = m.organisation_id
		LEFT JOIN people p ON p.id = m.invited_by
		WHERE m.organisation_id = ANY($1) AND m.status = 'invited' ORDER BY m.since, h.id, o.id`, pq.Array(orgIDs))
	if err != nil {
		return nil, fmt.Errorf("hub invitations of %v: %w", orgIDs, err)
	}
	return invs, nil
}

// InvitedOrganisations lists the organisations a hub has invited that have
// not answered yet, oldest first.
func (db *DB) InvitedOrganisations(ctx context.Context, hubID int64) ([]HubInvitation, error) {
	invs := []HubInvitation{}
	err := db.x.SelectContext(ctx, &invs, `
		SELECT o.id AS "org.id", o.name AS "org.name", o.kind AS "org.kind", o.website AS "org.website",
		       o.description AS "org.description", o.created_at AS "org.created_at", o.updated_at AS "org.updated_at",
		       p.name AS invited_by, m.since
		FROM hub_memberships m JOIN organisations o ON o.id = m.organisation_id LEFT JOIN people p ON p.id = m.invited_by
		WHERE m.hub_id = $1 AND m.status = 'invited' ORDER BY m.since, o.id`, hubID)
	if err != nil {
		return nil, fmt.Errorf("organisations invited to hub %d: %w", hubID, err)
	}
	return invs, nil
}
