package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// Organisations lists organisations, a page at a time.
func (s *Handler) Organisations(c echo.Context) error {
	q, err := web.OrganisationQuery(c)
	if err != nil {
		return err
	}
	orgs, err := s.DB.FindOrganisations(c.Request().Context(), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[hub.Organisation]{Items: orgs, Limit: q.Limit, Offset: q.Offset})
}

// orgJSON is an organisation with its hubs.
type orgJSON struct {
	hub.Organisation
	Hubs []string `json:"hubs"`
}

// Organisation returns one organisation with the hubs it belongs to.
func (s *Handler) Organisation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	o, err := s.DB.OrganisationByID(ctx, id)
	if err != nil {
		return err
	}
	ms, err := s.DB.MembershipsOf(ctx, id)
	if err != nil {
		return err
	}
	out := orgJSON{Organisation: o, Hubs: []string{}}
	for _, m := range ms {
		if m.Status == "active" {
			out.Hubs = append(out.Hubs, m.Hub.Slug)
		}
	}
	web.SetETag(c, o.Version)
	return c.JSON(http.StatusOK, out)
}

// orgInput is the body of POST and PATCH on organisations.
type orgInput struct {
	Name        *string      `json:"name"`
	Kind        *hub.OrgKind `json:"kind"`
	Website     *string      `json:"website"`
	Description *string      `json:"description"`
}

func (in orgInput) apply(o *hub.Organisation) {
	set(&o.Name, in.Name)
	set(&o.Kind, in.Kind)
	set(&o.Website, in.Website)
	set(&o.Description, in.Description)
}

// CreateOrganisation registers an organisation with the caller as its
// first member.
func (s *Handler) CreateOrganisation(c echo.Context) error {
	var in orgInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	var o hub.Organisation
	in.apply(&o)
	if err := s.DB.RegisterOrganisation(c.Request().Context(), web.ActorOf(c), &o); err != nil {
		return err
	}
	web.SetETag(c, o.Version)
	return c.JSON(http.StatusCreated, o)
}

// UpdateOrganisation edits an organisation (its members and admins),
// as it is when the change is made; If-Match makes it conditional.
func (s *Handler) UpdateOrganisation(c echo.Context) error {
	o, err := s.EditableOrganisation(c)
	if err != nil {
		return err
	}
	var in orgInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	o, err = s.DB.ChangeOrganisation(c.Request().Context(), web.ActorOf(c), o.ID, web.IfMatch(c), func(o *hub.Organisation) error {
		in.apply(o)
		return nil
	})
	if err != nil {
		return err
	}
	web.SetETag(c, o.Version)
	return c.JSON(http.StatusOK, o)
}

// Affiliate adds an existing person to an organisation: admins add them
// at once (201); its members and its hubs' coordinators invite them, and
// they join when they accept (202).
func (s *Handler) Affiliate(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		PersonID int64 `json:"person_id"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if in.PersonID <= 0 {
		return hub.FieldError("person_id", "Give the id of the person to add")
	}
	added, err := s.DB.AddColleague(ctx, web.ActorOf(c), id, storage.NewColleague{PersonID: in.PersonID})
	if err != nil {
		return err
	}
	status := http.StatusAccepted
	if added.Status == "member" {
		status = http.StatusCreated
	}
	return c.JSON(status, map[string]any{"person_id": in.PersonID, "organisation_id": id, "status": added.Status})
}

// CreatePerson invites a person: an account without a password and a
// link to set it. Coordinators must place them in an organisation of one
// of their hubs; admins may leave it out.
func (s *Handler) CreatePerson(c echo.Context) error {
	ctx := c.Request().Context()
	var in struct {
		hub.NewPerson
		OrganisationID *int64 `json:"organisation_id"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	inv, err := s.DB.InvitePerson(ctx, web.ActorOf(c), storage.NewInvitation{Person: in.NewPerson, OrganisationID: in.OrganisationID})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": inv.Person.ID, "email": inv.Person.Email, "name": inv.Person.Name, "invite_url": s.LinkURL(inv.Token)})
}

// Topics lists the topics.
func (s *Handler) Topics(c echo.Context) error {
	topics, err := s.DB.ListTopics(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[hub.Topic]{Items: topics})
}

// CreateTopic adds a topic (coordinators and admins).
func (s *Handler) CreateTopic(c echo.Context) error {
	var in struct {
		Slug string `json:"slug"`
		Name string `json:"name"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	t := hub.Topic{Slug: in.Slug, Name: in.Name}
	if err := s.DB.CreateTopic(c.Request().Context(), web.ActorOf(c), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}
