package events

import (
	"time"

	"github.com/convene/convene/hub"
)

// PlacesLeft says how many places are still free when registered people
// hold a place. Unlimited events report unlimited and left 0. An event
// whose capacity was lowered below the registered count has 0 left.
func (e Event) PlacesLeft(registered int) (left int, unlimited bool) {
	if e.Capacity == nil {
		return 0, true
	}
	return max(*e.Capacity-registered, 0), false
}

// HasStarted reports whether the event has begun at now.
func (e Event) HasStarted(now time.Time) bool { return !now.Before(e.StartsAt) }

// IsPast reports whether the event is over at now.
func (e Event) IsPast(now time.Time) bool { return !now.Before(e.EndsAt) }

// AcceptsRegistrations says whether people may register themselves (or
// join the waitlist) at now: only for a published event that has not yet
// started. Who may register for a members-only or invite-only event is
// decided by the authorisation policy (see RegistrationOpenTo); walk-ins on
// the day are recorded by check-in, not through here.
func (e Event) AcceptsRegistrations(now time.Time) error {
	switch e.Status {
	case StatusPublished:
	case StatusDraft:
		return hub.Errorf(hub.EConflict, "This event is not published yet, so it is not open for registration.")
	case StatusCancelled:
		return hub.Errorf(hub.EConflict, "This event has been cancelled, so it is not taking registrations.")
	default:
		return hub.Errorf(hub.EInvalid, "This event has an unknown status %q.", e.Status)
	}
	if e.HasStarted(now) {
		return hub.Errorf(hub.EConflict, "This event has already started, so registration has closed.")
	}
	return nil
}

// RegistrationOpenTo says whether someone may register, given the event's
// visibility, whether they act for a member organisation of the hub and
// whether they were invited. An invitation opens any event; it is the
// only way into an invite-only one.
func RegistrationOpenTo(v Visibility, isHubMember, invited bool) bool {
	switch v {
	case VisibilityPublic:
		return true
	case VisibilityMembers:
		return isHubMember || invited
	case VisibilityInviteOnly:
		return invited
	}
	return false
}
