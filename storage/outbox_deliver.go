package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// Statuses of a message in the outbox.
const (
	// MailQueued waits to be delivered (perhaps after failed attempts).
	MailQueued = "queued"
	// MailSent was accepted by the SMTP server.
	MailSent = "sent"
	// MailKept was kept here, for /admin/mail, since no SMTP server is set.
	MailKept = "kept"
	// MailFailed failed for good: refused, or out of attempts.
	MailFailed = "failed"
	// MailSkipped no longer applied when its turn came (the registration
	// was cancelled before its reminder went out).
	MailSkipped = "skipped"
)

// ErrMessageBusy says another worker holds the message right now.
var ErrMessageBusy = errors.New("message is being delivered by another worker")

// messageRow is a mail_messages row as the mailer reads it.
type messageRow struct {
	ID             int64           `db:"id"`
	Kind           notify.Kind     `db:"kind"`
	ToEmail        string          `db:"to_email"`
	ToName         string          `db:"to_name"`
	PersonID       *int64          `db:"person_id"`
	RegistrationID *int64          `db:"registration_id"`
	EventID        *int64          `db:"event_id"`
	OrganisationID *int64          `db:"organisation_id"`
	Secret         *string         `db:"secret"`
	Details        json.RawMessage `db:"details"`
	Status         string          `db:"status"`
}

// Delivery is how a message is handed over: send gives it to the SMTP
// server; nil keeps it in the database instead.
type Delivery struct {
	// Site is the sending Convene, for links in messages.
	Site notify.Site
	// Send hands a composed message to the SMTP server; nil keeps it.
	Send func(context.Context, notify.Message) error
}

// DeliverMessage composes and hands over one message, at most once: under
// the message's row lock, a message not queued any more is left alone,
// and the message is marked sent in the same transaction that held the
// lock while it was handed over. If the process dies between the SMTP
// server's acceptance and that commit, the message is sent again on the
// job's retry: that one message, never a batch. A message that was sent
// loses its link's secret, in the row and in the stored copy.
//
// It returns ErrMessageBusy when another worker holds the message, and
// the send error (nothing recorded) when handing over failed; the caller
// records the failure with MessageFailed.
func (db *DB) DeliverMessage(ctx context.Context, id int64, d Delivery) (status string, err error) {
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		var row messageRow
		err := tx.GetContext(ctx, &row, `SELECT id, kind, to_email, to_name, person_id, registration_id, event_id, organisation_id,
			secret, details, status FROM mail_messages WHERE id = $1 FOR UPDATE SKIP LOCKED`, id)
		if errors.Is(err, sql.ErrNoRows) {
			var exists bool
			if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM mail_messages WHERE id = $1)`, id); err != nil {
				return fmt.Errorf("message %d: %w", id, err)
			}
			if !exists {
				status = MailSkipped
				return nil
			}
			return ErrMessageBusy
		}
		if err != nil {
			return fmt.Errorf("message %d: %w", id, err)
		}
		if status = row.Status; status != MailQueued {
			return nil
		}
		in, applies, err := inputFor(ctx, tx, row, d.Site)
		if err != nil {
			return err
		}
		if !applies {
			status = MailSkipped
			_, err := tx.ExecContext(ctx, `UPDATE mail_messages SET status = 'skipped', secret = NULL, updated_at = now() WHERE id = $1`, id)
			return err
		}
		var unsubscribe string
		var unsubscribeHash []byte
		if in.Kind.Optional() {
			unsubscribe, unsubscribeHash = hub.NewToken("")
			in.UnsubscribePath = "/mail/unsubscribe/" + unsubscribe
		}
		m, err := notify.Compose(in)
		if err != nil {
			return err
		}
		status = MailKept
		if d.Send != nil {
			if err := d.Send(ctx, m); err != nil {
				return err
			}
			status = MailSent
			m.Text, m.HTML = redact(m.Text, row.Secret, unsubscribe), redact(m.HTML, row.Secret, unsubscribe)
		}
		_, err = tx.ExecContext(ctx, `UPDATE mail_messages SET status = $2, subject = $3, text_body = $4, html_body = $5,
			unsubscribe_hash = $6, secret = CASE WHEN $2 = 'sent' THEN NULL ELSE secret END, attempts = attempts + 1,
			sent_at = now(), updated_at = now(), last_error = '' WHERE id = $1`,
			id, status, m.Subject, m.Text, m.HTML, unsubscribeHash)
		if err != nil {
			return fmt.Errorf("record delivery of message %d: %w", id, err)
		}
		return nil
	})
	return status, err
}

// redact removes the secrets of a sent message from the copy kept.
func redact(s string, secret *string, unsubscribe string) string {
	if secret != nil && *secret != "" {
		s = strings.ReplaceAll(s, *secret, "[removed-once-sent]")
	}
	if unsubscribe != "" {
		s = strings.ReplaceAll(s, unsubscribe, "[removed-once-sent]")
	}
	return s
}

// MessageFailed records a failed attempt: the message waits for its next
// attempt, or, when final (refused for good, or the last attempt), is
// marked failed for an admin to see and retry.
func (db *DB) MessageFailed(ctx context.Context, id int64, cause error, final bool) error {
	msg := cause.Error()
	if len(msg) > 2000 {
		msg = msg[:2000]
	}
	_, err := db.x.ExecContext(ctx, `UPDATE mail_messages SET attempts = attempts + 1, last_error = $2,
		status = CASE WHEN $3 THEN 'failed' ELSE status END, updated_at = now() WHERE id = $1 AND status = 'queued'`, id, msg, final)
	if err != nil {
		return fmt.Errorf("record failure of message %d: %w", id, err)
	}
	return nil
}

// inputFor gathers what a message is made from, as things are now; it
// reports false when the message no longer applies (the registration was
// cancelled, or the event, before a reminder or confirmation went out).
func inputFor(ctx context.Context, tx *sqlx.Tx, row messageRow, site notify.Site) (notify.Input, bool, error) {
	in := notify.Input{Kind: row.Kind, To: notify.Recipient{Name: row.ToName, Email: row.ToEmail}, Site: site}
	if row.Kind == notify.KindFeedbackAsk || row.Kind == notify.KindFeedbackCode {
		return feedbackInput(ctx, tx, row, in)
	}
	if row.Kind.AboutEvent() {
		if row.EventID == nil || row.RegistrationID == nil {
			return in, false, nil
		}
		ed, err := eventInput(ctx, tx, *row.EventID, &in)
		if err != nil {
			return in, false, err
		}
		reg, err := registrationByID(ctx, tx, *row.RegistrationID)
		if err != nil {
			return in, false, err
		}
		in.HasPlace = reg.Status == events.RegRegistered
		if reg.Status == events.RegWaitlisted {
			if in.Position, err = waitlistPosition(ctx, tx, reg.ID); err != nil {
				return in, false, err
			}
		}
		if row.Secret != nil && reg.PersonID == nil {
			in.ManagePath = "/registrations/manage/" + *row.Secret
		}
		switch row.Kind {
		case notify.KindEventCancelled:
			// Told whatever became of the registration since.
		case notify.KindEventChanged:
			var prev notify.Previous
			if err := json.Unmarshal(row.Details, &prev); err != nil {
				return in, false, fmt.Errorf("details of message %d: %w", row.ID, err)
			}
			in.Previous = &prev
			if reg.Status == events.RegCancelled {
				return in, false, nil
			}
		default:
			if reg.Status == events.RegCancelled || ed.Status == events.StatusCancelled {
				return in, false, nil
			}
		}
		if row.Kind == notify.KindReminder {
			var r struct {
				Reminder notify.ReminderKind `json:"reminder"`
			}
			if err := json.Unmarshal(row.Details, &r); err != nil {
				return in, false, fmt.Errorf("details of message %d: %w", row.ID, err)
			}
			in.Reminder = r.Reminder
			if !in.HasPlace || !site.Now.Before(ed.StartsAt) {
				return in, false, nil
			}
		}
		return in, true, nil
	}
	switch row.Kind {
	case notify.KindInvite, notify.KindPasswordReset:
		if row.Secret == nil {
			return in, false, nil
		}
		in.LinkPath = "/set-password/" + *row.Secret
		if err := invitationNames(ctx, tx, row, &in); err != nil {
			return in, false, err
		}
	case notify.KindOrganisationInvite:
		in.LinkPath = "/account"
		if err := invitationNames(ctx, tx, row, &in); err != nil {
			return in, false, err
		}
	case notify.KindDigest:
		var dg notify.Digest
		if err := json.Unmarshal(row.Details, &dg); err != nil {
			return in, false, fmt.Errorf("details of message %d: %w", row.ID, err)
		}
		in.Digest = &dg
		in.HubName = digestHubs(dg)
	}
	return in, true, nil
}

// invitationNames fills in the inviting organisation and person.
func invitationNames(ctx context.Context, tx *sqlx.Tx, row messageRow, in *notify.Input) error {
	if row.OrganisationID != nil {
		if err := tx.GetContext(ctx, &in.OrganisationName, `SELECT name FROM organisations WHERE id = $1`, *row.OrganisationID); err != nil {
			return fmt.Errorf("organisation %d: %w", *row.OrganisationID, err)
		}
	}
	var d passwordDetails
	if err := json.Unmarshal(row.Details, &d); err != nil {
		return fmt.Errorf("details of message %d: %w", row.ID, err)
	}
	if d.InvitedBy != nil {
		if err := tx.GetContext(ctx, &in.InvitedBy, `SELECT name FROM people WHERE id = $1`, *d.InvitedBy); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("inviter: %w", err)
		}
	}
	return nil
}

// digestHubs names the hubs a digest is about, for its sender line.
func digestHubs(d notify.Digest) string {
	seen := map[string]bool{}
	var names []string
	for _, list := range [][]notify.DigestItem{d.JoinRequests, d.BusyEvents, d.Drafts} {
		for _, it := range list {
			if !seen[it.Hub] {
				seen[it.Hub] = true
				names = append(names, it.Hub)
			}
		}
	}
	return strings.Join(names, ", ")
}

// eventInput fills in the event a message is about, as it is now, and its
// hub's name.
func eventInput(ctx context.Context, tx *sqlx.Tx, eventID int64, in *notify.Input) (EventDetail, error) {
	var d detailRow
	if err := sqlxGet(ctx, tx, &d, detailSelect+` WHERE e.id = $1`, eventID); err != nil {
		return EventDetail{}, fmt.Errorf("event %d: %w", eventID, err)
	}
	ed := d.detail()
	loc, err := hub.LoadTimeZone(ed.Hub.TimeZone)
	if err != nil {
		loc, _ = hub.LoadTimeZone(hub.DefaultTimeZone)
	}
	info := &notify.EventInfo{Event: ed.Event, Loc: loc, HostName: ed.HostName}
	for _, t := range ed.Topics {
		info.Topics = append(info.Topics, t.Name)
	}
	in.Event, in.HubName = info, ed.Hub.Name
	return ed, nil
}

// feedbackInput gathers a feedback ask or code message; an ask no longer
// applies once the person has answered or the registration is cancelled.
func feedbackInput(ctx context.Context, tx *sqlx.Tx, row messageRow, in notify.Input) (notify.Input, bool, error) {
	if row.EventID == nil || row.RegistrationID == nil || row.Secret == nil {
		return in, false, nil
	}
	if _, err := eventInput(ctx, tx, *row.EventID, &in); err != nil {
		return in, false, err
	}
	var note notify.FeedbackNote
	if err := json.Unmarshal(row.Details, &note); err != nil {
		return in, false, fmt.Errorf("details of message %d: %w", row.ID, err)
	}
	in.Feedback = &note
	if row.Kind == notify.KindFeedbackCode {
		note.Code = *row.Secret
		return in, true, nil
	}
	var live bool
	err := tx.GetContext(ctx, &live, `SELECT r.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.registration_id = r.id)
		FROM registrations r WHERE r.id = $1`, *row.RegistrationID)
	if err != nil {
		return in, false, fmt.Errorf("registration %d: %w", *row.RegistrationID, err)
	}
	in.LinkPath = "/events/" + strconv.FormatInt(*row.EventID, 10) + "/feedback?token=" + url.QueryEscape(*row.Secret)
	return in, live, nil
}
