package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// unsubscribePage asks to confirm turning a kind of message off; opening
// the link changes nothing (mail scanners open links).
func (s *server) unsubscribePage(c echo.Context) error {
	u, err := s.db.UnsubscribeTarget(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "unsubscribe", "Unsubscribe", map[string]any{"Kind": u.Kind, "Token": c.Param("token")})
}

// unsubscribe turns the kind off, from the page's button.
func (s *server) unsubscribe(c echo.Context) error {
	u, err := s.db.Unsubscribe(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "unsubscribe", "Unsubscribed", map[string]any{"Kind": u.Kind, "Done": true})
}
