package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRunAHub: an admin signs in, creates a hub, adds an
// organisation to it and appoints a new coordinator, who sets a password
// through the invite link and sees the hub's people.
func TestBrowserRunAHub(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := MustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	MustDo(t, ctx, "sign in as the admin",
		chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys(css("#f-email"), f.People[adminK].Email),
		chromedp.SendKeys(css("#f-password"), fixturePassword),
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
	)
	MustDo(t, ctx, "create a hub",
		chromedp.Navigate(a.URL+"/admin"),
		chromedp.SendKeys(css("#new-hub ~ form #f-name"), "Humber Learning Hub"),
		chromedp.SendKeys(css("#new-hub ~ form #f-region"), "Yorkshire and the Humber"),
		chromedp.Click(css("#new-hub ~ form button[type=submit]")),
		chromedp.WaitVisible(`//h1[contains(., "Humber Learning Hub")]`),
	)
	if url := MustGetValue(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(url, "/hubs/humber-learning-hub") {
		t.Fatalf("after creating the hub, at %s", url)
	}
	MustDo(t, ctx, "add an organisation",
		chromedp.Click(`//nav//a[.="Member organisations"]`),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "Organisation A"),
		chromedp.Click(`//form[@role="search"]//button`),
		chromedp.WaitVisible(`//ul[@aria-label="Organisations found"]`),
		chromedp.Click(`//ul[@aria-label="Organisations found"]//button`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "is now a member")]`),
	)
	MustDo(t, ctx, "appoint a new coordinator",
		chromedp.Navigate(a.URL+"/admin"),
		chromedp.SetValue(css("#f-hub"), "humber-learning-hub"),
		chromedp.SendKeys(css("#appoint ~ form #f-email"), "rosa.kowalski@example.org"),
		chromedp.SendKeys(css("#appoint ~ form #f-name"), "Rosa Kowalski"),
		chromedp.Click(`//form//label[.="Coordinator"]`),
		chromedp.Click(css("#appoint ~ form button[type=submit]")),
		chromedp.WaitVisible(css("code.invite-link")),
	)
	link := MustGetValue(t, ctx, "read the invite link", chromedp.Text(css("code.invite-link")))
	MustDo(t, ctx, "sign out", chromedp.Click(`//nav//button[contains(., "Sign out")]`), chromedp.WaitVisible(`//a[.="Sign in"]`))

	MustDo(t, ctx, "set a password through the link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`//h1[contains(., "Rosa Kowalski")]`),
		chromedp.SendKeys(css("#f-password"), "humber estuary walks"),
		chromedp.SendKeys(css("#f-confirm"), "humber estuary walks"),
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "Welcome, Rosa Kowalski")]`),
	)
	MustDo(t, ctx, "see the hub's people",
		chromedp.Navigate(a.URL+"/hubs/humber-learning-hub/people"),
		chromedp.WaitVisible(`//h1[.="People"]`),
	)
	table := MustGetValue(t, ctx, "read the people", chromedp.Text(css("main table")))
	for _, want := range []string{"Rosa Kowalski", "rosa.kowalski@example.org", "coordinator", f.People[member].Name, f.People[member].Email, "Organisation A"} {
		if !strings.Contains(table, want) {
			t.Errorf("the people table lacks %q:\n%s", want, table)
		}
	}
}
