package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// send makes an API request as kind with extra headers; unlike API it may
// run in any goroutine, returning what went wrong instead of failing.
func (f *fixture) send(kind actorKind, method, path string, body any, header map[string]string) (*http.Response, string, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return nil, "", err
	}
	req, err := http.NewRequest(method, f.app.URL+path, strings.NewReader(string(data)))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+f.Tokens[kind])
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := f.app.Client.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp, string(out), err
}

// MustSend is send for the test's own goroutine.
func (f *fixture) MustSend(tb testing.TB, kind actorKind, method, path string, body any, header map[string]string) (*http.Response, string) {
	tb.Helper()
	resp, out, err := f.send(kind, method, path, body, header)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	return resp, out
}

// TestConcurrentEventPatches: two PATCHes of different fields of an event
// sent at once both take effect, in every one of 30 runs.
func TestConcurrentEventPatches(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/api/v1/events/" + itoa(f.Event.ID)
	for run := range 30 {
		title, capacity := fmt.Sprintf("Run %d", run), 20+run
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, body := range []map[string]any{{"capacity": capacity}, {"title": title}} {
			wg.Go(func() {
				resp, out, err := f.send(coordA, http.MethodPatch, path, body, nil)
				if err == nil && resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("PATCH %v: %d %s", body, resp.StatusCode, truncate(out, 200))
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		d, err := f.db.EventByID(t.Context(), f.Event.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != title || d.Capacity == nil || *d.Capacity != capacity {
			t.Errorf("run %d: got title %q, capacity %v; want %q and %d", run, d.Title, deref(d.Capacity), title, capacity)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestIfMatch: every PATCHable resource and the agenda carry an ETag on
// GET and on writes; a write with a stale If-Match is refused with 412 and
// changes nothing; with the current one it succeeds with a new ETag.
func TestIfMatch(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ev := "/api/v1/events/" + itoa(f.Event.ID)
	item := func(title string, from, to time.Duration) map[string]any {
		return map[string]any{"title": title, "kind": "talk",
			"starts_at": f.Event.StartsAt.Add(from).Format(time.RFC3339), "ends_at": f.Event.StartsAt.Add(to).Format(time.RFC3339)}
	}
	agenda := func(title string) map[string]any {
		return map[string]any{"items": []any{item(title, 0, 30*time.Minute)}}
	}
	for _, tc := range []struct {
		name, path, method string
		kind               actorKind
		body               func(v string) any
	}{
		{"Hub", "/api/v1/hubs/hub-a", http.MethodPatch, coordA, func(v string) any { return map[string]any{"region": v} }},
		{"Organisation", "/api/v1/organisations/" + itoa(f.OrgA.ID), http.MethodPatch, member, func(v string) any { return map[string]any{"description": v} }},
		{"Event", ev, http.MethodPatch, coordA, func(v string) any { return map[string]any{"summary": v} }},
		{"Agenda", ev + "/agenda", http.MethodPut, coordA, func(v string) any { return agenda(v) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := f.MustSend(t, tc.kind, http.MethodGet, tc.path, nil, nil)
			first := resp.Header.Get("ETag")
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(first, `"`) {
				t.Fatalf("GET: %d, ETag %q; want 200 and a strong ETag", resp.StatusCode, first)
			}
			// Someone else writes: first is now stale.
			resp, _ = f.MustSend(t, tc.kind, tc.method, tc.path, tc.body("Theirs"), nil)
			second := resp.Header.Get("ETag")
			if resp.StatusCode != http.StatusOK || second == "" || second == first {
				t.Fatalf("write: %d, ETag %q after %q; want 200 and a new ETag", resp.StatusCode, second, first)
			}
			t.Run("ErrStale", func(t *testing.T) {
				for _, tag := range []string{first, "W/" + second, `"nonsense"`} {
					resp, body := f.MustSend(t, tc.kind, tc.method, tc.path, tc.body("Mine"), map[string]string{"If-Match": tag})
					if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(body, `"precondition_failed"`) {
						t.Errorf("If-Match %s: %d %s; want 412 precondition_failed", tag, resp.StatusCode, truncate(body, 200))
					}
				}
				resp, body := f.MustSend(t, tc.kind, http.MethodGet, tc.path, nil, nil)
				if strings.Contains(body, "Mine") || !strings.Contains(body, "Theirs") || resp.Header.Get("ETag") != second {
					t.Errorf("after refused writes: ETag %q (want %q), body %s", resp.Header.Get("ETag"), second, truncate(body, 300))
				}
			})
			t.Run("OK", func(t *testing.T) {
				resp, body := f.MustSend(t, tc.kind, tc.method, tc.path, tc.body("Mine"), map[string]string{"If-Match": first + ", " + second})
				third := resp.Header.Get("ETag")
				if resp.StatusCode != http.StatusOK || third == "" || third == second || !strings.Contains(body, "Mine") {
					t.Fatalf("If-Match current: %d, ETag %q after %q: %s", resp.StatusCode, third, second, truncate(body, 200))
				}
				if resp, _ := f.MustSend(t, tc.kind, http.MethodGet, tc.path, nil, nil); resp.Header.Get("ETag") != third {
					t.Errorf("GET ETag %q, want %q as the write answered", resp.Header.Get("ETag"), third)
				}
			})
		})
	}
}

// TestStaleForms: a page form sent after someone else saved the same
// thing is shown again with their changes and a message, and saves
// nothing.
func TestStaleForms(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ev := itoa(f.Event.ID)
	endClock := f.Event.StartsAt.Add(20 * time.Minute).In(londonZone(t)).Format("15:04")
	for _, tc := range []struct {
		name, page, action, field string
		kind                      actorKind
		theirs                    func(t *testing.T)
		stored                    func(t *testing.T) string
	}{
		{"HubSettings", "/hubs/hub-a/settings", "/hubs/hub-a/settings", "region", coordA,
			func(t *testing.T) {
				f.MustSend(t, coordA, http.MethodPatch, "/api/v1/hubs/hub-a", map[string]any{"region": "Theirs"}, nil)
			},
			func(t *testing.T) string { h, _ := f.db.HubByID(t.Context(), f.HubA.ID); return h.Region }},
		{"Organisation", "/organisations/" + itoa(f.OrgA.ID) + "/edit", "/organisations/" + itoa(f.OrgA.ID), "description", member,
			func(t *testing.T) {
				f.MustSend(t, member, http.MethodPatch, "/api/v1/organisations/"+itoa(f.OrgA.ID), map[string]any{"description": "Theirs"}, nil)
			},
			func(t *testing.T) string { o, _ := f.db.OrganisationByID(t.Context(), f.OrgA.ID); return o.Description }},
		{"Event", "/events/" + ev + "/edit", "/events/" + ev, "summary", coordA,
			func(t *testing.T) {
				f.MustSend(t, coordA, http.MethodPatch, "/api/v1/events/"+ev, map[string]any{"summary": "Theirs"}, nil)
			},
			func(t *testing.T) string { d, _ := f.db.EventByID(t.Context(), f.Event.ID); return d.Summary }},
		{"Agenda", "/events/" + ev + "/agenda", "/events/" + ev + "/agenda", "title", coordA,
			func(t *testing.T) {
				f.MustSend(t, coordA, http.MethodPut, "/api/v1/events/"+ev+"/agenda", map[string]any{"items": []any{map[string]any{"title": "Theirs", "kind": "talk",
					"starts_at": f.Event.StartsAt.Format(time.RFC3339), "ends_at": f.Event.StartsAt.Add(20 * time.Minute).Format(time.RFC3339)}}}, nil)
			},
			func(t *testing.T) string {
				items, _ := f.db.AgendaOf(t.Context(), f.Event.ID)
				var titles []string
				for _, it := range items {
					titles = append(titles, it.Title)
				}
				return strings.Join(titles, ",")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := f.MustClient(t, tc.kind)
			_, page := c.Page(t, http.MethodGet, tc.page, nil)
			form := MustForm(t, page, tc.action)
			if form.Get("version") == "" {
				t.Fatalf("the form carries no version: %v", form)
			}
			tc.theirs(t)
			form.Set(tc.field, "Mine")
			if tc.name == "Agenda" { // a later slot, clear of their item
				form.Set("start_time", endClock)
				form.Set("end_time", f.Event.StartsAt.Add(40*time.Minute).In(londonZone(t)).Format("15:04"))
			}
			resp, body := c.Page(t, http.MethodPost, tc.action, form)
			if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Someone else changed this") ||
				!strings.Contains(body, "Their changes are shown; make yours again.") || !strings.Contains(body, "Theirs") {
				t.Errorf("stale form: %d %s; want 409 with the message and their changes", resp.StatusCode, truncate(body, 300))
			}
			if got := tc.stored(t); got != "Theirs" {
				t.Errorf("stored %s = %q, want their %q only", tc.field, got, "Theirs")
			}
			// The form shown again carries the new version: sent as it is, it saves.
			again := MustForm(t, body, tc.action)
			again.Set(tc.field, "Mine")
			if tc.name == "Agenda" {
				again.Set("start_time", endClock)
				again.Set("end_time", f.Event.StartsAt.Add(40*time.Minute).In(londonZone(t)).Format("15:04"))
			}
			if resp, body := c.Page(t, http.MethodPost, tc.action, again); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("form shown again, sent: %d %s", resp.StatusCode, truncate(body, 300))
			}
		})
	}
}

// TestAgendaPutIDs: PUT keeps the ids of items sent with one, gives new
// ones to items without, removes the event's items not sent, and refuses
// an id of another event's item, naming the field.
func TestAgendaPutIDs(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/api/v1/events/" + itoa(f.Event.ID) + "/agenda"
	at := func(title string, from, to int, id int64) map[string]any {
		it := map[string]any{"title": title, "kind": "talk",
			"starts_at": f.Event.StartsAt.Add(time.Duration(from) * time.Minute).Format(time.RFC3339),
			"ends_at":   f.Event.StartsAt.Add(time.Duration(to) * time.Minute).Format(time.RFC3339)}
		if id != 0 {
			it["id"] = id
		}
		return it
	}
	put := func(t *testing.T, items ...any) (*http.Response, api.List[api.AgendaItemJSON], string) {
		t.Helper()
		resp, body := f.API(t, coordA, http.MethodPut, path, map[string]any{"items": items})
		var out api.List[api.AgendaItemJSON]
		if resp.StatusCode == http.StatusOK {
			MustDecode(t, body, &out)
		}
		return resp, out, body
	}
	resp, first, body := put(t, at("Welcome", 0, 20, 0), at("Panel", 20, 60, 0))
	if resp.StatusCode != http.StatusOK || len(first.Items) != 2 {
		t.Fatalf("first PUT: %d %s", resp.StatusCode, body)
	}
	welcome, panel := first.Items[0].ID, first.Items[1].ID
	t.Run("OK", func(t *testing.T) {
		// The panel moves first and is renamed; the welcome is dropped; lunch is new.
		resp, got, body := put(t, at("Panel, renamed", 0, 40, panel), at("Lunch", 40, 80, 0))
		if resp.StatusCode != http.StatusOK || len(got.Items) != 2 {
			t.Fatalf("second PUT: %d %s", resp.StatusCode, body)
		}
		if got.Items[0].ID != panel || got.Items[0].Title != "Panel, renamed" {
			t.Errorf("first item %+v, want the panel keeping id %d", got.Items[0], panel)
		}
		if id := got.Items[1].ID; id == welcome || id == panel || id == 0 {
			t.Errorf("new item got id %d; want a fresh one (welcome was %d, panel %d)", id, welcome, panel)
		}
	})
	t.Run("ErrOtherEventsItem", func(t *testing.T) {
		other, err := f.db.CreateEvent(t.Context(), nil, storage.NewEvent{Event: events.Event{HubID: f.HubA.ID, Title: "Other",
			StartsAt: f.Event.StartsAt, EndsAt: f.Event.EndsAt, Format: events.FormatOnline, Visibility: events.VisibilityPublic, Status: events.StatusDraft}})
		if err != nil {
			t.Fatal(err)
		}
		it := events.AgendaItem{Title: "Theirs", Kind: events.KindTalk, StartsAt: other.StartsAt, EndsAt: other.StartsAt.Add(time.Hour)}
		if err := f.db.ReplaceAgenda(t.Context(), hub.System, other.ID, []events.AgendaItem{it}); err != nil {
			t.Fatal(err)
		}
		theirs, err := f.db.AgendaOf(t.Context(), other.ID)
		if err != nil || len(theirs) != 1 {
			t.Fatal(theirs, err)
		}
		before, _ := f.db.AgendaOf(t.Context(), f.Event.ID)
		for name, items := range map[string][]any{
			"another event's":     {at("Lunch", 40, 80, 0), at("Stolen", 0, 20, theirs[0].ID)},
			"unknown":             {at("Lunch", 40, 80, 0), at("Made up", 0, 20, 1<<40)},
			"the same one, twice": {at("Panel", 0, 20, panel), at("Panel again", 20, 30, panel)},
		} {
			resp, _, body := put(t, items...)
			var e web.ErrorBody
			MustDecode(t, body, &e)
			if resp.StatusCode != http.StatusUnprocessableEntity || e.Error.Fields["items[1].id"] == "" {
				t.Errorf("%s id: %d %s; want 422 naming items[1].id", name, resp.StatusCode, body)
			}
		}
		after, _ := f.db.AgendaOf(t.Context(), f.Event.ID)
		if fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("refused PUTs changed the agenda: %v, was %v", after, before)
		}
		if still, _ := f.db.AgendaOf(t.Context(), other.ID); len(still) != 1 || still[0].Title != "Theirs" {
			t.Errorf("the other event's agenda: %+v", still)
		}
	})
}
