package pages

import (
	"html/template"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// eventFeedbackView is one event's feedback as it comes in, for its hub's
// coordinators and evaluators.
type eventFeedbackView struct {
	web.EventContext
	Report events.Report
	// Row is the event's own row of the report, when it has one.
	Row    *events.ReportRow
	Closes time.Time
	Open   bool
	Quotes []storage.Quote
	// Topics are the answers to "topics they'd like next", shown like
	// Quotes; coordinators can make each a topic request.
	Topics []storage.FeedbackTopic
	// Form sets the closing date (coordinators only).
	Form                   *templates.Form
	Usefulness, Networking template.HTML
}

// Ended reports whether the event is over.
func (v eventFeedbackView) Ended() bool { return v.Event.IsPast(time.Now()) }

// EventFeedbackPage shows the response rate, the spread and means of the
// scores (hidden under 5 responses) and the words of those who agreed to
// be quoted.
func (s *Handler) EventFeedbackPage(c echo.Context) error {
	return s.showEventFeedback(c, http.StatusOK, nil)
}

func (s *Handler) showEventFeedback(c echo.Context, status int, form *templates.Form) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	now := time.Now()
	e := ec.Event
	r, err := s.DB.Report(ctx, web.ActorOf(c), storage.ReportRequest{HubIDs: []int64{e.HubID}, EventID: e.ID,
		From: e.StartsAt, To: e.StartsAt.Add(time.Microsecond), Now: now})
	if err != nil {
		return err
	}
	v := eventFeedbackView{EventContext: ec, Report: r, Form: form,
		Usefulness: distributionChart("How useful people found it", "not useful", "very useful", r.Usefulness),
		Networking: distributionChart("How valuable the networking was", "not valuable", "very valuable", r.Networking)}
	if len(r.Rows) == 1 {
		v.Row = &r.Rows[0]
	}
	if v.Closes, err = s.DB.FeedbackCloses(ctx, e.ID); err != nil {
		return err
	}
	v.Open = now.Before(v.Closes) && !now.Before(e.StartsAt)
	if v.Quotes, err = s.DB.EventQuotes(ctx, web.ActorOf(c), e.ID); err != nil {
		return err
	}
	if v.Topics, err = s.DB.EventFeedbackTopics(ctx, web.ActorOf(c), e.ID); err != nil {
		return err
	}
	if v.Form == nil {
		v.Form = templates.NewForm(map[string]string{"closes_on": v.Closes.In(ec.Loc).Add(-time.Nanosecond).Format("2006-01-02")})
	}
	return s.Render(c, status, "event_feedback", "Feedback: "+e.Title, v)
}

// SetFeedbackCloses sets the last day on which feedback is taken: it
// closes at the end of that day in the hub's time zone.
func (s *Handler) SetFeedbackCloses(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, "closes_on")
	day, perr := time.ParseInLocation("2006-01-02", values["closes_on"], ec.Loc)
	if perr != nil {
		form := templates.NewForm(values).Fail("", map[string]string{"closes_on": "Enter the last day for feedback as a date, like 2025-06-30"}, "closes_on")
		return s.showEventFeedback(c, http.StatusUnprocessableEntity, form)
	}
	closes := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, ec.Loc)
	err = s.DB.SetFeedbackCloses(c.Request().Context(), web.ActorOf(c), storage.SetFeedbackCloses{EventID: ec.Event.ID, ClosesAt: closes})
	if err != nil {
		if hub.ErrorCode(err) != hub.EInvalid {
			return err
		}
		form := templates.NewForm(values).Fail("", web.FormErrors(err, map[string]string{"closes_at": "closes_on"}), "closes_on")
		return s.showEventFeedback(c, http.StatusUnprocessableEntity, form)
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/feedback/results",
		"Feedback now closes at the end of "+day.Format("Monday 2 January 2006")+".")
}
