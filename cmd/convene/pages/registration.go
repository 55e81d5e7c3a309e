package pages

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

var registerFields = []string{"guest_name", "guest_email", "attendee_role", "access_needs"}

// Register gives the viewer a place at the event, or a place in the
// waitlist, then sends them (POST → redirect → GET, so a reload does not
// register again) to the page of their registration, which says at the
// top which: a guest's through their manage link, a signed-in person's
// at /events/{id}/my-place.
func (s *Handler) Register(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, registerFields...)
	placed, err := s.RegisterSelf(c, ec.Event.ID, registrationInput(values))
	if err != nil {
		form, ferr := web.FailedForm(err, values, registerFields...)
		if ferr != nil {
			return ferr
		}
		web.SetRetryAfter(c, err)
		return s.showEvent(c, web.StatusForForm(err), ec, func(v *eventView) { v.Form = form })
	}
	switch {
	case placed.Recovering:
		return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID), web.CheckEmailMessage)
	case placed.ManageToken != "":
		return c.Redirect(http.StatusSeeOther, "/registrations/manage/"+placed.ManageToken)
	}
	return c.Redirect(http.StatusSeeOther, "/events/"+web.FormatID(ec.Event.ID)+"/my-place")
}

// registrationInput reads a registration form's values (guest_name,
// guest_email, attendee_role, access_needs).
func registrationInput(values map[string]string) events.RegistrationInput {
	return events.RegistrationInput{GuestName: values["guest_name"], GuestEmail: values["guest_email"],
		AttendeeRole: events.AttendeeRole(values["attendee_role"]), AccessNeeds: values["access_needs"]}
}

// CancelRegistration lets a signed-in person give up their place (or a
// coordinator cancel someone's). The registrant goes back to the event's
// page, or to "My events" when the event is one they saw only through
// their registration (by invitation), saying it is done.
func (s *Handler) CancelRegistration(c echo.Context) error {
	reg, ec, err := s.RegistrationOf(c)
	if err != nil {
		return err
	}
	res, err := s.DB.CancelRegistration(c.Request().Context(), web.ActorOf(c), storage.Cancellation{ID: reg.ID, Now: time.Now()})
	if err != nil {
		return err
	}
	to := "/events/" + web.FormatID(ec.Event.ID)
	msg := "The registration is cancelled."
	if ec.Manage() && (reg.PersonID == nil || *reg.PersonID != web.ActorOf(c).PersonID()) {
		to += "/check-in"
	} else {
		msg = "Your registration for " + ec.Event.Title + " is cancelled. Thank you for letting us know."
		if !events.CanSee(ec.Event.Event, ec.Viewer, false) {
			to = "/me"
		}
	}
	if res.Promoted > 0 {
		msg += " The first person on the waitlist now has the place."
	}
	return s.RedirectWithFlash(c, to, msg)
}

// placeView is someone's own registration for an event: a guest's through
// their manage link, or a signed-in person's.
type placeView struct {
	web.EventContext
	Registration events.Registration
	// Position is the place in the waitlist, from 1.
	Position int
	// Token is a guest's manage link secret; empty for a signed-in person.
	Token string
	// ManageURL is a guest's manage link, to keep.
	ManageURL string
}

// When is the event's date and time.
func (v placeView) When() string { return events.FormatWhen(v.Event.StartsAt, v.Event.EndsAt, v.Loc) }

// Live reports whether the registration still holds a place (or a place
// in the waitlist) at an event that is going ahead.
func (v placeView) Live() bool {
	return v.Registration.Status != events.RegCancelled && v.Event.Status != events.StatusCancelled
}

// ShowOnlineURL: the joining link, for someone with a place.
func (v placeView) ShowOnlineURL() bool {
	return v.Live() && v.Registration.Status == events.RegRegistered && v.Event.OnlineURL != ""
}

// CanCancel: until the event is over.
func (v placeView) CanCancel() bool { return v.Live() && !v.Event.IsPast(time.Now()) }

// CalendarURL is the event's calendar file, with the joining link for
// someone with a place: a guest's comes through their manage link.
func (v placeView) CalendarURL() string {
	if v.Token != "" {
		return "/registrations/manage/" + v.Token + "/event.ics"
	}
	return "/events/" + web.FormatID(v.Event.ID) + "/event.ics"
}

// CancelAction is where the cancel form posts.
func (v placeView) CancelAction() string {
	if v.Token != "" {
		return "/registrations/manage/" + v.Token + "/cancel"
	}
	return "/registrations/" + web.FormatID(v.Registration.ID) + "/cancel"
}

// MyPlacePage shows a signed-in person their registration for an event:
// where registering leads. Without one, it is the event's page.
func (s *Handler) MyPlacePage(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	if ec.Place == nil {
		return c.Redirect(http.StatusSeeOther, "/events/"+web.FormatID(ec.Event.ID))
	}
	v := placeView{EventContext: ec, Registration: ec.Place.Registration, Position: ec.Place.Position}
	return s.Render(c, http.StatusOK, "manage_registration", "Your registration", v)
}

// ManagePage shows a guest their registration through its private link.
func (s *Handler) ManagePage(c echo.Context) error {
	v, err := s.manageContext(c)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "manage_registration", "Your registration", v)
}

// ManageICS is a guest's "Add to calendar": the event's calendar file,
// with the joining link while they have a place.
func (s *Handler) ManageICS(c echo.Context) error {
	v, err := s.manageContext(c)
	if err != nil {
		return err
	}
	return s.WriteEventICS(c, v.Event, v.ShowOnlineURL())
}

// CancelByToken cancels a guest's registration through its private link,
// and shows them the registration, now cancelled.
func (s *Handler) CancelByToken(c echo.Context) error {
	v, err := s.manageContext(c)
	if err != nil {
		return err
	}
	res, err := s.DB.CancelRegistration(c.Request().Context(), web.ActorOf(c), storage.Cancellation{ID: v.Registration.ID, Token: v.Token, Now: time.Now()})
	if err != nil {
		return err
	}
	msg := "Thank you for letting us know."
	if res.Promoted > 0 {
		msg += " Your place has gone to the next person on the waitlist."
	}
	return s.RedirectWithFlash(c, "/registrations/manage/"+v.Token, msg)
}

func (s *Handler) manageContext(c echo.Context) (placeView, error) {
	ctx := c.Request().Context()
	token := c.Param("token")
	reg, err := s.DB.RegistrationByToken(ctx, token)
	if err != nil {
		return placeView{}, err
	}
	d, err := s.DB.EventByID(ctx, reg.EventID)
	if err != nil {
		return placeView{}, err
	}
	v := placeView{EventContext: web.EventContext{Event: d, Loc: d.Hub.Zone()}, Registration: reg, Token: token, ManageURL: s.ManageURL(token)}
	if reg.Status == events.RegWaitlisted {
		if v.Position, err = s.DB.WaitlistPosition(ctx, reg.ID); err != nil {
			return v, err
		}
	}
	return v, nil
}
