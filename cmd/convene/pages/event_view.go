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
	"github.com/convene/convene/templates"
)

// eventView is what an event's page shows.
type eventView struct {
	web.EventContext
	Agenda []storage.AgendaEntry
	// RegisterError says why the viewer cannot register; empty if they can.
	RegisterError string
	Form          *templates.Form
	// Guest is true when the register form asks for a name and email.
	Guest bool
	// SeesRequests: the viewer may read the hub's topic requests, so the
	// agenda may name the requests its items answer (requests say what
	// projects struggle with: others see only how many asked).
	SeesRequests bool
}

// When is the event's date and time in its hub's zone.
func (v eventView) When() string { return events.FormatWhen(v.Event.StartsAt, v.Event.EndsAt, v.Loc) }

// PlacesLeft says how many places remain, or "" when unlimited.
func (v eventView) PlacesLeft() string {
	left, unlimited := v.Event.PlacesLeft(v.Event.Registered)
	switch {
	case unlimited:
		return ""
	case left == 0:
		return "Fully booked – you can join the waitlist"
	}
	return hub.Plural(left, "place", "places") + " left"
}

// MapURL finds the venue on OpenStreetMap.
func (v eventView) MapURL() string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(v.Event.Venue)
}

// IsPast reports whether the event is over.
func (v eventView) IsPast() bool { return v.Event.IsPast(time.Now()) }

// EventPage shows an event to whoever may see it.
func (s *Handler) EventPage(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	return s.showEvent(c, http.StatusOK, ec, func(*eventView) {})
}

func (s *Handler) showEvent(c echo.Context, status int, ec web.EventContext, adjust func(*eventView)) error {
	// No answer is chosen for the attendee: a default would be recorded
	// for everyone who skips the question, and corrupt the evaluation.
	v := eventView{EventContext: ec, Guest: !web.ActorOf(c).SignedIn(), Form: templates.NewForm(nil)}
	var err error
	if v.Agenda, err = s.DB.AgendaOf(c.Request().Context(), ec.Event.ID); err != nil {
		return err
	}
	for _, it := range v.Agenda {
		if it.RequestID != nil {
			acc, err := s.DB.HubRequestAccess(c.Request().Context(), web.ActorOf(c), ec.Event.Hub.Slug)
			if err != nil {
				return err
			}
			v.SeesRequests = hub.CanSeeRequests(web.ActorOf(c), acc.HubID, acc.ActiveOrgs)
			break
		}
	}
	if ec.Place == nil {
		if err := events.SelfRegistrationError(ec.Event.Event, ec.Viewer, ec.Event.Hub.Name, time.Now()); err != nil {
			v.RegisterError = hub.ErrorMessage(err)
		}
	}
	adjust(&v)
	return s.Render(c, status, "event", ec.Event.Title, v)
}

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
func (v eventListView) Day(e storage.EventDetail) string   { return e.StartsAt.In(v.Loc).Format("2") }
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
