package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// eventListView is a hub's events page.
type eventListView struct {
	Hub      hub.Hub
	Events   []storage.EventDetail
	Loc      *time.Location
	Past     bool
	Manage   bool
	Topics   []hub.Topic
	Filter   map[string]string
	Page     int
	More     bool
	Query    string // the filters as a query string, for page links
	Filtered bool
}

// Dates formats an event's date and time in the hub's zone.
func (v eventListView) When(e storage.EventDetail) string {
	return events.FormatWhen(e.StartsAt, e.EndsAt, v.Loc)
}

// Day and Month label an event's date badge.
func (v eventListView) Day(e storage.EventDetail) string { return e.StartsAt.In(v.Loc).Format("2") }

func (v eventListView) Month(e storage.EventDetail) string { return e.StartsAt.In(v.Loc).Format("Jan") }

const eventsPerPage = 20

// HubEventsPage lists a hub's upcoming (or past) events, with filters by
// topic, format and audience.
func (s *Handler) HubEventsPage(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	viewer, err := s.ViewerIn(c, h.ID)
	if err != nil {
		return err
	}
	filter, err := web.EventFilter(c)
	if err != nil {
		return err
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		var err error
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 10000 {
			return hub.FieldError("page", "must be a page number from 1 to 10000")
		}
	}
	v := eventListView{Hub: h, Loc: h.Zone(), Past: c.QueryParam("when") == "past", Manage: viewer.Manager, Filter: filter, Page: page}
	list, err := s.DB.HubEvents(ctx, storage.EventQuery{HubID: h.ID, Viewer: viewer, Past: v.Past, Now: time.Now(),
		Topic: filter["topic"], Format: filter["format"], Audience: filter["audience"], Limit: eventsPerPage + 1, Offset: (page - 1) * eventsPerPage})
	if err != nil {
		return err
	}
	v.More = len(list) > eventsPerPage
	v.Events = list[:min(len(list), eventsPerPage)]
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
	if v.Past {
		q.Set("when", "past")
	}
	v.Query = q.Encode()
	title := "Events of " + h.Name
	if v.Past {
		title = "Past events of " + h.Name
	}
	return s.Render(c, http.StatusOK, "hub_events", title, v)
}
