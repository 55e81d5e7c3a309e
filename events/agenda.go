package events

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// MaxPresenterNameLen limits a presenter's name.
const MaxPresenterNameLen = 200

// AgendaItem is one session in an event's agenda.
type AgendaItem struct {
	// ID identifies the item; 0 until stored.
	ID int64
	// EventID is the event the item belongs to.
	EventID int64
	// Position is the item's place in the agenda, from 1, in order of start time.
	Position int
	// StartsAt is when the item starts, in UTC, within the event.
	StartsAt time.Time
	// EndsAt is when it ends, in UTC, within the event.
	EndsAt time.Time
	// Title names the session.
	Title string
	// Kind says what sort of session it is.
	Kind AgendaKind
	// TopicSlug is the hub topic the session covers, if any.
	TopicSlug string
	// PresenterOrganisationID is the organisation presenting, if any.
	PresenterOrganisationID *int64
	// PresenterName is the person presenting, if named.
	PresenterName string
	// RequestID is the topic request this session answers, if any.
	RequestID *int64
}

// ValidateAgenda checks an event's agenda: each item has a title, a kind
// and a start before its end, lies within the event, and overlaps no other
// (one may start as another ends). Fields are keyed by the item's index in
// items, as "items[2].ends_at"; times in messages are local to loc.
func ValidateAgenda(event Event, items []AgendaItem, loc *time.Location) error {
	var f hub.FieldErrors
	show := func(t time.Time) string {
		if sameDate(inZone(event.StartsAt, loc), inZone(event.EndsAt, loc)) {
			return FormatClock(t, loc)
		}
		return FormatDate(t, loc) + " " + FormatClock(t, loc)
	}
	var timed []int // indexes of items with usable times
	for i, it := range items {
		key := func(field string) string { return fmt.Sprintf("items[%d].%s", i, field) }
		name := it.name(i)
		checkText(&f, key("title"), fmt.Sprintf("The title of item %d", i+1), it.Title, MaxTitleLen,
			fmt.Sprintf("Enter a title for item %d", i+1))
		if !it.Kind.Valid() {
			f.Add(key("kind"), fmt.Sprintf("Choose what %s is: %s", name, oneOf(AllAgendaKinds())))
		}
		checkText(&f, key("presenter_name"), "The presenter's name", it.PresenterName, MaxPresenterNameLen, "")
		switch {
		case it.StartsAt.IsZero():
			f.Add(key("starts_at"), fmt.Sprintf("Enter when %s starts", name))
		case it.EndsAt.IsZero():
			f.Add(key("ends_at"), fmt.Sprintf("Enter when %s ends", name))
		case !it.EndsAt.After(it.StartsAt):
			f.Add(key("ends_at"), fmt.Sprintf("%s must end after it starts", capital(name)))
		default:
			timed = append(timed, i)
		}
		if event.StartsAt.IsZero() || event.EndsAt.IsZero() {
			continue
		}
		if !it.StartsAt.IsZero() && it.StartsAt.Before(event.StartsAt) {
			f.Add(key("starts_at"), fmt.Sprintf("%s starts at %s, before the event starts (%s)",
				capital(name), show(it.StartsAt), show(event.StartsAt)))
		}
		if !it.EndsAt.IsZero() && it.EndsAt.After(event.EndsAt) {
			f.Add(key("ends_at"), fmt.Sprintf("%s ends at %s, after the event ends (%s)",
				capital(name), show(it.EndsAt), show(event.EndsAt)))
		}
	}
	checkOverlaps(&f, items, timed, loc)
	return f.Err()
}

// checkOverlaps reports each timed item that starts before an earlier one
// has ended, against the earlier item that runs latest.
func checkOverlaps(f *hub.FieldErrors, items []AgendaItem, timed []int, loc *time.Location) {
	slices.SortStableFunc(timed, func(a, b int) int { return items[a].StartsAt.Compare(items[b].StartsAt) })
	latest := -1
	for _, i := range timed {
		it := items[i]
		if latest >= 0 && it.StartsAt.Before(items[latest].EndsAt) {
			other := items[latest]
			f.Add(fmt.Sprintf("items[%d].starts_at", i), fmt.Sprintf("%s overlaps %s (%s)",
				capital(it.name(i)), other.name(latest), FormatRange(other.StartsAt, other.EndsAt, loc)))
		}
		if latest < 0 || it.EndsAt.After(items[latest].EndsAt) {
			latest = i
		}
	}
}

// name is how messages refer to the item at index i: its quoted title, or
// "item 3" while it has none.
func (it AgendaItem) name(i int) string {
	if t := strings.TrimSpace(it.Title); t != "" {
		return "'" + clipTitle(t) + "'"
	}
	return fmt.Sprintf("item %d", i+1)
}

// clipTitle keeps long titles from swamping a message.
func clipTitle(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// capital starts a message with a capital letter.
func capital(s string) string {
	if strings.HasPrefix(s, "item ") {
		return "Item " + s[len("item "):]
	}
	return s
}
