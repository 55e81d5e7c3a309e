package events

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func FuzzParseRule(f *testing.F) {
	for _, rule := range []string{
		"FREQ=WEEKLY;COUNT=10", "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261130", "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
		"FREQ=MONTHLY;INTERVAL=3;COUNT=4", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231", "RRULE:freq=weekly;byday=su;count=104",
		"FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=3;COUNT=4", "FREQ=MONTHLY;INTERVAL=3;BYDAY=+4SA;UNTIL=20280101",
		"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10", "FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=6", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;COUNT=4",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20271231T235959Z", "FREQ=DAILY;INTERVAL=2;COUNT=7",
	} {
		f.Add(rule, int64(0), uint16(90), uint8(1))
	}
	f.Add("FREQ=WEEKLY;COUNT=5", int64(124_000), uint16(60), uint8(1))
	f.Fuzz(func(t *testing.T, rule string, minutes int64, length uint16, zone uint8) {
		r, err := ParseRule(rule)
		if err != nil {
			wantInvalidOn(t, err, "recurrence")
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("parsed %q to %+v, which is invalid: %v", rule, r, err)
		}
		again, err := ParseRule(r.String())
		if err != nil || !reflect.DeepEqual(again, r) || again.String() != r.String() {
			t.Fatalf("%q → %q → (%+v, %v), want %+v", rule, r.String(), again, err, r)
		}
		loc := fuzzZone(t, zone)
		// A first start within three years of 2026, to the minute.
		start := MustUTC(t, "2026-01-01 00:00").Add(time.Duration(minutes%(3*366*24*60)) * time.Minute)
		end := start.Add(time.Duration(length%(7*24*60)+1) * time.Minute)
		_ = r.Describe(start, loc)
		occ, err := Expand(r, start, end, loc)
		if err != nil {
			wantInvalidOn(t, err, "recurrence", "starts_at")
			return
		}
		checkOccurrences(t, r, occ, start, end, loc)
	})
}

// checkOccurrences checks what Expand promises of any series.
func checkOccurrences(t *testing.T, r Recurrence, occ []Occurrence, start, end time.Time, loc *time.Location) {
	t.Helper()
	if len(occ) == 0 || len(occ) > MaxOccurrences || r.Count != 0 && len(occ) != r.Count {
		t.Fatalf("%s: got %d occurrences", r, len(occ))
	}
	if !occ[0].StartsAt.Equal(start) || !occ[0].EndsAt.Equal(end) {
		t.Fatalf("%s: first is %v–%v, want %v–%v", r, occ[0].StartsAt, occ[0].EndsAt, start, end)
	}
	clock := floating(start, loc).Format("15:04")
	limit := dateOf(floating(start, loc)).AddDate(MaxSeriesYears, 0, 1)
	for i, o := range occ {
		desc := fmt.Sprintf("%s from %v in %v: occurrence %d %v–%v", r, start, loc, i, o.StartsAt, o.EndsAt)
		if !o.EndsAt.After(o.StartsAt) || o.StartsAt.Location() != time.UTC || !floating(o.StartsAt, loc).Before(limit) {
			t.Fatalf("%s: bad times", desc)
		}
		if i > 0 && !o.StartsAt.After(occ[i-1].StartsAt) {
			t.Fatalf("%s: not after the one before", desc)
		}
		if got := floating(o.StartsAt, loc).Format("15:04"); got != clock && o.Note == "" {
			t.Fatalf("%s: starts at %s local, want %s or a note", desc, got, clock)
		}
	}
}

// FuzzExpand drives Expand and ShiftFollowing with any rule, start and
// zone, to look for daylight-saving cases the tables miss.
func FuzzExpand(f *testing.F) {
	f.Add(uint8(0), uint8(38), uint16(0), uint8(0), int8(0), int64(90_000), uint16(90), uint8(1), uint8(3), int32(30))
	f.Add(uint8(2), uint8(6), uint16(0), uint8(2), int8(2), int64(0), uint16(60), uint8(2), uint8(1), int32(-1440))
	f.Add(uint8(3), uint8(0), uint16(700), uint8(0), int8(0), int64(500_000), uint16(30), uint8(3), uint8(2), int32(45))
	f.Fuzz(func(t *testing.T, freq, count uint8, untilDays uint16, weekday uint8, nth int8,
		minutes int64, length uint16, zone, from uint8, shift int32) {
		loc := fuzzZone(t, zone)
		start := MustUTC(t, "2026-01-01 00:00").Add(time.Duration(minutes%(3*366*24*60)) * time.Minute)
		end := start.Add(time.Duration(length%(7*24*60)+1) * time.Minute)
		r := Recurrence{Frequency: AllFrequencies()[int(freq)%4], Count: int(count) % (MaxOccurrences + 1)}
		if r.Count == 0 {
			r.Until = dateOf(floating(start, loc)).AddDate(0, 0, int(untilDays)%800)
		}
		if weekday < 7 {
			r.On = &NthWeekday{Weekday: time.Weekday(weekday), N: int(nth)}
		}
		occ, err := Expand(r, start, end, loc)
		if err != nil {
			wantInvalidOn(t, err, "recurrence", "starts_at")
			return
		}
		checkOccurrences(t, r, occ, start, end, loc)

		i := int(from) % len(occ)
		newStart := occ[i].StartsAt.Add(time.Duration(shift) * time.Minute)
		newEnd := newStart.Add(time.Duration(length%600+1) * time.Minute)
		moved, err := ShiftFollowing(occ, i, newStart, newEnd, loc)
		if err != nil {
			t.Fatalf("shift %d to %v: %v", i, newStart, err)
		}
		clock := floating(newStart, loc).Format("15:04")
		for j, o := range moved {
			switch {
			case j < i && o != occ[j]:
				t.Fatalf("shift %d: occurrence %d changed from %v to %v", i, j, occ[j], o)
			case !o.EndsAt.After(o.StartsAt):
				t.Fatalf("shift %d: occurrence %d ends %v, not after %v", i, j, o.EndsAt, o.StartsAt)
			case j > i && o.Note == "" && floating(o.StartsAt, loc).Format("15:04") != clock:
				t.Fatalf("shift %d: occurrence %d starts %v, want %s local", i, j, o.StartsAt.In(loc), clock)
			}
		}
	})
}
