package pages

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var (
	settingsFields = []string{"name", "region", "timezone", "description", "slug", web.VersionField}
	inviteFields   = []string{"name", "email", "organisation_id"}
)

// HubSettingsPage shows the form to edit a hub's page.
func (s *Handler) HubSettingsPage(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "hub_settings", "Settings of "+h.Name, map[string]any{"Hub": h, "Form": hubSettingsForm(h), "Zones": commonZones})
}

// hubSettingsForm is the settings form filled from the hub as stored.
func hubSettingsForm(h hub.Hub) *templates.Form {
	return templates.NewForm(map[string]string{"name": h.Name, "slug": h.Slug, "region": h.Region, "timezone": h.TimeZone,
		"description": h.Description, web.VersionField: web.FormatID(h.Version)})
}

// UpdateHubSettings saves a hub's page, unless someone else saved it since
// the form was shown. Only admins may change the slug, since links and
// calendar subscriptions use it.
func (s *Handler) UpdateHubSettings(c echo.Context) error {
	old, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	values := web.FormValues(c, settingsFields...)
	h, err := s.DB.ChangeHub(ctx, web.ActorOf(c), old.ID, web.FormVersion(c), func(h *hub.Hub) error {
		h.Name, h.Region, h.TimeZone, h.Description = values["name"], values["region"], values["timezone"], values["description"]
		if hub.CanAdminister(web.ActorOf(c)) && values["slug"] != "" {
			h.Slug = values["slug"]
		}
		return nil
	})
	if hub.ErrorCode(err) == hub.EStale {
		now, err := s.DB.HubByID(ctx, old.ID)
		if err != nil {
			return err
		}
		form := hubSettingsForm(now).Fail(web.StaleMessage("this hub’s settings"), nil)
		return s.Render(c, http.StatusConflict, "hub_settings", "Settings of "+now.Name, map[string]any{"Hub": now, "Form": form, "Zones": commonZones})
	}
	if err != nil {
		form, ferr := web.FailedForm(err, values, settingsFields...)
		if ferr != nil {
			return ferr
		}
		return s.Render(c, web.StatusForForm(err), "hub_settings", "Settings of "+old.Name, map[string]any{"Hub": old, "Form": form, "Zones": commonZones})
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug, "The hub’s page is saved.")
}

// membersView is the page where coordinators manage member organisations.
type membersView struct {
	Hub      hub.Hub
	Members  []hub.Organisation
	Requests []storage.MembershipRequest
	// Invited are the organisations invited that have not answered yet.
	Invited  []storage.HubInvitation
	Query    string
	Found    []hub.Organisation
	Searched bool
}

// MembersPage lists a hub's members and pending requests, and finds
// organisations to add.
func (s *Handler) MembersPage(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := membersView{Hub: h, Query: strings.TrimSpace(c.QueryParam("q"))}
	if v.Members, err = s.DB.MembersOfHub(ctx, h.ID); err != nil {
		return err
	}
	if v.Requests, err = s.DB.PendingRequests(ctx, h.ID); err != nil {
		return err
	}
	if v.Invited, err = s.DB.InvitedOrganisations(ctx, h.ID); err != nil {
		return err
	}
	if v.Query != "" {
		v.Searched = true
		if v.Found, err = s.DB.SearchOrganisations(ctx, v.Query, h.ID, 25); err != nil {
			return err
		}
	}
	return s.Render(c, http.StatusOK, "hub_members", "Members of "+h.Name, v)
}

// AddMember invites an organisation to join the hub (an admin adds it
// directly; an organisation that asked is approved).
func (s *Handler) AddMember(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	orgID, ok, err := web.FormID(c.FormValue("organisation_id"), "organisation_id")
	if err != nil || !ok {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose an organisation to invite."}
	}
	ctx := c.Request().Context()
	status, err := s.DB.OfferMembership(ctx, web.ActorOf(c), h.ID, orgID)
	if err != nil {
		return err
	}
	org, err := s.DB.OrganisationByID(ctx, orgID)
	if err != nil {
		return err
	}
	msg := org.Name + " is now a member of " + h.Name + "."
	if status == storage.MembershipInvited {
		msg = org.Name + " is invited. It becomes a member when one of its own people accepts."
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug+"/members", msg)
}

// RemoveMember takes an organisation out of the hub.
func (s *Handler) RemoveMember(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	orgID, err := web.PathID(c, "org")
	if err != nil {
		return err
	}
	if err := s.DB.RemoveMember(c.Request().Context(), web.ActorOf(c), h.ID, orgID); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug+"/members", "The organisation is no longer a member, or no longer invited.")
}

// DecideRequest approves or declines an organisation's request to join.
func (s *Handler) DecideRequest(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	orgID, err := web.PathID(c, "org")
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	if decision != "approve" && decision != "decline" {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose to approve or decline the request.", Fields: map[string]string{"decision": "must be approve or decline"}}
	}
	if err := s.DB.DecideMembership(c.Request().Context(), web.ActorOf(c), h.ID, orgID, decision == "approve"); err != nil {
		return err
	}
	msg := "The request is declined."
	if decision == "approve" {
		msg = "The request is approved: the organisation is now a member."
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug+"/members", msg)
}

// AskToJoin records an organisation member's request for it to join.
func (s *Handler) AskToJoin(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.DB.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	orgID, ok, err := web.FormID(c.FormValue("organisation_id"), "organisation_id")
	if err != nil || !ok {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose the organisation that wants to join."}
	}
	status, err := s.DB.RequestMembership(ctx, web.ActorOf(c), h.ID, orgID, c.FormValue("message"))
	if err != nil {
		return err
	}
	if status == storage.MembershipActive {
		return s.RedirectWithFlash(c, "/hubs/"+h.Slug, "The hub had invited you: your organisation is now a member.")
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug, "Your request to join is sent. The hub’s coordinators will decide.")
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
	decision := c.FormValue("decision")
	if decision != "accept" && decision != "decline" {
		return hub.FieldError("decision", "Choose to accept or decline the invitation")
	}
	if err := s.DB.AnswerHubInvitation(ctx, web.ActorOf(c), h.ID, orgID, decision == "accept"); err != nil {
		return err
	}
	msg := "The invitation from " + h.Name + " is declined."
	if decision == "accept" {
		msg = "Your organisation is now a member of " + h.Name + "."
	}
	return s.RedirectWithFlash(c, "/organisations/"+web.FormatID(orgID), msg)
}
