package events

import (
	"errors"
	"fmt"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/convene/convene/hub"
)

// Occurrence is one event of a series.
type Occurrence struct {
	// StartsAt is when the occurrence starts, in UTC.
	StartsAt time.Time
	// EndsAt is when it ends, in UTC.
	EndsAt time.Time
	// Note explains a start or end moved by a daylight-saving change, in a
	// sentence for the coordinator; usually empty.
	Note string
}

// rruleDays are rrule-go's weekdays, indexed by time.Weekday.
var rruleDays = [7]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// Expand lists the events of a series whose first event runs from
// firstStart to firstEnd. Every occurrence keeps the first event's local
// wall-clock start time and length in loc, whatever daylight saving does:
// a weekly 19:00–20:30 meeting stays 19:00–20:30 local all year, so its
// UTC instants move. A wall time that a clock change skips or repeats is
// resolved as ParseLocal does, with a Note. The first occurrence is
// exactly firstStart to firstEnd.
//
// A series has at most 104 events and its last event starts no more than
// 2 years after the first; a rule that goes further is refused rather
// than cut short.
//
// rrule-go builds each date with time.Date in DTSTART's location, which
// picks inconsistently in daylight-saving gaps and overlaps, so it is
// given local dates as floating UTC midnights and only chooses the dates.
func Expand(rule Recurrence, firstStart, firstEnd time.Time, loc *time.Location) ([]Occurrence, error) {
	if loc == nil {
		return nil, errors.New("expand series: no time zone")
	}
	if err := rule.Validate(); err != nil {
		return nil, err
	}
	if !firstEnd.After(firstStart) {
		return nil, hub.FieldError("ends_at", "The end must be after the start")
	}
	startWall, endWall := floating(firstStart, loc), floating(firstEnd, loc)
	firstDay := dateOf(startWall)
	rule = rule.Anchor(firstStart, loc)
	if err := rule.checkFirst(firstDay); err != nil {
		return nil, err
	}
	clock, length := startWall.Sub(firstDay), endWall.Sub(startWall)
	if !rule.UntilUTC.IsZero() {
		// The last day whose start, at the series' local time, is not
		// after the instant.
		rule.Until, rule.UntilUTC = dateOf(floating(rule.UntilUTC, loc).Add(-clock)), time.Time{}
	}
	days, err := rule.days(firstDay)
	if err != nil {
		return nil, err
	}
	if err := rule.checkFirstDate(firstDay, days); err != nil {
		return nil, err
	}
	if length <= 0 {
		// The first event lies within the hour the clocks go back.
		length = firstEnd.Sub(firstStart)
	}
	out := make([]Occurrence, len(days))
	out[0] = Occurrence{StartsAt: firstStart.UTC(), EndsAt: firstEnd.UTC()}
	for i, day := range days[1:] {
		out[i+1] = place(day.Add(clock), length, loc)
	}
	return out, nil
}

// place resolves an occurrence that starts at wall (floating) and lasts
// length of wall-clock time.
func place(wall time.Time, length time.Duration, loc *time.Location) Occurrence {
	start, startKind := resolveWall(wall, loc)
	end, endKind := resolveWall(wall.Add(length), loc)
	if !end.After(start) {
		// A start moved forward out of a gap can pass an end just after it.
		end = start.Add(length)
	}
	note := wallNote(wall, start, startKind, loc)
	if endNote := wallNote(wall.Add(length), end, endKind, loc); endNote != "" {
		if note != "" {
			note += ". "
		}
		note += "For the end time, " + endNote
	}
	return Occurrence{StartsAt: start.UTC(), EndsAt: end.UTC(), Note: note}
}

// dateOf is the date of a floating time, at midnight.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// days lists the local dates of the series as floating UTC midnights.
func (r Recurrence) days(first time.Time) (_ []time.Time, err error) {
	defer func() {
		// rrule-go indexes its tables without checking for some rules
		// that validate refuses; should another slip through, the rule is
		// refused rather than the request failing.
		if recover() != nil {
			err = ruleError("This repeat rule cannot be expanded: simplify it, such as FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10")
		}
	}()
	limit := first.AddDate(MaxSeriesYears, 0, 0)
	if !r.Until.IsZero() {
		until := dateOf(r.Until)
		if until.Before(first) {
			return nil, ruleError(fmt.Sprintf("The series ends on %s, before its first event on %s",
				until.Format("2 January 2006"), first.Format("2 January 2006")))
		}
		if until.After(limit) {
			return nil, ruleError(fmt.Sprintf("A series can run for at most %d years: choose an end date on or before %s",
				MaxSeriesYears, limit.Format("2 January 2006")))
		}
	}
	if err := r.checkMonthDays(first); err != nil {
		return nil, err
	}
	opt := rrule.ROption{Freq: rrule.WEEKLY, Interval: 1, Dtstart: first, Count: r.Count}
	if !r.Until.IsZero() {
		opt.Until = dateOf(r.Until)
	}
	switch r.Frequency {
	case FreqFortnightly:
		opt.Interval = 2
	case FreqMonthlyNthWeekday:
		opt.Freq = rrule.MONTHLY
	case FreqQuarterly:
		opt.Freq, opt.Interval = rrule.MONTHLY, 3
	case FreqDaily:
		opt.Freq = rrule.DAILY
	}
	if r.Rule != nil {
		opt = r.Rule.option()
		opt.Dtstart, opt.Count, opt.Until = first, r.Count, limit
		if !r.Until.IsZero() {
			opt.Until = dateOf(r.Until)
		}
		// The limit on the span bounds rrule-go's search too: a rule whose
		// dates never come (BYMONTH=2;BYMONTHDAY=30) ends there.
	}
	if r.On != nil {
		day := rruleDays[r.On.Weekday]
		if r.On.N != 0 {
			day = day.Nth(r.On.N)
		}
		opt.Byweekday = []rrule.Weekday{day}
	}
	rr, err := rrule.NewRRule(opt)
	if err != nil {
		return nil, fmt.Errorf("expand series %s: %w", r, err)
	}
	var days []time.Time
	for next := rr.Iterator(); ; {
		day, ok := next()
		switch {
		case !ok && r.Rule != nil && len(days) == 0:
			return nil, ruleError(fmt.Sprintf("This repeat rule gives no dates from %s within %d years", first.Format(layoutDate), MaxSeriesYears))
		case !ok && r.Rule != nil && len(days) < r.Count:
			return nil, ruleError(fmt.Sprintf("Only %d of the %d events fall on or before %s, and a series can run for at most %d years: choose fewer events",
				len(days), r.Count, limit.Format("2 January 2006"), MaxSeriesYears))
		case !ok:
			return days, nil
		case len(days) == MaxOccurrences:
			return nil, ruleError(fmt.Sprintf("This series would have more than %d events: choose an earlier end date",
				MaxOccurrences))
		case day.After(limit):
			return nil, ruleError(fmt.Sprintf("%d events would run past %s, and a series can run for at most %d years: choose fewer events",
				r.Count, limit.Format("2 January 2006"), MaxSeriesYears))
		}
		days = append(days, day)
	}
}
