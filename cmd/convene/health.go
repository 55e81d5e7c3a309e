package main

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// healthz says the process is up.
func (s *server) healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// readyz says whether the database answers: 503 while it does not, 200
// again as soon as it does.
func (s *server) readyz(c echo.Context) error {
	started := time.Now()
	ctx, cancel := context.WithTimeout(c.Request().Context(), time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.outage.begin(err, started)
		c.Response().Header().Set("Retry-After", strconv.Itoa(outageRetryAfter))
		return c.String(http.StatusServiceUnavailable, "database unreachable\n")
	}
	s.outage.end(started)
	return c.String(http.StatusOK, "ready\n")
}

// staticFile serves an embedded asset. The current version of a file may
// be cached for a year, since its URL changes with its content.
func (s *server) staticFile(c echo.Context) error {
	a, current := s.assets.Lookup(c.Request().URL.Path)
	if a == nil {
		return notFoundPage()
	}
	h := c.Response().Header()
	if current {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Data)
}
