package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// StaticFile serves an embedded asset. The current version of a file may
// be cached for a year, since its URL changes with its content.
func (s *Server) StaticFile(c echo.Context) error {
	a, current := s.assets.Lookup(c.Request().URL.Path)
	if a == nil {
		return NotFoundPage()
	}
	h := c.Response().Header()
	if current {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}
