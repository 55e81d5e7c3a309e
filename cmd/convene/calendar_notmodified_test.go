package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
)

// The 304 path before Echo answers for every kind of feed, exactly when
// ServeFeed would, and leaves every other answer to it.
func TestFeedNotModifiedPath(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	var c struct {
		URL *string `json:"url"`
	}
	MustDecode(t, mustAPI(t, f, attendee, http.MethodGet, "/api/v1/me/calendar", "", http.StatusOK), &c)
	personal := strings.TrimPrefix(*c.URL, a.URL)
	series, occ := MustSeries(t, f, 2)
	f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", occ[0]), nil)
	feeds := []string{"/hubs/hub-a/calendar.ics", fmt.Sprintf("/organisations/%d/calendar.ics", f.OrgA.ID),
		"/topics/trauma-informed-approaches/calendar.ics", "/topics/trauma-informed-approaches/calendar.ics?hub=hub-a",
		web.SeriesFeedPath(series), personal}
	etags := map[string]string{}
	// Changes reach the feed cache through LISTEN/NOTIFY, a moment after
	// they commit: wait until the publish above has, so that each feed's
	// first answer is the one its conditional requests are checked against.
	waitSettled := func(p string) {
		for range 50 {
			one, _ := MustFeed(t, a, p)
			two, _ := MustFeed(t, a, p, "If-None-Match", one.Header.Get("ETag"))
			if two.StatusCode == http.StatusNotModified && two.Header.Get("Content-Security-Policy") == "" {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for _, p := range feeds {
		waitSettled(p)
		first, _ := MustFeed(t, a, p)
		if first.StatusCode != http.StatusOK {
			t.Fatalf("%s: got %d", p, first.StatusCode)
		}
		etags[p] = first.Header.Get("ETag")
		for _, h := range [][]string{{"If-None-Match", etags[p]}, {"If-Modified-Since", first.Header.Get("Last-Modified")},
			{"If-None-Match", strings.TrimSuffix(etags[p], `"`) + `-gz"`, "Accept-Encoding", "gzip"}} {
			resp, body := MustFeed(t, a, p, h...)
			switch {
			case resp.StatusCode != http.StatusNotModified || body != "":
				t.Errorf("%s with %v: got %d, want 304 and no body", p, h, resp.StatusCode)
			case resp.Header.Get("Content-Security-Policy") != "":
				t.Errorf("%s with %v: answered by Echo, not before it", p, h)
			case h[1] == etags[p] && resp.Header.Get("ETag") != etags[p]:
				t.Errorf("%s: ETag %q, want %q", p, resp.Header.Get("ETag"), etags[p])
			}
			checkNotModifiedHeaders(t, p, resp, first)
		}
		if resp, _ := MustFeed(t, a, p, "If-None-Match", `"something-else"`); resp.StatusCode != http.StatusOK {
			t.Errorf("%s with another ETag: got %d, want 200", p, resp.StatusCode)
		}
	}
	// Each 304 is logged as logRequests logs any request.
	resp, _ := MustFeed(t, a, feeds[0], "If-None-Match", etags[feeds[0]])
	line := `(?m)^time=\S+ level=INFO msg=request method=GET path=/hubs/hub-a/calendar\.ics status=304 duration=\S+ queries=0 request_id=` +
		resp.Header.Get("X-Request-Id") + `$`
	a.WaitLog(t, line)
	if strings.Contains(a.Logs(t), strings.TrimSuffix(strings.TrimPrefix(personal, "/calendar/"), ".ics")) {
		t.Error("the personal feed's secret is in the log")
	}
	// A change anywhere: the copy is no longer current, so the ordinary
	// way answers, with the new feed.
	// way answers, with the new feed (once the notification has come:
	// within moments, as for every feed).
	f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", occ[1]), nil)
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, body := MustFeed(t, a, web.SeriesFeedPath(series), "If-None-Match", etags[web.SeriesFeedPath(series)])
		if resp.StatusCode == http.StatusOK && veventOf(body, occ[1]) != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("series feed after a change: got %d, want 200 with the new event", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A replaced personal address answers 410, whatever the client holds.
	mustAPI(t, f, attendee, http.MethodPost, "/api/v1/me/calendar", "", http.StatusCreated)
	if resp, _ := MustFeed(t, a, personal, "If-None-Match", etags[personal]); resp.StatusCode != http.StatusGone {
		t.Errorf("replaced personal address: got %d, want 410", resp.StatusCode)
	}
	// Paths it does not read with certainty go the ordinary way.
	for _, p := range []string{"/hubs/hub%2Da/calendar.ics", "/organisations/0/calendar.ics", "/hubs//calendar.ics", "/calendar/x"} {
		if resp, _ := MustFeed(t, a, p, "If-None-Match", "*"); resp.StatusCode == http.StatusNotModified && resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: answered before Echo", p)
		}
	}
}

// checkNotModifiedHeaders checks a feed's 304 against the 200 before it:
// the ETag, Cache-Control, Vary and Date RFC 9110 (15.4.5) asks for, the
// Last-Modified (as nginx and net/http's ServeContent send, for clients
// polling with If-Modified-Since alone), and no content headers. Both
// ways of answering (before Echo and through it) must send the same.
func checkNotModifiedHeaders(t *testing.T, path string, resp, ok *http.Response) {
	t.Helper()
	h := resp.Header
	if h.Get("Cache-Control") != ok.Header.Get("Cache-Control") || h.Get("Vary") != "Accept-Encoding" ||
		h.Get("Last-Modified") != ok.Header.Get("Last-Modified") || h.Get("ETag") == "" || h.Get("X-Request-Id") == "" {
		t.Errorf("%s: 304 with headers %v, want the validators, Cache-Control and Vary of %v", path, h, ok.Header)
	}
	for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding"} {
		if v := h.Values(k); len(v) > 0 {
			t.Errorf("%s: 304 with %s %q", path, k, v)
		}
	}
	if d, err := http.ParseTime(h.Get("Date")); err != nil || time.Since(d).Abs() > 5*time.Second {
		t.Errorf("%s: 304 with Date %q, want now", path, h.Get("Date"))
	}
}
