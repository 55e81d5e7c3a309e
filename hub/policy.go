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

// CanSeeHubPeople: the hub's people with their emails. Coordinators need
// them to run the hub; nobody else does.
func CanSeeHubPeople(a *Actor, hubID int64) bool { return CanManageHub(a, hubID) }

// CanEvaluateHub: reports and exports of a hub — its evaluators,
// coordinators and admins.
func CanEvaluateHub(a *Actor, hubID int64) bool {
	return a.SignedIn() && (a.Admin || a.Coordinates[hubID] || a.Evaluates[hubID])
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
