package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// route is one row of the route table.
type route struct {
	method  string
	path    string
	handler echo.HandlerFunc
	access  access
}

// routes is every route of the application, read as a table: method,
// path, handler, who may call it. Access is the coarse gate; rules that
// depend on the thing addressed (coordinator of this hub) are checked in
// the handler through hub's policy functions.
func (s *server) routes() []route {
	const GET, POST = http.MethodGet, http.MethodPost
	return []route{
		{GET, "/healthz", s.healthz, public},
		{GET, "/readyz", s.readyz, public},
		{GET, "/static/*", s.staticFile, public},

		{GET, "/", s.homePage, public},
		{GET, "/privacy", s.privacyPage, public},
		{GET, "/hubs/:slug", s.hubPage, public},
	}
}

// access says who may call a route.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any signed-in person
	admin                  // site administrators only
)

func (a access) String() string {
	return [...]string{"public", "signed in", "admin"}[a]
}

// middleware enforces the access level: anonymous callers of a protected
// route get 401 from the API and the sign-in page otherwise; signed-in
// callers without the right get 403.
func (a access) middleware(s *server) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if a == public {
				return next(c)
			}
			actor := actorOf(c)
			if !actor.SignedIn() {
				return s.requireSignIn(c)
			}
			if a == admin && !actor.Admin {
				return forbidden("Only site administrators can do that.")
			}
			return next(c)
		}
	}
}
