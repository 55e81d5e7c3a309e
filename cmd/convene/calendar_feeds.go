package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"net/url"
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

// Cache-Control of the feeds: public ones may be kept by shared caches for
// a few minutes; a personal one is private, and its URL is a credential.
const (
	publicFeedCache   = "public, max-age=300"
	personalFeedCache = "private, max-age=300"
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

// feedEvent is an event with its agenda as a calendar shows it.
func (s *server) feedEvent(f storage.FeedEvent, showOnlineURL bool) events.CalendarEvent {
	ce := s.calendarEvent(f.EventDetail, showOnlineURL)
	ce.HubURL = s.cfg.BaseURL + "/hubs/" + f.Hub.Slug
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

// feedURLs are the ways to subscribe to a feed, for the "Subscribe" box.
type feedURLs struct {
	// HTTPS is the feed's address, for Google and Outlook on the web.
	HTTPS string
	// Webcal opens the subscribe dialog of Apple Calendar and Outlook.
	Webcal string
	// Google adds the feed to Google Calendar.
	Google string
	// Personal marks a private address, to be kept secret.
	Personal bool
}

// subscribeLinks are the subscription links of the feed at path.
func (s *server) subscribeLinks(path string) feedURLs {
	https := s.cfg.BaseURL + path
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(https, "https://"), "http://")
	return feedURLs{HTTPS: https, Webcal: webcal,
		Google: "https://calendar.google.com/calendar/render?cid=" + url.QueryEscape(webcal)}
}

// personalFeedPath is the path of a personal feed.
func personalFeedPath(token string) string { return "/calendar/" + token + ".ics" }

// makeCalendarLink makes (or replaces) the person's feed address and shows
// it this once on the account page; the old address then answers 410.
func (s *server) makeCalendarLink(c echo.Context) error {
	token, err := s.db.CalendarToken(c.Request().Context(), actorOf(c).PersonID(), true)
	if err != nil {
		return err
	}
	if err := s.cal.changes.Sync(c.Request().Context()); err != nil {
		return err
	}
	links := s.subscribeLinks(personalFeedPath(token))
	links.Personal = true
	return s.showAccount(c, http.StatusCreated, func(v *accountView) { v.Calendar = &links })
}

// calendarJSON is the API's view of the personal feed.
type calendarJSON struct {
	// URL is the feed's address; only given when it was just made, since
	// only its hash is kept.
	URL *string `json:"url"`
	// Webcal is the same address for Apple Calendar and Outlook.
	Webcal *string `json:"webcal_url,omitempty"`
	// Active says whether the person has a live address.
	Active bool `json:"active"`
}

// apiMyCalendar gives the person's feed address, making it on first use.
// Once made it is stored only as a hash and cannot be shown again: POST
// replaces it.
func (s *server) apiMyCalendar(c echo.Context) error {
	ctx := c.Request().Context()
	has, err := s.db.HasCalendarToken(ctx, actorOf(c).PersonID())
	if err != nil {
		return err
	}
	if has {
		return c.JSON(http.StatusOK, calendarJSON{Active: true})
	}
	return s.apiRotateCalendar(c)
}

// apiRotateCalendar replaces the person's feed address.
func (s *server) apiRotateCalendar(c echo.Context) error {
	token, err := s.db.CalendarToken(c.Request().Context(), actorOf(c).PersonID(), c.Request().Method == http.MethodPost)
	if err != nil {
		return err
	}
	if err := s.cal.changes.Sync(c.Request().Context()); err != nil {
		return err
	}
	links := s.subscribeLinks(personalFeedPath(token))
	status := http.StatusCreated
	if c.Request().Method != http.MethodPost {
		status = http.StatusOK
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(status, calendarJSON{URL: &links.HTTPS, Webcal: &links.Webcal, Active: true})
}

// isNotFound reports whether err is a not_found error.
func isNotFound(err error) bool {
	var he *hub.Error
	return errors.As(err, &he) && he.Code == hub.ENotFound
}

// firstCalendarLink makes the person's feed address on their first view of
// the account page; nil when they have one already (it cannot be shown
// again).
func (s *server) firstCalendarLink(ctx context.Context, personID int64) (*feedURLs, error) {
	has, err := s.db.HasCalendarToken(ctx, personID)
	if err != nil || has {
		return nil, err
	}
	token, err := s.db.CalendarToken(ctx, personID, false)
	if err != nil {
		return nil, err
	}
	links := s.subscribeLinks(personalFeedPath(token))
	links.Personal = true
	return &links, nil
}

// WebcalHref is Webcal for a page's link: html/template refuses schemes
// other than http, https and mailto unless told the URL is ours.
func (l feedURLs) WebcalHref() template.URL { return template.URL(l.Webcal) }

// calendarFuncs are the template functions of the subscribe box
// (templates/_subscribe.html): subscribeBox for a public feed's path,
// personalBox for a personal feed's links just made.
func (s *server) calendarFuncs() map[string]any {
	return map[string]any{
		"subscribeBox": func(id, path string) map[string]any {
			return map[string]any{"ID": id, "Links": s.subscribeLinks(path)}
		},
		"personalBox": func(l *feedURLs) map[string]any { return map[string]any{"ID": "my-feed", "Links": *l} },
		"seriesLinks": func(id int64) feedURLs { return s.subscribeLinks(seriesFeedPath(id)) },
	}
}
