package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// Feed windows: a published event stays in feeds for a year after it ends
// (calendars keep history), a cancelled one for 90 days, long enough for
// every subscriber to see the cancellation before it goes.
const (
	feedKeepPast      = 365 * 24 * time.Hour
	feedKeepCancelled = 90 * 24 * time.Hour
)

// feedWindow is the scope's time bounds, by whole days so that a cached
// feed stays valid until the day changes.
func feedWindow(s storage.FeedScope) storage.FeedScope {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	s.Since, s.CancelledSince = today.Add(-feedKeepPast), today.Add(-feedKeepCancelled)
	return s
}

// hubCalendar is a hub's public events.
func (s *server) hubCalendar(c echo.Context) error {
	slug := c.Param("slug")
	return s.serveFeed(c, "hub:"+slug, publicFeedCache, func(ctx context.Context) (rendered, error) {
		h, err := s.db.HubBySlug(ctx, slug)
		if err != nil {
			return rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: h.Name + " – events", Description: "Public events of " + h.Name + ", from Convene.", TimeZone: h.TimeZone,
		}, storage.FeedScope{HubID: h.ID})
	})
}

// organisationCalendar is the public events an organisation hosts or
// presents at.
func (s *server) organisationCalendar(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.serveFeed(c, "org:"+itoa64(id), publicFeedCache, func(ctx context.Context) (rendered, error) {
		o, err := s.db.OrganisationByID(ctx, id)
		if err != nil {
			return rendered{}, err
		}
		return s.renderFeed(ctx, events.Calendar{
			Name: o.Name + " – events", Description: "Public events that " + o.Name + " hosts or presents at, from Convene.",
		}, storage.FeedScope{OrganisationID: id})
	})
}

// topicCalendar is the public events on a topic across hubs, or in one
// (?hub=slug).
func (s *server) topicCalendar(c echo.Context) error {
	slug, hubSlug := c.Param("slug"), c.QueryParam("hub")
	return s.serveFeed(c, "topic:"+slug+"?hub="+hubSlug, publicFeedCache, func(ctx context.Context) (rendered, error) {
		topics, err := s.db.ListTopics(ctx)
		if err != nil {
			return rendered{}, err
		}
		var topic *hub.Topic
		for i := range topics {
			if topics[i].Slug == slug {
				topic = &topics[i]
			}
		}
		if topic == nil {
			return rendered{}, &hub.Error{Code: hub.ENotFound, Message: "There is no such topic."}
		}
		cal := events.Calendar{Name: topic.Name + " – events", Description: "Public events on " + topic.Name + ", from Convene."}
		scope := storage.FeedScope{TopicID: topic.ID}
		if hubSlug != "" {
			h, err := s.db.HubBySlug(ctx, hubSlug)
			if err != nil {
				var he *hub.Error
				if errors.As(err, &he) && he.Code == hub.ENotFound {
					return rendered{}, &hub.Error{Code: hub.EInvalid, Message: "There is no such hub to narrow the topic's calendar to.",
						Fields: map[string]string{"hub": "no such hub"}}
				}
				return rendered{}, err
			}
			scope.HubID, cal.TimeZone = h.ID, h.TimeZone
			cal.Name = topic.Name + " – " + h.Name
		}
		return s.renderFeed(ctx, cal, scope)
	})
}

// personalCalendar is a person's own feed, opened by its secret token: the
// events they have a place or a waitlist place at (those TENTATIVE), those
// their organisations host, and the members-only events of their hubs. Only here does the joining link appear.
// A replaced token answers 410 Gone, so that Thunderbird stops polling it.
func (s *server) personalCalendar(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("token"), ".ics")
	if !ok || token == "" || len(token) > 200 {
		return &hub.Error{Code: hub.ENotFound, Message: "There is no calendar at this address."}
	}
	sum := sha256.Sum256([]byte(token))
	err := s.serveFeed(c, "me:"+hex.EncodeToString(sum[:]), personalFeedCache, func(ctx context.Context) (rendered, error) {
		personID, err := s.db.CalendarTokenPerson(ctx, token)
		if err != nil {
			return rendered{}, err
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
func (s *server) renderFeed(ctx context.Context, cal events.Calendar, scope storage.FeedScope) (rendered, error) {
	host, err := s.cal.host(ctx, s.db)
	if err != nil {
		return rendered{}, err
	}
	list, err := s.db.FeedEvents(ctx, feedWindow(scope))
	if err != nil {
		return rendered{}, err
	}
	cal.Host, cal.Feed = host, true
	var r rendered
	for _, f := range list {
		ce := s.feedEvent(f, scope.PersonID != 0 && f.MyStatus == string(events.RegRegistered))
		ce.Tentative = f.MyStatus == string(events.RegWaitlisted)
		cal.Events = append(cal.Events, ce)
		if f.UpdatedAt.After(r.lastMod) {
			r.lastMod = f.UpdatedAt
		}
	}
	var buf bytes.Buffer
	if err := events.WriteCalendar(&buf, cal); err != nil {
		return rendered{}, err
	}
	r.body = buf.Bytes()
	return r, nil
}
