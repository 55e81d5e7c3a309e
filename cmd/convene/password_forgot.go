package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// forgotAnswer is said whether or not the address has an account.
const forgotAnswer = "If there is a Convene account for that email address, we have sent it a link to set a new password. " +
	"The link works once, for 24 hours. If nothing arrives within a few minutes, check your spam folder or ask a coordinator of your hub."

// forgotPasswordForm asks for the address to send a reset link to.
func (s *server) forgotPasswordForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "forgot", "Forgotten your password?", map[string]any{"Form": templates.NewForm(nil)})
}

// forgotPassword sends a reset link to the address if it has an account,
// and answers the same either way.
func (s *server) forgotPassword(c echo.Context) error {
	values := formValues(c, "email")
	email, err := s.requestReset(c, values["email"])
	if err != nil {
		f, ferr := failedForm(err, values, "email")
		if ferr != nil {
			return ferr
		}
		setRetryAfter(c, err)
		return s.render(c, statusForForm(err), "forgot", "Forgotten your password?", map[string]any{"Form": f})
	}
	return s.render(c, http.StatusOK, "forgot", "Forgotten your password?", map[string]any{"Form": templates.NewForm(nil), "Sent": email})
}

// requestReset checks the address and asks storage to send the link,
// throttled by client address as sign-in is.
func (s *server) requestReset(c echo.Context, email string) (string, error) {
	var f hub.FieldErrors
	hub.CheckEmail(&f, "email", &email)
	if err := f.Err(); err != nil {
		return "", err
	}
	return email, s.db.RequestPasswordReset(c.Request().Context(), email, c.RealIP(), forgotPasswordThrottle)
}

// forgotPasswordThrottle bounds requests for a password reset link: per
// address asked about (beyond which nothing more is sent, silently) and
// per client address (beyond which the form says to wait).
var forgotPasswordThrottle = storage.Throttle{Window: time.Hour, PerAccount: 3, PerAddress: 10}
