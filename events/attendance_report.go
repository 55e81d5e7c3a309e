package events

import (
	"time"

	"github.com/convene/convene/hub"
)

// NoOrganisation is the organisation kind under which people who act for
// no organisation (guests, most of them) are counted.
const NoOrganisation hub.OrgKind = "none"

// CountedRegistration is a registration as the attendance report counts
// it: how it stands, the attendee's role and the kinds of their
// organisations – never who they are, their email or their access needs.
type CountedRegistration struct {
	Registration
	// OrgKinds are the kinds of the organisations the person acts for;
	// empty for a guest or someone with none.
	OrgKinds []hub.OrgKind
}

// EventAttendance is the attendance of one past event, in numbers only,
// for the hub's coordinators and evaluators.
type EventAttendance struct {
	// EventID, Title and StartsAt say which event.
	EventID  int64
	Title    string
	StartsAt time.Time
	// Totals counts everyone (see CountAttendance).
	Totals AttendanceTotals
	// ByRole counts by the role people came in.
	ByRole map[AttendeeRole]AttendanceTotals
	// ByOrgKind counts by the kind of organisation people act for; someone
	// acting for organisations of two kinds counts under both, someone
	// acting for none under NoOrganisation.
	ByOrgKind map[hub.OrgKind]AttendanceTotals
}

// SummariseAttendance counts an event's registrations in total, by role
// and by organisation kind, by the same rule as the check-in page.
func SummariseAttendance(id int64, title string, start time.Time, regs []CountedRegistration) EventAttendance {
	ea := EventAttendance{EventID: id, Title: title, StartsAt: start,
		ByRole: map[AttendeeRole]AttendanceTotals{}, ByOrgKind: map[hub.OrgKind]AttendanceTotals{}}
	all := make([]Registration, 0, len(regs))
	byRole := map[AttendeeRole][]Registration{}
	byKind := map[hub.OrgKind][]Registration{}
	for _, r := range regs {
		if r.Status == RegCancelled {
			continue
		}
		all = append(all, r.Registration)
		byRole[r.AttendeeRole] = append(byRole[r.AttendeeRole], r.Registration)
		kinds := r.OrgKinds
		if len(kinds) == 0 {
			kinds = []hub.OrgKind{NoOrganisation}
		}
		seen := map[hub.OrgKind]bool{}
		for _, k := range kinds {
			if !seen[k] {
				seen[k] = true
				byKind[k] = append(byKind[k], r.Registration)
			}
		}
	}
	ea.Totals = CountAttendance(all)
	for role, rs := range byRole {
		ea.ByRole[role] = CountAttendance(rs)
	}
	for kind, rs := range byKind {
		ea.ByOrgKind[kind] = CountAttendance(rs)
	}
	return ea
}
