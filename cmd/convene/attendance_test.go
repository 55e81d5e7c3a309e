package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestEvaluatorSeesAttendance: the evaluator of a hub (and its
// coordinators) see each past event's attendance in numbers, on a page and
// through the API, and never a name, an email or access needs; nobody
// else sees it.
func TestEvaluatorSeesAttendance(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	start := time.Now().Add(-72 * time.Hour).Truncate(time.Hour).UTC()
	past, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Trauma-informed practice day", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Format: events.FormatInPerson, Venue: "Gateshead", Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pgtest.SQL(f.db).ExecContext(ctx, `
		INSERT INTO registrations (event_id, person_id, guest_name, guest_email, attendee_role, access_needs, status, created_at, attended_at, walk_in)
		VALUES ($1, NULL, 'Private Guest', 'private.guest@example.org', 'lived_experience', 'Hearing loop please', 'registered', $2, $3, false),
		       ($1, $4, '', '', 'peer_support_worker', '', 'registered', $2, NULL, false),
		       ($1, NULL, 'Door Person', '', 'other', '', 'registered', $3, $3, true)`,
		past.ID, start.Add(-48*time.Hour), start.Add(10*time.Minute), f.People[member].ID)
	if err != nil {
		t.Fatal(err)
	}
	private := []string{"Private Guest", "private.guest@example.org", "Hearing loop", "Door Person", f.People[member].Name, f.People[member].Email}

	for _, k := range []actorKind{evaluator, coordA, adminK} {
		resp, page := f.MustClient(t, k).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug+"/attendance", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("attendance page as %s: %d", k, resp.StatusCode)
		}
		mustContain(t, "the attendance page", page, "Trauma-informed practice day", "Person with lived experience", "No organisation")
		mustNotContain(t, "the attendance page", page, private...)
	}
	_, hubPage := f.MustClient(t, evaluator).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug, nil)
	mustContain(t, "the hub page an evaluator sees", hubPage, `href="/hubs/`+f.HubA.Slug+`/attendance"`)
	_, hubPage = f.MustClient(t, member).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug, nil)
	mustNotContain(t, "the hub page a member sees", hubPage, "/attendance")

	resp, text := f.API(t, evaluator, http.MethodGet, "/api/v1/hubs/"+f.HubA.Slug+"/attendance", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API as the evaluator: %d %s", resp.StatusCode, text)
	}
	mustNotContain(t, "the API's attendance", text, private...)
	var got struct {
		Items []api.AttendanceJSON `json:"items"`
	}
	MustDecode(t, text, &got)
	if len(got.Items) != 1 {
		t.Fatalf("API lists %d past events, want 1: %s", len(got.Items), text)
	}
	e := got.Items[0]
	if want := (api.TotalsJSON{Registered: 2, Attended: 2, NoShows: 1, WalkIns: 1}); e.TotalsJSON != want {
		t.Errorf("totals %+v, want %+v", e.TotalsJSON, want)
	}
	if want := (api.TotalsJSON{Registered: 1, NoShows: 1}); e.ByOrganisationKind[string(f.OrgA.Kind)] != want {
		t.Errorf("%s: %+v, want %+v (%s)", f.OrgA.Kind, e.ByOrganisationKind[string(f.OrgA.Kind)], want, text)
	}
	if want := (api.TotalsJSON{Registered: 1, Attended: 1}); e.ByAttendeeRole["lived_experience"] != want {
		t.Errorf("lived experience: %+v, want %+v", e.ByAttendeeRole["lived_experience"], want)
	}

	t.Run("ErrNotTheirHub", func(t *testing.T) {
		for _, k := range []actorKind{coordB, member, attendee} {
			if resp, _ := f.MustClient(t, k).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug+"/attendance", nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("page as %s: %d, want 403", k, resp.StatusCode)
			}
			if resp, _ := f.API(t, k, http.MethodGet, "/api/v1/hubs/"+f.HubA.Slug+"/attendance", nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("API as %s: %d, want 403", k, resp.StatusCode)
			}
		}
		if resp, _ := f.API(t, evaluator, http.MethodGet, "/api/v1/hubs/"+f.HubB.Slug+"/attendance", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("evaluator of hub A asking for hub B: %d, want 403", resp.StatusCode)
		}
		if resp, _ := f.API(t, evaluator, http.MethodGet, "/api/v1/hubs/"+f.HubA.Slug+"/attendance?limit=nonsense", nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("bad limit: %d, want 422", resp.StatusCode)
		}
	})
}
