package storage

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// Invitation is a new account waiting for its person to set a password.
type Invitation struct {
	Person hub.Person
	// Token goes in the link that sets the password; it is not stored.
	Token string
}

// InvitePerson creates an account without a password, affiliated with
// orgID when given, and a link token to set the password — all or nothing.
func (db *DB) InvitePerson(ctx context.Context, by *int64, hubID *int64, n hub.NewPerson, orgID *int64) (Invitation, error) {
	var inv Invitation
	n.Normalise()
	if err := n.Validate(); err != nil {
		return inv, err
	}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if inv.Person, err = createPerson(ctx, tx, n, ""); err != nil {
			return err
		}
		if orgID != nil {
			if err := affiliate(ctx, tx, inv.Person.ID, *orgID); err != nil {
				return err
			}
		}
		if inv.Token, err = createPasswordToken(ctx, tx, inv.Person.ID, PurposeInvite, by); err != nil {
			return err
		}
		if err := queuePasswordLink(ctx, tx, inv.Person.ID, PurposeInvite, inv.Token, by, orgID); err != nil {
			return err
		}
		details := map[string]any{}
		if orgID != nil {
			details["organisation_id"] = *orgID
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "person.invite", Subject: subject("person", inv.Person.ID), Details: details})
	})
	return inv, err
}

// NewPasswordLink makes a fresh link for a person: an invite while they
// have no password, a reset once they have.
func (db *DB) NewPasswordLink(ctx context.Context, by *int64, hubID *int64, p hub.Person) (string, error) {
	purpose := PurposeReset
	if p.PasswordHash == "" {
		purpose = PurposeInvite
	}
	var token string
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if token, err = createPasswordToken(ctx, tx, p.ID, purpose, by); err != nil {
			return err
		}
		if err := queuePasswordLink(ctx, tx, p.ID, purpose, token, by, nil); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: hubID, Action: "password.link", Subject: subject("person", p.ID), Details: map[string]any{"purpose": purpose}})
	})
	return token, err
}
