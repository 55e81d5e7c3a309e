package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// actorKind is one of the kinds of user every route is tried as.
type actorKind int

const (
	anon      actorKind = iota // nobody signed in
	attendee                   // signed in, no organisation, no role
	member                     // acts for organisation A, a member of hub A
	coordA                     // coordinator of hub A
	coordB                     // coordinator of hub B only
	evaluator                  // evaluator of hub A
	adminK                     // site administrator
	numKinds
)

func (k actorKind) String() string {
	return [...]string{"anonymous", "attendee", "org member", "coordinator of this hub", "coordinator of another hub", "evaluator", "admin"}[k]
}

// fixturePassword is every fixture account's password.
const fixturePassword = "correct horse battery"

// fixture is a small world to try routes in: hubs A and B, organisation A
// in hub A and B in hub B, one person of each kind and a bystander.
type fixture struct {
	app        *app
	db         *storage.DB
	HubA, HubB hub.Hub
	OrgA, OrgB hub.Organisation
	People     [numKinds]hub.Person
	Tokens     [numKinds]string
	Bystander  hub.Person
	// Newcomer is in organisation A through an invitation from hub A's
	// coordinator, and has not set a password yet.
	Newcomer hub.Person
	// Event is a published public event of hub A a week ahead, with ten
	// places; BystanderReg is the bystander's registration for it.
	Event        events.Event
	BystanderReg events.Registration
	// Request is an open topic request of organisation A in hub A.
	Request hub.TopicRequest
}

var (
	fixtureHashOnce sync.Once
	fixtureHash     string
)

// MustFixture builds the fixture in a's database.
func MustFixture(tb testing.TB, a *app) *fixture {
	tb.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, a.DSN)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	fixtureHashOnce.Do(func() { fixtureHash, _ = hub.HashPassword(fixturePassword) })
	f := &fixture{app: a, db: db}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("fixture: %v", err)
		}
	}
	f.HubA = hub.Hub{Slug: "hub-a", Name: "Hub A", Region: "North", TimeZone: "Europe/London"}
	f.HubB = hub.Hub{Slug: "hub-b", Name: "Hub B", Region: "South", TimeZone: "Europe/London"}
	must(db.CreateHub(ctx, hub.System, &f.HubA))
	must(db.CreateHub(ctx, hub.System, &f.HubB))
	f.OrgA = hub.Organisation{Name: "Organisation A", Kind: hub.FundedProject}
	f.OrgB = hub.Organisation{Name: "Organisation B", Kind: hub.Network}
	must(db.CreateOrganisation(ctx, &f.OrgA))
	must(db.CreateOrganisation(ctx, &f.OrgB))
	person := func(name string) hub.Person {
		tb.Helper()
		email := strings.ReplaceAll(strings.ToLower(name), " ", ".") + "@example.org"
		p, err := db.CreatePerson(ctx, hub.NewPerson{Email: email, Name: name}, fixtureHash)
		must(err)
		return p
	}
	for k := attendee; k < numKinds; k++ {
		f.People[k] = person("Fixture " + strings.ReplaceAll(k.String(), " ", "-"))
		token, _, err := db.CreateAPIToken(ctx, f.People[k].ID, "fixture")
		must(err)
		f.Tokens[k] = token
	}
	f.Bystander = person("Fixture Bystander")
	must(db.AffiliatePerson(ctx, hub.System, f.People[member].ID, f.OrgA.ID))
	must(db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: f.People[coordA].ID, Role: hub.RoleCoordinator, HubID: &f.HubA.ID}))
	must(db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: f.People[coordB].ID, Role: hub.RoleCoordinator, HubID: &f.HubB.ID}))
	must(db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: f.People[evaluator].ID, Role: hub.RoleEvaluator, HubID: &f.HubA.ID}))
	must(db.GrantRole(ctx, hub.System, hub.RoleChange{PersonID: f.People[adminK].ID, Role: hub.RoleAdmin}))
	// Each organisation asked to join its hub and was approved: membership
	// with the organisation's consent. Organisation B has nobody of its own
	// in the fixture, so the request is made as someone acting for it.
	for _, m := range []struct {
		hubID, orgID int64
		coordinator  actorKind
	}{{f.HubA.ID, f.OrgA.ID, coordA}, {f.HubB.ID, f.OrgB.ID, coordB}} {
		actingFor := &hub.Actor{Person: &f.People[member], Organisations: map[int64]bool{m.orgID: true}}
		_, err := db.RequestMembership(ctx, actingFor, m.hubID, m.orgID, "")
		must(err)
		must(db.DecideMembership(ctx, mustActor(tb, f, f.People[m.coordinator].ID), m.hubID, m.orgID, true))
	}

	inv, err := db.InvitePerson(ctx, mustActor(tb, f, f.People[coordA].ID), storage.NewInvitation{Person: hub.NewPerson{Email: "fixture.newcomer@example.org", Name: "Fixture Newcomer"}, OrganisationID: &f.OrgA.ID, HubID: &f.HubA.ID})
	must(err)
	f.Newcomer = inv.Person

	start := morningIn(tb, 7)
	ten := 10
	f.Event, err = db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Peer support hub day", Summary: "A day of sharing practice.",
		StartsAt: start, EndsAt: start.Add(5 * time.Hour), Format: events.FormatInPerson, Venue: "The Sidings, 14 Station Road, Gateshead",
		Capacity: &ten, Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	must(err)
	bystander := f.Bystander.ID
	placed, err := db.Register(ctx, &hub.Actor{Person: &hub.Person{ID: bystander}}, storage.Registration{EventID: f.Event.ID,
		RegistrationInput: events.RegistrationInput{AttendeeRole: events.RolePractitioner}, Now: time.Now()})
	must(err)
	f.BystanderReg = placed.Registration
	memberActor, err := db.ActorByID(ctx, f.People[member].ID)
	must(err)
	f.Request, err = db.SubmitRequest(ctx, memberActor, storage.NewRequest{HubSlug: f.HubA.Slug, OrganisationID: f.OrgA.ID, Topic: "safeguarding",
		Title: "Safer recruitment of peer workers", Details: "How to check applicants with lived experience fairly.", Format: hub.FormatWorkshop})
	must(err)
	return f
}

// csrfToken is the value tests put in both the CSRF cookie and the form.
const csrfToken = "test-csrf-token-0123456789abcdef0123456789"

// client is a browser-like HTTP client for one kind of user.
type client struct {
	f    *fixture
	kind actorKind
	// session is the session cookie's value; empty for anon.
	session string
}

// MustClient signs kind in (a fresh session) for page requests.
func (f *fixture) MustClient(tb testing.TB, kind actorKind) *client {
	tb.Helper()
	c := &client{f: f, kind: kind}
	if kind != anon {
		token, err := f.db.CreateSession(context.Background(), f.People[kind].ID, web.SessionPolicy)
		if err != nil {
			tb.Fatal(err)
		}
		c.session = token
	}
	return c
}

// Page sends a browser request: cookies, and for forms the CSRF token.
func (c *client) Page(tb testing.TB, method, path string, form url.Values) (*http.Response, string) {
	tb.Helper()
	var body io.Reader
	if form != nil || method != http.MethodGet {
		if form == nil {
			form = url.Values{}
		}
		if _, ok := form["csrf"]; !ok {
			form.Set("csrf", csrfToken)
		}
		body = strings.NewReader(form.Encode())
	}
	req := mustRequest(tb, method, c.f.app.URL+path, body)
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: csrfToken})
	if c.session != "" {
		req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: c.session})
	}
	return c.f.app.MustDo(tb, req)
}

// API sends a JSON request with the kind's bearer token (none for anon).
func (f *fixture) API(tb testing.TB, kind actorKind, method, path string, body any) (*http.Response, string) {
	tb.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		r = strings.NewReader(string(data))
	}
	req := mustRequest(tb, method, f.app.URL+path, r)
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if kind != anon {
		req.Header.Set("Authorization", "Bearer "+f.Tokens[kind])
	}
	return f.app.MustDo(tb, req)
}

// MustDecode reads a JSON response body into v.
func MustDecode(tb testing.TB, body string, v any) {
	tb.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		tb.Fatalf("decode %q: %v", body, err)
	}
}

// morningIn is 10:00 in London (the fixture hubs' zone) days from today,
// in UTC: an event starting then never crosses midnight, whatever the
// time the tests run.
func morningIn(tb testing.TB, days int) time.Time {
	tb.Helper()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		tb.Fatal(err)
	}
	day := time.Now().In(london).AddDate(0, 0, days)
	return time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, london).UTC()
}
