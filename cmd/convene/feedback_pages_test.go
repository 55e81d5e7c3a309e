package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/convene/convene/storage/pgtest"
)

func feedbackForm(u, n, follow string) url.Values {
	return url.Values{"usefulness": {u}, "networking_value": {n}, "new_connections": {"2"}, "will_follow_up": {follow},
		"what_worked": {"Meeting the housing team"}, "to_improve": {"More time for questions"}, "topics_next": {"Benefits\nHousing first"},
		"consent_to_quote": {"yes"}}
}

func TestFeedbackPages(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e, tokens := f.MustPastEvent(t, f.HubA.ID, 8, 7)
	eB, tokensB := f.MustPastEvent(t, f.HubB.ID, 2, 2)
	guest := f.MustClient(t, anon)
	form := func(id int64, token string) string {
		return fmt.Sprintf("/events/%d/feedback?token=%s", id, url.QueryEscape(token))
	}

	t.Run("OK", func(t *testing.T) {
		resp, body := guest.Page(t, http.MethodGet, form(e.ID, tokens[0]), nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "How useful was this event for you?") {
			t.Fatalf("form: %d\n%s", resp.StatusCode, truncate(body, 600))
		}
		if strings.Contains(body, " checked") {
			t.Errorf("a new form has an answer chosen already")
		}
		resp, _ = guest.Page(t, http.MethodPost, form(e.ID, tokens[0]), feedbackForm("4", "5", "yes"))
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), fmt.Sprintf("/events/%d/feedback/thanks?token=", e.ID)) {
			t.Fatalf("submit: %d %s, want 303 to the thank-you page", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = guest.Page(t, http.MethodGet, resp.Header.Get("Location"), nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Thank you for your feedback") || !strings.Contains(body, "What happens with your answers") {
			t.Fatalf("thanks: %d\n%s", resp.StatusCode, truncate(body, 600))
		}
		// Shown again to change, with the answers given.
		_, body = guest.Page(t, http.MethodGet, form(e.ID, tokens[0]), nil)
		if !strings.Contains(body, `value="4" checked`) || !strings.Contains(body, "Save my changes") {
			t.Errorf("the form does not show the answers given")
		}
	})

	t.Run("ErrMissingAnswers", func(t *testing.T) {
		bad := feedbackForm("", "9", "")
		bad.Set("new_connections", "lots")
		resp, body := guest.Page(t, http.MethodPost, form(e.ID, tokens[1]), bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		for _, want := range []string{"There is a problem", `href="#f-usefulness"`, `href="#f-networking-value"`, `href="#f-new-connections"`, `href="#f-will-follow-up"`, "Meeting the housing team"} {
			if !strings.Contains(body, want) {
				t.Errorf("the form shown again lacks %q", want)
			}
		}
		var n int
		if err := pgtest.SQL(f.db).Get(&n, `SELECT count(*) FROM feedback WHERE event_id = $1`, e.ID); err != nil || n != 1 {
			t.Errorf("responses stored: %d (%v), want 1", n, err)
		}
	})

	t.Run("ErrOtherEventsLink", func(t *testing.T) {
		// An attendee of another event, with their own private link.
		for _, path := range []string{form(e.ID, tokensB[0]), fmt.Sprintf("/events/%d/feedback/thanks?token=%s", e.ID, tokensB[0])} {
			resp, _ := guest.Page(t, http.MethodGet, path, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
			}
		}
		resp, _ := guest.Page(t, http.MethodPost, form(e.ID, tokensB[0]), feedbackForm("1", "1", "no"))
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST with another event's link: %d, want 404", resp.StatusCode)
		}
		_ = eB
	})

	t.Run("ErrNotCheckedIn", func(t *testing.T) {
		// The eighth guest registered but was not checked in.
		resp, body := guest.Page(t, http.MethodGet, form(e.ID, tokens[7]), nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Only people checked in") || strings.Contains(body, "Send my feedback") {
			t.Errorf("no-show's form: %d\n%s", resp.StatusCode, truncate(body, 600))
		}
		resp, _ = guest.Page(t, http.MethodPost, form(e.ID, tokens[7]), feedbackForm("5", "5", "yes"))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("no-show's submission: %d, want 403", resp.StatusCode)
		}
	})

	t.Run("TwoAtOnce", func(t *testing.T) {
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, _ := guest.Page(t, http.MethodPost, form(e.ID, tokens[2]), feedbackForm(fmt.Sprint(i+2), "3", "no"))
				statuses[i] = resp.StatusCode
			}()
		}
		wg.Wait()
		var n int
		if err := pgtest.SQL(f.db).Get(&n, `SELECT count(*) FROM feedback f JOIN registrations r ON r.id = f.registration_id WHERE r.event_id = $1 AND r.guest_name = 'Guest 2'`, e.ID); err != nil || n != 1 {
			t.Fatalf("responses of one guest after two at once: %d (%v), want 1", n, err)
		}
		for _, s := range statuses {
			if s != http.StatusSeeOther && s != http.StatusConflict {
				t.Errorf("statuses %v: each must be saved (303) or refused (409)", statuses)
			}
		}
	})

	t.Run("CoordinatorSeesIt", func(t *testing.T) {
		for i := 3; i < 7; i++ {
			if resp, _ := guest.Page(t, http.MethodPost, form(e.ID, tokens[i]), feedbackForm("5", "4", "yes")); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("guest %d: %d", i, resp.StatusCode)
			}
		}
		resp, body := f.MustClient(t, coordA).Page(t, http.MethodGet, fmt.Sprintf("/events/%d/feedback/results", e.ID), nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Meeting the housing team") || strings.Contains(body, "example.org") {
			t.Fatalf("results: %d\n%s", resp.StatusCode, truncate(body, 2000))
		}
		// Another hub's coordinator: refused.
		if resp, _ := f.MustClient(t, coordB).Page(t, http.MethodGet, fmt.Sprintf("/events/%d/feedback/results", e.ID), nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator of another hub: %d, want 403", resp.StatusCode)
		}
		// The closing date: a bad one is named, a good one saved.
		path := fmt.Sprintf("/events/%d/feedback/closes", e.ID)
		if resp, body := f.MustClient(t, coordA).Page(t, http.MethodPost, path, url.Values{"closes_on": {"2000-01-01"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#f-closes-on"`) {
			t.Errorf("closing before the event: %d", resp.StatusCode)
		}
		if resp, _ := f.MustClient(t, coordB).Page(t, http.MethodPost, path, url.Values{"closes_on": {"2099-01-01"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("another hub's coordinator setting the closing date: %d, want 403", resp.StatusCode)
		}
	})

	t.Run("QRCode", func(t *testing.T) {
		resp, body := f.MustClient(t, coordA).Page(t, http.MethodGet, fmt.Sprintf("/events/%d/feedback/qr", e.ID), nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<svg class="qr"`) || !strings.Contains(body, fmt.Sprintf("/events/%d/feedback", e.ID)) {
			t.Fatalf("QR page: %d", resp.StatusCode)
		}
	})

	t.Run("CodeSameAnswer", func(t *testing.T) {
		// A stranger with a script learns nothing from the answer.
		path := fmt.Sprintf("/events/%d/feedback/code", e.ID)
		strip := func(s, email string) string { return strings.ReplaceAll(s, email, "EMAIL") }
		r1, b1 := guest.Page(t, http.MethodPost, path, url.Values{"email": {fmt.Sprintf("guest%d.%d@example.org", e.ID, 0)}})
		r2, b2 := guest.Page(t, http.MethodPost, path, url.Values{"email": {"nobody@example.org"}})
		if r1.StatusCode != http.StatusOK || r2.StatusCode != http.StatusOK || strip(b1, fmt.Sprintf("guest%d.%d@example.org", e.ID, 0)) != strip(b2, "nobody@example.org") {
			t.Errorf("registered %d and unregistered %d answers differ", r1.StatusCode, r2.StatusCode)
		}
		if !strings.Contains(b2, "if it is registered for this event") {
			t.Errorf("the answer does not say the code goes only to a registered address")
		}
		// Throttled per address.
		var last *http.Response
		for range 6 {
			last, _ = guest.Page(t, http.MethodPost, path, url.Values{"email": {"script@example.org"}})
		}
		if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
			t.Errorf("sixth code for one address: %d, want 429 with Retry-After", last.StatusCode)
		}
		resp, _ := guest.Page(t, http.MethodPost, path+"/check", url.Values{"email": {"nobody@example.org"}, "code": {"123456"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a guessed code: %d, want 422", resp.StatusCode)
		}
	})
}
