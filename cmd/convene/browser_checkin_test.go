package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// mustBrowserSignIn signs in through the sign-in form.
func mustBrowserSignIn(tb testing.TB, ctx context.Context, a *app, email string) {
	tb.Helper()
	MustDo(tb, ctx, "sign in as "+email,
		chromedp.Navigate(a.URL+"/sign-in"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), fixturePassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(`//nav//button[contains(., "Sign out")]`),
	)
}

// mustFitWidth fails when the page scrolls sideways at the present width.
func mustFitWidth(tb testing.TB, ctx context.Context, what string) {
	tb.Helper()
	sizes := MustGetValue(tb, ctx, "page width", chromedp.Evaluate[[]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if sizes[0] > sizes[1] {
		tb.Errorf("%s: the page is %dpx wide in a %dpx window", what, sizes[0], sizes[1])
	}
}

// statValue reads one of the totals above the check-in list.
func statValue(tb testing.TB, ctx context.Context, label string) string {
	tb.Helper()
	return strings.TrimSpace(MustGetValue(tb, ctx, "total "+label, chromedp.Text(
		`//dl[contains(@class,"stats")]//div[dt[starts-with(., "`+label+`")]]/dd`)))
}

// MustCheckInEvent is a published event of hub A with 2 places, both
// taken, a third person on the waitlist, and many more people who came
// through the door of earlier events (to make the list long).
func MustCheckInEvent(tb testing.TB, f *fixture) events.Event {
	tb.Helper()
	ctx := context.Background()
	start := time.Now().Add(3 * 24 * time.Hour).Truncate(time.Hour).UTC()
	two := 2
	e, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubA.ID, Title: "Safeguarding refresher for peer supporters", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Format: events.FormatInPerson, Venue: "The Sidings, 14 Station Road, Gateshead", Capacity: &two,
		Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	for i, name := range []string{"Jo Armitage", "Priya Ramanathan-Whitcombe", "Sam Whitfield"} {
		in := events.RegistrationInput{GuestName: name, GuestEmail: fmt.Sprintf("person%d.with.a.rather.long.address@peer-support-network.example.org", i),
			AttendeeRole: events.RolePeerSupportWorker, AccessNeeds: "Step-free access and a hearing loop, please"}
		if _, err := f.db.Register(ctx, hub.System, storage.Registration{EventID: e.ID, As: storage.Someone, RegistrationInput: in, Now: time.Now()}); err != nil {
			tb.Fatal(err)
		}
	}
	return e
}

// TestBrowserCheckIn: at tablet width the check-in page fits the screen,
// the walk-in form comes before the list, the search narrows the list as
// one types; a walk-in counts as a walk-in; checking in someone from the
// waitlist asks first and then gives them a place; the totals add up.
func TestBrowserCheckIn(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e := MustCheckInEvent(t, f)
	ctx := MustBrowser(t)
	page := a.URL + "/events/" + itoa(e.ID) + "/check-in"
	mustBrowserSignIn(t, ctx, a, f.People[coordA].Email)

	for _, width := range []int64{768, 390} {
		MustDo(t, ctx, fmt.Sprintf("open check-in at %dpx", width), chromedp.EmulateViewport(width, 1000),
			chromedp.Navigate(page), chromedp.WaitVisible(`//li[contains(., "Sam Whitfield")]`))
		mustFitWidth(t, ctx, fmt.Sprintf("check-in at %dpx", width))
	}
	order := MustGetValue(t, ctx, "walk-in before the list", chromedp.Evaluate[bool](
		`document.getElementById("walk-in").getBoundingClientRect().top < document.getElementById("checkin-list").getBoundingClientRect().top`))
	if !order {
		t.Error("the walk-in form is not above the list of people")
	}
	MustDo(t, ctx, "tablet width", chromedp.EmulateViewport(768, 1000))

	// The search narrows the list as one types, without sending the form.
	MustDo(t, ctx, "type in the search box", chromedp.SendKeys(chromedp.CSS("#q"), "whit"),
		chromedp.WaitVisible(`//*[@id="checkin-count"][contains(., "2 people match")]`))
	visible := MustGetValue(t, ctx, "people shown", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#checkin-list li:not([hidden]) .checkin__name")].map(e => e.textContent.trim())`))
	if strings.Join(visible, "|") != "Priya Ramanathan-Whitcombe|Sam Whitfield" {
		t.Errorf("searching whit shows %q", visible)
	}
	if loc := MustGetValue(t, ctx, "location", chromedp.Location()); strings.Contains(loc, "q=") {
		t.Errorf("typing sent the search form: %s", loc)
	}

	// A walk-in before the start is a walk-in, not a registration.
	MustDo(t, ctx, "add a walk-in",
		chromedp.Click(`//summary[contains(., "Add someone at the door")]`),
		chromedp.SendKeys(chromedp.CSS("#walk-in #f-guest-name"), "Robin Ayre"),
		chromedp.SetValue(chromedp.CSS("#walk-in #f-attendee-role"), "other"),
		chromedp.Click(`//button[.="Add and check in"]`),
		chromedp.WaitVisible(`//li[contains(., "Robin Ayre")][contains(., "Walk-in")][contains(., "Attended")]`),
	)
	for label, want := range map[string]string{"Registered": "2", "Waitlist": "1", "Walk-ins": "1", "Attended": "1", "Not yet here": "2"} {
		if got := statValue(t, ctx, label); got != want {
			t.Errorf("after a walk-in, %s = %s, want %s", label, got, want)
		}
	}

	// Checking in from the waitlist asks first.
	MustDo(t, ctx, "check in the waitlisted person",
		chromedp.Click(`//li[contains(., "Sam Whitfield")]//button[contains(., "Check in")]`),
		chromedp.WaitVisible(`//*[@id="confirm-place"][contains(., "all 2 places are taken")]`),
	)
	if got := statValue(t, ctx, "Waitlist"); got != "1" {
		t.Errorf("before confirming, Waitlist = %s, want 1", got)
	}
	MustDo(t, ctx, "confirm",
		chromedp.Click(`//button[.="Give a place and check in"]`),
		chromedp.WaitVisible(`//li[contains(., "Sam Whitfield")][contains(., "Attended")]`),
	)
	for label, want := range map[string]string{"Registered": "3", "Waitlist": "0", "Walk-ins": "1", "Attended": "2", "Not yet here": "2"} {
		if got := statValue(t, ctx, label); got != want {
			t.Errorf("after giving a place, %s = %s, want %s", label, got, want)
		}
	}

	// Without the script, the search form still narrows the list.
	_, body := f.MustClient(t, coordA).Page(t, "GET", "/events/"+itoa(e.ID)+"/check-in?q="+url.QueryEscape("Armitage"), nil)
	if !strings.Contains(body, "Jo Armitage") || strings.Contains(body, "Sam Whitfield") {
		t.Error("the search form without script does not narrow the list to Jo Armitage")
	}
}
