package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// TestBrowserPublishSeries: a fortnightly series of drafts is published
// from its series page, first from the second event on, then whole; the
// page lists each event with its status and places.
func TestBrowserPublishSeries(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	start := morningIn(t, 10)
	six := 6
	series, err := f.db.CreateEvents(context.Background(), hub.System, storage.NewEvents{Event: events.Event{
		HubID: f.HubA.ID, Title: "Peer support network meeting", StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/peer", Capacity: &six, Visibility: events.VisibilityPublic,
	}, Recurrence: &events.Recurrence{Frequency: events.FreqFortnightly, Count: 4}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := MustBrowser(t)
	mustBrowserSignIn(t, ctx, a, f.People[coordA].Email)
	statuses := func() []string {
		t.Helper()
		return MustGetValue(t, ctx, "statuses", chromedp.Evaluate[[]string](
			`[...document.querySelectorAll(".series-list li")].map(li => li.querySelector(".tag").textContent.trim())`))
	}
	MustDo(t, ctx, "open the series page from its second event on a phone", chromedp.EmulateViewport(390, 900),
		chromedp.Navigate(a.URL+"/events/"+itoa(series[1].ID)),
		chromedp.Click(`//nav[@aria-label="Manage this event"]//a[.="Series"]`),
		chromedp.WaitVisible(`//h1[.="Series"]`))
	mustFitWidth(t, ctx, "series page at 390px")
	if got := strings.Join(statuses(), "|"); got != "Draft|Draft|Draft|Draft" {
		t.Errorf("before publishing: %s", got)
	}
	if text := MustGetValue(t, ctx, "places", chromedp.Text(chromedp.CSS(".series-list"))); !strings.Contains(text, "0 of 6 registered") {
		t.Errorf("the series page does not show places: %q", text)
	}
	MustDo(t, ctx, "publish this and the following",
		chromedp.Click(`//button[.="Publish this event and the following ones"]`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "3 events are published")]`))
	if got := strings.Join(statuses(), "|"); got != "Draft|Published|Published|Published" {
		t.Errorf("after publishing from the second: %s", got)
	}
	MustDo(t, ctx, "publish the whole series",
		chromedp.Click(`//button[.="Publish the whole series"]`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "1 event is published")]`))
	if got := strings.Join(statuses(), "|"); got != "Published|Published|Published|Published" {
		t.Errorf("after publishing the whole series: %s", got)
	}
	if n := MustGetValue(t, ctx, "publish buttons", chromedp.Evaluate[int](`document.querySelectorAll("form[action$='/series/publish']").length`)); n != 0 {
		t.Error("the publish buttons remain with no drafts left")
	}
}
