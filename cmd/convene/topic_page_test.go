package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTopicPage(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	publish := func(id int64) {
		t.Helper()
		if resp, text := f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", id), nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("publish %d: %d %s", id, resp.StatusCode, text)
		}
	}
	about := MustCreateEvent(t, f, strings.Replace(eventBodyAt(8, ""), "Trauma-informed practice workshop", "Safeguarding in peer work", 1))
	f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", about), `{"topics":["safeguarding"]}`)
	publish(about)
	// An event with an agenda item on the topic.
	withItem := MustCreateEvent(t, f, strings.Replace(eventBodyAt(9, ""), "Trauma-informed practice workshop", "Hub day", 1))
	loc := londonZone(t)
	d := time.Now().In(loc).AddDate(0, 0, 9)
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, loc)
	item := fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"Safeguarding adults: a case","kind":"talk","topic":"safeguarding"}]}`,
		start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339))
	if resp, text := f.API(t, coordA, http.MethodPut, fmt.Sprintf("/api/v1/events/%d/agenda", withItem), item); resp.StatusCode != http.StatusOK {
		t.Fatalf("agenda: %d %s", resp.StatusCode, text)
	}
	publish(withItem)
	// Not on the page: a draft, a members-only event, an event on another topic.
	draft := MustCreateEvent(t, f, eventBodyAt(10, ""))
	members := MustCreateEvent(t, f, strings.Replace(eventBodyAt(11, ""), `"visibility":"public"`, `"visibility":"members"`, 1))
	for _, id := range []int64{draft, members} {
		f.API(t, coordA, http.MethodPatch, fmt.Sprintf("/api/v1/events/%d", id), `{"topics":["safeguarding"]}`)
	}
	publish(members)
	other := MustCreateEvent(t, f, eventBodyAt(12, ""))
	publish(other)

	resp, page := f.MustClient(t, anon).Page(t, http.MethodGet, "/topics/safeguarding", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d", resp.StatusCode)
	}
	for id, want := range map[int64]bool{about: true, withItem: true, draft: false, members: false, other: false} {
		if got := strings.Contains(page, fmt.Sprintf(`href="/events/%d"`, id)); got != want {
			t.Errorf("event %d listed: %v, want %v", id, got, want)
		}
	}
	if !strings.Contains(page, `value="`+a.URL+`/topics/safeguarding/calendar.ics"`) || !strings.Contains(page, "webcal://") {
		t.Errorf("no subscribe box for the topic's feed")
	}
	_, eventPage := f.MustClient(t, anon).Page(t, http.MethodGet, fmt.Sprintf("/events/%d", about), nil)
	if !strings.Contains(eventPage, `<a href="/topics/safeguarding">`) {
		t.Errorf("the event page does not link its topic to the topic's page")
	}
	for _, p := range []string{"/topics/no-such-topic", "/topics/%00", "/topics/" + strings.Repeat("x", 3000)} {
		if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: got %d, want 404", p, resp.StatusCode)
		}
	}
}
