package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Unsubscribe is the one-click unsubscribe of RFC 8058: mail clients
// POST List-Unsubscribe=One-Click to the List-Unsubscribe address, with
// no session, and the token alone says what to turn off.
func (s *Handler) Unsubscribe(c echo.Context) error {
	u, err := s.DB.Unsubscribe(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"unsubscribed": string(u.Kind)})
}
