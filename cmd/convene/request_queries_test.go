package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// TestRequestsBoundedQueries: the request board, a request's page, the
// agenda builder and the demand dashboard make the same small number of
// queries however many requests, supports and offers there are.
func TestRequestsBoundedQueries(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	peer := MustRequestPeer(t, f, "Peer Org")
	ctx := context.Background()
	pages := []struct {
		name string
		kind actorKind
		path string
	}{
		{"BoardMember", member, "/hubs/hub-a/requests"},
		{"BoardCoordinatorFiltered", coordA, "/hubs/hub-a/requests?q=recruitment&topic=safeguarding&status=open"},
		{"RequestPage", member, fmt.Sprintf("/requests/%d", f.Request.ID)},
		{"AgendaBuilder", coordA, fmt.Sprintf("/events/%d/agenda", f.Event.ID)},
		{"MyRequests", member, "/me"},
		{"APIBoard", member, "/api/v1/hubs/hub-a/requests"},
		{"APIDemand", evaluator, "/api/v1/hubs/hub-a/demand"},
		{"DemandPage", evaluator, "/hubs/hub-a/demand"},
	}
	measure := func() map[string]int {
		got := map[string]int{}
		for _, p := range pages {
			var resp *http.Response
			if strings.HasPrefix(p.path, "/api/") {
				resp, _ = f.API(t, p.kind, http.MethodGet, p.path, nil)
			} else {
				resp, _ = f.MustClient(t, p.kind).Page(t, http.MethodGet, p.path, nil)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", p.path, resp.StatusCode)
			}
			got[p.name] = queriesFor(t, a, resp)
		}
		return got
	}
	measure() // a token's first use records it; that is not the page's doing
	small := measure()
	memberActor, err := f.db.ActorByID(ctx, f.People[member].ID)
	if err != nil {
		t.Fatal(err)
	}
	peerActor, err := f.db.ActorByID(ctx, peer.Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		r, err := f.db.SubmitRequest(ctx, memberActor, storage.NewRequest{HubSlug: "hub-a", OrganisationID: f.OrgA.ID, Topic: "safeguarding",
			Title: fmt.Sprintf("Safer recruitment %d", i), Details: "Recruitment checks", Format: hub.FormatTalk})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.SupportRequest(ctx, peerActor, storage.NewSupport{RequestID: r.ID, OrganisationID: peer.Org.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.OfferToDeliver(ctx, peerActor, storage.NewOffer{RequestID: r.ID, OrganisationID: peer.Org.ID, Details: "We can", Format: hub.FormatTalk}); err != nil {
			t.Fatal(err)
		}
	}
	large := measure()
	for _, p := range pages {
		if small[p.name] != large[p.name] {
			t.Errorf("%s: %d queries with little data, %d with more", p.name, small[p.name], large[p.name])
		}
		if large[p.name] > 12 {
			t.Errorf("%s: %d queries, want at most 12", p.name, large[p.name])
		}
		t.Logf("%s: %d queries", p.name, large[p.name])
	}
}
