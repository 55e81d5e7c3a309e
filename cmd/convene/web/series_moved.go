package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/events"
)

// MovedJSON is an occurrence of a new series whose local time a clock
// change moved: the time does not exist that day (clocks go forward), so
// it moved forward, or it happens twice (clocks go back), so the first was
// used.
type MovedJSON struct {
	// EventID is the occurrence.
	EventID int64 `json:"event_id"`
	// StartsAt and EndsAt are the times used, with the hub's offset.
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	// Note says what moved and why, in a sentence.
	Note string `json:"note"`
}

// MovedOccurrences lists the occurrences of a series just created whose
// local times a clock change moved. The series is expanded again from its
// first event as CreateEvents did (Expand is a pure function of the rule,
// the first event and the hub's zone), so each note is the one that
// applied to that event.
func MovedOccurrences(rule *events.Recurrence, created []events.Event, loc *time.Location) []MovedJSON {
	if rule == nil || len(created) < 2 || loc == nil {
		return nil
	}
	occ, err := events.Expand(*rule, created[0].StartsAt, created[0].EndsAt, loc)
	if err != nil || len(occ) != len(created) {
		return nil
	}
	var out []MovedJSON
	for i, o := range occ {
		if o.Note == "" {
			continue
		}
		out = append(out, MovedJSON{EventID: created[i].ID, StartsAt: o.StartsAt.In(loc).Format(time.RFC3339),
			EndsAt: o.EndsAt.In(loc).Format(time.RFC3339), Note: o.Note + "."})
	}
	return out
}

// MovedSummary says in a short paragraph which occurrences moved and to
// what, for the confirmation after creating a series (a flash holds at
// most 500 bytes, so past a few it counts the rest).
func MovedSummary(moved []MovedJSON, loc *time.Location) string {
	if len(moved) == 0 {
		return ""
	}
	var parts []string
	for i, m := range moved {
		if i == 4 {
			parts = append(parts, fmt.Sprintf("and %d more", len(moved)-i))
			break
		}
		start, _ := time.Parse(time.RFC3339, m.StartsAt)
		end, _ := time.Parse(time.RFC3339, m.EndsAt)
		start, end = start.In(loc), end.In(loc)
		zs, _ := start.Zone()
		ze, _ := end.Zone()
		parts = append(parts, start.Format("2 Jan 2006")+" now "+start.Format("15:04")+" "+zs+"–"+end.Format("15:04")+" "+ze)
	}
	return fmt.Sprintf("Clock changes moved %d of the events (a time that does not exist moves forward; one that happens twice means the first): %s.",
		len(moved), strings.Join(parts, "; "))
}
