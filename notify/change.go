package notify

import (
	"time"

	"github.com/convene/convene/events"
)

// Previous is what people were told about an event before it changed:
// the details whose change they hear about.
type Previous struct {
	StartsAt  time.Time     `json:"starts_at"`
	EndsAt    time.Time     `json:"ends_at"`
	Format    events.Format `json:"format"`
	Venue     string        `json:"venue"`
	OnlineURL string        `json:"online_url"`
}

// PreviousOf records an event's details before a change.
func PreviousOf(e events.Event) Previous {
	return Previous{StartsAt: e.StartsAt, EndsAt: e.EndsAt, Format: e.Format, Venue: e.Venue, OnlineURL: e.OnlineURL}
}

// Differs reports whether now differs from p in anything people are told
// about: the time, the place (format, venue, joining link). A new title
// or summary is not sent to anyone.
func (p Previous) Differs(now events.Event) bool {
	return len(p.changes(now, nil, false)) > 0
}

// change is one line of what changed.
type change struct {
	What, Was, Now string
}

// changes lists what changed from p to now. The joining link itself is
// shown only to people with a place.
func (p Previous) changes(now events.Event, loc *time.Location, hasPlace bool) []change {
	var out []change
	if !p.StartsAt.Equal(now.StartsAt) || !p.EndsAt.Equal(now.EndsAt) {
		out = append(out, change{"When", when(p.StartsAt, p.EndsAt, loc), when(now.StartsAt, now.EndsAt, loc)})
	}
	if p.Format != now.Format {
		out = append(out, change{"Format", p.Format.Label(), now.Format.Label()})
	}
	if p.Venue != now.Venue && (p.Format.NeedsVenue() || now.Format.NeedsVenue()) {
		out = append(out, change{"Venue", orNone(p.Venue), orNone(now.Venue)})
	}
	if p.OnlineURL != now.OnlineURL && now.Format.NeedsOnlineURL() {
		c := change{What: "Joining link", Was: "", Now: "It has changed; see below."}
		if !hasPlace {
			c.Now = "It has changed; people with a place are sent it."
		}
		out = append(out, c)
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// when shows an event's time in its hub's zone, with the zone's
// abbreviation (GMT, BST) so that nobody has to guess.
func when(start, end time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return events.FormatWhen(start, end, loc) + " " + end.In(loc).Format("MST")
}
