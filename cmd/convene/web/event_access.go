package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// ViewerIn works out what the actor may see of a hub's events.
func (s *Server) ViewerIn(c echo.Context, hubID int64) (events.Viewer, error) {
	return s.DB.ViewerIn(c.Request().Context(), ActorOf(c), hubID)
}

// EventContext is an event with who is looking at it.
type EventContext struct {
	Event  storage.EventDetail
	Viewer events.Viewer
	// Place is the viewer's own active registration, if any.
	Place *storage.MyPlace
	Loc   *time.Location
}

// Manage reports whether the viewer runs the event's hub.
func (ec EventContext) Manage() bool { return ec.Viewer.Manager }

// ShowOnlineURL: the joining link is for people with a place, and for
// the hub's coordinators.
func (ec EventContext) ShowOnlineURL() bool {
	return ec.Event.OnlineURL != "" && (ec.Manage() || (ec.Place != nil && ec.Place.Registration.Status == events.RegRegistered))
}

// LoadEvent reads the event of the route and checks the viewer may see
// it; an event they may not see is not found, so its existence is not
// given away.
func (s *Server) LoadEvent(c echo.Context) (EventContext, error) {
	var ec EventContext
	id, err := PathID(c, "id")
	if err != nil {
		return ec, err
	}
	return s.eventByID(c, id)
}

// eventByID reads an event as the viewer sees it, once per request: the
// route's permission check and the handler share it.
func (s *Server) eventByID(c echo.Context, id int64) (EventContext, error) {
	key := "event:" + FormatID(id)
	if ec, ok := c.Get(key).(EventContext); ok {
		return ec, nil
	}
	ec, err := s.readEvent(c, id)
	if err == nil {
		c.Set(key, ec)
	}
	return ec, err
}

// ForgetEvent drops the request's copy of an event after a change.
func ForgetEvent(c echo.Context, id int64) { c.Set("event:"+FormatID(id), nil) }

func (s *Server) readEvent(c echo.Context, id int64) (EventContext, error) {
	ctx := c.Request().Context()
	var ec EventContext
	var err error
	if ec.Event, err = s.DB.EventByID(ctx, id); err != nil {
		return ec, err
	}
	if ec.Viewer, err = s.ViewerIn(c, ec.Event.HubID); err != nil {
		return ec, err
	}
	if ec.Viewer.PersonID != 0 {
		place, found, err := s.DB.PlaceOf(ctx, id, ec.Viewer.PersonID)
		if err != nil {
			return ec, err
		}
		if found {
			ec.Place = &place
		}
	}
	if !events.CanSee(ec.Event.Event, ec.Viewer, ec.Place != nil) {
		return ec, &hub.Error{Code: hub.ENotFound, Message: "The event was not found."}
	}
	ec.Loc = ec.Event.Hub.Zone()
	return ec, nil
}

// ManagedEvent loads the event and checks the viewer runs its hub.
func (s *Server) ManagedEvent(c echo.Context) (EventContext, error) {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return ec, err
	}
	if !ec.Manage() {
		return ec, Forbidden("Only the coordinators of " + ec.Event.Hub.Name + " can do that.")
	}
	return ec, nil
}

// RegistrationOf loads the registration of the route's :id with its event
// as the viewer sees it.
func (s *Server) RegistrationOf(c echo.Context) (events.Registration, EventContext, error) {
	id, err := PathID(c, "id")
	if err != nil {
		return events.Registration{}, EventContext{}, err
	}
	reg, err := s.DB.RegistrationByID(c.Request().Context(), id)
	if err != nil {
		return reg, EventContext{}, err
	}
	ec, err := s.eventByID(c, reg.EventID)
	return reg, ec, err
}

// ManagedRegistration is RegistrationOf for the coordinators of the
// event's hub only.
func (s *Server) ManagedRegistration(c echo.Context) (events.Registration, EventContext, error) {
	reg, ec, err := s.RegistrationOf(c)
	if err == nil && !ec.Manage() {
		err = Forbidden("Only the coordinators of " + ec.Event.Hub.Name + " can do that.")
	}
	return reg, ec, err
}

// ZoneCache loads each hub's zone once while a list spanning hubs is
// shown (loading a zone reads the zone database).
type ZoneCache map[string]*time.Location

func (z ZoneCache) Of(h hub.Hub) *time.Location {
	loc, ok := z[h.TimeZone]
	if !ok {
		loc = h.Zone()
		z[h.TimeZone] = loc
	}
	return loc
}
