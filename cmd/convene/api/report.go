package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
)

// HubReport is a hub's evaluation report over a period, suppressed.
func (s *Handler) HubReport(c echo.Context) error {
	h, loc, err := s.ReportHub(c)
	if err != nil {
		return err
	}
	from, to, err := web.ReportPeriod(c, loc)
	if err != nil {
		return err
	}
	r, err := s.DB.Report(c.Request().Context(), web.ActorOf(c), storage.ReportRequest{HubIDs: []int64{h.ID}, From: from, To: to, Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// ProgrammeReport is the report across every hub (a row per hub), for
// programme-wide evaluators: ?from=&to= as dates in UTC.
func (s *Handler) ProgrammeReport(c echo.Context) error {
	ids, err := s.AllHubIDs(c)
	if err != nil {
		return err
	}
	from, to, err := web.ReportPeriod(c, time.UTC)
	if err != nil {
		return err
	}
	r, err := s.DB.Report(c.Request().Context(), web.ActorOf(c), storage.ReportRequest{HubIDs: ids, From: from, To: to, Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}
