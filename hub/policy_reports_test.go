package hub

import "testing"

func TestCanReadHubReports(t *testing.T) {
	p := &Person{ID: 1}
	for _, tc := range []struct {
		name  string
		actor *Actor
		want  bool
	}{
		{"Anonymous", Anonymous, false},
		{"Attendee", NewActor(p, nil, nil), false},
		{"OrganisationMember", NewActor(p, nil, []int64{5}), false},
		{"EvaluatorOfHub", NewActor(p, []Role{{Role: RoleEvaluator, HubID: ptr(int64(3))}}, nil), true},
		{"EvaluatorOfAnotherHub", NewActor(p, []Role{{Role: RoleEvaluator, HubID: ptr(int64(4))}}, nil), false},
		{"CoordinatorOfHub", NewActor(p, []Role{{Role: RoleCoordinator, HubID: ptr(int64(3))}}, nil), true},
		{"CoordinatorOfAnotherHub", NewActor(p, []Role{{Role: RoleCoordinator, HubID: ptr(int64(4))}}, nil), false},
		{"Admin", NewActor(p, []Role{{Role: RoleAdmin}}, nil), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CanReadHubReports(tc.actor, 3); got != tc.want {
				t.Errorf("CanReadHubReports = %v, want %v", got, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
