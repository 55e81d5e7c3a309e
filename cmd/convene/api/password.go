package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
)

// ForgotPassword asks for a password reset link: 202 whether or not the
// address has an account.
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
	return c.JSON(http.StatusAccepted, map[string]string{"message": forgotAnswer})
}

// forgotAnswer is said whether or not the address has an account.
const forgotAnswer = "If there is a Convene account for that email address, we have sent it a link to set a new password. " +
	"The link works once, for 24 hours. If nothing arrives within a few minutes, check your spam folder or ask a coordinator of your hub."
