package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/templates"
)

var signInFields = []string{"email", "password"}

// signInPage shows the sign-in form.
func (s *server) signInPage(c echo.Context) error {
	if actorOf(c).SignedIn() {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	f := templates.NewForm(map[string]string{"next": safeNext(c.QueryParam("next"))})
	return s.render(c, http.StatusOK, "signin", "Sign in", map[string]any{"Form": f})
}

// signIn checks the credentials and starts a session.
func (s *server) signIn(c echo.Context) error {
	values := formValues(c, "email", "next")
	person, err := s.checkCredentials(c, values["email"], c.FormValue("password"))
	if err != nil {
		return s.signInFailed(c, values, err)
	}
	if err := s.startSession(c, person.ID); err != nil {
		return err
	}
	next := safeNext(values["next"])
	if next == "/" { // nowhere asked for: a coordinator lands on their dashboard
		a, err := s.db.ActorByID(c.Request().Context(), person.ID)
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
func (s *server) signInFailed(c echo.Context, values map[string]string, err error) error {
	f, ferr := failedForm(err, values, signInFields...)
	if ferr != nil {
		return ferr
	}
	setRetryAfter(c, err)
	return s.render(c, statusForForm(err), "signin", "Sign in", map[string]any{"Form": f})
}

// signOut ends the session.
func (s *server) signOut(c echo.Context) error {
	if hash, ok := c.Get("session").([]byte); ok {
		if err := s.db.DeleteSession(c.Request().Context(), hash); err != nil {
			return err
		}
	}
	s.clearCookie(c, sessionCookie)
	return s.redirectWithFlash(c, "/", "You have signed out.")
}
