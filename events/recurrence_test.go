package events

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseRule(t *testing.T) {
	tests := []struct {
		name       string
		rule       string
		want       Recurrence
		wantString string // "" when the rule is already canonical
	}{
		{"Weekly", "FREQ=WEEKLY;COUNT=10", Recurrence{Frequency: FreqWeekly, Count: 10}, ""},
		{"FortnightlyUntil", "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261130",
			Recurrence{Frequency: FreqFortnightly, Until: date(2026, 11, 30)}, ""},
		{"MonthlySecondTuesday", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
			Recurrence{Frequency: FreqMonthlyNthWeekday, On: &NthWeekday{N: 2, Weekday: time.Tuesday}, Count: 6}, ""},
		{"MonthlyFromFirstEvent", "FREQ=MONTHLY;COUNT=6", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 6}, ""},
		{"MonthlyLastFriday", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231",
			Recurrence{Frequency: FreqMonthlyNthWeekday, On: &NthWeekday{N: -1, Weekday: time.Friday}, Until: date(2026, 12, 31)}, ""},
		{"Quarterly", "FREQ=MONTHLY;INTERVAL=3;COUNT=4", Recurrence{Frequency: FreqQuarterly, Count: 4}, ""},
		{"QuarterlyNthWeekday", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE;COUNT=4",
			Recurrence{Frequency: FreqQuarterly, On: &NthWeekday{N: 1, Weekday: time.Wednesday}, Count: 4}, ""},
		{"WeeklyOnDay", "FREQ=WEEKLY;BYDAY=TU;COUNT=104",
			Recurrence{Frequency: FreqWeekly, On: &NthWeekday{Weekday: time.Tuesday}, Count: 104}, ""},
		{"WeeklySunday", "FREQ=WEEKLY;BYDAY=SU;COUNT=1",
			Recurrence{Frequency: FreqWeekly, On: &NthWeekday{Weekday: time.Sunday}, Count: 1}, ""},
		{"LowerCaseAndPrefix", " rrule:freq=weekly;count=3 ", Recurrence{Frequency: FreqWeekly, Count: 3}, "FREQ=WEEKLY;COUNT=3"},
		{"AnyOrder", "COUNT=3;INTERVAL=2;FREQ=WEEKLY", Recurrence{Frequency: FreqFortnightly, Count: 3}, "FREQ=WEEKLY;INTERVAL=2;COUNT=3"},
		{"IntervalOne", "FREQ=WEEKLY;INTERVAL=1;COUNT=3", Recurrence{Frequency: FreqWeekly, Count: 3}, "FREQ=WEEKLY;COUNT=3"},
		{"WeekStartMonday", "FREQ=WEEKLY;WKST=MO;COUNT=3", Recurrence{Frequency: FreqWeekly, Count: 3}, "FREQ=WEEKLY;COUNT=3"},
		{"PlusSign", "FREQ=MONTHLY;BYDAY=+2TU;COUNT=6",
			Recurrence{Frequency: FreqMonthlyNthWeekday, On: &NthWeekday{N: 2, Weekday: time.Tuesday}, Count: 6}, "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"},
		{"TrailingSemicolon", "FREQ=WEEKLY;COUNT=3;", Recurrence{Frequency: FreqWeekly, Count: 3}, "FREQ=WEEKLY;COUNT=3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRule(tt.rule)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			want := tt.wantString
			if want == "" {
				want = tt.rule
			}
			if s := got.String(); s != want {
				t.Errorf("String: got %q, want %q", s, want)
			}
			again, err := ParseRule(got.String())
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("round trip: got (%+v, %v), want %+v", again, err, got)
			}
		})
	}
}

func TestParseRuleErrors(t *testing.T) {
	tests := []struct {
		name string
		rule string
		want string // "" for any message
	}{
		{"ErrEmpty", "  ", "Enter a repeat rule, such as FREQ=WEEKLY;COUNT=10"},
		{"ErrNoFreq", "COUNT=5", "Say how often the series repeats, such as FREQ=WEEKLY"},
		{"ErrByHour", "FREQ=WEEKLY;COUNT=5;BYHOUR=9", "BYHOUR is not supported: use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, and COUNT or UNTIL"},
		{"ErrHourly", "FREQ=HOURLY;COUNT=5", ""},
		{"ErrEvery100Weeks", "FREQ=WEEKLY;INTERVAL=100;COUNT=5", "INTERVAL must be a number from 1 to 99"},
		{"ErrMonth13", "FREQ=YEARLY;BYMONTH=13;COUNT=5", "BYMONTH must list months, such as 3,9"},
		{"ErrMonthDayZero", "FREQ=MONTHLY;BYMONTHDAY=0;COUNT=5", ""},
		{"ErrSetPosAlone", "FREQ=MONTHLY;BYSETPOS=1;COUNT=5", "BYSETPOS picks among the days that BYDAY or BYMONTHDAY give: add one of them"},
		{"ErrWeeklyMonthDay", "FREQ=WEEKLY;BYMONTHDAY=3;COUNT=5", ""},
		{"ErrSixthTuesday", "FREQ=MONTHLY;BYDAY=6TU,TH;COUNT=5", "BYDAY can count from 1 to 5, or back from -1 to -5"},
		{"ErrDailyTwoDays", "FREQ=DAILY;BYDAY=TU,TH;COUNT=5", ""},
		{"ErrWeeklyNthTwoDays", "FREQ=WEEKLY;BYDAY=1TU,TH;COUNT=5", ""},
		{"ErrWeeklyNth", "FREQ=WEEKLY;BYDAY=2TU;COUNT=5", "A weekly series falls on a weekday, not the nth weekday of a month"},
		{"ErrBadDay", "FREQ=WEEKLY;BYDAY=XX;COUNT=5", ""},
		{"ErrZeroNth", "FREQ=MONTHLY;BYDAY=0TU;COUNT=5", ""},
		{"ErrCountAndUntil", "FREQ=WEEKLY;COUNT=5;UNTIL=20261130", "Give either a number of events or an end date, not both"},
		{"ErrNeither", "FREQ=WEEKLY", "Give a number of events or an end date"},
		{"ErrCountZero", "FREQ=WEEKLY;COUNT=0", "COUNT must be a number of events from 1 to 104"},
		{"ErrCountTooMany", "FREQ=WEEKLY;COUNT=105", "COUNT must be a number of events from 1 to 104"},
		{"ErrCountHuge", "FREQ=WEEKLY;COUNT=99999999999999999999", ""},
		{"ErrCountNegative", "FREQ=WEEKLY;COUNT=-1", ""},
		{"ErrUntilNoSuchDay", "FREQ=WEEKLY;UNTIL=20260230", ""},
		{"ErrUntilLongAgo", "FREQ=WEEKLY;UNTIL=00010101;COUNT=3", ""},
		{"ErrTooLong", "FREQ=WEEKLY;COUNT=3" + strings.Repeat(";", 200), "This repeat rule is too long: use FREQ, INTERVAL, BYDAY, and COUNT or UNTIL"},
		{"ErrDuplicate", "FREQ=WEEKLY;COUNT=3;COUNT=4", "COUNT is given twice"},
		{"ErrNoValue", "FREQ=WEEKLY;COUNT", ""},
		{"ErrEmptyValue", "FREQ=;COUNT=3", ""},
		{"ErrTwoLines", "DTSTART:20260303T190000Z\nRRULE:FREQ=WEEKLY;COUNT=3", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRule(tt.rule)
			WantFields(t, err, map[string]string{"recurrence": tt.want})
			if !reflect.DeepEqual(got, Recurrence{}) {
				t.Errorf("got %+v with the error, want the zero rule", got)
			}
		})
	}
}

func TestRecurrenceValidate(t *testing.T) {
	tests := []struct {
		name string
		rule Recurrence
		want string // "" when valid
	}{
		{"OK", Recurrence{Frequency: FreqWeekly, Count: 3}, ""},
		{"ErrNoFrequency", Recurrence{Count: 3}, "Choose how often the series repeats: weekly, fortnightly, monthly_nth_weekday or quarterly"},
		{"ErrNegativeCount", Recurrence{Frequency: FreqWeekly, Count: -1}, "A series can have from 1 to 104 events"},
		{"ErrBadWeekday", Recurrence{Frequency: FreqWeekly, Count: 3, On: &NthWeekday{Weekday: 7}}, "Choose a day of the week"},
		{"ErrMonthlyNoNth", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 3, On: &NthWeekday{Weekday: time.Monday}},
			"A monthly series falls on the first, second, third, fourth or last weekday of the month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want map[string]string
			if tt.want != "" {
				want = map[string]string{"recurrence": tt.want}
			}
			WantFields(t, tt.rule.Validate(), want)
		})
	}
}

func TestAnchor(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tests := []struct {
		name  string
		rule  Recurrence
		first string // local
		want  string
	}{
		{"MonthlySecondTuesday", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 6}, "2026-03-10 19:00", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"},
		{"MonthlyFourthIsNotLast", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 6}, "2026-03-24 19:00", "FREQ=MONTHLY;BYDAY=4TU;COUNT=6"},
		{"MonthlyFifthBecomesLast", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 6}, "2026-03-31 19:00", "FREQ=MONTHLY;BYDAY=-1TU;COUNT=6"},
		{"Weekly", Recurrence{Frequency: FreqWeekly, Count: 6}, "2026-03-05 19:00", "FREQ=WEEKLY;BYDAY=TH;COUNT=6"},
		{"LocalDateNotUTC", Recurrence{Frequency: FreqWeekly, Count: 6}, "2026-07-15 00:30", "FREQ=WEEKLY;BYDAY=WE;COUNT=6"},
		{"QuarterlyKeepsDayOfMonth", Recurrence{Frequency: FreqQuarterly, Count: 4}, "2026-03-10 19:00", "FREQ=MONTHLY;INTERVAL=3;COUNT=4"},
		{"ExplicitDayKept", Recurrence{Frequency: FreqMonthlyNthWeekday, Count: 6, On: &NthWeekday{N: 1, Weekday: time.Monday}},
			"2026-03-10 19:00", "FREQ=MONTHLY;BYDAY=1MO;COUNT=6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.Anchor(MustTime(t, london, tt.first), london).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tuesday := MustTime(t, london, "2026-03-10 19:00") // second Tuesday
	tests := []struct {
		name  string
		rule  string
		first time.Time
		want  string
	}{
		{"Fortnightly", "FREQ=WEEKLY;INTERVAL=2;COUNT=10", tuesday, "Every 2 weeks on Tuesday, 10 times"},
		{"MonthlyUntil", "FREQ=MONTHLY;UNTIL=20261130", tuesday, "Monthly on the second Tuesday until 30 November 2026"},
		{"Weekly", "FREQ=WEEKLY;COUNT=1", tuesday, "Weekly on Tuesday, once"},
		{"WeeklyExplicitDay", "FREQ=WEEKLY;BYDAY=TU;COUNT=2", tuesday, "Weekly on Tuesday, 2 times"},
		{"MonthlyLast", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", tuesday, "Monthly on the last Friday, 6 times"},
		{"QuarterlyDay", "FREQ=MONTHLY;INTERVAL=3;COUNT=4", tuesday, "Every 3 months on the 10th, 4 times"},
		{"QuarterlyFirst", "FREQ=MONTHLY;INTERVAL=3;COUNT=4", MustTime(t, london, "2026-03-01 10:00"), "Every 3 months on the 1st, 4 times"},
		{"QuarterlyWeekday", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4", tuesday, "Every 3 months on the second Tuesday, 4 times"},
		{"LocalDay", "FREQ=WEEKLY;COUNT=3", MustUTC(t, "2026-07-14 23:30"), "Weekly on Wednesday, 3 times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule, err := ParseRule(tt.rule)
			if err != nil {
				t.Fatalf("parse %q: %v", tt.rule, err)
			}
			if got := rule.Describe(tt.first, london); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th",
		13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 28: "28th", 31: "31st"} {
		t.Run(want, func(t *testing.T) {
			if got := ordinal(n); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
