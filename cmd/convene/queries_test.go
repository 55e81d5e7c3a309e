package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// queriesFor reads how many statements the request with this response
// made, from Convene's request log.
func queriesFor(tb testing.TB, a *app, resp *http.Response) int {
	tb.Helper()
	id := resp.Header.Get("X-Request-Id")
	m := a.WaitLog(tb, `queries=(\d+) request_id=`+regexp.QuoteMeta(id))
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestBoundedQueries: a hub's events list and an event page make the same
// small number of queries however many events and registrations exist.
func TestBoundedQueries(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	pages := []struct {
		name string
		kind actorKind
		path string
	}{
		{"EventsListAnonymous", anon, "/hubs/hub-a/events"},
		{"EventsListCoordinator", coordA, "/hubs/hub-a/events"},
		{"EventsListMember", member, "/hubs/hub-a/events?topic=safeguarding"},
		{"MonthCoordinator", coordA, "/hubs/hub-a/events/month"},
		{"EventPageAnonymous", anon, "/events/" + itoa(f.Event.ID)},
		{"EventPageMember", member, "/events/" + itoa(f.Event.ID)},
		{"EventPageCoordinator", coordA, "/events/" + itoa(f.Event.ID)},
		{"HubPageMember", member, "/hubs/hub-a"},
		{"APIEventsList", anon, "/api/v1/hubs/hub-a/events"},
	}
	measure := func() map[string]int {
		got := map[string]int{}
		for _, p := range pages {
			var resp *http.Response
			if p.path[:5] == "/api/" {
				resp, _ = f.API(t, p.kind, http.MethodGet, p.path, nil)
			} else {
				resp, _ = f.MustClient(t, p.kind).Page(t, http.MethodGet, p.path, nil)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", p.path, resp.StatusCode)
			}
			got[p.name] = queriesFor(t, a, resp)
		}
		return got
	}
	small := measure()

	// Many more events, with topics, agendas and registrations.
	topics, err := f.db.TopicIDs(ctx, []string{"safeguarding", "peer-support-delivery"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		start := time.Now().Add(time.Duration(48+i*24) * time.Hour).Truncate(time.Hour)
		e, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{TopicIDs: topics, Event: events.Event{
			HubID: f.HubA.ID, Title: fmt.Sprintf("Safeguarding circle %d", i), StartsAt: start, EndsAt: start.Add(2 * time.Hour),
			Format: events.FormatOnline, OnlineURL: "https://meet.example.org/c", Visibility: events.VisibilityPublic, Status: events.StatusPublished,
		}})
		if err != nil {
			t.Fatal(err)
		}
		for j := range 5 {
			if _, err := f.db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: guestNumber(i*10 + j), Now: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for j := range 60 {
		if _, err := f.db.Register(ctx, hub.Anonymous, storage.Registration{EventID: f.Event.ID, RegistrationInput: guestNumber(1000 + j), Now: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	items := []events.AgendaItem{}
	for k := range 8 {
		items = append(items, events.AgendaItem{StartsAt: f.Event.StartsAt.Add(time.Duration(k*30) * time.Minute),
			EndsAt: f.Event.StartsAt.Add(time.Duration(k*30+30) * time.Minute), Title: fmt.Sprintf("Session %d", k+1), Kind: events.KindTalk, TopicSlug: "safeguarding"})
	}
	if err := f.db.ReplaceAgenda(ctx, hub.System, f.Event.ID, items); err != nil {
		t.Fatal(err)
	}

	large := measure()
	for _, p := range pages {
		if small[p.name] != large[p.name] {
			t.Errorf("%s: %d queries with little data, %d with more", p.name, small[p.name], large[p.name])
		}
		if large[p.name] > 8 {
			t.Errorf("%s: %d queries, want at most 8", p.name, large[p.name])
		}
		t.Logf("%s: %d queries", p.name, large[p.name])
	}
}

func guestNumber(i int) events.RegistrationInput {
	return events.RegistrationInput{GuestName: fmt.Sprintf("Guest %d", i), GuestEmail: fmt.Sprintf("guest%d@example.org", i), AttendeeRole: events.RoleOther}
}
