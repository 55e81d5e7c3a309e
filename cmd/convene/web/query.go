package web

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// OrganisationQuery reads the directory's search (?q= and ?kind=) and
// page (?limit=&offset=).
func OrganisationQuery(c echo.Context) (storage.OrganisationQuery, error) {
	limit, offset, err := PageParams(c)
	if err != nil {
		return storage.OrganisationQuery{}, err
	}
	q := storage.OrganisationQuery{Name: strings.TrimSpace(c.QueryParam("q")), Kind: hub.OrgKind(c.QueryParam("kind")), Limit: limit, Offset: offset}
	var f hub.FieldErrors
	if len(q.Name) > 200 {
		f.Add("q", "must be at most 200 characters")
	}
	if q.Kind != "" && !slices.Contains(hub.OrgKinds(), q.Kind) {
		f.Add("kind", "Choose a kind of organisation from the list")
	}
	return q, f.Err()
}

// ReportPeriod reads ?from= and ?to= (dates, YYYY-MM-DD, in the hub's
// zone, both days included); the default is the twelve months to today.
func ReportPeriod(c echo.Context, loc *time.Location) (from, to time.Time, err error) {
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

// BoardQuery reads the board's filters from the query string (the API's
// and the page's): status (comma-separated or repeated), topic,
// organisation_id, min_age_days, max_age_days, q, limit, offset.
func BoardQuery(c echo.Context) (storage.BoardQuery, error) {
	q := storage.BoardQuery{HubSlug: c.Param("slug"), Topic: strings.TrimSpace(c.QueryParam("topic")),
		Search: c.QueryParam("q"), Now: time.Now()}
	var f hub.FieldErrors
	for _, v := range c.QueryParams()["status"] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				q.Statuses = append(q.Statuses, hub.RequestStatus(s))
			}
		}
	}
	number := func(name string, dst *int) {
		if v := strings.TrimSpace(c.QueryParam(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				f.Add(name, "must be a whole number, 0 or more")
			}
			*dst = n
		}
	}
	var org int
	number("organisation_id", &org)
	q.OrganisationID = int64(org)
	number("min_age_days", &q.MinAgeDays)
	number("max_age_days", &q.MaxAgeDays)
	limit, offset, err := PageParams(c)
	if err != nil {
		return q, err
	}
	q.Limit, q.Offset = limit, offset
	return q, f.Err()
}

// EventFilter reads and checks the list's filters.
func EventFilter(c echo.Context) (map[string]string, error) {
	f := map[string]string{"topic": c.QueryParam("topic"), "format": c.QueryParam("format"), "audience": c.QueryParam("audience")}
	var fe hub.FieldErrors
	if f["format"] != "" && !events.Format(f["format"]).Valid() {
		fe.Add("format", "Choose a format from the list")
	}
	if f["audience"] != "" && !events.Audience(f["audience"]).Valid() {
		fe.Add("audience", "Choose an audience from the list")
	}
	if f["topic"] != "" && hub.Slugify(f["topic"]) != f["topic"] {
		fe.Add("topic", "Choose a topic from the list")
	}
	return f, fe.Err()
}
