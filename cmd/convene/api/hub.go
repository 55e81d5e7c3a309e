package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// hubJSON is a hub as the API shows it.
type hubJSON struct {
	hub.Hub
	Members int `json:"members"`
}

// Hubs lists the hubs.
func (s *Handler) Hubs(c echo.Context) error {
	hubs, err := s.DB.ListHubs(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]hubJSON, len(hubs))
	for i, h := range hubs {
		out[i] = hubJSON{Hub: h.Hub, Members: h.Members}
	}
	return c.JSON(http.StatusOK, List[hubJSON]{Items: out})
}

// Hub returns one hub.
func (s *Handler) Hub(c echo.Context) error {
	h, err := s.DB.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	web.SetETag(c, h.Version)
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

// CreateHub creates a hub (admins).
func (s *Handler) CreateHub(c echo.Context) error {
	var in hubInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	var h hub.Hub
	in.apply(&h)
	if err := s.DB.CreateHub(c.Request().Context(), web.ActorOf(c), &h); err != nil {
		return err
	}
	web.SetETag(c, h.Version)
	return c.JSON(http.StatusCreated, h)
}

// UpdateHub edits a hub (its coordinators and admins; the slug only by
// admins), as it is when the change is made; If-Match makes it conditional.
func (s *Handler) UpdateHub(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	var in hubInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	h, err = s.DB.ChangeHub(c.Request().Context(), web.ActorOf(c), h.ID, web.IfMatch(c), func(h *hub.Hub) error {
		in.apply(h)
		return nil
	})
	if err != nil {
		return err
	}
	web.SetETag(c, h.Version)
	return c.JSON(http.StatusOK, h)
}

// HubMembers lists a hub's member organisations.
func (s *Handler) HubMembers(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	orgs, err := s.DB.MembersOfHub(ctx, h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[hub.Organisation]{Items: orgs})
}

// organisationRef is a body naming an organisation.
type organisationRef struct {
	OrganisationID int64 `json:"organisation_id"`
}

// AddMember invites an organisation to a hub (coordinators): 202 and
// status "invited" until one of its members accepts; 201 and "active" when
// an admin adds it or it had asked to join.
func (s *Handler) AddMember(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	var in organisationRef
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	status, err := s.DB.OfferMembership(c.Request().Context(), web.ActorOf(c), h.ID, in.OrganisationID)
	if err != nil {
		return err
	}
	code := http.StatusCreated
	if status == storage.MembershipInvited {
		code = http.StatusAccepted
	}
	return c.JSON(code, map[string]any{"organisation_id": in.OrganisationID, "status": status})
}

// RemoveMember takes an organisation out of a hub (coordinators).
func (s *Handler) RemoveMember(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	orgID, err := web.PathID(c, "organisation_id")
	if err != nil {
		return err
	}
	if err := s.DB.RemoveMember(c.Request().Context(), web.ActorOf(c), h.ID, orgID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// roleInput is the body of PUT and DELETE on a hub's roles.
type roleInput struct {
	PersonID int64        `json:"person_id"`
	Role     hub.RoleKind `json:"role"`
}

// Role grants (PUT) or revokes (DELETE) a coordinator or evaluator
// role in a hub (admins).
func (s *Handler) Role(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in roleInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	change := hub.RoleChange{PersonID: in.PersonID, Role: in.Role, HubID: &h.ID}
	if c.Request().Method == http.MethodDelete {
		if err := s.DB.RevokeRole(ctx, web.ActorOf(c), change); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
	if err := s.DB.GrantRole(ctx, web.ActorOf(c), change); err != nil {
		return err
	}
	staff, err := s.DB.HubStaff(ctx, h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.StaffMember]{Items: staff})
}

// HubRoles lists a hub's coordinators and evaluators (admins and its
// coordinators).
func (s *Handler) HubRoles(c echo.Context) error {
	return listOfManagedHub(s, c, s.DB.HubStaff)
}

// HubPeople lists a hub's people with their emails (coordinators).
func (s *Handler) HubPeople(c echo.Context) error {
	return listOfManagedHub(s, c, s.DB.HubPeople)
}

// JoinRequests lists the organisations waiting to join (coordinators).
func (s *Handler) JoinRequests(c echo.Context) error {
	return listOfManagedHub(s, c, s.DB.PendingRequests)
}

// listOfManagedHub answers with a list read for the hub of the route, for
// those who manage it.
func listOfManagedHub[T any](s *Handler, c echo.Context, read func(ctx context.Context, hubID int64) ([]T, error)) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	items, err := read(c.Request().Context(), h.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[T]{Items: items})
}

// RequestToJoin asks for an organisation to join a hub (its members).
func (s *Handler) RequestToJoin(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in struct {
		OrganisationID int64  `json:"organisation_id"`
		Message        string `json:"message"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	status, err := s.DB.RequestMembership(ctx, web.ActorOf(c), h.ID, in.OrganisationID, in.Message)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"organisation_id": in.OrganisationID, "status": status})
}

// DecideJoin approves or declines a request to join (coordinators).
func (s *Handler) DecideJoin(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	orgID, err := web.PathID(c, "organisation_id")
	if err != nil {
		return err
	}
	var in struct {
		Decision string `json:"decision"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if in.Decision != "approve" && in.Decision != "decline" {
		return hub.FieldError("decision", "must be approve or decline")
	}
	if err := s.DB.DecideMembership(c.Request().Context(), web.ActorOf(c), h.ID, orgID, in.Decision == "approve"); err != nil {
		return err
	}
	status := map[string]string{"approve": "active", "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"organisation_id": orgID, "status": status})
}

// HubInvitations lists the hubs' invitations waiting for an
// organisation's answer (its members).
func (s *Handler) HubInvitations(c echo.Context) error {
	orgID, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	invs, err := s.DB.HubInvitations(c.Request().Context(), []int64{orgID})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.HubInvitation]{Items: invs})
}

// AnswerHubInvitation accepts or declines a hub's invitation for an
// organisation (its members).
func (s *Handler) AnswerHubInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	orgID, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	var in struct {
		Decision string `json:"decision"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if in.Decision != "accept" && in.Decision != "decline" {
		return hub.FieldError("decision", "must be accept or decline")
	}
	if err := s.DB.AnswerHubInvitation(ctx, web.ActorOf(c), h.ID, orgID, in.Decision == "accept"); err != nil {
		return err
	}
	status := map[string]string{"accept": storage.MembershipActive, "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"hub": h.Slug, "organisation_id": orgID, "status": status})
}
