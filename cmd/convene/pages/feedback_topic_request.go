package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// feedbackRequestFields are the new-request form's fields when it is made
// from a feedback answer: the answer rides along hidden.
var feedbackRequestFields = append([]string{"feedback_id", "answer"}, requestFields...)

// FeedbackTopicRequestPage shows the new-request form prefilled from one
// answer to "topics they'd like next"; an answer that already became a
// request shows that request instead.
func (s *Handler) FeedbackTopicRequestPage(c echo.Context) error {
	values := web.FormValues(c, feedbackRequestFields...)
	values["title"] = values["answer"]
	values["format"] = string(hub.FormatWorkshop)
	return s.showFeedbackRequestForm(c, http.StatusOK, templates.NewForm(values), true)
}

// RequestFromFeedback makes the request: the form, filled in by the
// coordinator, is sent here.
func (s *Handler) RequestFromFeedback(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, feedbackRequestFields...)
	fb, _, err := web.FormID(values["feedback_id"], "feedback_id")
	var org int64
	if err == nil {
		org, _, err = web.FormID(values["organisation_id"], "organisation_id")
	}
	if err == nil {
		var r hub.TopicRequest
		r, err = s.DB.RequestFromFeedbackAnswer(c.Request().Context(), web.ActorOf(c), storage.RequestFromFeedback{EventID: ec.Event.ID,
			FeedbackID: fb, Answer: values["answer"], OrganisationID: org, Topic: values["topic"], Title: values["title"],
			Details: values["details"], Format: hub.RequestFormat(values["format"]), Audience: values["audience"]})
		if err == nil {
			return s.RedirectWithFlash(c, "/requests/"+web.FormatID(r.ID), "The request is on the hub’s board.")
		}
	}
	form, ferr := web.FailedForm(err, values, requestFields...)
	if ferr != nil {
		return ferr
	}
	return s.showFeedbackRequestForm(c, web.StatusForForm(err), form, false)
}

// showFeedbackRequestForm shows the request form for the event's hub with
// every active member organisation to choose from (the coordinator
// records the request for one of them; see RequestFromFeedbackAnswer).
func (s *Handler) showFeedbackRequestForm(c echo.Context, status int, form *templates.Form, redirectExisting bool) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	topics, err := s.DB.EventFeedbackTopics(ctx, web.ActorOf(c), ec.Event.ID)
	if err != nil {
		return err
	}
	v := requestFormView{Hub: ec.Event.Hub, Form: form, Formats: formatOptions(), FromEvent: &ec.Event.Event,
		Answer: form.Values["answer"], FeedbackID: form.Values["feedback_id"]}
	found := false
	for _, t := range topics {
		if web.FormatID(t.FeedbackID) == v.FeedbackID && t.Topic == v.Answer {
			found, v.Existing = true, t.RequestID
		}
	}
	if !found {
		return web.NotFoundPage()
	}
	if v.Existing != nil && redirectExisting {
		return s.RedirectWithFlash(c, "/requests/"+web.FormatID(*v.Existing), "This answer is already a topic request.")
	}
	orgs, err := s.DB.MembersOfHub(ctx, ec.Event.HubID)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		v.Organisations = append(v.Organisations, templates.Option{Value: web.FormatID(o.ID), Label: o.Name})
	}
	if v.Topics, err = s.topicOptions(ctx, "Choose a topic"); err != nil {
		return err
	}
	return s.Render(c, status, "request_form", "Make a topic request from feedback", v)
}
