package events

import (
	"errors"
	"maps"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the machine's zone files

	"github.com/convene/convene/hub"
)

// MustZone loads a time zone or stops the test.
func MustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load zone %q: %v", name, err)
	}
	return loc
}

// MustTime parses "2006-01-02 15:04" as wall time in loc; the wall time
// must exist and be unambiguous.
func MustTime(tb testing.TB, loc *time.Location, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		tb.Fatalf("parse %q: %v", s, err)
	}
	return t.UTC()
}

// MustUTC parses "2006-01-02 15:04" as UTC.
func MustUTC(tb testing.TB, s string) time.Time {
	tb.Helper()
	return MustTime(tb, time.UTC, s)
}

func ptr[T any](v T) *T { return &v }

// NewTestEvent returns a valid published in-person event on Tuesday
// 3 March 2026, 10:00–16:00 UTC, changed by opts.
func NewTestEvent(tb testing.TB, opts ...func(*Event)) Event {
	tb.Helper()
	e := Event{
		ID:         1,
		HubID:      7,
		Title:      "Peer support in practice",
		Summary:    "A day on peer support delivery.",
		StartsAt:   MustUTC(tb, "2026-03-03 10:00"),
		EndsAt:     MustUTC(tb, "2026-03-03 16:00"),
		Format:     FormatInPerson,
		Venue:      "Friends Meeting House, Manchester",
		Visibility: VisibilityPublic,
		Status:     StatusPublished,
		Audiences:  []Audience{AudiencePeerSupportWorkers, AudienceLivedExperience},
	}
	for _, opt := range opts {
		opt(&e)
	}
	return e
}

// WantFields checks that err is an invalid *hub.Error with exactly the
// fields of want; a want message of "" matches any message.
func WantFields(tb testing.TB, err error, want map[string]string) {
	tb.Helper()
	if len(want) == 0 {
		if err != nil {
			tb.Fatalf("got error %v, want none", err)
		}
		return
	}
	var herr *hub.Error
	if !errors.As(err, &herr) || herr.Code != hub.EInvalid {
		tb.Fatalf("got error %v, want an invalid *hub.Error", err)
	}
	gotKeys, wantKeys := slices.Sorted(maps.Keys(herr.Fields)), slices.Sorted(maps.Keys(want))
	if !slices.Equal(gotKeys, wantKeys) {
		tb.Fatalf("got fields %q, want %q (%v)", gotKeys, wantKeys, herr)
	}
	for field, msg := range want {
		if msg != "" && herr.Fields[field] != msg {
			tb.Errorf("field %s:\n got  %q\n want %q", field, herr.Fields[field], msg)
		}
	}
}

// WantCode checks that err carries the hub error code want.
func WantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := hub.ErrorCode(err); got != want {
		tb.Fatalf("got code %q (%v), want %q", got, err, want)
	}
}
