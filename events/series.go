package events

import (
	"errors"
	"fmt"
	"time"

	"github.com/convene/convene/hub"
)

// checkFirst refuses a rule whose day the first event does not fall on:
// rrule-go would silently start the series at the next matching date.
func (r Recurrence) checkFirst(first time.Time) error {
	if r.On == nil {
		return nil
	}
	date := first.Format(layoutDate)
	if first.Weekday() != r.On.Weekday {
		return hub.FieldError("starts_at", fmt.Sprintf("The first event is on %s, but the series repeats on %ss: start it on a %s",
			date, r.On.Weekday, r.On.Weekday))
	}
	if r.On.N != 0 && !isNth(first, r.On.N) {
		return hub.FieldError("starts_at", fmt.Sprintf("The first event is on %s, but the series repeats on the %s %s of the month: start it on one of those days",
			date, nthWords[r.On.N], r.On.Weekday))
	}
	return nil
}

// checkMonthDays refuses a quarterly series on the 29th, 30th or 31st that
// reaches a month without that day: RFC 5545 skips such months, which
// would silently leave a 6-month gap.
func (r Recurrence) checkMonthDays(first time.Time) error {
	if r.Frequency != FreqQuarterly || r.On != nil || first.Day() <= 28 {
		return nil
	}
	for k := 1; k < MaxOccurrences && (r.Count == 0 || k < r.Count); k++ {
		month := time.Date(first.Year(), first.Month()+time.Month(3*k), 1, 0, 0, 0, 0, time.UTC)
		last := month.AddDate(0, 1, -1)
		if !r.Until.IsZero() && month.AddDate(0, 0, min(first.Day(), last.Day())-1).After(dateOf(r.Until)) {
			return nil
		}
		if last.Day() < first.Day() {
			return hub.FieldError("starts_at", fmt.Sprintf("There is no %d %s, so a series every 3 months on the %s would skip it: "+
				"start on the 28th or earlier, or repeat on a weekday such as the last %s",
				first.Day(), month.Format("January 2006"), ordinal(first.Day()), first.Weekday()))
		}
	}
	return nil
}

// ShiftFollowing applies an edit of occurrence from, "this and all
// following", to a series: occurrence from moves to newStart–newEnd, and
// every later occurrence moves to the new local time of day, keeps the new
// local length, and moves by as many days as occurrence from did (moving
// Tuesday 19:00 to Wednesday 18:30 moves each later one to its Wednesday
// at 18:30). It works on local dates and times, never a fixed UTC offset,
// so the edit means the same on both sides of a clock change. Earlier
// occurrences are unchanged; the input is not modified.
func ShiftFollowing(occurrences []Occurrence, from int, newStart, newEnd time.Time, loc *time.Location) ([]Occurrence, error) {
	switch {
	case loc == nil:
		return nil, errors.New("shift series: no time zone")
	case from < 0 || from >= len(occurrences):
		return nil, hub.Errorf(hub.EInvalid, "There is no occurrence %d in this series.", from+1)
	case !newEnd.After(newStart):
		return nil, hub.FieldError("ends_at", "The end must be after the start")
	}
	newWall := floating(newStart, loc)
	newDay, oldDay := dateOf(newWall), dateOf(floating(occurrences[from].StartsAt, loc))
	// Floating days are exactly 24 hours long.
	days := int(newDay.Sub(oldDay) / (24 * time.Hour))
	clock, length := newWall.Sub(newDay), floating(newEnd, loc).Sub(newWall)
	if length <= 0 {
		length = newEnd.Sub(newStart)
	}
	out := make([]Occurrence, len(occurrences))
	copy(out, occurrences)
	out[from] = Occurrence{StartsAt: newStart.UTC(), EndsAt: newEnd.UTC()}
	for i := from + 1; i < len(out); i++ {
		day := dateOf(floating(occurrences[i].StartsAt, loc)).AddDate(0, 0, days)
		out[i] = place(day.Add(clock), length, loc)
	}
	return out, nil
}
