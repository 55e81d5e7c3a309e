package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/pages"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// TestHomeShowsWhatsOn: the home page lists the next events across the
// hubs that the viewer may see, then the hubs a page at a time, with the
// same number of queries however many hubs there are.
func TestHomeShowsWhatsOn(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	start := time.Now().Add(3 * 24 * time.Hour).Truncate(time.Hour).UTC()
	for _, e := range []events.Event{
		{HubID: f.HubA.ID, Title: "Members' safeguarding circle", Visibility: events.VisibilityMembers, Status: events.StatusPublished},
		{HubID: f.HubB.ID, Title: "Hub B webinar", Visibility: events.VisibilityPublic, Status: events.StatusPublished},
		{HubID: f.HubB.ID, Title: "Hub B draft", Visibility: events.VisibilityPublic, Status: events.StatusDraft},
	} {
		e.StartsAt, e.EndsAt, e.Format, e.OnlineURL = start, start.Add(time.Hour), events.FormatOnline, "https://meet.example.org/x"
		if _, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: e}); err != nil {
			t.Fatal(err)
		}
	}
	home := func(kind actorKind, path string) (string, int) {
		t.Helper()
		resp, page := f.MustClient(t, kind).Page(t, http.MethodGet, path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s as %s: %d", path, kind, resp.StatusCode)
		}
		return page, queriesFor(t, a, resp)
	}
	page, anonQueries := home(anon, "/")
	mustContain(t, "the home page", page, "What’s on", "Peer support hub day", "Hub B webinar", f.HubA.Name+" · ", `href="/hubs/`+f.HubA.Slug+`"`)
	mustNotContain(t, "the home page for a stranger", page, "Members' safeguarding circle", "Hub B draft")
	if strings.Index(page, "Peer support hub day") > strings.Index(page, `<h2 id="hubs">`) {
		t.Error("the events come after the hubs")
	}
	page, memberQueries := home(member, "/")
	mustContain(t, "the home page for a member of hub A", page, "Members&#39; safeguarding circle")
	mustNotContain(t, "the home page for a coordinator's eyes only", page, "Hub B draft")

	for i := range 30 {
		h := hub.Hub{Slug: fmt.Sprintf("extra-%02d", i), Name: fmt.Sprintf("Extra Hub %02d", i), TimeZone: "Europe/London"}
		if err := f.db.CreateHub(ctx, hub.System, &h); err != nil {
			t.Fatal(err)
		}
	}
	page, more := home(anon, "/")
	if n := strings.Count(page, `class="card__title"`); n != pages.HubsPerPage {
		t.Errorf("the first page lists %d hubs, want %d", n, pages.HubsPerPage)
	}
	mustContain(t, "the first page of hubs", page, "32 hubs, page 1", `href="/?page=2#hubs"`)
	if more != anonQueries {
		t.Errorf("home page: %d queries with 2 hubs, %d with 32", anonQueries, more)
	}
	if _, q := home(member, "/"); q != memberQueries {
		t.Errorf("home page for a member: %d queries with 2 hubs, %d with 32", memberQueries, q)
	}
	last := (32 + pages.HubsPerPage - 1) / pages.HubsPerPage
	page, _ = home(anon, "/?page="+strconv.Itoa(last))
	if n, want := strings.Count(page, `class="card__title"`), 32-(last-1)*pages.HubsPerPage; n != want {
		t.Errorf("the last page lists %d hubs, want %d", n, want)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, "/?page=0", nil); resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("page 0: %d, want 400 or 422", resp.StatusCode)
	}
}

// TestOrganisationDirectory: every page links to the organisations, which
// are found by part of their name and by kind, on the page and in the API.
func TestOrganisationDirectory(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	_, page := f.MustClient(t, anon).Page(t, http.MethodGet, "/hubs/"+f.HubA.Slug, nil)
	mustContain(t, "the header", page, `<a href="/organisations">Organisations</a>`)

	_, page = f.MustClient(t, anon).Page(t, http.MethodGet, "/organisations?q=ation+a", nil)
	mustContain(t, "a search by name", page, ">Organisation A</a>", `value="ation a"`, "1 organisation found")
	mustNotContain(t, "a search by name", page, ">Organisation B</a>")
	_, page = f.MustClient(t, anon).Page(t, http.MethodGet, "/organisations?kind=network", nil)
	mustContain(t, "a search by kind", page, ">Organisation B</a>")
	mustNotContain(t, "a search by kind", page, ">Organisation A</a>")
	_, page = f.MustClient(t, anon).Page(t, http.MethodGet, "/organisations?q=nothing+like+it", nil)
	mustContain(t, "a search that finds nothing", page, "No organisations match")

	resp, text := f.API(t, anon, http.MethodGet, "/api/v1/organisations?kind=funded_project&q=organisation", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, `"Organisation A"`) || strings.Contains(text, `"Organisation B"`) {
		t.Errorf("API search: %d %s", resp.StatusCode, text)
	}
	for _, bad := range []string{"/organisations?kind=charity", "/api/v1/organisations?kind=charity", "/organisations?q=" + strings.Repeat("x", 201)} {
		resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, bad, nil)
		if resp.StatusCode != http.StatusUnprocessableEntity && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400 or 422", bad[:min(len(bad), 40)], resp.StatusCode)
		}
	}
}
