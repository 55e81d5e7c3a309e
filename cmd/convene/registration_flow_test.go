package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// MustOnlineEvent adds a published public online event to hub A, with
// the given places (nil: no limit) and summary.
func MustOnlineEvent(tb testing.TB, f *fixture, places *int, summary string, status events.Status) events.Event {
	tb.Helper()
	start := time.Now().Add(10 * 24 * time.Hour).Truncate(time.Hour).UTC()
	e, err := f.db.CreateEvent(context.Background(), nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Peer network meeting", Summary: summary, StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/peer-network", Capacity: places,
		Visibility: events.VisibilityPublic, Status: status,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// mustContain fails unless body contains each of want.
func mustContain(tb testing.TB, what, body string, want ...string) {
	tb.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			tb.Errorf("%s does not contain %q:\n%s", what, w, truncate(body, 3000))
		}
	}
}

func mustNotContain(tb testing.TB, what, body string, unwanted ...string) {
	tb.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			tb.Errorf("%s contains %q", what, w)
		}
	}
}

// TestRegistrationEndsOnConfirmation: registering answers with a redirect
// to a page that says at the top what happened – a place or a number on
// the waitlist – with the manage link as a link, the joining link for a
// place, and a calendar file that carries the joining link through the
// manage link; cancelling ends the same way.
func TestRegistrationEndsOnConfirmation(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	one := 1
	e := MustOnlineEvent(t, f, &one, "", events.StatusPublished)
	register := "/events/" + itoa(e.ID) + "/register"
	guest := func(name, email string) (string, string) {
		t.Helper()
		resp, _ := f.MustClient(t, anon).Page(t, http.MethodPost, register,
			url.Values{"guest_name": {name}, "guest_email": {email}, "attendee_role": {"lived_experience"}})
		to := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(to, "/registrations/manage/") {
			t.Fatalf("guest registration: %d to %q, want 303 to the manage page", resp.StatusCode, to)
		}
		resp, page := f.MustClient(t, anon).Page(t, http.MethodGet, to, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", to, resp.StatusCode)
		}
		return to, page
	}

	placeLink, page := guest("Jo Armitage", "jo@example.org")
	mustContain(t, "the page of a guest with a place", page,
		"<h1>You have a place</h1>",
		`<a class="manage-link" href="`+a.URL+placeLink+`">`, "Keep this link",
		`<a href="https://meet.example.org/peer-network"`,
		`href="`+placeLink+`/event.ics"`, "Add to calendar")
	if strings.Index(page, "Keep this link") > strings.Index(page, "<h2>Your registration</h2>") {
		t.Error("the manage link comes after the details; it belongs near the top")
	}
	resp, ics := f.MustClient(t, anon).Page(t, http.MethodGet, placeLink+"/event.ics", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("guest's calendar file: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	mustContain(t, "the calendar file of a guest with a place", ics, "meet.example.org/peer-network")
	if _, public := f.MustClient(t, anon).Page(t, http.MethodGet, "/events/"+itoa(e.ID)+"/event.ics", nil); strings.Contains(public, "meet.example.org") {
		t.Error("the event's public calendar file gives away the joining link")
	}

	waitLink, page := guest("Sam Whitfield", "sam@example.org")
	mustContain(t, "the page of a guest on the waitlist", page, "<h1>You are number 1 on the waitlist</h1>", "Keep this link")
	mustNotContain(t, "the page of a guest on the waitlist", page, "meet.example.org")
	if _, ics := f.MustClient(t, anon).Page(t, http.MethodGet, waitLink+"/event.ics", nil); strings.Contains(ics, "meet.example.org") {
		t.Error("the calendar file of someone waiting carries the joining link")
	}

	t.Run("SignedIn", func(t *testing.T) {
		c := f.MustClient(t, attendee)
		resp, _ := c.Page(t, http.MethodPost, register, url.Values{"attendee_role": {"practitioner"}})
		if to := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || to != "/events/"+itoa(e.ID)+"/my-place" {
			t.Fatalf("signed-in registration: %d to %q", resp.StatusCode, to)
		}
		_, page := c.Page(t, http.MethodGet, "/events/"+itoa(e.ID)+"/my-place", nil)
		mustContain(t, "a signed-in person's registration", page, "<h1>You are number 2 on the waitlist</h1>", `href="/events/`+itoa(e.ID)+`/event.ics"`)
		mustNotContain(t, "a signed-in person's registration", page, "Keep this link")
		// Reloading the page is harmless; the old POST is not repeated.
		resp, _ = c.Page(t, http.MethodPost, register, url.Values{"attendee_role": {"practitioner"}})
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("registering twice: %d, want 409", resp.StatusCode)
		}
		if resp, _ := f.MustClient(t, member).Page(t, http.MethodGet, "/events/"+itoa(e.ID)+"/my-place", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("my-place of someone not registered: %d, want 303 to the event", resp.StatusCode)
		}
	})

	t.Run("CancelByLink", func(t *testing.T) {
		resp, _ := f.MustClient(t, anon).Page(t, http.MethodPost, placeLink+"/cancel", url.Values{})
		if to := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || to != placeLink {
			t.Fatalf("cancel: %d to %q, want 303 back to the manage page", resp.StatusCode, to)
		}
		if flash := flashOf(t, resp); !strings.Contains(flash, "next person on the waitlist") {
			t.Errorf("after cancelling: %q", flash)
		}
		_, page := f.MustClient(t, anon).Page(t, http.MethodGet, placeLink, nil)
		mustContain(t, "a cancelled registration", page, "<h1>Your registration is cancelled</h1>")
		mustNotContain(t, "a cancelled registration", page, "meet.example.org", "Add to calendar", "Cancel my")
		_, page = f.MustClient(t, anon).Page(t, http.MethodGet, waitLink, nil)
		mustContain(t, "the page of the guest who was waiting", page, "<h1>You have a place</h1>", "meet.example.org/peer-network")
	})
}

// TestRegisterFormChoosesNothing: "How are you coming?" has no answer
// until the person gives one, and leaving it out is named on the form.
func TestRegisterFormChoosesNothing(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	path := "/events/" + itoa(f.Event.ID)
	_, page := f.MustClient(t, anon).Page(t, http.MethodGet, path, nil)
	if regexp.MustCompile(`name="attendee_role"[^>]*checked`).MatchString(page) {
		t.Error("the register form has an attendee role chosen already")
	}
	resp, page := f.MustClient(t, anon).Page(t, http.MethodPost, path+"/register", url.Values{"guest_name": {"Jo"}, "guest_email": {"jo@example.org"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("without a role: %d, want 422", resp.StatusCode)
	}
	mustContain(t, "the form sent without a role", page, `href="#f-attendee-role"`, `value="jo@example.org"`)
	for _, form := range []string{"/admin", "/organisations/new"} {
		_, page := f.MustClient(t, adminK).Page(t, http.MethodGet, form, nil)
		if regexp.MustCompile(`type="radio"[^>]*checked`).MatchString(page) {
			t.Errorf("%s has a radio button chosen already", form)
		}
	}
}

// TestEventTextAndWords: a summary keeps its paragraphs, line breaks and
// links (and no HTML from its author); unlimited places say so; a draft
// offers no calendar file.
func TestEventTextAndWords(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e := MustOnlineEvent(t, f, nil, "Bring a question.\n\nSlides: https://example.org/slides\nRecording after.\n\n<b>bold</b>", events.StatusPublished)
	_, page := f.MustClient(t, anon).Page(t, http.MethodGet, "/events/"+itoa(e.ID), nil)
	mustContain(t, "the event page", page,
		"<p>Bring a question.</p>",
		`Slides: <a href="https://example.org/slides" rel="nofollow noopener">https://example.org/slides</a><br>`,
		"&lt;b&gt;bold&lt;/b&gt;", "No limit on places")
	mustNotContain(t, "the event page", page, "Open to all", "<b>bold</b>")

	draft := MustOnlineEvent(t, f, nil, "", events.StatusDraft)
	_, page = f.MustClient(t, coordA).Page(t, http.MethodGet, "/events/"+itoa(draft.ID), nil)
	mustContain(t, "a draft's page", page, "This event is a draft")
	mustNotContain(t, "a draft's page", page, "event.ics", "Add to my calendar")
}
