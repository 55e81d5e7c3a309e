// Package feeds answers the iCalendar documents: the hub, organisation,
// topic, series and personal feeds that calendars subscribe to, and the
// one-event download. Rendering is cached by the feed's last change in the
// web server's feed cache, which also answers conditional requests before
// any routing.
package feeds

import "github.com/convene/convene/cmd/convene/web"

// Handler answers the feed routes, with the web server's dependencies and
// helpers.
type Handler struct{ *web.Server }
