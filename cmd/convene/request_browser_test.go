package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/storage/pgtest"
)

// TestBrowserTopicRequest: a member asks hub A for a topic; another
// organisation supports it and offers to deliver it; the coordinator adds
// it to an event's agenda from the builder with that offer; the requester
// sees it scheduled on "My requests" and the event page says which request
// the item answers; once the event has ended the request is delivered.
func TestBrowserTopicRequest(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	peer := MustRequestPeer(t, f, "Peer Org")
	ctx := MustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn := func(email string) {
		t.Helper()
		MustDo(t, ctx, "sign in as "+email,
			chromedp.Navigate(a.URL+"/sign-in"),
			chromedp.SendKeys(css("#f-email"), email),
			chromedp.SendKeys(css("#f-password"), fixturePassword),
			chromedp.Click(css("main button[type=submit]")),
			chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
		)
	}
	signOut := func() {
		t.Helper()
		MustDo(t, ctx, "sign out", chromedp.Submit(`//nav//form[@action="/sign-out"]`), chromedp.WaitVisible(`//a[.="Sign in"]`))
	}

	signIn(f.People[member].Email)
	MustDo(t, ctx, "ask for a topic, first leaving out the title",
		chromedp.Navigate(a.URL+"/hubs/"+f.HubA.Slug+"/requests"),
		chromedp.Click(`//a[.="Ask for a topic"]`),
		chromedp.WaitVisible(css("#f-details")),
		chromedp.SetValue(css("#f-topic"), "boundaries-of-peer-support"),
		chromedp.SendKeys(css("#f-details"), "Our peer workers blur personal and professional boundaries on WhatsApp."),
		chromedp.Click(css("main form button[type=submit]")),
		chromedp.WaitVisible(`//*[contains(@class,"error-summary")]//a[@href="#f-title"]`),
		chromedp.SendKeys(css("#f-title"), "Boundaries on messaging apps"),
		chromedp.Click(css("main form button[type=submit]")),
		chromedp.WaitVisible(`//h1[.="Boundaries on messaging apps"]`),
	)
	if got := MustGetValue(t, ctx, "read the status", chromedp.Text(css("#request-status"))); got != "Open" {
		t.Fatalf("new request's status %q", got)
	}
	url := MustGetValue(t, ctx, "location", chromedp.Location())
	signOut()

	signIn(peer.Person.Email)
	MustDo(t, ctx, "support it and offer to deliver it",
		chromedp.Navigate(url),
		chromedp.SendKeys(css("#support ~ form #f-comment"), "We need this too"),
		chromedp.Click(css("#support ~ form button[type=submit]")),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "support is recorded")]`),
		chromedp.SendKeys(css("#offer ~ form #f-details"), "Our WhatsApp boundaries guide and a short talk"),
		chromedp.Click(css("#offer ~ form button[type=submit]")),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "offer is recorded")]`),
		chromedp.WaitVisible(`//h2[contains(., "Asked for by 2 organisations")]`),
	)
	signOut()

	var requestID, offerID int64
	if err := pgtest.SQL(f.db).QueryRow(`SELECT r.id, o.id FROM topic_requests r JOIN request_offers o ON o.request_id = r.id WHERE r.title = $1`,
		"Boundaries on messaging apps").Scan(&requestID, &offerID); err != nil {
		t.Fatal(err)
	}
	signIn(f.People[coordA].Email)
	MustDo(t, ctx, "add it to the agenda from the builder with the offer",
		chromedp.Navigate(fmt.Sprintf("%s/events/%d/agenda", a.URL, f.Event.ID)),
		chromedp.WaitVisible(css("#requests")),
		chromedp.SetValue(css(fmt.Sprintf("#f-offer-%d", requestID)), fmt.Sprint(offerID)),
		chromedp.Click(fmt.Sprintf(`//input[@name="request_id"][@value="%d"]/ancestor::form//button`, requestID)),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "marked scheduled")]`),
	)
	agenda := MustGetValue(t, ctx, "read the agenda", chromedp.Text(css("main ol.agenda-edit")))
	if !strings.Contains(agenda, "Boundaries on messaging apps") || !strings.Contains(agenda, "Peer Org") {
		t.Errorf("agenda lacks the item or its presenter:\n%s", agenda)
	}
	signOut()

	signIn(f.People[member].Email)
	MustDo(t, ctx, "see it scheduled among my requests",
		chromedp.Navigate(a.URL+"/me"),
		chromedp.WaitVisible(css("#my-requests")),
	)
	mine := MustGetValue(t, ctx, "read my requests", chromedp.Text(css("#my-requests + p + ul")))
	if !strings.Contains(mine, "Scheduled") || !strings.Contains(mine, f.Event.Title) {
		t.Errorf("my requests:\n%s", mine)
	}
	MustDo(t, ctx, "follow the request to its event",
		chromedp.Navigate(url),
		chromedp.Click(css("#request-event a")),
		chromedp.WaitVisible(`//h2[@id="agenda"]`),
	)
	answer := MustGetValue(t, ctx, "read the agenda", chromedp.Text(css("ol.agenda")))
	if !strings.Contains(answer, "Answers the topic request “Boundaries on messaging apps”, asked for by 2 organisations") {
		t.Errorf("event agenda:\n%s", answer)
	}
	// Someone outside the hub sees that an item answers a request, not
	// which: requests say what projects struggle with.
	_, public := f.MustClient(t, anon).Page(t, http.MethodGet, "/events/"+itoa(f.Event.ID), nil)
	if strings.Contains(public, "Answers the topic request") || strings.Contains(public, "/requests/") || !strings.Contains(public, "Answers a topic request asked for by 2 organisations") {
		t.Error("the public event page names the request, or does not say an item answers one")
	}

	if _, err := pgtest.SQL(f.db).Exec(`UPDATE events SET starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days' WHERE id = $1`, f.Event.ID); err != nil {
		t.Fatal(err)
	}
	MustDo(t, ctx, "see it delivered after the event", chromedp.Navigate(url), chromedp.WaitVisible(css("#request-status")))
	if got := MustGetValue(t, ctx, "read the status", chromedp.Text(css("#request-status"))); got != "Delivered" {
		t.Errorf("status after the event %q", got)
	}
	history := MustGetValue(t, ctx, "read the history", chromedp.Text(css("#request-history")))
	if !strings.Contains(history, "Delivered") || !strings.Contains(history, "by Convene") {
		t.Errorf("history:\n%s", history)
	}
}
