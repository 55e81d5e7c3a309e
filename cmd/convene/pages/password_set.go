package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/templates"
)

// SetPasswordPage shows the form behind an invite or reset link.
func (s *Handler) SetPasswordPage(c echo.Context) error {
	link, err := s.DB.CheckPasswordToken(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "set_password", "Set your password", map[string]any{
		"Link": link, "Token": c.Param("token"), "Form": templates.NewForm(nil)})
}

// SetPassword spends the link, stores the password and signs the person in.
func (s *Handler) SetPassword(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	link, err := s.DB.CheckPasswordToken(ctx, token)
	if err != nil {
		return err
	}
	password := c.FormValue("password")
	var person hub.Person
	if password != c.FormValue("confirm") {
		err = hub.FieldError("confirm", "The two passwords are not the same")
	} else {
		person, err = s.DB.UsePasswordToken(ctx, token, password)
	}
	if hub.ErrorCode(err) == hub.EInvalid {
		form := templates.NewForm(nil).Fail("", hub.ErrorFields(err), "password", "confirm")
		return s.Render(c, http.StatusUnprocessableEntity, "set_password", "Set your password", map[string]any{"Link": link, "Token": token, "Form": form})
	}
	if err != nil {
		return err
	}
	if err := s.StartSession(c, person.ID); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/account", "Your password is set and you are signed in. Welcome, "+person.Name+".")
}
