package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

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
	Calendar     *feedURLs
	NameForm     *templates.Form
	PasswordForm *templates.Form
	TokenForm    *templates.Form
}

// accountPage shows the signed-in person's account.
func (s *server) accountPage(c echo.Context) error {
	return s.showAccount(c, http.StatusOK, func(v *accountView) {})
}

// showAccount renders the account page, letting the caller change one part
// (a form shown again, a new token).
func (s *server) showAccount(c echo.Context, status int, adjust func(v *accountView)) error {
	ctx := c.Request().Context()
	a := actorOf(c)
	v := accountView{Person: *a.Person,
		NameForm:     templates.NewForm(map[string]string{"name": a.Person.Name}),
		PasswordForm: templates.NewForm(nil),
		TokenForm:    templates.NewForm(nil),
	}
	var err error
	if v.Organisations, err = s.db.OrganisationsOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Roles, err = s.db.RolesOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Tokens, err = s.db.APITokensOf(ctx, a.PersonID()); err != nil {
		return err
	}
	if v.Invitations, err = s.db.AffiliationInvitations(ctx, a.PersonID()); err != nil {
		return err
	}
	orgIDs := make([]int64, len(v.Organisations))
	for i, o := range v.Organisations {
		orgIDs[i] = o.ID
	}
	if v.HubInvitations, err = s.db.HubInvitations(ctx, orgIDs); err != nil {
		return err
	}
	adjust(&v)
	if v.Calendar == nil {
		if v.Calendar, err = s.firstCalendarLink(ctx, a.PersonID()); err != nil {
			return err
		}
	}
	return s.render(c, status, "account", "Your account", v)
}

// renameSelf changes the signed-in person's name.
func (s *server) renameSelf(c echo.Context) error {
	values := formValues(c, "name")
	var f hub.FieldErrors
	hub.CheckName(&f, "name", values["name"])
	if err := f.Err(); err != nil {
		return s.accountFormFailed(c, err, values, func(v *accountView, form *templates.Form) { v.NameForm = form })
	}
	if err := s.db.RenamePerson(c.Request().Context(), actorOf(c).PersonID(), values["name"]); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/account", "Your name is saved.")
}

// changePassword sets a new password after checking the current one; the
// person's other sessions end.
func (s *server) changePassword(c echo.Context) error {
	a := actorOf(c)
	current, next := c.FormValue("current_password"), c.FormValue("new_password")
	if _, err := s.checkCredentials(c, a.Person.Email, current); err != nil {
		if hub.ErrorCode(err) == hub.EUnauthorised {
			err = &hub.Error{Code: hub.EInvalid, Fields: map[string]string{"current_password": "Your current password is not right"}}
		}
		return s.accountFormFailed(c, err, nil, func(v *accountView, form *templates.Form) { v.PasswordForm = form })
	}
	var f hub.FieldErrors
	hub.CheckPassword(&f, "new_password", next)
	if err := f.Err(); err != nil {
		return s.accountFormFailed(c, err, nil, func(v *accountView, form *templates.Form) { v.PasswordForm = form })
	}
	hash, err := hub.HashPassword(next)
	if err != nil {
		return err
	}
	keep, _ := c.Get("session").([]byte)
	ctx := c.Request().Context()
	keepTokens := c.FormValue("keep_tokens") == "yes"
	if err := s.db.ChangePassword(ctx, a.PersonID(), hash, keep, keepTokens); err != nil {
		return err
	}
	msg := "Your password is changed. Anywhere else you were signed in has been signed out, and your API tokens no longer work."
	if keepTokens {
		msg = "Your password is changed. Anywhere else you were signed in has been signed out; your API tokens still work."
	}
	return s.redirectWithFlash(c, "/account", msg)
}

// createToken makes an API token and shows it once.
func (s *server) createToken(c echo.Context) error {
	values := formValues(c, "token_name")
	var f hub.FieldErrors
	hub.CheckName(&f, "token_name", values["token_name"])
	if err := f.Err(); err != nil {
		return s.accountFormFailed(c, err, values, func(v *accountView, form *templates.Form) { v.TokenForm = form })
	}
	token, _, err := s.db.CreateAPIToken(c.Request().Context(), actorOf(c).PersonID(), values["token_name"])
	if err != nil {
		return err
	}
	return s.showAccount(c, http.StatusCreated, func(v *accountView) { v.NewToken = token })
}

// revokeToken ends one of the person's API tokens.
func (s *server) revokeToken(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.db.RevokeAPIToken(c.Request().Context(), actorOf(c).PersonID(), id); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/account", "The token is revoked: programs using it can no longer sign in with it.")
}

func (s *server) accountFormFailed(c echo.Context, err error, values map[string]string, place func(*accountView, *templates.Form)) error {
	form, err2 := failedForm(err, values)
	if err2 != nil {
		return err2
	}
	setRetryAfter(c, err)
	return s.showAccount(c, statusForForm(err), func(v *accountView) { place(v, form) })
}

// answerInvitation accepts or declines an organisation's invitation.
func (s *server) answerInvitation(c echo.Context) error {
	orgID, err := pathID(c, "org")
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	if decision != "accept" && decision != "decline" {
		return hub.FieldError("decision", "must be accept or decline")
	}
	ctx := c.Request().Context()
	o, err := s.db.OrganisationByID(ctx, orgID)
	if err != nil {
		return err
	}
	if err := s.db.AnswerAffiliation(ctx, actorOf(c).PersonID(), orgID, decision == "accept"); err != nil {
		return err
	}
	msg := "You declined to join " + o.Name + "."
	if decision == "accept" {
		msg = "You are now part of " + o.Name + "."
	}
	return s.redirectWithFlash(c, "/account", msg)
}

// makeCalendarLink makes (or replaces) the person's feed address and shows
// it this once on the account page; the old address then answers 410.
func (s *server) makeCalendarLink(c echo.Context) error {
	token, err := s.db.CalendarToken(c.Request().Context(), actorOf(c).PersonID(), true)
	if err != nil {
		return err
	}
	if err := s.cal.changes.Sync(c.Request().Context()); err != nil {
		return err
	}
	links := s.subscribeLinks(personalFeedPath(token))
	links.Personal = true
	return s.showAccount(c, http.StatusCreated, func(v *accountView) { v.Calendar = &links })
}
