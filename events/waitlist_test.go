package events

import (
	"testing"
	"time"
)

func TestAdmit(t *testing.T) {
	tests := []struct {
		name       string
		capacity   *int
		registered int
		want       RegistrationStatus
	}{
		{"Unlimited", nil, 1000, RegRegistered},
		{"PlacesLeft", ptr(20), 19, RegRegistered},
		{"Full", ptr(20), 20, RegWaitlisted},
		{"OverCapacity", ptr(12), 14, RegWaitlisted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Admit(tt.capacity, tt.registered); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPromotionCount(t *testing.T) {
	tests := []struct {
		name                   string
		capacity               *int
		registered, waitlisted int
		want                   int
	}{
		{"NobodyWaiting", ptr(20), 10, 0, 0},
		{"OneCancelled", ptr(20), 19, 5, 1},
		{"CapacityRaised", ptr(25), 20, 3, 3},
		{"CapacityRaisedByMoreThanWaiting", ptr(30), 20, 3, 3},
		{"CapacityRaisedByLess", ptr(22), 20, 5, 2},
		{"CapacityRemoved", nil, 20, 7, 7},
		{"StillFull", ptr(20), 20, 4, 0},
		{"CapacityLoweredNeverDemotes", ptr(12), 14, 4, 0},
		{"NegativeWaitlist", ptr(20), 10, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PromotionCount(tt.capacity, tt.registered, tt.waitlisted); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCapacityWarning(t *testing.T) {
	tests := []struct {
		name       string
		capacity   *int
		registered int
		want       string
	}{
		{"Unlimited", nil, 14, ""},
		{"Under", ptr(20), 14, ""},
		{"Exactly", ptr(14), 14, ""},
		{"Over", ptr(12), 14, "14 people are registered but capacity is now 12: nobody has been removed; new registrations join the waitlist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CapacityWarning(tt.capacity, tt.registered); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("OnePerson", func(t *testing.T) {
		// Not reachable through Event.Validate (capacity is at least 1), but
		// the sentence must still read well.
		want := "1 person is registered but capacity is now 0: nobody has been removed; new registrations join the waitlist"
		if got := CapacityWarning(ptr(0), 1); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestWaitlist(t *testing.T) {
	at := MustUTC(t, "2026-03-01 09:00")
	regs := []Registration{
		{ID: 1, Status: RegRegistered, CreatedAt: at},
		{ID: 5, Status: RegWaitlisted, CreatedAt: at.Add(3 * time.Minute)},
		{ID: 4, Status: RegWaitlisted, CreatedAt: at.Add(time.Minute)},
		{ID: 3, Status: RegWaitlisted, CreatedAt: at.Add(time.Minute)},
		{ID: 2, Status: RegCancelled, CreatedAt: at},
	}
	tests := []struct {
		name string
		id   int64
		want int
	}{
		{"FirstByTimeThenID", 3, 1},
		{"SecondSameTime", 4, 2},
		{"Last", 5, 3},
		{"RegisteredIsNotWaiting", 1, 0},
		{"CancelledIsNotWaiting", 2, 0},
		{"Unknown", 99, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WaitlistPosition(regs, tt.id); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
	t.Run("Order", func(t *testing.T) {
		var got []int64
		for _, r := range Waitlist(regs) {
			got = append(got, r.ID)
		}
		if len(got) != 3 || got[0] != 3 || got[1] != 4 || got[2] != 5 {
			t.Errorf("got %v, want [3 4 5]", got)
		}
		if regs[1].ID != 5 {
			t.Errorf("input reordered")
		}
	})
}
