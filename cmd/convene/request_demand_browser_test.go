package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDemandDashboard: hub A's coordinator opens the dashboard from
// the hub's page, finds each chart with its table and headings in order,
// then records the forum's governance (first with the next review before
// the last) and reads the notice it gives.
func TestBrowserDemandDashboard(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := MustBrowser(t)
	MustDo(t, ctx, "sign in and open the dashboard from the hub's page",
		chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys("#f-email", f.People[coordA].Email),
		chromedp.SendKeys("#f-password", fixturePassword),
		chromedp.Click("main button[type=submit]"),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
		chromedp.Navigate(a.URL+"/hubs/"+f.HubA.Slug),
		chromedp.Click(`//a[.="Demand and balance"]`),
		chromedp.WaitVisible(`//h1[.="Demand and balance"]`),
	)
	headings := MustGetValue(t, ctx, "heading levels", chromedp.Evaluate[[]int](
		`[...document.querySelectorAll("main h1, main h2, main h3, main h4")].map(h => +h.tagName[1])`))
	for i := 1; i < len(headings); i++ {
		if headings[0] != 1 || headings[i] > headings[i-1]+1 {
			t.Fatalf("headings skip a level: %v", headings)
		}
	}
	charts := MustGetValue(t, ctx, "charts", chromedp.Evaluate[int](
		`[...document.querySelectorAll("figure.chart svg[role=img]")].filter(s => s.getAttribute("aria-label").length > 20).length`))
	if charts < 2 {
		t.Errorf("%d labelled charts, want at least the topic and status charts", charts)
	}
	table := MustGetValue(t, ctx, "topic table", chromedp.Text("#topic-table-caption + .table-wrap table"))
	if !strings.Contains(table, "Safeguarding") || !strings.Contains(table, "All topics") {
		t.Errorf("topic table:\n%s", table)
	}

	MustDo(t, ctx, "record governance, first with the next review before the last",
		chromedp.Click(`//a[.="Edit governance"]`),
		chromedp.WaitVisible("#f-terms-url"),
		chromedp.SendKeys("#f-terms-url", "https://example.org/terms"),
		chromedp.SetValue("#f-terms-reviewed-on", "2024-01-15"),
		chromedp.SetValue("#f-terms-next-review-on", "2023-01-15"),
		chromedp.SendKeys("#f-chair-name", "Amina Yusuf"),
		chromedp.SetValue("#f-chair-term-ends-on", "2099-03-31"),
		chromedp.Click("main form button[type=submit]"),
		chromedp.WaitVisible(`//*[contains(@class,"error-summary")]//a[@href="#f-terms-next-review-on"]`),
		chromedp.SetValue("#f-terms-next-review-on", "2025-01-15"),
		chromedp.Click("main form button[type=submit]"),
		chromedp.WaitVisible("#governance-notices"),
	)
	notices := MustGetValue(t, ctx, "read the notices", chromedp.Text("#governance-notices"))
	if !strings.Contains(notices, "Due") || !strings.Contains(notices, "terms of reference last reviewed") || !strings.Contains(notices, "months ago") {
		t.Errorf("governance notices:\n%s", notices)
	}
	chair := MustGetValue(t, ctx, "read the chair", chromedp.Text("#governance ~ dl"))
	if !strings.Contains(chair, "Amina Yusuf") || !strings.Contains(chair, "31 March 2099") {
		t.Errorf("governance:\n%s", chair)
	}
}
