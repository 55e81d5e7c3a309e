package pages

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// eventFormView is what the event form shows.
type eventFormView struct {
	Hub     hub.Hub
	Input   eventInput
	Event   *storage.EventDetail // nil when creating
	Hosts   []templates.Option
	Topics  []hub.Topic
	Warning string
}

func (s *Handler) eventFormView(c echo.Context, h hub.Hub, in eventInput, e *storage.EventDetail) (eventFormView, error) {
	ctx := c.Request().Context()
	v := eventFormView{Hub: h, Input: in, Event: e, Hosts: []templates.Option{{Value: "", Label: "No host organisation"}}}
	members, err := s.DB.MembersOfHub(ctx, h.ID)
	if err != nil {
		return v, err
	}
	for _, o := range members {
		v.Hosts = append(v.Hosts, templates.Option{Value: web.FormatID(o.ID), Label: o.Name})
	}
	if v.Topics, err = s.DB.ListTopics(ctx); err != nil {
		return v, err
	}
	return v, nil
}

// NewEventPage shows the form to create an event in a hub.
func (s *Handler) NewEventPage(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	in := eventInput{Form: templates.NewForm(map[string]string{"format": "in_person", "visibility": "public", "start_time": "10:00", "end_time": "12:00"}),
		Audiences: map[string]bool{}, TopicSet: map[string]bool{}}
	v, err := s.eventFormView(c, h, in, nil)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "event_form", "New event", v)
}

// CreateEvent stores a draft event, or a series of them.
func (s *Handler) CreateEvent(c echo.Context) error {
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	in := readEventForm(c, h.ID, h.Zone(), true)
	created, err := s.DB.CreateEvents(c.Request().Context(), web.ActorOf(c), storage.NewEvents{Event: in.Event, Topics: in.Topics,
		Recurrence: in.Recurrence, Problems: in.Problems, Now: time.Now()})
	if err != nil {
		return s.failedEventForm(c, err, h, in, nil)
	}
	msg := "The event is saved as a draft. Add its agenda, then publish it."
	if len(created) > 1 {
		msg = hub.Plural(len(created), "event", "events") + " of the series are saved as drafts. Publish each when its agenda is ready."
	}
	if len(in.Notes) > 0 {
		msg += " " + joinNotes(in.Notes)
	}
	if moved := web.MovedSummary(web.MovedOccurrences(in.Recurrence, created, h.Zone()), h.Zone()); moved != "" {
		msg += " " + moved
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(created[0].ID), msg)
}

// eventFieldNames maps the domain's event field names to the form's.
var eventFieldNames = map[string]string{"starts_at": "start_time", "ends_at": "end_time", "recurrence": "repeat"}

// failedEventForm shows the event form again after err, with its
// problems next to the fields.
func (s *Handler) failedEventForm(c echo.Context, err error, h hub.Hub, in eventInput, e *storage.EventDetail) error {
	if code := hub.ErrorCode(err); code != hub.EInvalid && code != hub.EConflict {
		return err
	}
	in.Form.Fail(web.FormMessage(err), web.FormErrors(err, eventFieldNames), eventFields...)
	v, verr := s.eventFormView(c, h, in, e)
	if verr != nil {
		return verr
	}
	title := "New event"
	if e != nil {
		title = "Edit " + e.Title
	}
	return s.Render(c, http.StatusUnprocessableEntity, "event_form", title, v)
}

// EditEventPage shows the form to change an event.
func (s *Handler) EditEventPage(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	v, err := s.eventFormView(c, ec.Event.Hub, eventFormOf(ec.Event, ec.Loc), &ec.Event)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "event_form", "Edit "+ec.Event.Title, v)
}

// UpdateEvent saves changes to an event, or to it and the rest of its
// series.
func (s *Handler) UpdateEvent(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	in := readEventForm(c, ec.Event.HubID, ec.Loc, false)
	res, err := s.DB.ChangeEvent(c.Request().Context(), web.ActorOf(c), storage.EventChange{ID: ec.Event.ID, Want: web.FormVersion(c),
		Following: in.Scope == "following", Topics: &in.Topics, Problems: in.Problems,
		Change: func(now *events.Event) error {
			*now = in.Event
			return nil
		}})
	switch {
	case hub.ErrorCode(err) == hub.EStale:
		return s.staleEventForm(c, ec.Event.ID)
	case err != nil:
		return s.failedEventForm(c, err, ec.Event.Hub, in, &ec.Event)
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID), updateMessage(res, in.Notes))
}

// staleEventForm shows the event form again with the event as someone
// else has just saved it.
func (s *Handler) staleEventForm(c echo.Context, id int64) error {
	d, err := s.DB.EventByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	in := eventFormOf(d, d.Hub.Zone())
	in.Form.Fail(web.StaleMessage("this event"), nil)
	v, err := s.eventFormView(c, d.Hub, in, &d)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusConflict, "event_form", "Edit "+d.Title, v)
}

func updateMessage(res storage.UpdateResult, notes []string) string {
	parts := []string{"The event is saved."}
	if res.Updated > 1 {
		parts = []string{hub.Plural(res.Updated, "event", "events") + " of the series are saved."}
	}
	if res.Promoted > 0 {
		parts = append(parts, hub.Plural(res.Promoted, "person", "people")+" on the waitlist now have a place.")
	}
	if res.Warning != "" {
		parts = append(parts, capitalise(res.Warning)+".")
	}
	if len(notes) > 0 {
		parts = append(parts, joinNotes(notes))
	}
	return strings.Join(parts, " ")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// PublishEvent makes a draft visible to those it is for.
func (s *Handler) PublishEvent(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.PublishEvent(c.Request().Context(), web.ActorOf(c), id); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(id), "The event is published: people can now find it and register.")
}

// CancelEvent calls an event off, with the reason shown on its page.
func (s *Handler) CancelEvent(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.CancelEvent(c.Request().Context(), web.ActorOf(c), id, c.FormValue("reason")); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(id), "The event is cancelled. Its page and calendar entries say so.")
}
