package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/templates"
)

// ForgotPasswordForm asks for the address to send a reset link to.
func (s *Handler) ForgotPasswordForm(c echo.Context) error {
	return s.Render(c, http.StatusOK, "forgot", "Forgotten your password?", map[string]any{"Form": templates.NewForm(nil)})
}

// ForgotPassword sends a reset link to the address if it has an account,
// and answers the same either way.
func (s *Handler) ForgotPassword(c echo.Context) error {
	values := web.FormValues(c, "email")
	email, err := s.RequestReset(c, values["email"])
	if err != nil {
		f, ferr := web.FailedForm(err, values, "email")
		if ferr != nil {
			return ferr
		}
		web.SetRetryAfter(c, err)
		return s.Render(c, web.StatusForForm(err), "forgot", "Forgotten your password?", map[string]any{"Form": f})
	}
	return s.Render(c, http.StatusOK, "forgot", "Forgotten your password?", map[string]any{"Form": templates.NewForm(nil), "Sent": email})
}
