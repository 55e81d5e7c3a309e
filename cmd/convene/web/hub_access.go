package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// ReportedHub is the hub of the route for its coordinators and
// evaluators (the route's permission, EvaluatorOfHub).
func (s *Server) ReportedHub(c echo.Context) (hub.Hub, error) {
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, err
	}
	return h, check(hub.CanReadHubReports(ActorOf(c), h.ID), "Only the coordinators and evaluators of "+h.Name+" can see its attendance.")
}

// ManagedHub loads the hub of the route and checks the actor may manage it.
func (s *Server) ManagedHub(c echo.Context) (hub.Hub, error) {
	h, ok := c.Get("managedHub").(hub.Hub)
	if ok {
		return h, nil
	}
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, err
	}
	if hub.CanManageHub(ActorOf(c), h.ID) {
		c.Set("managedHub", h)
	}
	if !hub.CanManageHub(ActorOf(c), h.ID) {
		return h, Forbidden("Only the coordinators of " + h.Name + " can do that.")
	}
	return h, nil
}

// ManagedSeries finds the series :id for a coordinator of its hub.
func (s *Server) ManagedSeries(c echo.Context) (storage.SeriesHead, error) {
	id, err := PathID(c, "id")
	if err != nil {
		return storage.SeriesHead{}, err
	}
	h, err := s.DB.SeriesHeadOf(c.Request().Context(), id)
	if err != nil {
		return h, err
	}
	return h, check(hub.CanManageHub(ActorOf(c), h.HubID), "Only the coordinators of the series’ hub can do that.")
}

func (s *Server) EditableOrganisation(c echo.Context) (hub.Organisation, error) {
	id, err := PathID(c, "id")
	if err != nil {
		return hub.Organisation{}, err
	}
	o, err := s.DB.OrganisationByID(c.Request().Context(), id)
	if err != nil {
		return o, err
	}
	if !hub.CanEditOrganisation(ActorOf(c), id) {
		return o, Forbidden("Only members of " + o.Name + " can edit it.")
	}
	return o, nil
}

// ReportHub reads the route's hub; an unknown slug is 404.
func (s *Server) ReportHub(c echo.Context) (hub.Hub, *time.Location, error) {
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, nil, err
	}
	return h, h.Zone(), nil
}

// AllHubIDs are the ids of every hub, for the programme-wide report.
func (s *Server) AllHubIDs(c echo.Context) ([]int64, error) {
	hubs, err := s.DB.ListHubs(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, h := range hubs {
		ids = append(ids, h.ID)
	}
	if len(ids) == 0 {
		return nil, &hub.Error{Code: hub.ENotFound, Message: "There are no hubs to report on yet."}
	}
	return ids, nil
}
