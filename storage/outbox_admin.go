package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// MailMessage is a message of the outbox as admins see it.
type MailMessage struct {
	ID        int64       `db:"id" json:"id"`
	Kind      notify.Kind `db:"kind" json:"kind"`
	ToEmail   string      `db:"to_email" json:"to_email"`
	ToName    string      `db:"to_name" json:"to_name"`
	Status    string      `db:"status" json:"status"`
	Attempts  int         `db:"attempts" json:"attempts"`
	LastError string      `db:"last_error" json:"last_error"`
	Subject   string      `db:"subject" json:"subject"`
	EventID   *int64      `db:"event_id" json:"event_id"`
	CreatedAt time.Time   `db:"created_at" json:"created_at"`
	SentAt    *time.Time  `db:"sent_at" json:"sent_at"`
	// TextBody and HTMLBody are the message as composed (links of sent
	// messages removed); empty until it is.
	TextBody string `db:"text_body" json:"-"`
	HTMLBody string `db:"html_body" json:"-"`
}

const mailColumns = `id, kind, to_email, to_name, status, attempts, last_error, subject, event_id, created_at, sent_at`

// MailFilter narrows the outbox listing.
type MailFilter struct {
	// Status is one of the Mail* statuses, or empty for all.
	Status string
	// To matches recipients' addresses containing it, ignoring case.
	To            string
	Limit, Offset int
}

// MailCounts counts the outbox by status.
type MailCounts map[string]int

// ListMail lists the outbox, newest first, and counts it by status.
func (db *DB) ListMail(ctx context.Context, f MailFilter) ([]MailMessage, MailCounts, error) {
	if f.Status != "" && !validMailStatus(f.Status) {
		return nil, nil, &hub.Error{Code: hub.EInvalid, Message: "Choose a status: queued, sent, kept, failed or skipped.",
			Fields: map[string]string{"status": "Choose queued, sent, kept, failed or skipped"}}
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	list := []MailMessage{}
	err := db.x.SelectContext(ctx, &list, `SELECT `+mailColumns+` FROM mail_messages
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR strpos(lower(to_email), lower($2)) > 0)
		ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, f.Status, f.To, f.Limit, f.Offset)
	if err != nil {
		return nil, nil, fmt.Errorf("list mail: %w", err)
	}
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	if err := db.x.SelectContext(ctx, &rows, `SELECT status, count(*) AS n FROM mail_messages GROUP BY status`); err != nil {
		return nil, nil, fmt.Errorf("count mail: %w", err)
	}
	counts := MailCounts{}
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return list, counts, nil
}

func validMailStatus(s string) bool {
	switch s {
	case MailQueued, MailSent, MailKept, MailFailed, MailSkipped:
		return true
	}
	return false
}

// MailByID reads one message with its bodies.
func (db *DB) MailByID(ctx context.Context, id int64) (MailMessage, error) {
	var m MailMessage
	err := db.x.GetContext(ctx, &m, `SELECT `+mailColumns+`, text_body, html_body FROM mail_messages WHERE id = $1`, id)
	if err != nil {
		return m, fmt.Errorf("message %d: %w", id, notFound(err, "The message"))
	}
	return m, nil
}

// RetryMail queues a failed (or still waiting) message again with a new
// delivery job and fresh attempts (site administrators).
func (db *DB) RetryMail(ctx context.Context, a *hub.Actor, id int64) error {
	if !hub.CanAdminister(a) {
		return forbidden("Only site administrators can send messages again.")
	}
	by := a.PersonID()
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var status string
		if err := tx.GetContext(ctx, &status, `SELECT status FROM mail_messages WHERE id = $1 FOR UPDATE`, id); err != nil {
			return fmt.Errorf("message %d: %w", id, notFound(err, "The message"))
		}
		if status != MailFailed && status != MailQueued {
			return &hub.Error{Code: hub.EConflict, Message: "Only a failed or waiting message can be retried; this one is " + status + "."}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mail_messages SET status = 'queued', attempts = 0, updated_at = now() WHERE id = $1`, id); err != nil {
			return fmt.Errorf("retry message %d: %w", id, err)
		}
		if err := insertDeliverJob(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &by, Action: "mail.retry", Subject: subject("mail", id)})
	})
}
