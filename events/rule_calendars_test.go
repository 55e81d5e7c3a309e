package events

import (
	"strings"
	"testing"
)

// Rules as Google, Outlook and Apple export them.
func TestRulesAsCalendarsWriteThem(t *testing.T) {
	london := MustZone(t, "Europe/London")
	first, end := MustTime(t, london, "2026-09-01 19:00"), MustTime(t, london, "2026-09-01 20:30") // a Tuesday, BST
	tests := []struct {
		name, rule string
		want       int
		last       string // local start of the last occurrence
	}{
		// UNTIL as a UTC date-time: 2026-11-17 00:00Z is before that day's
		// 19:00, so the last is 10 November, after the clocks go back.
		{"UntilUTC", "FREQ=WEEKLY;UNTIL=20261117T000000Z", 11, "2026-11-10 19:00"},
		// Exactly the last start (19:00 GMT is 19:00Z) counts.
		{"UntilUTCExactStart", "FREQ=WEEKLY;UNTIL=20261110T190000Z", 11, "2026-11-10 19:00"},
		{"UntilDateLenient", "FREQ=WEEKLY;UNTIL=20261110", 11, "2026-11-10 19:00"},
		{"WeekStartSunday", "FREQ=WEEKLY;WKST=SU;COUNT=3", 3, "2026-09-15 19:00"},
		{"GoogleExport", "RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20261117T000000Z;BYDAY=TU", 11, "2026-11-10 19:00"},
		{"DailyCourse", "FREQ=DAILY;COUNT=5", 5, "2026-09-05 19:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseRule(tc.rule)
			if err != nil {
				t.Fatalf("ParseRule(%q): %v", tc.rule, err)
			}
			occ, err := Expand(r, first, end, london)
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			if len(occ) != tc.want {
				t.Fatalf("got %d occurrences, want %d", len(occ), tc.want)
			}
			if got := occ[len(occ)-1].StartsAt.In(london).Format("2006-01-02 15:04"); got != tc.last {
				t.Errorf("last starts %s, want %s", got, tc.last)
			}
			again, err := ParseRule(r.String())
			if err != nil || again.String() != r.String() {
				t.Errorf("%q does not read back: %q, %v", r.String(), again.String(), err)
			}
		})
	}
	if d := MustRule(t, "FREQ=DAILY;COUNT=5").Describe(first, london); d != "Daily, 5 times" {
		t.Errorf("Describe: got %q, want \"Daily, 5 times\"", d)
	}
}

func TestRuleLimitsSayWhich(t *testing.T) {
	london := MustZone(t, "Europe/London")
	first, end := MustTime(t, london, "2026-09-01 19:00"), MustTime(t, london, "2026-09-01 20:30")
	for rule, want := range map[string]string{
		"FREQ=DAILY;UNTIL=20271231T000000Z":  "more than 104 events",
		"FREQ=DAILY;BYDAY=TU;COUNT=3":        "daily series",
		"FREQ=WEEKLY;UNTIL=20290101T000000Z": "at most 2 years",
		"FREQ=WEEKLY;WKST=XX;COUNT=3":        "WKST",
	} {
		r, err := ParseRule(rule)
		if err == nil {
			_, err = Expand(r, first, end, london)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error saying %q", rule, err, want)
		}
	}
}
