package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// TestSignInThrottle: 20 wrong passwords in a row for one account; from the
// 6th on the answer is 429 with Retry-After, the right password is refused
// while locked, and the lock lifts after its window.
func TestSignInThrottle(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	email := f.People[member].Email
	try := func(password string) (*http.Response, string) {
		return f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": email, "password": password})
	}
	for i := 1; i <= 20; i++ {
		resp, body := try("wrong password " + strconv.Itoa(i))
		want := http.StatusUnauthorized
		if i >= 6 {
			want = http.StatusTooManyRequests
		}
		if resp.StatusCode != want {
			t.Fatalf("attempt %d: status %d, want %d (%s)", i, resp.StatusCode, want, body)
		}
		if want == http.StatusTooManyRequests {
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil || secs < 1 || secs > 15*60 {
				t.Fatalf("attempt %d: Retry-After = %q, want seconds up to 15 minutes", i, resp.Header.Get("Retry-After"))
			}
			if !strings.Contains(body, `"code":"rate_limited"`) {
				t.Errorf("attempt %d: body %s, want code rate_limited", i, body)
			}
		}
	}
	if resp, _ := try(fixturePassword); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password during the lock: status %d, want 429", resp.StatusCode)
	}
	// The page is locked too, with the same answer for an unknown account's
	// neighbour: the lock is per account, so another account still works.
	c := f.MustClient(t, anon)
	resp, body := c.Page(t, http.MethodPost, "/sign-in", url.Values{"email": {email}, "password": {fixturePassword}})
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many failed attempts") {
		t.Errorf("sign-in page during the lock: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp, _ := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": f.People[coordA].Email, "password": fixturePassword}); resp.StatusCode != http.StatusCreated {
		t.Errorf("another account during the lock: status %d, want 201", resp.StatusCode)
	}

	// Let the window pass.
	if _, err := f.db.SQL().ExecContext(context.Background(), `UPDATE sign_in_failures SET at = at - interval '16 minutes'`); err != nil {
		t.Fatal(err)
	}
	if resp, body := try(fixturePassword); resp.StatusCode != http.StatusCreated {
		t.Fatalf("right password after the window: status %d (%s), want 201", resp.StatusCode, body)
	}
}

// TestSignInSameAnswer: an unknown email and a wrong password get the same
// status and message.
func TestSignInSameAnswer(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	_, unknown := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": "nobody@example.org", "password": "whatever-it-is"})
	_, wrong := f.API(t, anon, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": f.People[member].Email, "password": "whatever-it-is"})
	if unknown != wrong {
		t.Errorf("unknown email answered %s\nwrong password answered %s", unknown, wrong)
	}
}

func TestSignInPage(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, anon)

	t.Run("WrongPassword", func(t *testing.T) {
		resp, body := c.Page(t, http.MethodPost, "/sign-in", url.Values{"email": {f.People[member].Email}, "password": {"not it at all"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "There is a problem") || !strings.Contains(body, f.People[member].Email) {
			t.Errorf("status %d; want 401 with the form shown again, email kept", resp.StatusCode)
		}
		if strings.Contains(body, "not it at all") {
			t.Error("the page shows the password that was typed")
		}
	})
	t.Run("OK", func(t *testing.T) {
		resp, _ := c.Page(t, http.MethodPost, "/sign-in", url.Values{"email": {"  " + strings.ToUpper(f.People[member].Email) + " "}, "password": {fixturePassword}, "next": {"/account"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account" {
			t.Fatalf("status %d to %q, want 303 to /account", resp.StatusCode, resp.Header.Get("Location"))
		}
		ck := cookieNamed(resp, web.SessionCookie)
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie = %+v, want HttpOnly and SameSite=Lax", ck)
		}
		signedIn := &client{f: f, kind: member, session: ck.Value}
		if resp, body := signedIn.Page(t, http.MethodGet, "/account", nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, f.People[member].Email) {
			t.Errorf("account page after sign-in: %d", resp.StatusCode)
		}
	})
	t.Run("OffSiteNextIgnored", func(t *testing.T) {
		resp, _ := c.Page(t, http.MethodPost, "/sign-in", url.Values{"email": {f.People[member].Email}, "password": {fixturePassword}, "next": {"//evil.example/"}})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("redirected to %q, want /", loc)
		}
	})
	t.Run("RotatesSession", func(t *testing.T) {
		old := f.MustClient(t, member)
		resp, _ := old.Page(t, http.MethodPost, "/sign-in", url.Values{"email": {f.People[member].Email}, "password": {fixturePassword}})
		ck := cookieNamed(resp, web.SessionCookie)
		if ck == nil || ck.Value == old.session {
			t.Fatal("signing in again kept the old session token")
		}
		if resp, _ := old.Page(t, http.MethodGet, "/account", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("old session still works after sign-in: %d", resp.StatusCode)
		}
	})
	t.Run("SignOut", func(t *testing.T) {
		s := f.MustClient(t, member)
		resp, _ := s.Page(t, http.MethodPost, "/sign-out", nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out: %d", resp.StatusCode)
		}
		if resp, _ := s.Page(t, http.MethodGet, "/account", nil); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/sign-in") {
			t.Errorf("session works after sign-out: %d", resp.StatusCode)
		}
	})
}

func TestCSRF(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	c := f.MustClient(t, member)
	before := personName(t, f, member)
	for name, form := range map[string]url.Values{
		"Missing": {"name": {"Changed"}, "csrf": {""}},
		"Wrong":   {"name": {"Changed"}, "csrf": {"another-token-0123456789abcdef0123456789"}},
	} {
		t.Run(name, func(t *testing.T) {
			resp, _ := c.Page(t, http.MethodPost, "/account/name", form)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403", resp.StatusCode)
			}
			if got := personName(t, f, member); got != before {
				t.Errorf("name changed to %q despite the failed CSRF check", got)
			}
		})
	}
	t.Run("CrossSite", func(t *testing.T) {
		req := mustRequest(t, http.MethodPost, a.URL+"/account/name", strings.NewReader(url.Values{"name": {"Changed"}, "csrf": {csrfToken}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: csrfToken})
		req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: c.session})
		if resp, _ := a.MustDo(t, req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site form: %d, want 403", resp.StatusCode)
		}
	})
	t.Run("CookieAPIWriteNeedsHeader", func(t *testing.T) {
		send := func(header string) int {
			req := mustRequest(t, http.MethodPost, a.URL+"/api/v1/me/tokens", strings.NewReader(`{"name":"x"}`))
			req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: csrfToken})
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: c.session})
			if header != "" {
				req.Header.Set(web.CSRFHeader, header)
			}
			resp, _ := a.MustDo(t, req)
			return resp.StatusCode
		}
		if got := send(""); got != http.StatusForbidden {
			t.Errorf("without X-CSRF-Token: %d, want 403", got)
		}
		if got := send(csrfToken); got != http.StatusCreated {
			t.Errorf("with X-CSRF-Token: %d, want 201", got)
		}
	})
	t.Run("BearerExempt", func(t *testing.T) {
		if resp, _ := f.API(t, member, http.MethodPost, "/api/v1/me/tokens", map[string]string{"name": "x"}); resp.StatusCode != http.StatusCreated {
			t.Errorf("bearer write: %d, want 201", resp.StatusCode)
		}
	})
}

func personName(tb testing.TB, f *fixture, k actorKind) string {
	tb.Helper()
	p, err := f.db.PersonByID(context.Background(), f.People[k].ID)
	if err != nil {
		tb.Fatal(err)
	}
	return p.Name
}

func cookieNamed(resp *http.Response, name string) *http.Cookie {
	for _, ck := range resp.Cookies() {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

// TestSignInThrottlePerAddress: twenty failures from one address, across
// accounts, lock that address but not others; behind a trusted proxy the
// address is the one it forwards.
func TestSignInThrottlePerAddress(t *testing.T) {
	a := MustStart(t, withEnv("CONVENE_TRUSTED_PROXIES", "127.0.0.1"))
	from := func(addr, email string) int {
		req := jsonRequest(t, a.URL+"/api/v1/auth/token", `{"email":"`+email+`","password":"wrong password"}`)
		req.Header.Set("X-Forwarded-For", addr)
		resp, _ := a.MustDo(t, req)
		return resp.StatusCode
	}
	for i := range 20 {
		if got := from("203.0.113.7", "person"+strconv.Itoa(i)+"@example.org"); got != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d, want 401", i+1, got)
		}
	}
	if got := from("203.0.113.7", "someone.new@example.org"); got != http.StatusTooManyRequests {
		t.Errorf("21st failure from one address: %d, want 429", got)
	}
	if got := from("198.51.100.9", "someone.new@example.org"); got != http.StatusUnauthorized {
		t.Errorf("another address: %d, want 401", got)
	}
}
