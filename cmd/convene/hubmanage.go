package main

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var (
	settingsFields = []string{"name", "region", "timezone", "description", "slug", versionField}
	inviteFields   = []string{"name", "email", "organisation_id"}
)

// hubSettingsPage shows the form to edit a hub's page.
func (s *server) hubSettingsPage(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "hub_settings", "Settings of "+h.Name, map[string]any{"Hub": h, "Form": hubSettingsForm(h), "Zones": commonZones})
}

// hubSettingsForm is the settings form filled from the hub as stored.
func hubSettingsForm(h hub.Hub) *templates.Form {
	return templates.NewForm(map[string]string{"name": h.Name, "slug": h.Slug, "region": h.Region, "timezone": h.TimeZone,
		"description": h.Description, versionField: itoa64(h.Version)})
}

// updateHubSettings saves a hub's page, unless someone else saved it since
// the form was shown. Only admins may change the slug, since links and
// calendar subscriptions use it.
func (s *server) updateHubSettings(c echo.Context) error {
	old, err := s.managedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	values := formValues(c, settingsFields...)
	h, err := s.db.ChangeHub(ctx, personIDOf(c), old.ID, formVersion(c), func(h *hub.Hub) error {
		h.Name, h.Region, h.TimeZone, h.Description = values["name"], values["region"], values["timezone"], values["description"]
		if hub.CanAdminister(actorOf(c)) && values["slug"] != "" {
			h.Slug = values["slug"]
		}
		return nil
	})
	if hub.ErrorCode(err) == hub.EStale {
		now, err := s.db.HubByID(ctx, old.ID)
		if err != nil {
			return err
		}
		form := hubSettingsForm(now).Fail(staleMessage("this hub’s settings"), nil)
		return s.render(c, http.StatusConflict, "hub_settings", "Settings of "+now.Name, map[string]any{"Hub": now, "Form": form, "Zones": commonZones})
	}
	if err != nil {
		form, ferr := failedForm(err, values, settingsFields...)
		if ferr != nil {
			return ferr
		}
		return s.render(c, statusForForm(err), "hub_settings", "Settings of "+old.Name, map[string]any{"Hub": old, "Form": form, "Zones": commonZones})
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug, "The hub’s page is saved.")
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

// membersPage lists a hub's members and pending requests, and finds
// organisations to add.
func (s *server) membersPage(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := membersView{Hub: h, Query: strings.TrimSpace(c.QueryParam("q"))}
	if v.Members, err = s.db.MembersOfHub(ctx, h.ID); err != nil {
		return err
	}
	if v.Requests, err = s.db.PendingRequests(ctx, h.ID); err != nil {
		return err
	}
	if v.Invited, err = s.db.InvitedOrganisations(ctx, h.ID); err != nil {
		return err
	}
	if v.Query != "" {
		v.Searched = true
		if v.Found, err = s.db.SearchOrganisations(ctx, v.Query, h.ID, 25); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "hub_members", "Members of "+h.Name, v)
}

// addMember invites an organisation to join the hub (an admin adds it
// directly; an organisation that asked is approved).
func (s *server) addMember(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	orgID, ok, err := formID(c.FormValue("organisation_id"), "organisation_id")
	if err != nil || !ok {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose an organisation to invite."}
	}
	ctx := c.Request().Context()
	status, err := s.db.OfferMembership(ctx, actorOf(c), h.ID, orgID)
	if err != nil {
		return err
	}
	org, err := s.db.OrganisationByID(ctx, orgID)
	if err != nil {
		return err
	}
	msg := org.Name + " is now a member of " + h.Name + "."
	if status == storage.MembershipInvited {
		msg = org.Name + " is invited. It becomes a member when one of its own people accepts."
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug+"/members", msg)
}

// removeMember takes an organisation out of the hub.
func (s *server) removeMember(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	orgID, err := pathID(c, "org")
	if err != nil {
		return err
	}
	if err := s.db.RemoveMember(c.Request().Context(), personIDOf(c), h.ID, orgID); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug+"/members", "The organisation is no longer a member, or no longer invited.")
}

// decideRequest approves or declines an organisation's request to join.
func (s *server) decideRequest(c echo.Context) error {
	h, err := s.managedHub(c)
	if err != nil {
		return err
	}
	orgID, err := pathID(c, "org")
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	if decision != "approve" && decision != "decline" {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose to approve or decline the request.", Fields: map[string]string{"decision": "must be approve or decline"}}
	}
	if err := s.db.DecideMembership(c.Request().Context(), actorOf(c).PersonID(), h.ID, orgID, decision == "approve"); err != nil {
		return err
	}
	msg := "The request is declined."
	if decision == "approve" {
		msg = "The request is approved: the organisation is now a member."
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug+"/members", msg)
}

// askToJoin records an organisation member's request for it to join.
func (s *server) askToJoin(c echo.Context) error {
	ctx := c.Request().Context()
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	orgID, ok, err := formID(c.FormValue("organisation_id"), "organisation_id")
	if err != nil || !ok {
		return &hub.Error{Code: hub.EInvalid, Message: "Choose the organisation that wants to join."}
	}
	if !hub.CanActForOrganisation(actorOf(c), orgID) {
		return forbidden("Only members of an organisation can ask for it to join a hub.")
	}
	message := strings.TrimSpace(c.FormValue("message"))
	if len([]rune(message)) > 2000 {
		return &hub.Error{Code: hub.EInvalid, Message: "The message must be 2000 characters or fewer.", Fields: map[string]string{"message": "must be 2000 characters or fewer"}}
	}
	status, err := s.db.RequestMembership(ctx, actorOf(c).PersonID(), h.ID, orgID, message)
	if err != nil {
		return err
	}
	if status == storage.MembershipActive {
		return s.redirectWithFlash(c, "/hubs/"+h.Slug, "The hub had invited you: your organisation is now a member.")
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug, "Your request to join is sent. The hub’s coordinators will decide.")
}

// answerHubInvitation accepts or declines a hub's invitation for an
// organisation (its members).
func (s *server) answerHubInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	orgID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := s.db.HubBySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	if decision != "accept" && decision != "decline" {
		return hub.FieldError("decision", "Choose to accept or decline the invitation")
	}
	if err := s.db.AnswerHubInvitation(ctx, actorOf(c), h.ID, orgID, decision == "accept"); err != nil {
		return err
	}
	msg := "The invitation from " + h.Name + " is declined."
	if decision == "accept" {
		msg = "Your organisation is now a member of " + h.Name + "."
	}
	return s.redirectWithFlash(c, "/organisations/"+itoa64(orgID), msg)
}
