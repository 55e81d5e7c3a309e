package events

// AttendeeRole is the capacity in which someone attends, recorded for
// evaluation.
type AttendeeRole string

// Attendee roles, in display order.
const (
	RolePeerSupportWorker AttendeeRole = "peer_support_worker"
	RolePractitioner      AttendeeRole = "practitioner"
	RoleCommissioner      AttendeeRole = "commissioner"
	RoleLivedExperience   AttendeeRole = "lived_experience"
	RoleOther             AttendeeRole = "other"
)

// AllAttendeeRoles lists the attendee roles in display order.
func AllAttendeeRoles() []AttendeeRole {
	return []AttendeeRole{RolePeerSupportWorker, RolePractitioner,
		RoleCommissioner, RoleLivedExperience, RoleOther}
}

// Label is the role as shown to people.
func (r AttendeeRole) Label() string {
	switch r {
	case RolePeerSupportWorker:
		return "Peer support worker"
	case RolePractitioner:
		return "Practitioner or staff"
	case RoleCommissioner:
		return "Commissioner"
	case RoleLivedExperience:
		return "Person with lived experience"
	case RoleOther:
		return "Other"
	}
	return ""
}

// Valid reports whether r is a known attendee role.
func (r AttendeeRole) Valid() bool { return r.Label() != "" }

// AgendaKind says what sort of session an agenda item is.
type AgendaKind string

// Agenda kinds, in display order.
const (
	KindTalk          AgendaKind = "talk"
	KindWorkshop      AgendaKind = "workshop"
	KindDiscussion    AgendaKind = "discussion"
	KindNetworking    AgendaKind = "networking"
	KindBreak         AgendaKind = "break"
	KindResourceShare AgendaKind = "resource_share"
)

// AllAgendaKinds lists the agenda kinds in display order.
func AllAgendaKinds() []AgendaKind {
	return []AgendaKind{KindTalk, KindWorkshop, KindDiscussion,
		KindNetworking, KindBreak, KindResourceShare}
}

// Label is the kind as shown to people.
func (k AgendaKind) Label() string {
	switch k {
	case KindTalk:
		return "Talk"
	case KindWorkshop:
		return "Workshop"
	case KindDiscussion:
		return "Discussion"
	case KindNetworking:
		return "Networking"
	case KindBreak:
		return "Break"
	case KindResourceShare:
		return "Resource sharing"
	}
	return ""
}

// Valid reports whether k is a known agenda kind.
func (k AgendaKind) Valid() bool { return k.Label() != "" }

// RegistrationStatus is where a registration stands.
type RegistrationStatus string

// Registration statuses, in display order.
const (
	RegRegistered RegistrationStatus = "registered" // has a place
	RegWaitlisted RegistrationStatus = "waitlisted" // waits for a place, in order of registering
	RegCancelled  RegistrationStatus = "cancelled"  // gave up their place or waitlist spot
)

// AllRegistrationStatuses lists the registration statuses in display order.
func AllRegistrationStatuses() []RegistrationStatus {
	return []RegistrationStatus{RegRegistered, RegWaitlisted, RegCancelled}
}

// Label is the status as shown to people.
func (s RegistrationStatus) Label() string {
	switch s {
	case RegRegistered:
		return "Registered"
	case RegWaitlisted:
		return "On the waitlist"
	case RegCancelled:
		return "Cancelled"
	}
	return ""
}

// Valid reports whether s is a known registration status.
func (s RegistrationStatus) Valid() bool { return s.Label() != "" }
