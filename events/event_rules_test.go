package events

import (
	"strings"
	"testing"
	"time"
)

func TestPlacesLeft(t *testing.T) {
	tests := []struct {
		name          string
		capacity      *int
		registered    int
		wantLeft      int
		wantUnlimited bool
	}{
		{"Unlimited", nil, 500, 0, true},
		{"Empty", ptr(20), 0, 20, false},
		{"Some", ptr(20), 14, 6, false},
		{"Full", ptr(20), 20, 0, false},
		{"OverAfterCapacityLowered", ptr(12), 14, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewTestEvent(t, func(e *Event) { e.Capacity = tt.capacity })
			left, unlimited := e.PlacesLeft(tt.registered)
			if left != tt.wantLeft || unlimited != tt.wantUnlimited {
				t.Errorf("got (%d, %v), want (%d, %v)", left, unlimited, tt.wantLeft, tt.wantUnlimited)
			}
		})
	}
}

func TestEventTimeRules(t *testing.T) {
	e := NewTestEvent(t) // 10:00–16:00 UTC
	tests := []struct {
		name        string
		now         string
		wantStarted bool
		wantPast    bool
	}{
		{"Before", "2026-03-03 09:59", false, false},
		{"AtStart", "2026-03-03 10:00", true, false},
		{"During", "2026-03-03 12:00", true, false},
		{"AtEnd", "2026-03-03 16:00", true, true},
		{"After", "2026-03-04 09:00", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := MustUTC(t, tt.now)
			if got := e.HasStarted(now); got != tt.wantStarted {
				t.Errorf("HasStarted: got %v, want %v", got, tt.wantStarted)
			}
			if got := e.IsPast(now); got != tt.wantPast {
				t.Errorf("IsPast: got %v, want %v", got, tt.wantPast)
			}
		})
	}
}

func TestAcceptsRegistrations(t *testing.T) {
	before, started := MustUTC(t, "2026-03-02 12:00"), MustUTC(t, "2026-03-03 10:00")
	tests := []struct {
		name     string
		status   Status
		now      time.Time
		wantCode string
		wantMsg  string
	}{
		{"OK", StatusPublished, before, "", ""},
		{"ErrDraft", StatusDraft, before, "conflict", "This event is not published yet, so it is not open for registration."},
		{"ErrCancelled", StatusCancelled, before, "conflict", "This event has been cancelled, so it is not taking registrations."},
		{"ErrStarted", StatusPublished, started, "conflict", "This event has already started, so registration has closed."},
		{"ErrUnknownStatus", "archived", before, "invalid", `This event has an unknown status "archived".`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NewTestEvent(t, func(e *Event) { e.Status = tt.status }).AcceptsRegistrations(tt.now)
			WantCode(t, err, tt.wantCode)
			if err != nil && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("got %q, want message %q", err, tt.wantMsg)
			}
		})
	}
}

func TestRegistrationOpenTo(t *testing.T) {
	tests := []struct {
		name        string
		visibility  Visibility
		member, inv bool
		want        bool
	}{
		{"PublicAnyone", VisibilityPublic, false, false, true},
		{"MembersMember", VisibilityMembers, true, false, true},
		{"MembersInvited", VisibilityMembers, false, true, true},
		{"MembersOutsider", VisibilityMembers, false, false, false},
		{"InviteOnlyInvited", VisibilityInviteOnly, false, true, true},
		{"InviteOnlyMemberNotInvited", VisibilityInviteOnly, true, false, false},
		{"UnknownVisibility", "secret", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RegistrationOpenTo(tt.visibility, tt.member, tt.inv); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
