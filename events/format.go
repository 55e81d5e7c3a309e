package events

import "time"

// Layouts used on pages and in forms.
const (
	layoutDate  = "Monday 2 January 2006"
	layoutClock = "15:04"
)

// inZone shows t in loc, or in UTC if no zone is given, so that a missing
// zone shows a wrong hour rather than failing the page.
func inZone(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc)
}

// FormatDate shows the local date of t, such as "Tuesday 3 March 2026".
func FormatDate(t time.Time, loc *time.Location) string {
	return inZone(t, loc).Format(layoutDate)
}

// FormatClock shows the local 24-hour time of t, such as "19:00".
func FormatClock(t time.Time, loc *time.Location) string {
	return inZone(t, loc).Format(layoutClock)
}

// FormatRange shows the local times from start to end: "19:00–20:30" when
// both fall on the same local date, otherwise both dates and times,
// "Tuesday 3 March 2026 19:00 – Wednesday 4 March 2026 10:00".
func FormatRange(start, end time.Time, loc *time.Location) string {
	s, e := inZone(start, loc), inZone(end, loc)
	if sameDate(s, e) {
		return s.Format(layoutClock) + "–" + e.Format(layoutClock)
	}
	return s.Format(layoutDate+" "+layoutClock) + " – " + e.Format(layoutDate+" "+layoutClock)
}

// FormatWhen shows when an event happens in one line: "Tuesday 3 March
// 2026, 19:00–20:30", or the two-date form of FormatRange.
func FormatWhen(start, end time.Time, loc *time.Location) string {
	s, e := inZone(start, loc), inZone(end, loc)
	if sameDate(s, e) {
		return s.Format(layoutDate) + ", " + FormatRange(s, e, loc)
	}
	return FormatRange(s, e, loc)
}

// SplitLocal gives the local date ("2026-03-03") and time ("19:00") of t,
// to pre-fill the fields that ParseLocal reads.
func SplitLocal(t time.Time, loc *time.Location) (date, clock string) {
	l := inZone(t, loc)
	return l.Format(time.DateOnly), l.Format(layoutClock)
}

// sameDate reports whether a and b, already in one zone, share a date.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
