package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// TestPersonalCalendarMembersOnly: a personal feed holds the members-only
// events of the hubs the person's organisations are members of, by the
// visibility rule of the event lists, and loses them (with a new ETag)
// when the organisation leaves the hub; the public hub feed never has them.
func TestPersonalCalendarMembersOnly(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	ctx := context.Background()
	publish := func(body string) int64 {
		t.Helper()
		id := MustCreateEvent(t, f, body)
		mustAPI(t, f, coordA, http.MethodPost, fmt.Sprintf("/api/v1/events/%d/publish", id), "", http.StatusOK)
		return id
	}
	membersA := publish(eventBodyAt(9, `,"visibility":"members"`))
	inviteA := publish(eventBodyAt(10, `,"visibility":"invite_only"`))
	start := morningIn(t, 11)
	membersB, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: f.HubB.ID, Title: "Hub B members' forum", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		Format: events.FormatInPerson, Venue: "The Exchange, Bristol", Visibility: events.VisibilityMembers, Status: events.StatusPublished,
	}})
	if err != nil {
		t.Fatal(err)
	}
	feedPath := func(k actorKind) string {
		var c struct{ URL *string }
		MustDecode(t, mustAPI(t, f, k, http.MethodPost, "/api/v1/me/calendar", "", http.StatusCreated), &c)
		return strings.TrimPrefix(*c.URL, a.URL)
	}
	memberFeed, strangerFeed := feedPath(member), feedPath(attendee)

	resp, body := MustFeed(t, a, memberFeed)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("member's feed: %d", resp.StatusCode)
	}
	if veventOf(body, membersA) == "" {
		t.Error("member's feed lacks the members-only event of their hub")
	}
	if veventOf(body, membersB.ID) != "" {
		t.Error("member's feed has a members-only event of another hub")
	}
	if veventOf(body, inviteA) != "" {
		t.Error("member's feed has an invite-only event they are not registered for")
	}
	etag := resp.Header.Get("ETag")

	if _, other := MustFeed(t, a, strangerFeed); veventOf(other, membersA) != "" || veventOf(other, membersB.ID) != "" {
		t.Error("a non-member's feed has a members-only event")
	}
	for _, hubFeed := range []string{"/hubs/hub-a/calendar.ics", "/hubs/hub-b/calendar.ics"} {
		if _, public := MustFeed(t, a, hubFeed); veventOf(public, membersA) != "" || veventOf(public, membersB.ID) != "" || veventOf(public, inviteA) != "" {
			t.Errorf("%s has a members-only or invite-only event", hubFeed)
		}
	}

	if err := f.db.RemoveMember(ctx, hub.System, f.HubA.ID, f.OrgA.ID); err != nil {
		t.Fatal(err)
	}
	// The change reaches the feed cache by NOTIFY, a moment after commit.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, body = MustFeed(t, a, memberFeed, "If-None-Match", etag)
		if resp.StatusCode == http.StatusOK && veventOf(body, membersA) == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the organisation left the hub: got %d, event still there: %v", resp.StatusCode, veventOf(body, membersA) != "")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := resp.Header.Get("ETag"); got == etag || got == "" {
		t.Errorf("ETag after leaving the hub: got %q, was %q", got, etag)
	}
	if _, public := MustFeed(t, a, "/hubs/hub-a/calendar.ics"); veventOf(public, membersA) != "" {
		t.Error("the public hub feed has the members-only event")
	}
}
