package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// hubJSON is a hub as the API shows it.
type hubJSON struct {
	hub.Hub
	Members int `json:"members"`
}

// apiHubs lists the hubs.
func (s *server) apiHubs(c echo.Context) error {
	hubs, err := s.db.ListHubs(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]hubJSON, len(hubs))
	for i, h := range hubs {
		out[i] = hubJSON{Hub: h.Hub, Members: h.Members}
	}
	return c.JSON(http.StatusOK, list[hubJSON]{Items: out})
}

// apiHub returns one hub.
func (s *server) apiHub(c echo.Context) error {
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	setETag(c, h.Version)
	return c.JSON(http.StatusOK, h)
}

// hubInput is the body of POST and PATCH on hubs; PATCH changes only the
// fields given.
type hubInput struct {
	Slug        *string `json:"slug"`
	Name        *string `json:"name"`
	Region      *string `json:"region"`
	TimeZone    *string `json:"timezone"`
	Description *string `json:"description"`
}

func (in hubInput) apply(h *hub.Hub) {
	set(&h.Slug, in.Slug)
	set(&h.Name, in.Name)
	set(&h.Region, in.Region)
	set(&h.TimeZone, in.TimeZone)
	set(&h.Description, in.Description)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// apiCreateHub creates a hub (admins).
func (s *server) apiCreateHub(c echo.Context) error {
	var in hubInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var h hub.Hub
	in.apply(&h)
	if err := s.db.CreateHub(c.Request().Context(), personIDOf(c), &h); err != nil {
		return err
	}
	setETag(c, h.Version)
	return c.JSON(http.StatusCreated, h)
}

// apiUpdateHub edits a hub (its coordinators and admins; the slug only by
// admins), as it is when the change is made; If-Match makes it conditional.
func (s *server) apiUpdateHub(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	var in hubInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	h, err = s.db.ChangeHub(c.Request().Context(), personIDOf(c), h.ID, ifMatch(c), func(h *hub.Hub) error {
		if in.Slug != nil && *in.Slug != h.Slug && !hub.CanAdminister(actorOf(c)) {
			return forbidden("Only site administrators can change a hub’s slug.")
		}
		in.apply(h)
		return nil
	})
	if err != nil {
		return err
	}
	setETag(c, h.Version)
	return c.JSON(http.StatusOK, h)
}

// apiHubMembers lists a hub's member organisations.
func (s *server) apiHubMembers(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	orgs, err := s.db.MembersOfHub(ctx, h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[hub.Organisation]{Items: orgs})
}

// organisationRef is a body naming an organisation.
type organisationRef struct {
	OrganisationID int64 `json:"organisation_id"`
}

// apiAddMember invites an organisation to a hub (coordinators): 202 and
// status "invited" until one of its members accepts; 201 and "active" when
// an admin adds it or it had asked to join.
func (s *server) apiAddMember(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	var in organisationRef
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	status, err := s.db.OfferMembership(c.Request().Context(), actorOf(c), h.ID, in.OrganisationID)
	if err != nil {
		return err
	}
	code := http.StatusCreated
	if status == storage.MembershipInvited {
		code = http.StatusAccepted
	}
	return c.JSON(code, map[string]any{"organisation_id": in.OrganisationID, "status": status})
}

// apiRemoveMember takes an organisation out of a hub (coordinators).
func (s *server) apiRemoveMember(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	orgID, err := pathID(c, "organisation_id")
	if err != nil {
		return err
	}
	if err := s.db.RemoveMember(c.Request().Context(), personIDOf(c), h.ID, orgID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// roleInput is the body of PUT and DELETE on a hub's roles.
type roleInput struct {
	PersonID int64        `json:"person_id"`
	Role     hub.RoleKind `json:"role"`
}

// apiRole grants (PUT) or revokes (DELETE) a coordinator or evaluator
// role in a hub (admins).
func (s *server) apiRole(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in roleInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var f hub.FieldErrors
	if !in.Role.HubRole() {
		f.Add("role", "must be coordinator or evaluator")
	}
	if _, err := s.db.PersonByID(ctx, in.PersonID); err != nil {
		f.Add("person_id", "There is no person with this id")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if c.Request().Method == http.MethodDelete {
		if err := s.db.RevokeRole(ctx, personIDOf(c), in.PersonID, in.Role, &h.ID); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	if err := s.db.GrantRole(ctx, personIDOf(c), in.PersonID, in.Role, &h.ID); err != nil {
		return err
	}
	staff, err := s.db.HubStaff(ctx, h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[storage.StaffMember]{Items: staff})
}

// apiHubRoles lists a hub's coordinators and evaluators (admins and its
// coordinators).
func (s *server) apiHubRoles(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	staff, err := s.db.HubStaff(c.Request().Context(), h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[storage.StaffMember]{Items: staff})
}

// apiHubPeople lists a hub's people with their emails (coordinators).
func (s *server) apiHubPeople(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	people, err := s.db.HubPeople(c.Request().Context(), h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[storage.HubPerson]{Items: people})
}

// apiJoinRequests lists the organisations waiting to join (coordinators).
func (s *server) apiJoinRequests(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	reqs, err := s.db.PendingRequests(c.Request().Context(), h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[storage.MembershipRequest]{Items: reqs})
}

// apiRequestToJoin asks for an organisation to join a hub (its members).
func (s *server) apiRequestToJoin(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in struct {
		OrganisationID int64  `json:"organisation_id"`
		Message        string `json:"message"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if !hub.CanActForOrganisation(actorOf(c), in.OrganisationID) {
		return forbidden("Only members of an organisation can ask for it to join a hub.")
	}
	var f hub.FieldErrors
	hub.CheckLength(&f, "message", "The message", in.Message, 2000)
	if err := f.Err(); err != nil {
		return err
	}
	status, err := s.db.RequestMembership(ctx, actorOf(c).PersonID(), h.ID, in.OrganisationID, in.Message)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"organisation_id": in.OrganisationID, "status": status})
}

// apiDecideJoin approves or declines a request to join (coordinators).
func (s *server) apiDecideJoin(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	orgID, err := pathID(c, "organisation_id")
	if err != nil {
		return err
	}
	var in struct {
		Decision string `json:"decision"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Decision != "approve" && in.Decision != "decline" {
		return hub.FieldError("decision", "must be approve or decline")
	}
	if err := s.db.DecideMembership(c.Request().Context(), actorOf(c).PersonID(), h.ID, orgID, in.Decision == "approve"); err != nil {
		return err
	}
	status := map[string]string{"approve": "active", "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"organisation_id": orgID, "status": status})
}

// apiHubInvitations lists the hubs' invitations waiting for an
// organisation's answer (its members).
func (s *server) apiHubInvitations(c echo.Context) error {
	orgID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if !hub.CanAnswerHubInvitation(actorOf(c), orgID) {
		return forbidden("Only the organisation’s own members can see its invitations.")
	}
	invs, err := s.db.HubInvitations(c.Request().Context(), []int64{orgID})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[storage.HubInvitation]{Items: invs})
}

// apiAnswerHubInvitation accepts or declines a hub's invitation for an
// organisation (its members).
func (s *server) apiAnswerHubInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	orgID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in struct {
		Decision string `json:"decision"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Decision != "accept" && in.Decision != "decline" {
		return hub.FieldError("decision", "must be accept or decline")
	}
	if err := s.db.AnswerHubInvitation(ctx, actorOf(c), h.ID, orgID, in.Decision == "accept"); err != nil {
		return err
	}
	status := map[string]string{"accept": storage.MembershipActive, "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"hub": h.Slug, "organisation_id": orgID, "status": status})
}
