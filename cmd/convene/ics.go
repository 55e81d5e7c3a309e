package main

import (
	"bytes"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// eventICS downloads one event as an iCalendar file, for "Add to my
// calendar". The joining link goes in only for people with a place.
func (s *server) eventICS(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	if ec.Event.Status == events.StatusDraft {
		return &hub.Error{Code: hub.ENotFound, Message: "Drafts are not in calendars until they are published."}
	}
	show := ec.Manage() || (ec.Place != nil && ec.Place.Registration.Status == events.RegRegistered)
	return s.writeEventICS(c, ec.Event, show)
}

// writeEventICS answers with one event's calendar file.
func (s *server) writeEventICS(c echo.Context, d storage.EventDetail, showOnlineURL bool) error {
	if d.Status == events.StatusDraft {
		return &hub.Error{Code: hub.ENotFound, Message: "Drafts are not in calendars until they are published."}
	}
	cal := events.Calendar{
		Name: d.Title, Host: s.calendarHost(), TimeZone: d.Hub.TimeZone, Now: time.Now(),
		Events: []events.CalendarEvent{s.calendarEvent(d, showOnlineURL)},
	}
	var buf bytes.Buffer
	if err := events.WriteCalendar(&buf, cal); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="event-`+itoa64(d.ID)+`.ics"`)
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", buf.Bytes())
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

// calendarHost is the domain in calendar UIDs: the site's host name.
func (s *server) calendarHost() string {
	u, err := url.Parse(s.cfg.BaseURL)
	if err != nil || u.Hostname() == "" {
		return "convene.invalid"
	}
	return u.Hostname()
}
