package events

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// ParseLocal reads a date ("2026-03-29") and a 24-hour clock time ("19:00"
// or "9:30") as wall-clock time in loc and returns the instant in UTC.
//
// Around daylight-saving changes a wall time may not exist (clocks go
// forward) or happen twice (clocks go back). A missing time is moved forward
// by the gap; a repeated time means its first occurrence. Either way note
// says, in a sentence for the person who typed it, what was chosen; it is
// empty otherwise. Errors are invalid *hub.Error with fields "date" and
// "time", for the caller to rename to its own form fields.
func ParseLocal(date, clock string, loc *time.Location) (t time.Time, note string, err error) {
	if loc == nil {
		return time.Time{}, "", errors.New("parse local time: no time zone")
	}
	var f hub.FieldErrors
	d, derr := time.Parse(time.DateOnly, strings.TrimSpace(date))
	if derr != nil {
		f.Add("date", "Enter a real date in the form 2026-03-29")
	}
	hour, minute, ok := parseClock(strings.TrimSpace(clock))
	if !ok {
		f.Add("time", "Enter a time on the 24-hour clock, such as 09:30 or 19:00")
	}
	if err := f.Err(); err != nil {
		return time.Time{}, "", err
	}
	wall := time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.UTC)
	t, kind := resolveWall(wall, loc)
	return t.UTC(), wallNote(wall, t, kind, loc), nil
}

// parseClock reads "H:MM" or "HH:MM", 00:00 to 23:59.
func parseClock(s string) (hour, minute int, ok bool) {
	h, m, found := strings.Cut(s, ":")
	if !found || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, 0, false
	}
	hour, okH := digits(h)
	minute, okM := digits(m)
	return hour, minute, okH && okM && hour < 24 && minute < 60
}

// digits reads a short string of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// wallKind says how a wall-clock time maps onto instants.
type wallKind int

const (
	wallExact     wallKind = iota // exactly one instant
	wallGap                       // none: the clocks jumped over it
	wallAmbiguous                 // two: the clocks went back over it
)

// floating returns t's wall clock in loc as a UTC time with the same
// fields, so that wall times can be compared and added to without any
// daylight-saving change getting in the way.
func floating(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// resolveWall finds the instant shown as wall (a floating time) in loc.
// time.Date is not used for this because its choice in gaps and overlaps
// depends on the zone's offsets: it picks the later instant of a repeated
// time in London and shifts a missing time backwards in New York.
func resolveWall(wall time.Time, loc *time.Location) (time.Time, wallKind) {
	// Any offset in force near wall is in force a day either side of it,
	// unless the zone changed twice in two days, which no zone does.
	var fits []time.Time
	for _, probe := range []time.Duration{-24 * time.Hour, 0, 24 * time.Hour} {
		_, offset := wall.Add(probe).In(loc).Zone()
		t := wall.Add(-time.Duration(offset) * time.Second)
		if floating(t, loc).Equal(wall) && !containsInstant(fits, t) {
			fits = append(fits, t)
		}
	}
	switch len(fits) {
	case 0:
		// Read wall with the offset from before the jump: that lands after
		// the jump, as far past it as wall was past the last valid time.
		_, before := wall.Add(-24 * time.Hour).In(loc).Zone()
		return wall.Add(-time.Duration(before) * time.Second).In(loc), wallGap
	case 1:
		return fits[0].In(loc), wallExact
	}
	first := fits[0]
	for _, t := range fits[1:] {
		if t.Before(first) {
			first = t
		}
	}
	return first.In(loc), wallAmbiguous
}

func containsInstant(ts []time.Time, t time.Time) bool {
	for _, u := range ts {
		if u.Equal(t) {
			return true
		}
	}
	return false
}

// wallNote explains how a missing or repeated wall time was resolved.
func wallNote(wall, t time.Time, kind wallKind, loc *time.Location) string {
	t = t.In(loc)
	zone, _ := t.Zone()
	used := t.Format("15:04") + " " + zone
	if floating(t, loc).Format(time.DateOnly) != wall.Format(time.DateOnly) {
		used += " on " + t.Format("2 January 2006")
	}
	day := wall.Format("2 January 2006")
	switch kind {
	case wallGap:
		return fmt.Sprintf("%s does not exist on %s in %s because clocks go forward; we used %s",
			wall.Format("15:04"), day, loc, used)
	case wallAmbiguous:
		return fmt.Sprintf("%s happens twice on %s in %s because clocks go back; we used the first, %s",
			wall.Format("15:04"), day, loc, used)
	}
	return ""
}
