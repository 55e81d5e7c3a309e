package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// UnsubscribePage asks to confirm turning a kind of message off; opening
// the link changes nothing (mail scanners open links).
func (s *Handler) UnsubscribePage(c echo.Context) error {
	u, err := s.DB.UnsubscribeTarget(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "unsubscribe", "Unsubscribe", map[string]any{"Kind": u.Kind, "Token": c.Param("token")})
}

// Unsubscribe turns the kind off, from the page's button.
func (s *Handler) Unsubscribe(c echo.Context) error {
	u, err := s.DB.Unsubscribe(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "unsubscribe", "Unsubscribed", map[string]any{"Kind": u.Kind, "Done": true})
}
