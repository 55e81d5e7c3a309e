package events

import (
	"time"

	"github.com/convene/convene/hub"
)

// Viewer is who is looking at a hub's events, as far as what they may see
// depends on it.
type Viewer struct {
	// PersonID is the signed-in person, or 0 for an anonymous visitor.
	PersonID int64
	// Manager is true for the hub's coordinators and site admins.
	Manager bool
	// InHub is true for the people of the hub's member organisations.
	InHub bool
}

// CanSee is the visibility rule, for one event: drafts are seen only by
// those who manage the hub; anyone with a live registration sees the
// event; otherwise public events are seen by all and members-only events
// by the hub's people. Invite-only events are seen by those registered.
// storage lists events with the same rule written as SQL (visibleTo), and a
// test there proves the two agree.
func CanSee(e Event, v Viewer, registered bool) bool {
	switch {
	case v.Manager:
		return true
	case e.Status == StatusDraft:
		return false
	case registered:
		return true
	}
	return e.Visibility == VisibilityPublic || (e.Visibility == VisibilityMembers && v.InHub)
}

// NeedsNewSequence reports whether changing an event from old to updated
// is one calendars must notice (RFC 5545 SEQUENCE): its times, place,
// format, joining link or title.
func NeedsNewSequence(old, updated Event) bool {
	return !old.StartsAt.Equal(updated.StartsAt) || !old.EndsAt.Equal(updated.EndsAt) || old.Venue != updated.Venue ||
		old.Format != updated.Format || old.OnlineURL != updated.OnlineURL || old.Title != updated.Title
}

// AcceptsWalkIns says whether coordinators may add people at the door:
// only at a published event.
func (e Event) AcceptsWalkIns() error {
	if e.Status != StatusPublished {
		return hub.Errorf(hub.EConflict, "Walk-ins can only be added to a published event.")
	}
	return nil
}

// CanCheckIn says whether a registration may be checked in (or the check-in
// undone): a cancelled one may not; the person is added as a walk-in.
func (r Registration) CanCheckIn() error {
	if r.Status == RegCancelled {
		return hub.Errorf(hub.EConflict, "This registration was cancelled; add the person as a walk-in instead.")
	}
	return nil
}

// SelfRegistrationError says why a viewer may not register themselves for
// e at now, or nil: the event must take registrations; invite-only events
// take them from coordinators only, members-only ones from the hub's
// people. hubName names the hub in the message.
func SelfRegistrationError(e Event, v Viewer, hubName string, now time.Time) error {
	if err := e.AcceptsRegistrations(now); err != nil {
		return err
	}
	if v.Manager || RegistrationOpenTo(e.Visibility, v.InHub, false) {
		return nil
	}
	if e.Visibility == VisibilityInviteOnly {
		return hub.Errorf(hub.EForbidden, "This event is by invitation only: the hub’s coordinators register the people invited.")
	}
	return hub.Errorf(hub.EForbidden, "This event is for the people of %s’s member organisations.", hubName)
}
