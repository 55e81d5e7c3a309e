package events

import (
	"reflect"
	"strings"
	"testing"
)

// Rules beyond the named frequencies, as Google, Outlook and Apple write
// them, expanded in London across both clock changes of 2027.
func TestRulePartsAsCalendarsWriteThem(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tests := []struct {
		name, rule, first string // first: local start, a 90-minute event
		want              []string
		describe          string
	}{
		{"TuesdaysAndThursdays", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5", "2027-03-23 19:00",
			[]string{"2027-03-23 19:00", "2027-03-25 19:00", "2027-03-30 19:00", "2027-04-01 19:00", "2027-04-06 19:00"},
			"Weekly on Tuesday and Thursday, 5 times"},
		{"OutlookEveryWeekday", "FREQ=WEEKLY;WKST=SU;BYDAY=MO,TU,WE,TH,FR;UNTIL=20271029T230000Z", "2027-10-26 09:30",
			[]string{"2027-10-26 09:30", "2027-10-27 09:30", "2027-10-28 09:30", "2027-10-29 09:30"},
			"Weekly on Monday, Tuesday, Wednesday, Thursday and Friday until 30 October 2027"},
		{"MonthDays", "FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=4", "2027-03-15 18:00",
			[]string{"2027-03-15 18:00", "2027-04-01 18:00", "2027-04-15 18:00", "2027-05-01 18:00"},
			"Monthly on the 1st and the 15th, 4 times"},
		{"LastWeekdayOfMonth", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2027-03-31 16:00",
			[]string{"2027-03-31 16:00", "2027-04-30 16:00", "2027-05-31 16:00"},
			"Monthly on Monday, Tuesday, Wednesday, Thursday and Friday, only the last of those each month, 3 times"},
		{"Yearly", "FREQ=YEARLY;COUNT=4", "2027-03-28 10:00",
			[]string{"2027-03-28 10:00", "2028-03-28 10:00"}, ""}, // refused below: 3 years
		{"YearlyInMarchAndOctober", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=4", "2027-10-31 01:30",
			// 01:30 happens twice on the last Sundays of October (the first
			// is used) and does not exist on those of March (moved to 02:30).
			[]string{"2027-10-31 01:30", "2028-03-26 02:30", "2028-10-29 01:30", "2029-03-25 02:30"},
			"Yearly in March and October on the last Sunday, 4 times"},
		{"EveryThreeWeeks", "FREQ=WEEKLY;INTERVAL=3;COUNT=3", "2027-10-19 19:00",
			[]string{"2027-10-19 19:00", "2027-11-09 19:00", "2027-11-30 19:00"}, "Every 3 weeks, 3 times"},
		{"FifthTuesday", "FREQ=MONTHLY;BYDAY=5TU;COUNT=2", "2027-03-30 19:00",
			[]string{"2027-03-30 19:00", "2027-06-29 19:00"}, "Monthly on the 5th Tuesday, 2 times"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := MustRule(t, tc.rule)
			if r.Frequency != FreqRule || r.Rule == nil {
				t.Fatalf("%q parsed to %+v, want a rule from its parts", tc.rule, r)
			}
			again, err := ParseRule(r.String())
			if err != nil || !reflect.DeepEqual(again, r) {
				t.Errorf("%q does not read back: %+v, %v", r.String(), again, err)
			}
			start := MustTime(t, london, tc.first)
			occ, err := Expand(r, start, start.Add(90*60e9), london)
			if tc.name == "Yearly" {
				WantFields(t, err, map[string]string{"recurrence": "Only 3 of the 4 events fall on or before 28 March 2029, and a series can run for at most 2 years: choose fewer events"})
				return
			}
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			if got := localStarts(occ, london); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
			for i, o := range occ {
				clockChange := tc.name == "YearlyInMarchAndOctober" && i > 0
				if (o.Note != "") != clockChange {
					t.Errorf("occurrence %d: note %q, want one: %v", i, o.Note, clockChange)
				}
			}
			if d := r.Describe(start, london); d != tc.describe {
				t.Errorf("Describe: got %q, want %q", d, tc.describe)
			}
		})
	}
}

func TestRulePartsLimitsSayWhich(t *testing.T) {
	london := MustZone(t, "Europe/London")
	first := MustTime(t, london, "2027-03-23 19:00") // a Tuesday
	for rule, want := range map[string]string{
		"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20281231":         "more than 104 events",
		"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20300101":         "at most 2 years",
		"FREQ=MONTHLY;BYMONTHDAY=23;INTERVAL=13;COUNT=3": "Only 2 of the 3 events",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2":    "gives no dates",
		"FREQ=WEEKLY;BYDAY=WE,TH;COUNT=3":                "the repeat rule’s first date is Wednesday 24 March 2027",
	} {
		r, err := ParseRule(rule)
		if err == nil {
			_, err = Expand(r, first, first.Add(60*60e9), london)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error saying %q", rule, err, want)
		}
	}
}
