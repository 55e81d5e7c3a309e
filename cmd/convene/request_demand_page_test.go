package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestDemandPage: the hub's evaluator sees the dashboard with its charts,
// their tables and the governance notices; a period that cannot be read
// is shown again with its errors, never a 500.
func TestDemandPage(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	resp, body := f.MustClient(t, evaluator).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug+"/demand", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d\n%s", resp.StatusCode, truncate(body, 500))
	}
	for _, want := range []string{
		"<h1>Demand and balance</h1>", `role="img"`, "Requests made in the period, by topic", "<th scope=\"row\">Safeguarding</th>",
		"Fulfilment rate", "Safer recruitment of peer workers", "We flag the balance when", "No terms of reference review is recorded.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if strings.Contains(body, "Edit governance") {
		t.Error("an evaluator is offered to edit governance")
	}
	for _, q := range []string{"from=2025-13-01", "from=yesterday&to=2025-01-01", "from=2025-06-01&to=2025-01-01", "to=0000-01-01", "from=" + strings.Repeat("9", 300)} {
		resp, body := f.MustClient(t, evaluator).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug+"/demand?"+q, nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") || !strings.Contains(body, `href="#f-`) {
			t.Errorf("?%s: %d, want 422 with an error summary linked to the field\n%s", q, resp.StatusCode, truncate(body, 300))
		}
	}
	// Linked from the hub's page for the evaluator, not for a member.
	if _, body := f.MustClient(t, evaluator).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug, nil); !strings.Contains(body, `href="/hubs/`+f.HubA.Slug+`/demand"`) {
		t.Error("the hub page does not link the dashboard for its evaluator")
	}
	if _, body := f.MustClient(t, member).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug, nil); strings.Contains(body, "/demand") {
		t.Error("the hub page links the dashboard for a member")
	}
}

// TestDemandAbuse: the dashboard and governance of hub A refuse a
// coordinator and an evaluator of another hub, a member of one of its
// organisations and a stranger, and nothing they send is recorded.
func TestDemandAbuse(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	otherEval, err := f.db.CreatePerson(ctx, hub.NewPerson{Email: "other.evaluator@example.org", Name: "Other Evaluator"}, fixtureHash)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: otherEval.ID, Role: hub.RoleEvaluator, HubID: &f.HubB.ID}); err != nil {
		t.Fatal(err)
	}
	otherEvalToken, _, err := f.db.CreateAPIToken(ctx, otherEval.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	otherEvalSession, err := f.db.CreateSession(ctx, otherEval.ID, web.SessionPolicy)
	if err != nil {
		t.Fatal(err)
	}
	slug := f.HubA.Slug
	form := url.Values{"terms_url": {"https://evil.example.org/terms"}, "chair_name": {"Mallory"}, "terms_reviewed_on": {"2025-01-01"}}
	type who struct {
		name    string
		page    *client
		token   string
		canRead bool // the dashboard (evaluators of hub A only)
	}
	people := []who{
		{"CoordinatorOfAnotherHub", f.MustClient(t, coordB), f.Tokens[coordB], false},
		{"EvaluatorOfAnotherHub", &client{f: f, kind: attendee, session: otherEvalSession}, otherEvalToken, false},
		{"Member", f.MustClient(t, member), f.Tokens[member], false},
		{"Stranger", f.MustClient(t, anon), "", false},
		{"EvaluatorOfThisHub", f.MustClient(t, evaluator), f.Tokens[evaluator], true},
	}
	denied := func(resp *http.Response) bool {
		return resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden ||
			(resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/sign-in"))
	}
	for _, p := range people {
		t.Run(p.name, func(t *testing.T) {
			if resp, _ := p.page.Page(t, http.MethodGet, "/hubs/"+slug+"/demand", nil); denied(resp) == p.canRead {
				t.Errorf("dashboard page: %d", resp.StatusCode)
			}
			if status, _ := apiWith(t, f, p.token, http.MethodGet, "/api/v1/hubs/"+slug+"/demand", ""); (status == http.StatusOK) != p.canRead {
				t.Errorf("dashboard API: %d", status)
			}
			if resp, _ := p.page.Page(t, http.MethodGet, "/hubs/"+slug+"/governance", nil); !denied(resp) {
				t.Errorf("governance form: %d", resp.StatusCode)
			}
			if resp, _ := p.page.Page(t, http.MethodPost, "/hubs/"+slug+"/governance", form); !denied(resp) {
				t.Errorf("governance form sent: %d", resp.StatusCode)
			}
			if status, _ := apiWith(t, f, p.token, http.MethodPut, "/api/v1/hubs/"+slug+"/governance", `{"chair_name":"Mallory","chair_term_ends_on":"2030-01-01"}`); status != http.StatusUnauthorized && status != http.StatusForbidden {
				t.Errorf("governance API: %d", status)
			}
		})
	}
	var n int
	if err := pgtest.SQL(f.db).Get(&n, `SELECT count(*) FROM hub_governance`); err != nil || n != 0 {
		t.Errorf("governance rows after the attempts: %d (%v)", n, err)
	}
}

// TestGovernanceDates: the API and the form take plain dates as well as
// full times; dates that cannot be stored are refused by field.
func TestGovernanceDates(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/api/v1/hubs/" + f.HubA.Slug + "/governance"
	status, body := apiWith(t, f, f.Tokens[coordA], http.MethodPut, path,
		`{"terms_url":"https://example.org/terms","terms_reviewed_on":"2025-04-01","terms_next_review_on":"2026-04-01T00:00:00+01:00","chair_name":"Amina Yusuf","chair_term_ends_on":"2026-03-31"}`)
	if status != http.StatusOK {
		t.Fatalf("plain dates: %d %s", status, body)
	}
	var g hub.Governance
	MustDecode(t, body, &g)
	if g.TermsReviewedOn == nil || g.TermsReviewedOn.Format(time.DateOnly) != "2025-04-01" || g.TermsNextReviewOn.Format(time.DateOnly) != "2026-04-01" {
		t.Errorf("stored %+v", g)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"terms_reviewed_on":"2025-02-30"}`, "terms_reviewed_on"},
		{`{"chair_term_ends_on":"31/03/2026"}`, "chair_term_ends_on"},
		{`{"chair_term_ends_on":"0001-01-01T00:00:00Z"}`, "chair_term_ends_on"},
		{`{"terms_next_review_on":"99999-01-01"}`, "terms_next_review_on"},
		{`{"terms_reviewed_on":20250401}`, "terms_reviewed_on"},
		{`{"terms_reviewed_on":"2025-04-01","terms_next_review_on":"2025-03-01"}`, "terms_next_review_on"},
	} {
		status, body := apiWith(t, f, f.Tokens[coordA], http.MethodPut, path, tc.body)
		if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity || !strings.Contains(body, `"`+tc.field+`"`) {
			t.Errorf("%s: %d %s; want 400/422 naming %s", tc.body, status, body, tc.field)
		}
	}
	// The form: an impossible date is shown again beside its field.
	resp, body := f.MustClient(t, coordA).Page(t, http.MethodPost, "/hubs/"+f.HubA.Slug+"/governance",
		url.Values{"terms_reviewed_on": {"2025-02-30"}, "chair_name": {"Amina Yusuf"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#f-terms-reviewed-on"`) || !strings.Contains(body, `value="Amina Yusuf"`) {
		t.Errorf("form with a bad date: %d\n%s", resp.StatusCode, truncate(body, 500))
	}
}

// TestTidySettlesDeliveries: the hourly tidy-up marks a request delivered
// once its event has ended, though no one reads the request.
func TestTidySettlesDeliveries(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	coord, err := f.db.ActorByID(ctx, f.People[coordA].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.ScheduleRequest(ctx, coord, storage.Scheduling{EventID: f.Event.ID, RequestID: f.Request.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := pgtest.SQL(f.db).Exec(`UPDATE events SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE id = $1`, f.Event.ID); err != nil {
		t.Fatal(err)
	}
	if err := tidyOnce(ctx, f.db, time.Now()); err != nil {
		t.Fatal(err)
	}
	var status string
	if err := pgtest.SQL(f.db).Get(&status, `SELECT status FROM topic_requests WHERE id = $1`, f.Request.ID); err != nil {
		t.Fatal(err)
	}
	if status != "delivered" {
		t.Errorf("after the tidy-up: %s, want delivered", status)
	}
}
