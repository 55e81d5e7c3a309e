package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// peopleView is the coordinators' list of a hub's people.
type peopleView struct {
	Hub        hub.Hub
	People     []storage.HubPerson
	Form       *templates.Form
	OrgOptions []templates.Option
	// LinkURL is a just-made sign-in link, for LinkName; shown once.
	LinkURL, LinkName, LinkPurpose string
}

// PeoplePage lists everyone in the hub with their email addresses.
func (s *Handler) PeoplePage(c echo.Context) error {
	return s.showPeople(c, http.StatusOK, func(*peopleView) {})
}

func (s *Handler) showPeople(c echo.Context, status int, adjust func(*peopleView)) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := peopleView{Hub: h, Form: templates.NewForm(nil)}
	if v.People, err = s.DB.HubPeople(ctx, h.ID); err != nil {
		return err
	}
	members, err := s.DB.MembersOfHub(ctx, h.ID)
	if err != nil {
		return err
	}
	v.OrgOptions = []templates.Option{{Value: "", Label: "Choose an organisation"}}
	for _, o := range members {
		v.OrgOptions = append(v.OrgOptions, templates.Option{Value: web.FormatID(o.ID), Label: o.Name})
	}
	adjust(&v)
	return s.Render(c, status, "hub_people", "People of "+h.Name, v)
}

// InvitePerson creates an account in one of the hub's organisations and
// shows the link to set its password.
func (s *Handler) InvitePerson(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	values := web.FormValues(c, inviteFields...)
	fail := func(err error) error {
		form, ferr := web.FailedForm(err, values, inviteFields...)
		if ferr != nil {
			return ferr
		}
		return s.showPeople(c, web.StatusForForm(err), func(v *peopleView) { v.Form = form })
	}
	n := hub.NewPerson{Name: values["name"], Email: values["email"]}
	orgID, ok, err := web.FormID(values["organisation_id"], "organisation_id")
	if err != nil || !ok {
		return fail(hub.FieldError("organisation_id", "Choose the organisation they belong to"))
	}
	inv, err := s.DB.InvitePerson(ctx, web.ActorOf(c), storage.NewInvitation{Person: n, OrganisationID: &orgID, HubID: &h.ID})
	if err != nil {
		return fail(err)
	}
	return s.showPeople(c, http.StatusCreated, func(v *peopleView) {
		v.LinkURL, v.LinkName, v.LinkPurpose = s.LinkURL(inv.Token), inv.Person.Name, storage.PurposeInvite
	})
}

// MakeLink makes a fresh sign-in link for someone in the hub: an invite
// again if they never set a password, a password reset otherwise.
func (s *Handler) MakeLink(c echo.Context) error {
	h, err := s.ManagedHub(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	personID, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	link, err := s.DB.NewPasswordLink(ctx, web.ActorOf(c), personID, &h.ID)
	if err != nil {
		return err
	}
	return s.showPeople(c, http.StatusCreated, func(v *peopleView) {
		v.LinkURL, v.LinkName, v.LinkPurpose = s.LinkURL(link.Token), link.Person.Name, link.Purpose
	})
}
