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

// CanIssuePasswordLink: make an invite or password-reset link for a person
// – which lets whoever holds it into their account. Admins may for anyone.
// A coordinator may only for people reached through the hubs they run
// alone: not for anyone holding a role (coordinators, evaluators, admins),
// nor for someone whose organisations belong to a hub they do not run.
// hubs are the hubs of the person's organisations; roles counts their roles.
func CanIssuePasswordLink(a *Actor, roles int, hubs []int64) bool {
	switch {
	case !a.SignedIn():
		return false
	case a.Admin:
		return true
	case roles > 0 || len(hubs) == 0:
		return false
	}
	for _, h := range hubs {
		if !a.Coordinates[h] {
			return false
		}
	}
	return true
}
