package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage/pgtest"
)

// TestNetworkBadInput sends the bad inputs we can think of to the API and
// the forms: each gets a clear 4xx naming the field, and nothing stored
// changes.
func TestNetworkBadInput(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	long := strings.Repeat("x", 201)
	cases := []struct {
		name   string
		kind   actorKind
		method string
		path   string
		body   string
		status int
		field  string // the field the error names, if any
	}{
		{"HubDuplicateSlug", adminK, "POST", "/api/v1/hubs", `{"slug":"hub-a","name":"Another"}`, 409, "slug"},
		{"HubSlugCharacters", adminK, "POST", "/api/v1/hubs", `{"slug":"Hub A!","name":"Another"}`, 422, "slug"},
		{"HubUnknownTimeZone", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":"New","timezone":"Europe/Narnia"}`, 422, "timezone"},
		{"HubNameTooLong", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":"` + long + `"}`, 422, "name"},
		{"HubEmptyName", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":""}`, 422, "name"},
		{"HubWrongType", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":42}`, 422, "name"},
		{"HubUnknownField", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":"New","colour":"teal"}`, 422, "colour"},
		{"HubNotJSON", adminK, "POST", "/api/v1/hubs", `{"slug":`, 422, ""},
		{"HubTwoObjects", adminK, "POST", "/api/v1/hubs", `{"slug":"new","name":"New"}{}`, 422, ""},
		{"HubArray", adminK, "POST", "/api/v1/hubs", `[]`, 422, ""},
		{"HubEmptyBody", adminK, "POST", "/api/v1/hubs", ``, 422, ""},
		{"HubPatchBadZone", coordA, "PATCH", "/api/v1/hubs/hub-a", `{"timezone":"Mars/Olympus"}`, 422, "timezone"},
		{"HubOtherCoordinator", coordB, "PATCH", "/api/v1/hubs/hub-a", `{"name":"Taken over"}`, 403, ""},
		{"HubSlugByCoordinator", coordA, "PATCH", "/api/v1/hubs/hub-a", `{"slug":"renamed"}`, 403, ""},
		{"OrgUnknownKind", member, "POST", "/api/v1/organisations", `{"name":"New Org","kind":"charity"}`, 422, "kind"},
		{"OrgDuplicateName", member, "POST", "/api/v1/organisations", `{"name":"organisation a","kind":"network"}`, 409, "name"},
		{"OrgBadWebsite", member, "PATCH", "/api/v1/organisations/{orgA}", `{"website":"javascript:alert(1)"}`, 422, "website"},
		{"OrgDescriptionWrongType", member, "PATCH", "/api/v1/organisations/{orgA}", `{"description":["a"]}`, 422, "description"},
		{"PersonMalformedEmail", coordA, "POST", "/api/v1/people", `{"email":"not-an-email","name":"Someone","organisation_id":{orgA}}`, 422, "email"},
		{"PersonDisplayNameEmail", coordA, "POST", "/api/v1/people", `{"email":"Sam <sam@example.org>","name":"Someone","organisation_id":{orgA}}`, 422, "email"},
		{"PersonDuplicateEmail", coordA, "POST", "/api/v1/people", `{"email":"FIXTURE.ATTENDEE@example.org","name":"Someone","organisation_id":{orgA}}`, 409, "email"},
		{"PersonNameTooLong", coordA, "POST", "/api/v1/people", `{"email":"x@example.org","name":"` + long + `","organisation_id":{orgA}}`, 422, "name"},
		{"PersonOtherHubsOrg", coordB, "POST", "/api/v1/people", `{"email":"x@example.org","name":"X","organisation_id":{orgA}}`, 403, ""},
		{"ColleagueNoPerson", member, "POST", "/api/v1/organisations/{orgA}/people", `{}`, 422, "person_id"},
		{"ColleagueUnknownPersonByAdmin", adminK, "POST", "/api/v1/organisations/{orgA}/people", `{"person_id":999999}`, 422, "person_id"},
		{"AppointWithoutRole", adminK, "PUT", "/api/v1/hubs/hub-a/roles", `{"person_id":{bystander}}`, 422, "role"},
		{"MemberUnknownOrg", coordA, "POST", "/api/v1/hubs/hub-a/members", `{"organisation_id":999999}`, 422, "organisation_id"},
		{"MemberOtherHub", coordB, "POST", "/api/v1/hubs/hub-a/members", `{"organisation_id":{orgB}}`, 403, ""},
		{"MemberAlready", coordA, "POST", "/api/v1/hubs/hub-a/members", `{"organisation_id":{orgA}}`, 409, ""},
		{"RoleUnknown", adminK, "PUT", "/api/v1/hubs/hub-a/roles", `{"person_id":{bystander},"role":"overlord"}`, 422, "role"},
		{"RoleUnknownPerson", adminK, "PUT", "/api/v1/hubs/hub-a/roles", `{"person_id":999999,"role":"evaluator"}`, 422, "person_id"},
		{"RolePersonIDString", adminK, "PUT", "/api/v1/hubs/hub-a/roles", `{"person_id":"7","role":"evaluator"}`, 422, "person_id"},
		{"JoinDecisionUnknown", coordA, "PUT", "/api/v1/hubs/hub-a/join-requests/{orgB}", `{"decision":"maybe"}`, 422, "decision"},
		{"TopicBadSlug", coordA, "POST", "/api/v1/topics", `{"slug":"Peer Support!","name":"Peer"}`, 422, "slug"},
		{"TopicDuplicate", coordA, "POST", "/api/v1/topics", `{"slug":"safeguarding","name":"Safeguarding again"}`, 409, "slug"},
		{"ListBadLimit", anon, "GET", "/api/v1/organisations?limit=0", ``, 422, "limit"},
		{"ListBadOffset", anon, "GET", "/api/v1/organisations?offset=-3", ``, 422, "offset"},
		{"TokenWithoutPassword", anon, "POST", "/api/v1/auth/token", `{"email":"a@example.org"}`, 422, "password"},
		{"UnknownHub", anon, "GET", "/api/v1/hubs/atlantis", ``, 404, ""},
		{"NulInEmailAtSignIn", anon, "POST", "/api/v1/auth/token", `{"email":"a\u0000@example.org","password":"whatever it is"}`, 401, ""},
		{"NulInOrgName", member, "POST", "/api/v1/organisations", `{"name":"Bad\u0000Name","kind":"network"}`, 422, "name"},
		{"NulInHubDescription", coordA, "PATCH", "/api/v1/hubs/hub-a", `{"description":"x\u0000y"}`, 422, "description"},
		{"NulInTopicName", coordA, "POST", "/api/v1/topics", `{"slug":"nul","name":"a\u0000b"}`, 422, "name"},
		{"OrgIDNotNumber", anon, "GET", "/api/v1/organisations/abc", ``, 404, ""},
	}
	fill := strings.NewReplacer("{orgA}", itoa(f.OrgA.ID), "{orgB}", itoa(f.OrgB.ID), "{bystander}", itoa(f.Bystander.ID))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, f)
			var body any
			if tc.body != "" {
				body = fill.Replace(tc.body)
			}
			resp, text := f.API(t, tc.kind, tc.method, fill.Replace(tc.path), body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, text)
			}
			var e web.ErrorBody
			MustDecode(t, text, &e)
			if e.Error.Code == "" || e.Error.Message == "" {
				t.Errorf("error body %s lacks a code and message", text)
			}
			if tc.field != "" && e.Error.Fields[tc.field] == "" {
				t.Errorf("error %s does not name the field %q", text, tc.field)
			}
			if after := snapshot(t, f); after != before {
				t.Errorf("stored data changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}

	t.Run("OversizedBody", func(t *testing.T) {
		huge := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
		resp, text := f.API(t, adminK, "POST", "/api/v1/hubs", huge)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text, "too large") {
			t.Errorf("status %d %s, want 413", resp.StatusCode, truncate(text, 200))
		}
	})

	t.Run("FormShownAgain", func(t *testing.T) {
		before := snapshot(t, f)
		c := f.MustClient(t, adminK)
		resp, body := c.Page(t, http.MethodPost, "/admin/hubs", url.Values{"name": {"Hub <b>C</b>"}, "slug": {"Bad Slug"}, "timezone": {"Nowhere/Land"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		for _, want := range []string{`href="#f-slug"`, `href="#f-timezone"`, `aria-invalid="true"`, `value="Hub &lt;b&gt;C&lt;/b&gt;"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the form shown again lacks %s", want)
			}
		}
		if after := snapshot(t, f); after != before {
			t.Errorf("stored data changed:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// snapshot summarises what is stored, to check a refused change left it.
func snapshot(tb testing.TB, f *fixture) string {
	tb.Helper()
	var s struct {
		Hubs, Orgs, People, Members, Roles, Affiliations, Topics int
		HubA, OrgA                                               string
	}
	err := pgtest.SQL(f.db).GetContext(context.Background(), &s, `SELECT
		(SELECT count(*) FROM hubs) AS hubs, (SELECT count(*) FROM organisations) AS orgs,
		(SELECT count(*) FROM people) AS people, (SELECT count(*) FROM hub_memberships) AS members,
		(SELECT count(*) FROM roles) AS roles, (SELECT count(*) FROM affiliations) AS affiliations,
		(SELECT count(*) FROM topics) AS topics,
		(SELECT name || slug || timezone || description FROM hubs WHERE slug = 'hub-a') AS huba,
		(SELECT name || kind || website || description FROM organisations WHERE id = $1) AS orga`, f.OrgA.ID)
	if err != nil {
		tb.Fatal(err)
	}
	out, _ := json.Marshal(s)
	return string(out)
}
