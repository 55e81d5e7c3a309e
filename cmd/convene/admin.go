package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var (
	hubFields     = []string{"name", "slug", "region", "timezone", "description"}
	appointFields = []string{"hub", "role", "email", "name"}
)

// adminView is what the admin page shows.
type adminView struct {
	Hubs        []storage.HubSummary
	Admins      []storage.StaffMember
	Staff       map[int64][]storage.StaffMember
	HubForm     *templates.Form
	AppointForm *templates.Form
	// InviteURL is the link for a person invited while being appointed.
	InviteURL  string
	InviteName string
	HubOptions []templates.Option
	Zones      []string
}

// adminPage shows hubs and who runs them.
func (s *server) adminPage(c echo.Context) error {
	return s.showAdmin(c, http.StatusOK, func(*adminView) {})
}

func (s *server) showAdmin(c echo.Context, status int, adjust func(*adminView)) error {
	ctx := c.Request().Context()
	v := adminView{
		HubForm:     templates.NewForm(map[string]string{"timezone": hub.DefaultTimeZone}),
		AppointForm: templates.NewForm(nil),
		Staff:       map[int64][]storage.StaffMember{},
		Zones:       commonZones,
	}
	var err error
	if v.Hubs, err = s.db.ListHubs(ctx); err != nil {
		return err
	}
	if v.Admins, err = s.db.Admins(ctx); err != nil {
		return err
	}
	staff, err := s.db.AllHubStaff(ctx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		v.Staff[m.HubID] = append(v.Staff[m.HubID], m.StaffMember)
	}
	for _, h := range v.Hubs {
		v.HubOptions = append(v.HubOptions, templates.Option{Value: h.Slug, Label: h.Name})
	}
	adjust(&v)
	return s.render(c, status, "admin", "Administration", v)
}

// createHub makes a new hub.
func (s *server) createHub(c echo.Context) error {
	values := formValues(c, hubFields...)
	h := hub.Hub{Name: values["name"], Slug: values["slug"], Region: values["region"], TimeZone: values["timezone"], Description: values["description"]}
	if h.Slug == "" {
		h.Slug = hub.Slugify(h.Name)
	}
	if err := s.db.CreateHub(c.Request().Context(), personIDOf(c), &h); err != nil {
		form, ferr := failedForm(err, values, hubFields...)
		if ferr != nil {
			return ferr
		}
		return s.showAdmin(c, statusForForm(err), func(v *adminView) { v.HubForm = form })
	}
	return s.redirectWithFlash(c, "/hubs/"+h.Slug, "The hub “"+h.Name+"” is created. Next, appoint its coordinators and add its organisations.")
}

// appoint gives a person a role in a hub, inviting them first when they
// have no account yet.
func (s *server) appoint(c echo.Context) error {
	ctx := c.Request().Context()
	values := formValues(c, appointFields...)
	fail := func(err error) error {
		form, ferr := failedForm(err, values, appointFields...)
		if ferr != nil {
			return ferr
		}
		return s.showAdmin(c, statusForForm(err), func(v *adminView) { v.AppointForm = form })
	}
	role := hub.RoleKind(values["role"])
	var f hub.FieldErrors
	if !role.HubRole() {
		f.Add("role", "Choose coordinator or evaluator")
	}
	h, err := s.db.HubBySlug(ctx, values["hub"])
	if err != nil {
		f.Add("hub", "Choose a hub")
	}
	email := values["email"]
	hub.CheckEmail(&f, "email", &email)
	if err := f.Err(); err != nil {
		return fail(err)
	}
	person, inviteURL, err := s.personOrInvite(c, email, values["name"], &h.ID, nil)
	if err != nil {
		return fail(err)
	}
	if err := s.db.GrantRole(ctx, personIDOf(c), person.ID, role, &h.ID); err != nil {
		return err
	}
	if inviteURL != "" {
		return s.showAdmin(c, http.StatusCreated, func(v *adminView) { v.InviteURL, v.InviteName = inviteURL, person.Name })
	}
	return s.redirectWithFlash(c, "/admin", person.Name+" is now "+lowerFirst(role.Label())+" of "+h.Name+".")
}

// removeRole takes a role away.
func (s *server) removeRole(c echo.Context) error {
	ctx := c.Request().Context()
	values := formValues(c, "person_id", "role", "hub")
	personID, _, err := formID(values["person_id"], "person_id")
	if err != nil {
		return err
	}
	h, err := s.db.HubBySlug(ctx, values["hub"])
	if err != nil {
		return err
	}
	if err := s.db.RevokeRole(ctx, personIDOf(c), personID, hub.RoleKind(values["role"]), &h.ID); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/admin", "The role is removed.")
}

// personOrInvite finds the person with email, or invites them (into orgID
// when given) when they have no account; a new person needs a name.
func (s *server) personOrInvite(c echo.Context, email, name string, hubID, orgID *int64) (hub.Person, string, error) {
	ctx := c.Request().Context()
	person, err := s.db.PersonByEmail(ctx, email)
	if err == nil {
		return person, "", nil
	}
	if hub.ErrorCode(err) != hub.ENotFound {
		return person, "", err
	}
	n := hub.NewPerson{Email: email, Name: name}
	n.Normalise()
	if n.Name == "" {
		msg := "Nobody has an account with this email address yet: enter their name to invite them"
		return person, "", &hub.Error{Code: hub.EInvalid, Message: msg, Fields: map[string]string{"name": msg}}
	}
	inv, err := s.db.InvitePerson(ctx, personIDOf(c), hubID, n, orgID)
	if err != nil {
		return person, "", err
	}
	return inv.Person, s.linkURL(inv.Token), nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// commonZones are offered first when choosing a hub's time zone.
var commonZones = []string{"Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "UTC"}
