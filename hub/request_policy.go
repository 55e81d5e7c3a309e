package hub

// Who may do what with topic requests. activeOrgs are always the actor's
// own organisations that are active members of the hub in question: an
// organisation removed from a hub (or only invited) no longer acts in it.

// CanSeeRequests: a hub's request board is for its coordinators,
// evaluators, site admins and the people of its active member
// organisations — requests say what projects struggle with.
func CanSeeRequests(a *Actor, hubID int64, activeOrgs []int64) bool {
	if !a.SignedIn() {
		return false
	}
	return a.Admin || a.Coordinates[hubID] || a.Evaluates[hubID] || len(activeOrgs) > 0
}

// CheckActFor decides whether the actor may act in the hub for orgID:
// they must belong to it, and it must be an active member of the hub.
func CheckActFor(a *Actor, orgID int64, activeOrgs []int64) error {
	if !a.SignedIn() {
		return Errorf(EUnauthorised, "Sign in first.")
	}
	if !a.Organisations[orgID] {
		return &Error{Code: EForbidden, Message: "You can only act for an organisation you belong to.",
			Fields: map[string]string{"organisation_id": "You do not belong to this organisation"}}
	}
	for _, id := range activeOrgs {
		if id == orgID {
			return nil
		}
	}
	return &Error{Code: EForbidden, Message: "That organisation is not a member of this hub.",
		Fields: map[string]string{"organisation_id": "This organisation is not a member of this hub"}}
}

// PartiesFor is what the actor is to a request of hubID made by
// requesterOrg.
func PartiesFor(a *Actor, hubID, requesterOrg int64, activeOrgs []int64) Parties {
	return Parties{
		Requester:   CheckActFor(a, requesterOrg, activeOrgs) == nil,
		Coordinator: CanManageHub(a, hubID),
	}
}

// CheckBacking decides whether orgID may support or offer to deliver r:
// the actor acts for it in the hub, it is not the organisation that asked,
// and the request is still in play (open or accepted for offers; also
// scheduled for supports, which still count who asked).
func CheckBacking(a *Actor, r *TopicRequest, orgID int64, activeOrgs []int64, offer bool) error {
	if err := CheckActFor(a, orgID, activeOrgs); err != nil {
		return err
	}
	if orgID == r.OrganisationID {
		what := "support"
		if offer {
			what = "offer to deliver"
		}
		return &Error{Code: EInvalid, Message: "Your organisation made this request; you cannot " + what + " your own request.",
			Fields: map[string]string{"organisation_id": "This organisation made the request"}}
	}
	ok := r.Status.Backable()
	if offer {
		ok = r.Status.Waiting()
	}
	if !ok {
		return Errorf(EConflict, "This request is %s; it no longer takes %s.", lower(r.Status.Label()), map[bool]string{true: "offers", false: "support"}[offer])
	}
	return nil
}
