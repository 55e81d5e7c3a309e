package web

import (
	"context"
	"html/template"
	"net/url"
	"strings"
)

// FeedURLs are the ways to subscribe to a feed, for the "Subscribe" box.
type FeedURLs struct {
	// HTTPS is the feed's address, for Google and Outlook on the web.
	HTTPS string
	// Webcal opens the subscribe dialog of Apple Calendar and Outlook.
	Webcal string
	// Google adds the feed to Google Calendar.
	Google string
	// Personal marks a private address, to be kept secret.
	Personal bool
}

// SubscribeLinks are the subscription links of the feed at path.
func (s *Server) SubscribeLinks(path string) FeedURLs {
	https := s.Config.BaseURL + path
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(https, "https://"), "http://")
	return FeedURLs{HTTPS: https, Webcal: webcal,
		Google: "https://calendar.google.com/calendar/render?cid=" + url.QueryEscape(webcal)}
}

// PersonalFeedPath is the path of a personal feed.
func PersonalFeedPath(token string) string { return "/calendar/" + token + ".ics" }

// FirstCalendarLink makes the person's feed address on their first view of
// the account page; nil when they have one already (it cannot be shown
// again).
func (s *Server) FirstCalendarLink(ctx context.Context, personID int64) (*FeedURLs, error) {
	has, err := s.DB.HasCalendarToken(ctx, personID)
	if err != nil || has {
		return nil, err
	}
	links, err := s.NewCalendarLink(ctx, personID, false)
	return &links, err
}

// NewCalendarLink makes the person's feed address, replacing the one they
// had when rotate is set (it then answers 410 at once, on every instance).
func (s *Server) NewCalendarLink(ctx context.Context, personID int64, rotate bool) (FeedURLs, error) {
	token, err := s.DB.CalendarToken(ctx, personID, rotate)
	if err != nil {
		return FeedURLs{}, err
	}
	if err := s.feeds.Changes.Sync(ctx); err != nil {
		return FeedURLs{}, err
	}
	links := s.SubscribeLinks(PersonalFeedPath(token))
	links.Personal = true
	return links, nil
}

// WebcalHref is Webcal for a page's link: html/template refuses schemes
// other than http, https and mailto unless told the URL is ours.
func (l FeedURLs) WebcalHref() template.URL { return template.URL(l.Webcal) }

// calendarFuncs are the template functions of the subscribe box
// (templates/_subscribe.html): subscribeBox for a public feed's path,
// personalBox for a personal feed's links just made.
func (s *Server) calendarFuncs() map[string]any {
	return map[string]any{
		"subscribeBox": func(id, path string) map[string]any {
			return map[string]any{"ID": id, "Links": s.SubscribeLinks(path)}
		},
		"personalBox": func(l *FeedURLs) map[string]any { return map[string]any{"ID": "my-feed", "Links": *l} },
		"seriesLinks": func(id int64) FeedURLs { return s.SubscribeLinks(SeriesFeedPath(id)) },
	}
}

// SeriesFeedPath is the path of a series' feed.
func SeriesFeedPath(id int64) string { return "/series/" + FormatID(id) + "/calendar.ics" }
