package events

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseRule reads an RFC 5545 RRULE value, such as "FREQ=WEEKLY;COUNT=10",
// "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261130", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"
// or "FREQ=MONTHLY;INTERVAL=3;COUNT=4". It accepts only what Convene can
// run: FREQ WEEKLY (INTERVAL 1 or 2) or MONTHLY (INTERVAL 1 or 3), at most
// one BYDAY, and COUNT or a date-only UNTIL. Anything else is an invalid
// *hub.Error on the field "recurrence". A plain FREQ=MONTHLY means the same
// nth weekday as the first event (see Anchor).
//
// Rules as calendars write them beyond that (BYDAY=TU,TH, BYMONTHDAY,
// BYMONTH, BYSETPOS, FREQ=YEARLY, other intervals) are read into
// Recurrence.Rule; see RuleParts.
func ParseRule(rule string) (Recurrence, error) { return parseRule(rule, true) }

// parseNamed reads an RRULE only as one of the named frequencies.
func parseNamed(rule string) (Recurrence, error) { return parseRule(rule, false) }

func parseRule(rule string, general bool) (Recurrence, error) {
	rule = strings.ToUpper(strings.TrimSpace(rule))
	rule = strings.TrimPrefix(rule, "RRULE:")
	switch {
	case rule == "":
		return Recurrence{}, ruleError("Enter a repeat rule, such as FREQ=WEEKLY;COUNT=10")
	case len(rule) > 200:
		return Recurrence{}, ruleError("This repeat rule is too long: use FREQ, INTERVAL, BYDAY, and COUNT or UNTIL")
	}
	var keys []string
	parts := map[string]string{}
	for _, part := range strings.Split(rule, ";") {
		if part == "" {
			continue
		}
		key, value, ok := strings.Cut(part, "=")
		switch {
		case !ok || value == "":
			return Recurrence{}, ruleError(fmt.Sprintf("%q should be NAME=VALUE, such as COUNT=10", clip(part)))
		case parts[key] != "":
			return Recurrence{}, ruleError(fmt.Sprintf("%s is given twice", clip(key)))
		}
		keys = append(keys, key)
		parts[key] = value
	}
	if general && usesRuleParts(parts) {
		return parseRuleParts(keys, parts)
	}
	var r Recurrence
	for _, key := range keys {
		if err := r.set(key, parts[key], parts["INTERVAL"]); err != nil {
			return Recurrence{}, err
		}
	}
	if parts["FREQ"] == "" {
		return Recurrence{}, ruleError("Say how often the series repeats, such as FREQ=WEEKLY")
	}
	if err := r.Validate(); err != nil {
		return Recurrence{}, err
	}
	return r, nil
}

// set applies one NAME=VALUE of an RRULE.
func (r *Recurrence) set(key, value, interval string) error {
	switch key {
	case "FREQ":
		freqs := map[string]Frequency{"WEEKLY": FreqWeekly, "WEEKLY;2": FreqFortnightly,
			"MONTHLY": FreqMonthlyNthWeekday, "MONTHLY;3": FreqQuarterly, "DAILY": FreqDaily}
		if interval != "" && interval != "1" {
			value += ";" + interval
		}
		f, ok := freqs[value]
		if !ok {
			return ruleError("A series can repeat every day (FREQ=DAILY), every week (FREQ=WEEKLY), every 2 weeks (FREQ=WEEKLY;INTERVAL=2), " +
				"every month (FREQ=MONTHLY) or every 3 months (FREQ=MONTHLY;INTERVAL=3)")
		}
		r.Frequency = f
	case "INTERVAL":
		// Read with FREQ.
	case "COUNT":
		n, ok := digits(value)
		if !ok || len(value) > 3 || n < 1 || n > MaxOccurrences {
			return ruleError(fmt.Sprintf("COUNT must be a number of events from 1 to %d", MaxOccurrences))
		}
		r.Count = n
	case "UNTIL":
		// The UTC date-time form is what RFC 5545 requires here and what
		// calendars export; the date-only form is accepted leniently.
		if t, err := time.Parse("20060102T150405Z", value); err == nil && t.Year() >= 2000 {
			r.UntilUTC = t
			return nil
		}
		d, err := time.Parse("20060102", value)
		if err != nil || d.Year() < 2000 {
			return ruleError("UNTIL must be the last start as a UTC date-time, such as 20261130T235959Z, or the date of the last event, such as 20261130")
		}
		r.Until = d
	case "BYDAY":
		on, ok := parseByDay(value)
		if !ok {
			return ruleError("BYDAY must be one day, such as TU, or for a monthly series which one, such as 2TU or -1FR")
		}
		r.On = &on
	case "WKST":
		// Google and Outlook add WKST=SU. With one day a week it changes
		// nothing, so any day is accepted and the rule is stored without it.
		if _, ok := parseByDay(value); !ok || len(value) != 2 {
			return ruleError("WKST must be a day, such as MO or SU")
		}
	default:
		return ruleError(fmt.Sprintf("%s is not supported: use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, and COUNT or UNTIL", clip(key)))
	}
	return nil
}

// parseByDay reads "TU", "2TU", "+2TU" or "-1TU".
func parseByDay(s string) (NthWeekday, bool) {
	if len(s) < 2 || len(s) > 4 {
		return NthWeekday{}, false
	}
	code, num := s[len(s)-2:], s[:len(s)-2]
	var on NthWeekday
	found := false
	for day, c := range weekdayCodes {
		if c == code {
			on.Weekday, found = time.Weekday(day), true
		}
	}
	if num != "" {
		n, err := strconv.Atoi(num)
		if err != nil || n == 0 {
			return NthWeekday{}, false
		}
		on.N = n
	}
	return on, found
}

// clip shortens text echoed back in an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}

// Describe says the rule in words, such as "Every 2 weeks on Tuesday, 10
// times" or "Monthly on the second Tuesday until 30 November 2026".
func (r Recurrence) Describe(first time.Time, loc *time.Location) string {
	r = r.Anchor(first, loc)
	var on string
	switch {
	case r.Rule != nil:
		on = r.Rule.describe()
	case r.On != nil && r.Frequency.monthly():
		on = "the " + nthWords[r.On.N] + " " + r.On.Weekday.String()
	case r.On != nil:
		on = r.On.Weekday.String()
	default:
		on = "the " + ordinal(inZone(first, loc).Day())
	}
	how := map[Frequency]string{FreqWeekly: "Weekly", FreqFortnightly: "Every 2 weeks",
		FreqMonthlyNthWeekday: "Monthly", FreqQuarterly: "Every 3 months", FreqDaily: "Daily"}[r.Frequency]
	s := how + " on " + on
	switch {
	case r.Frequency == FreqDaily:
		s = how
	case r.Rule != nil:
		s = on
	}
	switch {
	case r.Count == 1:
		s += ", once"
	case r.Count > 1:
		s += fmt.Sprintf(", %d times", r.Count)
	case !r.Until.IsZero():
		s += " until " + r.Until.Format("2 January 2006")
	case !r.UntilUTC.IsZero():
		s += " until " + inZone(r.UntilUTC, loc).Format("2 January 2006")
	}
	return s
}

// nthWords names which weekday of the month.
var nthWords = map[int]string{1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

// ordinal renders a day of the month: 1st, 2nd, 3rd, 4th, 11th, 22nd.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
