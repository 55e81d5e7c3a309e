package events

import (
	"slices"
	"testing"
	"time"
)

// localRanges renders each occurrence as local "2006-01-02 15:04–15:04".
func localRanges(occ []Occurrence, loc *time.Location) []string {
	out := make([]string, len(occ))
	for i, o := range occ {
		out[i] = o.StartsAt.In(loc).Format("2006-01-02 15:04") + "–" + o.EndsAt.In(loc).Format("15:04")
	}
	return out
}

func TestShiftFollowing(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tests := []struct {
		name       string
		from       int
		start, end string // local
		want       []string
	}{
		{"LaterAndLongerAcrossClockChange", 2, "2026-03-17 18:30", "2026-03-17 20:30", []string{
			"2026-03-03 19:00–20:30", "2026-03-10 19:00–20:30",
			"2026-03-17 18:30–20:30", "2026-03-24 18:30–20:30", "2026-03-31 18:30–20:30", "2026-04-07 18:30–20:30"}},
		{"ToAnotherDay", 1, "2026-03-11 18:00", "2026-03-11 19:00", []string{
			"2026-03-03 19:00–20:30",
			"2026-03-11 18:00–19:00", "2026-03-18 18:00–19:00", "2026-03-25 18:00–19:00", "2026-04-01 18:00–19:00", "2026-04-08 18:00–19:00"}},
		{"FirstMovesAll", 0, "2026-03-03 09:30", "2026-03-03 11:00", []string{
			"2026-03-03 09:30–11:00", "2026-03-10 09:30–11:00", "2026-03-17 09:30–11:00",
			"2026-03-24 09:30–11:00", "2026-03-31 09:30–11:00", "2026-04-07 09:30–11:00"}},
		{"LastOnly", 5, "2026-04-07 20:00", "2026-04-07 21:00", []string{
			"2026-03-03 19:00–20:30", "2026-03-10 19:00–20:30", "2026-03-17 19:00–20:30",
			"2026-03-24 19:00–20:30", "2026-03-31 19:00–20:30", "2026-04-07 20:00–21:00"}},
		{"Unchanged", 3, "2026-03-24 19:00", "2026-03-24 20:30", []string{
			"2026-03-03 19:00–20:30", "2026-03-10 19:00–20:30", "2026-03-17 19:00–20:30",
			"2026-03-24 19:00–20:30", "2026-03-31 19:00–20:30", "2026-04-07 19:00–20:30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			occ := MustExpand(t, "FREQ=WEEKLY;COUNT=6", "2026-03-03 19:00", "2026-03-03 20:30", london)
			before := slices.Clone(occ)
			got, err := ShiftFollowing(occ, tt.from, MustTime(t, london, tt.start), MustTime(t, london, tt.end), london)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if g := localRanges(got, london); !slices.Equal(g, tt.want) {
				t.Errorf("got  %q,\nwant %q", g, tt.want)
			}
			if !slices.Equal(occ, before) {
				t.Errorf("input changed: got %v, want %v", occ, before)
			}
		})
	}
}

func TestShiftFollowingUsesWallClockNotOffset(t *testing.T) {
	// Moving the 17 March (GMT) meeting one hour later must move the 31 March
	// (BST) meeting to 20:00 BST, not to a fixed UTC time.
	london := MustZone(t, "Europe/London")
	occ := MustExpand(t, "FREQ=WEEKLY;COUNT=5", "2026-03-03 19:00", "2026-03-03 20:30", london)
	got, err := ShiftFollowing(occ, 2, MustUTC(t, "2026-03-17 20:00"), MustUTC(t, "2026-03-17 21:30"), london)
	if err != nil {
		t.Fatal(err)
	}
	if want := MustUTC(t, "2026-03-31 19:00"); !got[4].StartsAt.Equal(want) {
		t.Errorf("got %v, want %v (20:00 BST)", got[4].StartsAt, want)
	}
}

func TestShiftFollowingAfterAGap(t *testing.T) {
	// 29 March's 01:30 did not exist and became 02:30 BST. Moving the series
	// to 03:00 puts that meeting at 03:00 too, not at 04:00.
	london := MustZone(t, "Europe/London")
	occ := MustExpand(t, "FREQ=WEEKLY;COUNT=3", "2026-03-22 01:30", "2026-03-22 02:00", london)
	got, err := ShiftFollowing(occ, 0, MustTime(t, london, "2026-03-22 03:00"), MustTime(t, london, "2026-03-22 03:30"), london)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-03-22 03:00–03:30", "2026-03-29 03:00–03:30", "2026-04-05 03:00–03:30"}
	if g := localRanges(got, london); !slices.Equal(g, want) || got[1].Note != "" {
		t.Errorf("got %q (note %q), want %q and no note", g, got[1].Note, want)
	}
}

func TestShiftFollowingErrors(t *testing.T) {
	london := MustZone(t, "Europe/London")
	occ := MustExpand(t, "FREQ=WEEKLY;COUNT=3", "2026-03-03 19:00", "2026-03-03 20:30", london)
	start, end := MustUTC(t, "2026-03-10 19:00"), MustUTC(t, "2026-03-10 20:00")
	tests := []struct {
		name       string
		from       int
		start, end time.Time
		loc        *time.Location
		wantCode   string
	}{
		{"ErrFromNegative", -1, start, end, london, "invalid"},
		{"ErrFromPastEnd", 3, start, end, london, "invalid"},
		{"ErrEndBeforeStart", 1, end, start, london, "invalid"},
		{"ErrNoZone", 1, start, end, nil, "internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ShiftFollowing(occ, tt.from, tt.start, tt.end, tt.loc)
			WantCode(t, err, tt.wantCode)
			if got != nil {
				t.Errorf("got %v, want nil", got)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tests := []struct {
		name       string
		rule       Recurrence
		start, end string
		want       map[string]string
	}{
		{"ErrInvalidRule", Recurrence{Frequency: "hourly", Count: 3}, "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"recurrence": ""}},
		{"ErrEndBeforeStart", MustRule(t, "FREQ=WEEKLY;COUNT=3"), "2026-03-03 19:00", "2026-03-03 18:00",
			map[string]string{"ends_at": "The end must be after the start"}},
		{"ErrUntilBeforeFirst", MustRule(t, "FREQ=WEEKLY;UNTIL=20260302"), "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"recurrence": "The series ends on 2 March 2026, before its first event on 3 March 2026"}},
		{"ErrUntilPastTwoYears", MustRule(t, "FREQ=MONTHLY;UNTIL=20280304"), "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"recurrence": "A series can run for at most 2 years: choose an end date on or before 3 March 2028"}},
		{"ErrMoreThan104", MustRule(t, "FREQ=WEEKLY;UNTIL=20280303"), "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"recurrence": "This series would have more than 104 events: choose an earlier end date"}},
		{"ErrCountPastTwoYears", MustRule(t, "FREQ=MONTHLY;COUNT=30"), "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"recurrence": "30 events would run past 3 March 2028, and a series can run for at most 2 years: choose fewer events"}},
		{"ErrWrongWeekday", MustRule(t, "FREQ=WEEKLY;BYDAY=TU;COUNT=3"), "2026-03-04 19:00", "2026-03-04 20:00",
			map[string]string{"starts_at": "The first event is on Wednesday 4 March 2026, but the series repeats on Tuesdays: start it on a Tuesday"}},
		{"ErrWrongNthWeekday", MustRule(t, "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"), "2026-03-03 19:00", "2026-03-03 20:00",
			map[string]string{"starts_at": "The first event is on Tuesday 3 March 2026, but the series repeats on the second Tuesday of the month: start it on one of those days"}},
		{"ErrNotLastWeekday", MustRule(t, "FREQ=MONTHLY;BYDAY=-1TU;COUNT=3"), "2026-03-24 19:00", "2026-03-24 20:00",
			map[string]string{"starts_at": ""}},
		{"ErrQuarterlyOn31st", MustRule(t, "FREQ=MONTHLY;INTERVAL=3;COUNT=4"), "2026-01-31 10:00", "2026-01-31 12:00",
			map[string]string{"starts_at": "There is no 31 April 2026, so a series every 3 months on the 31st would skip it: start on the 28th or earlier, or repeat on a weekday such as the last Saturday"}},
		{"ErrQuarterlyReachesFebruary", MustRule(t, "FREQ=MONTHLY;INTERVAL=3;UNTIL=20270228"), "2026-11-30 10:00", "2026-11-30 12:00",
			map[string]string{"starts_at": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			occ, err := Expand(tt.rule, MustTime(t, london, tt.start), MustTime(t, london, tt.end), london)
			WantFields(t, err, tt.want)
			if occ != nil {
				t.Errorf("got %d occurrences with the error, want none", len(occ))
			}
		})
	}
	t.Run("ErrNoZone", func(t *testing.T) {
		_, err := Expand(MustRule(t, "FREQ=WEEKLY;COUNT=3"), MustUTC(t, "2026-03-03 19:00"), MustUTC(t, "2026-03-03 20:00"), nil)
		WantCode(t, err, "internal")
	})
}

func TestExpandLimits(t *testing.T) {
	london := MustZone(t, "Europe/London")
	occ := MustExpand(t, "FREQ=WEEKLY;COUNT=104", "2026-03-03 19:00", "2026-03-03 20:00", london)
	if len(occ) != MaxOccurrences {
		t.Errorf("got %d occurrences, want %d", len(occ), MaxOccurrences)
	}
	occ = MustExpand(t, "FREQ=MONTHLY;INTERVAL=3;UNTIL=20280303", "2026-03-03 19:00", "2026-03-03 20:00", london)
	if got, want := len(occ), 9; got != want {
		t.Errorf("got %d quarterly occurrences in 2 years, want %d", got, want)
	}
}
