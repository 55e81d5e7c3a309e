package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/convene/convene/cmd/convene/api"
)

// TestGuestRegistersAgain: registering as a guest with the email of a live
// registration is no dead end and tells nothing about that registration;
// the owner's link keeps working, and a coordinator of the event (only)
// can make a new one, which replaces it.
func TestGuestRegistersAgain(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/api/v1/events/" + itoa(f.Event.ID) + "/registrations"
	resp, text := f.API(t, anon, http.MethodPost, path, `{"guest_name":"Rosa Owner","guest_email":"rosa@example.org","attendee_role":"practitioner","access_needs":"Hearing loop"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, text)
	}
	var first api.PlacedJSON
	MustDecode(t, text, &first)
	oldLink := strings.TrimPrefix(first.ManageURL, a.URL)

	noLeak := func(t *testing.T, body string) {
		t.Helper()
		for _, secret := range []string{"Rosa Owner", "Hearing loop", "/registrations/manage/", `"id"`, `"position"`, "You have a place", "You are on the waitlist"} {
			if strings.Contains(body, secret) {
				t.Errorf("the answer gives away %q:\n%s", secret, truncate(body, 1500))
			}
		}
	}
	t.Run("API", func(t *testing.T) {
		resp, text := f.API(t, anon, http.MethodPost, path, `{"guest_name":"Someone Else","guest_email":"ROSA@example.org","attendee_role":"other"}`)
		if resp.StatusCode != http.StatusAccepted || !strings.Contains(text, `"status":"check_email"`) || !strings.Contains(text, "Check your email for your manage link") {
			t.Fatalf("again through the API: %d %s, want 202 check_email", resp.StatusCode, text)
		}
		noLeak(t, text)
	})
	t.Run("Page", func(t *testing.T) {
		c := f.MustClient(t, anon)
		resp, page := c.Page(t, http.MethodPost, "/events/"+itoa(f.Event.ID)+"/register",
			url.Values{"guest_name": {"Someone Else"}, "guest_email": {"rosa@example.org"}, "attendee_role": {"other"}})
		if to := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || to != "/events/"+itoa(f.Event.ID) {
			t.Fatalf("again on the page: %d to %q, want 303 back to the event", resp.StatusCode, to)
		}
		noLeak(t, page)
		if flash := flashOf(t, resp); !strings.Contains(flash, "Check your email for your manage link") {
			t.Fatalf("after registering again the event page says %q, want to check email", flash)
		}
		noLeak(t, flashOf(t, resp))
	})
	// The owner is emailed a fresh link (to their own address only), which
	// replaces the old one.
	mailed := mustMailedLink(t, f, "rosa@example.org", "/registrations/manage/")
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, mailed, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("the emailed manage link: %d", resp.StatusCode)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, oldLink, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the old link still works after a fresh one was sent: %d", resp.StatusCode)
	}
	oldLink = mailed

	linkPath := "/registrations/" + itoa(first.ID) + "/manage-link"
	t.Run("ErrNotTheirCoordinator", func(t *testing.T) {
		if resp, _ := f.API(t, coordB, http.MethodPost, "/api/v1"+linkPath, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator of another hub, API: %d, want 403", resp.StatusCode)
		}
		if resp, _ := f.API(t, anon, http.MethodPost, "/api/v1"+linkPath, nil); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("anonymous, API: %d, want 401", resp.StatusCode)
		}
		if resp, _ := f.API(t, member, http.MethodPost, "/api/v1"+linkPath, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a member, API: %d, want 403", resp.StatusCode)
		}
		if resp, _ := f.MustClient(t, coordB).Page(t, http.MethodPost, linkPath, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator of another hub, page: %d, want 403", resp.StatusCode)
		}
		if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, oldLink, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("a refused request changed the link: %d", resp.StatusCode)
		}
	})
	t.Run("ErrAccountHolder", func(t *testing.T) {
		if resp, _ := f.API(t, coordA, http.MethodPost, "/api/v1/registrations/"+itoa(f.BystanderReg.ID)+"/manage-link", nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("a registration of someone with an account: %d, want 409", resp.StatusCode)
		}
	})

	c := f.MustClient(t, coordA)
	_, checkIn := c.Page(t, http.MethodGet, "/events/"+itoa(f.Event.ID)+"/check-in", nil)
	if !strings.Contains(checkIn, `action="`+linkPath+`"`) || strings.Contains(checkIn, `action="/registrations/`+itoa(f.BystanderReg.ID)+`/manage-link"`) {
		t.Error("the check-in page should offer a new manage link for guests, and only for guests")
	}
	resp, page := c.Page(t, http.MethodPost, linkPath, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("new link from the check-in page: %d", resp.StatusCode)
	}
	i := strings.Index(page, a.URL+"/registrations/manage/")
	if i < 0 || !strings.Contains(page, "A new manage link for Rosa Owner") {
		t.Fatalf("the check-in page does not show the new link:\n%s", truncate(page, 2000))
	}
	pageLink := strings.TrimPrefix(page[i:i+strings.IndexByte(page[i:], '<')], a.URL)
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, oldLink, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the old link after a new one: %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, pageLink, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("the new link %q: %d, want 200", pageLink, resp.StatusCode)
	}

	resp, text = f.API(t, coordA, http.MethodPost, "/api/v1"+linkPath, nil)
	var out struct {
		ID        int64  `json:"id"`
		ManageURL string `json:"manage_url"`
	}
	if resp.StatusCode == http.StatusOK {
		MustDecode(t, text, &out)
	}
	if resp.StatusCode != http.StatusOK || out.ID != first.ID || !strings.HasPrefix(out.ManageURL, a.URL+"/registrations/manage/") {
		t.Fatalf("new link through the API: %d %s", resp.StatusCode, text)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, pageLink, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the page's link after the API's: %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.MustClient(t, anon).Page(t, http.MethodGet, strings.TrimPrefix(out.ManageURL, a.URL), nil); resp.StatusCode != http.StatusOK {
		t.Errorf("the API's new link: %d, want 200", resp.StatusCode)
	}
}
