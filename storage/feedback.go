package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// GiveFeedback is an attendee's response about an event, as they send it.
type GiveFeedback struct {
	// EventID is the event the response is about.
	EventID int64
	// Token is a guest's private link (feedback or manage link); empty
	// for a signed-in attendee, who is known by the actor.
	Token string
	// Feedback is what they say.
	Feedback events.FeedbackInput
	// Now is when it is given.
	Now time.Time
	// Change replaces the response given before; without it a second
	// response is a conflict.
	Change bool
}

// feedbackRow is a feedback row as scanned.
type feedbackRow struct {
	ID              int64          `db:"id"`
	RegistrationID  int64          `db:"registration_id"`
	EventID         int64          `db:"event_id"`
	Usefulness      int            `db:"usefulness"`
	NetworkingValue int            `db:"networking_value"`
	NewConnections  int            `db:"new_connections"`
	WillFollowUp    bool           `db:"will_follow_up"`
	WhatWorked      string         `db:"what_worked"`
	ToImprove       string         `db:"to_improve"`
	TopicsNext      pq.StringArray `db:"topics_next"`
	ConsentToQuote  bool           `db:"consent_to_quote"`
	UsefulItems     pq.Int64Array  `db:"useful_items"`
	SubmittedAt     time.Time      `db:"submitted_at"`
	UpdatedAt       time.Time      `db:"updated_at"`
}

const feedbackColumns = `f.id, f.registration_id, f.event_id, f.usefulness, f.networking_value, f.new_connections,
	f.will_follow_up, f.what_worked, f.to_improve, f.topics_next, f.consent_to_quote, f.submitted_at, f.updated_at,
	ARRAY(SELECT fa.agenda_item_id FROM feedback_agenda_items fa WHERE fa.feedback_id = f.id ORDER BY 1) AS useful_items`

func (r feedbackRow) feedback() events.Feedback {
	return events.Feedback{ID: r.ID, RegistrationID: r.RegistrationID, EventID: r.EventID, SubmittedAt: r.SubmittedAt, UpdatedAt: r.UpdatedAt,
		FeedbackInput: events.FeedbackInput{Usefulness: r.Usefulness, NetworkingValue: r.NetworkingValue, NewConnections: r.NewConnections,
			WillFollowUp: r.WillFollowUp, WhatWorked: r.WhatWorked, ToImprove: r.ToImprove, TopicsNext: r.TopicsNext,
			ConsentToQuote: r.ConsentToQuote, UsefulItems: r.UsefulItems}}
}

// GiveFeedback stores an attendee's response: normalised, validated,
// allowed only to the registration's own holder (signed in, or through
// their private link) when events.CanGiveFeedback says so, and written
// whole in one transaction.
func (db *DB) GiveFeedback(ctx context.Context, a *hub.Actor, req GiveFeedback) (events.Feedback, error) {
	in := req.Feedback.Normalise()
	if err := in.Validate(); err != nil {
		return events.Feedback{}, err
	}
	var out events.Feedback
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := feedbackRegistration(ctx, tx, a, req.EventID, req.Token)
		if err != nil {
			return err
		}
		e, closes, err := feedbackEvent(ctx, tx, req.EventID)
		if err != nil {
			return err
		}
		if err := events.CanGiveFeedback(e, reg, closes, req.Now); err != nil {
			return err
		}
		if err := checkUsefulItems(ctx, tx, e.ID, in.UsefulItems); err != nil {
			return err
		}
		topics := pq.StringArray(in.TopicsNext)
		if topics == nil {
			topics = pq.StringArray{}
		}
		var id int64
		if req.Change {
			err = tx.GetContext(ctx, &id, `
				UPDATE feedback SET usefulness = $2, networking_value = $3, new_connections = $4, will_follow_up = $5,
					what_worked = $6, to_improve = $7, topics_next = $8, consent_to_quote = $9, updated_at = $10
				WHERE registration_id = $1 RETURNING id`,
				reg.ID, in.Usefulness, in.NetworkingValue, in.NewConnections, in.WillFollowUp, in.WhatWorked, in.ToImprove, topics, in.ConsentToQuote, req.Now)
			if errors.Is(err, sql.ErrNoRows) {
				return &hub.Error{Code: hub.ENotFound, Message: "You have not given feedback on this event yet."}
			}
		} else {
			err = tx.GetContext(ctx, &id, `
				INSERT INTO feedback (registration_id, event_id, usefulness, networking_value, new_connections, will_follow_up,
					what_worked, to_improve, topics_next, consent_to_quote, submitted_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
				ON CONFLICT (registration_id) DO NOTHING RETURNING id`,
				reg.ID, e.ID, in.Usefulness, in.NetworkingValue, in.NewConnections, in.WillFollowUp, in.WhatWorked, in.ToImprove, topics, in.ConsentToQuote, req.Now)
			if errors.Is(err, sql.ErrNoRows) {
				return &hub.Error{Code: hub.EConflict, Message: "You have already given feedback on this event; you can change it until feedback closes."}
			}
		}
		if err != nil {
			return fmt.Errorf("save feedback on %d: %w", e.ID, mapErr(err))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feedback_agenda_items WHERE feedback_id = $1`, id); err != nil {
			return fmt.Errorf("save feedback on %d: %w", e.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_agenda_items (feedback_id, agenda_item_id) SELECT $1, unnest($2::bigint[])`,
			id, pq.Int64Array(in.UsefulItems)); err != nil {
			return fmt.Errorf("save feedback on %d: %w", e.ID, err)
		}
		var row feedbackRow
		if err := tx.GetContext(ctx, &row, `SELECT `+feedbackColumns+` FROM feedback f WHERE f.id = $1`, id); err != nil {
			return fmt.Errorf("read feedback %d: %w", id, err)
		}
		out = row.feedback()
		return nil
	})
	return out, err
}

// feedbackRegistration finds and locks the registration a response is
// for: the one the private link belongs to, or the signed-in person's own.
// A link for another event is not found, as is an unknown one.
func feedbackRegistration(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, eventID int64, token string) (events.Registration, error) {
	var row regRow
	var err error
	switch {
	case token != "":
		hash := hub.HashToken(token)
		err = tx.GetContext(ctx, &row, `SELECT `+regColumns+` FROM registrations r
			WHERE (r.manage_token_hash = $1 OR r.id = (SELECT registration_id FROM feedback_requests WHERE token_hash = $1)
				OR r.id = (SELECT registration_id FROM feedback_codes WHERE link_hash = $1))
			FOR UPDATE`, hash)
		if err == nil && row.EventID != eventID {
			err = sql.ErrNoRows
		}
		if errors.Is(err, sql.ErrNoRows) {
			return events.Registration{}, &hub.Error{Code: hub.ENotFound, Message: "This feedback link is not valid for this event."}
		}
	case a.SignedIn():
		err = tx.GetContext(ctx, &row, `SELECT `+regColumns+` FROM registrations r
			WHERE r.event_id = $1 AND r.person_id = $2 AND r.status <> 'cancelled' FOR UPDATE`, eventID, a.PersonID())
		if errors.Is(err, sql.ErrNoRows) {
			return events.Registration{}, &hub.Error{Code: hub.EForbidden, Message: "Only people who attended this event can give feedback on it, and you are not registered for it."}
		}
	default:
		return events.Registration{}, &hub.Error{Code: hub.EUnauthorised, Message: "Sign in, or use the feedback link from your email, to give feedback."}
	}
	if err != nil {
		return events.Registration{}, fmt.Errorf("find registration for feedback on %d: %w", eventID, err)
	}
	return row.registration(), nil
}

// feedbackEvent reads an event with the time its feedback closes.
func feedbackEvent(ctx context.Context, q querier, eventID int64) (events.Event, time.Time, error) {
	var row struct {
		eventRow
		Closes *time.Time `db:"feedback_closes_at"`
	}
	if err := sqlxGet(ctx, q, &row, `SELECT `+eventColumns+`, e.feedback_closes_at FROM events e WHERE e.id = $1`, eventID); err != nil {
		return events.Event{}, time.Time{}, fmt.Errorf("find event %d: %w", eventID, notFound(err, "The event"))
	}
	e := row.event()
	return e, events.FeedbackCloses(e, row.Closes), nil
}

// checkUsefulItems makes sure the chosen agenda items are the event's.
func checkUsefulItems(ctx context.Context, q querier, eventID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var n int
	if err := sqlxGet(ctx, q, &n, `SELECT count(*) FROM agenda_items WHERE event_id = $1 AND id = ANY($2)`, eventID, pq.Int64Array(ids)); err != nil {
		return fmt.Errorf("check agenda items of %d: %w", eventID, err)
	}
	if n != len(ids) {
		return hub.FieldError("useful_items", "Choose items from this event’s agenda")
	}
	return nil
}

// FeedbackFor is the response the holder of a registration gave on an
// event (signed in, or by their private link), for showing it again to
// change it; not found when there is none.
func (db *DB) FeedbackFor(ctx context.Context, a *hub.Actor, eventID int64, token string) (events.Feedback, error) {
	var out events.Feedback
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := feedbackRegistration(ctx, tx, a, eventID, token)
		if err != nil {
			return err
		}
		var row feedbackRow
		if err := tx.GetContext(ctx, &row, `SELECT `+feedbackColumns+` FROM feedback f WHERE f.registration_id = $1`, reg.ID); err != nil {
			return fmt.Errorf("feedback of registration %d: %w", reg.ID, notFound(err, "Your feedback"))
		}
		out = row.feedback()
		return nil
	})
	return out, err
}

// SetFeedbackCloses is a coordinator's closing date for an event's
// feedback.
type SetFeedbackCloses struct {
	EventID  int64
	ClosesAt time.Time
}

// SetFeedbackCloses changes when an event's feedback closes.
func (db *DB) SetFeedbackCloses(ctx context.Context, a *hub.Actor, req SetFeedbackCloses) error {
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, req.EventID)
		if err != nil {
			return err
		}
		if !hub.CanManageHub(a, e.HubID) {
			return &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s coordinators can change when feedback closes."}
		}
		if err := events.CheckFeedbackCloses(e, req.ClosesAt); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET feedback_closes_at = $2 WHERE id = $1`, e.ID, req.ClosesAt.UTC()); err != nil {
			return fmt.Errorf("feedback closing of %d: %w", e.ID, err)
		}
		by := a.PersonID()
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &e.HubID, Action: "event.feedback_closes", Subject: subject("event", e.ID),
			Details: map[string]any{"closes_at": req.ClosesAt.UTC()}})
	})
}

// FeedbackCloses is when feedback on an event closes.
func (db *DB) FeedbackCloses(ctx context.Context, eventID int64) (time.Time, error) {
	_, closes, err := feedbackEvent(ctx, db.x, eventID)
	return closes, err
}
