package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// RequestReset checks the address and asks storage to send the link,
// throttled by client address as sign-in is.
func (s *Server) RequestReset(c echo.Context, email string) (string, error) {
	var f hub.FieldErrors
	hub.CheckEmail(&f, "email", &email)
	if err := f.Err(); err != nil {
		return "", err
	}
	return email, s.DB.RequestPasswordReset(c.Request().Context(), email, c.RealIP(), ForgotPasswordThrottle)
}

// ForgotPasswordThrottle bounds requests for a password reset link: per
// address asked about (beyond which nothing more is sent, silently) and
// per client address (beyond which the form says to wait).
var ForgotPasswordThrottle = storage.Throttle{Window: time.Hour, PerAccount: 3, PerAddress: 10}
