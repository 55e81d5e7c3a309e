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

// TestBrowserCopyAgenda: from the second occurrence's agenda editor the
// previous occurrence is chosen already; copying it into this and the
// following events says how many were copied.
func TestBrowserCopyAgenda(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	start := morningIn(t, 10)
	series, err := f.db.CreateEvents(context.Background(), hub.System, storage.NewEvents{Event: events.Event{
		HubID: f.HubA.ID, Title: "Peer support network meeting", StartsAt: start, EndsAt: start.Add(90 * time.Minute),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/peer", Visibility: events.VisibilityPublic,
	}, Recurrence: &events.Recurrence{Frequency: events.FreqWeekly, Count: 3}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	err = f.db.ReplaceAgenda(context.Background(), hub.System, series[0].ID, []events.AgendaItem{
		{StartsAt: start, EndsAt: start.Add(30 * time.Minute), Title: "Check-in round", Kind: events.KindTalk},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := MustBrowser(t)
	mustBrowserSignIn(t, ctx, a, f.People[coordA].Email)
	MustDo(t, ctx, "open the second occurrence's agenda",
		chromedp.Navigate(a.URL+"/events/"+itoa(series[1].ID)+"/agenda"),
		chromedp.WaitVisible(`//h2[.="Copy an agenda"]`))
	chosen := MustGetValue(t, ctx, "chosen source", chromedp.Evaluate[string](
		`(() => { const s = document.querySelector("#f-source-event-id"); return s.options[s.selectedIndex].textContent })()`))
	if !strings.HasPrefix(chosen, "Previous occurrence: Peer support network meeting") {
		t.Errorf("chosen source %q, want the previous occurrence", chosen)
	}
	MustDo(t, ctx, "copy into this and the following",
		chromedp.Click(`//label[.="This event and all following in the series"]`),
		chromedp.Click(`//main//button[.="Copy the agenda"]`),
		chromedp.WaitVisible(`//*[contains(@class,"notice")][contains(., "copied into 2 events")]`),
		chromedp.WaitVisible(`//ol[@class="agenda-edit"]/li[contains(., "Check-in round")]`))
}
