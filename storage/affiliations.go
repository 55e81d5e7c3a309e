package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// InviteToOrganisation asks a person with an account to join an
// organisation; they become a member when they accept. Inviting someone
// already invited changes nothing; someone already a member is a conflict.
func (db *DB) InviteToOrganisation(ctx context.Context, by int64, personID, orgID int64) error {
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		var member bool
		if err := tx.GetContext(ctx, &member, `SELECT EXISTS (SELECT 1 FROM affiliations WHERE person_id = $1 AND organisation_id = $2)`, personID, orgID); err != nil {
			return fmt.Errorf("invite to organisation: %w", err)
		}
		if member {
			return &hub.Error{Code: hub.EConflict, Message: "That person is already part of the organisation."}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO affiliation_invitations (person_id, organisation_id, invited_by) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, personID, orgID, by)
		if err != nil {
			return fmt.Errorf("invite to organisation: %w", mapErr(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit(ctx, tx, Entry{PersonID: &by, Action: "affiliation.invite", Subject: subject("organisation", orgID), Details: map[string]any{"person_id": personID}})
	})
}

// AffiliationInvitation is an organisation inviting the person.
type AffiliationInvitation struct {
	Organisation hub.Organisation `db:"org" json:"organisation"`
	InvitedBy    *string          `db:"invited_by" json:"invited_by"`
	CreatedAt    time.Time        `db:"created_at" json:"created_at"`
}

// AffiliationInvitations lists the invitations waiting for a person.
func (db *DB) AffiliationInvitations(ctx context.Context, personID int64) ([]AffiliationInvitation, error) {
	invs := []AffiliationInvitation{}
	err := db.x.SelectContext(ctx, &invs, `
		SELECT o.id AS "org.id", o.name AS "org.name", o.kind AS "org.kind", o.website AS "org.website",
		       o.description AS "org.description", o.created_at AS "org.created_at", o.updated_at AS "org.updated_at",
		       p.name AS invited_by, i.created_at
		FROM affiliation_invitations i JOIN organisations o ON o.id = i.organisation_id LEFT JOIN people p ON p.id = i.invited_by
		WHERE i.person_id = $1 ORDER BY i.created_at`, personID)
	if err != nil {
		return nil, fmt.Errorf("invitations of %d: %w", personID, err)
	}
	return invs, nil
}

// AnswerAffiliation accepts (joining the organisation) or declines an
// invitation, in one transaction.
func (db *DB) AnswerAffiliation(ctx context.Context, personID, orgID int64, accept bool) error {
	return db.InTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM affiliation_invitations WHERE person_id = $1 AND organisation_id = $2`, personID, orgID)
		if err != nil {
			return fmt.Errorf("answer invitation: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &hub.Error{Code: hub.ENotFound, Message: "There is no invitation from that organisation."}
		}
		action := "affiliation.decline"
		if accept {
			action = "affiliation.accept"
			if err := affiliate(ctx, tx, personID, orgID); err != nil {
				return err
			}
		}
		return audit(ctx, tx, Entry{PersonID: &personID, Action: action, Subject: subject("organisation", orgID)})
	})
}

// Reach is what a password link for a person could unlock, for deciding
// who may make one: their roles anywhere, the hubs their organisations
// belong to, and whether they have set a password yet.
type Reach struct {
	Roles       int           `db:"roles"`
	Hubs        pq.Int64Array `db:"hubs"`
	HasPassword bool          `db:"has_password"`
}

// ReachOf reads a person's Reach.
func (db *DB) ReachOf(ctx context.Context, personID int64) (Reach, error) {
	var r Reach
	err := db.x.GetContext(ctx, &r, `
		SELECT (SELECT count(*) FROM roles WHERE person_id = p.id) AS roles,
		       ARRAY(SELECT DISTINCT m.hub_id FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
		             WHERE a.person_id = p.id AND m.status = 'active') AS hubs,
		       p.password_hash IS NOT NULL AS has_password
		FROM people p WHERE p.id = $1`, personID)
	if err != nil {
		return r, fmt.Errorf("reach of %d: %w", personID, notFound(err, "The person"))
	}
	return r, nil
}
