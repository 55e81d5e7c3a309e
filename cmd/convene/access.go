package main

import (
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/labstack/echo/v4"
)

// reportedHub is the hub of the route for its coordinators and
// evaluators (the route's permission, evaluatorOfHub).
func (s *server) reportedHub(c echo.Context) (hub.Hub, error) {
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, err
	}
	return h, check(hub.CanReadHubReports(actorOf(c), h.ID), "Only the coordinators and evaluators of "+h.Name+" can see its attendance.")
}

// managedHub loads the hub of the route and checks the actor may manage it.
func (s *server) managedHub(c echo.Context) (hub.Hub, error) {
	h, ok := c.Get("managedHub").(hub.Hub)
	if ok {
		return h, nil
	}
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, err
	}
	if hub.CanManageHub(actorOf(c), h.ID) {
		c.Set("managedHub", h)
	}
	if !hub.CanManageHub(actorOf(c), h.ID) {
		return h, forbidden("Only the coordinators of " + h.Name + " can do that.")
	}
	return h, nil
}

// managedSeries finds the series :id for a coordinator of its hub.
func (s *server) managedSeries(c echo.Context) (storage.SeriesHead, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return storage.SeriesHead{}, err
	}
	h, err := s.db.SeriesHeadOf(c.Request().Context(), id)
	if err != nil {
		return h, err
	}
	return h, check(hub.CanManageHub(actorOf(c), h.HubID), "Only the coordinators of the series’ hub can do that.")
}

func (s *server) editableOrganisation(c echo.Context) (hub.Organisation, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return hub.Organisation{}, err
	}
	o, err := s.db.OrganisationByID(c.Request().Context(), id)
	if err != nil {
		return o, err
	}
	if !hub.CanEditOrganisation(actorOf(c), id) {
		return o, forbidden("Only members of " + o.Name + " can edit it.")
	}
	return o, nil
}

// reportHub reads the route's hub; an unknown slug is 404.
func (s *server) reportHub(c echo.Context) (hub.Hub, *time.Location, error) {
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, nil, err
	}
	return h, h.Zone(), nil
}
