package events

import (
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// Limits on what a feedback response may hold.
const (
	// DefaultFeedbackWindow is how long after an event ends feedback stays
	// open unless its coordinator sets another closing date.
	DefaultFeedbackWindow = 14 * 24 * time.Hour
	// MaxFeedbackWindow bounds how late a coordinator may close feedback.
	MaxFeedbackWindow  = 180 * 24 * time.Hour
	MaxFeedbackTextLen = 2000
	MaxNewConnections  = 1000
	MaxTopicsNext      = 5
	MaxTopicLen        = 200
	MaxUsefulItems     = 50
)

// Feedback is one attendee's response about an event they attended.
type Feedback struct {
	// ID identifies the response; 0 until stored.
	ID int64
	// RegistrationID is the registration it answers for; one response each.
	RegistrationID int64
	// EventID is the event it is about.
	EventID int64
	FeedbackInput
	// SubmittedAt is when it was first given; UpdatedAt when last changed.
	SubmittedAt time.Time
	UpdatedAt   time.Time
}

// FeedbackInput is what an attendee says about an event.
type FeedbackInput struct {
	// Usefulness is how useful the event was, 1 (not at all) to 5 (very).
	Usefulness int
	// NetworkingValue is how valuable meeting the others was, 1 to 5.
	NetworkingValue int
	// NewConnections counts the new useful contacts they made.
	NewConnections int
	// WillFollowUp is whether they will follow up with someone they met.
	WillFollowUp bool
	// UsefulItems are the agenda items they found most useful (ids of the
	// event's agenda).
	UsefulItems []int64
	// WhatWorked and ToImprove are their own words; they leave Convene
	// only with ConsentToQuote.
	WhatWorked string
	ToImprove  string
	// TopicsNext are topics they would like next, each a short phrase.
	TopicsNext []string
	// ConsentToQuote allows their words to be quoted anonymously.
	ConsentToQuote bool
	// Unread are the fields a form could not read (a number that is not
	// one, a yes-or-no not chosen), with why; Validate reports them in
	// their place among the other problems.
	Unread map[string]string
}

// Normalise tidies the input for storing: text trimmed, empty and repeated
// topics and repeated agenda items dropped.
func (in FeedbackInput) Normalise() FeedbackInput {
	in.WhatWorked = strings.TrimSpace(in.WhatWorked)
	in.ToImprove = strings.TrimSpace(in.ToImprove)
	var topics []string
	seen := map[string]bool{}
	for _, t := range in.TopicsNext {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		topics = append(topics, t)
	}
	in.TopicsNext = topics
	var items []int64
	seenItem := map[int64]bool{}
	for _, id := range in.UsefulItems {
		if !seenItem[id] {
			seenItem[id] = true
			items = append(items, id)
		}
	}
	in.UsefulItems = items
	return in
}

// Validate checks a response before it is stored. Field names are those
// of the API.
func (in FeedbackInput) Validate() error {
	var f hub.FieldErrors
	for _, name := range []string{"usefulness", "networking_value", "new_connections", "will_follow_up", "useful_items"} {
		if why, ok := in.Unread[name]; ok {
			f.Add(name, why)
		}
	}
	if in.Usefulness < 1 || in.Usefulness > 5 {
		f.Add("usefulness", "Choose how useful the event was, from 1 to 5")
	}
	if in.NetworkingValue < 1 || in.NetworkingValue > 5 {
		f.Add("networking_value", "Choose how valuable the networking was, from 1 to 5")
	}
	if in.NewConnections < 0 || in.NewConnections > MaxNewConnections {
		f.Add("new_connections", fmt.Sprintf("Enter a number of new contacts from 0 to %d", MaxNewConnections))
	}
	if len(in.UsefulItems) > MaxUsefulItems {
		f.Add("useful_items", fmt.Sprintf("Choose at most %d agenda items", MaxUsefulItems))
	}
	checkText(&f, "what_worked", "What worked", in.WhatWorked, MaxFeedbackTextLen, "")
	checkText(&f, "to_improve", "What to improve", in.ToImprove, MaxFeedbackTextLen, "")
	if len(in.TopicsNext) > MaxTopicsNext {
		f.Add("topics_next", fmt.Sprintf("Suggest at most %d topics", MaxTopicsNext))
	}
	for _, t := range in.TopicsNext {
		checkText(&f, "topics_next", "Each topic", t, MaxTopicLen, "")
	}
	return f.Err()
}

// FeedbackCloses is when feedback on e closes: the coordinator's closing
// date when set, otherwise DefaultFeedbackWindow after the event ends.
func FeedbackCloses(e Event, set *time.Time) time.Time {
	if set != nil {
		return *set
	}
	return e.EndsAt.Add(DefaultFeedbackWindow)
}

// CheckFeedbackCloses checks a closing date a coordinator sets: after the
// event ends and not more than MaxFeedbackWindow after it.
func CheckFeedbackCloses(e Event, closes time.Time) error {
	switch {
	case !closes.After(e.EndsAt):
		return hub.FieldError("closes_at", "Feedback must close after the event ends")
	case closes.Sub(e.EndsAt) > MaxFeedbackWindow:
		return hub.FieldError("closes_at", "Feedback can stay open for at most 180 days after the event")
	}
	return nil
}

// CanGiveFeedback decides whether the person behind reg may give (or
// change) feedback on e at now, when feedback closes at closes: only if a
// coordinator checked them in — a no-show may not, and nor may anyone
// whose registration was cancelled — and only on a published event, from
// its start until closing. Who comes before when.
func CanGiveFeedback(e Event, reg Registration, closes, now time.Time) error {
	switch {
	case reg.EventID != e.ID:
		return &hub.Error{Code: hub.ENotFound, Message: "That registration is not for this event."}
	case reg.Status == RegCancelled:
		return &hub.Error{Code: hub.EForbidden, Message: "This registration was cancelled, so it cannot give feedback."}
	case !reg.Attended():
		return &hub.Error{Code: hub.EForbidden, Message: "Only people checked in at the event can give feedback. If you were there, ask the coordinator to mark you as attended."}
	case e.Status != StatusPublished:
		return &hub.Error{Code: hub.EConflict, Message: "This event did not take place, so it takes no feedback."}
	case now.Before(e.StartsAt):
		return &hub.Error{Code: hub.EConflict, Message: "Feedback opens when the event starts."}
	case !now.Before(closes):
		return &hub.Error{Code: hub.EConflict, Message: "Feedback on this event has closed."}
	}
	return nil
}

// FeedbackAsk says whether an attendee is to be asked for feedback now:
// the first request once the event has ended, one reminder remindAfter
// after that if they have not answered, and nothing after closing.
type FeedbackAsk int

// What to send an attendee.
const (
	AskNothing FeedbackAsk = iota
	AskFirst
	AskReminder
)

// FeedbackReminderAfter is how long after the first request the one
// reminder goes.
const FeedbackReminderAfter = 4 * 24 * time.Hour

// NextFeedbackAsk decides what to send about e to an attendee who was
// asked at askedAt (nil if never) and reminded at remindedAt (nil if
// never), and answered already or not.
func NextFeedbackAsk(e Event, closes, now time.Time, attended, answered bool, askedAt, remindedAt *time.Time) FeedbackAsk {
	switch {
	case !attended, answered, e.Status != StatusPublished, now.Before(e.EndsAt), !now.Before(closes):
		return AskNothing
	case askedAt == nil:
		return AskFirst
	case remindedAt == nil && !now.Before(askedAt.Add(FeedbackReminderAfter)):
		return AskReminder
	}
	return AskNothing
}
