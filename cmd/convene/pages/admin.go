package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
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

// AdminPage shows hubs and who runs them.
func (s *Handler) AdminPage(c echo.Context) error {
	return s.showAdmin(c, http.StatusOK, func(*adminView) {})
}

func (s *Handler) showAdmin(c echo.Context, status int, adjust func(*adminView)) error {
	ctx := c.Request().Context()
	v := adminView{
		HubForm:     templates.NewForm(map[string]string{"timezone": hub.DefaultTimeZone}),
		AppointForm: templates.NewForm(nil),
		Staff:       map[int64][]storage.StaffMember{},
		Zones:       commonZones,
	}
	var err error
	if v.Hubs, err = s.DB.ListHubs(ctx); err != nil {
		return err
	}
	if v.Admins, err = s.DB.Admins(ctx); err != nil {
		return err
	}
	staff, err := s.DB.AllHubStaff(ctx)
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
	return s.Render(c, status, "admin", "Administration", v)
}

// CreateHub makes a new hub.
func (s *Handler) CreateHub(c echo.Context) error {
	values := web.FormValues(c, hubFields...)
	h := hub.Hub{Name: values["name"], Slug: values["slug"], Region: values["region"], TimeZone: values["timezone"], Description: values["description"]}
	if h.Slug == "" {
		h.Slug = hub.Slugify(h.Name)
	}
	if err := s.DB.CreateHub(c.Request().Context(), web.ActorOf(c), &h); err != nil {
		form, ferr := web.FailedForm(err, values, hubFields...)
		if ferr != nil {
			return ferr
		}
		return s.showAdmin(c, web.StatusForForm(err), func(v *adminView) { v.HubForm = form })
	}
	return s.RedirectWithFlash(c, "/hubs/"+h.Slug, "The hub “"+h.Name+"” is created. Next, appoint its coordinators and add its organisations.")
}

// Appoint gives a person a role in a hub, inviting them first when they
// have no account yet.
func (s *Handler) Appoint(c echo.Context) error {
	ctx := c.Request().Context()
	values := web.FormValues(c, appointFields...)
	fail := func(err error) error {
		form, ferr := web.FailedForm(err, values, appointFields...)
		if ferr != nil {
			return ferr
		}
		return s.showAdmin(c, web.StatusForForm(err), func(v *adminView) { v.AppointForm = form })
	}
	h, err := s.DB.HubBySlug(ctx, values["hub"])
	if web.IsNotFound(err) {
		return fail(hub.FieldError("hub", "Choose a hub"))
	}
	if err != nil {
		return err
	}
	role := hub.RoleKind(values["role"])
	inv, err := s.DB.Appoint(ctx, web.ActorOf(c), storage.Appointment{Email: values["email"], Name: values["name"], Role: role, HubID: h.ID})
	if err != nil {
		return fail(err)
	}
	if inv.Token != "" {
		return s.showAdmin(c, http.StatusCreated, func(v *adminView) { v.InviteURL, v.InviteName = s.LinkURL(inv.Token), inv.Person.Name })
	}
	person := inv.Person
	return s.RedirectWithFlash(c, "/admin", person.Name+" is now "+lowerFirst(role.Label())+" of "+h.Name+".")
}

// RemoveRole takes a role away.
func (s *Handler) RemoveRole(c echo.Context) error {
	ctx := c.Request().Context()
	values := web.FormValues(c, "person_id", "role", "hub")
	personID, _, err := web.FormID(values["person_id"], "person_id")
	if err != nil {
		return err
	}
	h, err := s.DB.HubBySlug(ctx, values["hub"])
	if err != nil {
		return err
	}
	if err := s.DB.RevokeRole(ctx, web.ActorOf(c), hub.RoleChange{PersonID: personID, Role: hub.RoleKind(values["role"]), HubID: &h.ID}); err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/admin", "The role is removed.")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// commonZones are offered first when choosing a hub's time zone.
var commonZones = []string{"Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "UTC"}
