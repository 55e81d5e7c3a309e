package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
)

// homePage lists the hubs.
func (s *server) homePage(c echo.Context) error {
	hubs, err := s.db.ListHubs(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "home", "Regional learning hubs", map[string]any{"Hubs": hubs})
}

// hubPage shows a hub and its member organisations grouped by kind.
func (s *server) hubPage(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	members, err := s.db.MembersOfHub(ctx, h.ID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "hub", h.Name, map[string]any{"Hub": h, "Groups": hub.GroupByKind(members)})
}

// privacyPage explains who sees what.
func (s *server) privacyPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "privacy", "How we look after your information", nil)
}
