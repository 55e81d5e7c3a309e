// Package api answers the JSON API under /api/v1, described by the
// OpenAPI document it serves (openapi.json). Each handler binds the
// request, calls the same storage operation as the matching page and
// writes JSON; errors are written by the web server's one error handler.
package api

import "github.com/convene/convene/cmd/convene/web"

// Handler answers the API routes, with the web server's dependencies and
// helpers.
type Handler struct{ *web.Server }

// List is the envelope of every list the API returns.
type List[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}
