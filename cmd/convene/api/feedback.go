package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// feedbackJSON is a feedback response in the API, as its giver sends and
// sees it.
type feedbackJSON struct {
	Usefulness      int      `json:"usefulness"`
	NetworkingValue int      `json:"networking_value"`
	NewConnections  int      `json:"new_connections"`
	WillFollowUp    bool     `json:"will_follow_up"`
	UsefulItems     []int64  `json:"useful_items"`
	WhatWorked      string   `json:"what_worked"`
	ToImprove       string   `json:"to_improve"`
	TopicsNext      []string `json:"topics_next"`
	ConsentToQuote  bool     `json:"consent_to_quote"`
}

type feedbackOut struct {
	ID          int64     `json:"id"`
	EventID     int64     `json:"event_id"`
	SubmittedAt time.Time `json:"submitted_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	feedbackJSON
}

func (b feedbackJSON) input() events.FeedbackInput {
	return events.FeedbackInput{Usefulness: b.Usefulness, NetworkingValue: b.NetworkingValue, NewConnections: b.NewConnections,
		WillFollowUp: b.WillFollowUp, UsefulItems: b.UsefulItems, WhatWorked: b.WhatWorked, ToImprove: b.ToImprove,
		TopicsNext: b.TopicsNext, ConsentToQuote: b.ConsentToQuote}
}

func feedbackOf(f events.Feedback) feedbackOut {
	in := f.FeedbackInput
	return feedbackOut{ID: f.ID, EventID: f.EventID, SubmittedAt: f.SubmittedAt, UpdatedAt: f.UpdatedAt, feedbackJSON: feedbackJSON{
		Usefulness: in.Usefulness, NetworkingValue: in.NetworkingValue, NewConnections: in.NewConnections, WillFollowUp: in.WillFollowUp,
		UsefulItems: in.UsefulItems, WhatWorked: in.WhatWorked, ToImprove: in.ToImprove, TopicsNext: in.TopicsNext, ConsentToQuote: in.ConsentToQuote}}
}

// GiveFeedback takes an attendee's response: signed in, or with the
// private link's ?token=. A second response is 409.
func (s *Handler) GiveFeedback(c echo.Context) error { return s.saveFeedback(c, false) }

// ChangeFeedback replaces the response given before, until closing.
func (s *Handler) ChangeFeedback(c echo.Context) error { return s.saveFeedback(c, true) }

func (s *Handler) saveFeedback(c echo.Context, change bool) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var b feedbackJSON
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	f, err := s.DB.GiveFeedback(c.Request().Context(), web.ActorOf(c), storage.GiveFeedback{
		EventID: id, Token: c.QueryParam("token"), Feedback: b.input(), Now: time.Now(), Change: change})
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if change {
		status = http.StatusOK
	}
	return c.JSON(status, feedbackOf(f))
}

// FeedbackCloses sets when an event's feedback closes {closes_at}.
func (s *Handler) FeedbackCloses(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var b struct {
		ClosesAt time.Time `json:"closes_at"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	if err := s.DB.SetFeedbackCloses(c.Request().Context(), web.ActorOf(c), storage.SetFeedbackCloses{EventID: id, ClosesAt: b.ClosesAt}); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// eventFeedbackJSON is the feedback on one event so far, suppressed.
type eventFeedbackJSON struct {
	EventID  int64     `json:"event_id"`
	ClosesAt time.Time `json:"closes_at"`
	Open     bool      `json:"open"`
	Report   any       `json:"report"`
}

// EventFeedback is the response rate and results of one event as they
// come in, for its hub's coordinators and evaluators.
func (s *Handler) EventFeedback(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	e, err := s.DB.EventByID(ctx, id)
	if err != nil {
		return err
	}
	now := time.Now()
	r, err := s.DB.Report(ctx, web.ActorOf(c), storage.ReportRequest{HubIDs: []int64{e.HubID}, EventID: e.ID,
		From: e.StartsAt, To: e.StartsAt.Add(time.Microsecond), Now: now})
	if err != nil {
		return err
	}
	closes, err := s.DB.FeedbackCloses(ctx, e.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, eventFeedbackJSON{EventID: e.ID, ClosesAt: closes, Open: now.Before(closes) && !now.Before(e.StartsAt), Report: r})
}
