package static

import (
	"strings"
	"testing"
)

func TestURLAndLookup(t *testing.T) {
	f, err := New()
	if err != nil {
		t.Fatal(err)
	}
	url := f.URL("css/site.css")
	if !strings.HasPrefix(url, "/static/css/site.") || !strings.HasSuffix(url, ".css") {
		t.Fatalf("URL = %q, want /static/css/site.<hash>.css", url)
	}
	t.Run("Current", func(t *testing.T) {
		a, current := f.Lookup(url)
		if a == nil || !current {
			t.Fatalf("Lookup(%q) = %v, %v; want the asset, current", url, a, current)
		}
		if a.ContentType != "text/css; charset=utf-8" {
			t.Errorf("content type = %q", a.ContentType)
		}
	})
	t.Run("OldHash", func(t *testing.T) {
		a, current := f.Lookup("/static/css/site.0000000000.css")
		if a == nil || current {
			t.Fatalf("Lookup(old hash) = %v, %v; want the asset, not current", a, current)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		for _, p := range []string{"/static/css/nope.css", "/static/", "/static/../static.go", "/static/css",
			"/static/css/STYLEGUIDE.md"} {
			if a, _ := f.Lookup(p); a != nil {
				t.Errorf("Lookup(%q) found %s", p, a.Name)
			}
		}
	})
}
