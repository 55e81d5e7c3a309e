package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// FeedbackState is what the feedback form shows its holder: the event,
// when feedback closes, their response so far, and whether they may give
// or change it now.
type FeedbackState struct {
	Event  events.Event
	Closes time.Time
	// Given is their response, or nil when they have not answered.
	Given *events.Feedback
	// Refusal says why they cannot answer now (not checked in, not open
	// yet, closed); nil when they can.
	Refusal error
}

// FeedbackState reads the feedback form's state for the holder of a
// registration for the event: signed in, or with a private link (token).
// An unknown link is not found; a signed-in person without a registration
// is forbidden.
func (db *DB) FeedbackState(ctx context.Context, a *hub.Actor, eventID int64, token string, now time.Time) (FeedbackState, error) {
	var st FeedbackState
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := feedbackRegistration(ctx, tx, a, eventID, token)
		if err != nil {
			return err
		}
		if st.Event, st.Closes, err = feedbackEvent(ctx, tx, eventID); err != nil {
			return err
		}
		st.Refusal = events.CanGiveFeedback(st.Event, reg, st.Closes, now)
		var rows []feedbackRow
		if err := tx.SelectContext(ctx, &rows, `SELECT `+feedbackColumns+` FROM feedback f WHERE f.registration_id = $1`, reg.ID); err != nil {
			return fmt.Errorf("feedback of registration %d: %w", reg.ID, err)
		}
		if len(rows) == 1 {
			f := rows[0].feedback()
			st.Given = &f
		}
		return nil
	})
	return st, err
}

// Quote is one respondent's words, given with consent to quote them
// anonymously; never with a name or organisation.
type Quote struct {
	WhatWorked string `db:"what_worked" json:"what_worked"`
	ToImprove  string `db:"to_improve" json:"to_improve"`
}

// EventQuotes lists the words of an event's respondents who consented to
// be quoted, for the hub's coordinators and evaluators, in an order that
// says nothing about who answered when. Words are shown only once at
// least events.MinPeople have responded, so that a handful of answers
// cannot be told apart.
func (db *DB) EventQuotes(ctx context.Context, a *hub.Actor, eventID int64) ([]Quote, error) {
	e, _, err := feedbackEvent(ctx, db.x, eventID)
	if err != nil {
		return nil, err
	}
	if !hub.CanReadReport(a, e.HubID) {
		return nil, &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s evaluators and coordinators can read its feedback."}
	}
	var quotes []Quote
	err = db.x.SelectContext(ctx, &quotes, `
		SELECT f.what_worked, f.to_improve FROM feedback f
		WHERE f.event_id = $1 AND f.consent_to_quote AND (f.what_worked <> '' OR f.to_improve <> '')
		  AND (SELECT count(*) FROM feedback g WHERE g.event_id = $1) >= $2
		ORDER BY md5(f.id::text || f.what_worked)`, eventID, events.MinPeople)
	if err != nil {
		return nil, fmt.Errorf("quotes of event %d: %w", eventID, err)
	}
	return quotes, nil
}
