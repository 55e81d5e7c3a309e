package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// requestPeer is a second organisation of hub A (C) with a person acting
// for it, to support and offer on organisation A's requests.
type requestPeer struct {
	Org    hub.Organisation
	Person hub.Person
	Token  string
}

func MustRequestPeer(tb testing.TB, f *fixture, name string) requestPeer {
	tb.Helper()
	ctx := context.Background()
	p := requestPeer{Org: hub.Organisation{Name: name, Kind: hub.SpecialistOrganisation}}
	if err := f.db.CreateOrganisation(ctx, &p.Org); err != nil {
		tb.Fatal(err)
	}
	if err := f.db.AddMember(ctx, hub.System, f.HubA.ID, p.Org.ID); err != nil {
		tb.Fatal(err)
	}
	var err error
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.org"
	if p.Person, err = f.db.CreatePerson(ctx, hub.NewPerson{Email: email, Name: name + " person"}, fixtureHash); err != nil {
		tb.Fatal(err)
	}
	if err := f.db.AffiliatePerson(ctx, hub.System, p.Person.ID, p.Org.ID); err != nil {
		tb.Fatal(err)
	}
	if p.Token, _, err = f.db.CreateAPIToken(ctx, p.Person.ID, "test"); err != nil {
		tb.Fatal(err)
	}
	return p
}

// apiWith sends a JSON request with a bearer token.
func apiWith(tb testing.TB, f *fixture, token, method, path, body string) (int, string) {
	tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := mustRequest(tb, method, f.app.URL+path, r)
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, text := f.app.MustDo(tb, req)
	return resp.StatusCode, text
}

func wantStatus(tb testing.TB, got int, text string, want int) {
	tb.Helper()
	if got != want {
		tb.Fatalf("status %d, want %d: %s", got, want, truncate(text, 400))
	}
}

func wantField(tb testing.TB, text, field string) {
	tb.Helper()
	var e struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	MustDecode(tb, text, &e)
	if e.Error.Fields[field] == "" {
		tb.Errorf("error names no %s: %s", field, text)
	}
}

func (f *fixture) countRows(tb testing.TB, table string) int {
	tb.Helper()
	var n int
	if err := pgtest.SQL(f.db).Get(&n, `SELECT count(*) FROM `+table); err != nil {
		tb.Fatal(err)
	}
	return n
}

// TestRequestsAPIBadInput: each refusal is a clear 4xx and writes nothing.
func TestRequestsAPIBadInput(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	peer := MustRequestPeer(t, f, "Peer Org")
	hubA := "/api/v1/hubs/" + f.HubA.Slug + "/requests"
	req := fmt.Sprintf("/api/v1/requests/%d", f.Request.ID)
	body := func(org int64, topic string) string {
		return fmt.Sprintf(`{"organisation_id":%d,"topic":%q,"title":"Trauma-informed supervision","details":"We need it","format":"workshop"}`, org, topic)
	}
	before := map[string]int{}
	tables := []string{"topic_requests", "request_supports", "request_offers", "request_status_changes", "agenda_items"}
	for _, tb := range tables {
		before[tb] = f.countRows(t, tb)
	}
	cases := []struct {
		name   string
		token  string
		method string
		path   string
		body   string
		status int
		field  string
	}{
		{"HubNotAMemberOf", f.Tokens[member], "POST", "/api/v1/hubs/" + f.HubB.Slug + "/requests", body(f.OrgA.ID, "safeguarding"), 403, "organisation_id"},
		{"OrganisationNotMine", f.Tokens[member], "POST", hubA, body(peer.Org.ID, "safeguarding"), 403, "organisation_id"},
		{"UnknownTopic", f.Tokens[member], "POST", hubA, body(f.OrgA.ID, "astrology"), 422, "topic"},
		{"UnknownFormat", f.Tokens[member], "POST", hubA, strings.Replace(body(f.OrgA.ID, "safeguarding"), "workshop", "lecture", 1), 422, "format"},
		{"UnknownField", f.Tokens[member], "POST", hubA, `{"organisation_id":1,"colour":"red"}`, 422, "colour"},
		{"StatusOnCreate", f.Tokens[member], "POST", hubA, `{"organisation_id":1,"status":"accepted"}`, 422, "status"},
		{"NotJSON", f.Tokens[member], "POST", hubA, `{"organisation_id":`, 422, ""},
		{"SupportOwnRequest", f.Tokens[member], "POST", req + "/supports", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID), 422, "organisation_id"},
		{"OfferOnOwnRequest", f.Tokens[member], "POST", req + "/offers", fmt.Sprintf(`{"organisation_id":%d,"details":"x","format":"talk"}`, f.OrgA.ID), 422, "organisation_id"},
		{"SupportForOrganisationNotMine", peer.Token, "POST", req + "/supports", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgB.ID), 403, "organisation_id"},
		{"OfferWithoutDetails", peer.Token, "POST", req + "/offers", fmt.Sprintf(`{"organisation_id":%d,"details":" ","format":"talk"}`, peer.Org.ID), 422, "details"},
		{"MergeIntoItself", f.Tokens[coordA], "PATCH", req, fmt.Sprintf(`{"status":"merged","merged_into":%d}`, f.Request.ID), 422, "merged_into"},
		{"MergeIntoNothing", f.Tokens[coordA], "PATCH", req, `{"status":"merged","merged_into":999999}`, 422, "merged_into"},
		{"DeclineWithoutReason", f.Tokens[coordA], "PATCH", req, `{"status":"declined"}`, 422, "reason"},
		{"ScheduleByPatch", f.Tokens[coordA], "PATCH", req, `{"status":"scheduled"}`, 422, "status"},
		{"DeliverByPatch", f.Tokens[coordA], "PATCH", req, `{"status":"delivered"}`, 409, ""},
		{"UnknownStatus", f.Tokens[coordA], "PATCH", req, `{"status":"done"}`, 422, "status"},
		{"EmptyPatch", f.Tokens[coordA], "PATCH", req, `{}`, 422, ""},
		{"AcceptByRequester", f.Tokens[member], "PATCH", req, `{"status":"accepted"}`, 403, ""},
		{"EditByOtherOrganisation", peer.Token, "PATCH", req, `{"title":"Mine now"}`, 403, ""},
		{"ChangeOrganisation", f.Tokens[member], "PATCH", req, fmt.Sprintf(`{"organisation_id":%d}`, peer.Org.ID), 422, "organisation_id"},
		{"StaleIfMatch", f.Tokens[member], "PATCH", req, `{"title":"x"}`, 0, ""},
		{"ScheduleIntoEventOfAnotherHub", f.Tokens[adminK], "POST", "", "", 422, "request_id"},
		{"BoardBadStatus", f.Tokens[member], "GET", hubA + "?status=done", "", 422, "status"},
		{"BoardBadAge", f.Tokens[member], "GET", hubA + "?min_age_days=soon", "", 422, "min_age_days"},
		{"BoardBadLimit", f.Tokens[member], "GET", hubA + "?limit=0", "", 422, "limit"},
		{"RequestNotANumber", f.Tokens[member], "GET", "/api/v1/requests/abc", "", 404, ""},
		{"TriageNothing", f.Tokens[coordA], "POST", hubA + "/triage", `{"ids":[],"status":"accepted"}`, 422, "ids"},
		{"TriageRequestOfAnotherHub", f.Tokens[adminK], "POST", "/api/v1/hubs/" + f.HubB.Slug + "/requests/triage", fmt.Sprintf(`{"ids":[%d],"status":"accepted"}`, f.Request.ID), 422, "ids"},
	}
	// The other hub's event, for linking a request across hubs.
	other, err := f.db.CreateEvent(context.Background(), nil, storage.NewEvent{Event: f.Event})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pgtest.SQL(f.db).Exec(`UPDATE events SET hub_id = $2 WHERE id = $1`, other.ID, f.HubB.ID); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			switch tc.name {
			case "ScheduleIntoEventOfAnotherHub":
				tc.method, tc.path, tc.body = "POST", fmt.Sprintf("/api/v1/events/%d/agenda/requests", other.ID), fmt.Sprintf(`{"request_id":%d}`, f.Request.ID)
			case "StaleIfMatch":
				req := mustRequest(t, "PATCH", f.app.URL+tc.path, strings.NewReader(tc.body))
				req.Header.Set("Authorization", "Bearer "+tc.token)
				req.Header.Set("If-Match", `"999"`)
				resp, text := f.app.MustDo(t, req)
				wantStatus(t, resp.StatusCode, text, http.StatusPreconditionFailed)
				return
			}
			status, text := apiWith(t, f, tc.token, tc.method, tc.path, tc.body)
			wantStatus(t, status, text, tc.status)
			if tc.field != "" {
				wantField(t, text, tc.field)
			}
		})
	}
	t.Run("AgendaPutLinkingAnotherHubsRequest", func(t *testing.T) {
		start := other.StartsAt.Format(time.RFC3339)
		end := other.StartsAt.Add(time.Hour).Format(time.RFC3339)
		status, text := apiWith(t, f, f.Tokens[adminK], "PUT", fmt.Sprintf("/api/v1/events/%d/agenda", other.ID),
			fmt.Sprintf(`{"items":[{"starts_at":%q,"ends_at":%q,"title":"x","kind":"talk","request_id":%d}]}`, start, end, f.Request.ID))
		wantStatus(t, status, text, 422)
		wantField(t, text, "items[0].request_id")
	})
	for _, tb := range tables {
		if got := f.countRows(t, tb); got != before[tb] {
			t.Errorf("%s: %d rows after refused requests, %d before", tb, got, before[tb])
		}
	}
}

// TestRequestsAPILifecycle: submit, support, offer, schedule from the
// builder, see it scheduled, remove it (accepted), schedule it again and
// see it delivered once the event has ended; declined → scheduled is
// refused until reopened; merge cycles are refused.
func TestRequestsAPILifecycle(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	peer := MustRequestPeer(t, f, "Peer Org")
	status, text := apiWith(t, f, f.Tokens[member], "POST", "/api/v1/hubs/"+f.HubA.Slug+"/requests",
		fmt.Sprintf(`{"organisation_id":%d,"topic":"trauma-informed-approaches","title":"Trauma-informed supervision","details":"Supervisors ask how","format":"workshop","audience":"Peer support workers"}`, f.OrgA.ID))
	wantStatus(t, status, text, 201)
	var r hub.TopicRequest
	MustDecode(t, text, &r)
	path := fmt.Sprintf("/api/v1/requests/%d", r.ID)

	status, text = apiWith(t, f, peer.Token, "POST", path+"/supports", fmt.Sprintf(`{"organisation_id":%d,"comment":"We need this too"}`, peer.Org.ID))
	wantStatus(t, status, text, 201)
	status, text = apiWith(t, f, peer.Token, "POST", path+"/supports", fmt.Sprintf(`{"organisation_id":%d}`, peer.Org.ID))
	wantStatus(t, status, text, 409)
	status, text = apiWith(t, f, peer.Token, "POST", path+"/offers", fmt.Sprintf(`{"organisation_id":%d,"details":"Our supervision model","format":"talk"}`, peer.Org.ID))
	wantStatus(t, status, text, 201)
	var offer hub.Offer
	MustDecode(t, text, &offer)

	status, text = apiWith(t, f, f.Tokens[member], "GET", "/api/v1/hubs/"+f.HubA.Slug+"/requests?q=supervision", "")
	wantStatus(t, status, text, 200)
	var board struct {
		Items   []storage.RequestView `json:"items"`
		Ranking string                `json:"ranking"`
	}
	MustDecode(t, text, &board)
	if len(board.Items) != 1 || board.Items[0].Supporters != 1 || board.Items[0].Offers != 1 || board.Items[0].Score != 25 || board.Ranking == "" {
		t.Fatalf("board %s", text)
	}

	schedule := fmt.Sprintf("/api/v1/events/%d/agenda/requests", f.Event.ID)
	status, text = apiWith(t, f, f.Tokens[coordB], "POST", schedule, fmt.Sprintf(`{"request_id":%d}`, r.ID))
	wantStatus(t, status, text, 403)
	status, text = apiWith(t, f, f.Tokens[coordA], "POST", schedule, fmt.Sprintf(`{"request_id":%d,"offer_id":%d}`, r.ID, offer.ID))
	wantStatus(t, status, text, 201)
	var item api.AgendaItemJSON
	MustDecode(t, text, &item)
	if item.PresenterOrganisationID == nil || *item.PresenterOrganisationID != peer.Org.ID || item.Topic != "trauma-informed-approaches" || item.Kind != "talk" {
		t.Errorf("item %s", text)
	}
	detail := func(token string) storage.RequestDetail {
		t.Helper()
		status, text := apiWith(t, f, token, "GET", path, "")
		wantStatus(t, status, text, 200)
		var d storage.RequestDetail
		MustDecode(t, text, &d)
		return d
	}
	if d := detail(f.Tokens[member]); d.Status != hub.RequestScheduled || d.EventID == nil || *d.EventID != f.Event.ID {
		t.Fatalf("requester sees %s at event %v", d.Status, d.EventID)
	}
	// The supporter sees it among theirs.
	status, text = apiWith(t, f, peer.Token, "GET", "/api/v1/me/requests", "")
	wantStatus(t, status, text, 200)
	if !strings.Contains(text, `"status":"scheduled"`) {
		t.Errorf("supporter's requests %s", text)
	}

	// Removing the item from the agenda returns it to accepted.
	status, text = apiWith(t, f, f.Tokens[coordA], "PUT", fmt.Sprintf("/api/v1/events/%d/agenda", f.Event.ID), `{"items":[]}`)
	wantStatus(t, status, text, 200)
	if d := detail(f.Tokens[member]); d.Status != hub.RequestAccepted || d.EventID != nil {
		t.Fatalf("after removal %s at event %v", d.Status, d.EventID)
	}
	// Scheduled again, and delivered once the event has ended.
	status, text = apiWith(t, f, f.Tokens[coordA], "POST", schedule, fmt.Sprintf(`{"request_id":%d}`, r.ID))
	wantStatus(t, status, text, 201)
	if _, err := pgtest.SQL(f.db).Exec(`UPDATE events SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE id = $1`, f.Event.ID); err != nil {
		t.Fatal(err)
	}
	d := detail(f.Tokens[member])
	if d.Status != hub.RequestDelivered || len(d.History) != 5 {
		t.Fatalf("after the event: %s, history %+v", d.Status, d.History)
	}
	last := d.History[len(d.History)-1]
	if last.To != hub.RequestDelivered || last.By != nil || last.EventID == nil {
		t.Errorf("last change %+v", last)
	}

	t.Run("DeclinedCannotBeScheduledUntilReopened", func(t *testing.T) {
		status, text := apiWith(t, f, f.Tokens[coordA], "PATCH", fmt.Sprintf("/api/v1/requests/%d", f.Request.ID), `{"status":"declined","reason":"Covered at the March hub day"}`)
		wantStatus(t, status, text, 200)
		status, text = apiWith(t, f, f.Tokens[coordA], "POST", schedule, fmt.Sprintf(`{"request_id":%d}`, f.Request.ID))
		wantStatus(t, status, text, 409)
		if !strings.Contains(text, "reopen") {
			t.Errorf("message does not say to reopen: %s", text)
		}
		status, text = apiWith(t, f, f.Tokens[coordA], "PATCH", fmt.Sprintf("/api/v1/requests/%d", f.Request.ID), `{"status":"open"}`)
		wantStatus(t, status, text, 200)
	})
	t.Run("MergeCycle", func(t *testing.T) {
		b := submitVia(t, f, "Second ask")
		c := submitVia(t, f, "Third ask")
		merge := func(from, into int64) (int, string) {
			return apiWith(t, f, f.Tokens[coordA], "PATCH", fmt.Sprintf("/api/v1/requests/%d", from), fmt.Sprintf(`{"status":"merged","merged_into":%d,"reason":"Same need"}`, into))
		}
		status, text := merge(b, c)
		wantStatus(t, status, text, 200)
		status, text = merge(c, b)
		wantStatus(t, status, text, 422)
		wantField(t, text, "merged_into")
	})
	t.Run("FormerMember", func(t *testing.T) {
		if err := f.db.RemoveMember(context.Background(), hub.System, f.HubA.ID, peer.Org.ID); err != nil {
			t.Fatal(err)
		}
		c := submitVia(t, f, "After removal")
		status, text := apiWith(t, f, peer.Token, "POST", fmt.Sprintf("/api/v1/requests/%d/supports", c), fmt.Sprintf(`{"organisation_id":%d}`, peer.Org.ID))
		wantStatus(t, status, text, 403)
		status, text = apiWith(t, f, peer.Token, "GET", "/api/v1/hubs/"+f.HubA.Slug+"/requests", "")
		wantStatus(t, status, text, 403)
		status, text = apiWith(t, f, peer.Token, "GET", "/api/v1/me/requests", "")
		wantStatus(t, status, text, 200)
		if strings.Contains(text, `"id"`) {
			t.Errorf("a former member still lists the hub's requests: %s", text)
		}
	})
}

func submitVia(tb testing.TB, f *fixture, title string) int64 {
	tb.Helper()
	status, text := apiWith(tb, f, f.Tokens[member], "POST", "/api/v1/hubs/"+f.HubA.Slug+"/requests",
		fmt.Sprintf(`{"organisation_id":%d,"topic":"safeguarding","title":%q,"details":"Details","format":"talk"}`, f.OrgA.ID, title))
	wantStatus(tb, status, text, 201)
	var r struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		tb.Fatal(err)
	}
	return r.ID
}

// TestRequestsAPIConcurrentSupports: the same organisation supporting one
// request twice at once gets one 201 and one 409.
func TestRequestsAPIConcurrentSupports(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	peer := MustRequestPeer(t, f, "Peer Org")
	path := fmt.Sprintf("/api/v1/requests/%d/supports", f.Request.ID)
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() {
			statuses[i], _ = apiWith(t, f, peer.Token, "POST", path, fmt.Sprintf(`{"organisation_id":%d}`, peer.Org.ID))
		})
	}
	wg.Wait()
	if !(statuses[0] == 201 && statuses[1] == 409 || statuses[0] == 409 && statuses[1] == 201) {
		t.Errorf("statuses %v, want one 201 and one 409", statuses)
	}
	if n := f.countRows(t, "request_supports"); n != 1 {
		t.Errorf("%d supports stored", n)
	}
}
