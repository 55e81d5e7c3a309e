package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/convene/convene/cmd/convene/web"
)

// guestRequest is a request from a client at addr behind the trusted
// proxy of the test (127.0.0.1): a JSON body for the API, a form with the
// CSRF token for pages, and the bearer token of kind unless anon.
func guestRequest(tb testing.TB, f *fixture, kind actorKind, addr, path, body string) (*http.Response, string) {
	tb.Helper()
	req := mustRequest(tb, http.MethodPost, f.app.URL+path, strings.NewReader(body))
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Content-Type", "application/json")
		if kind != anon {
			req.Header.Set("Authorization", "Bearer "+f.Tokens[kind])
		}
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: csrfToken})
	}
	req.Header.Set("X-Forwarded-For", addr)
	return f.app.MustDo(tb, req)
}

func guestBody(i int) string {
	return fmt.Sprintf(`{"guest_name":"Script %d","guest_email":"script%d@example.org","attendee_role":"other"}`, i, i)
}

// TestGuestRegistrationThrottlePerAddress: a script registering 200 guests
// at once from one address gets the address's ten and is then refused
// with 429 and Retry-After, on the API and on the page; another address
// and signed-in people still register.
func TestGuestRegistrationThrottlePerAddress(t *testing.T) {
	a := MustStart(t, withEnv("CONVENE_TRUSTED_PROXIES", "127.0.0.1"))
	f := MustFixture(t, a)
	path := "/api/v1/events/" + itoa(f.Event.ID) + "/registrations"

	var created, limited atomic.Int64
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			resp, text := guestRequest(t, f, anon, "203.0.113.7", path, guestBody(i))
			switch resp.StatusCode {
			case http.StatusCreated:
				created.Add(1)
			case http.StatusTooManyRequests:
				limited.Add(1)
				if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 || s > 3601 {
					t.Errorf("Retry-After %q, want seconds within the hour", resp.Header.Get("Retry-After"))
				}
				if !strings.Contains(text, `"code":"rate_limited"`) {
					t.Errorf("429 body %s, want code rate_limited", text)
				}
			default:
				t.Errorf("registration %d: %d %s, want 201 or 429", i, resp.StatusCode, text)
			}
		})
	}
	wg.Wait()
	if created.Load() != 10 || limited.Load() != 190 {
		t.Fatalf("200 from one address: %d created, %d refused; want 10 and 190", created.Load(), limited.Load())
	}

	t.Run("OtherAddress", func(t *testing.T) {
		if resp, text := guestRequest(t, f, anon, "198.51.100.9", path, guestBody(1000)); resp.StatusCode != http.StatusCreated {
			t.Errorf("another address: %d %s, want 201", resp.StatusCode, text)
		}
	})
	t.Run("Page", func(t *testing.T) {
		form := url.Values{"csrf": {csrfToken}, "guest_name": {"Script Page"}, "guest_email": {"script.page@example.org"}, "attendee_role": {"other"}}
		resp, page := guestRequest(t, f, anon, "203.0.113.7", "/events/"+itoa(f.Event.ID)+"/register", form.Encode())
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("page from the same address: %d (Retry-After %q), want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if !strings.Contains(page, "Too many people have registered as guests from your network") || !strings.Contains(page, `value="script.page@example.org"`) {
			t.Errorf("the form is not shown again with the reason:\n%s", truncate(page, 2000))
		}
	})
	t.Run("SignedIn", func(t *testing.T) {
		resp, text := guestRequest(t, f, member, "203.0.113.7", path, `{"attendee_role":"practitioner"}`)
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("a signed-in person from the same address: %d %s, want 201", resp.StatusCode, text)
		}
		c := f.MustClient(t, attendee)
		if resp, _ := c.Page(t, http.MethodPost, "/events/"+itoa(f.Event.ID)+"/register", url.Values{"attendee_role": {"other"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a signed-in person on the page: %d, want 303 to their registration", resp.StatusCode)
		}
	})
}

// TestGuestRegistrationThrottlePerEvent: many addresses together may not
// take more than the event's allowance of guest registrations in the
// window; another event is not affected.
func TestGuestRegistrationThrottlePerEvent(t *testing.T) {
	a := MustStart(t, withEnv("CONVENE_TRUSTED_PROXIES", "127.0.0.1"), withArgs("--guest-registrations-per-event", "3"))
	f := MustFixture(t, a)
	path := "/api/v1/events/" + itoa(f.Event.ID) + "/registrations"
	for i := range 3 {
		if resp, text := guestRequest(t, f, anon, fmt.Sprintf("203.0.113.%d", i+1), path, guestBody(i)); resp.StatusCode != http.StatusCreated {
			t.Fatalf("guest %d: %d %s, want 201", i, resp.StatusCode, text)
		}
	}
	resp, text := guestRequest(t, f, anon, "203.0.113.99", path, guestBody(99))
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(text, "This event has had") {
		t.Errorf("fourth guest for the event: %d (Retry-After %q) %s, want 429 naming the event", resp.StatusCode, resp.Header.Get("Retry-After"), text)
	}
	other := MustCreateEvent(t, f, eventBodyAt(15, ""))
	f.API(t, coordA, http.MethodPost, "/api/v1/events/"+itoa(other)+"/publish", nil)
	if resp, text := guestRequest(t, f, anon, "203.0.113.99", "/api/v1/events/"+itoa(other)+"/registrations", guestBody(99)); resp.StatusCode != http.StatusCreated {
		t.Errorf("the same guest for another event: %d %s, want 201", resp.StatusCode, text)
	}
}
