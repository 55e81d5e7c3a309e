package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSubscribe follows the subscribe links as a person would: on a
// hub's page every calendar gets its link with a line of help, the address
// can be copied with the keyboard, and the account page's private feed
// address works.
func TestBrowserSubscribe(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := MustBrowser(t)

	MustDo(t, ctx, "open the hub page", chromedp.Navigate(a.URL+"/hubs/hub-a"), chromedp.WaitVisible(`#hub-feed-heading`))
	webcal := MustGetValue(t, ctx, "read the webcal link", chromedp.Evaluate[string](`document.querySelector('a[href^="webcal://"]').getAttribute("href")`))
	if want := "webcal://" + strings.TrimPrefix(a.URL, "http://") + "/hubs/hub-a/calendar.ics"; webcal != want {
		t.Errorf("webcal link %q, want %q", webcal, want)
	}
	google := MustGetValue(t, ctx, "read the Google link", chromedp.Evaluate[string](`Array.from(document.links).find(l => l.textContent.includes("Add to Google Calendar")).href`))
	if !strings.HasPrefix(google, "https://calendar.google.com/calendar/render?cid=webcal") {
		t.Errorf("Google link %q", google)
	}
	https := MustGetValue(t, ctx, "read the address", chromedp.Evaluate[string](`document.getElementById("hub-feed-url").value`))
	if resp, _ := MustFeed(t, a, strings.TrimPrefix(https, a.URL)); resp.StatusCode != http.StatusOK {
		t.Errorf("the address shown (%s) answers %d", https, resp.StatusCode)
	}
	label := MustGetValue(t, ctx, "read the label", chromedp.Evaluate[string](`document.querySelector('label[for="hub-feed-url"]').textContent`))
	if !strings.Contains(label, "Calendar address") {
		t.Errorf("the address has no label: %q", label)
	}
	tabTo(t, ctx, "Copy address", 60)
	MustDo(t, ctx, "press the copy button with the keyboard", chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`//*[@id="hub-feed-url-status"][normalize-space(.) != ""]`))

	MustDo(t, ctx, "sign in", chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), f.People[attendee].Email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), fixturePassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`))
	MustDo(t, ctx, "open the account page", chromedp.Navigate(a.URL+"/account"), chromedp.WaitVisible(`#my-feed-heading`))
	mine := MustGetValue(t, ctx, "read my address", chromedp.Evaluate[string](`document.getElementById("my-feed-url").value`))
	if resp, _ := MustFeed(t, a, strings.TrimPrefix(mine, a.URL)); resp.StatusCode != http.StatusOK {
		t.Errorf("my feed address (first view) answers %d", resp.StatusCode)
	}
	// Mark the page the form is sent from, and wait for the page after it.
	MustDo(t, ctx, "make a new address", chromedp.Evaluate[chromedp.Void](`document.body.dataset.before = "1"; undefined`),
		chromedp.Click(`//button[contains(., "Make a new calendar address")]`),
		chromedp.WaitVisible(`body:not([data-before]) #my-feed-url`))
	fresh := MustGetValue(t, ctx, "read the new address", chromedp.Evaluate[string](`document.getElementById("my-feed-url").value`))
	if fresh == mine {
		t.Fatal("a new address was not made")
	}
	if resp, _ := MustFeed(t, a, strings.TrimPrefix(mine, a.URL)); resp.StatusCode != http.StatusGone {
		t.Errorf("the replaced address answers %d, want 410", resp.StatusCode)
	}
}
