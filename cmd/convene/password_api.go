package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiForgotPassword is forgotPassword for API clients: 202 whether or
// not the address has an account.
func (s *server) apiForgotPassword(c echo.Context) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, err := s.requestReset(c, in.Email); err != nil {
		setRetryAfter(c, err)
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]string{"message": forgotAnswer})
}
