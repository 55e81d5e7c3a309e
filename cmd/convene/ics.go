package main

import (
	"bytes"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// eventICS downloads one event as an iCalendar file, for "Add to my
// calendar": no calendar-level properties, so that Outlook opens it as an
// appointment. The joining link goes in only for people with a place,
// guests included through their manage link's token (?token=).
func (s *server) eventICS(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	if ec.Event.Status == events.StatusDraft {
		return &hub.Error{Code: hub.ENotFound, Message: "Drafts are not in calendars until they are published."}
	}
	ctx := c.Request().Context()
	show := ec.Manage() || (ec.Place != nil && ec.Place.Registration.Status == events.RegRegistered)
	if token := c.QueryParam("token"); token != "" && !show {
		reg, err := s.db.RegistrationByToken(ctx, token)
		if err != nil && !isNotFound(err) {
			return err
		}
		show = err == nil && reg.EventID == ec.Event.ID && reg.Status == events.RegRegistered
	}
	host, err := s.cal.host(ctx, s.db)
	if err != nil {
		return err
	}
	agenda, err := s.db.AgendaOf(ctx, ec.Event.ID)
	if err != nil {
		return err
	}
	cal := events.Calendar{Host: host, Events: []events.CalendarEvent{
		s.feedEvent(storage.FeedEvent{EventDetail: ec.Event, Agenda: agenda}, show)}}
	var buf bytes.Buffer
	if err := events.WriteCalendar(&buf, cal); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="event-`+itoa64(ec.Event.ID)+`.ics"`)
	return sendFeed(c, newFeedEntry(0, "", buf.Bytes(), ec.Event.UpdatedAt), "private, no-cache")
}

// calendarEvent is an event as a calendar shows it.
func (s *server) calendarEvent(d storage.EventDetail, showOnlineURL bool) events.CalendarEvent {
	ce := events.CalendarEvent{Event: d.Event, HubName: d.Hub.Name, URL: s.cfg.BaseURL + "/events/" + itoa64(d.ID),
		HostName: d.HostName, ShowOnlineURL: showOnlineURL}
	for _, t := range d.Topics {
		ce.Topics = append(ce.Topics, t.Name)
	}
	return ce
}
