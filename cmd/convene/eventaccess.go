package main

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// viewerIn works out what the actor may see of a hub's events.
func (s *server) viewerIn(c echo.Context, hubID int64) (events.Viewer, error) {
	return s.db.ViewerIn(c.Request().Context(), actorOf(c), hubID)
}

// eventContext is an event with who is looking at it.
type eventContext struct {
	Event  storage.EventDetail
	Viewer events.Viewer
	// Place is the viewer's own active registration, if any.
	Place *storage.MyPlace
	Loc   *time.Location
}

// Manage reports whether the viewer runs the event's hub.
func (ec eventContext) Manage() bool { return ec.Viewer.Manager }

// ShowOnlineURL: the joining link is for people with a place, and for
// the hub's coordinators.
func (ec eventContext) ShowOnlineURL() bool {
	return ec.Event.OnlineURL != "" && (ec.Manage() || (ec.Place != nil && ec.Place.Registration.Status == events.RegRegistered))
}

// loadEvent reads the event of the route and checks the viewer may see
// it; an event they may not see is not found, so its existence is not
// given away.
func (s *server) loadEvent(c echo.Context) (eventContext, error) {
	var ec eventContext
	id, err := pathID(c, "id")
	if err != nil {
		return ec, err
	}
	return s.eventByID(c, id)
}

// eventByID reads an event as the viewer sees it, once per request: the
// route's permission check and the handler share it.
func (s *server) eventByID(c echo.Context, id int64) (eventContext, error) {
	key := "event:" + itoa64(id)
	if ec, ok := c.Get(key).(eventContext); ok {
		return ec, nil
	}
	ec, err := s.readEvent(c, id)
	if err == nil {
		c.Set(key, ec)
	}
	return ec, err
}

// forgetEvent drops the request's copy of an event after a change.
func forgetEvent(c echo.Context, id int64) { c.Set("event:"+itoa64(id), nil) }

func (s *server) readEvent(c echo.Context, id int64) (eventContext, error) {
	ctx := c.Request().Context()
	var ec eventContext
	var err error
	if ec.Event, err = s.db.EventByID(ctx, id); err != nil {
		return ec, err
	}
	if ec.Viewer, err = s.viewerIn(c, ec.Event.HubID); err != nil {
		return ec, err
	}
	if ec.Viewer.PersonID != 0 {
		place, found, err := s.db.PlaceOf(ctx, id, ec.Viewer.PersonID)
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

// managedEvent loads the event and checks the viewer runs its hub.
func (s *server) managedEvent(c echo.Context) (eventContext, error) {
	ec, err := s.loadEvent(c)
	if err != nil {
		return ec, err
	}
	if !ec.Manage() {
		return ec, forbidden("Only the coordinators of " + ec.Event.Hub.Name + " can do that.")
	}
	return ec, nil
}

// registrationOf loads the registration of the route's :id with its event
// as the viewer sees it.
func (s *server) registrationOf(c echo.Context) (events.Registration, eventContext, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return events.Registration{}, eventContext{}, err
	}
	reg, err := s.db.RegistrationByID(c.Request().Context(), id)
	if err != nil {
		return reg, eventContext{}, err
	}
	ec, err := s.eventByID(c, reg.EventID)
	return reg, ec, err
}

// managedRegistration is registrationOf for the coordinators of the
// event's hub only.
func (s *server) managedRegistration(c echo.Context) (events.Registration, eventContext, error) {
	reg, ec, err := s.registrationOf(c)
	if err == nil && !ec.Manage() {
		err = forbidden("Only the coordinators of " + ec.Event.Hub.Name + " can do that.")
	}
	return reg, ec, err
}

// zoneCache loads each hub's zone once while a list spanning hubs is
// shown (loading a zone reads the zone database).
type zoneCache map[string]*time.Location

func (z zoneCache) of(h hub.Hub) *time.Location {
	loc, ok := z[h.TimeZone]
	if !ok {
		loc = h.Zone()
		z[h.TimeZone] = loc
	}
	return loc
}
