package events

import (
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/hub"
)

func feedbackEvent() Event {
	start := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	return Event{ID: 7, StartsAt: start, EndsAt: start.Add(4 * time.Hour), Status: StatusPublished}
}

func TestCanGiveFeedback(t *testing.T) {
	e := feedbackEvent()
	checked := e.StartsAt.Add(time.Hour)
	attended := Registration{ID: 1, EventID: 7, Status: RegRegistered, AttendedAt: &checked}
	closes := FeedbackCloses(e, nil)
	if want := e.EndsAt.Add(14 * 24 * time.Hour); !closes.Equal(want) {
		t.Fatalf("default closing = %v, want %v", closes, want)
	}
	noShow := attended
	noShow.AttendedAt = nil
	cancelled := attended
	cancelled.Status = RegCancelled
	other := attended
	other.EventID = 8
	draft := e
	draft.Status = StatusCancelled
	for _, tc := range []struct {
		name string
		e    Event
		reg  Registration
		now  time.Time
		code string
	}{
		{"OKDuringEvent", e, attended, e.StartsAt.Add(3 * time.Hour), ""},
		{"OKJustBeforeClosing", e, attended, closes.Add(-time.Second), ""},
		{"ErrBeforeStart", e, attended, e.StartsAt.Add(-time.Second), hub.EConflict},
		{"ErrAtClosing", e, attended, closes, hub.EConflict},
		{"ErrNoShow", e, noShow, e.EndsAt, hub.EForbidden},
		{"ErrCancelled", e, cancelled, e.EndsAt, hub.EForbidden},
		{"ErrOtherEvent", e, other, e.EndsAt, hub.ENotFound},
		{"ErrEventCancelled", draft, attended, e.EndsAt, hub.EConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hub.ErrorCode(CanGiveFeedback(tc.e, tc.reg, closes, tc.now)); got != tc.code {
				t.Errorf("code = %q, want %q", got, tc.code)
			}
		})
	}
}

func TestFeedbackInputValidate(t *testing.T) {
	ok := FeedbackInput{Usefulness: 4, NetworkingValue: 5, NewConnections: 3, TopicsNext: []string{" Safeguarding  in  groups ", "safeguarding in groups", ""}}
	in := ok.Normalise()
	if err := in.Validate(); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	if len(in.TopicsNext) != 1 || in.TopicsNext[0] != "Safeguarding in groups" {
		t.Errorf("topics = %q, want one tidied topic", in.TopicsNext)
	}
	for _, tc := range []struct {
		name, field string
		change      func(*FeedbackInput)
	}{
		{"UsefulnessZero", "usefulness", func(in *FeedbackInput) { in.Usefulness = 0 }},
		{"UsefulnessSix", "usefulness", func(in *FeedbackInput) { in.Usefulness = 6 }},
		{"NetworkingNegative", "networking_value", func(in *FeedbackInput) { in.NetworkingValue = -1 }},
		{"ConnectionsNegative", "new_connections", func(in *FeedbackInput) { in.NewConnections = -2 }},
		{"TooLong", "what_worked", func(in *FeedbackInput) { in.WhatWorked = strings.Repeat("a", MaxFeedbackTextLen+1) }},
		{"TooManyTopics", "topics_next", func(in *FeedbackInput) { in.TopicsNext = []string{"a", "b", "c", "d", "e", "f"} }},
		{"FollowUpUnread", "will_follow_up", func(in *FeedbackInput) { in.Unread = map[string]string{"will_follow_up": "Choose yes or no"} }},
		{"ConnectionsUnread", "new_connections", func(in *FeedbackInput) { in.Unread = map[string]string{"new_connections": "Enter a number"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.change(&in)
			err := in.Normalise().Validate()
			if _, bad := hub.ErrorFields(err)[tc.field]; !bad {
				t.Errorf("error %v does not name %s", err, tc.field)
			}
		})
	}
}

// A field the form could not read is reported together with the problems
// Validate finds itself, so the form says everything at once.
func TestFeedbackInputUnread(t *testing.T) {
	in := FeedbackInput{Usefulness: 0, NetworkingValue: 3, Unread: map[string]string{"will_follow_up": "Choose yes or no"}}
	fields := hub.ErrorFields(in.Validate())
	if len(fields) != 2 || fields["will_follow_up"] != "Choose yes or no" || fields["usefulness"] == "" {
		t.Errorf("fields = %v, want usefulness and will_follow_up", fields)
	}
}

func TestCheckFeedbackCloses(t *testing.T) {
	e := feedbackEvent()
	if err := CheckFeedbackCloses(e, e.EndsAt.Add(30*24*time.Hour)); err != nil {
		t.Errorf("30 days: %v", err)
	}
	for _, bad := range []time.Time{e.EndsAt, e.StartsAt, e.EndsAt.Add(181 * 24 * time.Hour)} {
		if hub.ErrorCode(CheckFeedbackCloses(e, bad)) != hub.EInvalid {
			t.Errorf("closing %v accepted", bad)
		}
	}
}

func TestNextFeedbackAsk(t *testing.T) {
	e := feedbackEvent()
	closes := FeedbackCloses(e, nil)
	asked := e.EndsAt.Add(time.Hour)
	for _, tc := range []struct {
		name               string
		now                time.Time
		attended, answered bool
		asked, reminded    *time.Time
		want               FeedbackAsk
	}{
		{"FirstAfterEnd", e.EndsAt, true, false, nil, nil, AskFirst},
		{"NotDuring", e.StartsAt.Add(time.Hour), true, false, nil, nil, AskNothing},
		{"NotNoShows", e.EndsAt, false, false, nil, nil, AskNothing},
		{"NotAnswered", e.EndsAt, true, true, nil, nil, AskNothing},
		{"NoReminderYet", asked.Add(24 * time.Hour), true, false, &asked, nil, AskNothing},
		{"Reminder", asked.Add(FeedbackReminderAfter), true, false, &asked, nil, AskReminder},
		{"OneReminderOnly", asked.Add(10 * 24 * time.Hour), true, false, &asked, &asked, AskNothing},
		{"NothingAfterClosing", closes, true, false, nil, nil, AskNothing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NextFeedbackAsk(e, closes, tc.now, tc.attended, tc.answered, tc.asked, tc.reminded); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPseudonymiser(t *testing.T) {
	key := []byte(strings.Repeat("k", 32))
	p := NewPseudonymiser(key)
	q := NewPseudonymiser([]byte(strings.Repeat("q", 32)))
	if again := NewPseudonymiser(key); p.Person(42) != again.Person(42) {
		t.Error("not stable")
	}
	if p.Person(42) == p.Person(43) || p.Person(42) == q.Person(42) {
		t.Error("pseudonyms collide across people or keys")
	}
	if p.Guest(" Sam@Example.org ", 1) != p.Guest("sam@example.org", 2) {
		t.Error("a guest's pseudonym depends on case or registration")
	}
	if p.Guest("", 1) == p.Guest("", 2) {
		t.Error("walk-ins without email share a pseudonym")
	}
	if got := p.Person(42); len(got) != 14 || !strings.HasPrefix(got, "P-") {
		t.Errorf("pseudonym %q: want P- and 12 characters", got)
	}
}
