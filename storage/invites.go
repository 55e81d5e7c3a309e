package storage

import (
	"context"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// Invitation is a new account waiting for its person to set a password.
type Invitation struct {
	Person hub.Person
	// Token goes in the link that sets the password; it is not stored.
	Token string
}

// NewInvitation is a person to make an account for.
type NewInvitation struct {
	Person hub.NewPerson
	// OrganisationID is the organisation they belong to. Coordinators must
	// give one of an active member of a hub they run; only site
	// administrators may leave it out.
	OrganisationID *int64
	// HubID is the hub the invitation is made in, for the audit log; when
	// given with an organisation, the organisation must be a member of it.
	HubID *int64
}

// InvitePerson creates an account without a password, affiliated with the
// organisation when given, and a link token to set the password — all or
// nothing. Site administrators and coordinators may; a coordinator only
// into an organisation of a hub they run.
func (db *DB) InvitePerson(ctx context.Context, a *hub.Actor, req NewInvitation) (Invitation, error) {
	var inv Invitation
	if !hub.CanInvitePeople(a) {
		return inv, forbidden("Only coordinators and site administrators can invite people.")
	}
	by, hubID, orgID := byActor(a), req.HubID, req.OrganisationID
	if orgID == nil && !a.Admin {
		return inv, hub.FieldError("organisation_id", "Choose an organisation of your hub for them")
	}
	n := req.Person
	n.Normalise()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if orgID != nil {
			var err error
			if hubID, err = invitationHub(ctx, tx, a, *orgID, hubID); err != nil {
				return err
			}
		}
		var err error
		inv, err = invite(ctx, tx, by, hubID, n, orgID)
		return err
	})
	return inv, err
}

// invite makes the account of an invited person (n normalised), in the
// organisation when given, with the token of the link that sets its
// password, queues that link by email and audits it.
func invite(ctx context.Context, tx *sqlx.Tx, by, hubID *int64, n hub.NewPerson, orgID *int64) (Invitation, error) {
	var inv Invitation
	if err := n.Validate(); err != nil {
		return inv, err
	}
	var err error
	if inv.Person, err = createPerson(ctx, tx, n, ""); err != nil {
		return inv, err
	}
	if orgID != nil {
		if err := affiliate(ctx, tx, inv.Person.ID, *orgID); err != nil {
			return inv, err
		}
	}
	if inv.Token, err = createPasswordToken(ctx, tx, inv.Person.ID, PurposeInvite, by); err != nil {
		return inv, err
	}
	if err := queuePasswordLink(ctx, tx, inv.Person.ID, PurposeInvite, inv.Token, by, orgID); err != nil {
		return inv, err
	}
	details := map[string]any{}
	if orgID != nil {
		details["organisation_id"] = *orgID
	}
	return inv, audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "person.invite", Subject: subject("person", inv.Person.ID), Details: details})
}

// personOrInvite finds the person with an email address, or invites them
// (in orgID when given) when there is none, for which a name is needed.
// Only for site administrators: the answer tells whether the address has
// an account. The invitation's token is empty for someone found.
func personOrInvite(ctx context.Context, tx *sqlx.Tx, by, hubID *int64, n hub.NewPerson, orgID *int64) (Invitation, error) {
	n.Normalise()
	var f hub.FieldErrors
	hub.CheckEmail(&f, "email", &n.Email)
	if err := f.Err(); err != nil {
		return Invitation{}, err
	}
	p, err := personByEmail(ctx, tx, n.Email)
	switch {
	case err == nil:
		return Invitation{Person: p}, nil
	case hub.ErrorCode(err) != hub.ENotFound:
		return Invitation{}, err
	case n.Name == "":
		return Invitation{}, hub.FieldError("name", "Nobody has an account with this email address yet: enter their name to invite them")
	}
	return invite(ctx, tx, by, hubID, n, orgID)
}

// invitationHub checks that a may invite someone into the organisation
// and gives the hub the invitation is made in: want when given (the
// organisation must be an active member of it), otherwise the first of the
// organisation's hubs that a runs. Site administrators may invite into any
// organisation.
func invitationHub(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, orgID int64, want *int64) (*int64, error) {
	var hubs []int64
	err := tx.SelectContext(ctx, &hubs, `
		SELECT COALESCE(m.hub_id, 0) FROM organisations o LEFT JOIN hub_memberships m ON m.organisation_id = o.id AND m.status = 'active'
		WHERE o.id = $1 ORDER BY m.hub_id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("hubs of organisation %d: %w", orgID, err)
	}
	if len(hubs) == 0 {
		return nil, hub.FieldError("organisation_id", "There is no organisation with this id")
	}
	if want != nil {
		if !hub.CanManageHub(a, *want) {
			return nil, forbidden("You can invite people only into organisations of the hubs you coordinate.")
		}
		if !slices.Contains(hubs, *want) {
			return nil, hub.FieldError("organisation_id", "Choose the organisation they belong to, from this hub’s members")
		}
		return want, nil
	}
	for _, h := range hubs {
		if h != 0 && hub.CanManageHub(a, h) {
			return &h, nil
		}
	}
	if !a.Admin {
		return nil, forbidden("You can invite people only into organisations of the hubs you coordinate.")
	}
	return nil, nil
}

// SignInLink is a fresh link for someone to set their password.
type SignInLink struct {
	Person hub.Person
	// Token goes in the link; it is not stored.
	Token string
	// Purpose is PurposeInvite while they have no password, PurposeReset
	// once they have.
	Purpose string
}

// NewPasswordLink makes a fresh link for a person: an invite while they
// have no password, a reset once they have. With a hub, the person must be
// one of its people. Who may is hub.CanIssuePasswordLink: a coordinator
// only for someone a link cannot be turned against (no password yet, no
// role, every hub of theirs consented to and run by that coordinator).
func (db *DB) NewPasswordLink(ctx context.Context, a *hub.Actor, id int64, hubID *int64) (SignInLink, error) {
	var l SignInLink
	by := byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if hubID != nil {
			in, err := personInHub(ctx, tx, id, *hubID)
			if err != nil {
				return err
			}
			if !in {
				return &hub.Error{Code: hub.ENotFound, Message: "That person is not in this hub."}
			}
		}
		var r reachRow
		if err := tx.GetContext(ctx, &r, `SELECT `+reachColumns+` FROM people p WHERE p.id = $1`, id); err != nil {
			return fmt.Errorf("reach of %d: %w", id, notFound(err, "The person"))
		}
		if !hub.CanIssuePasswordLink(a, r.Reach()) {
			return forbidden("Only a site administrator can make a sign-in link for this person: they already have an account with a password (they can reset it themselves), hold a role, or belong to an organisation that did not agree to join your hub, or of a hub you do not run.")
		}
		var err error
		if l.Person, err = personByID(ctx, tx, id); err != nil {
			return err
		}
		l.Purpose = PurposeReset
		if l.Person.PasswordHash == "" {
			l.Purpose = PurposeInvite
		}
		if l.Token, err = createPasswordToken(ctx, tx, id, l.Purpose, by); err != nil {
			return err
		}
		if err := queuePasswordLink(ctx, tx, id, l.Purpose, l.Token, by, nil); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "password.link", Subject: subject("person", id), Details: map[string]any{"purpose": l.Purpose}})
	})
	return l, err
}
