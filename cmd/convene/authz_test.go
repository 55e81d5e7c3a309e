package main

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// who is a set of actor kinds allowed through a route.
type who uint

func kinds(ks ...actorKind) who {
	var w who
	for _, k := range ks {
		w |= 1 << k
	}
	return w
}

func (w who) has(k actorKind) bool { return w&(1<<k) != 0 }

var (
	everyone      = kinds(anon, attendee, member, coordA, coordB, evaluator, adminK)
	anySignedIn   = kinds(attendee, member, coordA, coordB, evaluator, adminK)
	adminOnly     = kinds(adminK)
	hubAManagers  = kinds(coordA, adminK)
	orgAEditors   = kinds(member, adminK)
	orgAAdders    = kinds(member, coordA, adminK)
	orgAMembers   = kinds(member)
	anyCoordOrAdm = kinds(coordA, coordB, adminK)
	// requestReaders see hub A's topic requests.
	requestReaders = kinds(member, coordA, evaluator, adminK)
	hubAReaders    = kinds(coordA, evaluator, adminK) // reports and exports
)

// permitted is who each permission of the route table lets through, for
// the fixture's routes: hub A, organisation A (a member of hub A), its
// event and the bystander's registration for it.
var permitted = map[web.Permission]who{
	web.Public:                    everyone,
	web.SignedIn:                  anySignedIn,
	web.Admin:                     adminOnly,
	web.Coordinator:               anyCoordOrAdm,
	web.CoordinatorOfHub:          hubAManagers,
	web.CoordinatorOfEvent:        hubAManagers,
	web.CoordinatorOfRegistration: hubAManagers,
	web.RegistrantOrCoordinator:   hubAManagers,
	web.OrganisationEditor:        orgAEditors,
	web.OrganisationMember:        orgAMembers,
	web.ColleagueAdder:            orgAAdders,
	web.MemberOfAnOrganisation:    kinds(member),
	web.HubRequestReader:          requestReaders,
	web.RequestReader:             requestReaders,
	web.RequesterOrCoordinator:    kinds(member, coordA, adminK),
	web.Requester:                 orgAMembers,
	web.EvaluatorOfEvent:          kinds(coordA, evaluator, adminK),
	web.EvaluatorOfHub:            kinds(coordA, evaluator, adminK),
	web.CoordinatorOfSeries:       hubAManagers,
}

func (w who) String() string {
	var names []string
	for k := anon; k < numKinds; k++ {
		if w.has(k) {
			names = append(names, k.String())
		}
	}
	return "{" + strings.Join(names, ", ") + "}"
}

// authzCase is one row of the authorisation table: a route, a request
// that reaches its authorisation check, and who gets through.
type authzCase struct {
	route string // "METHOD /path/:param", as registered
	path  string // the concrete path; {hubA}, {orgA}, … are filled in
	body  string // form values (pages) or JSON (API)
	allow who
}

// authzTable covers every route of the application. Destructive requests
// aim at things that do not exist (organisation B in hub A), so that those
// allowed through get 404 and the world stays the same for the next row.
var authzTable = []authzCase{
	{"GET /healthz", "", "", everyone},
	{"GET /readyz", "", "", everyone},
	{"GET /static/*", "/static/img/logo.svg", "", everyone},
	{"GET /", "", "", everyone},
	{"GET /privacy", "", "", everyone},

	{"GET /sign-in", "", "", everyone},
	{"POST /sign-in", "", "email=fixture.bystander@example.org&password=correct+horse+battery", everyone},
	{"POST /sign-out", "", "", anySignedIn},
	{"GET /forgot-password", "", "", everyone},
	{"POST /forgot-password", "", "email=nobody.authz@example.org", everyone},
	{"GET /set-password/:token", "/set-password/no-such-token", "", everyone},
	{"POST /set-password/:token", "/set-password/no-such-token", "password=abcdefghijkl&confirm=abcdefghijkl", everyone},
	{"GET /account", "", "", anySignedIn},
	{"POST /account/name", "", "name=", anySignedIn},
	{"POST /account/password", "", "current_password=&new_password=", anySignedIn},
	{"POST /account/tokens", "", "token_name=", anySignedIn},
	{"POST /account/tokens/:id/revoke", "/account/tokens/999999/revoke", "", anySignedIn},
	{"POST /account/invitations/:org", "/account/invitations/{orgB}", "decision=accept", anySignedIn},
	{"POST /account/calendar", "", "", anySignedIn},
	{"GET /hubs/:slug/calendar.ics", "/hubs/{hubA}/calendar.ics", "", everyone},
	{"GET /organisations/:id/calendar.ics", "/organisations/{orgA}/calendar.ics", "", everyone},
	{"GET /topics/:slug/calendar.ics", "/topics/safeguarding/calendar.ics", "", everyone},
	{"GET /series/:id/calendar.ics", "/series/999999/calendar.ics", "", everyone},
	{"GET /topics/:slug", "/topics/safeguarding", "", everyone},
	{"GET /calendar/:token", "/calendar/cal_guessed-by-a-stranger.ics", "", everyone},
	{"GET /account/mail", "", "", anySignedIn},
	{"POST /account/mail", "", "on=reminder", anySignedIn},
	{"GET /mail/unsubscribe/:token", "/mail/unsubscribe/no-such-token", "", everyone},
	{"POST /mail/unsubscribe/:token", "/mail/unsubscribe/no-such-token", "", everyone},

	{"GET /admin", "", "", adminOnly},
	{"POST /admin/hubs", "", "name=", adminOnly},
	{"POST /admin/roles", "", "hub=hub-a&role=evaluator&email=fixture.bystander@example.org", adminOnly},
	{"POST /admin/roles/remove", "", "hub=hub-a&role=coordinator&person_id={bystander}", adminOnly},
	{"GET /admin/mail", "", "", adminOnly},
	{"GET /admin/mail/:id", "/admin/mail/999999", "", adminOnly},
	{"POST /admin/mail/:id/retry", "/admin/mail/999999/retry", "", adminOnly},

	{"GET /hubs/:slug", "/hubs/{hubA}", "", everyone},
	{"POST /hubs/:slug/join", "/hubs/{hubA}/join", "organisation_id={orgA}", kinds(member)},
	{"GET /hubs/:slug/settings", "/hubs/{hubA}/settings", "", hubAManagers},
	{"POST /hubs/:slug/settings", "/hubs/{hubA}/settings", "name=", hubAManagers},
	{"GET /hubs/:slug/members", "/hubs/{hubA}/members?q=Organisation", "", hubAManagers},
	{"POST /hubs/:slug/members", "/hubs/{hubA}/members", "organisation_id={orgA}", hubAManagers},
	{"POST /hubs/:slug/members/:org/remove", "/hubs/{hubA}/members/{orgB}/remove", "", hubAManagers},
	{"POST /hubs/:slug/requests/:org", "/hubs/{hubA}/requests/{orgB}", "decision=approve", hubAManagers},
	{"GET /hubs/:slug/people", "/hubs/{hubA}/people", "", hubAManagers},
	{"POST /hubs/:slug/people", "/hubs/{hubA}/people", "name=", hubAManagers},
	{"POST /hubs/:slug/people/:id/link", "/hubs/{hubA}/people/{newcomer}/link", "", hubAManagers},
	{"GET /hubs/:slug/attendance", "/hubs/{hubA}/attendance", "", kinds(coordA, evaluator, adminK)},

	{"GET /hubs/:slug/events", "/hubs/{hubA}/events", "", everyone},
	{"GET /hubs/:slug/events/month", "/hubs/{hubA}/events/month", "", everyone},
	{"GET /hubs/:slug/events/new", "/hubs/{hubA}/events/new", "", hubAManagers},
	{"POST /hubs/:slug/events", "/hubs/{hubA}/events", "title=", hubAManagers},
	{"GET /events/:id", "/events/{event}", "", everyone},
	{"GET /events/:id/event.ics", "/events/{event}/event.ics", "", everyone},
	{"GET /events/:id/edit", "/events/{event}/edit", "", hubAManagers},
	{"POST /events/:id", "/events/{event}", "title=", hubAManagers},
	{"POST /events/:id/publish", "/events/{event}/publish", "", hubAManagers},
	{"POST /events/:id/cancel", "/events/{event}/cancel", "reason=", hubAManagers},
	{"GET /events/:id/series", "/events/{event}/series", "", hubAManagers},
	{"POST /events/:id/series/publish", "/events/{event}/series/publish", "scope=all", hubAManagers},
	{"GET /events/:id/agenda", "/events/{event}/agenda", "", hubAManagers},
	{"POST /events/:id/agenda", "/events/{event}/agenda", "title=", hubAManagers},
	{"POST /events/:id/agenda/:item", "/events/{event}/agenda/999999", "title=", hubAManagers},
	{"POST /events/:id/agenda/:item/delete", "/events/{event}/agenda/999999/delete", "", hubAManagers},
	{"POST /events/:id/agenda/:item/move", "/events/{event}/agenda/999999/move", "direction=up", hubAManagers},
	{"POST /events/:id/agenda/shift", "/events/{event}/agenda/shift", "item=999999&minutes=10", hubAManagers},
	{"POST /events/:id/agenda/copy", "/events/{event}/agenda/copy", "source_event_id=999999&scope=this", hubAManagers},
	{"POST /events/:id/register", "/events/{event}/register", "guest_name=Guest&guest_email=guest.authz@example.org&attendee_role=other", everyone},
	{"POST /registrations/:id/cancel", "/registrations/{bystanderReg}/cancel", "", hubAManagers},
	{"GET /events/:id/my-place", "/events/{event}/my-place", "", anySignedIn},
	{"GET /registrations/manage/:token", "/registrations/manage/no-such-token", "", everyone},
	{"GET /registrations/manage/:token/event.ics", "/registrations/manage/no-such-token/event.ics", "", everyone},
	{"POST /registrations/manage/:token/cancel", "/registrations/manage/no-such-token/cancel", "", everyone},
	{"GET /events/:id/check-in", "/events/{event}/check-in", "", hubAManagers},
	{"POST /registrations/:id/attendance", "/registrations/{bystanderReg}/attendance", "attended=true", hubAManagers},
	{"POST /registrations/:id/manage-link", "/registrations/{bystanderReg}/manage-link", "", hubAManagers},
	{"POST /events/:id/walk-ins", "/events/{event}/walk-ins", "guest_name=", hubAManagers},
	{"POST /events/:id/registrations", "/events/{event}/registrations", "guest_name=", hubAManagers},
	{"GET /events/:id/sign-in-sheet", "/events/{event}/sign-in-sheet", "", hubAManagers},
	{"GET /me", "", "", anySignedIn},
	{"GET /hubs/:slug/requests", "/hubs/{hubA}/requests", "", requestReaders},
	{"GET /hubs/:slug/requests/new", "/hubs/{hubA}/requests/new", "", orgAMembers},
	{"POST /hubs/:slug/requests", "/hubs/{hubA}/requests", "organisation_id={orgA}&title=", orgAMembers},
	{"POST /hubs/:slug/requests/triage", "/hubs/{hubA}/requests/triage", "ids=999999&status=accepted", hubAManagers},
	{"GET /requests/:id", "/requests/{request}", "", requestReaders},
	{"GET /requests/:id/edit", "/requests/{request}/edit", "", orgAMembers},
	{"POST /requests/:id/edit", "/requests/{request}/edit", "title=", orgAMembers},
	{"POST /requests/:id/support", "/requests/{request}/support", "organisation_id={orgA}", orgAMembers},
	{"POST /requests/:id/offer", "/requests/{request}/offer", "organisation_id={orgA}&details=x&format=talk", orgAMembers},
	{"POST /requests/:id/status", "/requests/{request}/status", "status=nonsense", kinds(member, coordA, adminK)},
	{"POST /events/:id/agenda/requests", "/events/{event}/agenda/requests", "request_id=999999", hubAManagers},
	{"GET /dashboard", "", "", kinds(coordA, coordB, adminK)},
	{"GET /hubs/:slug/demand", "/hubs/{hubA}/demand", "", hubAReaders},
	{"GET /hubs/:slug/governance", "/hubs/{hubA}/governance", "", hubAManagers},
	{"POST /hubs/:slug/governance", "/hubs/{hubA}/governance", "terms_reviewed_on=not-a-date", hubAManagers},

	{"GET /organisations", "", "", everyone},
	{"GET /organisations/new", "", "", anySignedIn},
	{"POST /organisations", "", "name=", anySignedIn},
	{"GET /organisations/:id", "/organisations/{orgA}", "", everyone},
	{"GET /organisations/:id/edit", "/organisations/{orgA}/edit", "", orgAEditors},
	{"POST /organisations/:id", "/organisations/{orgA}", "name=", orgAEditors},
	{"POST /organisations/:id/people", "/organisations/{orgA}/people", "email=", orgAAdders},
	{"POST /organisations/:id/hub-invitations/:slug", "/organisations/{orgA}/hub-invitations/{hubB}", "decision=accept", orgAMembers},

	{"GET /api/v1/openapi.json", "", "", everyone},
	{"POST /api/v1/auth/token", "", `{"email":"fixture.bystander@example.org","password":"correct horse battery","name":"t"}`, everyone},
	{"POST /api/v1/auth/password-reset", "", `{"email":"nobody.authz@example.org"}`, everyone},
	{"POST /api/v1/mail/unsubscribe/:token", "/api/v1/mail/unsubscribe/no-such-token", "", everyone},
	{"GET /api/v1/me", "", "", anySignedIn},
	{"GET /api/v1/me/tokens", "", "", anySignedIn},
	{"POST /api/v1/me/tokens", "", `{"name":""}`, anySignedIn},
	{"DELETE /api/v1/me/tokens/:id", "/api/v1/me/tokens/999999", "", anySignedIn},
	{"GET /api/v1/me/invitations", "", "", anySignedIn},
	{"PUT /api/v1/me/invitations/:organisation_id", "/api/v1/me/invitations/{orgB}", `{"decision":"decline"}`, anySignedIn},
	{"GET /api/v1/hubs", "", "", everyone},
	{"POST /api/v1/hubs", "", `{"name":""}`, adminOnly},
	{"GET /api/v1/hubs/:slug", "/api/v1/hubs/{hubA}", "", everyone},
	{"PATCH /api/v1/hubs/:slug", "/api/v1/hubs/{hubA}", `{"name":""}`, hubAManagers},
	{"GET /api/v1/hubs/:slug/members", "/api/v1/hubs/{hubA}/members", "", everyone},
	{"POST /api/v1/hubs/:slug/members", "/api/v1/hubs/{hubA}/members", `{"organisation_id":{orgA}}`, hubAManagers},
	{"DELETE /api/v1/hubs/:slug/members/:organisation_id", "/api/v1/hubs/{hubA}/members/{orgB}", "", hubAManagers},
	{"GET /api/v1/hubs/:slug/roles", "/api/v1/hubs/{hubA}/roles", "", hubAManagers},
	{"PUT /api/v1/hubs/:slug/roles", "/api/v1/hubs/{hubA}/roles", `{"person_id":{bystander},"role":"evaluator"}`, adminOnly},
	{"DELETE /api/v1/hubs/:slug/roles", "/api/v1/hubs/{hubA}/roles", `{"person_id":{bystander},"role":"coordinator"}`, adminOnly},
	{"GET /api/v1/hubs/:slug/people", "/api/v1/hubs/{hubA}/people", "", hubAManagers},
	{"GET /api/v1/hubs/:slug/join-requests", "/api/v1/hubs/{hubA}/join-requests", "", hubAManagers},
	{"GET /api/v1/hubs/:slug/attendance", "/api/v1/hubs/{hubA}/attendance", "", kinds(coordA, evaluator, adminK)},
	{"POST /api/v1/hubs/:slug/join-requests", "/api/v1/hubs/{hubA}/join-requests", `{"organisation_id":{orgA}}`, kinds(member)},
	{"PUT /api/v1/hubs/:slug/join-requests/:organisation_id", "/api/v1/hubs/{hubA}/join-requests/{orgB}", `{"decision":"approve"}`, hubAManagers},
	{"GET /api/v1/organisations", "", "", everyone},
	{"POST /api/v1/organisations", "", `{"name":""}`, anySignedIn},
	{"GET /api/v1/organisations/:id", "/api/v1/organisations/{orgA}", "", everyone},
	{"PATCH /api/v1/organisations/:id", "/api/v1/organisations/{orgA}", `{"website":"nonsense"}`, orgAEditors},
	{"POST /api/v1/organisations/:id/people", "/api/v1/organisations/{orgA}/people", `{"person_id":0}`, orgAAdders},
	{"GET /api/v1/organisations/:id/hub-invitations", "/api/v1/organisations/{orgA}/hub-invitations", "", orgAMembers},
	{"PUT /api/v1/organisations/:id/hub-invitations/:slug", "/api/v1/organisations/{orgA}/hub-invitations/{hubB}", `{"decision":"accept"}`, orgAMembers},
	{"POST /api/v1/people", "", `{"email":"new.person@example.org","name":"","organisation_id":{orgA}}`, hubAManagers},
	{"GET /api/v1/hubs/:slug/events", "/api/v1/hubs/{hubA}/events", "", everyone},
	{"POST /api/v1/hubs/:slug/events", "/api/v1/hubs/{hubA}/events", `{"title":""}`, hubAManagers},
	{"GET /api/v1/events/:id", "/api/v1/events/{event}", "", everyone},
	{"PATCH /api/v1/events/:id", "/api/v1/events/{event}", `{"title":""}`, hubAManagers},
	{"POST /api/v1/events/:id/publish", "/api/v1/events/{event}/publish", "", hubAManagers},
	{"POST /api/v1/events/:id/cancel", "/api/v1/events/{event}/cancel", `{"reason":""}`, hubAManagers},
	{"GET /api/v1/events/:id/agenda", "/api/v1/events/{event}/agenda", "", everyone},
	{"PUT /api/v1/events/:id/agenda", "/api/v1/events/{event}/agenda", `{"items":[{"title":""}]}`, hubAManagers},
	{"POST /api/v1/events/:id/agenda/copy", "/api/v1/events/{event}/agenda/copy", `{"source_event_id":999999,"scope":"this"}`, hubAManagers},
	{"GET /api/v1/series/:id", "/api/v1/series/{series}", "", hubAManagers},
	{"POST /api/v1/series/:id/publish", "/api/v1/series/{series}/publish", `{"from_event_id":999999}`, hubAManagers},
	{"GET /api/v1/events/:id/registrations", "/api/v1/events/{event}/registrations", "", hubAManagers},
	{"POST /api/v1/events/:id/registrations", "/api/v1/events/{event}/registrations", `{"attendee_role":"nonsense"}`, everyone},
	{"POST /api/v1/events/:id/walk-ins", "/api/v1/events/{event}/walk-ins", `{"name":""}`, hubAManagers},
	{"DELETE /api/v1/registrations/:id", "/api/v1/registrations/{bystanderReg}", "", hubAManagers},
	{"PUT /api/v1/registrations/:id/attendance", "/api/v1/registrations/{bystanderReg}/attendance", `{"attended":true}`, hubAManagers},
	{"POST /api/v1/registrations/:id/manage-link", "/api/v1/registrations/{bystanderReg}/manage-link", "", hubAManagers},
	{"GET /api/v1/me/registrations", "", "", anySignedIn},
	{"GET /api/v1/me/calendar", "", "", anySignedIn},
	{"POST /api/v1/me/calendar", "", "", anySignedIn},
	{"POST /api/v1/events/:id/feedback", "/api/v1/events/{event}/feedback", `{"usefulness":"three"}`, everyone},
	{"PUT /api/v1/events/:id/feedback", "/api/v1/events/{event}/feedback", `{"usefulness":"three"}`, everyone},
	{"PUT /api/v1/events/:id/feedback/closes", "/api/v1/events/{event}/feedback/closes", `{"closes_at":"2000-01-01T00:00:00Z"}`, hubAManagers},
	{"GET /api/v1/events/:id/feedback/summary", "/api/v1/events/{event}/feedback/summary", "", hubAReaders},
	{"GET /api/v1/hubs/:slug/report", "/api/v1/hubs/{hubA}/report", "", hubAReaders},
	{"GET /api/v1/hubs/:slug/exports/:file", "/api/v1/hubs/{hubA}/exports/feedback.csv", "", hubAReaders},
	{"GET /api/v1/report", "/api/v1/report", "", adminOnly},
	// Feedback pages: the form is anyone's address, and the operation
	// finds whose registration the link or session holds (none here: 404).
	{"GET /events/:id/feedback", "/events/{event}/feedback?token=no-such-link", "", everyone},
	{"POST /events/:id/feedback", "/events/{event}/feedback?token=no-such-link", "usefulness=3&networking_value=3&will_follow_up=no", everyone},
	{"GET /events/:id/feedback/thanks", "/events/{event}/feedback/thanks?token=no-such-link", "", everyone},
	{"POST /events/:id/feedback/code", "/events/{event}/feedback/code", "email=nobody%40example.org", everyone},
	{"POST /events/:id/feedback/code/check", "/events/{event}/feedback/code/check", "email=nobody%40example.org&code=000000", everyone},
	{"GET /events/:id/feedback/qr", "/events/{event}/feedback/qr", "", hubAManagers},
	{"GET /events/:id/feedback/results", "/events/{event}/feedback/results", "", hubAReaders},
	{"GET /events/:id/feedback/request", "/events/{event}/feedback/request?feedback_id=999999&answer=x", "", hubAManagers},
	{"POST /events/:id/feedback/request", "/events/{event}/feedback/request", "feedback_id=999999&answer=x", hubAManagers},
	{"POST /events/:id/feedback/closes", "/events/{event}/feedback/closes", "closes_on=not-a-date", hubAManagers},
	{"GET /hubs/:slug/report", "/hubs/{hubA}/report", "", hubAReaders},
	{"GET /reports", "", "", adminOnly},
	{"GET /api/v1/topics", "", "", everyone},
	{"POST /api/v1/topics", "", `{"slug":"","name":""}`, anyCoordOrAdm},

	// Topic requests: the board is for the hub's people; acting needs an
	// organisation of one's own that is an active member; triage is the
	// coordinators'. The fixture's request is organisation A's own, so its
	// member is let through to be refused support of it (422).
	{"GET /api/v1/me/requests", "", "", anySignedIn},
	{"GET /api/v1/hubs/:slug/requests", "/api/v1/hubs/{hubA}/requests", "", requestReaders},
	{"POST /api/v1/hubs/:slug/requests", "/api/v1/hubs/{hubA}/requests", `{"organisation_id":{orgA},"title":""}`, orgAMembers},
	{"POST /api/v1/hubs/:slug/requests/triage", "/api/v1/hubs/{hubA}/requests/triage", `{"ids":[999999],"status":"accepted"}`, hubAManagers},
	{"GET /api/v1/requests/:id", "/api/v1/requests/{request}", "", requestReaders},
	{"PATCH /api/v1/requests/:id", "/api/v1/requests/{request}", `{"status":"nonsense"}`, kinds(member, coordA, adminK)},
	{"POST /api/v1/requests/:id/supports", "/api/v1/requests/{request}/supports", `{"organisation_id":{orgA}}`, orgAMembers},
	{"POST /api/v1/requests/:id/offers", "/api/v1/requests/{request}/offers", `{"organisation_id":{orgA},"details":"x","format":"talk"}`, orgAMembers},
	{"POST /api/v1/events/:id/agenda/requests", "/api/v1/events/{event}/agenda/requests", `{"request_id":999999}`, hubAManagers},
	{"GET /api/v1/hubs/:slug/demand", "/api/v1/hubs/{hubA}/demand", "", kinds(coordA, evaluator, adminK)},
	{"PUT /api/v1/hubs/:slug/governance", "/api/v1/hubs/{hubA}/governance", `{"terms_url":"https://example.org/terms"}`, hubAManagers},
}

// TestAuthorisationTable tries every route as every kind of user and
// checks who gets through; it fails when a route has no row.
func TestAuthorisationTable(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)

	registered := map[string]web.Permission{}
	for _, r := range routes(&web.Server{}) {
		registered[r.method+" "+r.path] = r.access
	}
	rows := map[string]bool{}
	for _, tc := range authzTable {
		if rows[tc.route] {
			t.Errorf("route %s has two rows", tc.route)
		}
		rows[tc.route] = true
		perm, ok := registered[tc.route]
		if !ok {
			t.Errorf("row %s names no registered route", tc.route)
			continue
		}
		// The route table states who may call each route: the row's
		// answer must be what that permission means for the fixture (or,
		// for coordinator, which the operation narrows to a hub, within it).
		if want := permitted[perm]; tc.allow != want && (perm != web.Coordinator || tc.allow&^want != 0) {
			t.Errorf("route %s needs %q in the route table, which lets in %s; its row expects %s", tc.route, perm, want, tc.allow)
		}
	}
	var missing []string
	for r := range registered {
		if !rows[r] {
			missing = append(missing, r)
		}
	}
	sort.Strings(missing)
	for _, r := range missing {
		t.Errorf("route %s has no row in the authorisation table", r)
	}

	series, _ := MustSeries(t, f, 2)
	fill := strings.NewReplacer(
		"{hubA}", f.HubA.Slug, "{hubB}", f.HubB.Slug,
		"{orgA}", strconv.FormatInt(f.OrgA.ID, 10), "{orgB}", strconv.FormatInt(f.OrgB.ID, 10),
		"{bystander}", strconv.FormatInt(f.Bystander.ID, 10), "{member}", strconv.FormatInt(f.People[member].ID, 10),
		"{newcomer}", strconv.FormatInt(f.Newcomer.ID, 10),
		"{event}", strconv.FormatInt(f.Event.ID, 10), "{bystanderReg}", strconv.FormatInt(f.BystanderReg.ID, 10),
		"{request}", strconv.FormatInt(f.Request.ID, 10), "{series}", strconv.FormatInt(series, 10),
	)
	for _, tc := range authzTable {
		method, route, _ := strings.Cut(tc.route, " ")
		path := tc.path
		if path == "" {
			path = route
		}
		path, body := fill.Replace(path), fill.Replace(tc.body)
		for k := anon; k < numKinds; k++ {
			t.Run(fmt.Sprintf("%s/%s", tc.route, k), func(t *testing.T) {
				status, location, text := tryRoute(t, f, k, method, path, body)
				if status >= 500 {
					t.Fatalf("%s %s as %s: %d %s", method, path, k, status, text)
				}
				denied := status == http.StatusUnauthorized || status == http.StatusForbidden ||
					(status == http.StatusSeeOther && strings.HasPrefix(location, "/sign-in"))
				if want := tc.allow.has(k); denied == want {
					t.Errorf("%s %s as %s: status %d (location %q); want allowed=%v\n%s", method, path, k, status, location, want, truncate(text, 300))
				}
			})
		}
	}
}

// tryRoute sends one request as kind: pages with a session and the CSRF
// token, the API with a bearer token.
func tryRoute(tb testing.TB, f *fixture, kind actorKind, method, path, body string) (int, string, string) {
	tb.Helper()
	if strings.HasPrefix(path, "/api/") {
		var b any
		if body != "" {
			b = body
		}
		resp, text := f.API(tb, kind, method, path, b)
		return resp.StatusCode, resp.Header.Get("Location"), text
	}
	var form url.Values
	if body != "" || method != http.MethodGet {
		var err error
		if form, err = url.ParseQuery(body); err != nil {
			tb.Fatal(err)
		}
	}
	resp, text := f.MustClient(tb, kind).Page(tb, method, path, form)
	return resp.StatusCode, resp.Header.Get("Location"), text
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
