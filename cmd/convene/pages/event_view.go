package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// eventView is what an event's page shows.
type eventView struct {
	web.EventContext
	Agenda []storage.AgendaEntry
	// RegisterError says why the viewer cannot register; empty if they can.
	RegisterError string
	Form          *templates.Form
	// Guest is true when the register form asks for a name and email.
	Guest bool
	// SeesRequests: the viewer may read the hub's topic requests, so the
	// agenda may name the requests its items answer (requests say what
	// projects struggle with: others see only how many asked).
	SeesRequests bool
}

// When is the event's date and time in its hub's zone.
func (v eventView) When() string { return events.FormatWhen(v.Event.StartsAt, v.Event.EndsAt, v.Loc) }

// PlacesLeft says how many places remain, or "" when unlimited.
func (v eventView) PlacesLeft() string {
	left, unlimited := v.Event.PlacesLeft(v.Event.Registered)
	switch {
	case unlimited:
		return ""
	case left == 0:
		return "Fully booked – you can join the waitlist"
	}
	return hub.Plural(left, "place", "places") + " left"
}

// MapURL finds the venue on OpenStreetMap.
func (v eventView) MapURL() string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(v.Event.Venue)
}

// IsPast reports whether the event is over.
func (v eventView) IsPast() bool { return v.Event.IsPast(time.Now()) }

// EventPage shows an event to whoever may see it.
func (s *Handler) EventPage(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	return s.showEvent(c, http.StatusOK, ec, func(*eventView) {})
}

func (s *Handler) showEvent(c echo.Context, status int, ec web.EventContext, adjust func(*eventView)) error {
	// No answer is chosen for the attendee: a default would be recorded
	// for everyone who skips the question, and corrupt the evaluation.
	v := eventView{EventContext: ec, Guest: !web.ActorOf(c).SignedIn(), Form: templates.NewForm(nil)}
	var err error
	if v.Agenda, err = s.DB.AgendaOf(c.Request().Context(), ec.Event.ID); err != nil {
		return err
	}
	for _, it := range v.Agenda {
		if it.RequestID != nil {
			acc, err := s.DB.HubRequestAccess(c.Request().Context(), web.ActorOf(c), ec.Event.Hub.Slug)
			if err != nil {
				return err
			}
			v.SeesRequests = hub.CanSeeRequests(web.ActorOf(c), acc.HubID, acc.ActiveOrgs)
			break
		}
	}
	if ec.Place == nil {
		if err := events.SelfRegistrationError(ec.Event.Event, ec.Viewer, ec.Event.Hub.Name, time.Now()); err != nil {
			v.RegisterError = hub.ErrorMessage(err)
		}
	}
	adjust(&v)
	return s.Render(c, status, "event", ec.Event.Title, v)
}
