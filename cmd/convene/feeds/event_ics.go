package feeds

import (
	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
)

// EventICS downloads one event as an iCalendar file, for "Add to
// calendar". The joining link goes in only for people with a place, guests
// included through their manage link's token (?token=, or the manage
// page's own /registrations/manage/{token}/event.ics).
func (s *Handler) EventICS(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	show := ec.ShowOnlineURL()
	if token := c.QueryParam("token"); token != "" && !show {
		reg, err := s.DB.RegistrationByToken(c.Request().Context(), token)
		if err != nil && !web.IsNotFound(err) {
			return err
		}
		show = err == nil && reg.EventID == ec.Event.ID && reg.Status == events.RegRegistered
	}
	return s.WriteEventICS(c, ec.Event, show)
}
