package main

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
)

// A yearly rule on the last Sundays of March and October at 01:30 London
// time: the API says which occurrences the clock changes moved, and to what.
func TestSeriesSaysWhatClockChangesMoved(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	year := time.Now().Year() + 1
	oct, mar := lastSunday(year, time.October), lastSunday(year+1, time.March)
	body := fmt.Sprintf(`{"title":"Night shelter forum","starts_at":"%sT01:30:00+01:00","ends_at":"%sT03:00:00Z",
		"format":"online","online_url":"https://meet.example.org/night","recurrence":{"rule":"FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=3"}}`,
		oct.Format(time.DateOnly), oct.Format(time.DateOnly))
	resp, text := f.API(t, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create series: %d %s", resp.StatusCode, text)
	}
	var out struct {
		Occurrences []int64 `json:"occurrence_ids"`
		Moved       []web.MovedJSON
	}
	MustDecode(t, text, &out)
	if len(out.Occurrences) != 3 || len(out.Moved) != 2 {
		t.Fatalf("got %d occurrences and %d moved, want 3 and 2: %s", len(out.Occurrences), len(out.Moved), text)
	}
	// In March 01:30 does not exist: 02:30 BST. In October it happens
	// twice: the first, BST.
	nextOct := lastSunday(year+1, time.October)
	want := []web.MovedJSON{
		{EventID: out.Occurrences[1], StartsAt: mar.Format(time.DateOnly) + "T02:30:00+01:00", Note: "does not exist"},
		{EventID: out.Occurrences[2], StartsAt: nextOct.Format(time.DateOnly) + "T01:30:00+01:00", Note: "happens twice"},
	}
	for i, w := range want {
		got := out.Moved[i]
		if got.EventID != w.EventID || got.StartsAt != w.StartsAt || !strings.Contains(got.Note, w.Note) {
			t.Errorf("moved[%d]: got %+v, want %+v", i, got, w)
		}
	}
}

// The page after creating a series says the same.
func TestSeriesPageSaysWhatClockChangesMoved(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	mar := lastSunday(time.Now().Year()+1, time.March)
	resp, text := f.MustClient(t, coordA).Page(t, http.MethodPost, "/hubs/hub-a/events", url.Values{
		"title": {"Early peer check-in"}, "date": {mar.AddDate(0, 0, -7).Format(time.DateOnly)}, "start_time": {"01:30"},
		"end_time": {"02:45"}, "format": {"online"}, "online_url": {"https://meet.example.org/early"}, "visibility": {"public"},
		"repeat": {"weekly"}, "repeat_count": {"2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create series: %d %s", resp.StatusCode, text)
	}
	var flash string
	for _, ck := range resp.Cookies() {
		if ck.Name == web.FlashCookie {
			b, _ := base64.RawURLEncoding.DecodeString(ck.Value)
			flash = string(b)
		}
	}
	want := "Clock changes moved 1 of the events (a time that does not exist moves forward; one that happens twice means the first): " +
		mar.Format("2 Jan 2006") + " now 02:30 BST–02:45 BST."
	if !strings.Contains(flash, want) || len(flash) > 500 {
		t.Errorf("confirmation: got %q, want it to contain %q", flash, want)
	}
}

// Rules as calendars write them through the API, and refusals naming the
// limit.
func TestSeriesRulePartsOverAPI(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	loc := londonZone(t)
	// A Tuesday two weeks or more from today, counted in days as
	// eventBodyAt counts them (dividing the hours until it by 24 is a day
	// out after midnight).
	now := time.Now().In(loc)
	days := 14
	for now.AddDate(0, 0, days).Weekday() != time.Tuesday {
		days++
	}
	d := now.AddDate(0, 0, days)
	for rule, want := range map[string]string{
		"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4":                                        "",
		"FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1,-1;COUNT=2":                            "starts_at",
		"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=104;INTERVAL=3":                           "at most 2 years",
		"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=" + d.AddDate(2, 0, 0).Format("20060102"): "more than 104 events",
		"FREQ=YEARLY;BYMONTH=13;COUNT=2":                                         "BYMONTH",
	} {
		resp, text := f.API(t, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", eventBodyAt(days, `,"recurrence":{"rule":"`+rule+`"}`))
		switch {
		case want == "" && resp.StatusCode != http.StatusCreated:
			t.Errorf("%s: got %d %s, want 201", rule, resp.StatusCode, text)
		case want != "" && (resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, want)):
			t.Errorf("%s: got %d %s, want 422 saying %q", rule, resp.StatusCode, text, want)
		}
	}
}
