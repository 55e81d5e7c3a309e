package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// TestBrowserCoordinatorDashboard: a coordinator who signs in lands on a
// dashboard of their hub: the next events with registrations and places
// left, drafts, and invitations not answered; the hub's and an event's
// tabs mark the current one and stand clear of what follows.
func TestBrowserCoordinatorDashboard(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	start := morningIn(t, 20)
	if _, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Trauma-informed practice workshop", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Format: events.FormatOnline, OnlineURL: "https://meet.example.org/ti", Visibility: events.VisibilityPublic, Status: events.StatusDraft,
	}}); err != nil {
		t.Fatal(err)
	}
	coordinator, err := f.db.ActorByID(ctx, f.People[coordA].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.OfferMembership(ctx, coordinator, f.HubA.ID, f.OrgB.ID); err != nil {
		t.Fatal(err)
	}

	b := MustBrowser(t)
	mustBrowserSignIn(t, b, a, f.People[coordA].Email)
	if loc := MustGetValue(t, b, "where sign-in led", chromedp.Location()); !strings.HasSuffix(loc, "/dashboard") {
		t.Fatalf("a coordinator signing in lands on %s, want /dashboard", loc)
	}
	text := MustGetValue(t, b, "dashboard", chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Hub A", "Peer support hub day", "1 registration · 9 places left", "Drafts (1)", "Trauma-informed practice workshop",
		"Invitations not answered (1)", "Organisation B"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
	if strings.Contains(text, "Hub B") {
		t.Error("the dashboard shows a hub the coordinator does not run")
	}
	for _, width := range []int64{390, 768, 1280} {
		MustDo(t, b, fmt.Sprintf("dashboard at %dpx", width), chromedp.EmulateViewport(width, 900), chromedp.Navigate(a.URL+"/dashboard"), chromedp.WaitVisible(chromedp.CSS("h1")))
		mustFitWidth(t, b, fmt.Sprintf("dashboard at %dpx", width))
	}

	for _, tc := range []struct{ path, current string }{
		{"/hubs/hub-a/members", "Member organisations"},
		{"/events/" + itoa(f.Event.ID) + "/agenda", "Agenda"},
	} {
		MustDo(t, b, "open "+tc.path, chromedp.EmulateViewport(390, 900), chromedp.Navigate(a.URL+tc.path), chromedp.WaitVisible(chromedp.CSS("nav.tabs")))
		current := MustGetValue(t, b, "current tab", chromedp.Evaluate[[]string](`[...document.querySelectorAll("nav.tabs [aria-current=page]")].map(a => a.textContent.trim())`))
		if strings.Join(current, "|") != tc.current {
			t.Errorf("%s: current tabs %q, want %q", tc.path, current, tc.current)
		}
		gap := MustGetValue(t, b, "space under the tabs", chromedp.Evaluate[int](
			`(() => { const nav = document.querySelector("nav.tabs"); return Math.round(nav.nextElementSibling.getBoundingClientRect().top - nav.getBoundingClientRect().bottom); })()`))
		if gap < 8 {
			t.Errorf("%s: what follows the tabs starts %dpx below them, want some space", tc.path, gap)
		}
	}
}
