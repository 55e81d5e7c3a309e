package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// EventJSON is an event as the API shows it; times are RFC 3339 in the
// hub's zone.
type EventJSON struct {
	ID                 int64     `json:"id"`
	Hub                string    `json:"hub"`
	SeriesID           *int64    `json:"series_id"`
	Title              string    `json:"title"`
	Summary            string    `json:"summary"`
	StartsAt           string    `json:"starts_at"`
	EndsAt             string    `json:"ends_at"`
	TimeZone           string    `json:"timezone"`
	Format             string    `json:"format"`
	Venue              string    `json:"venue"`
	HostOrganisationID *int64    `json:"host_organisation_id"`
	HostOrganisation   string    `json:"host_organisation,omitempty"`
	OnlineURL          string    `json:"online_url,omitempty"`
	Capacity           *int      `json:"capacity"`
	Visibility         string    `json:"visibility"`
	Status             string    `json:"status"`
	CancelReason       string    `json:"cancel_reason,omitempty"`
	Audiences          []string  `json:"audiences"`
	Topics             []string  `json:"topics"`
	Registered         int       `json:"registered"`
	Waitlisted         int       `json:"waitlisted"`
	PlacesLeft         *int      `json:"places_left"`
	Sequence           int       `json:"sequence"`
	URL                string    `json:"url"`
	UpdatedAt          time.Time `json:"updated_at"`
	Version            int64     `json:"version"`
}

// toEventJSON shows d with times in loc, its hub's zone; the joining link
// only when showOnlineURL.
func (s *Handler) toEventJSON(d storage.EventDetail, loc *time.Location, showOnlineURL bool) EventJSON {
	out := EventJSON{ID: d.ID, Hub: d.Hub.Slug, SeriesID: d.SeriesID, Title: d.Title, Summary: d.Summary,
		StartsAt: d.StartsAt.In(loc).Format(time.RFC3339), EndsAt: d.EndsAt.In(loc).Format(time.RFC3339), TimeZone: d.Hub.TimeZone,
		Format: string(d.Format), Venue: d.Venue, HostOrganisationID: d.HostOrganisationID, HostOrganisation: d.HostName,
		Capacity: d.Capacity, Visibility: string(d.Visibility), Status: string(d.Status), CancelReason: d.CancelReason,
		Audiences: []string{}, Topics: []string{}, Registered: d.Registered, Waitlisted: d.Waitlisted, Sequence: d.Sequence,
		URL: s.Config.BaseURL + "/events/" + web.FormatID(d.ID), UpdatedAt: d.UpdatedAt, Version: d.Version}
	if showOnlineURL {
		out.OnlineURL = d.OnlineURL
	}
	for _, a := range d.Audiences {
		out.Audiences = append(out.Audiences, string(a))
	}
	for _, t := range d.Topics {
		out.Topics = append(out.Topics, t.Slug)
	}
	if left, unlimited := d.PlacesLeft(d.Registered); !unlimited {
		out.PlacesLeft = &left
	}
	return out
}

// optional is a JSON field that may be absent, null or a value.
type optional[T any] struct {
	Set   bool
	Value *T
}

func (o *optional[T]) UnmarshalJSON(data []byte) error {
	o.Set = true
	if bytes.Equal(data, []byte("null")) {
		o.Value = nil
		return nil
	}
	o.Value = new(T)
	return json.Unmarshal(data, o.Value)
}

// eventBody is the body of POST and PATCH on events; PATCH changes only
// the fields given. Times are RFC 3339 strings with an offset.
type eventBody struct {
	Title              *string         `json:"title"`
	Summary            *string         `json:"summary"`
	StartsAt           *string         `json:"starts_at"`
	EndsAt             *string         `json:"ends_at"`
	Format             *string         `json:"format"`
	Venue              *string         `json:"venue"`
	OnlineURL          *string         `json:"online_url"`
	Capacity           optional[int]   `json:"capacity"`
	Visibility         *string         `json:"visibility"`
	HostOrganisationID optional[int64] `json:"host_organisation_id"`
	Audiences          *[]string       `json:"audiences"`
	Topics             *[]string       `json:"topics"`
	Recurrence         *recurrenceBody `json:"recurrence"`
	Scope              string          `json:"scope"`
}

type recurrenceBody struct {
	Rule string `json:"rule"`
}

// apply sets the given fields on e.
func (b eventBody) apply(e *events.Event) error {
	var f hub.FieldErrors
	set(&e.Title, b.Title)
	set(&e.Summary, b.Summary)
	set(&e.Venue, b.Venue)
	set(&e.OnlineURL, b.OnlineURL)
	if b.Format != nil {
		e.Format = events.Format(*b.Format)
	}
	if b.Visibility != nil {
		e.Visibility = events.Visibility(*b.Visibility)
	}
	if b.Capacity.Set {
		e.Capacity = b.Capacity.Value
	}
	if b.HostOrganisationID.Set {
		e.HostOrganisationID = b.HostOrganisationID.Value
	}
	if b.Audiences != nil {
		e.Audiences = nil
		for _, a := range *b.Audiences {
			e.Audiences = append(e.Audiences, events.Audience(a))
		}
	}
	for field, value := range map[string]*string{"starts_at": b.StartsAt, "ends_at": b.EndsAt} {
		if value == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339, *value)
		if err != nil {
			f.Add(field, "must be a time in RFC 3339 with an offset, like 2026-03-03T19:00:00Z or 2026-03-03T19:00:00+00:00")
			continue
		}
		if field == "starts_at" {
			e.StartsAt = t.UTC()
		} else {
			e.EndsAt = t.UTC()
		}
	}
	return f.Err()
}

// HubEvents lists a hub's events the caller may see:
// ?when=past, ?from=&to= (RFC 3339 or dates), ?topic=&format=&audience=.
func (s *Handler) HubEvents(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	limit, offset, err := web.PageParams(c)
	if err != nil {
		return err
	}
	filter, err := web.EventFilter(c)
	if err != nil {
		return err
	}
	q := storage.EventQuery{HubID: h.ID, Past: c.QueryParam("when") == "past", Now: time.Now(), Limit: limit, Offset: offset,
		Topic: filter["topic"], Format: filter["format"], Audience: filter["audience"]}
	loc := h.Zone()
	var f hub.FieldErrors
	q.From = parseWhen(&f, "from", c.QueryParam("from"), loc)
	q.To = parseWhen(&f, "to", c.QueryParam("to"), loc)
	if err := f.Err(); err != nil {
		return err
	}
	if q.Viewer, err = s.ViewerIn(c, h.ID); err != nil {
		return err
	}
	found, err := s.DB.HubEvents(ctx, q)
	if err != nil {
		return err
	}
	out := make([]EventJSON, len(found))
	for i, d := range found {
		out[i] = s.toEventJSON(d, loc, q.Viewer.Manager)
	}
	return c.JSON(http.StatusOK, List[EventJSON]{Items: out, Limit: limit, Offset: offset})
}

// parseWhen reads a query time: RFC 3339, or a date meaning its local
// midnight.
func parseWhen(f *hub.FieldErrors, field, v string, loc *time.Location) time.Time {
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil {
		return t
	}
	f.Add(field, "must be a date like 2026-03-01 or a time in RFC 3339")
	return time.Time{}
}

// Event returns one event the caller may see.
func (s *Handler) Event(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	web.SetETag(c, ec.Event.Version)
	return c.JSON(http.StatusOK, s.toEventJSON(ec.Event, ec.Loc, ec.ShowOnlineURL()))
}

// CreateEvent creates a draft event in a hub, or a series with
// recurrence {rule}: RRULE (FREQ=WEEKLY;COUNT=10 and the like).
func (s *Handler) CreateEvent(c echo.Context) error {
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	var b eventBody
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	n := storage.NewEvents{Event: events.Event{HubID: h.ID, Visibility: events.VisibilityPublic}, Now: time.Now()}
	var f hub.FieldErrors
	f.Merge(b.apply(&n.Event))
	if b.Topics != nil {
		n.Topics = *b.Topics
	}
	if b.Recurrence != nil {
		rule, err := events.ParseRule(b.Recurrence.Rule)
		if !f.Merge(err) && err != nil {
			return err
		}
		n.Recurrence = &rule
	}
	n.Problems = f.Err()
	created, err := s.DB.CreateEvents(c.Request().Context(), web.ActorOf(c), n)
	if err != nil {
		return err
	}
	d, err := s.DB.EventByID(c.Request().Context(), created[0].ID)
	if err != nil {
		return err
	}
	web.SetETag(c, d.Version)
	out := struct {
		EventJSON
		Occurrences []int64         `json:"occurrence_ids,omitempty"`
		Moved       []web.MovedJSON `json:"moved,omitempty"`
	}{EventJSON: s.toEventJSON(d, d.Hub.Zone(), true), Moved: web.MovedOccurrences(n.Recurrence, created, h.Zone())}
	if len(created) > 1 {
		for _, e := range created {
			out.Occurrences = append(out.Occurrences, e.ID)
		}
	}
	return c.JSON(http.StatusCreated, out)
}

// UpdateEvent changes the fields given of an event as it is when the
// change is made (If-Match makes it conditional); with scope "following",
// it and the rest of its series.
func (s *Handler) UpdateEvent(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var b eventBody
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	var f hub.FieldErrors
	if b.Recurrence != nil {
		f.Add("recurrence", "A series cannot be added to an existing event; create a new series")
	}
	if b.Scope != "" && b.Scope != "this" && b.Scope != "following" {
		f.Add("scope", "must be this or following")
	}
	res, err := s.DB.ChangeEvent(c.Request().Context(), web.ActorOf(c), storage.EventChange{ID: id, Want: web.IfMatch(c),
		Following: b.Scope == "following", Topics: b.Topics, Problems: f.Err(), Change: b.apply})
	if err != nil {
		return err
	}
	d, err := s.DB.EventByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	web.SetETag(c, d.Version)
	return c.JSON(http.StatusOK, struct {
		EventJSON
		Updated  int    `json:"updated"`
		Promoted int    `json:"promoted"`
		Warning  string `json:"warning,omitempty"`
	}{s.toEventJSON(d, d.Hub.Zone(), true), res.Updated, res.Promoted, res.Warning})
}

// PublishEvent publishes a draft.
func (s *Handler) PublishEvent(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.PublishEvent(c.Request().Context(), web.ActorOf(c), id); err != nil {
		return err
	}
	return s.eventAfter(c, id)
}

// CancelEvent cancels an event with {reason}.
func (s *Handler) CancelEvent(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var b struct {
		Reason string `json:"reason"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	if err := s.DB.CancelEvent(c.Request().Context(), web.ActorOf(c), id, b.Reason); err != nil {
		return err
	}
	return s.eventAfter(c, id)
}

func (s *Handler) eventAfter(c echo.Context, id int64) error {
	d, err := s.DB.EventByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	web.SetETag(c, d.Version)
	return c.JSON(http.StatusOK, s.toEventJSON(d, d.Hub.Zone(), true))
}
