package events

import (
	"testing"
	"time"

	"github.com/convene/convene/hub"
)

func TestLoadZone(t *testing.T) {
	tests := []struct {
		name    string
		zone    string
		wantErr string
	}{
		{"OKLondon", "Europe/London", ""},
		{"OKNewYork", "America/New_York", ""},
		{"OKUTC", "UTC", ""},
		{"OKPlusSign", "Etc/GMT+5", ""},
		{"ErrEmpty", "", "Enter a time zone, such as Europe/London"},
		{"ErrLocal", "Local", "Enter a time zone by its IANA name, such as Europe/London"},
		{"ErrPath", "../../etc/passwd", "Enter a time zone by its IANA name, such as Europe/London"},
		{"ErrAbsolute", "/usr/share/zoneinfo/UTC", "Enter a time zone by its IANA name, such as Europe/London"},
		{"ErrSpaces", " Europe/London", "Enter a time zone by its IANA name, such as Europe/London"},
		{"ErrUnknown", "Europe/Atlantis", `We don't know the time zone "Europe/Atlantis"; use an IANA name such as Europe/London`},
		{"ErrAbbreviation", "BST", `We don't know the time zone "BST"; use an IANA name such as Europe/London`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, err := hub.LoadTimeZone(tt.zone)
			if tt.wantErr == "" {
				if err != nil || loc == nil || loc.String() != tt.zone {
					t.Fatalf("got (%v, %v), want zone %s", loc, err, tt.zone)
				}
				return
			}
			if loc != nil {
				t.Errorf("got zone %v, want none", loc)
			}
			WantFields(t, err, map[string]string{"timezone": tt.wantErr})
		})
	}
}

func TestParseLocal(t *testing.T) {
	london, newYork := MustZone(t, "Europe/London"), MustZone(t, "America/New_York")
	tests := []struct {
		name     string
		date     string
		clock    string
		loc      *time.Location
		wantUTC  string
		wantNote string
	}{
		{"OKWinter", "2026-03-03", "19:00", london, "2026-03-03 19:00", ""},
		{"OKSummer", "2026-07-14", "19:00", london, "2026-07-14 18:00", ""},
		{"OKOneDigitHour", "2026-07-14", "9:05", london, "2026-07-14 08:05", ""},
		{"OKAfternoon", "2026-07-14", "13:05", london, "2026-07-14 12:05", ""},
		{"OKMidnight", "2026-03-03", "0:00", london, "2026-03-03 00:00", ""},
		{"OKLastMinute", "2026-03-03", "23:59", london, "2026-03-03 23:59", ""},
		{"OKSpaces", " 2026-03-03 ", " 19:00 ", london, "2026-03-03 19:00", ""},
		{"OKLondonJustBeforeGap", "2026-03-29", "00:59", london, "2026-03-29 00:59", ""},
		{"OKLondonGapEnds", "2026-03-29", "02:00", london, "2026-03-29 01:00", ""},
		{"GapLondon", "2026-03-29", "01:30", london, "2026-03-29 01:30",
			"01:30 does not exist on 29 March 2026 in Europe/London because clocks go forward; we used 02:30 BST"},
		{"GapLondonStart", "2026-03-29", "1:00", london, "2026-03-29 01:00",
			"01:00 does not exist on 29 March 2026 in Europe/London because clocks go forward; we used 02:00 BST"},
		{"AmbiguousLondon", "2026-10-25", "01:30", london, "2026-10-25 00:30",
			"01:30 happens twice on 25 October 2026 in Europe/London because clocks go back; we used the first, 01:30 BST"},
		{"OKLondonAfterOverlap", "2026-10-25", "02:00", london, "2026-10-25 02:00", ""},
		{"OKLondonBeforeOverlap", "2026-10-25", "00:59", london, "2026-10-24 23:59", ""},
		{"GapNewYork", "2026-03-08", "02:30", newYork, "2026-03-08 07:30",
			"02:30 does not exist on 8 March 2026 in America/New_York because clocks go forward; we used 03:30 EDT"},
		{"AmbiguousNewYork", "2026-11-01", "01:30", newYork, "2026-11-01 05:30",
			"01:30 happens twice on 1 November 2026 in America/New_York because clocks go back; we used the first, 01:30 EDT"},
		{"OKNewYorkSummer", "2026-07-14", "19:00", newYork, "2026-07-14 23:00", ""},
		{"OKUTC", "2026-03-29", "01:30", time.UTC, "2026-03-29 01:30", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := ParseLocal(tt.date, tt.clock, tt.loc)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if want := MustUTC(t, tt.wantUTC); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("got %v, want %v", got, want)
			}
			if note != tt.wantNote {
				t.Errorf("note:\n got  %q\n want %q", note, tt.wantNote)
			}
		})
	}
}

func TestParseLocalErrors(t *testing.T) {
	london := MustZone(t, "Europe/London")
	const badDate, badTime = "Enter a real date in the form 2026-03-29", "Enter a time on the 24-hour clock, such as 09:30 or 19:00"
	tests := []struct {
		name  string
		date  string
		clock string
		want  map[string]string
	}{
		{"ErrEmpty", "", "", map[string]string{"date": badDate, "time": badTime}},
		{"ErrNoSuchDay", "2026-02-30", "10:00", map[string]string{"date": badDate}},
		{"ErrBritishOrder", "03/03/2026", "10:00", map[string]string{"date": badDate}},
		{"ErrShortMonth", "2026-3-03", "10:00", map[string]string{"date": badDate}},
		{"ErrHour24", "2026-03-03", "24:00", map[string]string{"time": badTime}},
		{"ErrMinute60", "2026-03-03", "10:60", map[string]string{"time": badTime}},
		{"ErrOneDigitMinute", "2026-03-03", "10:5", map[string]string{"time": badTime}},
		{"ErrTwelveHour", "2026-03-03", "7pm", map[string]string{"time": badTime}},
		{"ErrSeconds", "2026-03-03", "10:00:00", map[string]string{"time": badTime}},
		{"ErrSign", "2026-03-03", "+1:00", map[string]string{"time": badTime}},
		{"ErrThreeDigitHour", "2026-03-03", "010:00", map[string]string{"time": badTime}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseLocal(tt.date, tt.clock, london)
			WantFields(t, err, tt.want)
		})
	}
	t.Run("ErrNoZone", func(t *testing.T) {
		_, _, err := ParseLocal("2026-03-03", "10:00", nil)
		WantCode(t, err, "internal")
	})
}

// TestGoTimeDateIsNotEnough records why resolveWall exists: time.Date
// resolves daylight-saving edge cases differently from zone to zone.
func TestGoTimeDateIsNotEnough(t *testing.T) {
	london, newYork := MustZone(t, "Europe/London"), MustZone(t, "America/New_York")
	tests := []struct {
		name    string
		got     time.Time
		wantUTC string
	}{
		{"LondonOverlapPicksSecond", time.Date(2026, 10, 25, 1, 30, 0, 0, london), "2026-10-25 01:30"},
		{"NewYorkGapMovesBack", time.Date(2026, 3, 8, 2, 30, 0, 0, newYork), "2026-03-08 06:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if want := MustUTC(t, tt.wantUTC); !tt.got.Equal(want) {
				t.Errorf("got %v, want %v: time.Date changed; resolveWall may no longer be needed", tt.got.UTC(), want)
			}
		})
	}
}
