// Package events is the domain of what happens in a hub: events, series
// (recurrence), agendas, registration and waitlist rules, and attendance.
// It holds plain Go rules, tested without HTTP or SQL, and speaks the error
// vocabulary of package hub.
package events

import "strings"

// Format says how people take part in an event.
type Format string

// Formats, in display order.
const (
	FormatInPerson Format = "in_person" // at a venue
	FormatOnline   Format = "online"    // through a link
	FormatHybrid   Format = "hybrid"    // at a venue and through a link
)

// AllFormats lists the formats in display order.
func AllFormats() []Format { return []Format{FormatInPerson, FormatOnline, FormatHybrid} }

// Label is the format as shown to people.
func (f Format) Label() string {
	switch f {
	case FormatInPerson:
		return "In person"
	case FormatOnline:
		return "Online"
	case FormatHybrid:
		return "Hybrid (in person and online)"
	}
	return ""
}

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return f.Label() != "" }

// NeedsVenue reports whether people come to a place.
func (f Format) NeedsVenue() bool { return f == FormatInPerson || f == FormatHybrid }

// NeedsOnlineURL reports whether people join through a link.
func (f Format) NeedsOnlineURL() bool { return f == FormatOnline || f == FormatHybrid }

// Visibility says who can see and register for an event.
type Visibility string

// Visibilities, in display order.
const (
	VisibilityPublic     Visibility = "public"      // anyone
	VisibilityMembers    Visibility = "members"     // people of the hub's member organisations
	VisibilityInviteOnly Visibility = "invite_only" // only people who were invited
)

// AllVisibilities lists the visibilities in display order.
func AllVisibilities() []Visibility {
	return []Visibility{VisibilityPublic, VisibilityMembers, VisibilityInviteOnly}
}

// Label is the visibility as shown to people.
func (v Visibility) Label() string {
	switch v {
	case VisibilityPublic:
		return "Public"
	case VisibilityMembers:
		return "Hub members only"
	case VisibilityInviteOnly:
		return "Invite only"
	}
	return ""
}

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool { return v.Label() != "" }

// Status is where an event is in its life.
type Status string

// Statuses, in display order.
const (
	StatusDraft     Status = "draft"     // seen by coordinators only
	StatusPublished Status = "published" // listed and open for registration
	StatusCancelled Status = "cancelled" // kept so that attendees and feeds learn of it
)

// AllStatuses lists the statuses in display order.
func AllStatuses() []Status { return []Status{StatusDraft, StatusPublished, StatusCancelled} }

// Label is the status as shown to people.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "Draft"
	case StatusPublished:
		return "Published"
	case StatusCancelled:
		return "Cancelled"
	}
	return ""
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s.Label() != "" }

// Audience is a group of people an event is meant for.
type Audience string

// Audiences, in display order.
const (
	AudiencePeerSupportWorkers Audience = "peer_support_workers"
	AudiencePractitioners      Audience = "practitioners"
	AudienceCommissioners      Audience = "commissioners"
	AudienceLivedExperience    Audience = "lived_experience"
	AudienceLocalNetworks      Audience = "local_networks"
)

// AllAudiences lists the audiences in display order.
func AllAudiences() []Audience {
	return []Audience{AudiencePeerSupportWorkers, AudiencePractitioners,
		AudienceCommissioners, AudienceLivedExperience, AudienceLocalNetworks}
}

// Label is the audience as shown to people.
func (a Audience) Label() string {
	switch a {
	case AudiencePeerSupportWorkers:
		return "Peer support workers"
	case AudiencePractitioners:
		return "Practitioners and staff"
	case AudienceCommissioners:
		return "Commissioners"
	case AudienceLivedExperience:
		return "People with lived experience"
	case AudienceLocalNetworks:
		return "Local networks"
	}
	return ""
}

// Valid reports whether a is a known audience.
func (a Audience) Valid() bool { return a.Label() != "" }

// oneOf renders allowed values for an error message: "a, b or c".
func oneOf[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
