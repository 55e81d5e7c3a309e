package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEventFormFields: the event form shows the fields of the
// chosen format and the series fields only when it repeats; labels do not
// call a field optional when it is needed for some formats; an online
// event without its link is refused on that field. Without script, every
// field shows with a hint saying when it applies.
func TestBrowserEventFormFields(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := MustBrowser(t)
	mustBrowserSignIn(t, ctx, a, f.People[coordA].Email)
	shown := func(id string) bool {
		t.Helper()
		return MustGetValue(t, ctx, "is "+id+" shown", chromedp.Evaluate[bool](`document.getElementById("`+id+`").offsetParent !== null`))
	}
	MustDo(t, ctx, "open the new event form on a phone", chromedp.EmulateViewport(390, 900),
		chromedp.Navigate(a.URL+"/hubs/hub-a/events/new"), chromedp.WaitVisible(chromedp.CSS("#f-title")))
	mustFitWidth(t, ctx, "event form at 390px")
	labels := MustGetValue(t, ctx, "labels", chromedp.Evaluate[string](`[...document.querySelectorAll("label, legend")].map(l => l.textContent.trim().replace(/\s+/g, " ")).join("|")`))
	for _, wrong := range []string{"Link to join online (optional)", "Venue (optional)", "Repeat (optional)", "Repeats (optional)"} {
		if strings.Contains(labels, wrong) {
			t.Errorf("the form says %q", wrong)
		}
	}
	if shown("f-repeat-count") {
		t.Error("the number of events shows for an event that does not repeat")
	}
	MustDo(t, ctx, "choose online", chromedp.Click(`//label[.="Online"]`))
	if shown("f-venue") || !shown("f-online-url") {
		t.Errorf("online: venue shown %v, link shown %v; want false, true", shown("f-venue"), shown("f-online-url"))
	}
	MustDo(t, ctx, "choose in person", chromedp.Click(`//label[.="In person"]`))
	if !shown("f-venue") || shown("f-online-url") {
		t.Errorf("in person: venue shown %v, link shown %v; want true, false", shown("f-venue"), shown("f-online-url"))
	}
	MustDo(t, ctx, "choose hybrid", chromedp.Click(`//label[starts-with(., "Hybrid")]`))
	if !shown("f-venue") || !shown("f-online-url") {
		t.Error("hybrid: venue and link should both show")
	}
	MustDo(t, ctx, "repeat every 2 weeks", chromedp.SetValue(chromedp.CSS("#f-repeat"), "fortnightly"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-repeat").dispatchEvent(new Event("change", {bubbles: true}))`))
	if !shown("f-repeat-count") {
		t.Error("the number of events does not show once it repeats")
	}
	MustDo(t, ctx, "save an online event without its link",
		chromedp.SetValue(chromedp.CSS("#f-repeat"), ""),
		chromedp.Click(`//label[.="Online"]`),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Peer network meeting"),
		chromedp.SetValue(chromedp.CSS("#f-date"), "2030-03-05"),
		chromedp.SetValue(chromedp.CSS("#f-start-time"), "18:00"),
		chromedp.SetValue(chromedp.CSS("#f-end-time"), "19:30"),
		chromedp.Click(`//main//button[.="Save as draft"]`),
		chromedp.WaitVisible(`//*[contains(@class,"error-summary")]//a[@href="#f-online-url"]`),
	)
	if !shown("f-online-url") {
		t.Error("the link field with its error is hidden")
	}

	// Without script every field is in the page, each with its hint.
	_, body := f.MustClient(t, coordA).Page(t, "GET", "/hubs/hub-a/events/new", nil)
	for _, want := range []string{`id="f-venue"`, `id="f-online-url"`, "Needed for online and hybrid events", "Needed for in-person and hybrid events", `id="f-repeat-count"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form without script lacks %q", want)
		}
	}
}
