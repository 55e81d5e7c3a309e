package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// reportPeriod reads ?from= and ?to= (dates, YYYY-MM-DD, in the hub's
// zone, both days included); the default is the twelve months to today.
func reportPeriod(c echo.Context, loc *time.Location) (from, to time.Time, err error) {
	var f hub.FieldErrors
	today := time.Now().In(loc)
	to = time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, loc)
	from = to.AddDate(-1, 0, 0)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		v := c.QueryParam(name)
		if v == "" {
			continue
		}
		d, perr := time.ParseInLocation("2006-01-02", v, loc)
		if perr != nil {
			f.Add(name, "must be a date like 2025-04-01")
			continue
		}
		if name == "to" {
			d = d.AddDate(0, 0, 1)
		}
		*dst = d
	}
	if err := f.Err(); err != nil {
		return from, to, err
	}
	if !to.After(from) {
		return from, to, hub.FieldError("to", "The period must end on or after the day it starts")
	}
	return from, to, nil
}

// reportHub reads the route's hub; an unknown slug is 404.
func (s *server) reportHub(c echo.Context) (hub.Hub, *time.Location, error) {
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, nil, err
	}
	return h, h.Zone(), nil
}

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
