package feeds

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// Feed windows: a published event stays in feeds for a year after it ends
// (calendars keep history), a cancelled one for 90 days, long enough for
// every subscriber to see the cancellation before it goes.
const (
	KeepPast      = 365 * 24 * time.Hour
	KeepCancelled = 90 * 24 * time.Hour
)

// feedWindow is the scope's time bounds, by whole days so that a cached
// feed stays valid until the day changes.
func feedWindow(s storage.FeedScope) storage.FeedScope {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	s.Since, s.CancelledSince = today.Add(-KeepPast), today.Add(-KeepCancelled)
	return s
}

// HubCalendar is a hub's public events.
func (s *Handler) HubCalendar(c echo.Context) error {
	slug := c.Param("slug")
	return s.ServeFeed(c, func(ctx context.Context) (web.Rendered, error) {
		h, err := s.DB.HubBySlug(ctx, slug)
		if err != nil {
			return web.Rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: h.Name + " – events", Description: "Public events of " + h.Name + ", from Convene.", TimeZone: h.TimeZone,
		}, storage.FeedScope{HubID: h.ID})
	})
}

// OrganisationCalendar is the public events an organisation hosts or
// presents at.
func (s *Handler) OrganisationCalendar(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	return s.ServeFeed(c, func(ctx context.Context) (web.Rendered, error) {
		o, err := s.DB.OrganisationByID(ctx, id)
		if err != nil {
			return web.Rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: o.Name + " – events", Description: "Public events that " + o.Name + " hosts or presents at, from Convene.",
		}, storage.FeedScope{OrganisationID: id})
	})
}

// TopicCalendar is the public events on a topic across hubs, or in one
// (?hub=slug).
func (s *Handler) TopicCalendar(c echo.Context) error {
	slug, hubSlug := c.Param("slug"), c.QueryParam("hub")
	return s.ServeFeed(c, func(ctx context.Context) (web.Rendered, error) {
		topic, err := s.DB.TopicBySlug(ctx, slug)
		if err != nil {
			return web.Rendered{}, err
		}
		cal := events.Calendar{Name: topic.Name + " – events", Description: "Public events on " + topic.Name + ", from Convene."}
		scope := storage.FeedScope{TopicID: topic.ID}
		if hubSlug != "" {
			h, err := s.DB.HubBySlug(ctx, hubSlug)
			if err != nil {
				var he *hub.Error
				if errors.As(err, &he) && he.Code == hub.ENotFound {
					return web.Rendered{}, &hub.Error{Code: hub.EInvalid, Message: "There is no such hub to narrow the topic's calendar to.",
						Fields: map[string]string{"hub": "no such hub"}}
				}
				return web.Rendered{}, err
			}
			scope.HubID, cal.TimeZone = h.ID, h.TimeZone
			cal.Name = topic.Name + " – " + h.Name
		}
		return s.renderFeed(ctx, cal, scope)
	})
}

// PersonalCalendar is a person's own feed, opened by its secret token: the
// events they have a place or a waitlist place at (those TENTATIVE), those
// their organisations host, and the members-only events of their hubs. Only here does the joining link appear.
// A replaced token answers 410 Gone, so that Thunderbird stops polling it.
func (s *Handler) PersonalCalendar(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("token"), ".ics")
	if !ok || token == "" || len(token) > 200 {
		return &hub.Error{Code: hub.ENotFound, Message: "There is no calendar at this address."}
	}
	err := s.ServeFeed(c, func(ctx context.Context) (web.Rendered, error) {
		personID, err := s.DB.CalendarTokenPerson(ctx, token)
		if err != nil {
			return web.Rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: "My Convene events", Description: "Events I have a place at or am waiting for, events my organisations host, and members-only events of my hubs.",
		}, storage.FeedScope{PersonID: personID})
	})
	if errors.Is(err, storage.ErrFeedRevoked) {
		return c.String(http.StatusGone, storage.ErrFeedRevoked.Message+"\n")
	}
	return err
}

// renderFeed writes the events of scope into cal.
func (s *Handler) renderFeed(ctx context.Context, cal events.Calendar, scope storage.FeedScope) (web.Rendered, error) {
	host, err := s.FeedHost(ctx)
	if err != nil {
		return web.Rendered{}, err
	}
	list, err := s.DB.FeedEvents(ctx, feedWindow(scope))
	if err != nil {
		return web.Rendered{}, err
	}
	cal.Host, cal.Feed = host, true
	var r web.Rendered
	for _, f := range list {
		ce := s.FeedEvent(f, scope.PersonID != 0 && f.MyStatus == string(events.RegRegistered))
		ce.Tentative = f.MyStatus == string(events.RegWaitlisted)
		cal.Events = append(cal.Events, ce)
		if f.UpdatedAt.After(r.LastMod) {
			r.LastMod = f.UpdatedAt
		}
	}
	var buf bytes.Buffer
	if err := events.WriteCalendar(&buf, cal); err != nil {
		return web.Rendered{}, err
	}
	r.Body = buf.Bytes()
	return r, nil
}
