package events

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// Frequency is how often a series repeats.
type Frequency string

// Frequencies, in display order.
const (
	FreqWeekly            Frequency = "weekly"              // every week on one weekday
	FreqFortnightly       Frequency = "fortnightly"         // every other week on one weekday
	FreqMonthlyNthWeekday Frequency = "monthly_nth_weekday" // every month on, say, the second Tuesday
	FreqQuarterly         Frequency = "quarterly"           // every 3 months, on a date or an nth weekday
	// FreqDaily is every day (a five-day course). It comes only from an
	// RRULE (FREQ=DAILY), so it is not among AllFrequencies.
	FreqDaily Frequency = "daily"
)

// AllFrequencies lists the frequencies in display order.
func AllFrequencies() []Frequency {
	return []Frequency{FreqWeekly, FreqFortnightly, FreqMonthlyNthWeekday, FreqQuarterly}
}

// Label is the frequency as shown to people.
func (f Frequency) Label() string {
	switch f {
	case FreqWeekly:
		return "Weekly"
	case FreqFortnightly:
		return "Every 2 weeks"
	case FreqMonthlyNthWeekday:
		return "Monthly, on the same weekday"
	case FreqQuarterly:
		return "Every 3 months"
	case FreqDaily:
		return "Daily"
	case FreqRule:
		return "As the repeat rule says"
	}
	return ""
}

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool { return f.Label() != "" }

// monthly reports whether f counts in months rather than weeks.
func (f Frequency) monthly() bool { return f == FreqMonthlyNthWeekday || f == FreqQuarterly }

// Limits on a series.
const (
	MaxOccurrences = 104 // events in one series
	MaxSeriesYears = 2   // from the first event to the last
)

// NthWeekday names the day a series falls on.
type NthWeekday struct {
	// N is which one in the month, 1 to 4 or -1 for the last; 0 in weekly rules.
	N int
	// Weekday is the day of the week.
	Weekday time.Weekday
}

// Recurrence is the rule of a series: how often and how many times. It
// reads and writes the subset of RFC 5545 RRULE that Convene supports.
type Recurrence struct {
	// Frequency is how often the series repeats.
	Frequency Frequency
	// On is the day the series falls on; nil means that of the first event
	// (for quarterly rules: the same day of the month).
	On *NthWeekday
	// Count is the number of events, the first included, 1 to 104; 0 when Until is set.
	Count int
	// Until is the last local date an event may fall on, inclusive; only its
	// date counts. Zero when Count is set.
	Until time.Time
	// UntilUTC is the last instant an event may start at, when the rule
	// gave UNTIL as a UTC date-time (FREQ=WEEKLY;UNTIL=20271115T000000Z),
	// the form RFC 5545 (3.3.10) requires for a start with a time and zone
	// and the one Google, Outlook and Apple write. Zero otherwise; Until
	// is then zero too.
	UntilUTC time.Time
	// Rule is the rule as a calendar wrote it, when Frequency is FreqRule;
	// nil otherwise.
	Rule *RuleParts
}

// until reports whether the rule ends at a date or instant.
func (r Recurrence) hasUntil() bool { return !r.Until.IsZero() || !r.UntilUTC.IsZero() }

// Validate checks that the rule is one Convene can run.
func (r Recurrence) Validate() error {
	switch {
	case !r.Frequency.Valid():
		return ruleError("Choose how often the series repeats: " + oneOf(AllFrequencies()))
	case !r.Until.IsZero() && !r.UntilUTC.IsZero():
		return ruleError("Give one end (UNTIL), not two")
	case r.Count != 0 && r.hasUntil():
		return ruleError("Give either a number of events or an end date, not both")
	case r.Count == 0 && !r.hasUntil():
		return ruleError("Give a number of events or an end date")
	case r.Count < 0 || r.Count > MaxOccurrences:
		return ruleError(fmt.Sprintf("A series can have from 1 to %d events", MaxOccurrences))
	case (r.Frequency == FreqRule) != (r.Rule != nil) || r.Rule != nil && r.On != nil:
		return ruleError("Give the repeat rule as FREQ and its parts")
	case r.Rule != nil:
		return r.Rule.validate()
	case r.On == nil:
		return nil
	case r.Frequency == FreqDaily:
		return ruleError("A daily series repeats every day: leave out BYDAY, or use FREQ=WEEKLY")
	case r.On.Weekday < time.Sunday || r.On.Weekday > time.Saturday:
		return ruleError("Choose a day of the week")
	case !r.Frequency.monthly() && r.On.N != 0:
		return ruleError("A weekly series falls on a weekday, not the nth weekday of a month")
	case r.Frequency.monthly() && !(r.On.N >= 1 && r.On.N <= 4 || r.On.N == -1):
		return ruleError("A monthly series falls on the first, second, third, fourth or last weekday of the month")
	}
	return nil
}

// ruleError is an invalid *hub.Error on the field "recurrence".
func ruleError(why string) error { return hub.FieldError("recurrence", why) }

// weekdayCodes are the RFC 5545 names of the days, indexed by time.Weekday.
var weekdayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// String renders the rule as an RRULE value in a canonical order, such as
// "FREQ=MONTHLY;BYDAY=2TU;COUNT=6". ParseRule reads it back unchanged.
func (r Recurrence) String() string {
	var b strings.Builder
	switch r.Frequency {
	case FreqWeekly:
		b.WriteString("FREQ=WEEKLY")
	case FreqFortnightly:
		b.WriteString("FREQ=WEEKLY;INTERVAL=2")
	case FreqMonthlyNthWeekday:
		b.WriteString("FREQ=MONTHLY")
	case FreqQuarterly:
		b.WriteString("FREQ=MONTHLY;INTERVAL=3")
	case FreqDaily:
		b.WriteString("FREQ=DAILY")
	case FreqRule:
		if r.Rule != nil {
			b.WriteString(r.Rule.string())
		}
	}
	if r.On != nil && r.On.Weekday >= time.Sunday && r.On.Weekday <= time.Saturday {
		b.WriteString(";BYDAY=")
		if r.On.N != 0 {
			b.WriteString(strconv.Itoa(r.On.N))
		}
		b.WriteString(weekdayCodes[r.On.Weekday])
	}
	if r.Count != 0 {
		fmt.Fprintf(&b, ";COUNT=%d", r.Count)
	}
	if !r.Until.IsZero() {
		b.WriteString(";UNTIL=" + r.Until.Format("20060102"))
	}
	if !r.UntilUTC.IsZero() {
		b.WriteString(";UNTIL=" + r.UntilUTC.UTC().Format("20060102T150405Z"))
	}
	return b.String()
}

// Anchor returns the rule with On taken from the first event's local date
// where it was left to it, so that the stored rule says exactly what it
// does (a plain FREQ=MONTHLY means a day of the month to other software).
// Quarterly rules without On stay on the day of the month.
func (r Recurrence) Anchor(first time.Time, loc *time.Location) Recurrence {
	if r.On != nil || r.Rule != nil || r.Frequency == FreqQuarterly || r.Frequency == FreqDaily || !r.Frequency.Valid() {
		return r
	}
	day := inZone(first, loc)
	on := NthWeekday{Weekday: day.Weekday()}
	if r.Frequency.monthly() {
		on.N = nthInMonth(day)
	}
	r.On = &on
	return r
}

// nthInMonth says which of its weekday in the month t's date is: 1 to 4,
// or -1 for a fifth, which some months lack and so is read as the last.
func nthInMonth(t time.Time) int {
	n := (t.Day()-1)/7 + 1
	if n == 5 {
		return -1
	}
	return n
}

// isNth reports whether t's date is the nth (1–4, or -1 for last) of its
// weekday in its month.
func isNth(t time.Time, n int) bool {
	if n == -1 {
		return t.AddDate(0, 0, 7).Month() != t.Month()
	}
	return (t.Day()-1)/7+1 == n
}
