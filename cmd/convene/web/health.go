package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// Healthz says the process is up.
func (s *Server) Healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// Readyz says whether the database answers: 503 while it does not, 200
// again as soon as it does.
func (s *Server) Readyz(c echo.Context) error {
	started := time.Now()
	ctx, cancel := context.WithTimeout(c.Request().Context(), time.Second)
	defer cancel()
	if err := s.DB.Ping(ctx); err != nil {
		s.outage.begin(err, started)
		c.Response().Header().Set("Retry-After", strconv.Itoa(outageRetryAfter))
		return c.String(http.StatusServiceUnavailable, "database unreachable\n")
	}
	s.outage.end(started)
	return c.String(http.StatusOK, "ready\n")
}

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
