package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// TestPasswordLinkScope: a coordinator may make sign-in links only for
// people reached through the hubs they alone run – never for admins, other
// coordinators or evaluators, nor for people of organisations in another
// hub (which would hand them those accounts).
func TestPasswordLinkScope(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	// Organisation B (of hub B) is added to hub A too, bringing in its people.
	outsider, err := f.db.CreatePerson(ctx, hub.NewPerson{Email: "outsider@example.org", Name: "Outsider"}, fixtureHash)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{outsider.ID, f.People[coordB].ID, f.People[adminK].ID} {
		if err := f.db.AffiliatePerson(ctx, hub.System, id, f.OrgB.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.db.AddMember(ctx, hub.System, f.HubA.ID, f.OrgB.ID); err != nil {
		t.Fatal(err)
	}
	c := f.MustClient(t, coordA)
	link := func(p int64) int {
		resp, _ := c.Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(p)+"/link", nil)
		return resp.StatusCode
	}
	for name, id := range map[string]int64{"Admin": f.People[adminK].ID, "OtherCoordinator": f.People[coordB].ID,
		"Evaluator": f.People[evaluator].ID, "PersonOfAnotherHub": outsider.ID} {
		t.Run(name, func(t *testing.T) {
			if got := link(id); got != http.StatusForbidden {
				t.Errorf("link for %s: %d, want 403", name, got)
			}
		})
	}
	t.Run("MemberWithPassword", func(t *testing.T) {
		if got := link(f.People[member].ID); got != http.StatusForbidden {
			t.Errorf("link for a member who has set a password: %d, want 403 (a reset is theirs or an admin's)", got)
		}
	})
	t.Run("NewcomerOfOwnHub", func(t *testing.T) {
		if got := link(f.Newcomer.ID); got != http.StatusCreated {
			t.Errorf("link for a newcomer of the hub's own organisation: %d, want 201", got)
		}
	})
	t.Run("PageOffersOnlyAllowedLinks", func(t *testing.T) {
		_, page := c.Page(t, http.MethodGet, "/hubs/hub-a/people", nil)
		if strings.Contains(page, "/people/"+itoa(outsider.ID)+"/link") || strings.Contains(page, "/people/"+itoa(f.People[adminK].ID)+"/link") {
			t.Error("the people page offers links the coordinator may not make")
		}
		if !strings.Contains(page, "/people/"+itoa(f.Newcomer.ID)+"/link") {
			t.Error("the people page does not offer a link for the hub's own newcomer")
		}
	})
}

// TestJoiningAnOrganisationNeedsConsent: members of an organisation can
// invite someone with an account, who joins only by accepting; until then
// they are not listed with their email.
func TestJoiningAnOrganisationNeedsConsent(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	resp, _ := f.API(t, member, http.MethodPost, "/api/v1/organisations/"+itoa(f.OrgA.ID)+"/people", fmt.Sprintf(`{"person_id":%d}`, f.People[adminK].ID))
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("inviting someone with an account: %d, want 202", resp.StatusCode)
	}
	page := func(k actorKind) string {
		_, body := f.MustClient(t, k).Page(t, http.MethodGet, "/organisations/"+itoa(f.OrgA.ID), nil)
		return body
	}
	if strings.Contains(page(member), f.People[adminK].Email) {
		t.Fatal("the invited person's email is shown before they accepted")
	}
	c := f.MustClient(t, member)
	resp, _ = c.Page(t, http.MethodPost, "/organisations/"+itoa(f.OrgA.ID)+"/people", url.Values{"email": {f.People[coordB].Email}, "name": {"Someone"}})
	if resp.StatusCode != http.StatusSeeOther || strings.Contains(page(member), f.People[coordB].Email) {
		t.Errorf("adding someone with an account by email: %d, and they must not be listed yet", resp.StatusCode)
	}
	admin := f.MustClient(t, adminK)
	_, account := admin.Page(t, http.MethodGet, "/account", nil)
	if !strings.Contains(account, "Organisation A</a> invited you") {
		t.Fatal("the account page does not show the invitation")
	}
	if resp, _ := admin.Page(t, http.MethodPost, "/account/invitations/"+itoa(f.OrgA.ID), url.Values{"decision": {"accept"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	if !strings.Contains(page(member), f.People[adminK].Email) {
		t.Error("after accepting, the person is not listed in the organisation")
	}
	if resp, _ := admin.Page(t, http.MethodPost, "/account/invitations/"+itoa(f.OrgA.ID), url.Values{"decision": {"accept"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("accepting twice: %d, want 404", resp.StatusCode)
	}
}

// TestSignInThrottleParallel: thirty wrong passwords at once for one
// account are counted one by one: no more than five are even checked.
func TestSignInThrottleParallel(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Go(func() {
			resp, _ := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", fmt.Sprintf(`{"email":%q,"password":"wrong %d"}`, f.People[member].Email, i))
			mu.Lock()
			statuses[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 25 {
		t.Errorf("statuses %v; want 5 × 401 and 25 × 429", statuses)
	}
}

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/account": "/account", "/events/3?x=1": "/events/3?x=1", "": "/", "//evil.example": "/",
		"/\t/evil.example": "/", "/\\evil.example": "/", "https://evil.example/": "/", "/\n/evil": "/",
		"javascript:alert(1)": "/", "/%09/evil.example": "/%09/evil.example",
	} {
		if got := web.SafeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}

// TestCoordinatorLinkStopsWhenItCouldNotBeMade: a coordinator's sign-in
// link for someone without a password stops working once that person has
// set a password another way, or been given a role.
func TestCoordinatorLinkStopsWithPasswordOrRole(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	coordLink := func(t *testing.T, personID int64) string {
		t.Helper()
		link, err := f.db.NewPasswordLink(ctx, mustActor(t, f, f.People[coordA].ID), personID, &f.HubA.ID)
		if err != nil {
			t.Fatal(err)
		}
		return "/set-password/" + link.Token
	}
	// invite has coordinator A invite someone new into organisation A.
	invite := func(t *testing.T, email, name string) storage.Invitation {
		t.Helper()
		inv, err := f.db.InvitePerson(ctx, mustActor(t, f, f.People[coordA].ID), storage.NewInvitation{
			Person: hub.NewPerson{Email: email, Name: name}, OrganisationID: &f.OrgA.ID, HubID: &f.HubA.ID})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	use := func(path string) int {
		resp, _ := f.MustClient(t, anon).Page(t, http.MethodPost, path, url.Values{"password": {"taken over at last"}, "confirm": {"taken over at last"}})
		return resp.StatusCode
	}
	t.Run("AfterTheirOwnReset", func(t *testing.T) {
		stale := coordLink(t, f.Newcomer.ID)
		own, err := f.db.NewPasswordLink(ctx, hub.System, f.Newcomer.ID, nil) // as "Forgotten your password?" makes it
		if err != nil {
			t.Fatal(err)
		}
		if code := use("/set-password/" + own.Token); code != http.StatusSeeOther {
			t.Fatalf("their own link: %d", code)
		}
		if code := use(stale); code != http.StatusNotFound {
			t.Errorf("the coordinator's earlier link after they set a password: %d, want 404", code)
		}
	})
	t.Run("AfterARole", func(t *testing.T) {
		inv := invite(t, "soon.coordinator@example.org", "Soon Coordinator")
		stale := coordLink(t, inv.Person.ID)
		if _, err := f.db.Appoint(ctx, hub.System, storage.Appointment{Email: "soon.coordinator@example.org", Role: hub.RoleCoordinator, HubID: f.HubB.ID}); err != nil {
			t.Fatal(err)
		}
		if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, stale, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the page of coordinator A's link for someone now coordinating hub B: %d, want 404", resp.StatusCode)
		}
		if code := use(stale); code != http.StatusNotFound {
			t.Errorf("coordinator A's link for someone now coordinating hub B: %d, want 404", code)
		}
		if code := use("/set-password/" + inv.Token); code != http.StatusNotFound {
			t.Errorf("the invitation's own link, made by coordinator A: %d, want 404 (they ask for a new one)", code)
		}
	})
	t.Run("AfterTheirOrganisationJoinsAnotherHub", func(t *testing.T) {
		inv := invite(t, "wider.reach@example.org", "Wider Reach")
		if _, err := f.db.OfferMembership(ctx, mustActor(t, f, f.People[adminK].ID), f.HubB.ID, f.OrgA.ID); err != nil {
			t.Fatal(err)
		}
		if code := use("/set-password/" + inv.Token); code != http.StatusNotFound {
			t.Errorf("coordinator A's invitation link once its organisation is also in hub B: %d, want 404", code)
		}
		own, err := f.db.NewPasswordLink(ctx, hub.System, inv.Person.ID, nil) // the one they ask for
		if err != nil {
			t.Fatal(err)
		}
		if code := use("/set-password/" + own.Token); code != http.StatusSeeOther {
			t.Errorf("a link they asked for: %d, want 303", code)
		}
	})
}
