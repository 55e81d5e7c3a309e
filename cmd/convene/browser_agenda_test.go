package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// TestBrowserAgendaEditor: the agenda editor has one shift form (choose
// the item, give the minutes); a new item starts when the last one ends;
// on a phone each item's actions sit on one line.
func TestBrowserAgendaEditor(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	start := f.Event.StartsAt
	err := f.db.ReplaceAgenda(context.Background(), hub.System, f.Event.ID, []events.AgendaItem{
		{StartsAt: start, EndsAt: start.Add(30 * time.Minute), Title: "Welcome and introductions", Kind: events.KindTalk},
		{StartsAt: start.Add(30 * time.Minute), EndsAt: start.Add(90 * time.Minute), Title: "Holding boundaries", Kind: events.KindWorkshop},
	})
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/London")
	clock := func(d time.Duration) string { return start.Add(d).In(loc).Format("15:04") }
	ctx := MustBrowser(t)
	page := a.URL + "/events/" + itoa(f.Event.ID) + "/agenda"
	mustBrowserSignIn(t, ctx, a, f.People[coordA].Email)

	MustDo(t, ctx, "open the agenda on a phone", chromedp.EmulateViewport(390, 900), chromedp.Navigate(page),
		chromedp.WaitVisible(`//ol[@class="agenda-edit"]/li[contains(., "Holding boundaries")]`))
	mustFitWidth(t, ctx, "agenda at 390px")
	lines := MustGetValue(t, ctx, "action rows", chromedp.Evaluate[[]int](
		`[...document.querySelectorAll(".agenda-edit__actions")].map(row => new Set([...row.querySelectorAll("a, button")].map(e => Math.round(e.getBoundingClientRect().top))).size)`))
	for i, n := range lines {
		if n != 1 {
			t.Errorf("item %d: its actions take %d lines at 390px, want 1", i+1, n)
		}
	}
	forms := MustGetValue(t, ctx, "shift forms", chromedp.Evaluate[int](`document.querySelectorAll("form[action*='/agenda/shift']").length`))
	if forms != 1 {
		t.Errorf("%d shift forms, want 1", forms)
	}
	starts := MustGetValue(t, ctx, "new item's times", chromedp.Evaluate[[]string](`[document.querySelector("#f-start-time").value, document.querySelector("#f-end-time").value]`))
	if starts[0] != clock(90*time.Minute) || starts[1] != clock(120*time.Minute) {
		t.Errorf("a new item defaults to %v, want %s–%s (when the last one ends)", starts, clock(90*time.Minute), clock(120*time.Minute))
	}
	MustDo(t, ctx, "add an item with the default times", chromedp.EmulateViewport(1280, 900),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Networking lunch"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "networking"),
		chromedp.Click(`//main//button[.="Add item"]`),
		chromedp.WaitVisible(`//ol[@class="agenda-edit"]/li[contains(., "Networking lunch")]`),
	)
	MustDo(t, ctx, "shift from the second item by 15 minutes",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#f-item"); s.selectedIndex = 1; })()`),
		chromedp.SetValue(chromedp.CSS("#f-minutes"), "15"),
		chromedp.Click(`//main//button[.="Shift times"]`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "shifted")]`),
	)
	times := MustGetValue(t, ctx, "times", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".agenda-edit__time")].map(e => e.textContent.trim())`))
	want := []string{clock(0) + "–" + clock(30*time.Minute), clock(45*time.Minute) + "–" + clock(105*time.Minute), clock(105*time.Minute) + "–" + clock(135*time.Minute)}
	if strings.Join(times, "|") != strings.Join(want, "|") {
		t.Errorf("after shifting: %q, want %q", times, want)
	}
	MustDo(t, ctx, "shift by nonsense", chromedp.SetValue(chromedp.CSS("#f-minutes"), "soon"),
		chromedp.Click(`//main//button[.="Shift times"]`),
		chromedp.WaitVisible(`//*[contains(@class,"error-summary")]//a[@href="#f-minutes"]`))
}
