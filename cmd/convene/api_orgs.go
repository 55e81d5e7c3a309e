package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
)

// apiOrganisations lists organisations, a page at a time.
func (s *server) apiOrganisations(c echo.Context) error {
	q, err := organisationQuery(c)
	if err != nil {
		return err
	}
	orgs, err := s.db.FindOrganisations(c.Request().Context(), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[hub.Organisation]{Items: orgs, Limit: q.Limit, Offset: q.Offset})
}

// orgJSON is an organisation with its hubs.
type orgJSON struct {
	hub.Organisation
	Hubs []string `json:"hubs"`
}

// apiOrganisation returns one organisation with the hubs it belongs to.
func (s *server) apiOrganisation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	o, err := s.db.OrganisationByID(ctx, id)
	if err != nil {
		return err
	}
	ms, err := s.db.MembershipsOf(ctx, id)
	if err != nil {
		return err
	}
	out := orgJSON{Organisation: o, Hubs: []string{}}
	for _, m := range ms {
		if m.Status == "active" {
			out.Hubs = append(out.Hubs, m.Hub.Slug)
		}
	}
	setETag(c, o.Version)
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

// apiCreateOrganisation registers an organisation with the caller as its
// first member.
func (s *server) apiCreateOrganisation(c echo.Context) error {
	var in orgInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var o hub.Organisation
	in.apply(&o)
	if err := s.db.RegisterOrganisation(c.Request().Context(), actorOf(c).PersonID(), &o); err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusCreated, o)
}

// apiUpdateOrganisation edits an organisation (its members and admins),
// as it is when the change is made; If-Match makes it conditional.
func (s *server) apiUpdateOrganisation(c echo.Context) error {
	o, err := s.editableOrganisation(c)
	if err != nil {
		return err
	}
	var in orgInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	o, err = s.db.ChangeOrganisation(c.Request().Context(), actorOf(c).PersonID(), o.ID, ifMatch(c), func(o *hub.Organisation) error {
		in.apply(o)
		return nil
	})
	if err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusOK, o)
}

// apiAffiliate adds an existing person to an organisation: admins add them
// at once (201); its members and its hubs' coordinators invite them, and
// they join when they accept (202).
func (s *server) apiAffiliate(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.db.OrganisationByID(ctx, id); err != nil {
		return err
	}
	hubs, err := s.db.ActiveHubIDsOf(ctx, id)
	if err != nil {
		return err
	}
	if !hub.CanAddColleague(actorOf(c), id, hubs) {
		return forbidden("Only the organisation’s members and the coordinators of its hubs can add people to it.")
	}
	var in struct {
		PersonID int64 `json:"person_id"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, err := s.db.PersonByID(ctx, in.PersonID); err != nil {
		return hub.FieldError("person_id", "There is no person with this id")
	}
	// Admins add people directly; anyone else invites them to accept.
	if hub.CanAdminister(actorOf(c)) {
		if err := s.db.AffiliatePerson(ctx, personIDOf(c), in.PersonID, id); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, map[string]any{"person_id": in.PersonID, "organisation_id": id, "status": "member"})
	}
	if err := s.db.InviteToOrganisation(ctx, actorOf(c).PersonID(), in.PersonID, id); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"person_id": in.PersonID, "organisation_id": id, "status": "invited"})
}

// apiCreatePerson invites a person: an account without a password and a
// link to set it. Coordinators must place them in an organisation of one
// of their hubs; admins may leave it out.
func (s *server) apiCreatePerson(c echo.Context) error {
	ctx := c.Request().Context()
	var in struct {
		hub.NewPerson
		OrganisationID *int64 `json:"organisation_id"`
	}
	a := actorOf(c)
	if !hub.CanInvitePeople(a) {
		return forbidden("Only coordinators and administrators can invite people.")
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	var hubID *int64
	if in.OrganisationID != nil {
		hubs, err := s.db.ActiveHubIDsOf(ctx, *in.OrganisationID)
		if err != nil {
			return err
		}
		if _, err := s.db.OrganisationByID(ctx, *in.OrganisationID); err != nil {
			return hub.FieldError("organisation_id", "There is no organisation with this id")
		}
		for _, h := range hubs {
			if hub.CanManageHub(a, h) {
				hubID = &h
				break
			}
		}
		if hubID == nil && !a.Admin {
			return forbidden("You can invite people only into organisations of the hubs you coordinate.")
		}
	} else if !a.Admin {
		return hub.FieldError("organisation_id", "Choose an organisation of your hub for them")
	}
	inv, err := s.db.InvitePerson(ctx, personIDOf(c), hubID, in.NewPerson, in.OrganisationID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": inv.Person.ID, "email": inv.Person.Email, "name": inv.Person.Name, "invite_url": s.linkURL(inv.Token)})
}

// apiTopics lists the topics.
func (s *server) apiTopics(c echo.Context) error {
	topics, err := s.db.ListTopics(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list[hub.Topic]{Items: topics})
}

// apiCreateTopic adds a topic (coordinators and admins).
func (s *server) apiCreateTopic(c echo.Context) error {
	if !hub.CanManageTopics(actorOf(c)) {
		return forbidden("Only coordinators and administrators can add topics.")
	}
	var in struct {
		Slug string `json:"slug"`
		Name string `json:"name"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t := hub.Topic{Slug: in.Slug, Name: in.Name}
	if err := s.db.CreateTopic(c.Request().Context(), actorOf(c).PersonID(), &t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, t)
}
