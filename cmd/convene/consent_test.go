package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// MustCount runs a counting query against the fixture's database.
func (f *fixture) MustCount(tb testing.TB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := pgtest.SQL(f.db).GetContext(context.Background(), &n, query, args...); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestTakeoverThroughMembershipRefused replays the hostile tester's
// account takeover: a person registers their own organisation and asks
// hub B to join; hub A's coordinator pulls it into hub A and makes a
// password link for them. Now the organisation is only invited, the
// person stays outside hub A, and no link is made.
func TestTakeoverThroughMembershipRefused(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	victim, err := f.db.CreatePerson(ctx, hub.NewPerson{Email: "victim@example.org", Name: "Victim"}, fixtureHash)
	if err != nil {
		t.Fatal(err)
	}
	org := hub.Organisation{Name: "Victim's Project", Kind: hub.FundedProject}
	if err := f.db.RegisterOrganisation(ctx, mustActor(t, f, victim.ID), &org); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.RequestMembership(ctx, mustActor(t, f, victim.ID), f.HubB.ID, org.ID, ""); err != nil {
		t.Fatal(err)
	}

	resp, body := f.API(t, coordA, http.MethodPost, "/api/v1/hubs/hub-a/members", fmt.Sprintf(`{"organisation_id":%d}`, org.ID))
	if resp.StatusCode != http.StatusAccepted || !strings.Contains(body, `"invited"`) {
		t.Fatalf("coordinator adds an organisation: %d %s; want 202 invited", resp.StatusCode, body)
	}
	if n := f.MustCount(t, `SELECT count(*) FROM hub_memberships WHERE organisation_id = $1 AND status = 'active'`, org.ID); n != 0 {
		t.Fatalf("the organisation is an active member of %d hubs without agreeing", n)
	}
	coord := f.MustClient(t, coordA)
	resp, _ = coord.Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(victim.ID)+"/link", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("link for a person of an invited organisation: %d, want 404", resp.StatusCode)
	}
	_, people := f.API(t, coordA, http.MethodGet, "/api/v1/hubs/hub-a/people", nil)
	if strings.Contains(people, victim.Email) {
		t.Error("the invited organisation's people are listed with their emails")
	}
	if n := f.MustCount(t, `SELECT count(*) FROM password_tokens WHERE person_id = $1`, victim.ID); n != 0 {
		t.Errorf("%d password links made for the person", n)
	}

	// Even once the organisation accepts, their account has a password:
	// a reset is theirs or an admin's to make, not a coordinator's.
	if err := f.db.AnswerHubInvitation(ctx, mustActor(t, f, victim.ID), f.HubA.ID, org.ID, true); err != nil {
		t.Fatal(err)
	}
	resp, _ = coord.Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(victim.ID)+"/link", nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("link for a person with a password after consent: %d, want 403", resp.StatusCode)
	}
	if n := f.MustCount(t, `SELECT count(*) FROM password_tokens WHERE person_id = $1`, victim.ID); n != 0 {
		t.Errorf("%d password links made for the person", n)
	}
	resp, _ = f.MustClient(t, adminK).Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(victim.ID)+"/link", nil)
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("an admin makes a reset link: %d, want 201", resp.StatusCode)
	}
}

// TestReadingAnotherHubRefused replays the second attack: hub B's
// coordinator pulls hub A's organisation into hub B to read its people's
// emails and create an account inside it.
func TestReadingAnotherHubRefused(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	resp, _ := f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/members", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID))
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("invite organisation A to hub B: %d, want 202", resp.StatusCode)
	}
	_, people := f.API(t, coordB, http.MethodGet, "/api/v1/hubs/hub-b/people", nil)
	if strings.Contains(people, f.People[member].Email) {
		t.Error("hub B's coordinator reads organisation A's emails before it agreed")
	}
	before := f.MustCount(t, `SELECT count(*) FROM people`)
	resp, _ = f.API(t, coordB, http.MethodPost, "/api/v1/people", fmt.Sprintf(`{"email":"plant@example.org","name":"Plant","organisation_id":%d}`, f.OrgA.ID))
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("hub B's coordinator creates an account inside organisation A: %d, want 403", resp.StatusCode)
	}
	if after := f.MustCount(t, `SELECT count(*) FROM people`); after != before {
		t.Errorf("people went from %d to %d", before, after)
	}
	_, members := f.API(t, anon, http.MethodGet, "/api/v1/hubs/hub-b/members", nil)
	if strings.Contains(members, "Organisation A") {
		t.Error("an invited organisation is listed as a member")
	}
}

// TestHubInvitationAnsweredByTheOrganisation: only the organisation's own
// members answer; accepting makes it a member; every step is audited.
func TestHubInvitationAnsweredByTheOrganisation(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	orgA := itoa(f.OrgA.ID)
	if resp, _ := f.MustClient(t, coordB).Page(t, http.MethodPost, "/hubs/hub-b/members", url.Values{"organisation_id": {orgA}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("invite from the members page: %d", resp.StatusCode)
	}
	if resp, body := f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/members", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID)); resp.StatusCode != http.StatusConflict {
		t.Errorf("inviting twice: %d %s, want 409", resp.StatusCode, body)
	}
	_, members := f.MustClient(t, coordB).Page(t, http.MethodGet, "/hubs/hub-b/members", nil)
	if !strings.Contains(members, "Invited, waiting for their answer") || !strings.Contains(members, "Withdraw") {
		t.Error("the members page does not show the invitation waiting")
	}
	_, account := f.MustClient(t, member).Page(t, http.MethodGet, "/account", nil)
	if !strings.Contains(account, "Hub B</a> invited") {
		t.Error("the member's account page does not show the hub's invitation")
	}
	_, list := f.API(t, member, http.MethodGet, "/api/v1/organisations/"+orgA+"/hub-invitations", nil)
	if !strings.Contains(list, `"hub-b"`) {
		t.Errorf("the invitation is not listed: %s", list)
	}
	answer := `{"decision":"accept"}`
	for _, k := range []actorKind{coordB, adminK, attendee} {
		if resp, _ := f.API(t, k, http.MethodPut, "/api/v1/organisations/"+orgA+"/hub-invitations/hub-b", answer); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s accepts for organisation A: %d, want 403", k, resp.StatusCode)
		}
	}
	if resp, _ := f.API(t, member, http.MethodPut, "/api/v1/organisations/"+orgA+"/hub-invitations/hub-b", `{"decision":"maybe"}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a decision that is neither: %d, want 422", resp.StatusCode)
	}
	if n := f.MustCount(t, `SELECT count(*) FROM hub_memberships WHERE hub_id = $1 AND organisation_id = $2 AND status = 'active'`, f.HubB.ID, f.OrgA.ID); n != 0 {
		t.Fatal("a refused or invalid answer made the organisation a member")
	}
	if resp, body := f.MustClient(t, member).Page(t, http.MethodPost, "/organisations/"+orgA+"/hub-invitations/hub-b", url.Values{"decision": {"accept"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the member accepts: %d %s", resp.StatusCode, truncate(body, 300))
	}
	_, members = f.API(t, anon, http.MethodGet, "/api/v1/hubs/hub-b/members", nil)
	if !strings.Contains(members, "Organisation A") {
		t.Error("after accepting, organisation A is not a member of hub B")
	}
	if resp, _ := f.API(t, member, http.MethodPut, "/api/v1/organisations/"+orgA+"/hub-invitations/hub-b", answer); resp.StatusCode != http.StatusNotFound {
		t.Errorf("accepting twice: %d, want 404", resp.StatusCode)
	}
	// Leaving and coming back: a removal, then an invitation the
	// organisation declines.
	if resp, _ := f.API(t, coordB, http.MethodDelete, "/api/v1/hubs/hub-b/members/"+orgA, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("remove: %d", resp.StatusCode)
	}
	f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/members", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID))
	if resp, _ := f.API(t, member, http.MethodPut, "/api/v1/organisations/"+orgA+"/hub-invitations/hub-b", `{"decision":"decline"}`); resp.StatusCode != http.StatusOK {
		t.Errorf("decline: %d", resp.StatusCode)
	}
	var actions []string
	if err := pgtest.SQL(f.db).SelectContext(context.Background(), &actions, `SELECT action FROM audit_log WHERE hub_id = $1 AND subject = $2 ORDER BY id`, f.HubB.ID, "organisation:"+orgA); err != nil {
		t.Fatal(err)
	}
	want := "member.invite member.accept member.remove member.invite member.refuse"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("audit trail %q, want %q", got, want)
	}
}

// TestRequestAfterInvitationJoins: an organisation invited by a hub that
// then asks to join has agreed, and is a member at once.
func TestRequestAfterInvitationJoins(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/members", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID))
	resp, body := f.API(t, member, http.MethodPost, "/api/v1/hubs/hub-b/join-requests", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID))
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, `"active"`) {
		t.Errorf("asking to join after an invitation: %d %s, want 201 active", resp.StatusCode, body)
	}
}

// TestAdminAddsDirectlyWithoutLinkRights: an admin may add an
// organisation at once, but that gives the hub's coordinators no right to
// make sign-in links for its people, who never consented.
func TestAdminAddsDirectlyWithoutLinkRights(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	org := hub.Organisation{Name: "Added By Admin", Kind: hub.Network}
	if err := f.db.CreateOrganisation(ctx, &org); err != nil {
		t.Fatal(err)
	}
	resp, body := f.API(t, adminK, http.MethodPost, "/api/v1/hubs/hub-a/members", fmt.Sprintf(`{"organisation_id":%d}`, org.ID))
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, `"active"`) {
		t.Fatalf("admin adds: %d %s, want 201 active", resp.StatusCode, body)
	}
	inv, err := f.db.InvitePerson(ctx, mustActor(t, f, f.People[adminK].ID), storage.NewInvitation{Person: hub.NewPerson{Email: "new.one@example.org", Name: "New One"}, OrganisationID: &org.ID, HubID: &f.HubA.ID})
	if err != nil {
		t.Fatal(err)
	}
	resp, _ = f.MustClient(t, coordA).Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(inv.Person.ID)+"/link", nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("coordinator's link for a person of an organisation added without consent: %d, want 403", resp.StatusCode)
	}
	resp, _ = f.MustClient(t, coordA).Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(f.Newcomer.ID)+"/link", nil)
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("coordinator's link for a newcomer of a consenting organisation: %d, want 201", resp.StatusCode)
	}
}

// TestConcurrentInvitations: two invitations at once make one invitation
// and one conflict, never a 500.
func TestConcurrentInvitations(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range 2 {
		wg.Go(func() {
			resp, _ := f.API(t, coordB, http.MethodPost, "/api/v1/hubs/hub-b/members", fmt.Sprintf(`{"organisation_id":%d}`, f.OrgA.ID))
			mu.Lock()
			statuses[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if statuses[http.StatusAccepted] != 1 || statuses[http.StatusConflict] != 1 {
		t.Errorf("statuses %v; want one 202 and one 409", statuses)
	}
}

// TestPasswordChangeRevokesTokens: API tokens die with a changed or reset
// password, unless the person keeps them when changing it.
func TestPasswordChangeRevokesTokens(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	tokenWorks := func() bool {
		resp, _ := f.API(t, member, http.MethodGet, "/api/v1/me", nil)
		return resp.StatusCode == http.StatusOK
	}
	c := f.MustClient(t, member)
	change := func(from, to string, keep bool) {
		t.Helper()
		form := url.Values{"current_password": {from}, "new_password": {to}}
		if keep {
			form.Set("keep_tokens", "yes")
		}
		if resp, _ := c.Page(t, http.MethodPost, "/account/password", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change password: %d", resp.StatusCode)
		}
	}
	change(fixturePassword, "a second long password", true)
	if !tokenWorks() {
		t.Fatal("a token kept on purpose stopped working")
	}
	change("a second long password", "a third long password", false)
	if tokenWorks() {
		t.Error("a token still works after a password change")
	}
	_, account := c.Page(t, http.MethodGet, "/account", nil)
	if !strings.Contains(account, "Keep my API tokens working") {
		t.Error("the account page does not offer to keep the tokens")
	}

	// A reset through a link revokes them too.
	ctx := context.Background()
	token, _, err := f.db.CreateAPIToken(ctx, f.People[member].ID, "after")
	if err != nil {
		t.Fatal(err)
	}
	f.Tokens[member] = token
	if !tokenWorks() {
		t.Fatal("a fresh token does not work")
	}
	link, err := f.db.NewPasswordLink(ctx, hub.System, f.People[member].ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodPost, "/set-password/"+link.Token, url.Values{"password": {"reset long password"}, "confirm": {"reset long password"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	if tokenWorks() {
		t.Error("a token still works after a password reset")
	}
}

// TestOrganisationNamesCollide: names that differ only in spaces, case or
// look-alike letters are one organisation.
func TestOrganisationNamesCollide(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	for name, variant := range map[string]string{
		"Spaces":    "Organisation  A",
		"Case":      "ORGANISATION a",
		"Cyrillic":  "Org\u0430nisation A", // Cyrillic a
		"FullWidth": "Ｏrganisation A",
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := f.API(t, attendee, http.MethodPost, "/api/v1/organisations", fmt.Sprintf(`{"name":%q,"kind":"network"}`, variant))
			if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `"name"`) {
				t.Errorf("register %q: %d %s; want 409 on name", variant, resp.StatusCode, body)
			}
			resp, body = f.API(t, member, http.MethodPatch, "/api/v1/organisations/"+itoa(f.OrgB.ID), fmt.Sprintf(`{"name":%q}`, variant))
			if resp.StatusCode != http.StatusConflict && resp.StatusCode != http.StatusForbidden {
				t.Errorf("rename to %q: %d %s", variant, resp.StatusCode, body)
			}
		})
	}
	resp, body := f.API(t, adminK, http.MethodPatch, "/api/v1/organisations/"+itoa(f.OrgB.ID), `{"name":"organisation   a"}`)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("admin renames B to look like A: %d %s; want 409", resp.StatusCode, body)
	}
	if resp, _ := f.API(t, adminK, http.MethodPatch, "/api/v1/organisations/"+itoa(f.OrgA.ID), `{"name":"Organisation  A"}`); resp.StatusCode != http.StatusOK {
		t.Errorf("an organisation respaces its own name: %d, want 200", resp.StatusCode)
	}
}

// TestAddColleagueSameAnswer: adding a colleague by email answers the same
// whether or not the email has an account, and lists neither until they
// accept.
func TestAddColleagueSameAnswer(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, member)
	add := func(email string) (int, string) {
		t.Helper()
		resp, _ := c.Page(t, http.MethodPost, "/organisations/"+itoa(f.OrgA.ID)+"/people", url.Values{"email": {email}, "name": {"A Colleague"}})
		flash := ""
		if ck := cookieNamed(resp, web.FlashCookie); ck != nil {
			b, _ := base64.RawURLEncoding.DecodeString(ck.Value)
			flash = strings.ReplaceAll(string(b), email, "EMAIL")
		}
		return resp.StatusCode, flash
	}
	existing, fresh := f.People[coordB].Email, "nobody.yet@example.org"
	s1, m1 := add(existing)
	s2, m2 := add(fresh)
	if s1 != s2 || m1 != m2 || m1 == "" {
		t.Errorf("answers differ: %d %q and %d %q", s1, m1, s2, m2)
	}
	_, page := c.Page(t, http.MethodGet, "/organisations/"+itoa(f.OrgA.ID), nil)
	if strings.Contains(page, existing) || strings.Contains(page, fresh) {
		t.Error("an invited person is listed before accepting")
	}
	if resp, _ := c.Page(t, http.MethodPost, "/organisations/"+itoa(f.OrgA.ID)+"/people", url.Values{"email": {"x@example.org"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("no name: %d, want 422", resp.StatusCode)
	}
}

func mustActor(tb testing.TB, f *fixture, personID int64) *hub.Actor {
	tb.Helper()
	a, err := f.db.ActorByID(context.Background(), personID)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
