package main

import (
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// viewerIn works out what the actor may see of a hub's events: managers
// see everything, the hub's people its members-only events.
func (s *server) viewerIn(c echo.Context, hubID int64) (storage.Viewer, error) {
	a := actorOf(c)
	v := storage.Viewer{PersonID: a.PersonID(), Manager: hub.CanManageHub(a, hubID)}
	if a.SignedIn() && !v.Manager {
		in, err := s.db.PersonInHub(c.Request().Context(), a.PersonID(), hubID)
		if err != nil {
			return v, err
		}
		v.InHub = in
	}
	return v, nil
}

// eventContext is an event with who is looking at it.
type eventContext struct {
	Event  storage.EventDetail
	Viewer storage.Viewer
	// Place is the viewer's own active registration, if any.
	Place *storage.MyPlace
	Loc   *time.Location
}

// Manage reports whether the viewer runs the event's hub.
func (ec eventContext) Manage() bool { return ec.Viewer.Manager }

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

func (s *server) eventByID(c echo.Context, id int64) (eventContext, error) {
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
	if !canSee(ec.Event.Event, ec.Viewer, ec.Place != nil) {
		return ec, &hub.Error{Code: hub.ENotFound, Message: "The event was not found."}
	}
	ec.Loc = zoneOf(ec.Event.Hub)
	return ec, nil
}

// canSee is the visibility rule of storage.HubEvents for one event.
func canSee(e events.Event, v storage.Viewer, registered bool) bool {
	switch {
	case v.Manager:
		return true
	case e.Status == events.StatusDraft:
		return false
	case registered:
		return true
	}
	return e.Visibility == events.VisibilityPublic || (e.Visibility == events.VisibilityMembers && v.InHub)
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

// selfRegistrationError says why the viewer may not register themselves,
// or nil: invite-only events take registrations from coordinators only,
// members-only ones from the hub's people.
func selfRegistrationError(ec eventContext, now time.Time) error {
	if err := ec.Event.AcceptsRegistrations(now); err != nil {
		return err
	}
	if ec.Viewer.Manager {
		return nil
	}
	if !events.RegistrationOpenTo(ec.Event.Visibility, ec.Viewer.InHub, false) {
		if ec.Event.Visibility == events.VisibilityInviteOnly {
			return forbidden("This event is by invitation only: the hub’s coordinators register the people invited.")
		}
		return forbidden("This event is for the people of " + ec.Event.Hub.Name + "’s member organisations.")
	}
	return nil
}

// zoneOf is a hub's time zone; a zone the machine no longer knows falls
// back to the default rather than failing the page.
func zoneOf(h hub.Hub) *time.Location {
	if loc, err := hub.LoadTimeZone(h.TimeZone); err == nil {
		return loc
	}
	loc, _ := hub.LoadTimeZone(hub.DefaultTimeZone)
	return loc
}

// checkHost refuses a hosting organisation that is not a member of the
// event's hub.
func (s *server) checkHost(c echo.Context, e events.Event) error {
	if e.HostOrganisationID == nil {
		return nil
	}
	hubs, err := s.db.ActiveHubIDsOf(c.Request().Context(), *e.HostOrganisationID)
	if err != nil {
		return err
	}
	if !slices.Contains(hubs, e.HubID) {
		return invalidField("host_organisation_id", "Choose one of the hub’s member organisations as the host")
	}
	return nil
}

// personOrGuest turns a coordinator's registration of someone else into
// the person's own registration when they have an account.
func (s *server) personOrGuest(c echo.Context, in events.RegistrationInput) (events.RegistrationInput, error) {
	p, err := s.db.PersonByEmail(c.Request().Context(), in.GuestEmail)
	switch {
	case err == nil:
		in.PersonID, in.GuestName, in.GuestEmail = &p.ID, "", ""
	case hub.ErrorCode(err) != hub.ENotFound:
		return in, err
	}
	return in, nil
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
		loc = zoneOf(h)
		z[h.TimeZone] = loc
	}
	return loc
}
