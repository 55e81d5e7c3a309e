package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// FeedRoutes are the calendar feeds whose answer does not depend on who
// asks: the public ones, and the personal one, opened by the secret in
// its address. Calendars poll them every half hour or so, mostly to hear
// 304, so their requests skip what only pages and the API need: looking
// up a session cookie or a bearer token (a query per request for a
// browser's cookie) and making a CSRF token (a feed has no form). They
// answer only GET and HEAD. /events/:id/event.ics is not among them: its
// joining link depends on who asks.
var FeedRoutes = map[string]bool{
	"/hubs/:slug/calendar.ics":        true,
	"/organisations/:id/calendar.ics": true,
	"/topics/:slug/calendar.ics":      true,
	"/series/:id/calendar.ics":        true,
	"/calendar/:token":                true,
}

// isFeedRequest reports whether c is a GET or HEAD of a feed route.
func isFeedRequest(c echo.Context) bool {
	m := c.Request().Method
	return (m == http.MethodGet || m == http.MethodHead) && FeedRoutes[c.Path()]
}
