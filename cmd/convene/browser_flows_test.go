package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/storage/demo"
)

// TestBrowserEverydayFlows, on a phone, with the demo data: the home page
// shows what's on; the organisations are found by name and kind; a guest
// registers from the home page and lands on a page that says at the top
// what happened, with their manage link as a link, which survives a
// reload; they cancel and are told so; an evaluator opens the hub's
// attendance. Then the pages this changed at 390, 768 and 1280 px, none
// wider than the screen. Every page is checked with axe-core.
func TestBrowserEverydayFlows(t *testing.T) {
	a := MustStart(t, withArgs("--demo"))
	ctx := MustBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	MustDo(t, ctx, "a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))

	MustDo(t, ctx, "open the home page", chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(`//h2[.="What’s on"]`))
	if n := MustGetValue(t, ctx, "events on the home page", chromedp.Evaluate[int](`document.querySelectorAll("#whats-on + ol .event-list__item").length`)); n == 0 {
		t.Fatal("the home page shows no events")
	}
	MustDo(t, ctx, "find organisations by name and kind",
		chromedp.Click(`//header//a[.="Organisations"]`),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "peer"),
		chromedp.SetValue(css("#kind"), "funded_project"),
		chromedp.Click(`//form[@role="search"]//button`),
		chromedp.WaitVisible(`//p[@role="status"][contains(., "found")]`),
	)
	found := MustGetValue(t, ctx, "organisations found", chromedp.Evaluate[[]string](`[...document.querySelectorAll("main section li a")].map(a => a.textContent)`))
	if len(found) == 0 {
		t.Error("no funded project with “peer” in its name found")
	}
	for _, name := range found {
		if !strings.Contains(strings.ToLower(name), "peer") {
			t.Errorf("search for “peer” found %q", name)
		}
	}

	MustDo(t, ctx, "open the first event on the home page",
		chromedp.Navigate(a.URL+"/"),
		chromedp.Click(`#whats-on + ol .event-list__title a`),
		chromedp.WaitVisible(css(`form[action$="/register"]`)),
	)
	if checked := MustGetValue(t, ctx, "chosen roles", chromedp.Evaluate[int](`document.querySelectorAll('input[name="attendee_role"]:checked').length`)); checked != 0 {
		t.Error("“How are you coming?” has an answer before the guest gives one")
	}
	MustDo(t, ctx, "register as a guest",
		chromedp.SendKeys(css("#f-guest-name"), "Ade Okafor"),
		chromedp.SendKeys(css("#f-guest-email"), "ade.okafor@example.org"),
		chromedp.Click(`//label[.="Person with lived experience"]`),
		chromedp.Click(css(`form[action$="/register"] button[type=submit]`)),
		chromedp.WaitVisible(`//h1[.="You have a place" or starts-with(., "You are number")]`),
	)
	confirmation := func(what string) string {
		t.Helper()
		heading := MustGetValue(t, ctx, "heading", chromedp.Text(css("h1")))
		top := MustGetValue(t, ctx, "where the heading is", chromedp.Evaluate[bool](`window.scrollY === 0 && document.querySelector("h1").getBoundingClientRect().bottom < window.innerHeight / 2`))
		if !top {
			t.Errorf("%s: %q is not at the top of the phone's screen", what, heading)
		}
		return heading
	}
	heading := confirmation("after registering")
	link := MustGetValue(t, ctx, "manage link", chromedp.Evaluate[string](`document.querySelector("a.manage-link") ? document.querySelector("a.manage-link").href : ""`))
	if here := MustGetValue(t, ctx, "address", chromedp.Location()); link == "" || link != here {
		t.Errorf("the manage link is %q; want a link to this page, %s", link, here)
	}
	MustDo(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(css("h1")))
	if again := confirmation("after a reload"); again != heading {
		t.Errorf("after a reload the page says %q, want %q", again, heading)
	}
	MustDo(t, ctx, "cancel",
		chromedp.Click(`//button[starts-with(., "Cancel my")]`),
		chromedp.WaitVisible(`//h1[.="Your registration is cancelled"]`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "Thank you for letting us know")]`),
	)
	confirmation("after cancelling")

	ne := demo.DemoHubs()[0]
	MustDo(t, ctx, "sign in as the evaluator",
		chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys(css("#f-email"), ne.Evaluator.Email),
		chromedp.SendKeys(css("#f-password"), demo.DemoPassword),
		chromedp.Click(css("main button[type=submit]")),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
	)
	MustDo(t, ctx, "open the hub's attendance",
		chromedp.Navigate(a.URL+"/hubs/"+ne.Slug),
		chromedp.Click(`//main//a[.="Attendance"]`),
		chromedp.WaitVisible(`//h1[.="Attendance at past events"]`),
		chromedp.WaitVisible(`//dt[.="Held a place"]`),
	)
	attendance := MustGetValue(t, ctx, "attendance address", chromedp.Location())

	for _, width := range []int64{390, 768, 1280} {
		MustDo(t, ctx, "width", chromedp.EmulateViewport(width, 900, chromedp.EmulateMobile))
		for _, path := range []string{a.URL + "/", a.URL + "/organisations?q=peer", link, attendance} {
			MustDo(t, ctx, "open "+path, chromedp.Navigate(path), chromedp.WaitVisible(css("h1")))
			if wide := MustGetValue(t, ctx, "page width", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); wide {
				t.Errorf("%s is wider than a %dpx screen", path, width)
			}
		}
	}
}
