package web

import (
	"bytes"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// WriteEventICS answers with one event's calendar file: no calendar-level
// properties, so that Outlook opens it as an appointment, and the same UID
// and agenda as in every feed.
func (s *Server) WriteEventICS(c echo.Context, d storage.EventDetail, showOnlineURL bool) error {
	if d.Status == events.StatusDraft {
		return &hub.Error{Code: hub.ENotFound, Message: "Drafts are not in calendars until they are published."}
	}
	ctx := c.Request().Context()
	host, err := s.FeedHost(ctx)
	if err != nil {
		return err
	}
	agenda, err := s.DB.AgendaOf(ctx, d.ID)
	if err != nil {
		return err
	}
	cal := events.Calendar{Host: host, Events: []events.CalendarEvent{
		s.FeedEvent(storage.FeedEvent{EventDetail: d, Agenda: agenda}, showOnlineURL)}}
	var buf bytes.Buffer
	if err := events.WriteCalendar(&buf, cal); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="event-`+FormatID(d.ID)+`.ics"`)
	return sendFeed(c, newFeedEntry(0, time.Time{}, buf.Bytes(), d.UpdatedAt), "private, no-cache")
}

// calendarEvent is an event as a calendar shows it.
func (s *Server) calendarEvent(d storage.EventDetail, showOnlineURL bool) events.CalendarEvent {
	ce := events.CalendarEvent{Event: d.Event, HubName: d.Hub.Name, URL: s.Config.BaseURL + "/events/" + FormatID(d.ID),
		HostName: d.HostName, ShowOnlineURL: showOnlineURL}
	for _, t := range d.Topics {
		ce.Topics = append(ce.Topics, t.Name)
	}
	return ce
}

// FeedEvent is an event with its agenda as a calendar shows it.
func (s *Server) FeedEvent(f storage.FeedEvent, showOnlineURL bool) events.CalendarEvent {
	ce := s.calendarEvent(f.EventDetail, showOnlineURL)
	ce.HubURL = s.Config.BaseURL + "/hubs/" + f.Hub.Slug
	ce.Zone = f.Hub.Zone()
	for _, a := range f.Agenda {
		who := a.PresenterOrganisation
		if a.PresenterName != "" {
			who = strings.TrimPrefix(strings.TrimSuffix(a.PresenterName+", "+who, ", "), ", ")
		}
		ce.Agenda = append(ce.Agenda, events.AgendaLine{StartsAt: a.StartsAt, EndsAt: a.EndsAt, Title: a.Title, Presenter: who})
	}
	return ce
}
