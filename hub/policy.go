package hub

// The authorisation policy: who may do what, decided here and nowhere else.
// Pages and the API ask these functions; a nil or anonymous actor may do
// only what anyone may.

// CanAdminister: site administration (hubs, roles, everything).
func CanAdminister(a *Actor) bool { return a.SignedIn() && a.Admin }

// CanManageHub: edit the hub, its members, people and events — its
// coordinators and admins.
func CanManageHub(a *Actor, hubID int64) bool {
	return a.SignedIn() && (a.Admin || a.Coordinates[hubID])
}

// CanInvitePeople: create accounts for others — admins and coordinators of
// any hub (each into the organisations of their hubs).
func CanInvitePeople(a *Actor) bool { return a.SignedIn() && (a.Admin || len(a.Coordinates) > 0) }

// CanCreateOrganisation: anyone signed in may register an organisation,
// and becomes its first member.
func CanCreateOrganisation(a *Actor) bool { return a.SignedIn() }

// CanEditOrganisation: the organisation's own members and admins.
func CanEditOrganisation(a *Actor, orgID int64) bool {
	return a.SignedIn() && (a.Admin || a.Organisations[orgID])
}

// CanActForOrganisation: act in the organisation's name (ask to join a
// hub, request topics) — its members only.
func CanActForOrganisation(a *Actor, orgID int64) bool {
	return a.SignedIn() && a.Organisations[orgID]
}

// CanAddColleague: affiliate a person with an organisation — its members,
// the coordinators of any hub it belongs to, and admins. hubsOfOrg are the
// hubs the organisation is an active member of.
func CanAddColleague(a *Actor, orgID int64, hubsOfOrg []int64) bool {
	if !a.SignedIn() {
		return false
	}
	if a.Admin || a.Organisations[orgID] {
		return true
	}
	for _, h := range hubsOfOrg {
		if a.Coordinates[h] {
			return true
		}
	}
	return false
}

// CanManageTopics: add topics to the shared list — coordinators and admins.
func CanManageTopics(a *Actor) bool { return a.SignedIn() && (a.Admin || len(a.Coordinates) > 0) }

// Reach is what a sign-in link for a person would unlock: what decides
// who may make one.
type Reach struct {
	// Roles counts the person's roles anywhere.
	Roles int
	// Hubs lists the hubs their organisations are active members of.
	Hubs []int64
	// Unconsented counts those memberships that came about without the
	// organisation's consent (added directly by an admin).
	Unconsented int
	// HasPassword is true once the person has set a password: theirs is an
	// active account.
	HasPassword bool
}

// CanIssuePasswordLink: make an invite or password-reset link for a
// person – which lets whoever holds it into their account. Admins may for
// anyone. A coordinator may only for someone who has never set a password
// (a reset for an active account is an admin or self-service matter),
// holds no role, and whose organisations' every hub membership was agreed
// to by the organisation and is in a hub that coordinator runs: nobody
// gains an account by pulling its organisation into their hub.
func CanIssuePasswordLink(a *Actor, r Reach) bool {
	switch {
	case !a.SignedIn():
		return false
	case a.Admin:
		return true
	case r.Roles > 0 || r.HasPassword || r.Unconsented > 0 || len(r.Hubs) == 0:
		return false
	}
	for _, h := range r.Hubs {
		if !a.Coordinates[h] {
			return false
		}
	}
	return true
}

// CanAnswerHubInvitation: accept or decline a hub's invitation on behalf
// of an organisation — its own members only (not the coordinator who
// invited it, nor an admin: consent must come from the organisation).
func CanAnswerHubInvitation(a *Actor, orgID int64) bool { return CanActForOrganisation(a, orgID) }

// CanReadHubReports: a hub's attendance totals and (later) its evaluation
// reports, in numbers that identify nobody — the hub's evaluators and
// coordinators, and admins.
func CanReadHubReports(a *Actor, hubID int64) bool {
	return a.SignedIn() && (a.Admin || a.Coordinates[hubID] || a.Evaluates[hubID])
}
