package api

import (
	"net/http"
	"strings"

	"github.com/convene/convene/cmd/convene/web"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// List is the envelope of every list the API returns.
type List[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}

// Token exchanges an email and password for a bearer token.
func (s *Handler) Token(c echo.Context) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		Name     string `json:"name"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		in.Name = "API token"
	}
	var f hub.FieldErrors
	hub.CheckName(&f, "name", in.Name)
	if in.Email == "" {
		f.Add("email", "Enter an email address")
	}
	if in.Password == "" {
		f.Add("password", "Enter a password")
	}
	if err := f.Err(); err != nil {
		return err
	}
	person, err := s.CheckCredentials(c, in.Email, in.Password)
	if err != nil {
		return err
	}
	token, rec, err := s.DB.CreateAPIToken(c.Request().Context(), person.ID, in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"token": token, "id": rec.ID, "name": rec.Name, "created_at": rec.CreatedAt})
}

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

// Tokens lists the caller's API tokens (never the tokens themselves).
func (s *Handler) Tokens(c echo.Context) error {
	tokens, err := s.DB.APITokensOf(c.Request().Context(), web.ActorOf(c).PersonID())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.APIToken]{Items: tokens})
}

// CreateToken makes a named token for the caller, returned this once.
func (s *Handler) CreateToken(c echo.Context) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	var f hub.FieldErrors
	hub.CheckName(&f, "name", in.Name)
	if err := f.Err(); err != nil {
		return err
	}
	token, rec, err := s.DB.CreateAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"token": token, "id": rec.ID, "name": rec.Name, "created_at": rec.CreatedAt})
}

// RevokeToken revokes one of the caller's tokens.
func (s *Handler) RevokeToken(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RevokeAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
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
	if err := s.DB.AnswerAffiliation(c.Request().Context(), web.ActorOf(c).PersonID(), orgID, in.Decision == "accept"); err != nil {
		return err
	}
	status := map[string]string{"accept": "member", "decline": "declined"}[in.Decision]
	return c.JSON(http.StatusOK, map[string]any{"organisation_id": orgID, "status": status})
}
