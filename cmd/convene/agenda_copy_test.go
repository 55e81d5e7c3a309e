package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestCopyAgendaAPI: a coordinator of hub A copies the first occurrence's
// agenda into the rest of a series; others cannot, and a source of hub B
// is refused naming the field.
func TestCopyAgendaAPI(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	series, occ := MustSeries(t, f, 3)
	var first struct {
		StartsAt string `json:"starts_at"`
	}
	_, text := f.API(t, coordA, http.MethodGet, fmt.Sprintf("/api/v1/events/%d", occ[0]), nil)
	MustDecode(t, text, &first)
	item := fmt.Sprintf(`{"items":[{"title":"Welcome","kind":"talk","starts_at":%q,"ends_at":%q}]}`, first.StartsAt,
		strings.Replace(first.StartsAt, "T10:00", "T10:30", 1))
	if resp, text := f.API(t, coordA, http.MethodPut, fmt.Sprintf("/api/v1/events/%d/agenda", occ[0]), item); resp.StatusCode != http.StatusOK {
		t.Fatalf("agenda: %d %s", resp.StatusCode, text)
	}
	copyPath := fmt.Sprintf("/api/v1/events/%d/agenda/copy", occ[1])
	body := fmt.Sprintf(`{"source_event_id":%d,"scope":"following"}`, occ[0])

	for _, tc := range []struct {
		name string
		who  actorKind
		want int
	}{{"ErrAnonymous", anon, http.StatusUnauthorized}, {"ErrMember", member, http.StatusForbidden}, {"ErrCoordinatorOfAnotherHub", coordB, http.StatusForbidden}} {
		t.Run(tc.name, func(t *testing.T) {
			for _, req := range [][3]string{{http.MethodPost, copyPath, body}, {http.MethodGet, fmt.Sprintf("/api/v1/series/%d", series), ""},
				{http.MethodPost, fmt.Sprintf("/api/v1/series/%d/publish", series), `{}`}} {
				var b any
				if req[2] != "" {
					b = req[2]
				}
				// A draft the caller may not see is 404 rather than 403.
				if resp, text := f.API(t, tc.who, req[0], req[1], b); resp.StatusCode != tc.want && (tc.want != http.StatusForbidden || resp.StatusCode != http.StatusNotFound) {
					t.Errorf("%s %s: %d, want %d: %s", req[0], req[1], resp.StatusCode, tc.want, text)
				}
			}
		})
	}
	t.Run("ErrSourceOfAnotherHub", func(t *testing.T) {
		resp, text := f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/events", eventBodyAt(12, ""))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("hub B event: %d %s", resp.StatusCode, text)
		}
		var other struct {
			ID int64 `json:"id"`
		}
		MustDecode(t, text, &other)
		resp, text = f.API(t, coordA, http.MethodPost, copyPath, fmt.Sprintf(`{"source_event_id":%d}`, other.ID))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "source_event_id") {
			t.Errorf("got %d %s, want 422 naming source_event_id", resp.StatusCode, text)
		}
	})
	t.Run("OK", func(t *testing.T) {
		resp, text := f.API(t, coordA, http.MethodPost, copyPath, body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"copied":2`) || !strings.Contains(text, `"skipped":0`) {
			t.Fatalf("copy: %d %s", resp.StatusCode, text)
		}
		resp, text = f.API(t, coordA, http.MethodPost, copyPath, `{"scope":"this"}`)
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"copied":0`) || !strings.Contains(text, `"skipped":1`) {
			t.Errorf("copy from the previous occurrence again: %d %s, want 1 skipped", resp.StatusCode, text)
		}
		resp, text = f.API(t, coordA, http.MethodPost, fmt.Sprintf("/api/v1/series/%d/publish", series), fmt.Sprintf(`{"from_event_id":%d}`, occ[1]))
		if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"published":2`) {
			t.Errorf("publish: %d %s", resp.StatusCode, text)
		}
		resp, text = f.API(t, coordA, http.MethodGet, fmt.Sprintf("/api/v1/series/%d", series), nil)
		if resp.StatusCode != http.StatusOK || strings.Count(text, `"status":"published"`) != 2 || strings.Count(text, `"attended":0`) != 3 {
			t.Errorf("series: %d %s", resp.StatusCode, text)
		}
	})
}
