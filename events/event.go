package events

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convene/convene/hub"
)

// Limits on what an event may hold.
const (
	MaxTitleLen        = 200
	MaxSummaryLen      = 5000
	MaxVenueLen        = 500
	MaxURLLen          = 2000
	MaxCancelReasonLen = 1000
	MaxCapacity        = 100000
	MaxEventLength     = 7 * 24 * time.Hour
	// MaxYearsAhead bounds how far ahead an event may be created.
	MaxYearsAhead = 5
)

// Event is one gathering of a hub, on its own or as an occurrence of a
// series.
type Event struct {
	// ID identifies the event; 0 until stored.
	ID int64
	// HubID is the hub that runs the event.
	HubID int64
	// SeriesID links the occurrences of a series; nil for a one-off event.
	SeriesID *int64
	// Title names the event in listings and calendars.
	Title string
	// Summary says what the event is about, in plain text.
	Summary string
	// StartsAt is when the event starts, in UTC.
	StartsAt time.Time
	// EndsAt is when the event ends, in UTC; after StartsAt.
	EndsAt time.Time
	// Format says whether people come in person, online or both.
	Format Format
	// Venue is where to go, for in-person and hybrid events.
	Venue string
	// HostOrganisationID is the member organisation hosting the event, if any.
	HostOrganisationID *int64
	// OnlineURL is the link to join, for online and hybrid events.
	OnlineURL string
	// Capacity is the number of places; nil means unlimited.
	Capacity *int
	// Visibility says who can see and register for the event.
	Visibility Visibility
	// Status is draft, published or cancelled.
	Status Status
	// CancelReason tells attendees why the event was cancelled.
	CancelReason string
	// Audiences are the groups the event is meant for.
	Audiences []Audience
	// Sequence counts the changes that calendars must notice (iCalendar SEQUENCE).
	Sequence int
	// CreatedAt is when the event was first stored.
	CreatedAt time.Time
	// UpdatedAt is when the event was last changed.
	UpdatedAt time.Time
	// Version counts writes of the event's details; an edit made from
	// another version is stale.
	Version int64
	// AgendaVersion counts changes of its agenda, likewise.
	AgendaVersion int64
}

// Validate checks the event on its own. Field names are those of the API.
func (e Event) Validate() error {
	var f hub.FieldErrors
	e.check(&f)
	return f.Err()
}

// ValidateNew checks an event about to be created: as Validate, and it may
// not start before now.
func ValidateNew(e Event, now time.Time) error {
	var f hub.FieldErrors
	e.check(&f)
	if !f.Has("starts_at") && !e.StartsAt.IsZero() && e.StartsAt.Before(now) {
		f.Add("starts_at", "The start must be in the future")
	}
	if !f.Has("starts_at") && e.StartsAt.After(now.AddDate(MaxYearsAhead, 0, 0)) {
		f.Add("starts_at", fmt.Sprintf("Events can be planned up to %d years ahead", MaxYearsAhead))
	}
	return f.Err()
}

func (e Event) check(f *hub.FieldErrors) {
	checkText(f, "title", "Title", e.Title, MaxTitleLen, "Enter a title")
	checkText(f, "summary", "Summary", e.Summary, MaxSummaryLen, "")
	checkText(f, "cancel_reason", "The reason for cancelling", e.CancelReason, MaxCancelReasonLen, "")
	e.checkTimes(f)
	if !e.Format.Valid() {
		f.Add("format", "Format must be one of "+oneOf(AllFormats()))
	}
	if e.Format.NeedsVenue() && strings.TrimSpace(e.Venue) == "" {
		f.Add("venue", "Enter the venue")
	}
	checkText(f, "venue", "Venue", e.Venue, MaxVenueLen, "")
	if e.Format.NeedsOnlineURL() && strings.TrimSpace(e.OnlineURL) == "" {
		f.Add("online_url", "Enter the link people use to join online")
	}
	if e.OnlineURL != "" && !webAddress(e.OnlineURL) {
		f.Add("online_url", "Enter a full web address starting with https:// or http://")
	}
	switch {
	case e.Capacity == nil:
	case *e.Capacity < 1:
		f.Add("capacity", "Capacity must be at least 1, or leave it empty for unlimited places")
	case *e.Capacity > MaxCapacity:
		f.Add("capacity", "Capacity must be 100,000 or fewer")
	}
	if !e.Visibility.Valid() {
		f.Add("visibility", "Visibility must be one of "+oneOf(AllVisibilities()))
	}
	if !e.Status.Valid() {
		f.Add("status", "Status must be one of "+oneOf(AllStatuses()))
	}
	checkAudiences(f, e.Audiences)
}

func (e Event) checkTimes(f *hub.FieldErrors) {
	if e.StartsAt.IsZero() {
		f.Add("starts_at", "Enter when the event starts")
	}
	if e.EndsAt.IsZero() {
		f.Add("ends_at", "Enter when the event ends")
	}
	if f.Has("starts_at") || f.Has("ends_at") {
		return
	}
	switch d := e.EndsAt.Sub(e.StartsAt); {
	case d <= 0:
		f.Add("ends_at", "The end must be after the start")
	case d > MaxEventLength:
		f.Add("ends_at", "An event can last at most 7 days")
	}
}

func checkAudiences(f *hub.FieldErrors, audiences []Audience) {
	seen := make(map[Audience]bool, len(audiences))
	for _, a := range audiences {
		if !a.Valid() {
			f.Add("audiences", "Audiences must be chosen from "+oneOf(AllAudiences()))
			return
		}
		if seen[a] {
			f.Add("audiences", "Choose each audience only once")
			return
		}
		seen[a] = true
	}
}

// checkText checks that a text field is not too long, counting characters
// rather than bytes, and when missing is given says so.
func checkText(f *hub.FieldErrors, field, name, value string, max int, missing string) {
	switch {
	case missing != "" && strings.TrimSpace(value) == "":
		f.Add(field, missing)
	case utf8.RuneCountInString(value) > max:
		f.Add(field, fmt.Sprintf("%s must be %d characters or fewer", name, max))
	case !hub.StorableText(value):
		f.Add(field, fmt.Sprintf("%s contains characters we cannot store; please retype it", name))
	}
}

// webAddress reports whether s is an absolute http or https URL with a host.
func webAddress(s string) bool {
	if len(s) > MaxURLLen || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// Normalise tidies an event's text for storing: surrounding spaces go.
func (e *Event) Normalise() {
	e.Title, e.Summary = strings.TrimSpace(e.Title), strings.TrimSpace(e.Summary)
	e.Venue, e.OnlineURL = strings.TrimSpace(e.Venue), strings.TrimSpace(e.OnlineURL)
	e.CancelReason = strings.TrimSpace(e.CancelReason)
}

// ValidateCancelReason checks the reason given for calling an event off,
// which attendees see.
func ValidateCancelReason(reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return hub.FieldError("reason", "Say why the event is cancelled: attendees will see it")
	case len([]rune(reason)) > MaxCancelReasonLen:
		return hub.FieldError("reason", "The reason must be 1000 characters or fewer")
	}
	return nil
}
