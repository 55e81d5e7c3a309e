package main

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// feedbackStartView is the feedback page of someone not known yet: the
// QR code at the end of an event brings attendees here.
type feedbackStartView struct {
	eventContext
	// Step is "start" (sign in or ask for a code) or "code" (type it in).
	Step string
	Form *templates.Form
	// CodeMinutes is how long a code works.
	CodeMinutes int
}

func (s *server) showFeedbackStart(c echo.Context, status int, step string, form *templates.Form) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	v := feedbackStartView{eventContext: ec, Step: step, Form: form, CodeMinutes: int(storage.FeedbackCodeLife.Minutes())}
	return s.render(c, status, "feedback_start", "Give feedback: "+ec.Event.Title, v)
}

// askFeedbackCode sends a one-time code to the email a guest registered
// with. The page says the same whether or not the email is registered
// for the event.
func (s *server) askFeedbackCode(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	values := formValues(c, "email")
	err = s.db.AskFeedbackCode(c.Request().Context(), storage.AskFeedbackCode{EventID: ec.Event.ID, Email: values["email"], Now: time.Now()})
	if err != nil {
		form, ferr := failedForm(err, values, "email")
		if ferr != nil {
			return ferr
		}
		setRetryAfter(c, err)
		return s.showFeedbackStart(c, statusForForm(err), "start", form)
	}
	return s.showFeedbackStart(c, http.StatusOK, "code", templates.NewForm(map[string]string{"email": values["email"]}))
}

// useFeedbackCode checks the code and opens the guest's own feedback form
// through a private link made for them.
func (s *server) useFeedbackCode(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	values := formValues(c, "email", "code")
	token, err := s.db.UseFeedbackCode(c.Request().Context(), storage.UseFeedbackCode{EventID: ec.Event.ID,
		Email: values["email"], Code: values["code"], Now: time.Now()})
	if err != nil {
		form, ferr := failedForm(err, values, "code")
		if ferr != nil {
			return ferr
		}
		return s.showFeedbackStart(c, statusForForm(err), "code", form)
	}
	return c.Redirect(http.StatusSeeOther, "/events/"+itoa64(ec.Event.ID)+"/feedback?token="+url.QueryEscape(token))
}

// feedbackQRView is the screen a coordinator shows at the end of an
// in-person event.
type feedbackQRView struct {
	eventContext
	URL string
	QR  any
}

// feedbackQRPage shows a large QR code of the event's feedback page, with
// its address under it, for attendees to scan from the screen.
func (s *server) feedbackQRPage(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	link := s.cfg.BaseURL + "/events/" + itoa64(ec.Event.ID) + "/feedback"
	svg, err := qrSVG(link, "QR code of the feedback page: "+link)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "feedback_qr", "Feedback QR code: "+ec.Event.Title, feedbackQRView{eventContext: ec, URL: link, QR: svg})
}
