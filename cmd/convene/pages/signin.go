package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/templates"
)

var signInFields = []string{"email", "password"}

// SignInPage shows the sign-in form.
func (s *Handler) SignInPage(c echo.Context) error {
	if web.ActorOf(c).SignedIn() {
		return c.Redirect(http.StatusSeeOther, web.SafeNext(c.QueryParam("next")))
	}
	f := templates.NewForm(map[string]string{"next": web.SafeNext(c.QueryParam("next"))})
	return s.Render(c, http.StatusOK, "signin", "Sign in", map[string]any{"Form": f})
}

// SignIn checks the credentials and starts a session.
func (s *Handler) SignIn(c echo.Context) error {
	values := web.FormValues(c, "email", "next")
	person, err := s.CheckCredentials(c, values["email"], c.FormValue("password"))
	if err != nil {
		return s.signInFailed(c, values, err)
	}
	if err := s.StartSession(c, person.ID); err != nil {
		return err
	}
	next := web.SafeNext(values["next"])
	if next == "/" { // nowhere asked for: a coordinator lands on their dashboard
		a, err := s.DB.ActorByID(c.Request().Context(), person.ID)
		if err != nil {
			return err
		}
		if len(a.Coordinates) > 0 {
			next = "/dashboard"
		}
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// signInFailed shows the form again with what went wrong (never which of
// email and password it was), and when to retry if throttled.
func (s *Handler) signInFailed(c echo.Context, values map[string]string, err error) error {
	f, ferr := web.FailedForm(err, values, signInFields...)
	if ferr != nil {
		return ferr
	}
	web.SetRetryAfter(c, err)
	return s.Render(c, web.StatusForForm(err), "signin", "Sign in", map[string]any{"Form": f})
}

// SignOut ends the session.
func (s *Handler) SignOut(c echo.Context) error {
	if hash, ok := c.Get("session").([]byte); ok {
		if err := s.DB.DeleteSession(c.Request().Context(), hash); err != nil {
			return err
		}
	}
	s.ClearCookie(c, web.SessionCookie)
	return s.RedirectWithFlash(c, "/", "You have signed out.")
}
