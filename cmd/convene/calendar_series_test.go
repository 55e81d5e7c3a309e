package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// MustSeries creates a weekly public series of n drafts in hub A through the
// API and returns the series and its occurrences.
func MustSeries(tb testing.TB, f *fixture, n int) (int64, []int64) {
	tb.Helper()
	resp, text := f.API(tb, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", eventBodyAt(10, fmt.Sprintf(`,"recurrence":{"rule":"FREQ=WEEKLY;COUNT=%d"}`, n)))
	if resp.StatusCode != http.StatusCreated {
		tb.Fatalf("create series: %d %s", resp.StatusCode, text)
	}
	var out struct {
		SeriesID    int64   `json:"series_id"`
		Occurrences []int64 `json:"occurrence_ids"`
	}
	MustDecode(tb, text, &out)
	return out.SeriesID, out.Occurrences
}

func TestSeriesCalendarFeed(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	series, occ := MustSeries(t, f, 4)
	path := web.SeriesFeedPath(series)

	t.Run("OnlyDraftsIsNotFound", func(t *testing.T) {
		if resp, _ := MustFeed(t, a, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d, want 404 for a series with no published public event", resp.StatusCode)
		}
	})
	for _, id := range occ[:3] {
		if resp, text := f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", id), nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("publish %d: %d %s", id, resp.StatusCode, text)
		}
	}
	if resp, text := f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", occ[2]), `{"visibility":"members"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("make members-only: %d %s", resp.StatusCode, text)
	}
	other := MustCreateEvent(t, f, eventBodyAt(11, ""))
	f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", other), nil)

	t.Run("PublicPublishedOccurrencesOnly", func(t *testing.T) {
		resp, body := MustFeed(t, a, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s", resp.StatusCode, body)
		}
		for i, id := range append(occ, other) {
			want := i < 2
			if got := veventOf(body, id) != ""; got != want {
				t.Errorf("event %d (occurrence %d) in the series feed: %v, want %v", id, i+1, got, want)
			}
		}
		if !strings.Contains(body, "X-WR-CALNAME:Trauma-informed practice workshop – Hub A") {
			t.Errorf("calendar name: %.600s", body)
		}
		again, _ := MustFeed(t, a, path, "If-None-Match", resp.Header.Get("ETag"))
		if again.StatusCode != http.StatusNotModified || resp.Header.Get("Cache-Control") != web.PublicFeedCache {
			t.Errorf("conditional GET: got %d (Cache-Control %q), want 304", again.StatusCode, resp.Header.Get("Cache-Control"))
		}
	})
	t.Run("EventPageOffersTheWholeSeries", func(t *testing.T) {
		_, page := f.MustClient(t, anon).Page(t, http.MethodGet, fmt.Sprintf("/events/%d", occ[0]), nil)
		if !strings.Contains(page, "Add the whole series") || !strings.Contains(page, "webcal://"+strings.TrimPrefix(a.URL, "http://")+path) {
			t.Errorf("the event page does not offer the series feed")
		}
		_, page = f.MustClient(t, coordA).Page(t, http.MethodGet, fmt.Sprintf("/events/%d", occ[3]), nil)
		if strings.Contains(page, "Add the whole series") {
			t.Errorf("a draft's page offers the series feed")
		}
		_, page = f.MustClient(t, anon).Page(t, http.MethodGet, fmt.Sprintf("/events/%d", other), nil)
		if strings.Contains(page, "Add the whole series") {
			t.Errorf("a one-off event's page offers a series feed")
		}
	})
	t.Run("Abuse", func(t *testing.T) {
		// A stranger guessing addresses learns nothing and never gets a 5xx.
		for _, p := range []string{"/series/0/calendar.ics", "/series/-1/calendar.ics", "/series/abc/calendar.ics",
			"/series/99999999999999999999/calendar.ics", "/series/999999/calendar.ics", "/series/%00/calendar.ics"} {
			resp, _ := MustFeed(t, a, p)
			if resp.StatusCode >= 500 || resp.StatusCode == http.StatusOK {
				t.Errorf("%s: got %d, want a 4xx", p, resp.StatusCode)
			}
		}
		// A series made members-only throughout disappears.
		for _, id := range occ[:2] {
			f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", id), `{"visibility":"members"}`)
		}
		if resp, _ := MustFeed(t, a, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("members-only series: got %d, want 404", resp.StatusCode)
		}
	})
}
