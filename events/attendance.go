package events

import (
	"fmt"

	"github.com/convene/convene/hub"
)

// AttendanceTotals sums up who came to an event, for coordinators and
// evaluators. Cancelled registrations count nowhere. The totals always
// add up: every live registration is Registered, Waitlisted or a WalkIn,
// and everyone given a place (Registered and WalkIns) either Attended or
// is a NoShow.
type AttendanceTotals struct {
	// Registered counts people who booked a place, walk-ins excluded
	// (people let in from the waitlist took a place, and count here).
	Registered int
	// Waitlisted counts people still waiting for a place.
	Waitlisted int
	// WalkIns counts people added at the door, who took no booked place.
	WalkIns int
	// Attended counts everyone checked in, walk-ins included.
	Attended int
	// NoShow counts people with a place (booked or at the door) who were
	// not checked in; it means something only once check-in is over.
	NoShow int
}

// Live is the number of live registrations: Registered + Waitlisted + WalkIns.
func (t AttendanceTotals) Live() int { return t.Registered + t.Waitlisted + t.WalkIns }

// CountAttendance totals the registrations of an event.
func CountAttendance(registrations []Registration) AttendanceTotals {
	var t AttendanceTotals
	for _, r := range registrations {
		switch {
		case r.Status == RegCancelled:
			continue
		case r.Status == RegWaitlisted:
			t.Waitlisted++
			continue
		case r.WalkIn:
			t.WalkIns++
		default:
			t.Registered++
		}
		if r.Attended() {
			t.Attended++
		} else {
			t.NoShow++
		}
	}
	return t
}

// ConfirmPlace says why checking in r needs the coordinator to confirm,
// or nil: a waitlisted person who is checked in is given a place, ahead of
// anyone waiting before them and over the capacity when the event is full
// (registered places held, walk-ins excluded). The error is a conflict on
// the field give_place, which the caller sets to confirm.
func ConfirmPlace(r Registration, capacity *int, registered int) error {
	if r.Status != RegWaitlisted {
		return nil
	}
	msg := "This person is on the waitlist: checking them in gives them a place"
	if capacity != nil && registered >= *capacity {
		msg = fmt.Sprintf("This person is on the waitlist and all %d places are taken: checking them in gives them a place, %d of %d",
			*capacity, registered+1, *capacity)
	}
	return &hub.Error{Code: hub.EConflict, Message: msg + ".", Fields: map[string]string{"give_place": msg}}
}
