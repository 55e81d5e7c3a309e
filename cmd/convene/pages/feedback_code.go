package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// feedbackStartView is the feedback page of someone not known yet: the
// QR code at the end of an event brings attendees here.
type feedbackStartView struct {
	web.EventContext
	// Step is "start" (sign in or ask for a code) or "code" (type it in).
	Step string
	Form *templates.Form
	// CodeMinutes is how long a code works.
	CodeMinutes int
}

func (s *Handler) showFeedbackStart(c echo.Context, status int, step string, form *templates.Form) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	v := feedbackStartView{EventContext: ec, Step: step, Form: form, CodeMinutes: int(storage.FeedbackCodeLife.Minutes())}
	return s.Render(c, status, "feedback_start", "Give feedback: "+ec.Event.Title, v)
}

// AskFeedbackCode sends a one-time code to the email a guest registered
// with. The page says the same whether or not the email is registered
// for the event.
func (s *Handler) AskFeedbackCode(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, "email")
	err = s.DB.AskFeedbackCode(c.Request().Context(), storage.AskFeedbackCode{EventID: ec.Event.ID, Email: values["email"], ClientIP: c.RealIP(), Now: time.Now()})
	if err != nil {
		form, ferr := web.FailedForm(err, values, "email")
		if ferr != nil {
			return ferr
		}
		web.SetRetryAfter(c, err)
		return s.showFeedbackStart(c, web.StatusForForm(err), "start", form)
	}
	return s.showFeedbackStart(c, http.StatusOK, "code", templates.NewForm(map[string]string{"email": values["email"]}))
}

// UseFeedbackCode checks the code and opens the guest's own feedback form
// through a private link made for them.
func (s *Handler) UseFeedbackCode(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, "email", "code")
	token, err := s.DB.UseFeedbackCode(c.Request().Context(), storage.UseFeedbackCode{EventID: ec.Event.ID,
		Email: values["email"], Code: values["code"], Now: time.Now()})
	if err != nil {
		form, ferr := web.FailedForm(err, values, "code")
		if ferr != nil {
			return ferr
		}
		return s.showFeedbackStart(c, web.StatusForForm(err), "code", form)
	}
	return c.Redirect(http.StatusSeeOther, "/events/"+web.FormatID(ec.Event.ID)+"/feedback?token="+url.QueryEscape(token))
}
