package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// monthView is a hub's events laid out on a month's calendar.
type monthView struct {
	Hub         hub.Hub
	Month       time.Time // first day, in the hub's zone
	Prev, Next  string    // "2026-10"
	Weeks       [][]monthDay
	Manage      bool
	Loc         *time.Location
	EventsCount int
	Topics      []hub.Topic
	Filter      map[string]string
	// Query carries the filters into the links to other months.
	Query    string
	Filtered bool
}

// monthDay is one cell of the calendar.
type monthDay struct {
	Date    time.Time
	Outside bool // in the previous or next month
	Today   bool
	Events  []storage.EventDetail
}

// MonthPage shows one month of a hub's events (?month=2026-11).
func (s *Handler) MonthPage(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	loc := h.Zone()
	now := time.Now().In(loc)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	if m := c.QueryParam("month"); m != "" {
		t, err := time.ParseInLocation("2006-01", m, loc)
		if err != nil || t.Year() < 2000 || t.Year() > 2100 {
			return &hub.Error{Code: hub.EInvalid, Message: "Choose a month in the form 2026-11.", Fields: map[string]string{"month": "must look like 2026-11"}}
		}
		first = t
	}
	next := first.AddDate(0, 1, 0)
	viewer, err := s.ViewerIn(c, h.ID)
	if err != nil {
		return err
	}
	filter, err := web.EventFilter(c)
	if err != nil {
		return err
	}
	list, err := s.DB.HubEvents(ctx, storage.EventQuery{HubID: h.ID, Viewer: viewer, From: first, To: next, Limit: 500,
		Topic: filter["topic"], Format: filter["format"], Audience: filter["audience"]})
	if err != nil {
		return err
	}
	v := monthView{Hub: h, Month: first, Prev: first.AddDate(0, -1, 0).Format("2006-01"), Next: next.Format("2006-01"),
		Manage: viewer.Manager, Loc: loc, EventsCount: len(list), Filter: filter}
	if v.Topics, err = s.DB.ListTopics(ctx); err != nil {
		return err
	}
	q := url.Values{}
	for k, val := range filter {
		if val != "" {
			q.Set(k, val)
			v.Filtered = true
		}
	}
	v.Query = q.Encode()
	byDay := map[string][]storage.EventDetail{}
	for _, e := range list {
		key := e.StartsAt.In(loc).Format(time.DateOnly)
		byDay[key] = append(byDay[key], e)
	}
	// Weeks start on Monday, as UK calendars do.
	day := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	for day.Before(next) {
		week := make([]monthDay, 7)
		for i := range week {
			key := day.Format(time.DateOnly)
			week[i] = monthDay{Date: day, Outside: day.Month() != first.Month(), Today: key == now.Format(time.DateOnly), Events: byDay[key]}
			day = day.AddDate(0, 0, 1)
		}
		v.Weeks = append(v.Weeks, week)
	}
	return s.Render(c, http.StatusOK, "hub_month", first.Format("January 2006")+" – "+h.Name, v)
}
