package events

import "time"

// AttendanceTotals sums up who came to an event, for coordinators and
// evaluators. Cancelled registrations count nowhere. The totals agree:
// Registered = Attended - WalkIns + NoShow.
type AttendanceTotals struct {
	// Registered counts people who held a place, walk-ins excluded.
	Registered int
	// Waitlisted counts people still waiting for a place who did not attend.
	Waitlisted int
	// Attended counts everyone checked in, walk-ins included.
	Attended int
	// NoShow counts people who held a place but were not checked in.
	NoShow int
	// WalkIns counts people checked in who had not booked a place before
	// the start: registered at or after the start, or let in from the
	// waitlist on the day.
	WalkIns int
}

// CountAttendance totals the registrations of an event that starts at
// start. NoShow means something only once check-in is over.
func CountAttendance(start time.Time, registrations []Registration) AttendanceTotals {
	var t AttendanceTotals
	for _, r := range registrations {
		switch {
		case r.Status == RegCancelled:
			continue
		case r.Attended():
			t.Attended++
			if r.Status == RegWaitlisted || !r.CreatedAt.Before(start) {
				t.WalkIns++
			} else {
				t.Registered++
			}
		case r.Status == RegRegistered:
			t.Registered++
			t.NoShow++
		case r.Status == RegWaitlisted:
			t.Waitlisted++
		}
	}
	return t
}
