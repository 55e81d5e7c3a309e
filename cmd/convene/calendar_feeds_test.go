package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/storage/pgtest"
)

// MustFeed GETs a feed and checks it is a calendar.
func MustFeed(tb testing.TB, a *app, path string, header ...string) (*http.Response, string) {
	tb.Helper()
	req := mustRequest(tb, http.MethodGet, a.URL+path, nil)
	req.Header.Set("Accept-Encoding", "identity") // else Go asks for gzip and unzips unseen
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, body := a.MustDo(tb, req)
	if resp.StatusCode == http.StatusOK {
		if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			tb.Errorf("%s: got Content-Type %q, want text/calendar; charset=utf-8", path, ct)
		}
		if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") && resp.Header.Get("Content-Encoding") == "" {
			tb.Errorf("%s: not a calendar: %.200s", path, body)
		}
	}
	return resp, body
}

// veventOf returns the VEVENT with the given UID prefix ("event-7@"), or "".
func veventOf(feed string, id int64) string {
	for _, part := range strings.Split(feed, "BEGIN:VEVENT\r\n")[1:] {
		if strings.Contains(part, fmt.Sprintf("\r\nUID:event-%d@", id)) {
			return part
		}
	}
	return ""
}

func propOf(vevent, name string) string {
	m := regexp.MustCompile(`(?m)^` + name + `[:;]([^\r]*)\r$`).FindStringSubmatch(vevent)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestHubCalendarFeed(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/hubs/hub-a/calendar.ics"

	resp, body := MustFeed(t, a, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	for _, want := range []string{"NAME:", "X-WR-CALNAME:", "X-WR-CALDESC:", "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", "X-PUBLISHED-TTL:PT1H\r\n", "VERSION:2.0\r\n", "PRODID:"} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(body, "METHOD:REQUEST") {
		t.Error("feed has METHOD:REQUEST")
	}
	ev := veventOf(body, f.Event.ID)
	if ev == "" {
		t.Fatalf("published public event %d not in the feed:\n%s", f.Event.ID, body)
	}
	etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if !regexp.MustCompile(`^"[0-9a-f]{32}"$`).MatchString(etag) || lastMod == "" {
		t.Fatalf("got ETag %q Last-Modified %q, want a strong tag and a date", etag, lastMod)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("got Cache-Control %q, want public", cc)
	}

	t.Run("ByteIdentical", func(t *testing.T) {
		resp2, body2 := MustFeed(t, a, path)
		if body2 != body || resp2.Header.Get("ETag") != etag {
			t.Errorf("second GET differs: ETag %q vs %q", resp2.Header.Get("ETag"), etag)
		}
	})
	t.Run("NotModified", func(t *testing.T) {
		for _, h := range [][2]string{{"If-None-Match", etag}, {"If-Modified-Since", lastMod}} {
			resp, body := MustFeed(t, a, path, h[0], h[1])
			if resp.StatusCode != http.StatusNotModified || body != "" {
				t.Errorf("%s: got %d with %d bytes, want 304 and no body", h[0], resp.StatusCode, len(body))
			}
		}
		resp, _ := MustFeed(t, a, path, "If-None-Match", `"stale"`)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("stale If-None-Match: got %d, want 200", resp.StatusCode)
		}
	})
	t.Run("HEAD", func(t *testing.T) {
		req := mustRequest(t, http.MethodHead, a.URL+path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		resp, body := a.MustDo(t, req)
		if resp.StatusCode != http.StatusOK || body != "" || resp.Header.Get("ETag") != etag {
			t.Errorf("HEAD: got %d, %d bytes, ETag %q", resp.StatusCode, len(body), resp.Header.Get("ETag"))
		}
	})
	t.Run("Gzip", func(t *testing.T) {
		req := mustRequest(t, http.MethodGet, a.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("got Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		if string(plain) != body {
			t.Error("gzipped body differs from the plain one")
		}
		if resp.Header.Get("ETag") == etag {
			t.Error("gzipped body has the plain body's strong ETag")
		}
	})

	t.Run("DraftAndMembersOnlyLeftOut", func(t *testing.T) {
		draft := MustCreateEvent(t, f, eventBodyAt(9, ""))
		members := MustCreateEvent(t, f, eventBodyAt(10, `,"visibility":"members"`))
		mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", members), "", http.StatusOK)
		_, body := MustFeed(t, a, path)
		if veventOf(body, draft) != "" || veventOf(body, members) != "" {
			t.Errorf("draft %d or members-only %d is in the public feed", draft, members)
		}
	})

	t.Run("RescheduleRaisesSequenceAndETag", func(t *testing.T) {
		seq := propOf(ev, "SEQUENCE")
		start := f.Event.StartsAt.Add(2 * time.Hour)
		mustAPI(t, f, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", f.Event.ID),
			fmt.Sprintf(`{"starts_at":%q,"ends_at":%q}`, start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339)), http.StatusOK)
		resp, body := waitForChange(t, a, path, etag)
		moved := veventOf(body, f.Event.ID)
		if propOf(moved, "SEQUENCE") <= seq || propOf(moved, "DTSTART") != start.UTC().Format("20060102T150405Z") {
			t.Errorf("after rescheduling: SEQUENCE %s (was %s), DTSTART %s", propOf(moved, "SEQUENCE"), seq, propOf(moved, "DTSTART"))
		}
		if propOf(moved, "UID") != propOf(ev, "UID") {
			t.Errorf("UID changed from %s to %s", propOf(ev, "UID"), propOf(moved, "UID"))
		}
		etag = resp.Header.Get("ETag")
	})

	t.Run("CancelledStays", func(t *testing.T) {
		mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/cancel", f.Event.ID), `{"reason":"Venue flooded"}`, http.StatusOK)
		_, body := waitForChange(t, a, path, etag)
		gone := veventOf(body, f.Event.ID)
		if propOf(gone, "STATUS") != "CANCELLED" || !strings.HasPrefix(propOf(gone, "SUMMARY"), "Cancelled: ") {
			t.Errorf("cancelled event: STATUS %q SUMMARY %q, want CANCELLED and a prefix", propOf(gone, "STATUS"), propOf(gone, "SUMMARY"))
		}
	})

	t.Run("UnknownFeeds", func(t *testing.T) {
		for _, p := range []string{"/hubs/no-such-hub/calendar.ics", "/organisations/999999/calendar.ics", "/organisations/x/calendar.ics",
			"/topics/no-such-topic/calendar.ics", "/topics/safeguarding/calendar.ics?hub=no-such-hub", "/calendar/nothing", "/calendar/.ics"} {
			if resp, body := MustFeed(t, a, p); resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Errorf("%s: got %d, want 4xx: %.200s", p, resp.StatusCode, body)
			}
		}
	})
}

// waitForChange polls a feed until its ETag is no longer old: changes
// reach the cache by NOTIFY, a moment after they commit.
func waitForChange(tb testing.TB, a *app, path, old string) (*http.Response, string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, body := MustFeed(tb, a, path)
		if resp.Header.Get("ETag") != old {
			return resp, body
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s kept ETag %s after a change", path, old)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mustAPI sends an API request as kind and checks its status.
func mustAPI(tb testing.TB, f *fixture, kind actorKind, method, path, body string, want int) string {
	tb.Helper()
	var b any
	if body != "" {
		b = body
	}
	resp, text := f.API(tb, kind, method, path, b)
	if resp.StatusCode != want {
		tb.Fatalf("%s %s: got %d, want %d: %s", method, path, resp.StatusCode, want, text)
	}
	return text
}

func TestOrganisationAndTopicFeeds(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	hosted := MustCreateEvent(t, f, eventBodyAt(12, fmt.Sprintf(`,"host_organisation_id":%d`, f.OrgA.ID)))
	mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", hosted), "", http.StatusOK)
	_, org := MustFeed(t, a, fmt.Sprintf("/organisations/%d/calendar.ics", f.OrgA.ID))
	if veventOf(org, hosted) == "" || veventOf(org, f.Event.ID) != "" {
		t.Errorf("organisation feed: want only the hosted event %d:\n%s", hosted, org)
	}
	_, topic := MustFeed(t, a, "/topics/trauma-informed-approaches/calendar.ics")
	if veventOf(topic, hosted) == "" {
		t.Errorf("topic feed lacks event %d on the topic:\n%s", hosted, topic)
	}
	_, narrowed := MustFeed(t, a, "/topics/trauma-informed-approaches/calendar.ics?hub=hub-b")
	if veventOf(narrowed, hosted) != "" || !strings.HasPrefix(narrowed, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(narrowed, "END:VCALENDAR\r\n") {
		t.Errorf("topic feed narrowed to hub B: want a valid empty calendar, got:\n%s", narrowed)
	}
}

func TestUIDsDoNotFollowBaseURL(t *testing.T) {
	dsn := pgtest.NewDSN(t)
	var eventID int64
	uid := func(base string) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		a := MustStart(t, withEnv("DATABASE_URL", dsn), withEnv("CONVENE_BASE_URL", base), withArgs("--addr", addr))
		a.URL = "http://" + addr
		if eventID == 0 {
			eventID = MustFixture(t, a).Event.ID
		}
		_, body := MustFeed(t, a, fmt.Sprintf("/events/%d/event.ics", eventID))
		if err := a.Stop(); err != nil {
			t.Fatal(err)
		}
		return propOf(body, "UID")
	}
	first, second := uid("http://127.0.0.1:8080"), uid("https://hub.example.org")
	if first == "" || first != second {
		t.Errorf("UID changed with CONVENE_BASE_URL: %q then %q", first, second)
	}
	if strings.Contains(first, "127.0.0.1") || strings.Contains(first, "example.org") {
		t.Errorf("UID %q comes from the base URL", first)
	}
}

func TestPersonalCalendar(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	// An online event with one place: the attendee gets it, the member waits.
	online := MustCreateEvent(t, f, eventBodyAt(8, `,"format":"online","venue":"","online_url":"https://meet.example.org/j/secret-room","capacity":1`))
	mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", online), "", http.StatusOK)
	for _, k := range []actorKind{attendee, member} {
		resp, text := f.API(t, k, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/registrations", online), `{"attendee_role":"practitioner"}`)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("register %s: %d %s", k, resp.StatusCode, text)
		}
	}
	feedPath := func(k actorKind) string {
		var c struct {
			URL *string `json:"url"`
		}
		MustDecode(t, mustAPI(t, f, k, http.MethodGet, "/api/v1/me/calendar", "", http.StatusOK), &c)
		if c.URL == nil || !strings.HasPrefix(*c.URL, a.URL+"/calendar/cal_") {
			t.Fatalf("GET /api/v1/me/calendar as %s: got url %v", k, c.URL)
		}
		return strings.TrimPrefix(*c.URL, a.URL)
	}
	mine, theirs := feedPath(attendee), feedPath(member)

	resp, body := MustFeed(t, a, mine)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Cache-Control"), "private") {
		t.Fatalf("personal feed: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	ev := veventOf(body, online)
	if propOf(ev, "STATUS") != "CONFIRMED" || !strings.Contains(strings.ReplaceAll(ev, "\r\n ", ""), "secret-room") {
		t.Errorf("registered: want CONFIRMED with the joining link:\n%s", ev)
	}
	_, body = MustFeed(t, a, theirs)
	ev = veventOf(body, online)
	if propOf(ev, "STATUS") != "TENTATIVE" || strings.Contains(strings.ReplaceAll(ev, "\r\n ", ""), "secret-room") {
		t.Errorf("waitlisted: want TENTATIVE without the joining link:\n%s", ev)
	}
	if _, public := MustFeed(t, a, "/hubs/hub-a/calendar.ics"); strings.Contains(strings.ReplaceAll(public, "\r\n ", ""), "secret-room") {
		t.Error("the joining link is in the public feed")
	}
	if strings.Contains(a.Logs(t), strings.TrimSuffix(strings.TrimPrefix(mine, "/calendar/"), ".ics")) {
		t.Error("a feed token was logged")
	}

	t.Run("Rotate", func(t *testing.T) {
		var c struct{ URL *string }
		MustDecode(t, mustAPI(t, f, attendee, http.MethodPost, "/api/v1/me/calendar", "", http.StatusCreated), &c)
		if resp, _ := MustFeed(t, a, mine); resp.StatusCode != http.StatusGone {
			t.Errorf("old address after rotating: got %d, want 410", resp.StatusCode)
		}
		if resp, _ := MustFeed(t, a, strings.TrimPrefix(*c.URL, a.URL)); resp.StatusCode != http.StatusOK {
			t.Errorf("new address: got %d, want 200", resp.StatusCode)
		}
		var again struct {
			URL    *string
			Active bool
		}
		MustDecode(t, mustAPI(t, f, attendee, http.MethodGet, "/api/v1/me/calendar", "", http.StatusOK), &again)
		if again.URL != nil || !again.Active {
			t.Errorf("GET after making one: got url %v active %v, want null and true (only the hash is kept)", again.URL, again.Active)
		}
	})
	t.Run("StrangerGuessing", func(t *testing.T) {
		for _, p := range []string{"/calendar/cal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", theirs + "x", strings.TrimSuffix(theirs, ".ics")} {
			if resp, _ := MustFeed(t, a, p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: got %d, want 404", p, resp.StatusCode)
			}
		}
	})
	t.Run("PasswordChangeRevokes", func(t *testing.T) {
		if err := f.db.ChangePassword(context.Background(), f.People[member].ID, "a brand new password", nil, false); err != nil {
			t.Fatal(err)
		}
		// Another instance's change reaches this one by NOTIFY, a moment
		// after it commits.
		deadline := time.Now().Add(10 * time.Second)
		for {
			resp, _ := MustFeed(t, a, theirs)
			if resp.StatusCode == http.StatusGone {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after a password change: got %d, want 410", resp.StatusCode)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

func TestEventDownload(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	online := MustCreateEvent(t, f, eventBodyAt(8, `,"format":"online","venue":"","online_url":"https://meet.example.org/j/guest-room","capacity":1`))
	mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", online), "", http.StatusOK)
	path := fmt.Sprintf("/events/%d/event.ics", online)
	resp, body := MustFeed(t, a, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", path, resp.StatusCode)
	}
	for _, bad := range []string{"NAME:", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "guest-room"} {
		if strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), bad) {
			t.Errorf("anonymous download has %q", bad)
		}
	}
	// Not a feed route (it needs the actor), so Echo answers its 304.
	if again, _ := MustFeed(t, a, path, "If-None-Match", resp.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
		t.Errorf("download with its ETag: got %d, want 304", again.StatusCode)
	} else {
		checkNotModifiedHeaders(t, path, again, resp)
	}
	if resp, _ := MustFeed(t, a, path+"?token=not-a-token"); resp.StatusCode != http.StatusOK {
		t.Errorf("download with a wrong token: got %d, want 200 without the link", resp.StatusCode)
	}
}

func TestFeedSurvivesDatabaseOutage(t *testing.T) {
	proxy := MustProxy(t, pgtest.NewDSN(t))
	a := MustStart(t, withEnv("DATABASE_URL", proxy.DSN))
	MustFixture(t, a)
	resp, body := MustFeed(t, a, "/hubs/hub-a/calendar.ics")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("before: %d", resp.StatusCode)
	}
	proxy.Cut()
	defer proxy.Restore(t)
	for i := 0; i < 5; i++ {
		resp2, body2 := MustFeed(t, a, "/hubs/hub-a/calendar.ics")
		if resp2.StatusCode != http.StatusOK || !bytes.Equal([]byte(body2), []byte(body)) || resp2.Header.Get("ETag") != resp.Header.Get("ETag") {
			t.Fatalf("during the outage: got %d, ETag %q (was %q), same body %v", resp2.StatusCode, resp2.Header.Get("ETag"), resp.Header.Get("ETag"), body2 == body)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestSeriesRulesFromCalendarsAccepted(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	loc := londonZone(t)
	d := time.Now().In(loc).AddDate(0, 0, 14)
	until := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*4+1) // a day after the 5th week
	for rule, want := range map[string]int{
		"FREQ=WEEKLY;UNTIL=" + until.Format("20060102") + "T000000Z": 5,
		"FREQ=WEEKLY;WKST=SU;COUNT=3":                                3,
		"FREQ=DAILY;COUNT=5":                                         5,
	} {
		resp, text := f.API(t, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", eventBodyAt(14, `,"recurrence":{"rule":"`+rule+`"}`))
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("%s: got %d %s, want 201", rule, resp.StatusCode, text)
			continue
		}
		var out struct {
			Occurrences []int64 `json:"occurrence_ids"`
		}
		MustDecode(t, text, &out)
		if len(out.Occurrences) != want {
			t.Errorf("%s: got %d occurrences, want %d", rule, len(out.Occurrences), want)
		}
	}
}
