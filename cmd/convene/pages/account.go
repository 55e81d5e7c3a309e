package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// accountView is what the account page shows.
type accountView struct {
	Person        hub.Person
	Organisations []hub.Organisation
	Roles         []hub.Role
	Invitations   []storage.AffiliationInvitation
	// HubInvitations are hubs' invitations to the person's organisations.
	HubInvitations []storage.HubInvitation
	Tokens         []storage.APIToken
	// NewToken is a token just created: shown this once, never again.
	NewToken string
	// Calendar is the personal feed's address when just made: shown this
	// once, as only its hash is kept.
	Calendar     *web.FeedURLs
	NameForm     *templates.Form
	PasswordForm *templates.Form
	TokenForm    *templates.Form
}

// AccountPage shows the signed-in person's account.
func (s *Handler) AccountPage(c echo.Context) error {
	return s.showAccount(c, http.StatusOK, func(v *accountView) {})
}

// showAccount renders the account page, letting the caller change one part
// (a form shown again, a new token).
func (s *Handler) showAccount(c echo.Context, status int, adjust func(v *accountView)) error {
	ctx := c.Request().Context()
	a := web.ActorOf(c)
	v := accountView{Person: *a.Person,
		NameForm:     templates.NewForm(map[string]string{"name": a.Person.Name}),
		PasswordForm: templates.NewForm(nil),
		TokenForm:    templates.NewForm(nil),
	}
	var err error
	if v.Organisations, err = s.DB.OrganisationsOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Roles, err = s.DB.RolesOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Tokens, err = s.DB.APITokensOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Invitations, err = s.DB.AffiliationInvitations(ctx, a.PersonID()); err != nil {
		return err
	}
	orgIDs := make([]int64, len(v.Organisations))
	for i, o := range v.Organisations {
		orgIDs[i] = o.ID
	}
	if v.HubInvitations, err = s.DB.HubInvitations(ctx, orgIDs); err != nil {
		return err
	}
	adjust(&v)
	if v.Calendar == nil {
		if v.Calendar, err = s.FirstCalendarLink(ctx, a.PersonID()); err != nil {
			return err
		}
	}
	return s.Render(c, status, "account", "Your account", v)
}

// RenameSelf changes the signed-in person's name.
func (s *Handler) RenameSelf(c echo.Context) error {
	values := web.FormValues(c, "name")
	if err := s.DB.RenamePerson(c.Request().Context(), web.ActorOf(c).PersonID(), values["name"]); err != nil {
		return s.accountFormFailed(c, err, values, func(v *accountView, form *templates.Form) { v.NameForm = form })
	}
	return s.RedirectWithFlash(c, "/account", "Your name is saved.")
}

// ChangePassword sets a new password after checking the current one; the
// person's other sessions end.
func (s *Handler) ChangePassword(c echo.Context) error {
	a := web.ActorOf(c)
	current, next := c.FormValue("current_password"), c.FormValue("new_password")
	if _, err := s.CheckCredentials(c, a.Person.Email, current); err != nil {
		if hub.ErrorCode(err) == hub.EUnauthorised {
			err = &hub.Error{Code: hub.EInvalid, Fields: map[string]string{"current_password": "Your current password is not right"}}
		}
		return s.accountFormFailed(c, err, nil, func(v *accountView, form *templates.Form) { v.PasswordForm = form })
	}
	keep, _ := c.Get("session").([]byte)
	keepTokens := c.FormValue("keep_tokens") == "yes"
	if err := s.DB.ChangePassword(c.Request().Context(), a.PersonID(), next, keep, keepTokens); err != nil {
		err = web.Renamed(err, map[string]string{"password": "new_password"})
		return s.accountFormFailed(c, err, nil, func(v *accountView, form *templates.Form) { v.PasswordForm = form })
	}
	msg := "Your password is changed. Anywhere else you were signed in has been signed out, and your API tokens no longer work."
	if keepTokens {
		msg = "Your password is changed. Anywhere else you were signed in has been signed out; your API tokens still work."
	}
	return s.RedirectWithFlash(c, "/account", msg)
}

// CreateToken makes an API token and shows it once.
func (s *Handler) CreateToken(c echo.Context) error {
	values := web.FormValues(c, "token_name")
	token, _, err := s.DB.CreateAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), values["token_name"])
	if err != nil {
		err = web.Renamed(err, map[string]string{"name": "token_name"})
		return s.accountFormFailed(c, err, values, func(v *accountView, form *templates.Form) { v.TokenForm = form })
	}
	return s.showAccount(c, http.StatusCreated, func(v *accountView) { v.NewToken = token })
}

// RevokeToken ends one of the person's API tokens.
func (s *Handler) RevokeToken(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RevokeAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), id); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/account", "The token is revoked: programs using it can no longer sign in with it.")
}

func (s *Handler) accountFormFailed(c echo.Context, err error, values map[string]string, place func(*accountView, *templates.Form)) error {
	form, err2 := web.FailedForm(err, values)
	if err2 != nil {
		return err2
	}
	web.SetRetryAfter(c, err)
	return s.showAccount(c, web.StatusForForm(err), func(v *accountView) { place(v, form) })
}

// AnswerInvitation accepts or declines an organisation's invitation.
func (s *Handler) AnswerInvitation(c echo.Context) error {
	orgID, err := web.PathID(c, "org")
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	if decision != "accept" && decision != "decline" {
		return hub.FieldError("decision", "must be accept or decline")
	}
	ctx := c.Request().Context()
	o, err := s.DB.OrganisationByID(ctx, orgID)
	if err != nil {
		return err
	}
	if err := s.DB.AnswerAffiliation(ctx, web.ActorOf(c), orgID, decision == "accept"); err != nil {
		return err
	}
	msg := "You declined to join " + o.Name + "."
	if decision == "accept" {
		msg = "You are now part of " + o.Name + "."
	}
	return s.RedirectWithFlash(c, "/account", msg)
}

// MakeCalendarLink makes (or replaces) the person's feed address and shows
// it this once on the account page; the old address then answers 410.
func (s *Handler) MakeCalendarLink(c echo.Context) error {
	links, err := s.NewCalendarLink(c.Request().Context(), web.ActorOf(c).PersonID(), true)
	if err != nil {
		return err
	}
	return s.showAccount(c, http.StatusCreated, func(v *accountView) { v.Calendar = &links })
}
