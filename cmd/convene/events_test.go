package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage/pgtest"
)

// eventBodyAt is a valid event body starting days ahead at 10:00 London.
func eventBodyAt(days int, extra string) string {
	loc, _ := time.LoadLocation("Europe/London")
	d := time.Now().In(loc).AddDate(0, 0, days)
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, loc)
	return fmt.Sprintf(`{"title":"Trauma-informed practice workshop","summary":"Sharing what works.","starts_at":%q,"ends_at":%q,
		"format":"in_person","venue":"Calder Hall, 3 Mill Lane, Halifax HX1 1AA","visibility":"public","audiences":["practitioners"],
		"topics":["trauma-informed-approaches"]%s}`, start.Format(time.RFC3339), start.Add(3*time.Hour).Format(time.RFC3339), extra)
}

// MustCreateEvent creates an event in hub A through the API as its
// coordinator and returns its id.
func MustCreateEvent(tb testing.TB, f *fixture, body string) int64 {
	tb.Helper()
	resp, text := f.API(tb, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", body)
	if resp.StatusCode != http.StatusCreated {
		tb.Fatalf("create event: %d %s", resp.StatusCode, text)
	}
	var e struct{ ID int64 }
	MustDecode(tb, text, &e)
	return e.ID
}

func TestEventLifecycle(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	id := MustCreateEvent(t, f, eventBodyAt(10, `,"capacity":2`))
	path := "/api/v1/events/" + itoa(id)

	if resp, _ := f.API(t, anon, http.MethodGet, path, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a draft seen by anyone: %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.API(t, anon, http.MethodPost, path+"/registrations", `{"guest_name":"Early","guest_email":"early@example.org","attendee_role":"other"}`); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("registering for a draft: %d, want 404", resp.StatusCode)
	}
	if resp, text := f.API(t, coordA, http.MethodPost, path+"/publish", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("publish: %d %s", resp.StatusCode, text)
	}
	if resp, _ := f.API(t, coordA, http.MethodPost, path+"/publish", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("publishing twice: %d, want 409", resp.StatusCode)
	}

	register := func(name string) (int, api.PlacedJSON) {
		t.Helper()
		resp, text := f.API(t, anon, http.MethodPost, path+"/registrations",
			fmt.Sprintf(`{"guest_name":%q,"guest_email":"%s@example.org","attendee_role":"peer_support_worker","access_needs":"Step-free access"}`, name, strings.ToLower(name)))
		var p api.PlacedJSON
		if resp.StatusCode == http.StatusCreated {
			MustDecode(t, text, &p)
		}
		return resp.StatusCode, p
	}
	_, first := register("Aisha")
	_, second := register("Bea")
	_, third := register("Cal")
	_, fourth := register("Dev")
	if first.Status != "registered" || second.Status != "registered" || third.Status != "waitlisted" || third.Position != 1 || fourth.Position != 2 {
		t.Fatalf("placed %+v %+v %+v %+v; want two places then waitlist 1 and 2", first, second, third, fourth)
	}
	if first.ManageURL == "" {
		t.Fatal("a guest got no manage link")
	}
	if status, _ := register("Aisha"); status != http.StatusAccepted {
		t.Errorf("same guest again: %d, want 202 (check your email)", status)
	}
	first.ManageURL = mustMailedLink(t, f, "aisha@example.org", "/registrations/manage/") // a fresh link, emailed

	// Access needs are for coordinators only.
	_, public := f.API(t, anon, http.MethodGet, path, nil)
	if strings.Contains(public, "Step-free") {
		t.Error("the public event shows access needs")
	}
	_, regs := f.API(t, coordA, http.MethodGet, path+"/registrations", nil)
	if !strings.Contains(regs, "Step-free access") {
		t.Error("coordinators do not see access needs")
	}

	token := first.ManageURL[strings.LastIndex(first.ManageURL, "/")+1:]
	t.Run("ErrTokenOfAnother", func(t *testing.T) {
		resp, _ := f.API(t, anon, http.MethodDelete, "/api/v1/registrations/"+itoa(second.ID)+"?token="+token, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cancelling another's registration with my link: %d, want 403", resp.StatusCode)
		}
	})
	resp, text := f.API(t, anon, http.MethodDelete, "/api/v1/registrations/"+itoa(first.ID)+"?token="+url.QueryEscape(token), nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"promoted":1`) {
		t.Fatalf("cancel by link: %d %s", resp.StatusCode, text)
	}
	_, regs = f.API(t, coordA, http.MethodGet, path+"/registrations", nil)
	var list struct{ Items []api.RegistrationJSON }
	MustDecode(t, regs, &list)
	status := map[string]string{}
	for _, r := range list.Items {
		status[r.Name] = r.Status
	}
	if status["Cal"] != "registered" || status["Dev"] != "waitlisted" || status["Aisha"] != "cancelled" {
		t.Errorf("after a cancellation: %v; want Cal promoted, Dev waiting", status)
	}

	if resp, _ := f.API(t, coordA, http.MethodPut, "/api/v1/registrations/"+itoa(second.ID)+"/attendance", `{"attended":true}`); resp.StatusCode != http.StatusOK {
		t.Errorf("check in: %d", resp.StatusCode)
	}
	if resp, _ := f.API(t, coordA, http.MethodPost, path+"/walk-ins", `{"name":"Eli","attendee_role":"lived_experience"}`); resp.StatusCode != http.StatusCreated {
		t.Errorf("walk-in: %d", resp.StatusCode)
	}
	if resp, text := f.API(t, coordA, http.MethodPost, path+"/cancel", `{"reason":"The venue is flooded."}`); resp.StatusCode != http.StatusOK || !strings.Contains(text, `"status":"cancelled"`) {
		t.Errorf("cancel event: %d %s", resp.StatusCode, text)
	}
	if status, _ := register("Finn"); status != http.StatusConflict {
		t.Errorf("registering for a cancelled event: %d, want 409", status)
	}
}

// TestWeeklySeriesAcrossClockChanges: a weekly 19:00 Europe/London series
// from early March to mid-November is at 19:00 local every time.
func TestWeeklySeriesAcrossClockChanges(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	year := time.Now().Year() + 1
	body := fmt.Sprintf(`{"title":"Peer network meeting","starts_at":"%d-03-03T19:00:00Z","ends_at":"%d-03-03T20:30:00Z",
		"format":"online","online_url":"https://meet.example.org/peer","recurrence":{"rule":"FREQ=WEEKLY;UNTIL=%d1115"}}`, year, year, year)
	resp, text := f.API(t, coordA, http.MethodPost, "/api/v1/hubs/hub-a/events", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create series: %d %s", resp.StatusCode, text)
	}
	var out struct {
		Occurrences []int64 `json:"occurrence_ids"`
	}
	MustDecode(t, text, &out)
	if len(out.Occurrences) < 36 {
		t.Fatalf("%d occurrences, want one a week from March to mid-November", len(out.Occurrences))
	}
	var wrong []string
	err := pgtest.SQL(f.db).SelectContext(context.Background(), &wrong, `
		SELECT to_char(starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') FROM events
		WHERE id = ANY($1) AND (to_char(starts_at AT TIME ZONE 'Europe/London', 'HH24:MI') <> '19:00'
			OR to_char(ends_at AT TIME ZONE 'Europe/London', 'HH24:MI') <> '20:30')`, int64s(out.Occurrences))
	if err != nil {
		t.Fatal(err)
	}
	if len(wrong) > 0 {
		t.Errorf("occurrences not at 19:00–20:30 local: %v", wrong)
	}
}

func TestEventBadInput(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ev := "/api/v1/events/" + itoa(f.Event.ID)
	loc, _ := time.LoadLocation("Europe/London")
	start := f.Event.StartsAt.In(loc)
	at := func(h, m int) string {
		return time.Date(start.Year(), start.Month(), start.Day(), h, m, 0, 0, loc).Format(time.RFC3339)
	}
	cases := []struct {
		name, method, path, body string
		kind                     actorKind
		status                   int
		field                    string
	}{
		{"EndBeforeStart", "POST", "/api/v1/hubs/hub-a/events", withField(eventBodyAt(5, ""), "ends_at", "2020-01-01T00:00:00Z"), coordA, 422, "ends_at"},
		{"StartInPast", "POST", "/api/v1/hubs/hub-a/events", eventBodyAt(-3, ""), coordA, 422, "starts_at"},
		{"CapacityNegative", "POST", "/api/v1/hubs/hub-a/events", eventBodyAt(5, `,"capacity":-4`), coordA, 422, "capacity"},
		{"CapacityNotNumber", "POST", "/api/v1/hubs/hub-a/events", eventBodyAt(5, `,"capacity":"lots"`), coordA, 422, "capacity"},
		{"UnknownTopic", "POST", "/api/v1/hubs/hub-a/events", strings.Replace(eventBodyAt(5, ""), "trauma-informed-approaches", "astrology", 1), coordA, 422, "topics"},
		{"BadTime", "POST", "/api/v1/hubs/hub-a/events", withField(eventBodyAt(5, ""), "starts_at", "next tuesday"), coordA, 422, "starts_at"},
		{"TimeWithoutOffset", "POST", "/api/v1/hubs/hub-a/events", withField(eventBodyAt(5, ""), "starts_at", "2030-03-03T10:00:00"), coordA, 422, "starts_at"},
		{"BadRule", "POST", "/api/v1/hubs/hub-a/events", eventBodyAt(5, `,"recurrence":{"rule":"FREQ=HOURLY"}`), coordA, 422, "recurrence"},
		{"InPersonWithoutVenue", "PATCH", ev, `{"venue":""}`, coordA, 422, "venue"},
		{"OtherHubsCoordinator", "PATCH", ev, `{"title":"Mine now"}`, coordB, 403, ""},
		{"AgendaOutsideEvent", "PUT", ev + "/agenda", fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"Too early","kind":"talk"}]}`, at(6, 0), at(7, 0)), coordA, 422, "items[0].starts_at"},
		{"AgendaOverlap", "PUT", ev + "/agenda", fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"Welcome","kind":"talk"},{"starts_at":%q,"ends_at":%q,"title":"Coffee","kind":"break"}]}`,
			at(start.Hour(), 0), at(start.Hour()+1, 0), at(start.Hour(), 30), at(start.Hour()+1, 30)), coordA, 422, ""},
		{"AgendaUnknownKind", "PUT", ev + "/agenda", fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"Yoga","kind":"yoga"}]}`, at(start.Hour(), 0), at(start.Hour(), 30)), coordA, 422, "items[0].kind"},
		{"RegisterBadEmail", "POST", ev + "/registrations", `{"guest_name":"X","guest_email":"not an email","attendee_role":"other"}`, anon, 422, "guest_email"},
		{"RegisterBadRole", "POST", ev + "/registrations", `{"guest_name":"X","guest_email":"x@example.org","attendee_role":"vip"}`, anon, 422, "attendee_role"},
		{"RegisterGuestFieldsSignedIn", "POST", ev + "/registrations", `{"guest_name":"X","guest_email":"x@example.org","attendee_role":"other"}`, member, 422, "guest_email"},
		{"CancelReasonEmpty", "POST", ev + "/cancel", `{"reason":"  "}`, coordA, 422, "reason"},
		{"AttendanceMissing", "PUT", "/api/v1/registrations/" + itoa(f.BystanderReg.ID) + "/attendance", `{}`, coordA, 422, "attended"},
		{"BadMonthFilter", "GET", "/api/v1/hubs/hub-a/events?format=teleport", "", anon, 422, "format"},
		{"BadFrom", "GET", "/api/v1/hubs/hub-a/events?from=yesterday", "", anon, 422, "from"},
		{"TooFarAhead", "POST", "/api/v1/hubs/hub-a/events", withField(withField(eventBodyAt(5, ""), "starts_at", "9999-01-01T10:00:00Z"), "ends_at", "9999-01-01T12:00:00Z"), coordA, 422, "starts_at"},
		{"NulInTitle", "PATCH", ev, `{"title":"Work\u0000shop"}`, coordA, 422, "title"},
		{"NulInAgendaTitle", "PUT", ev + "/agenda", fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"a\u0000b","kind":"talk"}]}`, at(start.Hour(), 0), at(start.Hour(), 30)), coordA, 422, "items[0].title"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := eventSnapshot(t, f)
			var body any
			if tc.body != "" {
				body = tc.body
			}
			resp, text := f.API(t, tc.kind, tc.method, tc.path, body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, text)
			}
			var e web.ErrorBody
			MustDecode(t, text, &e)
			if tc.field != "" && e.Error.Fields[tc.field] == "" {
				t.Errorf("error %s does not name %q", text, tc.field)
			}
			if after := eventSnapshot(t, f); after != before {
				t.Errorf("stored data changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}

	t.Run("InviteOnly", func(t *testing.T) {
		if resp, _ := f.API(t, coordA, http.MethodPatch, ev, `{"visibility":"invite_only"}`); resp.StatusCode != http.StatusOK {
			t.Fatal(resp.StatusCode)
		}
		defer f.API(t, coordA, http.MethodPatch, ev, `{"visibility":"public"}`)
		if resp, _ := f.API(t, anon, http.MethodGet, ev, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("an invite-only event seen by anyone: %d, want 404", resp.StatusCode)
		}
		if resp, _ := f.API(t, member, http.MethodPost, ev+"/registrations", `{"attendee_role":"other"}`); resp.StatusCode != http.StatusNotFound {
			t.Errorf("registering for an invite-only event: %d, want 404 (not visible)", resp.StatusCode)
		}
		// The coordinator registers the people invited: someone with an
		// account as themselves, who can then see the event.
		body := fmt.Sprintf(`{"guest_name":"Invited","guest_email":%q,"attendee_role":"practitioner"}`, f.People[member].Email)
		if resp, text := f.API(t, coordA, http.MethodPost, ev+"/registrations", body); resp.StatusCode != http.StatusCreated || strings.Contains(text, "manage_url") {
			t.Fatalf("coordinator registering an invitee: %d %s", resp.StatusCode, text)
		}
		if resp, _ := f.API(t, member, http.MethodGet, ev, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("the invitee cannot see the event: %d", resp.StatusCode)
		}
		_, mine := f.API(t, member, http.MethodGet, "/api/v1/me/registrations", nil)
		if !strings.Contains(mine, f.Event.Title) {
			t.Errorf("my registrations lack the invite-only event: %s", mine)
		}
		c := f.MustClient(t, coordA)
		resp, page := c.Page(t, http.MethodPost, "/events/"+itoa(f.Event.ID)+"/registrations",
			url.Values{"guest_name": {"Guest Invitee"}, "guest_email": {"guest.invitee@example.org"}, "attendee_role": {"other"}})
		if resp.StatusCode != http.StatusCreated || !strings.Contains(page, "/registrations/manage/") {
			t.Errorf("registering a guest from the check-in page: %d", resp.StatusCode)
		}
	})
	t.Run("HostNotAMember", func(t *testing.T) {
		resp, text := f.API(t, coordA, http.MethodPatch, ev, fmt.Sprintf(`{"host_organisation_id":%d}`, f.OrgB.ID))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "host_organisation_id") {
			t.Errorf("another hub's organisation as host: %d %s", resp.StatusCode, text)
		}
	})
	t.Run("WalkInDraft", func(t *testing.T) {
		id := MustCreateEvent(t, f, eventBodyAt(9, ""))
		if resp, _ := f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(id)+"/walk-ins", `{"name":"Early Bird","attendee_role":"other"}`); resp.StatusCode != http.StatusConflict {
			t.Errorf("walk-in at a draft: %d, want 409", resp.StatusCode)
		}
	})
	t.Run("MembersOnly", func(t *testing.T) {
		if resp, _ := f.API(t, coordA, http.MethodPatch, ev, `{"visibility":"members"}`); resp.StatusCode != http.StatusOK {
			t.Fatal(resp.StatusCode)
		}
		defer f.API(t, coordA, http.MethodPatch, ev, `{"visibility":"public"}`)
		if resp, _ := f.API(t, attendee, http.MethodGet, ev, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a members-only event seen by an outsider: %d, want 404", resp.StatusCode)
		}
		if resp, _ := f.API(t, attendee, http.MethodPost, ev+"/registrations", `{"attendee_role":"practitioner"}`); resp.StatusCode != http.StatusNotFound {
			t.Errorf("an outsider registering for a members-only event: %d, want 404", resp.StatusCode)
		}
		if resp, text := f.API(t, evaluator, http.MethodPost, ev+"/registrations", `{"attendee_role":"practitioner"}`); resp.StatusCode != http.StatusCreated {
			t.Errorf("one of the hub's people registering: %d %s", resp.StatusCode, text)
		}
		if resp, _ := f.API(t, evaluator, http.MethodPost, ev+"/registrations", `{"attendee_role":"practitioner"}`); resp.StatusCode != http.StatusConflict {
			t.Errorf("registering twice: %d, want 409", resp.StatusCode)
		}
	})
}

// withField sets one string field of a JSON object.
func withField(body, field, value string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		panic(err)
	}
	m[field] = value
	out, _ := json.Marshal(m)
	return string(out)
}

// eventSnapshot summarises the stored events, agendas and registrations.
func eventSnapshot(tb testing.TB, f *fixture) string {
	tb.Helper()
	var s string
	err := pgtest.SQL(f.db).GetContext(context.Background(), &s, `SELECT concat_ws('|',
		(SELECT count(*) FROM events), (SELECT count(*) FROM agenda_items), (SELECT count(*) FROM registrations),
		(SELECT string_agg(title || status || visibility || venue || coalesce(capacity, -1) || sequence, ',' ORDER BY id) FROM events),
		(SELECT string_agg(status || coalesce(attended_at::text, '-'), ',' ORDER BY id) FROM registrations))`)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// int64s is a PostgreSQL array literal of ids, for = ANY($1).
func int64s(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = itoa(id)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func londonZone(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// TestRescheduleMovesAgenda: moving an event moves its agenda with it;
// shortening it below its agenda is refused.
func TestRescheduleMovesAgenda(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ev := "/api/v1/events/" + itoa(f.Event.ID)
	loc := londonZone(t)
	start := f.Event.StartsAt.In(loc)
	item := fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"Welcome","kind":"talk"}]}`,
		start.Add(time.Hour).Format(time.RFC3339), start.Add(90*time.Minute).Format(time.RFC3339))
	if resp, text := f.API(t, coordA, http.MethodPut, ev+"/agenda", item); resp.StatusCode != http.StatusOK {
		t.Fatalf("agenda: %d %s", resp.StatusCode, text)
	}
	later := start.AddDate(0, 1, 0)
	patch := fmt.Sprintf(`{"starts_at":%q,"ends_at":%q}`, later.Format(time.RFC3339), later.Add(5*time.Hour).Format(time.RFC3339))
	if resp, text := f.API(t, coordA, http.MethodPatch, ev, patch); resp.StatusCode != http.StatusOK {
		t.Fatalf("reschedule: %d %s", resp.StatusCode, text)
	}
	_, body := f.API(t, coordA, http.MethodGet, ev+"/agenda", nil)
	var agenda struct{ Items []api.AgendaItemJSON }
	MustDecode(t, body, &agenda)
	got, _ := time.Parse(time.RFC3339, agenda.Items[0].StartsAt)
	if !got.Equal(later.Add(time.Hour)) {
		t.Errorf("the agenda item starts %v, want %v (an hour after the new start)", got, later.Add(time.Hour))
	}
	short := fmt.Sprintf(`{"ends_at":%q}`, later.Add(30*time.Minute).Format(time.RFC3339))
	if resp, text := f.API(t, coordA, http.MethodPatch, ev, short); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text, "agenda") {
		t.Errorf("shortening below the agenda: %d %s", resp.StatusCode, text)
	}
}

// TestWaitlistPositionWhenSearching: a search keeps each person's true
// place in the waitlist.
func TestWaitlistPositionWhenSearching(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	id := MustCreateEvent(t, f, eventBodyAt(12, `,"capacity":1`))
	path := "/api/v1/events/" + itoa(id)
	f.API(t, coordA, http.MethodPost, path+"/publish", nil)
	for _, name := range []string{"Ada", "Ben", "Cat", "Dan"} {
		body := fmt.Sprintf(`{"guest_name":%q,"guest_email":"%s@example.org","attendee_role":"other"}`, name, strings.ToLower(name))
		if resp, text := f.API(t, anon, http.MethodPost, path+"/registrations", body); resp.StatusCode != http.StatusCreated {
			t.Fatalf("register %s: %d %s", name, resp.StatusCode, text)
		}
	}
	_, body := f.API(t, coordA, http.MethodGet, path+"/registrations?q=Dan", nil)
	var list struct{ Items []api.RegistrationJSON }
	MustDecode(t, body, &list)
	if len(list.Items) != 1 || list.Items[0].Position != 3 {
		t.Errorf("searching for Dan: %+v, want Dan at waitlist place 3", list.Items)
	}
}

func TestEventListFilters(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	online := MustCreateEvent(t, f, strings.Replace(strings.Replace(eventBodyAt(3, ""), `"format":"in_person"`, `"format":"online","online_url":"https://meet.example.org/x"`, 1), "Trauma-informed practice workshop", "Online circle", 1))
	f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(online)+"/publish", nil)
	c := f.MustClient(t, anon)
	_, list := c.Page(t, http.MethodGet, "/hubs/hub-a/events?format=online", nil)
	if !strings.Contains(list, "Online circle") || strings.Contains(list, f.Event.Title) {
		t.Error("the online filter of the list is wrong")
	}
	month := time.Now().AddDate(0, 0, 3).Format("2006-01")
	_, cal := c.Page(t, http.MethodGet, "/hubs/hub-a/events/month?month="+month+"&format=in_person", nil)
	if strings.Contains(cal, "Online circle") {
		t.Error("the month view ignores the format filter")
	}
	for _, bad := range []string{"/hubs/hub-a/events?page=922337203685477581", "/hubs/hub-a/events?page=0", "/hubs/hub-a/events/month?month=13-2026", "/hubs/hub-a/events?format=teleport"} {
		if resp, _ := c.Page(t, http.MethodGet, bad, nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("GET %s: %d, want 422", bad, resp.StatusCode)
		}
	}
}

// TestConcurrentRegistrationOverHTTP: 200 guests register at once through
// the API for 20 places: exactly 20 places and waitlist places 1 to 180,
// each given once, with no errors.
func TestConcurrentRegistrationOverHTTP(t *testing.T) {
	a := MustStart(t, withEnv("CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS", "1000"), withEnv("CONVENE_GUEST_REGISTRATIONS_PER_EVENT", "1000"))
	f := MustFixture(t, a)
	id := MustCreateEvent(t, f, eventBodyAt(20, `,"capacity":20`))
	path := "/api/v1/events/" + itoa(id)
	f.API(t, coordA, http.MethodPost, path+"/publish", nil)
	results := make([]api.PlacedJSON, 200)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			body := fmt.Sprintf(`{"guest_name":"Guest %d","guest_email":"guest%d@example.org","attendee_role":"other"}`, i, i)
			resp, text := f.API(t, anon, http.MethodPost, path+"/registrations", body)
			if resp.StatusCode != http.StatusCreated {
				t.Errorf("registration %d: %d %s", i, resp.StatusCode, text)
				return
			}
			MustDecode(t, text, &results[i])
		})
	}
	wg.Wait()
	places, seen := 0, map[int]bool{}
	for _, r := range results {
		switch r.Status {
		case "registered":
			places++
		case "waitlisted":
			if r.Position < 1 || r.Position > 180 || seen[r.Position] {
				t.Errorf("waitlist place %d given out of range or twice", r.Position)
			}
			seen[r.Position] = true
		}
	}
	if places != 20 || len(seen) != 180 {
		t.Errorf("%d places and %d waitlist places, want 20 and 180", places, len(seen))
	}
}

// TestVisibilityAgrees: the events lists (SQL) and the event pages (Go)
// apply the same visibility rule, for every kind of viewer.
func TestVisibilityAgrees(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ids := map[string]int64{"public": f.Event.ID}
	for name, extra := range map[string]string{"draft": ``, "members": `,"visibility":"members"`, "invite": `,"visibility":"invite_only"`, "cancelled": ``} {
		id := MustCreateEvent(t, f, eventBodyAt(4, extra))
		if name != "draft" {
			f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(id)+"/publish", nil)
		}
		if name == "cancelled" {
			f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(id)+"/cancel", `{"reason":"Snow."}`)
		}
		ids[name] = id
	}
	invite := fmt.Sprintf(`{"guest_name":"M","guest_email":%q,"attendee_role":"other"}`, f.People[attendee].Email)
	if resp, text := f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(ids["invite"])+"/registrations", invite); resp.StatusCode != http.StatusCreated {
		t.Fatalf("invite: %d %s", resp.StatusCode, text)
	}
	for k := anon; k < numKinds; k++ {
		_, body := f.API(t, k, http.MethodGet, "/api/v1/hubs/hub-a/events", nil)
		var listed struct{ Items []api.EventJSON }
		MustDecode(t, body, &listed)
		inList := map[int64]bool{}
		for _, e := range listed.Items {
			inList[e.ID] = true
		}
		for name, id := range ids {
			resp, _ := f.API(t, k, http.MethodGet, "/api/v1/events/"+itoa(id), nil)
			if page := resp.StatusCode == http.StatusOK; page != inList[id] {
				t.Errorf("%s, %s event: listed %v, page %v", k, name, inList[id], page)
			}
		}
	}
}
