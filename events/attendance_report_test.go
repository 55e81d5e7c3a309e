package events

import (
	"testing"
	"time"

	"github.com/convene/convene/hub"
)

func TestSummariseAttendance(t *testing.T) {
	start := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	before, after := start.Add(-48*time.Hour), start.Add(10*time.Minute)
	at := start.Add(5 * time.Minute)
	reg := func(role AttendeeRole, status RegistrationStatus, created time.Time, attended bool, kinds ...hub.OrgKind) CountedRegistration {
		r := CountedRegistration{Registration: Registration{AttendeeRole: role, Status: status, CreatedAt: created}, OrgKinds: kinds}
		if attended {
			r.AttendedAt = &at
		}
		return r
	}
	walkIn := reg(RoleLivedExperience, RegRegistered, after, true) // let in at the door, no organisation
	walkIn.WalkIn = true
	got := SummariseAttendance(7, "Hub day", start, []CountedRegistration{
		reg(RolePeerSupportWorker, RegRegistered, before, true, hub.FundedProject),
		reg(RolePeerSupportWorker, RegRegistered, before, false, hub.FundedProject, hub.Network),
		walkIn,
		reg(RolePractitioner, RegCancelled, before, false, hub.Commissioner),
		reg(RolePractitioner, RegWaitlisted, before, false, hub.Commissioner),
	})
	if want := (AttendanceTotals{Registered: 2, Waitlisted: 1, Attended: 2, NoShow: 1, WalkIns: 1}); got.Totals != want {
		t.Errorf("totals %+v, want %+v", got.Totals, want)
	}
	if want := (AttendanceTotals{Registered: 2, Attended: 1, NoShow: 1}); got.ByRole[RolePeerSupportWorker] != want {
		t.Errorf("peer support workers %+v, want %+v", got.ByRole[RolePeerSupportWorker], want)
	}
	if want := (AttendanceTotals{Registered: 1, NoShow: 1}); got.ByOrgKind[hub.Network] != want {
		t.Errorf("networks %+v, want %+v", got.ByOrgKind[hub.Network], want)
	}
	if want := (AttendanceTotals{Attended: 1, WalkIns: 1}); got.ByOrgKind[NoOrganisation] != want {
		t.Errorf("no organisation %+v, want %+v", got.ByOrgKind[NoOrganisation], want)
	}
	if want := (AttendanceTotals{Waitlisted: 1}); got.ByOrgKind[hub.Commissioner] != want {
		t.Errorf("commissioners (one cancelled, one waiting) %+v, want %+v", got.ByOrgKind[hub.Commissioner], want)
	}
}
