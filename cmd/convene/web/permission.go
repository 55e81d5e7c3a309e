package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
)

// Permission says who may call a route: the last column of the route
// table. Each is one of hub's policy functions applied to what the route
// addresses; the operation behind the handler asks the same policy again
// inside its transaction.
type Permission int

const (
	Public                    Permission = iota // anyone, signed in or not
	SignedIn                                    // any signed-in person
	Admin                                       // site administrators
	Coordinator                                 // coordinators of any hub, and admins; the operation decides which hub
	CoordinatorOfHub                            // coordinators of the hub :slug, and admins
	CoordinatorOfEvent                          // coordinators of the hub of the event :id (visible to them), and admins
	CoordinatorOfRegistration                   // coordinators of the hub of the registration :id's event, and admins
	RegistrantOrCoordinator                     // the registrant of :id, their event's coordinators, or (API) ?token= of its manage link
	OrganisationEditor                          // members of the organisation :id, and admins
	OrganisationMember                          // members of the organisation :id only
	ColleagueAdder                              // members of the organisation :id, coordinators of its hubs, and admins
	MemberOfAnOrganisation                      // people acting for an organisation; the operation checks which
	HubRequestReader                            // people of the hub :slug's active member organisations, its coordinators and evaluators, admins
	RequestReader                               // the same, for the hub of the topic request :id
	RequesterOrCoordinator                      // members of the organisation that made request :id, its hub's coordinators, admins
	Requester                                   // members of the organisation that made request :id (active in its hub)
	EvaluatorOfEvent                            // coordinators and evaluators of the hub of the event :id, and admins
	EvaluatorOfHub                              // evaluators and coordinators of the hub :slug, and admins: reports in numbers only
	CoordinatorOfSeries                         // coordinators of the hub of the series :id, and admins
)

func (p Permission) String() string {
	return [...]string{"public", "signed in", "admin", "coordinator", "coordinator of hub", "coordinator of event",
		"coordinator of registration", "registrant or coordinator", "organisation editor", "organisation member",
		"colleague adder", "member of an organisation", "hub request reader", "request reader",
		"requester or coordinator", "requester", "evaluator of event",
		"evaluator of hub", "coordinator of series"}[p]
}

// middleware enforces the permission: anonymous callers of a protected
// route get 401 from the API and the sign-in page otherwise; signed-in
// callers without the right get 403 (404 for an event they may not see).
func (p Permission) middleware(s *Server) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if p == Public || (p == RegistrantOrCoordinator && c.QueryParam("token") != "") {
				return next(c)
			}
			if !ActorOf(c).SignedIn() {
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
func (s *Server) allowed(c echo.Context, p Permission) error {
	a := ActorOf(c)
	switch p {
	case Admin:
		return check(hub.CanAdminister(a), "Only site administrators can do that.")
	case Coordinator:
		return check(hub.CanInvitePeople(a), "Only coordinators and site administrators can do that.")
	case CoordinatorOfHub:
		_, err := s.ManagedHub(c)
		return err
	case CoordinatorOfEvent:
		_, err := s.ManagedEvent(c)
		return err
	case CoordinatorOfRegistration:
		_, _, err := s.ManagedRegistration(c)
		return err
	case RegistrantOrCoordinator:
		reg, ec, err := s.RegistrationOf(c)
		if err != nil {
			return err
		}
		return check(ec.Manage() || (reg.PersonID != nil && *reg.PersonID == a.PersonID()), "You can only cancel your own registration.")
	case OrganisationEditor, OrganisationMember, ColleagueAdder:
		id, err := PathID(c, "id")
		if err != nil {
			return err
		}
		switch p {
		case OrganisationEditor:
			return check(hub.CanEditOrganisation(a, id), "Only the organisation’s own members can change it.")
		case OrganisationMember:
			return check(hub.CanActForOrganisation(a, id), "Only the organisation’s own members can do that.")
		}
		hubs, err := s.DB.ActiveHubIDsOf(c.Request().Context(), id)
		if err != nil {
			return err
		}
		return check(hub.CanAddColleague(a, id, hubs), "Only the organisation’s members, the coordinators of its hubs and site administrators can add people to it.")
	case EvaluatorOfHub:
		_, err := s.ReportedHub(c)
		return err
	case CoordinatorOfSeries:
		_, err := s.ManagedSeries(c)
		return err
	case MemberOfAnOrganisation:
		return check(len(a.Organisations) > 0, "Only people acting for an organisation can do that.")
	case HubRequestReader:
		h, err := s.DB.HubRequestAccess(c.Request().Context(), a, c.Param("slug"))
		if err != nil {
			return err
		}
		return check(hub.CanSeeRequests(a, h.HubID, h.ActiveOrgs), "Only the people of the hub’s member organisations, its coordinators and evaluators can see its topic requests.")
	case EvaluatorOfEvent:
		ec, err := s.LoadEvent(c)
		if err != nil {
			return err
		}
		return check(hub.CanReadHubReports(a, ec.Event.HubID), "Only the coordinators and evaluators of "+ec.Event.Hub.Name+" can see that.")
	case RequestReader, RequesterOrCoordinator, Requester:
		id, err := PathID(c, "id")
		if err != nil {
			return err
		}
		r, err := s.DB.RequestAccessOf(c.Request().Context(), a, id)
		if err != nil {
			return err
		}
		parties := hub.PartiesFor(a, r.HubID, r.RequesterOrg, r.ActiveOrgs)
		switch p {
		case RequestReader:
			return check(hub.CanSeeRequests(a, r.HubID, r.ActiveOrgs), "Only the people of the hub’s member organisations, its coordinators and evaluators can see its topic requests.")
		case RequesterOrCoordinator:
			return check(parties.Requester || parties.Coordinator, "Only the organisation that made the request and the hub’s coordinators can change it.")
		default: // Requester
			return check(parties.Requester, "Only the organisation that made the request can edit it.")
		}
	}
	return nil
}

// check is nil when ok, and Forbidden with msg otherwise.
func check(ok bool, msg string) error {
	if ok {
		return nil
	}
	return Forbidden(msg)
}

// requireSignIn answers an anonymous request for a protected route: 401
// from the API, a redirect to the sign-in page (and back) otherwise.
func (s *Server) requireSignIn(c echo.Context) error {
	if m := c.Request().Method; isAPI(c) || (m != http.MethodGet && m != http.MethodHead) {
		return &hub.Error{Code: hub.EUnauthorised, Message: "Please sign in first."}
	}
	return c.Redirect(http.StatusSeeOther, "/sign-in?next="+url.QueryEscape(c.Request().URL.RequestURI()))
}
