package main

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// TestHeadWhereverGet sends HEAD to every GET route of the authorisation
// table (which has a row for every route) as an anonymous caller, a
// coordinator and an admin: the status and the headers that matter are
// those of GET, and the body is empty.
func TestHeadWhereverGet(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	fill := strings.NewReplacer(
		"{hubA}", f.HubA.Slug, "{hubB}", f.HubB.Slug,
		"{orgA}", strconv.FormatInt(f.OrgA.ID, 10), "{orgB}", strconv.FormatInt(f.OrgB.ID, 10),
		"{bystander}", strconv.FormatInt(f.Bystander.ID, 10), "{member}", strconv.FormatInt(f.People[member].ID, 10),
		"{event}", strconv.FormatInt(f.Event.ID, 10), "{bystanderReg}", strconv.FormatInt(f.BystanderReg.ID, 10),
	)
	paths := []string{"/no-such-page", "/api/v1/no-such-thing", "/static/css/site.css"}
	for _, tc := range authzTable {
		method, route, _ := strings.Cut(tc.route, " ")
		if method != http.MethodGet {
			continue
		}
		path := tc.path
		if path == "" {
			path = route
		}
		paths = append(paths, fill.Replace(path))
	}
	if len(paths) < 20 {
		t.Fatalf("only %d GET routes found in the authorisation table", len(paths))
	}
	send := func(t *testing.T, kind actorKind, method, path string) (*http.Response, string) {
		t.Helper()
		req := mustRequest(t, method, a.URL+path, nil)
		switch {
		case kind == anon:
		case strings.HasPrefix(path, "/api/"):
			req.Header.Set("Authorization", "Bearer "+f.Tokens[kind])
		default:
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.MustClient(t, kind).session})
		}
		return a.MustDo(t, req)
	}
	for _, path := range paths {
		for _, kind := range []actorKind{anon, coordA, adminK} {
			t.Run(path+"/"+kind.String(), func(t *testing.T) {
				get, _ := send(t, kind, http.MethodGet, path)
				head, body := send(t, kind, http.MethodHead, path)
				if head.StatusCode != get.StatusCode {
					t.Errorf("HEAD %s = %d, GET = %d; want the same", path, head.StatusCode, get.StatusCode)
				}
				if body != "" {
					t.Errorf("HEAD %s has a body of %d bytes", path, len(body))
				}
				for _, h := range []string{"Content-Type", "Cache-Control", "Location", "Allow"} {
					if g, h2 := get.Header.Get(h), head.Header.Get(h); g != h2 && !(h == "Location" && strings.HasPrefix(g, "/sign-in")) {
						t.Errorf("HEAD %s: %s = %q, GET's = %q", path, h, h2, g)
					}
				}
			})
		}
	}
}
