package events

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/convene/convene/hub"
)

// FreqRule marks a series that repeats as its RRULE says, beyond the
// named frequencies: two days a week (BYDAY=TU,TH), days of the month
// (BYMONTHDAY), the nth of a set (BYSETPOS), FREQ=YEARLY, other
// intervals. It comes only from an RRULE; Recurrence.Rule holds it.
const FreqRule Frequency = "rule"

// RuleParts is a repeat rule as calendars write it, for what the named
// frequencies do not cover. rrule-go expands it; the series limits
// (MaxOccurrences, MaxSeriesYears) apply as to any other.
type RuleParts struct {
	// Freq is DAILY, WEEKLY, MONTHLY or YEARLY.
	Freq string
	// Interval is every how many of Freq, 1 to 99.
	Interval int
	// ByDay are the days, with which one in the month or year (N) where
	// Freq is MONTHLY or YEARLY; in weekday order.
	ByDay []NthWeekday
	// ByMonthDay are days of the month, 1 to 31 or -31 to -1 from the
	// end; sorted.
	ByMonthDay []int
	// ByMonth are months, 1 to 12; sorted.
	ByMonth []int
	// BySetPos picks among the dates the other parts give in each period:
	// 1 the first, -1 the last; sorted.
	BySetPos []int
}

// rruleFreqs are the frequencies a RuleParts may have.
var rruleFreqs = map[string]rrule.Frequency{"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY, "YEARLY": rrule.YEARLY}

// usesRuleParts reports whether an RRULE's parts need RuleParts rather
// than a named frequency.
func usesRuleParts(parts map[string]string) bool {
	freq, interval, byday := parts["FREQ"], parts["INTERVAL"], parts["BYDAY"]
	switch {
	case parts["BYMONTHDAY"] != "" || parts["BYSETPOS"] != "" || parts["BYMONTH"] != "" || freq == "YEARLY":
		return true
	case strings.Contains(byday, ","):
		return true
	case interval != "" && interval != "1" && !(freq == "WEEKLY" && interval == "2") && !(freq == "MONTHLY" && interval == "3"):
		return true
	case freq == "MONTHLY" && byday != "":
		on, ok := parseByDay(byday)
		return ok && !(on.N >= 1 && on.N <= 4 || on.N == -1)
	}
	return false
}

// parseRuleParts reads an RRULE that usesRuleParts. A rule that turns out
// to be a named frequency (BYDAY=TU,TU) is returned as one, so that every
// rule has one canonical form.
func parseRuleParts(keys []string, parts map[string]string) (Recurrence, error) {
	p := RuleParts{Freq: parts["FREQ"], Interval: 1}
	r := Recurrence{Frequency: FreqRule, Rule: &p}
	for _, key := range keys {
		value := parts[key]
		var err error
		switch key {
		case "FREQ":
			if _, ok := rruleFreqs[value]; !ok {
				err = ruleError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
			}
		case "INTERVAL":
			n, ok := digits(value)
			if !ok || len(value) > 2 || n < 1 {
				err = ruleError("INTERVAL must be a number from 1 to 99")
			}
			p.Interval = n
		case "BYDAY":
			for _, code := range strings.Split(value, ",") {
				on, ok := parseByDay(code)
				if !ok {
					return Recurrence{}, ruleError("BYDAY must list days, such as TU,TH, or for a monthly series which ones, such as 2TU or -1FR")
				}
				p.ByDay = append(p.ByDay, on)
			}
		case "BYMONTHDAY":
			p.ByMonthDay, err = parseNumbers(key, value, 31, "days of the month, such as 1,15 or -1 for the last")
		case "BYMONTH":
			p.ByMonth, err = parseNumbers(key, value, 12, "months, such as 3,9")
			if err == nil && slices.Min(p.ByMonth) < 1 {
				err = ruleError("BYMONTH must list months from 1 to 12")
			}
		case "BYSETPOS":
			p.BySetPos, err = parseNumbers(key, value, 366, "positions, such as 1 for the first or -1 for the last")
		default: // COUNT, UNTIL, WKST, and what is not supported
			err = r.set(key, value, "")
		}
		if err != nil {
			return Recurrence{}, err
		}
	}
	p.normalise()
	if err := r.Validate(); err != nil {
		return Recurrence{}, err
	}
	if simple, err := parseNamed(r.String()); err == nil {
		return simple, nil
	}
	return r, nil
}

// parseNumbers reads a comma-separated list of non-zero numbers from
// -limit to limit.
func parseNumbers(key, value string, limit int, what string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(value, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 || n < -limit || n > limit || len(s) > 4 {
			return nil, ruleError(fmt.Sprintf("%s must list %s", key, what))
		}
		out = append(out, n)
	}
	return out, nil
}

// normalise sorts the parts and drops repeats.
func (p *RuleParts) normalise() {
	for _, list := range []*[]int{&p.ByMonthDay, &p.ByMonth, &p.BySetPos} {
		slices.Sort(*list)
		*list = slices.Compact(*list)
	}
	slices.SortFunc(p.ByDay, func(a, b NthWeekday) int {
		if a.Weekday != b.Weekday {
			return int(a.Weekday) - int(b.Weekday)
		}
		return a.N - b.N
	})
	p.ByDay = slices.Compact(p.ByDay)
}

// validate checks what RFC 5545 allows and rrule-go runs.
func (p RuleParts) validate() error {
	_, ok := rruleFreqs[p.Freq]
	switch {
	case !ok:
		return ruleError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
	case p.Interval < 1 || p.Interval > 99:
		return ruleError("INTERVAL must be a number from 1 to 99")
	case p.Freq == "DAILY" && len(p.ByDay) > 0:
		return ruleError("A daily series repeats every day: leave out BYDAY, or use FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
	case p.Freq == "WEEKLY" && len(p.ByMonthDay) > 0:
		return ruleError("A weekly series falls on days of the week: leave out BYMONTHDAY, or use FREQ=MONTHLY")
	case len(p.BySetPos) > 0 && len(p.ByDay)+len(p.ByMonthDay)+len(p.ByMonth) == 0:
		return ruleError("BYSETPOS picks among the days that BYDAY or BYMONTHDAY give: add one of them")
	}
	for _, on := range p.ByDay {
		limit := map[string]int{"MONTHLY": 5, "YEARLY": 53}[p.Freq]
		if p.Freq == "YEARLY" && len(p.ByMonth) > 0 {
			// Counted within each month then (and rrule-go indexes past
			// the year's end beyond 5).
			limit = 5
		}
		switch {
		case on.Weekday < time.Sunday || on.Weekday > time.Saturday:
			return ruleError("Choose a day of the week")
		case on.N != 0 && limit == 0:
			return ruleError("A weekly series falls on a weekday, not the nth weekday of a month")
		case on.N < -limit || on.N > limit:
			return ruleError(fmt.Sprintf("BYDAY can count from 1 to %d, or back from -1 to -%d", limit, limit))
		}
	}
	for _, list := range [][]int{p.ByMonthDay, p.ByMonth, p.BySetPos} {
		for _, n := range list {
			if n == 0 || n < -366 || n > 366 {
				return ruleError("Numbers in a repeat rule may not be zero")
			}
		}
	}
	for _, m := range p.ByMonth {
		if m < 1 || m > 12 {
			return ruleError("BYMONTH must list months from 1 to 12")
		}
	}
	for _, d := range p.ByMonthDay {
		if d < -31 || d > 31 {
			return ruleError("BYMONTHDAY must list days from 1 to 31, or -1 to -31 from the end")
		}
	}
	return nil
}

// string renders the parts in canonical order, without COUNT or UNTIL.
func (p RuleParts) string() string {
	var b strings.Builder
	b.WriteString("FREQ=" + p.Freq)
	if p.Interval > 1 {
		fmt.Fprintf(&b, ";INTERVAL=%d", p.Interval)
	}
	list := func(key string, ns []int) {
		if len(ns) == 0 {
			return
		}
		s := make([]string, len(ns))
		for i, n := range ns {
			s[i] = strconv.Itoa(n)
		}
		b.WriteString(";" + key + "=" + strings.Join(s, ","))
	}
	list("BYMONTH", p.ByMonth)
	list("BYMONTHDAY", p.ByMonthDay)
	if len(p.ByDay) > 0 {
		s := make([]string, len(p.ByDay))
		for i, on := range p.ByDay {
			s[i] = weekdayCodes[on.Weekday]
			if on.N != 0 {
				s[i] = strconv.Itoa(on.N) + s[i]
			}
		}
		b.WriteString(";BYDAY=" + strings.Join(s, ","))
	}
	list("BYSETPOS", p.BySetPos)
	return b.String()
}

// option is the rule for rrule-go.
func (p RuleParts) option() rrule.ROption {
	opt := rrule.ROption{Freq: rruleFreqs[p.Freq], Interval: p.Interval, Bymonth: p.ByMonth, Bymonthday: p.ByMonthDay, Bysetpos: p.BySetPos}
	for _, on := range p.ByDay {
		day := rruleDays[on.Weekday]
		if on.N != 0 {
			day = day.Nth(on.N)
		}
		opt.Byweekday = append(opt.Byweekday, day)
	}
	return opt
}

// describe says the parts in words, such as "Weekly on Tuesday and
// Thursday" or "Monthly on the 1st and 15th".
func (p RuleParts) describe() string {
	unit := map[string]string{"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[p.Freq]
	s := map[string]string{"DAILY": "Daily", "WEEKLY": "Weekly", "MONTHLY": "Monthly", "YEARLY": "Yearly"}[p.Freq]
	if p.Interval > 1 {
		s = fmt.Sprintf("Every %d %ss", p.Interval, unit)
	}
	if len(p.ByMonth) > 0 {
		var months []string
		for _, m := range p.ByMonth {
			months = append(months, time.Month(m).String())
		}
		s += " in " + andList(months)
	}
	var on []string
	for _, d := range p.ByMonthDay {
		if d < 0 {
			on = append(on, map[bool]string{true: "the last day", false: "the " + ordinal(-d) + " day from the end"}[d == -1])
		} else {
			on = append(on, "the "+ordinal(d))
		}
	}
	for _, d := range p.ByDay {
		switch {
		case d.N == 0:
			on = append(on, d.Weekday.String())
		case nthWords[d.N] != "":
			on = append(on, "the "+nthWords[d.N]+" "+d.Weekday.String())
		case d.N < 0:
			on = append(on, "the "+ordinal(-d.N)+" last "+d.Weekday.String())
		default:
			on = append(on, "the "+ordinal(d.N)+" "+d.Weekday.String())
		}
	}
	if len(on) > 0 {
		s += " on " + andList(on)
	}
	if len(p.BySetPos) > 0 {
		var pos []string
		for _, n := range p.BySetPos {
			pos = append(pos, map[bool]string{true: "last", false: ordinal(-n) + " last"}[n == -1])
			if n > 0 {
				pos[len(pos)-1] = ordinal(n)
			}
		}
		s += ", only the " + andList(pos) + " of those each " + unit
	}
	return s
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// checkFirstDate refuses a rule from RuleParts whose first date is not the
// first event's: RFC 5545 counts DTSTART as the first occurrence, while
// rrule-go starts at the first date that matches.
func (r Recurrence) checkFirstDate(first time.Time, days []time.Time) error {
	if r.Rule == nil {
		return nil
	}
	if len(days) == 0 {
		return ruleError(fmt.Sprintf("This repeat rule gives no dates from %s within %d years", first.Format(layoutDate), MaxSeriesYears))
	}
	if !days[0].Equal(first) {
		return hub.FieldError("starts_at", fmt.Sprintf("The first event is on %s, but the repeat rule’s first date is %s: start the series on a date the rule gives",
			first.Format(layoutDate), days[0].Format(layoutDate)))
	}
	return nil
}
