package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserRunAnEvent: a coordinator creates and publishes an event with
// an agenda; a guest registers and fills it; a second guest joins the
// waitlist; the first cancels through their link and the second gets the
// place; the coordinator checks them in.
func TestBrowserRunAnEvent(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := MustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	date := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
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
	notice := func(what, contains string) {
		t.Helper()
		MustDo(t, ctx, what, chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "`+contains+`")]`))
	}

	signIn(f.People[coordA].Email)
	MustDo(t, ctx, "create an event",
		chromedp.Navigate(a.URL+"/hubs/hub-a/events/new"),
		chromedp.SendKeys(css("#f-title"), "Boundaries of peer support: a workshop"),
		chromedp.SetValue(css("#f-date"), date),
		chromedp.SetValue(css("#f-start-time"), "10:00"),
		chromedp.SetValue(css("#f-end-time"), "13:00"),
		chromedp.SendKeys(css("#f-venue"), "Calder Hall, 3 Mill Lane, Halifax HX1 1AA"),
		chromedp.SendKeys(css("#f-capacity"), "1"),
		chromedp.Click(`//label[contains(., "Peer support workers")]`),
		chromedp.Click(`//main//button[.="Save as draft"]`),
	)
	notice("saved as a draft", "saved as a draft")
	MustDo(t, ctx, "add agenda items",
		chromedp.Click(`//nav//a[.="Agenda"]`),
		chromedp.WaitVisible(css("#item-form")),
		chromedp.SetValue(css("#f-start-time"), "10:00"),
		chromedp.SetValue(css("#f-end-time"), "10:30"),
		chromedp.SendKeys(css("#f-title"), "Welcome and introductions"),
		chromedp.Click(`//main//button[.="Add item"]`),
		chromedp.WaitVisible(`//ol[@class="agenda-edit"]/li[contains(., "Welcome and introductions")]`),
		chromedp.SetValue(css("#f-end-time"), "11:30"),
		chromedp.SendKeys(css("#f-title"), "Holding boundaries when you share lived experience"),
		chromedp.SetValue(css("#f-kind"), "workshop"),
		chromedp.Click(`//main//button[.="Add item"]`),
		chromedp.WaitVisible(`//ol[@class="agenda-edit"]/li[contains(., "Holding boundaries")]`),
	)
	MustDo(t, ctx, "publish",
		chromedp.Click(`//nav//a[.="Event page"]`),
		chromedp.Click(`//button[.="Publish event"]`),
	)
	notice("published", "The event is published")
	eventURL := MustGetValue(t, ctx, "event address", chromedp.Location())
	MustDo(t, ctx, "sign out", chromedp.Submit(`//nav//form[@action="/sign-out"]`), chromedp.WaitVisible(`//a[.="Sign in"]`))

	MustDo(t, ctx, "register as a guest",
		chromedp.Navigate(eventURL),
		chromedp.WaitVisible(`//li[contains(., "Holding boundaries")]`),
		chromedp.SendKeys(css("#f-guest-name"), "Jo Armitage"),
		chromedp.SendKeys(css("#f-guest-email"), "jo.armitage@example.org"),
		chromedp.Click(`//label[.="Person with lived experience"]`),
		chromedp.Click(`//main//button[.="Register"]`),
		chromedp.WaitVisible(`//h1[.="You have a place"]`),
	)
	manage := MustGetValue(t, ctx, "manage link", chromedp.Text(css("a.manage-link")))

	MustDo(t, ctx, "a second guest joins the waitlist",
		chromedp.Navigate(eventURL),
		chromedp.WaitVisible(`//*[contains(., "Fully booked")]`),
		chromedp.SendKeys(css("#f-guest-name"), "Sam Whitfield"),
		chromedp.SendKeys(css("#f-guest-email"), "sam.whitfield@example.org"),
		chromedp.Click(`//label[.="Practitioner or staff"]`),
		chromedp.Click(`//main//button[.="Join the waitlist"]`),
		chromedp.WaitVisible(`//h1[.="You are number 1 on the waitlist"]`),
	)

	MustDo(t, ctx, "the first guest cancels",
		chromedp.Navigate(manage),
		chromedp.WaitVisible(`//*[contains(., "You have a place")]`),
		chromedp.Click(`//button[.="Cancel my place"]`),
	)
	notice("the place passed on", "next person on the waitlist")

	signIn(f.People[coordA].Email)
	MustDo(t, ctx, "check the promoted guest in",
		chromedp.Navigate(eventURL+"/check-in"),
		chromedp.WaitVisible(`//li[contains(., "Sam Whitfield")][contains(., "Registered")]`),
		chromedp.Click(`//li[contains(., "Sam Whitfield")]//button[contains(., "Check in")]`),
		chromedp.WaitVisible(`//li[contains(., "Sam Whitfield")][contains(., "Attended")]`),
	)
	// On a phone nothing is wider than the screen (tables scroll inside
	// their own frame).
	MustDo(t, ctx, "phone width", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, path := range []string{eventURL, eventURL + "/check-in", a.URL + "/hubs/hub-a/events", a.URL + "/hubs/hub-a/events/month"} {
		MustDo(t, ctx, "open "+path+" on a phone", chromedp.Navigate(path), chromedp.WaitVisible(css("h1")))
		if wide := MustGetValue(t, ctx, "page width", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); wide {
			t.Errorf("%s is wider than a 360px phone screen", path)
		}
	}
	MustDo(t, ctx, "back to the check-in page", chromedp.Navigate(eventURL+"/check-in"), chromedp.WaitVisible(css("dl.stats")))
	stats := MustGetValue(t, ctx, "totals", chromedp.Text(css("dl.stats")))
	if !strings.Contains(stats, "Attended\n1") && !strings.Contains(stats, "Attended 1") {
		t.Errorf("totals after one check-in: %q", stats)
	}
}
