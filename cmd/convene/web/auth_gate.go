package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
)

// requireSignIn answers an anonymous request for a protected route: 401
// from the API, a redirect to the sign-in page (and back) otherwise.
func (s *Server) requireSignIn(c echo.Context) error {
	if m := c.Request().Method; isAPI(c) || (m != http.MethodGet && m != http.MethodHead) {
		return &hub.Error{Code: hub.EUnauthorised, Message: "Please sign in first."}
	}
	return c.Redirect(http.StatusSeeOther, "/sign-in?next="+url.QueryEscape(c.Request().URL.RequestURI()))
}

// Forbidden is the error for a signed-in person without the right.
func Forbidden(msg string) error {
	return &hub.Error{Code: hub.EForbidden, Message: msg}
}
