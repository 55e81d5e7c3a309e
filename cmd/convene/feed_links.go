package main

import (
	"context"
	"html/template"
	"net/url"
	"strings"
)

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

// seriesFeedPath is the path of a series' feed.
func seriesFeedPath(id int64) string { return "/series/" + itoa64(id) + "/calendar.ics" }
