package hub

import (
	"strings"
	"testing"
)

func TestCheckTransition(t *testing.T) {
	coord := Parties{Coordinator: true}
	requester := Parties{Requester: true}
	system := Parties{System: true}
	cases := []struct {
		name     string
		from, to RequestStatus
		by       Parties
		reason   string
		want     string // error code, "" for allowed
	}{
		{"AcceptOpen", RequestOpen, RequestAccepted, coord, "", ""},
		{"DeclineWithReason", RequestOpen, RequestDeclined, coord, "Covered last month", ""},
		{"DeclineWithoutReason", RequestOpen, RequestDeclined, coord, "", EInvalid},
		{"ScheduleAccepted", RequestAccepted, RequestScheduled, coord, "", ""},
		{"ScheduleOpen", RequestOpen, RequestScheduled, coord, "", ""},
		{"UnscheduleBackToAccepted", RequestScheduled, RequestAccepted, coord, "", ""},
		{"DeliveredBySystem", RequestScheduled, RequestDelivered, system, "", ""},
		{"DeliveredByCoordinator", RequestScheduled, RequestDelivered, coord, "", EForbidden},
		{"WithdrawByRequester", RequestOpen, RequestWithdrawn, requester, "", ""},
		{"WithdrawAcceptedByRequester", RequestAccepted, RequestWithdrawn, requester, "", ""},
		{"WithdrawByCoordinator", RequestOpen, RequestWithdrawn, coord, "", EForbidden},
		{"AcceptByRequester", RequestOpen, RequestAccepted, requester, "", EForbidden},
		{"DeclinedToScheduled", RequestDeclined, RequestScheduled, coord, "", EConflict},
		{"ReopenDeclined", RequestDeclined, RequestOpen, coord, "", ""},
		{"WithdrawScheduled", RequestScheduled, RequestWithdrawn, requester, "", EConflict},
		{"MergedIsFinal", RequestMerged, RequestOpen, coord, "", EConflict},
		{"DeliveredIsFinal", RequestDelivered, RequestAccepted, coord, "", EConflict},
		{"Same", RequestAccepted, RequestAccepted, coord, "", EConflict},
		{"Unknown", RequestOpen, "finished", coord, "", EInvalid},
		{"Nobody", RequestOpen, RequestAccepted, Parties{}, "", EForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckTransition(tc.from, tc.to, tc.by, tc.reason)
			if got := ErrorCode(err); got != tc.want {
				t.Errorf("%s → %s: code %q (%v), want %q", tc.from, tc.to, got, err, tc.want)
			}
		})
	}
	t.Run("DeclinedToScheduledSaysReopen", func(t *testing.T) {
		err := CheckTransition(RequestDeclined, RequestScheduled, coord, "")
		if !strings.Contains(ErrorMessage(err), "reopen it first") {
			t.Errorf("message %q, want it to say to reopen first", ErrorMessage(err))
		}
	})
	t.Run("EveryStatusKnown", func(t *testing.T) {
		for from, tos := range transitions {
			if !from.Valid() {
				t.Errorf("unknown status %q in the machine", from)
			}
			for to := range tos {
				if !to.Valid() {
					t.Errorf("unknown status %q in the machine", to)
				}
			}
		}
	})
}

func TestCheckEdit(t *testing.T) {
	open := &TopicRequest{Status: RequestOpen}
	if err := CheckEdit(open, Parties{Requester: true}); err != nil {
		t.Errorf("requester editing an open request: %v", err)
	}
	if got := ErrorCode(CheckEdit(open, Parties{Coordinator: true})); got != EForbidden {
		t.Errorf("coordinator editing: %q, want forbidden", got)
	}
	accepted := &TopicRequest{Status: RequestAccepted}
	if got := ErrorCode(CheckEdit(accepted, Parties{Requester: true})); got != EConflict {
		t.Errorf("editing an accepted request: %q, want conflict", got)
	}
}

func TestCheckMerge(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	a := &TopicRequest{ID: 1, HubID: 7, Status: RequestOpen}
	cases := []struct {
		name   string
		target *TopicRequest
		chain  []int64
		ok     bool
	}{
		{"OK", &TopicRequest{ID: 2, HubID: 7, Status: RequestAccepted}, nil, true},
		{"IntoScheduled", &TopicRequest{ID: 2, HubID: 7, Status: RequestScheduled}, nil, true},
		{"Itself", &TopicRequest{ID: 1, HubID: 7, Status: RequestOpen}, nil, false},
		{"OtherHub", &TopicRequest{ID: 2, HubID: 8, Status: RequestOpen}, nil, false},
		{"Cycle", &TopicRequest{ID: 2, HubID: 7, Status: RequestMerged, MergedInto: id(1)}, []int64{1}, false},
		{"LongCycle", &TopicRequest{ID: 3, HubID: 7, Status: RequestMerged, MergedInto: id(2)}, []int64{2, 1}, false},
		{"IntoMerged", &TopicRequest{ID: 2, HubID: 7, Status: RequestMerged, MergedInto: id(5)}, []int64{5}, false},
		{"IntoDeclined", &TopicRequest{ID: 2, HubID: 7, Status: RequestDeclined}, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckMerge(a, tc.target, tc.chain)
			if (err == nil) != tc.ok {
				t.Errorf("merge into %+v: %v, want ok=%v", tc.target, err, tc.ok)
			}
			if err != nil && ErrorFields(err)["merged_into"] == "" {
				t.Errorf("error %v names no merged_into field", err)
			}
		})
	}
}

func TestRequestPolicy(t *testing.T) {
	p := &Person{ID: 1}
	member := NewActor(p, nil, []int64{10, 11})
	r := &TopicRequest{ID: 5, HubID: 1, OrganisationID: 20, Status: RequestOpen}
	cases := []struct {
		name   string
		org    int64
		active []int64
		offer  bool
		req    *TopicRequest
		want   string
	}{
		{"SupportOK", 10, []int64{10}, false, r, ""},
		{"OfferOK", 10, []int64{10}, true, r, ""},
		{"NotMyOrganisation", 12, []int64{10}, false, r, EForbidden},
		{"FormerMember", 11, []int64{10}, false, r, EForbidden},
		{"OwnRequest", 10, []int64{10}, false, &TopicRequest{HubID: 1, OrganisationID: 10, Status: RequestOpen}, EInvalid},
		{"SupportScheduled", 10, []int64{10}, false, &TopicRequest{HubID: 1, OrganisationID: 20, Status: RequestScheduled}, ""},
		{"OfferScheduled", 10, []int64{10}, true, &TopicRequest{HubID: 1, OrganisationID: 20, Status: RequestScheduled}, EConflict},
		{"SupportDeclined", 10, []int64{10}, false, &TopicRequest{HubID: 1, OrganisationID: 20, Status: RequestDeclined}, EConflict},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckBacking(member, tc.req, tc.org, tc.active, tc.offer)
			if got := ErrorCode(err); got != tc.want {
				t.Errorf("code %q (%v), want %q", got, err, tc.want)
			}
		})
	}
	t.Run("Anonymous", func(t *testing.T) {
		if got := ErrorCode(CheckActFor(Anonymous, 10, []int64{10})); got != EUnauthorised {
			t.Errorf("anonymous: %q, want unauthorised", got)
		}
		if CanSeeRequests(Anonymous, 1, nil) {
			t.Error("anonymous sees the board")
		}
	})
	t.Run("Visibility", func(t *testing.T) {
		evaluator := NewActor(&Person{ID: 2}, []Role{{Role: RoleEvaluator, HubID: &r.HubID}}, nil)
		if !CanSeeRequests(evaluator, 1, nil) || !CanReadHubReports(evaluator, 1) {
			t.Error("the hub's evaluator cannot see its requests and demand")
		}
		if CanSeeRequests(member, 1, nil) {
			t.Error("a person whose organisations are not active members sees the board")
		}
		if !CanSeeRequests(member, 1, []int64{10}) || CanReadHubReports(member, 1) {
			t.Error("a member sees the board but not the dashboard")
		}
	})
	t.Run("Parties", func(t *testing.T) {
		coord := NewActor(&Person{ID: 3}, []Role{{Role: RoleCoordinator, HubID: &r.HubID}}, nil)
		if got := PartiesFor(coord, 1, 20, nil); !got.Coordinator || got.Requester {
			t.Errorf("coordinator parties %+v", got)
		}
		if got := PartiesFor(member, 1, 10, []int64{10}); !got.Requester || got.Coordinator {
			t.Errorf("requester parties %+v", got)
		}
		if got := PartiesFor(member, 1, 11, []int64{10}); got.Requester {
			t.Errorf("removed organisation still plays requester: %+v", got)
		}
	})
}

func TestRequestValidate(t *testing.T) {
	ok := TopicRequest{OrganisationID: 1, Topic: "safeguarding", Title: "Safer recruitment", Details: "We need help", Format: FormatWorkshop}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid request: %v", err)
	}
	bad := TopicRequest{Title: strings.Repeat("x", MaxRequestTitle+1), Format: "lecture"}
	fields := ErrorFields(bad.Validate())
	for _, f := range []string{"organisation_id", "topic", "title", "details", "format"} {
		if fields[f] == "" {
			t.Errorf("no error for %s in %v", f, fields)
		}
	}
	o := Offer{OrganisationID: 1, Details: " ", Format: FormatTalk}
	if ErrorFields(o.Validate())["details"] == "" {
		t.Error("an offer with nothing to bring is accepted")
	}
}
