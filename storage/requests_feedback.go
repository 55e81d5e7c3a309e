package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// FeedbackTopic is one answer to "topics they'd like next" as the hub's
// coordinators and evaluators see it: the words only, never who gave them.
type FeedbackTopic struct {
	// FeedbackID is the response it is part of, for making it a request.
	FeedbackID int64 `db:"feedback_id" json:"feedback_id"`
	// Topic is the answer as given.
	Topic string `db:"topic" json:"topic"`
	// RequestID is the request made from it, if one was.
	RequestID *int64 `db:"request_id" json:"request_id"`
}

// EventFeedbackTopics lists the topics an event's respondents would like
// next, under the same rule as EventQuotes: only from those who consented
// to be quoted, once at least events.MinPeople have responded, in an order
// that says nothing about who answered when.
func (db *DB) EventFeedbackTopics(ctx context.Context, a *hub.Actor, eventID int64) ([]FeedbackTopic, error) {
	e, _, err := feedbackEvent(ctx, db.x, eventID)
	if err != nil {
		return nil, err
	}
	if !hub.CanReadReport(a, e.HubID) {
		return nil, &hub.Error{Code: hub.EForbidden, Message: "Only the hub’s evaluators and coordinators can read its feedback."}
	}
	topics := []FeedbackTopic{}
	err = db.x.SelectContext(ctx, &topics, `
		SELECT f.id AS feedback_id, t.topic, r.id AS request_id
		FROM feedback f CROSS JOIN LATERAL unnest(f.topics_next) AS t(topic)
		LEFT JOIN topic_requests r ON r.from_feedback_id = f.id AND r.from_feedback_topic = t.topic
		WHERE f.event_id = $1 AND f.consent_to_quote AND t.topic <> ''
		  AND (SELECT count(*) FROM feedback g WHERE g.event_id = $1) >= $2
		ORDER BY md5(f.id::text || t.topic)`, eventID, events.MinPeople)
	if err != nil {
		return nil, fmt.Errorf("topics next of event %d: %w", eventID, err)
	}
	return topics, nil
}

// RequestFromFeedback is a topic request a coordinator makes from one
// answer to "topics they'd like next".
type RequestFromFeedback struct {
	// EventID is the event the feedback was on.
	EventID int64
	// FeedbackID and Answer say which answer: Answer must be one of the
	// response's topics as given.
	FeedbackID int64
	Answer     string
	// OrganisationID is the active member organisation the request is
	// recorded for; Topic (slug), Title, Details, Audience and Format are
	// as in NewRequest.
	OrganisationID                  int64
	Topic, Title, Details, Audience string
	Format                          hub.RequestFormat
}

// RequestFromFeedbackAnswer makes an open request of the event's hub from
// a feedback answer, for a coordinator of that hub, linked back to the
// feedback; one request per answer, a second is a conflict.
//
// A request needs an asking organisation, and a feedback answer has none
// that may be told (respondents are never named). The coordinator records
// it for one of the hub's active member organisations they choose, but
// requested_by is the coordinator, the history says it was they who made
// it, and the page says it came from feedback: no one in that
// organisation is made to look as if they asked. Its members may then
// edit or withdraw it like any request of their organisation, which is
// how they say it is not theirs.
func (db *DB) RequestFromFeedbackAnswer(ctx context.Context, a *hub.Actor, in RequestFromFeedback) (hub.TopicRequest, error) {
	r := hub.TopicRequest{OrganisationID: in.OrganisationID, Topic: in.Topic, Title: in.Title, Details: in.Details,
		Audience: in.Audience, Format: in.Format, Status: hub.RequestOpen}
	r.Normalise()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var f struct {
			HubID   int64          `db:"hub_id"`
			Topics  pq.StringArray `db:"topics_next"`
			Consent bool           `db:"consent_to_quote"`
		}
		err := tx.GetContext(ctx, &f, `
			SELECT e.hub_id, f.topics_next, f.consent_to_quote FROM feedback f JOIN events e ON e.id = f.event_id
			WHERE f.id = $1 AND f.event_id = $2 FOR UPDATE OF f`, in.FeedbackID, in.EventID)
		if err != nil {
			return fmt.Errorf("feedback %d: %w", in.FeedbackID, notFound(err, "The feedback"))
		}
		if !hub.CanManageHub(a, f.HubID) {
			return hub.Errorf(hub.EForbidden, "Only the hub’s coordinators can make requests from its feedback.")
		}
		// Only answers the results page shows may become requests.
		shown := false
		for _, t := range f.Topics {
			shown = shown || (f.Consent && t == in.Answer && t != "")
		}
		if !shown {
			return hub.Errorf(hub.ENotFound, "That answer was not found in the feedback.")
		}
		var existing []int64
		if err := tx.SelectContext(ctx, &existing, `SELECT id FROM topic_requests WHERE from_feedback_id = $1 AND from_feedback_topic = $2`,
			in.FeedbackID, in.Answer); err != nil {
			return fmt.Errorf("requests from feedback %d: %w", in.FeedbackID, err)
		}
		if len(existing) > 0 {
			return hub.Errorf(hub.EConflict, "This answer is already topic request %d.", existing[0])
		}
		var active bool
		if err := tx.GetContext(ctx, &active, `SELECT EXISTS (SELECT 1 FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 AND status = 'active')`,
			f.HubID, r.OrganisationID); err != nil {
			return fmt.Errorf("membership of %d: %w", r.OrganisationID, err)
		}
		if r.OrganisationID != 0 && !active {
			return hub.FieldError("organisation_id", "Choose one of the hub’s member organisations")
		}
		by := a.PersonID()
		if err := insertRequest(ctx, tx, &r, f.HubID, by, &fromAnswer{feedbackID: in.FeedbackID, answer: in.Answer}); err != nil {
			return err
		}
		if err := recordChange(ctx, tx, change{by: &by, requestID: r.ID, to: hub.RequestOpen, reason: "Asked for in feedback"}); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &f.HubID, Action: "request.from_feedback", Subject: subject("request", r.ID),
			Details: map[string]any{"organisation_id": r.OrganisationID, "event_id": in.EventID}})
	})
	return r, err
}

// FeedbackSource is the event whose feedback asked for a request.
type FeedbackSource struct {
	EventID    int64  `db:"event_id" json:"event_id"`
	EventTitle string `db:"event_title" json:"event_title"`
}

// requestSources reads where a request came from in feedback: one row,
// or none when it did not.
func requestSources(ctx context.Context, q querier, requestID int64) ([]FeedbackSource, error) {
	src := []FeedbackSource{}
	err := sqlx.SelectContext(ctx, q, &src, `
		SELECT e.id AS event_id, e.title AS event_title
		FROM topic_requests r JOIN feedback f ON f.id = r.from_feedback_id JOIN events e ON e.id = f.event_id
		WHERE r.id = $1`, requestID)
	if err != nil {
		return nil, fmt.Errorf("feedback source of request %d: %w", requestID, err)
	}
	return src, nil
}
