package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// TestInviteLink: a coordinator invites someone; the link sets a password
// once, signs them in, and cannot be used again; an expired link fails.
func TestInviteLink(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	invite := func(email string) string {
		t.Helper()
		resp, body := f.API(t, coordA, http.MethodPost, "/api/v1/people", map[string]any{"email": email, "name": "Nia Campbell", "organisation_id": f.OrgA.ID})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("invite: %d %s", resp.StatusCode, body)
		}
		var out struct {
			InviteURL string `json:"invite_url"`
		}
		MustDecode(t, body, &out)
		if !strings.HasPrefix(out.InviteURL, a.URL+"/set-password/") {
			t.Fatalf("invite_url = %q", out.InviteURL)
		}
		return strings.TrimPrefix(out.InviteURL, a.URL)
	}
	path := invite("nia.campbell@example.org")
	c := f.MustClient(t, anon)
	if resp, body := c.Page(t, http.MethodGet, path, nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Nia Campbell") {
		t.Fatalf("invite page: %d", resp.StatusCode)
	}
	t.Run("TooShort", func(t *testing.T) {
		resp, body := c.Page(t, http.MethodPost, path, url.Values{"password": {"short"}, "confirm": {"short"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least 10 characters") {
			t.Errorf("short password: %d", resp.StatusCode)
		}
	})
	t.Run("Mismatch", func(t *testing.T) {
		resp, body := c.Page(t, http.MethodPost, path, url.Values{"password": {"a long enough one"}, "confirm": {"a different one!"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "not the same") {
			t.Errorf("mismatched passwords: %d", resp.StatusCode)
		}
	})
	resp, _ := c.Page(t, http.MethodPost, path, url.Values{"password": {"walking by the tyne"}, "confirm": {"walking by the tyne"}})
	if resp.StatusCode != http.StatusSeeOther || cookieNamed(resp, web.SessionCookie) == nil {
		t.Fatalf("set password: %d, want a redirect with a session", resp.StatusCode)
	}
	t.Run("Reused", func(t *testing.T) {
		resp, _ := c.Page(t, http.MethodPost, path, url.Values{"password": {"someone else now"}, "confirm": {"someone else now"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("reused link: %d, want 404", resp.StatusCode)
		}
		if resp, _ := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": "nia.campbell@example.org", "password": "someone else now"}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("the reused link changed the password (sign-in %d)", resp.StatusCode)
		}
	})
	t.Run("Expired", func(t *testing.T) {
		path := invite("expired.link@example.org")
		if _, err := f.db.SQL().ExecContext(context.Background(), `UPDATE password_tokens SET expires_at = now() - interval '1 minute'`); err != nil {
			t.Fatal(err)
		}
		resp, _ := c.Page(t, http.MethodPost, path, url.Values{"password": {"walking by the tyne"}, "confirm": {"walking by the tyne"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("expired link: %d, want 404", resp.StatusCode)
		}
	})
	t.Run("ResetEndsSessions", func(t *testing.T) {
		signedIn := f.MustClient(t, member)
		admin := f.MustClient(t, adminK)
		resp, body := admin.Page(t, http.MethodPost, "/hubs/hub-a/people/"+itoa(f.People[member].ID)+"/link", nil)
		if resp.StatusCode != http.StatusCreated || !strings.Contains(body, "password reset link") {
			t.Fatalf("make reset link: %d", resp.StatusCode)
		}
		start := strings.Index(body, "/set-password/")
		link := body[start : start+strings.Index(body[start:], "<")]
		if resp, _ := c.Page(t, http.MethodPost, link, url.Values{"password": {"a brand new secret"}, "confirm": {"a brand new secret"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("use reset link: %d", resp.StatusCode)
		}
		if resp, _ := signedIn.Page(t, http.MethodGet, "/account", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a session from before the reset still works: %d", resp.StatusCode)
		}
	})
}

func TestRevokedToken(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	resp, body := f.API(t, member, http.MethodPost, "/api/v1/me/tokens", map[string]string{"name": "CRM sync"})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d %s", resp.StatusCode, body)
	}
	var tok struct {
		Token string `json:"token"`
		ID    int64  `json:"id"`
	}
	MustDecode(t, body, &tok)
	use := func() int {
		req := mustRequest(t, http.MethodGet, a.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		resp, _ := a.MustDo(t, req)
		return resp.StatusCode
	}
	if got := use(); got != http.StatusOK {
		t.Fatalf("new token: %d", got)
	}
	if resp, _ := f.API(t, coordA, http.MethodDelete, "/api/v1/me/tokens/"+itoa(tok.ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("someone else revoking the token: %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.API(t, member, http.MethodDelete, "/api/v1/me/tokens/"+itoa(tok.ID), nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if got := use(); got != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", got)
	}
	_, list := f.API(t, member, http.MethodGet, "/api/v1/me/tokens", nil)
	if strings.Contains(list, "CRM sync") {
		t.Errorf("revoked token still listed: %s", list)
	}
}

// TestSecretsStayOut: passwords, tokens and link tokens never reach the
// logs, and password hashes never reach API responses.
func TestSecretsStayOut(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	var secrets []string
	// A password typed at sign-in, wrong and right.
	secrets = append(secrets, "a-wrong-password-123", fixturePassword)
	f.MustClient(t, anon).Page(t, http.MethodPost, "/sign-in", url.Values{"email": {f.People[member].Email}, "password": {"a-wrong-password-123"}})
	f.MustClient(t, anon).Page(t, http.MethodPost, "/sign-in", url.Values{"email": {f.People[member].Email}, "password": {fixturePassword}})
	// An API token made from a password.
	_, body := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": f.People[member].Email, "password": fixturePassword})
	var tok struct{ Token string }
	MustDecode(t, body, &tok)
	secrets = append(secrets, tok.Token, f.Tokens[member])
	// An invite link, opened and used.
	_, body = f.API(t, coordA, http.MethodPost, "/api/v1/people", map[string]any{"email": "kit.harper@example.org", "name": "Kit Harper", "organisation_id": f.OrgA.ID})
	var inv struct {
		InviteURL string `json:"invite_url"`
	}
	MustDecode(t, body, &inv)
	link := strings.TrimPrefix(inv.InviteURL, a.URL)
	secrets = append(secrets, strings.TrimPrefix(link, "/set-password/"), "kit harper's secret phrase")
	f.MustClient(t, anon).Page(t, http.MethodGet, link, nil)
	f.MustClient(t, anon).Page(t, http.MethodPost, link, url.Values{"password": {"kit harper's secret phrase"}, "confirm": {"kit harper's secret phrase"}})

	logs := a.Logs(t)
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the logs contain the secret %q", s)
		}
	}
	if !strings.Contains(logs, "/set-password/[redacted]") {
		t.Error("the set-password request was not logged with its token redacted")
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/hubs/hub-a/people", "/api/v1/hubs/hub-a/roles"} {
		_, body := f.API(t, adminK, http.MethodGet, path, nil)
		if strings.Contains(body, "argon2") || strings.Contains(body, "password") {
			t.Errorf("GET %s shows password material: %s", path, truncate(body, 200))
		}
	}
}
