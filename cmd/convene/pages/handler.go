// Package pages answers the HTML pages: forms, lists and views that people
// click through. Each handler parses the request, calls one storage
// operation and renders a template (package templates), on the web
// server's shared helpers.
package pages

import "github.com/convene/convene/cmd/convene/web"

// Handler answers the page routes, with the web server's dependencies and
// helpers.
type Handler struct{ *web.Server }
