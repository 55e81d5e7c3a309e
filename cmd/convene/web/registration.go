package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// CheckEmailMessage answers a guest who registers with the email of a
// live registration for the event: no dead end for its true owner, and
// nothing more about that registration for anyone else.
const CheckEmailMessage = "This email address is already registered for this event (or on its waitlist). " +
	"Check your email for your manage link to see or cancel that registration; if it does not arrive, ask the event’s coordinators for a new one."

// RegisterSelf registers the viewer for an event: a signed-in person as
// themselves, anyone else as a guest, throttled per client address (by the
// same rule as sign-in: X-Forwarded-For only from trusted proxies) and per
// event. A guest giving the email of a live registration gets
// Placed.Recovering, and its owner is sent a fresh manage link.
func (s *Server) RegisterSelf(c echo.Context, eventID int64, in events.RegistrationInput) (storage.Placed, error) {
	return s.DB.Register(c.Request().Context(), ActorOf(c), storage.Registration{EventID: eventID, RegistrationInput: in, Now: time.Now(),
		Guest: &storage.GuestOptions{ClientIP: c.RealIP(), Throttle: s.Config.GuestRegistrations}})
}
