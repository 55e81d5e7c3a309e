package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAgendaEditing: items are added, moved (re-timed back to back),
// shifted, edited and removed through the agenda page; bad items are
// refused with the field named.
func TestAgendaEditing(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, coordA)
	base := "/events/" + itoa(f.Event.ID) + "/agenda"
	_, page := c.Page(t, http.MethodGet, base, nil)
	form := MustForm(t, page, base)
	start := form.Get("start_time") // the event's start
	h := start[:2]
	add := func(from, to, title, kind string) (*http.Response, string) {
		v := url.Values{"date": {form.Get("date")}, "start_time": {from}, "end_time": {to}, "title": {title}, "kind": {kind}}
		return c.Page(t, http.MethodPost, base, v)
	}
	for _, it := range [][4]string{{h + ":00", h + ":20", "Welcome", "talk"}, {h + ":20", h + ":50", "Peer panel", "discussion"}, {h + ":50", plusHour(h) + ":00", "Lunch", "break"}} {
		if resp, body := add(it[0], it[1], it[2], it[3]); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %s: %d %s", it[2], resp.StatusCode, truncate(body, 200))
		}
	}
	t.Run("ErrOverlap", func(t *testing.T) {
		resp, body := add(h+":10", h+":30", "Clash", "talk")
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "overlaps") {
			t.Errorf("overlapping item: %d", resp.StatusCode)
		}
	})
	t.Run("ErrOutsideEvent", func(t *testing.T) {
		resp, body := add("03:00", "04:00", "Too early", "talk")
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#f-start-time"`) {
			t.Errorf("item outside the event: %d", resp.StatusCode)
		}
	})
	agenda := func() []storageItem {
		t.Helper()
		entries, err := f.db.AgendaOf(t.Context(), f.Event.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]storageItem, len(entries))
		for i, e := range entries {
			out[i] = storageItem{e.ID, e.Title, e.StartsAt.In(londonZone(t)).Format("15:04"), e.EndsAt.In(londonZone(t)).Format("15:04")}
		}
		return out
	}
	items := agenda()
	// Move the panel up: re-timed back to back from the first start.
	if resp, _ := c.Page(t, http.MethodPost, base+"/"+itoa(items[1].ID)+"/move", url.Values{"direction": {"up"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: %d", resp.StatusCode)
	}
	items = agenda()
	if items[0].Title != "Peer panel" || items[0].Start != h+":00" || items[0].End != h+":30" || items[1].Start != h+":30" || items[1].End != h+":50" {
		t.Errorf("after moving up: %+v", items)
	}
	// Shift the second and third items 10 minutes later.
	if resp, _ := c.Page(t, http.MethodPost, base+"/shift", url.Values{"item": {itoa(items[1].ID)}, "minutes": {"10"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("shift: %d", resp.StatusCode)
	}
	items = agenda()
	if items[0].Start != h+":00" || items[1].Start != h+":40" || items[2].End != plusHour(h)+":10" {
		t.Errorf("after shifting: %+v", items)
	}
	t.Run("ErrShiftBadMinutes", func(t *testing.T) {
		resp, _ := c.Page(t, http.MethodPost, base+"/shift", url.Values{"item": {itoa(items[1].ID)}, "minutes": {"soon"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("shift by 'soon': %d", resp.StatusCode)
		}
	})
	// Edit, then remove.
	edit := url.Values{"date": {form.Get("date")}, "start_time": {items[2].Start}, "end_time": {items[2].End}, "title": {"Lunch and networking"}, "kind": {"networking"}}
	if resp, _ := c.Page(t, http.MethodPost, base+"/"+itoa(items[2].ID), edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if resp, _ := c.Page(t, http.MethodPost, base+"/"+itoa(items[0].ID)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	items = agenda()
	if len(items) != 2 || items[1].Title != "Lunch and networking" {
		t.Errorf("after edit and delete: %+v", items)
	}
	_, page = c.Page(t, http.MethodGet, "/events/"+itoa(f.Event.ID), nil)
	if !strings.Contains(page, "Lunch and networking") || !strings.Contains(page, "agenda__item--networking") {
		t.Error("the event page does not show the networking slot as such")
	}
}

type storageItem struct {
	ID                int64
	Title, Start, End string
}

func plusHour(h string) string {
	n := (int(h[0]-'0')*10 + int(h[1]-'0') + 1) % 24
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
