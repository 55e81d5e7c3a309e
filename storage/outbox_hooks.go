package storage

import (
	"context"
	"encoding/hex"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// The functions here are each called once, inside the transaction of an
// existing operation, to queue the messages that operation causes.

// queueRegistration confirms a registration just made: a place or a
// waitlist place, with a guest's manage link. Walk-ins, let in at the
// door, are sent nothing.
func queueRegistration(ctx context.Context, tx *sqlx.Tx, placed Placed, walkIn bool) error {
	reg := placed.Registration
	if walkIn {
		return nil
	}
	kind := notify.KindRegistered
	if reg.Status == events.RegWaitlisted {
		kind = notify.KindWaitlisted
	}
	return queueForRegistration(ctx, tx, kind, fmt.Sprintf("%s:reg:%d", kind, reg.ID), reg.ID, reg.EventID, placed.ManageToken, nil)
}

// queuePromotions tells the first n people waiting for an event that they
// now have a place; the caller promotes the same n, in the same order,
// under the event's lock.
func queuePromotions(ctx context.Context, tx *sqlx.Tx, eventID int64, n int) error {
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM registrations WHERE event_id = $1 AND status = 'waitlisted'
		ORDER BY created_at, id LIMIT $2`, eventID, n); err != nil {
		return fmt.Errorf("promotions of %d: %w", eventID, err)
	}
	for _, id := range ids {
		if err := queueForRegistration(ctx, tx, notify.KindPromoted, fmt.Sprintf("promoted:reg:%d", id), id, eventID, "", nil); err != nil {
			return err
		}
	}
	return nil
}

// queueEventChanged tells everyone registered or waiting for a published
// event that its time or place changed, once per change (the key carries
// the event's new sequence). Edits nobody needs to hear about (title,
// summary, capacity) send nothing.
func queueEventChanged(ctx context.Context, tx *sqlx.Tx, old, now events.Event) error {
	prev := notify.PreviousOf(old)
	if old.Status != events.StatusPublished || !prev.Differs(now) {
		return nil
	}
	return queueToEveryone(ctx, tx, notify.KindEventChanged, old.ID, prev)
}

// queueEventCancelled tells everyone registered or waiting that a
// published event is cancelled.
func queueEventCancelled(ctx context.Context, tx *sqlx.Tx, e events.Event) error {
	if e.Status != events.StatusPublished {
		return nil
	}
	return queueToEveryone(ctx, tx, notify.KindEventCancelled, e.ID, nil)
}

// queueToEveryone queues one message of kind to each live registration
// of an event, keyed by the event's current sequence.
func queueToEveryone(ctx context.Context, tx *sqlx.Tx, kind notify.Kind, eventID int64, details any) error {
	var regs []struct {
		ID       int64 `db:"id"`
		Sequence int   `db:"sequence"`
	}
	if err := tx.SelectContext(ctx, &regs, `SELECT r.id, e.sequence FROM registrations r JOIN events e ON e.id = r.event_id
		WHERE r.event_id = $1 AND r.status IN ('registered', 'waitlisted') ORDER BY r.id`, eventID); err != nil {
		return fmt.Errorf("registrations of %d: %w", eventID, err)
	}
	for _, r := range regs {
		key := fmt.Sprintf("%s:reg:%d:seq:%d", kind, r.ID, r.Sequence)
		if err := queueForRegistration(ctx, tx, kind, key, r.ID, eventID, "", details); err != nil {
			return err
		}
	}
	return nil
}

// passwordDetails is what an invitation or reset message needs to know.
type passwordDetails struct {
	InvitedBy *int64 `json:"invited_by,omitempty"`
}

// queuePasswordLink emails a person the set-password link just made for
// them: an invitation while they have no password, a reset after.
func queuePasswordLink(ctx context.Context, tx *sqlx.Tx, personID int64, purpose, token string, by *int64, orgID *int64) error {
	var p hub.Person
	if err := tx.GetContext(ctx, &p, `SELECT `+personColumns+` FROM people p WHERE p.id = $1`, personID); err != nil {
		return fmt.Errorf("person %d: %w", personID, err)
	}
	kind := notify.KindPasswordReset
	if purpose == PurposeInvite {
		kind = notify.KindInvite
	}
	key := fmt.Sprintf("%s:person:%d:%s", kind, personID, hex.EncodeToString(hub.HashToken(token))[:16])
	return queueMessage(ctx, tx, outgoing{Kind: kind, Key: key, ToEmail: p.Email, ToName: p.Name, PersonID: &p.ID,
		OrganisationID: orgID, Secret: token, Details: passwordDetails{InvitedBy: by}})
}

// queueColleagueInvitation emails someone an organisation has just
// invited: with no password yet, an invitation with a fresh set-password
// link; otherwise word that the invitation waits on their account page.
func queueColleagueInvitation(ctx context.Context, tx *sqlx.Tx, db *DB, by, personID, orgID int64) error {
	var hasPassword bool
	if err := tx.GetContext(ctx, &hasPassword, `SELECT password_hash IS NOT NULL FROM people WHERE id = $1`, personID); err != nil {
		return fmt.Errorf("person %d: %w", personID, err)
	}
	if !hasPassword {
		token, err := createPasswordToken(ctx, tx, personID, PurposeInvite, &by)
		if err != nil {
			return err
		}
		return queuePasswordLink(ctx, tx, personID, PurposeInvite, token, &by, &orgID)
	}
	var to recipient
	if err := tx.GetContext(ctx, &to, `SELECT email, name, id AS person_id FROM people WHERE id = $1`, personID); err != nil {
		return fmt.Errorf("person %d: %w", personID, err)
	}
	return queueMessage(ctx, tx, outgoing{Kind: notify.KindOrganisationInvite, Key: fmt.Sprintf("organisation_invite:person:%d:org:%d", personID, orgID),
		ToEmail: to.Email, ToName: to.Name, PersonID: to.PersonID, OrganisationID: &orgID, Details: passwordDetails{InvitedBy: &by}})
}
