package events

import (
	"cmp"
	"fmt"
	"slices"
)

// Admit says whether a new registration takes a place or joins the
// waitlist, given the event's capacity (nil for unlimited) and how many
// people hold a place. Promote the waitlist first (PromotionCount), in the
// same transaction, so that nobody overtakes people already waiting.
func Admit(capacity *int, registered int) RegistrationStatus {
	if capacity == nil || registered < *capacity {
		return RegRegistered
	}
	return RegWaitlisted
}

// PromotionCount says how many people at the head of the waitlist should
// be given a place now: after a cancellation, or after the capacity was
// raised or removed. Lowering the capacity below the number registered
// never takes anyone's place away; it promotes nobody until enough people
// cancel (see CapacityWarning).
func PromotionCount(capacity *int, registered, waitlisted int) int {
	if waitlisted <= 0 {
		return 0
	}
	if capacity == nil {
		return waitlisted
	}
	return min(max(*capacity-registered, 0), waitlisted)
}

// CapacityWarning explains to a coordinator what happens when the capacity
// is now below the number registered; it is empty otherwise.
func CapacityWarning(capacity *int, registered int) string {
	if capacity == nil || registered <= *capacity {
		return ""
	}
	people := fmt.Sprintf("%d people are", registered)
	if registered == 1 {
		people = "1 person is"
	}
	return fmt.Sprintf("%s registered but capacity is now %d: nobody has been removed; new registrations join the waitlist",
		people, *capacity)
}

// Waitlist returns the waitlisted registrations in the order they will be
// offered places: first registered first, and by ID for equal times.
func Waitlist(registrations []Registration) []Registration {
	var waiting []Registration
	for _, r := range registrations {
		if r.Status == RegWaitlisted {
			waiting = append(waiting, r)
		}
	}
	slices.SortStableFunc(waiting, func(a, b Registration) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return waiting
}

// WaitlistPosition says where the registration with id stands in the
// waitlist, counting from 1; 0 if it is not waiting.
func WaitlistPosition(registrations []Registration, id int64) int {
	for i, r := range Waitlist(registrations) {
		if r.ID == id {
			return i + 1
		}
	}
	return 0
}
