package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

var registerFields = []string{"guest_name", "guest_email", "attendee_role", "access_needs"}

// register gives the viewer a place at the event, or a place in the
// waitlist, and shows the event page saying which.
func (s *server) register(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	values := formValues(c, registerFields...)
	placed, err := s.registerSelf(c, ec.Event.ID, registrationInput(values))
	if err != nil {
		form, ferr := failedForm(err, values, registerFields...)
		if ferr != nil {
			return ferr
		}
		setRetryAfter(c, err)
		return s.showEvent(c, statusForForm(err), ec, func(v *eventView) { v.Form = form })
	}
	if placed.Recovering {
		return s.showEvent(c, http.StatusOK, ec, func(v *eventView) { v.CheckEmail = checkEmailMessage })
	}
	// Show the page afresh: counts and the viewer's place have changed.
	if ec, err = s.readEvent(c, ec.Event.ID); err != nil {
		return err
	}
	return s.showEvent(c, http.StatusCreated, ec, func(v *eventView) {
		v.Placed = &placed
		if placed.ManageToken != "" {
			v.ManageURL = s.manageURL(placed.ManageToken)
		}
	})
}

// registrationInput reads a registration form's values (guest_name,
// guest_email, attendee_role, access_needs).
func registrationInput(values map[string]string) events.RegistrationInput {
	return events.RegistrationInput{GuestName: values["guest_name"], GuestEmail: values["guest_email"],
		AttendeeRole: events.AttendeeRole(values["attendee_role"]), AccessNeeds: values["access_needs"]}
}

// checkEmailMessage answers a guest who registers with the email of a
// live registration for the event: no dead end for its true owner, and
// nothing more about that registration for anyone else.
const checkEmailMessage = "This email address is already registered for this event (or on its waitlist). " +
	"Check your email for your manage link to see or cancel that registration; if it does not arrive, ask the event’s coordinators for a new one."

// registerSelf registers the viewer for an event: a signed-in person as
// themselves, anyone else as a guest, throttled per client address (by the
// same rule as sign-in: X-Forwarded-For only from trusted proxies) and per
// event. A guest giving the email of a live registration gets
// Placed.Recovering, and its owner is sent their manage link.
func (s *server) registerSelf(c echo.Context, eventID int64, in events.RegistrationInput) (storage.Placed, error) {
	placed, err := s.db.Register(c.Request().Context(), actorOf(c), storage.Registration{EventID: eventID, RegistrationInput: in, Now: time.Now(),
		Guest: &storage.GuestOptions{ClientIP: c.RealIP(), Throttle: s.cfg.GuestRegistrations}})
	if err == nil && placed.Recovering {
		// A fresh manage link goes to the registration's own address only;
		// it is throttled with the registration attempt, so nobody can flood
		// an inbox through it.
		err = s.db.SendManageLink(c.Request().Context(), placed.RecoverID)
	}
	return placed, err
}

// cancelRegistration lets a signed-in person give up their place (or a
// coordinator cancel someone's).
func (s *server) cancelRegistration(c echo.Context) error {
	reg, ec, err := s.registrationOf(c)
	if err != nil {
		return err
	}
	res, err := s.db.CancelRegistration(c.Request().Context(), actorOf(c), storage.Cancellation{ID: reg.ID, Now: time.Now()})
	if err != nil {
		return err
	}
	to := "/events/" + itoa64(ec.Event.ID)
	msg := "The registration is cancelled."
	if ec.Manage() && (reg.PersonID == nil || *reg.PersonID != actorOf(c).PersonID()) {
		to += "/check-in"
	} else {
		msg = "Your registration is cancelled. Thank you for letting us know."
	}
	if res.Promoted > 0 {
		msg += " The first person on the waitlist now has the place."
	}
	return s.redirectWithFlash(c, to, msg)
}

// manageView is a guest's page for their registration.
type manageView struct {
	eventContext
	Registration events.Registration
	Position     int
	Token        string
}

// When is the event's date and time.
func (v manageView) When() string { return events.FormatWhen(v.Event.StartsAt, v.Event.EndsAt, v.Loc) }

// managePage shows a guest their registration through its private link.
func (s *server) managePage(c echo.Context) error {
	v, err := s.manageContext(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "manage_registration", "Your registration", v)
}

// cancelByToken cancels a guest's registration through its private link.
func (s *server) cancelByToken(c echo.Context) error {
	v, err := s.manageContext(c)
	if err != nil {
		return err
	}
	res, err := s.db.CancelRegistration(c.Request().Context(), actorOf(c), storage.Cancellation{ID: v.Registration.ID, Token: v.Token, Now: time.Now()})
	if err != nil {
		return err
	}
	msg := "Your registration is cancelled. Thank you for letting us know."
	if res.Promoted > 0 {
		msg += " Your place has gone to the next person on the waitlist."
	}
	return s.redirectWithFlash(c, "/events/"+itoa64(v.Event.ID), msg)
}

func (s *server) manageContext(c echo.Context) (manageView, error) {
	ctx := c.Request().Context()
	token := c.Param("token")
	reg, err := s.db.RegistrationByToken(ctx, token)
	if err != nil {
		return manageView{}, err
	}
	d, err := s.db.EventByID(ctx, reg.EventID)
	if err != nil {
		return manageView{}, err
	}
	v := manageView{eventContext: eventContext{Event: d, Loc: d.Hub.Zone()}, Registration: reg, Token: token}
	if reg.Status == events.RegWaitlisted {
		if v.Position, err = s.db.WaitlistPosition(ctx, reg.ID); err != nil {
			return v, err
		}
	}
	return v, nil
}
