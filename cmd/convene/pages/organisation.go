package pages

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var (
	orgFields       = []string{"name", "kind", "website", "description"}
	colleagueFields = []string{"email", "name"}
)

// OrganisationsPage lists every organisation, a page at a time.
func (s *Handler) OrganisationsPage(c echo.Context) error {
	q, err := web.OrganisationQuery(c)
	if err != nil {
		return err
	}
	limit := q.Limit
	q.Limit++
	orgs, err := s.DB.FindOrganisations(c.Request().Context(), q)
	if err != nil {
		return err
	}
	more := len(orgs) > limit
	if more {
		orgs = orgs[:limit]
	}
	pageURL := func(offset int) string {
		v := url.Values{}
		if q.Name != "" {
			v.Set("q", q.Name)
		}
		if q.Kind != "" {
			v.Set("kind", string(q.Kind))
		}
		v.Set("offset", strconv.Itoa(max(offset, 0)))
		return "/organisations?" + v.Encode()
	}
	return s.Render(c, http.StatusOK, "organisations", "Organisations", map[string]any{
		"Organisations": orgs, "Groups": hub.GroupByKind(orgs), "Offset": q.Offset, "Limit": limit, "More": more,
		"Q": q.Name, "Kind": string(q.Kind), "PrevURL": pageURL(q.Offset - limit), "NextURL": pageURL(q.Offset + limit)})
}

// orgView is what an organisation's page shows.
type orgView struct {
	Organisation hub.Organisation
	Memberships  []storage.OrgMembership
	// Colleagues, CanEdit and CanAdd are for its members, its hubs'
	// coordinators and admins only.
	Colleagues []storage.Colleague
	CanEdit    bool
	CanAdd     bool
	// CanAnswer: the viewer acts for the organisation and may answer hubs'
	// invitations (and see its requests to join).
	CanAnswer  bool
	Form       *templates.Form
	InviteURL  string
	InviteName string
}

// OrganisationPage shows an organisation's public fields and hubs; its
// members and those who run its hubs also see its people.
func (s *Handler) OrganisationPage(c echo.Context) error {
	return s.showOrganisation(c, http.StatusOK, func(*orgView) {})
}

func (s *Handler) showOrganisation(c echo.Context, status int, adjust func(*orgView)) error {
	ctx := c.Request().Context()
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	v := orgView{Form: templates.NewForm(nil)}
	if v.Organisation, err = s.DB.OrganisationByID(ctx, id); err != nil {
		return err
	}
	if v.Memberships, err = s.DB.MembershipsOf(ctx, id); err != nil {
		return err
	}
	var active []int64
	for _, m := range v.Memberships {
		if m.Status == "active" {
			active = append(active, m.Hub.ID)
		}
	}
	a := web.ActorOf(c)
	v.CanEdit = hub.CanEditOrganisation(a, id)
	v.CanAnswer = hub.CanAnswerHubInvitation(a, id)
	v.CanAdd = hub.CanAddColleague(a, id, active)
	if v.CanAdd {
		if v.Colleagues, err = s.DB.PeopleOfOrganisation(ctx, id); err != nil {
			return err
		}
	}
	adjust(&v)
	return s.Render(c, status, "organisation", v.Organisation.Name, v)
}

// NewOrganisationPage shows the form to register an organisation.
func (s *Handler) NewOrganisationPage(c echo.Context) error {
	form := templates.NewForm(nil)
	return s.Render(c, http.StatusOK, "organisation_form", "Register an organisation", map[string]any{"Form": form, "New": true})
}

// CreateOrganisation registers an organisation with its creator as member.
func (s *Handler) CreateOrganisation(c echo.Context) error {
	values := web.FormValues(c, orgFields...)
	o := hub.Organisation{Name: values["name"], Kind: hub.OrgKind(values["kind"]), Website: values["website"], Description: values["description"]}
	if err := s.DB.RegisterOrganisation(c.Request().Context(), web.ActorOf(c), &o); err != nil {
		form, ferr := web.FailedForm(err, values, orgFields...)
		if ferr != nil {
			return ferr
		}
		return s.Render(c, web.StatusForForm(err), "organisation_form", "Register an organisation", map[string]any{"Form": form, "New": true})
	}
	return s.RedirectWithFlash(c, "/organisations/"+web.FormatID(o.ID), o.Name+" is registered. Ask to join your hub from the hub’s page.")
}

// EditOrganisationPage shows the form to edit an organisation.
func (s *Handler) EditOrganisationPage(c echo.Context) error {
	o, err := s.EditableOrganisation(c)
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "organisation_form", "Edit "+o.Name, map[string]any{"Form": organisationForm(o), "Organisation": o})
}

// organisationForm is the edit form filled from the organisation as stored.
func organisationForm(o hub.Organisation) *templates.Form {
	return templates.NewForm(map[string]string{"name": o.Name, "kind": string(o.Kind), "website": o.Website, "description": o.Description,
		web.VersionField: web.FormatID(o.Version)})
}

// UpdateOrganisation saves an organisation's fields, unless someone else
// saved it since the form was shown.
func (s *Handler) UpdateOrganisation(c echo.Context) error {
	o, err := s.EditableOrganisation(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	values := web.FormValues(c, orgFields...)
	values[web.VersionField] = c.FormValue(web.VersionField)
	_, err = s.DB.ChangeOrganisation(ctx, web.ActorOf(c), o.ID, web.FormVersion(c), func(now *hub.Organisation) error {
		now.Name, now.Kind, now.Website, now.Description = values["name"], hub.OrgKind(values["kind"]), values["website"], values["description"]
		return nil
	})
	if hub.ErrorCode(err) == hub.EStale {
		now, err := s.DB.OrganisationByID(ctx, o.ID)
		if err != nil {
			return err
		}
		form := organisationForm(now).Fail(web.StaleMessage("this organisation"), nil)
		return s.Render(c, http.StatusConflict, "organisation_form", "Edit "+now.Name, map[string]any{"Form": form, "Organisation": now})
	}
	if err != nil {
		form, ferr := web.FailedForm(err, values, orgFields...)
		if ferr != nil {
			return ferr
		}
		return s.Render(c, web.StatusForForm(err), "organisation_form", "Edit "+o.Name, map[string]any{"Form": form, "Organisation": o})
	}
	return s.RedirectWithFlash(c, "/organisations/"+web.FormatID(o.ID), "The organisation’s details are saved.")
}

// AddColleague adds a person to an organisation by email, inviting them
// when they have no account.
func (s *Handler) AddColleague(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	o, err := s.DB.OrganisationByID(ctx, id)
	if err != nil {
		return err
	}
	values := web.FormValues(c, colleagueFields...)
	fail := func(err error) error {
		form, ferr := web.FailedForm(err, values, colleagueFields...)
		if ferr != nil {
			return ferr
		}
		return s.showOrganisation(c, web.StatusForForm(err), func(v *orgView) { v.Form = form })
	}
	added, err := s.DB.AddColleague(ctx, web.ActorOf(c), id, storage.NewColleague{Email: values["email"], Name: values["name"]})
	switch {
	case err != nil:
		return fail(err)
	case added.Invitation.Token != "":
		return s.showOrganisation(c, http.StatusCreated, func(v *orgView) {
			v.InviteURL, v.InviteName = s.LinkURL(added.Invitation.Token), added.Invitation.Person.Name
		})
	case added.Status == "member":
		return s.RedirectWithFlash(c, "/organisations/"+web.FormatID(id), added.Invitation.Person.Name+" is now part of "+o.Name+".")
	}
	// The same answer whether or not the email has an account, so that
	// this form cannot be used to find out.
	return s.RedirectWithFlash(c, "/organisations/"+web.FormatID(id), "An invitation to join "+o.Name+" is waiting for "+values["email"]+
		". They will see it on their account page when they sign in, and appear here once they accept.")
}
