package main

import (
	"net/http"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// Every feed route that skips the actor lookup is a public GET in the
// route table, and no route that needs to know who asks is among them.
func TestFeedRoutesArePublicGets(t *testing.T) {
	found := map[string]bool{}
	for _, r := range routes(&web.Server{}) {
		if web.FeedRoutes[r.path] {
			if r.method != http.MethodGet || r.access != web.Public {
				t.Errorf("%s %s is a feed route with permission %v; feed routes are public GETs", r.method, r.path, r.access)
			}
			found[r.path] = true
		}
	}
	for p := range web.FeedRoutes {
		if !found[p] {
			t.Errorf("feed route %s is not in the route table", p)
		}
	}
	if web.FeedRoutes["/events/:id/event.ics"] {
		t.Error("an event's download shows the joining link to who may see it, so it needs the actor")
	}
}

// A calendar polling a feed with a browser's session cookie (stale or
// live) costs no session query, gets no Set-Cookie, and the same feed.
func TestFeedSkipsSessionLookup(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/hubs/hub-a/calendar.ics"
	first, body := MustFeed(t, a, path)
	if first.StatusCode != http.StatusOK {
		t.Fatalf("got %d", first.StatusCode)
	}
	live := f.MustClient(t, coordA).session
	for name, cookie := range map[string]string{"Stale": "convene_session=no-such-session", "Live": "convene_session=" + live} {
		t.Run(name, func(t *testing.T) {
			for _, inm := range []string{"", first.Header.Get("ETag")} {
				resp, got := MustFeed(t, a, path, "Cookie", cookie, "If-None-Match", inm)
				want := http.StatusOK
				if inm != "" {
					want, body = http.StatusNotModified, ""
				}
				if resp.StatusCode != want || got != body && want == http.StatusOK {
					t.Errorf("got %d, want %d and the same feed", resp.StatusCode, want)
				}
				if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 {
					t.Errorf("Set-Cookie on a feed: %q", sc)
				}
				id := resp.Header.Get("X-Request-Id")
				line := a.WaitLog(t, `msg=request [^\n]*queries=(\d+) request_id=`+id)
				if line == nil || line[1] != "0" {
					t.Errorf("request %s: log line %q, want queries=0 (served from memory, no session lookup)", id, line)
				}
			}
		})
		_, body = MustFeed(t, a, path)
	}
	// A bearer token, valid or not, changes nothing about a public feed.
	if resp, _ := MustFeed(t, a, path, "Authorization", "Bearer cvn_not-a-token"); resp.StatusCode != http.StatusOK {
		t.Errorf("a feed with a bogus bearer token: got %d, want 200", resp.StatusCode)
	}
}
