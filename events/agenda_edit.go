package events

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// SortAgenda returns the items in order of start time (keeping the given
// order for equal starts), with Position numbered from 1.
func SortAgenda(items []AgendaItem) []AgendaItem {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b AgendaItem) int { return a.StartsAt.Compare(b.StartsAt) })
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// ShiftFrom moves the item at index and every item after it (in the given,
// agenda order) by delta, so that one late session can push the rest of
// the day back. It refuses a shift that takes any item outside the event.
// An overlap with the items before index is left for ValidateAgenda.
func ShiftFrom(event Event, items []AgendaItem, index int, delta time.Duration) ([]AgendaItem, error) {
	if index < 0 || index >= len(items) {
		return nil, hub.Errorf(hub.EInvalid, "There is no item %d in this agenda.", index+1)
	}
	out := slices.Clone(items)
	moving := fmt.Sprintf("Moving %s and the items after it %s", items[index].name(index), words(delta))
	for i := index; i < len(out); i++ {
		out[i].StartsAt = out[i].StartsAt.Add(delta)
		out[i].EndsAt = out[i].EndsAt.Add(delta)
		switch {
		case out[i].StartsAt.Before(event.StartsAt):
			return nil, hub.FieldError(fmt.Sprintf("items[%d].starts_at", i),
				fmt.Sprintf("%s would start %s before the event does", moving, out[i].name(i)))
		case out[i].EndsAt.After(event.EndsAt):
			return nil, hub.FieldError(fmt.Sprintf("items[%d].ends_at", i),
				fmt.Sprintf("%s would take %s past the end of the event", moving, out[i].name(i)))
		}
	}
	return out, nil
}

// Move takes the item at from and puts it at to (both indexes in agenda
// order), then packs all items back to back from the earliest start in
// the agenda, each keeping its length. Gaps between items are not kept:
// a coordinator who wants a gap adds a break. Positions are renumbered.
func Move(items []AgendaItem, from, to int) ([]AgendaItem, error) {
	if from < 0 || from >= len(items) || to < 0 || to >= len(items) {
		return nil, hub.Errorf(hub.EInvalid, "Choose an item and a place between 1 and %d.", len(items))
	}
	out := slices.Clone(items)
	moved := out[from]
	out = slices.Delete(out, from, from+1)
	out = slices.Insert(out, to, moved)
	start := items[0].StartsAt
	for _, it := range items {
		if it.StartsAt.Before(start) {
			start = it.StartsAt
		}
	}
	for i := range out {
		length := out[i].EndsAt.Sub(out[i].StartsAt)
		out[i].StartsAt, out[i].EndsAt = start, start.Add(length)
		out[i].Position = i + 1
		start = out[i].EndsAt
	}
	return out, nil
}

// words says how far and which way delta moves things: "30 minutes later",
// "1 hour 15 minutes earlier".
func words(delta time.Duration) string {
	way := "later"
	if delta < 0 {
		way, delta = "earlier", -delta
	}
	h, m := int(delta/time.Hour), int(delta%time.Hour/time.Minute)
	var s string
	switch {
	case h == 0 && m == 0:
		return "by less than a minute"
	case h == 1:
		s = "1 hour"
	case h > 1:
		s = fmt.Sprintf("%d hours", h)
	}
	switch {
	case m == 1:
		s += " 1 minute"
	case m > 1:
		s += fmt.Sprintf(" %d minutes", m)
	}
	return strings.TrimSpace(s) + " " + way
}
