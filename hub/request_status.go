package hub

import "fmt"

// RequestStatus is where a topic request stands.
type RequestStatus string

// The statuses of a topic request. Open and accepted requests wait for an
// agenda; scheduled ones are on an event's agenda; delivered, declined,
// merged and withdrawn ones are done with.
const (
	RequestOpen      RequestStatus = "open"
	RequestAccepted  RequestStatus = "accepted"
	RequestScheduled RequestStatus = "scheduled"
	RequestDelivered RequestStatus = "delivered"
	RequestDeclined  RequestStatus = "declined"
	RequestMerged    RequestStatus = "merged"
	RequestWithdrawn RequestStatus = "withdrawn"
)

// RequestStatuses lists every status in the order of a request's life.
func RequestStatuses() []RequestStatus {
	return []RequestStatus{RequestOpen, RequestAccepted, RequestScheduled, RequestDelivered, RequestDeclined, RequestMerged, RequestWithdrawn}
}

// Valid reports whether s is a known status.
func (s RequestStatus) Valid() bool {
	for _, k := range RequestStatuses() {
		if s == k {
			return true
		}
	}
	return false
}

// Label is the status as pages show it.
func (s RequestStatus) Label() string {
	switch s {
	case RequestOpen:
		return "Open"
	case RequestAccepted:
		return "Accepted"
	case RequestScheduled:
		return "Scheduled"
	case RequestDelivered:
		return "Delivered"
	case RequestDeclined:
		return "Declined"
	case RequestMerged:
		return "Merged"
	case RequestWithdrawn:
		return "Withdrawn"
	}
	return string(s)
}

// Waiting reports whether the request waits for an agenda: what the
// agenda builder offers and the ranking orders.
func (s RequestStatus) Waiting() bool { return s == RequestOpen || s == RequestAccepted }

// Backable reports whether organisations may still support the request.
func (s RequestStatus) Backable() bool { return s.Waiting() || s == RequestScheduled }

// Party is a side that may change a request's status.
type Party int

// The parties. System is Convene itself (delivered once the event ended).
const (
	PartyRequester Party = iota + 1
	PartyCoordinator
	PartySystem
)

func (p Party) String() string {
	switch p {
	case PartyRequester:
		return "the requesting organisation"
	case PartyCoordinator:
		return "the hub’s coordinators"
	case PartySystem:
		return "Convene, when the event has ended"
	}
	return "nobody"
}

// transitions says, for each status, which statuses it may become and who
// may make that change. Scheduling goes through the agenda builder (an
// agenda item is made for it); removing that item returns it to accepted.
var transitions = map[RequestStatus]map[RequestStatus]Party{
	RequestOpen: {
		RequestAccepted: PartyCoordinator, RequestDeclined: PartyCoordinator, RequestMerged: PartyCoordinator,
		RequestScheduled: PartyCoordinator, RequestWithdrawn: PartyRequester,
	},
	RequestAccepted: {
		RequestOpen: PartyCoordinator, RequestDeclined: PartyCoordinator, RequestMerged: PartyCoordinator,
		RequestScheduled: PartyCoordinator, RequestWithdrawn: PartyRequester,
	},
	RequestScheduled: {RequestAccepted: PartyCoordinator, RequestDelivered: PartySystem},
	RequestDeclined:  {RequestOpen: PartyCoordinator},
	RequestWithdrawn: {RequestOpen: PartyRequester},
}

// Transitions lists the statuses a request in status from may move to.
func Transitions(from RequestStatus) map[RequestStatus]Party { return transitions[from] }

// Parties is the set of parties an actor plays for one request.
type Parties struct {
	// Requester: the actor acts for the requesting organisation, which is
	// an active member of the hub.
	Requester bool
	// Coordinator: the actor coordinates the hub (or is a site admin).
	Coordinator bool
	// System: Convene itself.
	System bool
}

// Plays reports whether p includes party.
func (p Parties) Plays(party Party) bool {
	switch party {
	case PartyRequester:
		return p.Requester
	case PartyCoordinator:
		return p.Coordinator
	case PartySystem:
		return p.System
	}
	return false
}

// CheckTransition decides whether parties may move a request from one
// status to another: a change the machine does not allow is a conflict
// (with what to do instead), one allowed to someone else is forbidden, and
// declining needs a reason the requester will read.
func CheckTransition(from, to RequestStatus, p Parties, reason string) error {
	if !to.Valid() {
		return FieldError("status", "Choose a status: "+fmt.Sprint(RequestStatuses()))
	}
	if from == to {
		return Errorf(EConflict, "This request is already %s.", lower(to.Label()))
	}
	who, ok := transitions[from][to]
	if !ok {
		return &Error{Code: EConflict, Message: transitionHint(from, to)}
	}
	if !p.Plays(who) {
		return Errorf(EForbidden, "Only %s can make a request %s.", who, lower(to.Label()))
	}
	if to == RequestDeclined && reason == "" {
		return FieldError("reason", "Say why it is declined: the organisation that asked will see it")
	}
	return nil
}

// transitionHint explains a change the machine refuses.
func transitionHint(from, to RequestStatus) string {
	switch {
	case to == RequestScheduled && (from == RequestDeclined || from == RequestWithdrawn):
		return fmt.Sprintf("A %s request cannot be scheduled: reopen it first.", lower(from.Label()))
	case to == RequestScheduled && from == RequestScheduled:
		return "This request is already on an agenda."
	case from == RequestScheduled:
		return "This request is on an event’s agenda: remove it from the agenda first."
	case from == RequestDelivered || from == RequestMerged:
		return fmt.Sprintf("This request is %s; it can no longer change.", lower(from.Label()))
	case to == RequestDelivered:
		return "A request becomes delivered by itself when the event it was scheduled into has ended."
	}
	return fmt.Sprintf("A %s request cannot become %s.", lower(from.Label()), lower(to.Label()))
}

// CheckEdit decides whether parties may change what a request asks for:
// its organisation's members, while it is open.
func CheckEdit(r *TopicRequest, p Parties) error {
	if !p.Requester {
		return Errorf(EForbidden, "Only members of the organisation that made this request can edit it.")
	}
	if r.Status != RequestOpen {
		return Errorf(EConflict, "This request is %s; it can only be edited while it is open.", lower(r.Status.Label()))
	}
	return nil
}

// CheckMerge decides whether source may be merged into target (whose own
// merge chain is chain, the ids it leads to, nearest first): same hub,
// not itself, never a cycle, and into a request still in play.
func CheckMerge(source, target *TopicRequest, chain []int64) error {
	const field = "merged_into"
	switch {
	case target.ID == source.ID:
		return FieldError(field, "A request cannot be merged into itself")
	case target.HubID != source.HubID:
		return FieldError(field, "That request belongs to another hub")
	}
	for _, id := range chain {
		if id == source.ID {
			return FieldError(field, fmt.Sprintf("Request %d was merged into this one: merging back would make a cycle", target.ID))
		}
	}
	if target.Status == RequestMerged && target.MergedInto != nil {
		return FieldError(field, fmt.Sprintf("Request %d was itself merged into request %d: merge into that one", target.ID, *target.MergedInto))
	}
	if !target.Status.Backable() {
		return FieldError(field, fmt.Sprintf("Request %d is %s: merge into a request that is still open, accepted or scheduled", target.ID, lower(target.Status.Label())))
	}
	return nil
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
