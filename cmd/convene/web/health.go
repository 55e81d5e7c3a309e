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
