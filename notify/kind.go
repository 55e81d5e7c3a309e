package notify

// Kind is what a message is about.
type Kind string

// The kinds of message Convene sends.
const (
	// KindRegistered confirms a place at an event.
	KindRegistered Kind = "registered"
	// KindWaitlisted confirms a place on an event's waitlist.
	KindWaitlisted Kind = "waitlisted"
	// KindPromoted tells someone on the waitlist they now have a place.
	KindPromoted Kind = "promoted"
	// KindEventChanged tells those registered or waiting that the time,
	// place or format of an event changed.
	KindEventChanged Kind = "event_changed"
	// KindEventCancelled tells them the event is called off, and why.
	KindEventCancelled Kind = "event_cancelled"
	// KindReminder reminds people with a place shortly before the event.
	KindReminder Kind = "reminder"
	// KindManageLink sends a guest a fresh link to manage a registration.
	KindManageLink Kind = "manage_link"
	// KindInvite invites a new person to set a password.
	KindInvite Kind = "invite"
	// KindPasswordReset sends a link to set a new password.
	KindPasswordReset Kind = "password_reset"
	// KindOrganisationInvite tells someone with an account that an
	// organisation invites them to join it.
	KindOrganisationInvite Kind = "organisation_invite"
	// KindDigest is a coordinator's daily list of what waits for them.
	KindDigest Kind = "digest"
	// KindFeedbackAsk asks someone who came to an event for their
	// feedback, with their private link (and once more as a reminder).
	KindFeedbackAsk Kind = "feedback_ask"
	// KindFeedbackCode sends a guest the one-time code they asked for to
	// give feedback.
	KindFeedbackCode Kind = "feedback_code"
)

// AllKinds lists every kind, in the order pages show them.
func AllKinds() []Kind {
	return []Kind{KindRegistered, KindWaitlisted, KindPromoted, KindEventChanged, KindEventCancelled, KindReminder,
		KindManageLink, KindInvite, KindPasswordReset, KindOrganisationInvite, KindDigest, KindFeedbackAsk, KindFeedbackCode}
}

// OptionalKinds are the kinds people may turn off (and that carry a
// one-click unsubscribe); every other kind is needed to take part.
func OptionalKinds() []Kind { return []Kind{KindReminder, KindDigest} }

// Optional reports whether people may turn this kind off.
func (k Kind) Optional() bool { return k == KindReminder || k == KindDigest }

// Label names the kind on pages.
func (k Kind) Label() string {
	switch k {
	case KindRegistered:
		return "Registration confirmed"
	case KindWaitlisted:
		return "Waitlist place confirmed"
	case KindPromoted:
		return "Place from the waitlist"
	case KindEventChanged:
		return "Event changed"
	case KindEventCancelled:
		return "Event cancelled"
	case KindReminder:
		return "Reminders before events"
	case KindManageLink:
		return "Link to manage a registration"
	case KindInvite:
		return "Invitation to Convene"
	case KindPasswordReset:
		return "Password reset"
	case KindOrganisationInvite:
		return "Invitation to join an organisation"
	case KindDigest:
		return "Coordinators’ daily digest"
	case KindFeedbackAsk:
		return "Asking for your feedback"
	case KindFeedbackCode:
		return "Code to give feedback"
	}
	return ""
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k.Label() != "" }

// AboutEvent reports whether messages of the kind are about one event
// (and carry its .ics).
func (k Kind) AboutEvent() bool {
	switch k {
	case KindRegistered, KindWaitlisted, KindPromoted, KindEventChanged, KindEventCancelled, KindReminder, KindManageLink:
		return true
	}
	return false
}
