package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/storage"
)

// apiHubReport is a hub's evaluation report over a period, suppressed.
func (s *server) apiHubReport(c echo.Context) error {
	h, loc, err := s.reportHub(c)
	if err != nil {
		return err
	}
	from, to, err := reportPeriod(c, loc)
	if err != nil {
		return err
	}
	r, err := s.db.Report(c.Request().Context(), actorOf(c), storage.ReportRequest{HubIDs: []int64{h.ID}, From: from, To: to, Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// apiProgrammeReport is the report across every hub (a row per hub), for
// programme-wide evaluators: ?from=&to= as dates in UTC.
func (s *server) apiProgrammeReport(c echo.Context) error {
	ids, err := s.allHubIDs(c)
	if err != nil {
		return err
	}
	from, to, err := reportPeriod(c, time.UTC)
	if err != nil {
		return err
	}
	r, err := s.db.Report(c.Request().Context(), actorOf(c), storage.ReportRequest{HubIDs: ids, From: from, To: to, Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}
