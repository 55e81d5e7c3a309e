package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage/pgtest"
)

// lastSunday is the last Sunday of month in year.
func lastSunday(year int, month time.Month) time.Time {
	d := time.Date(year, month+1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// TestEventFormClockChanges: local times that do not exist (clocks go
// forward) or happen twice (clocks go back) are read predictably, and the
// page says how.
func TestEventFormClockChanges(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, coordA)
	year := time.Now().Year() + 1
	cases := []struct {
		name, date, note, wantLocal string
	}{
		{"ClocksGoForward", lastSunday(year, time.March).Format(time.DateOnly), "does not exist", "02:30"},
		{"ClocksGoBack", lastSunday(year, time.October).Format(time.DateOnly), "happens twice", "01:30"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"title": {"Night shelter volunteers' meet-up"}, "date": {tc.date}, "start_time": {"01:30"}, "end_time": {"04:00"},
				"format": {"online"}, "online_url": {"https://meet.example.org/night"}, "visibility": {"public"}}
			resp, _ := c.Page(t, http.MethodPost, "/hubs/hub-a/events", form)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("create: %d", resp.StatusCode)
			}
			flash := flashOf(t, resp)
			if !strings.Contains(flash, tc.note) {
				t.Errorf("the confirmation %q does not explain the clock change (%q)", flash, tc.note)
			}
			var local string
			err := pgtest.SQL(f.db).GetContext(context.Background(), &local, `SELECT to_char(starts_at AT TIME ZONE 'Europe/London', 'HH24:MI') FROM events
				WHERE title = $1 AND (starts_at AT TIME ZONE 'Europe/London')::date = $2::date`, "Night shelter volunteers' meet-up", tc.date)
			if err != nil {
				t.Fatal(err)
			}
			if local != tc.wantLocal {
				t.Errorf("stored local start %s, want %s", local, tc.wantLocal)
			}
		})
	}
}

func TestEventFormErrors(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, coordA)
	before := eventSnapshot(t, f)
	resp, body := c.Page(t, http.MethodPost, "/hubs/hub-a/events", url.Values{"title": {""}, "date": {"2030-02-30"}, "start_time": {"25:00"},
		"end_time": {"10:00"}, "format": {"in_person"}, "capacity": {"-3"}, "visibility": {"public"}, "repeat": {"weekly"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	for _, id := range []string{"f-title", "f-date", "f-start-time", "f-venue", "f-capacity", "f-repeat-count"} {
		if !strings.Contains(body, `href="#`+id+`"`) {
			t.Errorf("the error summary does not link to #%s", id)
		}
	}
	if after := eventSnapshot(t, f); after != before {
		t.Error("a refused form changed stored data")
	}
	t.Run("EditWithWarning", func(t *testing.T) {
		_, page := c.Page(t, http.MethodGet, "/events/"+itoa(f.Event.ID)+"/edit", nil)
		edit := MustForm(t, page, "/events/"+itoa(f.Event.ID))
		edit.Set("capacity", "0")
		resp, body := c.Page(t, http.MethodPost, "/events/"+itoa(f.Event.ID), edit)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least 1") {
			t.Errorf("capacity 0: %d", resp.StatusCode)
		}
		edit.Set("capacity", "")
		resp, _ = c.Page(t, http.MethodPost, "/events/"+itoa(f.Event.ID), edit)
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("save with unlimited places: %d", resp.StatusCode)
		}
	})
}

// flashOf reads the one-off confirmation a redirect left.
func flashOf(tb testing.TB, resp *http.Response) string {
	tb.Helper()
	ck := cookieNamed(resp, web.FlashCookie)
	if ck == nil {
		tb.Fatal("no confirmation after the redirect")
	}
	return decodeFlash(ck.Value)
}
