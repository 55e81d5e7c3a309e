package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestStaticServesOnlyAssets checks that the static folder serves what
// pages use and not the notes kept beside them.
func TestStaticServesOnlyAssets(t *testing.T) {
	a := MustStart(t)
	for _, path := range []string{"/static/css/STYLEGUIDE.md", "/static/css/STYLEGUIDE.0123456789.md"} {
		if resp, body := a.MustGet(t, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404:\n%.200s", path, resp.StatusCode, body)
		}
	}
	for _, path := range []string{"/static/css/site.css", "/static/img/logo.svg"} {
		resp, body := a.MustGet(t, path)
		if resp.StatusCode != http.StatusOK || body == "" {
			t.Errorf("GET %s = %d with %d bytes, want 200 with the file", path, resp.StatusCode, len(body))
		}
	}
	_, home := a.MustGet(t, "/")
	if !strings.Contains(home, "/static/css/site.") {
		t.Error("the home page does not link the stylesheet")
	}
}
