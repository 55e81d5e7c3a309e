package events

import (
	"testing"
)

func TestBuildReport(t *testing.T) {
	in := ReportInput{
		Rows: []RowStats{
			{ID: 1, Label: "Hub day", Events: 1, Registered: 40, Attended: 35, NoShows: 5, Responses: 20, UsefulnessSum: 80, NetworkingSum: 90},
			{ID: 2, Label: "Webinar", Events: 1, Registered: 30, Attended: 22, NoShows: 8, Responses: 3, UsefulnessSum: 12, NetworkingSum: 9},
			{ID: 3, Label: "Workshop", Events: 1, Registered: 12, Attended: 10, NoShows: 2, Responses: 9, UsefulnessSum: 36, NetworkingSum: 40},
			{ID: 4, Label: "Network meeting", Events: 1, Registered: 25, Attended: 25, NoShows: 0, Responses: 15, UsefulnessSum: 60, NetworkingSum: 60},
		},
		Roles:      map[AttendeeRole]int{RolePractitioner: 50, RolePeerSupportWorker: 30, RoleLivedExperience: 10, RoleCommissioner: 2},
		Usefulness: [5]int{0, 2, 10, 20, 15},
		Networking: [5]int{0, 0, 7, 20, 20},
		FollowUp:   44, NewConnections: 94,
		AgendaKinds: map[AgendaKind]int{KindNetworking: 30, KindTalk: 3},
	}
	r := BuildReport(in)
	if r.Events != 4 || r.Registered.String() != "107" || r.Attended.String() != "92" || r.Responses.String() != "47" {
		t.Errorf("totals %d %v %v %v", r.Events, r.Registered, r.Attended, r.Responses)
	}
	// The webinar's 3 responses are hidden, and so is one more row's, so
	// that 47 minus the others does not give them away.
	if r.Rows[1].Responses.Hidden != FewerThan5 || r.Rows[1].MeanUsefulness != nil {
		t.Errorf("webinar row %+v: want responses fewer than 5, no mean", r.Rows[1])
	}
	withheld := 0
	for _, row := range r.Rows {
		if row.Responses.Hidden == Withheld {
			withheld++
			if row.MeanUsefulness != nil {
				t.Errorf("row %s: mean shown beside withheld responses", row.Label)
			}
		}
	}
	if withheld != 1 {
		t.Errorf("withheld responses in %d rows, want 1", withheld)
	}
	// The workshop's 2 no-shows make its whole attendance row hidden
	// (registered minus attended would give them away), and the column
	// totals stay safe.
	if w := r.Rows[2]; w.Registered.Show() || w.Attended.Show() || w.NoShows.Show() {
		t.Errorf("workshop row %+v: want registered, attended and no-shows hidden", w)
	}
	if r.Rows[0].MeanUsefulness == nil || *r.Rows[0].MeanUsefulness != 4 {
		t.Errorf("hub day mean = %v, want 4", r.Rows[0].MeanUsefulness)
	}
	if r.AttendanceRate == nil || r.ResponseRate == nil {
		t.Error("headline rates hidden")
	}
	// Commissioners: 2 people.
	for _, s := range r.Roles {
		if s.Key == string(RoleCommissioner) && s.People.Show() {
			t.Errorf("2 commissioners shown")
		}
	}
	if r.Usefulness.Counts[1].Show() || r.Usefulness.Mean == nil {
		t.Errorf("usefulness %+v: want 2 people at score 2 hidden, mean shown", r.Usefulness)
	}
	if r.FollowUpNo.Show() || r.FollowUpRate != nil {
		t.Errorf("follow-up: 3 who will not follow up shown (%v) or rate %v", r.FollowUpNo, r.FollowUpRate)
	}
	if len(r.AgendaKinds) != 2 || r.AgendaKinds[0].Key != string(KindNetworking) || r.AgendaKinds[1].People.Show() {
		t.Errorf("agenda kinds %+v", r.AgendaKinds)
	}
}

func TestBuildReportFewResponses(t *testing.T) {
	r := BuildReport(ReportInput{
		Rows:       []RowStats{{ID: 1, Label: "Small", Events: 1, Registered: 6, Attended: 6, Responses: 4, UsefulnessSum: 16}},
		Usefulness: [5]int{0, 0, 0, 4, 0},
	})
	if r.Responses.Show() || r.Usefulness.Mean != nil || r.Usefulness.Counts[3].Show() || r.NewContactsPerAttendee != nil {
		t.Errorf("report over 4 responses shows %+v", r)
	}
}
