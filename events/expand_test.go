package events

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// MustRule parses an RRULE or stops the test.
func MustRule(tb testing.TB, s string) Recurrence {
	tb.Helper()
	r, err := ParseRule(s)
	if err != nil {
		tb.Fatalf("parse rule %q: %v", s, err)
	}
	return r
}

// MustExpand expands a rule whose first event runs from start to end,
// both local "2006-01-02 15:04" in loc, or stops the test.
func MustExpand(tb testing.TB, rule, start, end string, loc *time.Location) []Occurrence {
	tb.Helper()
	occ, err := Expand(MustRule(tb, rule), MustTime(tb, loc, start), MustTime(tb, loc, end), loc)
	if err != nil {
		tb.Fatalf("expand %q: %v", rule, err)
	}
	return occ
}

// localStarts renders each occurrence's local start as "2006-01-02 15:04".
func localStarts(occ []Occurrence, loc *time.Location) []string {
	out := make([]string, len(occ))
	for i, o := range occ {
		out[i] = o.StartsAt.In(loc).Format("2006-01-02 15:04")
	}
	return out
}

func TestExpandWeeklyKeepsLocalTimeAcrossDST(t *testing.T) {
	london := MustZone(t, "Europe/London")
	occ := MustExpand(t, "FREQ=WEEKLY;UNTIL=20261117", "2026-03-03 19:00", "2026-03-03 20:30", london)
	if len(occ) != 38 {
		t.Fatalf("got %d occurrences, want 38 Tuesdays from 3 March to 17 November", len(occ))
	}
	for i, o := range occ {
		start, end := o.StartsAt.In(london), o.EndsAt.In(london)
		wantDay := time.Date(2026, 3, 3+7*i, 0, 0, 0, 0, time.UTC)
		if y, m, d := start.Date(); y != wantDay.Year() || m != wantDay.Month() || d != wantDay.Day() {
			t.Errorf("occurrence %d: got date %v, want %v", i, start.Format(time.DateOnly), wantDay.Format(time.DateOnly))
		}
		if got := FormatRange(start, end, london); got != "19:00–20:30" {
			t.Errorf("occurrence %d on %s: got %s local, want 19:00–20:30", i, FormatDate(start, london), got)
		}
		wantUTCHour := 18 // BST
		if start.Before(MustUTC(t, "2026-03-29 01:00")) || start.After(MustUTC(t, "2026-10-25 01:00")) {
			wantUTCHour = 19 // GMT
		}
		if o.StartsAt.Location() != time.UTC || o.StartsAt.Hour() != wantUTCHour || o.EndsAt.Sub(o.StartsAt) != 90*time.Minute {
			t.Errorf("occurrence %d: got %v–%v, want UTC from %02d:00 for 90 minutes", i, o.StartsAt, o.EndsAt, wantUTCHour)
		}
		if o.Note != "" {
			t.Errorf("occurrence %d: got note %q, want none", i, o.Note)
		}
	}
}

func TestExpand(t *testing.T) {
	london, newYork := MustZone(t, "Europe/London"), MustZone(t, "America/New_York")
	tests := []struct {
		name       string
		rule       string
		start, end string
		loc        *time.Location
		want       []string // local starts
	}{
		{"Fortnightly", "FREQ=WEEKLY;INTERVAL=2;COUNT=4", "2026-03-17 10:00", "2026-03-17 12:00", london,
			[]string{"2026-03-17 10:00", "2026-03-31 10:00", "2026-04-14 10:00", "2026-04-28 10:00"}},
		{"MonthlyDerivedSecondTuesday", "FREQ=MONTHLY;COUNT=6", "2026-03-10 19:00", "2026-03-10 20:30", london,
			[]string{"2026-03-10 19:00", "2026-04-14 19:00", "2026-05-12 19:00", "2026-06-09 19:00", "2026-07-14 19:00", "2026-08-11 19:00"}},
		{"MonthlyExplicitSecondTuesday", "FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "2026-03-10 19:00", "2026-03-10 20:30", london,
			[]string{"2026-03-10 19:00", "2026-04-14 19:00", "2026-05-12 19:00"}},
		{"MonthlyFifthTuesdayIsLast", "FREQ=MONTHLY;COUNT=4", "2026-03-31 14:00", "2026-03-31 16:00", london,
			[]string{"2026-03-31 14:00", "2026-04-28 14:00", "2026-05-26 14:00", "2026-06-30 14:00"}},
		{"MonthlyUntilInclusive", "FREQ=MONTHLY;UNTIL=20260512", "2026-03-10 19:00", "2026-03-10 20:30", london,
			[]string{"2026-03-10 19:00", "2026-04-14 19:00", "2026-05-12 19:00"}},
		{"Quarterly", "FREQ=MONTHLY;INTERVAL=3;COUNT=4", "2026-01-15 10:00", "2026-01-15 13:00", london,
			[]string{"2026-01-15 10:00", "2026-04-15 10:00", "2026-07-15 10:00", "2026-10-15 10:00"}},
		{"QuarterlyOnThe30th", "FREQ=MONTHLY;INTERVAL=3;COUNT=4", "2026-01-30 10:00", "2026-01-30 13:00", london,
			[]string{"2026-01-30 10:00", "2026-04-30 10:00", "2026-07-30 10:00", "2026-10-30 10:00"}},
		{"QuarterlyUntilBeforeShortMonth", "FREQ=MONTHLY;INTERVAL=3;UNTIL=20270227", "2026-11-30 10:00", "2026-11-30 13:00", london,
			[]string{"2026-11-30 10:00"}},
		{"QuarterlyNthWeekday", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE;COUNT=3", "2026-01-07 10:00", "2026-01-07 13:00", london,
			[]string{"2026-01-07 10:00", "2026-04-01 10:00", "2026-07-01 10:00"}},
		{"NewYorkAcrossSpringForward", "FREQ=WEEKLY;COUNT=3", "2026-03-05 18:00", "2026-03-05 19:00", newYork,
			[]string{"2026-03-05 18:00", "2026-03-12 18:00", "2026-03-19 18:00"}},
		{"NewYorkAcrossFallBack", "FREQ=WEEKLY;COUNT=2", "2026-10-29 18:00", "2026-10-29 19:00", newYork,
			[]string{"2026-10-29 18:00", "2026-11-05 18:00"}},
		{"Once", "FREQ=WEEKLY;COUNT=1", "2026-03-03 19:00", "2026-03-03 20:30", london, []string{"2026-03-03 19:00"}},
		{"UntilFirstDay", "FREQ=WEEKLY;UNTIL=20260303", "2026-03-03 19:00", "2026-03-03 20:30", london, []string{"2026-03-03 19:00"}},
		{"WeeklyTwoYearsOfFortnights", "FREQ=WEEKLY;INTERVAL=2;UNTIL=20280303", "2026-03-03 19:00", "2026-03-03 20:30", london, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			occ := MustExpand(t, tt.rule, tt.start, tt.end, tt.loc)
			if tt.want == nil {
				return
			}
			if got := localStarts(occ, tt.loc); !slices.Equal(got, tt.want) {
				t.Errorf("got %q,\nwant %q", got, tt.want)
			}
			length := occ[0].EndsAt.Sub(occ[0].StartsAt)
			for i, o := range occ {
				if got := floating(o.EndsAt, tt.loc).Sub(floating(o.StartsAt, tt.loc)); got != length {
					t.Errorf("occurrence %d: got local length %v, want %v", i, got, length)
				}
			}
		})
	}
}

func TestExpandClockChangeNotes(t *testing.T) {
	london := MustZone(t, "Europe/London")
	t.Run("Gap", func(t *testing.T) {
		occ := MustExpand(t, "FREQ=WEEKLY;COUNT=2", "2026-03-22 01:30", "2026-03-22 02:30", london)
		got := occ[1]
		if !got.StartsAt.Equal(MustUTC(t, "2026-03-29 01:30")) || !got.EndsAt.Equal(MustUTC(t, "2026-03-29 02:30")) {
			t.Errorf("got %v–%v, want 02:30–03:30 BST", got.StartsAt, got.EndsAt)
		}
		want := "01:30 does not exist on 29 March 2026 in Europe/London because clocks go forward; we used 02:30 BST"
		if got.Note != want {
			t.Errorf("note:\n got  %q\n want %q", got.Note, want)
		}
	})
	t.Run("Overlap", func(t *testing.T) {
		occ := MustExpand(t, "FREQ=WEEKLY;COUNT=2", "2026-10-18 01:15", "2026-10-18 01:45", london)
		got := occ[1]
		if !got.StartsAt.Equal(MustUTC(t, "2026-10-25 00:15")) || !got.EndsAt.Equal(MustUTC(t, "2026-10-25 00:45")) {
			t.Errorf("got %v–%v, want the first 01:15–01:45, in BST", got.StartsAt, got.EndsAt)
		}
		if !strings.HasPrefix(got.Note, "01:15 happens twice on 25 October 2026") || !strings.Contains(got.Note, "For the end time, 01:45 happens twice") {
			t.Errorf("got note %q, want notes for start and end", got.Note)
		}
	})
	t.Run("FirstKeptExactly", func(t *testing.T) {
		first := MustUTC(t, "2026-10-25 01:30") // 01:30 GMT, the second 01:30
		occ, err := Expand(MustRule(t, "FREQ=WEEKLY;COUNT=2"), first, first.Add(time.Hour), london)
		if err != nil {
			t.Fatal(err)
		}
		if !occ[0].StartsAt.Equal(first) || occ[0].Note != "" {
			t.Errorf("got %v (%q), want %v exactly", occ[0].StartsAt, occ[0].Note, first)
		}
		if want := MustUTC(t, "2026-11-01 01:30"); !occ[1].StartsAt.Equal(want) {
			t.Errorf("got %v, want %v", occ[1].StartsAt, want)
		}
	})
	t.Run("SecondsKept", func(t *testing.T) {
		first := MustUTC(t, "2026-03-03 19:00").Add(30*time.Second + 5)
		occ, err := Expand(MustRule(t, "FREQ=WEEKLY;COUNT=5"), first, first.Add(time.Hour), london)
		if err != nil {
			t.Fatal(err)
		}
		if got := occ[4].StartsAt.In(london).Format("15:04:05.000000000"); got != "19:00:30.000000005" {
			t.Errorf("got %s, want 19:00:30.000000005", got)
		}
	})
}
