package events

import (
	"testing"
	"time"
)

func TestFormatLocal(t *testing.T) {
	london, newYork := MustZone(t, "Europe/London"), MustZone(t, "America/New_York")
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"DateWinter", FormatDate(MustUTC(t, "2026-03-03 19:00"), london), "Tuesday 3 March 2026"},
		{"DateCrossesMidnightInSummer", FormatDate(MustUTC(t, "2026-07-14 23:30"), london), "Wednesday 15 July 2026"},
		{"DateNewYorkDayBefore", FormatDate(MustUTC(t, "2026-07-15 02:00"), newYork), "Tuesday 14 July 2026"},
		{"ClockWinter", FormatClock(MustUTC(t, "2026-03-03 19:00"), london), "19:00"},
		{"ClockSummer", FormatClock(MustUTC(t, "2026-07-14 18:00"), london), "19:00"},
		{"ClockMorning", FormatClock(MustUTC(t, "2026-03-03 09:05"), london), "09:05"},
		{"ClockNoZone", FormatClock(MustUTC(t, "2026-07-14 18:00"), nil), "18:00"},
		{"Range", FormatRange(MustUTC(t, "2026-03-03 19:00"), MustUTC(t, "2026-03-03 20:30"), london), "19:00–20:30"},
		{"RangeSummer", FormatRange(MustUTC(t, "2026-07-14 18:00"), MustUTC(t, "2026-07-14 19:30"), london), "19:00–20:30"},
		{"RangeOvernight", FormatRange(MustUTC(t, "2026-03-03 19:00"), MustUTC(t, "2026-03-04 10:00"), london),
			"Tuesday 3 March 2026 19:00 – Wednesday 4 March 2026 10:00"},
		{"RangeSameLocalDayDifferentUTCDay", FormatRange(MustUTC(t, "2026-07-14 22:00"), MustUTC(t, "2026-07-15 01:00"), newYork),
			"18:00–21:00"},
		{"When", FormatWhen(MustUTC(t, "2026-03-03 19:00"), MustUTC(t, "2026-03-03 20:30"), london),
			"Tuesday 3 March 2026, 19:00–20:30"},
		{"WhenTwoDays", FormatWhen(MustUTC(t, "2026-03-03 09:00"), MustUTC(t, "2026-03-04 17:00"), london),
			"Tuesday 3 March 2026 09:00 – Wednesday 4 March 2026 17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestSplitLocal(t *testing.T) {
	london := MustZone(t, "Europe/London")
	tests := []struct {
		name      string
		t         time.Time
		loc       *time.Location
		wantDate  string
		wantClock string
	}{
		{"Winter", MustUTC(t, "2026-03-03 19:00"), london, "2026-03-03", "19:00"},
		{"Summer", MustUTC(t, "2026-07-14 18:00"), london, "2026-07-14", "19:00"},
		{"SummerAfterMidnight", MustUTC(t, "2026-07-14 23:30"), london, "2026-07-15", "00:30"},
		{"AfterGap", MustUTC(t, "2026-03-29 01:30"), london, "2026-03-29", "02:30"},
		{"NoZone", MustUTC(t, "2026-07-14 18:00"), nil, "2026-07-14", "18:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			date, clock := SplitLocal(tt.t, tt.loc)
			if date != tt.wantDate || clock != tt.wantClock {
				t.Errorf("got (%q, %q), want (%q, %q)", date, clock, tt.wantDate, tt.wantClock)
			}
		})
	}
}

// TestSplitParseRoundTrip checks that a form pre-filled by SplitLocal
// reads back as the same instant, on every quarter hour around both
// clock changes, except the second pass through the repeated hour, which
// ParseLocal reads as the first.
func TestSplitParseRoundTrip(t *testing.T) {
	for _, zone := range []string{"Europe/London", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			loc := MustZone(t, zone)
			for _, day := range []string{"2026-03-07 12:00", "2026-03-28 12:00", "2026-10-24 12:00", "2026-10-31 12:00"} {
				from := MustUTC(t, day)
				for at := from; at.Before(from.Add(48 * time.Hour)); at = at.Add(15 * time.Minute) {
					date, clock := SplitLocal(at, loc)
					got, note, err := ParseLocal(date, clock, loc)
					if err != nil {
						t.Fatalf("%v: got error %v", at, err)
					}
					repeated := note != "" && got.Equal(at.Add(-time.Hour))
					if !got.Equal(at) && !repeated {
						t.Errorf("%v → %s %s → got %v (%q), want %v", at, date, clock, got, note, at)
					}
				}
			}
		})
	}
}
