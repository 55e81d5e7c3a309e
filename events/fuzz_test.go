package events

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/hub"
)

// fuzzZones are zones with different habits: none, the UK's, North
// America's, and a half-hour change.
var fuzzZones = []string{"UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe"}

func fuzzZone(tb testing.TB, i uint8) *time.Location {
	tb.Helper()
	return MustZone(tb, fuzzZones[int(i)%len(fuzzZones)])
}

// wantInvalidOn checks that err is an invalid *hub.Error on some of fields.
func wantInvalidOn(tb testing.TB, err error, fields ...string) {
	tb.Helper()
	WantCode(tb, err, "invalid")
	for field := range hub.ErrorFields(err) {
		if !strings.Contains(" "+strings.Join(fields, " ")+" ", " "+field+" ") {
			tb.Fatalf("got field %q in %v, want one of %q", field, err, fields)
		}
	}
}

func FuzzParseLocal(f *testing.F) {
	f.Add("2026-03-29", "01:30", uint8(1))
	f.Add("2026-10-25", "1:30", uint8(1))
	f.Add("2026-03-08", "02:30", uint8(2))
	f.Add("2026-11-01", "01:30", uint8(2))
	f.Add("2026-10-04", "02:15", uint8(3))
	f.Add("2026-04-05", "01:45", uint8(3))
	f.Add("2026-02-30", "24:00", uint8(0))
	f.Add(" 0001-01-01", "0:00 ", uint8(1))
	f.Fuzz(func(t *testing.T, date, clock string, zone uint8) {
		loc := fuzzZone(t, zone)
		got, note, err := ParseLocal(date, clock, loc)
		if err != nil {
			wantInvalidOn(t, err, "date", "time")
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("got location %v, want UTC", got.Location())
		}
		d, c := SplitLocal(got, loc)
		h, m, _ := parseClock(strings.TrimSpace(clock))
		if note == "" && (d != strings.TrimSpace(date) || c != fmt.Sprintf("%02d:%02d", h, m)) {
			t.Fatalf("%q %q in %v: got %v, shown as %s %s", date, clock, loc, got, d, c)
		}
		// What a form shows, read back, is the same instant.
		if again, _, err := ParseLocal(d, c, loc); err != nil || !again.Equal(got) {
			t.Fatalf("%s %s (from %q %q): got (%v, %v), want %v", d, c, date, clock, again, err, got)
		}
	})
}
