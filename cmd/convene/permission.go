package main

import (
	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
)

// permission says who may call a route: the last column of the route
// table. Each is one of hub's policy functions applied to what the route
// addresses; the operation behind the handler asks the same policy again
// inside its transaction.
type permission int

const (
	public                    permission = iota // anyone, signed in or not
	signedIn                                    // any signed-in person
	admin                                       // site administrators
	coordinator                                 // coordinators of any hub, and admins; the operation decides which hub
	coordinatorOfHub                            // coordinators of the hub :slug, and admins
	coordinatorOfEvent                          // coordinators of the hub of the event :id (visible to them), and admins
	coordinatorOfRegistration                   // coordinators of the hub of the registration :id's event, and admins
	registrantOrCoordinator                     // the registrant of :id, their event's coordinators, or (API) ?token= of its manage link
	organisationEditor                          // members of the organisation :id, and admins
	organisationMember                          // members of the organisation :id only
	colleagueAdder                              // members of the organisation :id, coordinators of its hubs, and admins
	memberOfAnOrganisation                      // people acting for an organisation; the operation checks which
	hubRequestReader                            // people of the hub :slug's active member organisations, its coordinators and evaluators, admins
	requestReader                               // the same, for the hub of the topic request :id
	requesterOrCoordinator                      // members of the organisation that made request :id, its hub's coordinators, admins
	requester                                   // members of the organisation that made request :id (active in its hub)
	coordinatorOfRequest                        // coordinators of the hub of request :id, and admins
	evaluatorOfEvent                            // coordinators and evaluators of the hub of the event :id, and admins
	evaluatorOfHub                              // evaluators and coordinators of the hub :slug, and admins: reports in numbers only
	coordinatorOfSeries                         // coordinators of the hub of the series :id, and admins
)

func (p permission) String() string {
	return [...]string{"public", "signed in", "admin", "coordinator", "coordinator of hub", "coordinator of event",
		"coordinator of registration", "registrant or coordinator", "organisation editor", "organisation member",
		"colleague adder", "member of an organisation", "hub request reader", "request reader",
		"requester or coordinator", "requester", "coordinator of request", "evaluator of event",
		"evaluator of hub", "coordinator of series"}[p]
}

// middleware enforces the permission: anonymous callers of a protected
// route get 401 from the API and the sign-in page otherwise; signed-in
// callers without the right get 403 (404 for an event they may not see).
func (p permission) middleware(s *server) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if p == public || (p == registrantOrCoordinator && c.QueryParam("token") != "") {
				return next(c)
			}
			if !actorOf(c).SignedIn() {
				return s.requireSignIn(c)
			}
			if err := s.allowed(c, p); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// allowed checks p for the signed-in actor and what the route addresses.
func (s *server) allowed(c echo.Context, p permission) error {
	a := actorOf(c)
	switch p {
	case admin:
		return check(hub.CanAdminister(a), "Only site administrators can do that.")
	case coordinator:
		return check(hub.CanInvitePeople(a), "Only coordinators and site administrators can do that.")
	case coordinatorOfHub:
		_, err := s.managedHub(c)
		return err
	case coordinatorOfEvent:
		_, err := s.managedEvent(c)
		return err
	case coordinatorOfRegistration:
		_, _, err := s.managedRegistration(c)
		return err
	case registrantOrCoordinator:
		reg, ec, err := s.registrationOf(c)
		if err != nil {
			return err
		}
		return check(ec.Manage() || (reg.PersonID != nil && *reg.PersonID == a.PersonID()), "You can only cancel your own registration.")
	case organisationEditor, organisationMember, colleagueAdder:
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		switch p {
		case organisationEditor:
			return check(hub.CanEditOrganisation(a, id), "Only the organisation’s own members can change it.")
		case organisationMember:
			return check(hub.CanActForOrganisation(a, id), "Only the organisation’s own members can do that.")
		}
		hubs, err := s.db.ActiveHubIDsOf(c.Request().Context(), id)
		if err != nil {
			return err
		}
		return check(hub.CanAddColleague(a, id, hubs), "Only the organisation’s members, the coordinators of its hubs and site administrators can add people to it.")
	case evaluatorOfHub:
		_, err := s.reportedHub(c)
		return err
	case coordinatorOfSeries:
		_, err := s.managedSeries(c)
		return err
	case memberOfAnOrganisation:
		return check(len(a.Organisations) > 0, "Only people acting for an organisation can do that.")
	case hubRequestReader:
		h, err := s.db.HubRequestAccess(c.Request().Context(), a, c.Param("slug"))
		if err != nil {
			return err
		}
		return check(hub.CanSeeRequests(a, h.HubID, h.ActiveOrgs), "Only the people of the hub’s member organisations, its coordinators and evaluators can see its topic requests.")
	case evaluatorOfEvent:
		ec, err := s.loadEvent(c)
		if err != nil {
			return err
		}
		return check(hub.CanReadHubReports(a, ec.Event.HubID), "Only the coordinators and evaluators of "+ec.Event.Hub.Name+" can see that.")
	case requestReader, requesterOrCoordinator, requester, coordinatorOfRequest:
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		r, err := s.db.RequestAccessOf(c.Request().Context(), a, id)
		if err != nil {
			return err
		}
		parties := hub.PartiesFor(a, r.HubID, r.RequesterOrg, r.ActiveOrgs)
		switch p {
		case requestReader:
			return check(hub.CanSeeRequests(a, r.HubID, r.ActiveOrgs), "Only the people of the hub’s member organisations, its coordinators and evaluators can see its topic requests.")
		case requesterOrCoordinator:
			return check(parties.Requester || parties.Coordinator, "Only the organisation that made the request and the hub’s coordinators can change it.")
		case requester:
			return check(parties.Requester, "Only the organisation that made the request can edit it.")
		}
		return check(parties.Coordinator, "Only the hub’s coordinators can do that.")
	}
	return nil
}

// check is nil when ok, and forbidden with msg otherwise.
func check(ok bool, msg string) error {
	if ok {
		return nil
	}
	return forbidden(msg)
}
