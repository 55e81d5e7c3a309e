package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// inviteToOrganisation asks a person with an account to join an
// organisation; they become a member when they accept. Inviting someone
// already invited changes nothing; someone already a member is a conflict.
// An id with no person answers the same as an invitation and does nothing,
// so that the answer tells nobody which ids are people.
func inviteToOrganisation(ctx context.Context, tx *sqlx.Tx, db *DB, by, personID, orgID int64) error {
	if err := mustBePerson(ctx, tx, personID); hub.ErrorCode(err) == hub.EInvalid {
		return nil
	} else if err != nil {
		return err
	}
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
	if err := queueColleagueInvitation(ctx, tx, db, by, personID, orgID); err != nil {
		return err
	}
	return audit(ctx, tx, Entry{PersonID: &by, Action: "affiliation.invite", Subject: subject("organisation", orgID), Details: map[string]any{"person_id": personID}})
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
func (db *DB) AnswerAffiliation(ctx context.Context, a *hub.Actor, orgID int64, accept bool) error {
	if !a.SignedIn() {
		return forbidden("Please sign in to answer an invitation.")
	}
	personID := a.PersonID()
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
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

// reachColumns reads a person's (aliased p) hub.Reach.
const reachColumns = `(SELECT count(*) FROM roles r WHERE r.person_id = p.id) AS all_roles,
	ARRAY(SELECT DISTINCT m.hub_id FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
	      WHERE a.person_id = p.id AND m.status = 'active') AS all_hubs,
	(SELECT count(*) FROM affiliations a JOIN hub_memberships m ON m.organisation_id = a.organisation_id
	 WHERE a.person_id = p.id AND m.status = 'active' AND m.origin = 'admin') AS unconsented,
	p.password_hash IS NOT NULL AS has_password`

// reachRow scans reachColumns.
type reachRow struct {
	AllRoles    int           `db:"all_roles" json:"-"`
	AllHubs     pq.Int64Array `db:"all_hubs" json:"-"`
	Unconsented int           `db:"unconsented" json:"-"`
	HasPassword bool          `db:"has_password" json:"-"`
}

// Reach is what a sign-in link for the person would unlock.
func (r reachRow) Reach() hub.Reach {
	return hub.Reach{Roles: r.AllRoles, Hubs: r.AllHubs, Unconsented: r.Unconsented, HasPassword: r.HasPassword}
}

// ReachOf reads what a sign-in link for a person would unlock.
func (db *DB) ReachOf(ctx context.Context, personID int64) (hub.Reach, error) {
	var r reachRow
	err := db.x.GetContext(ctx, &r, `SELECT `+reachColumns+` FROM people p WHERE p.id = $1`, personID)
	if err != nil {
		return hub.Reach{}, fmt.Errorf("reach of %d: %w", personID, notFound(err, "The person"))
	}
	return r.Reach(), nil
}

// inviteColleague invites whoever holds an email address to join an
// organisation, making an account without a password for them when there
// is none. The outcome looks the same either way (an invitation waiting
// for them, nobody listed until they accept), so that adding a colleague
// never tells the one adding whether an email has an account; someone
// already in the organisation changes nothing.
func inviteColleague(ctx context.Context, tx *sqlx.Tx, db *DB, by, orgID int64, n hub.NewPerson) error {
	n.Normalise()
	if err := n.Validate(); err != nil {
		return err
	}
	var personID int64
	err := tx.GetContext(ctx, &personID, `SELECT id FROM people WHERE lower(email) = lower($1)`, n.Email)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		p, err := createPerson(ctx, tx, n, "")
		if err != nil {
			return err
		}
		personID = p.ID
		if err := audit(ctx, tx, Entry{PersonID: &by, Action: "person.invite", Subject: subject("person", personID), Details: map[string]any{"organisation_id": orgID}}); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("find colleague: %w", err)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO affiliation_invitations (person_id, organisation_id, invited_by)
		SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM affiliations WHERE person_id = $1 AND organisation_id = $2)
		ON CONFLICT DO NOTHING`, personID, orgID, by)
	if err != nil {
		return fmt.Errorf("invite colleague: %w", mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if err := queueColleagueInvitation(ctx, tx, db, by, personID, orgID); err != nil {
		return err
	}
	return audit(ctx, tx, Entry{PersonID: &by, Action: "affiliation.invite", Subject: subject("organisation", orgID), Details: map[string]any{"person_id": personID}})
}

// mustAddColleague fails unless a may add people to the organisation
// (hub.CanAddColleague: its members, the coordinators of its hubs, site
// administrators); an unknown organisation is not found.
func mustAddColleague(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, orgID int64) error {
	var name string
	if err := tx.GetContext(ctx, &name, `SELECT name FROM organisations WHERE id = $1`, orgID); err != nil {
		return fmt.Errorf("organisation %d: %w", orgID, notFound(err, "The organisation"))
	}
	var hubs []int64
	if err := tx.SelectContext(ctx, &hubs, `SELECT hub_id FROM hub_memberships WHERE organisation_id = $1 AND status = 'active'`, orgID); err != nil {
		return fmt.Errorf("hubs of %d: %w", orgID, err)
	}
	if !hub.CanAddColleague(a, orgID, hubs) {
		return forbidden("Only members of " + name + " and the coordinators of its hubs can add people to it.")
	}
	return nil
}

// mustBePerson fails with a problem of person_id unless the person exists.
func mustBePerson(ctx context.Context, tx *sqlx.Tx, personID int64) error {
	var found bool
	if err := tx.GetContext(ctx, &found, `SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)`, personID); err != nil {
		return fmt.Errorf("person %d: %w", personID, err)
	}
	if !found {
		return hub.FieldError("person_id", "There is no person with this id")
	}
	return nil
}

// NewColleague is someone to add to an organisation: a person by id (the
// API), or by email with a name for someone new (the organisation page).
type NewColleague struct {
	PersonID    int64
	Email, Name string
}

// ColleagueAdded says what became of it: Status is "member" when a site
// administrator added them at once (Invitation.Token set when their
// account was just made, for the link to set its password) and "invited"
// when they join on accepting.
type ColleagueAdded struct {
	Status     string
	Invitation Invitation
}

// AddColleague adds someone to an organisation (hub.CanAddColleague: its
// members, the coordinators of its hubs, site administrators). Site
// administrators add them directly, inviting a new email address; anyone
// else invites them to accept, with the same answer by email whether or
// not the address has an account, so that it cannot be used to find out.
func (db *DB) AddColleague(ctx context.Context, a *hub.Actor, orgID int64, c NewColleague) (ColleagueAdded, error) {
	var added ColleagueAdded
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustAddColleague(ctx, tx, a, orgID); err != nil {
			return err
		}
		by := a.PersonID()
		switch {
		case !hub.CanAdminister(a) && c.PersonID != 0:
			added.Status = "invited"
			return inviteToOrganisation(ctx, tx, db, by, c.PersonID, orgID)
		case !hub.CanAdminister(a):
			added.Status = "invited"
			return inviteColleague(ctx, tx, db, by, orgID, hub.NewPerson{Email: c.Email, Name: c.Name})
		case c.PersonID != 0:
			added.Status = "member"
			return affiliateBy(ctx, tx, byActor(a), c.PersonID, orgID)
		}
		added.Status = "member"
		var err error
		if added.Invitation, err = personOrInvite(ctx, tx, byActor(a), nil, hub.NewPerson{Email: c.Email, Name: c.Name}, &orgID); err != nil {
			return err
		}
		if added.Invitation.Token != "" {
			return nil // made in the organisation
		}
		return affiliateBy(ctx, tx, byActor(a), added.Invitation.Person.ID, orgID)
	})
	return added, err
}
