package events

import (
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/hub"
)

// Limits on what a registration may hold.
const (
	MaxGuestNameLen   = 200
	MaxAccessNeedsLen = 2000
)

// Registration is someone's place, or place in the waitlist, at an event.
type Registration struct {
	// ID identifies the registration; 0 until stored.
	ID int64
	// EventID is the event registered for.
	EventID int64
	// PersonID is the signed-in person who registered; nil for a guest.
	PersonID *int64
	// GuestName is a guest's name; empty when PersonID is set.
	GuestName string
	// GuestEmail is a guest's email, normalised; empty when PersonID is set.
	GuestEmail string
	// AttendeeRole is the capacity in which they attend, for evaluation.
	AttendeeRole AttendeeRole
	// AccessNeeds tells the coordinator what they need to take part; private.
	AccessNeeds string
	// Status is registered, waitlisted or cancelled.
	Status RegistrationStatus
	// CreatedAt is when they registered; it orders the waitlist.
	CreatedAt time.Time
	// AttendedAt is when they were checked in; nil if they were not.
	AttendedAt *time.Time
	// CancelledAt is when they cancelled; nil unless Status is cancelled.
	CancelledAt *time.Time
	// WalkIn marks someone added at the door: they took no booked place
	// and count as a walk-in, not against the capacity.
	WalkIn bool
}

// RegistrationInput is what someone gives to register: a signed-in person
// is known by PersonID, a guest gives a name and an email.
type RegistrationInput struct {
	// PersonID is the signed-in person registering; nil for a guest.
	PersonID *int64
	// GuestName is a guest's name; ignored when PersonID is set.
	GuestName string
	// GuestEmail is a guest's email; ignored when PersonID is set.
	GuestEmail string
	// AttendeeRole is the capacity in which they attend.
	AttendeeRole AttendeeRole
	// AccessNeeds is anything they need to take part, in their words.
	AccessNeeds string
	// WalkIn marks a guest a coordinator lets in at the door, whose email
	// is optional: people at the door may not want to give one.
	WalkIn bool
}

// Normalise returns the input tidied for storing: text trimmed, the email
// lower-cased, and guest details dropped for a signed-in person. Call
// Validate on the result.
func (in RegistrationInput) Normalise() RegistrationInput {
	in.GuestName = strings.TrimSpace(in.GuestName)
	in.AccessNeeds = strings.TrimSpace(in.AccessNeeds)
	in.GuestEmail = strings.TrimSpace(in.GuestEmail)
	if email, err := hub.NormaliseEmail(in.GuestEmail); err == nil {
		in.GuestEmail = email
	}
	if in.PersonID != nil {
		in.GuestName, in.GuestEmail = "", ""
	}
	return in
}

// Validate checks a registration before it is stored. Field names are
// those of the API.
func (in RegistrationInput) Validate() error {
	var f hub.FieldErrors
	if in.PersonID == nil {
		checkText(&f, "guest_name", "Name", in.GuestName, MaxGuestNameLen, "Enter your name")
		if _, err := hub.NormaliseEmail(in.GuestEmail); err != nil && !(in.WalkIn && in.GuestEmail == "") {
			f.Add("guest_email", hub.ErrorMessage(err))
		}
	}
	if !in.AttendeeRole.Valid() {
		f.Add("attendee_role", fmt.Sprintf("Choose how you are attending: %s", oneOf(AllAttendeeRoles())))
	}
	checkText(&f, "access_needs", "Access needs", in.AccessNeeds, MaxAccessNeedsLen, "")
	return f.Err()
}

// Attended reports whether the registration was checked in.
func (r Registration) Attended() bool { return r.AttendedAt != nil }
