package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// meView is the signed-in person as the API shows them.
type meView struct {
	Person        hub.Person         `json:"person"`
	Organisations []hub.Organisation `json:"organisations"`
	Roles         []hub.Role         `json:"roles"`
	// CSRFToken is given to cookie-authenticated callers, who must send it
	// back in X-CSRF-Token on writes.
	CSRFToken string `json:"csrf_token,omitempty"`
}

// Me returns the caller, their organisations and roles.
func (s *Handler) Me(c echo.Context) error {
	ctx := c.Request().Context()
	a := web.ActorOf(c)
	v := meView{Person: *a.Person}
	var err error
	if v.Organisations, err = s.DB.OrganisationsOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Roles, err = s.DB.RolesOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if _, cookie := c.Get("session").([]byte); cookie {
		v.CSRFToken = s.CSRFTokenOf(c)
	}
	return c.JSON(http.StatusOK, v)
}

// Invitations lists the organisations inviting the caller to join.
func (s *Handler) Invitations(c echo.Context) error {
	invs, err := s.DB.AffiliationInvitations(c.Request().Context(), web.ActorOf(c).PersonID())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.AffiliationInvitation]{Items: invs})
}

// AnswerInvitation accepts or declines an organisation's invitation.
func (s *Handler) AnswerInvitation(c echo.Context) error {
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
	if in.Decision != "accept" && in.Decision != "decline" {
		return hub.FieldError("decision", "must be accept or decline")
	}
	if err := s.DB.AnswerAffiliation(c.Request().Context(), web.ActorOf(c), orgID, in.Decision == "accept"); err != nil {
		return err
	}
	status := map[string]string{"accept": "member", "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"organisation_id": orgID, "status": status})
}
