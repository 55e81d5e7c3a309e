package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/convene/convene/notify"
)

// MailQueue is the River queue that delivers messages and runs the mail
// jobs (reminders, digests).
const MailQueue = "mail"

// MailMaxAttempts bounds how often a message is tried before it is
// marked failed for an admin to retry.
const MailMaxAttempts = 12

// DeliverArgs is the River job that delivers one message of the outbox.
// It is inserted in the transaction that queues the message, so it
// exists exactly when the message does.
type DeliverArgs struct {
	// MessageID is the mail_messages row to deliver.
	MessageID int64 `json:"message_id"`
}

// Kind names the job for River.
func (DeliverArgs) Kind() string { return "mail_deliver" }

// InsertOpts puts the job on the mail queue.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: MailQueue, MaxAttempts: MailMaxAttempts}
}

// outgoing is a message to queue: its kind, recipient, what it is about
// and its idempotency key.
type outgoing struct {
	Kind notify.Kind
	// Key is unique per message: queueing the same key again does nothing.
	Key             string
	ToEmail, ToName string
	PersonID        *int64
	RegistrationID  *int64
	EventID         *int64
	HubID           *int64
	OrganisationID  *int64
	// Secret is the token of the link the message carries, if any.
	Secret string
	// Details is what the message needs beyond the rows it names, as JSON.
	Details any
}

// queueMessage puts a message in the outbox, with its delivery job, in
// the caller's transaction: it is sent if and only if the change that
// caused it is stored. A message whose key is already queued, or of an
// optional kind its recipient has turned off, is not queued.
func queueMessage(ctx context.Context, tx *sqlx.Tx, m outgoing) error {
	details := []byte("{}")
	if m.Details != nil {
		var err error
		if details, err = json.Marshal(m.Details); err != nil {
			return fmt.Errorf("queue %s: %w", m.Kind, err)
		}
	}
	var secret *string
	if m.Secret != "" {
		secret = &m.Secret
	}
	var ids []int64
	err := tx.SelectContext(ctx, &ids, `
		INSERT INTO mail_messages (kind, idem_key, to_email, to_name, person_id, registration_id, event_id, hub_id,
			organisation_id, secret, details)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
		WHERE $3 <> '' AND NOT ($12 AND EXISTS (SELECT 1 FROM mail_opt_outs WHERE lower(email) = lower($3) AND kind = $1))
		ON CONFLICT (idem_key) DO NOTHING
		RETURNING id`,
		m.Kind, m.Key, m.ToEmail, m.ToName, m.PersonID, m.RegistrationID, m.EventID, m.HubID, m.OrganisationID,
		secret, details, m.Kind.Optional())
	if err != nil {
		return fmt.Errorf("queue %s: %w", m.Kind, err)
	}
	for _, id := range ids {
		if err := insertDeliverJob(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// insertDeliverJob adds the River job that delivers a message, in tx.
// An insert-only client (no pool, no workers) is all that takes.
func insertDeliverJob(ctx context.Context, tx *sqlx.Tx, messageID int64) error {
	jobs, err := river.NewClient(riverdatabasesql.New(nil), &river.Config{})
	if err != nil {
		return fmt.Errorf("mail jobs: %w", err)
	}
	if _, err := jobs.InsertTx(ctx, tx.Tx, DeliverArgs{MessageID: messageID}, nil); err != nil {
		return fmt.Errorf("queue delivery of message %d: %w", messageID, err)
	}
	return nil
}

// recipientOf is who a registration's messages go to: the guest's
// address, or the account's.
type recipient struct {
	Email    string `db:"email"`
	Name     string `db:"name"`
	PersonID *int64 `db:"person_id"`
}

const registrationRecipient = `SELECT coalesce(p.email, r.guest_email) AS email, coalesce(p.name, r.guest_name) AS name, r.person_id
	FROM registrations r LEFT JOIN people p ON p.id = r.person_id WHERE r.id = $1`

// queueForRegistration queues one message to a registration's holder.
func queueForRegistration(ctx context.Context, tx *sqlx.Tx, kind notify.Kind, key string, regID, eventID int64, secret string, details any) error {
	var to recipient
	if err := tx.GetContext(ctx, &to, registrationRecipient, regID); err != nil {
		return fmt.Errorf("recipient of registration %d: %w", regID, err)
	}
	return queueMessage(ctx, tx, outgoing{Kind: kind, Key: key, ToEmail: to.Email, ToName: to.Name, PersonID: to.PersonID,
		RegistrationID: &regID, EventID: &eventID, Secret: secret, Details: details})
}
