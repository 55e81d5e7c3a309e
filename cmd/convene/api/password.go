package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/pages"
	"github.com/convene/convene/cmd/convene/web"
)

// ForgotPassword is forgotPassword for API clients: 202 whether or
// not the address has an account.
func (s *Handler) ForgotPassword(c echo.Context) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if _, err := s.RequestReset(c, in.Email); err != nil {
		web.SetRetryAfter(c, err)
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]string{"message": pages.ForgotAnswer})
}
