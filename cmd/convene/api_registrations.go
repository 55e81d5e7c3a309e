package main

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// agendaItemJSON is an agenda item in the API.
type agendaItemJSON struct {
	ID                      int64  `json:"id,omitempty"`
	StartsAt                string `json:"starts_at"`
	EndsAt                  string `json:"ends_at"`
	Title                   string `json:"title"`
	Kind                    string `json:"kind"`
	Topic                   string `json:"topic,omitempty"`
	PresenterOrganisationID *int64 `json:"presenter_organisation_id,omitempty"`
	PresenterOrganisation   string `json:"presenter_organisation,omitempty"`
	PresenterName           string `json:"presenter_name,omitempty"`
	RequestID               *int64 `json:"request_id,omitempty"`
}

// apiAgenda returns an event's agenda.
func (s *server) apiAgenda(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	return s.writeAgenda(c, ec)
}

func (s *server) writeAgenda(c echo.Context, ec eventContext) error {
	version, err := s.db.AgendaVersion(c.Request().Context(), ec.Event.ID)
	if err != nil {
		return err
	}
	entries, err := s.db.AgendaOf(c.Request().Context(), ec.Event.ID)
	if err != nil {
		return err
	}
	setETag(c, version)
	out := make([]agendaItemJSON, len(entries))
	for i, e := range entries {
		out[i] = agendaItemJSON{ID: e.ID, StartsAt: e.StartsAt.In(ec.Loc).Format(time.RFC3339), EndsAt: e.EndsAt.In(ec.Loc).Format(time.RFC3339),
			Title: e.Title, Kind: string(e.Kind), Topic: e.TopicSlug, PresenterOrganisationID: e.PresenterOrganisationID,
			PresenterOrganisation: e.PresenterOrganisation, PresenterName: e.PresenterName, RequestID: e.RequestID}
	}
	return c.JSON(http.StatusOK, list[agendaItemJSON]{Items: out})
}

// apiPutAgenda replaces an event's whole agenda with {items: […]}: items
// with an id keep it, items without are new, and the event's items not
// sent are removed. If-Match makes it conditional.
func (s *server) apiPutAgenda(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		Items []agendaItemJSON `json:"items"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	var f hub.FieldErrors
	items := make([]events.AgendaItem, len(b.Items))
	for i, in := range b.Items {
		it := events.AgendaItem{ID: in.ID, Title: strings.TrimSpace(in.Title), Kind: events.AgendaKind(in.Kind), TopicSlug: in.Topic,
			PresenterOrganisationID: in.PresenterOrganisationID, PresenterName: strings.TrimSpace(in.PresenterName), RequestID: in.RequestID}
		for field, v := range map[string]string{"starts_at": in.StartsAt, "ends_at": in.EndsAt} {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				f.Add("items["+strconv.Itoa(i)+"]."+field, "must be a time in RFC 3339 with an offset")
				continue
			}
			if field == "starts_at" {
				it.StartsAt = t.UTC()
			} else {
				it.EndsAt = t.UTC()
			}
		}
		items[i] = it
	}
	if err := f.Err(); err != nil {
		return err
	}
	err = s.db.ChangeAgenda(c.Request().Context(), actorOf(c), ec.Event.ID, ifMatch(c),
		func(events.Event, []events.AgendaItem) ([]events.AgendaItem, error) { return items, nil })
	if err != nil {
		return err
	}
	return s.writeAgenda(c, ec)
}

// registrationJSON is a registration as coordinators see it in the API.
type registrationJSON struct {
	ID            int64      `json:"id"`
	EventID       int64      `json:"event_id"`
	PersonID      *int64     `json:"person_id"`
	Name          string     `json:"name"`
	Email         string     `json:"email,omitempty"`
	Organisations []string   `json:"organisations,omitempty"`
	AttendeeRole  string     `json:"attendee_role"`
	AccessNeeds   string     `json:"access_needs,omitempty"`
	Status        string     `json:"status"`
	Position      int        `json:"position,omitempty"`
	WalkIn        bool       `json:"walk_in,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	AttendedAt    *time.Time `json:"attended_at"`
}

// apiRegistrations lists an event's registrations (coordinators).
func (s *server) apiRegistrations(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	regs, err := s.db.EventRegistrations(c.Request().Context(), ec.Event.ID, c.QueryParam("q"))
	if err != nil {
		return err
	}
	out := make([]registrationJSON, len(regs))
	for i, r := range regs {
		out[i] = registrationJSON{ID: r.ID, EventID: r.EventID, PersonID: r.PersonID, Name: r.Name, Email: r.Email, Organisations: r.Organisations,
			AttendeeRole: string(r.AttendeeRole), AccessNeeds: r.AccessNeeds, Status: string(r.Status), Position: r.Position,
			WalkIn: r.WalkIn, CreatedAt: r.CreatedAt, AttendedAt: r.AttendedAt}
	}
	return c.JSON(http.StatusOK, list[registrationJSON]{Items: out})
}

// placedJSON answers a registration.
type placedJSON struct {
	ID        int64  `json:"id"`
	Status    string `json:"status"`
	Position  int    `json:"position,omitempty"`
	ManageURL string `json:"manage_url,omitempty"`
}

// checkEmailJSON answers a guest who registers with the email of a live
// registration for the event.
type checkEmailJSON struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// apiRegister registers the caller (signed in) or a guest for an event.
func (s *server) apiRegister(c echo.Context) error {
	ec, err := s.loadEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		GuestName    string `json:"guest_name"`
		GuestEmail   string `json:"guest_email"`
		AttendeeRole string `json:"attendee_role"`
		AccessNeeds  string `json:"access_needs"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	in := events.RegistrationInput{GuestName: b.GuestName, GuestEmail: b.GuestEmail,
		AttendeeRole: events.AttendeeRole(b.AttendeeRole), AccessNeeds: b.AccessNeeds}
	var placed storage.Placed
	switch onBehalf := b.GuestName != "" || b.GuestEmail != ""; {
	case onBehalf && ec.Manage(): // a coordinator registering someone, e.g. for an invite-only event
		placed, err = s.db.Register(c.Request().Context(), actorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.Someone,
			RegistrationInput: in, Now: time.Now()})
	case onBehalf && actorOf(c).SignedIn():
		return hub.FieldError("guest_email", "Guest details are only for people who are not signed in")
	default:
		placed, err = s.registerSelf(c, ec.Event.ID, in)
	}
	if err != nil {
		return err
	}
	if placed.Recovering {
		return c.JSON(http.StatusAccepted, checkEmailJSON{Status: "check_email", Message: checkEmailMessage})
	}
	out := placedJSON{ID: placed.Registration.ID, Status: string(placed.Registration.Status), Position: placed.Position}
	if placed.ManageToken != "" {
		out.ManageURL = s.manageURL(placed.ManageToken)
	}
	return c.JSON(http.StatusCreated, out)
}

// apiCancelRegistration cancels a registration: by its registrant, the
// hub's coordinators, or anyone with the guest's ?token=.
func (s *server) apiCancelRegistration(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	res, err := s.db.CancelRegistration(c.Request().Context(), actorOf(c), storage.Cancellation{ID: id, Token: c.QueryParam("token"), Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": id, "status": res.Registration.Status, "promoted": res.Promoted})
}

// apiAttendance marks a registration attended or not (coordinators).
func (s *server) apiAttendance(c echo.Context) error {
	reg, _, err := s.managedRegistration(c)
	if err != nil {
		return err
	}
	var b struct {
		Attended  *bool `json:"attended"`
		GivePlace bool  `json:"give_place"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	if b.Attended == nil {
		return hub.FieldError("attended", "must be true or false")
	}
	updated, err := s.db.SetAttendance(c.Request().Context(), actorOf(c), storage.Attendance{ID: reg.ID, Attended: *b.Attended, GivePlace: b.GivePlace})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": reg.ID, "status": updated.Status, "attended_at": updated.AttendedAt})
}

// apiWalkIn adds someone at the door (coordinators).
func (s *server) apiWalkIn(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		Name         string `json:"name"`
		Email        string `json:"email"`
		AttendeeRole string `json:"attendee_role"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	in := events.RegistrationInput{GuestName: b.Name, GuestEmail: b.Email, AttendeeRole: events.AttendeeRole(b.AttendeeRole)}
	placed, err := s.db.Register(c.Request().Context(), actorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.WalkIn, RegistrationInput: in, Now: time.Now()})
	if err != nil {
		return renamed(err, map[string]string{"guest_name": "name", "guest_email": "email"})
	}
	return c.JSON(http.StatusCreated, placedJSON{ID: placed.Registration.ID, Status: string(placed.Registration.Status)})
}

// apiNewManageLink gives a guest's registration a fresh manage link for
// the coordinator to pass on; the old link stops working.
func (s *server) apiNewManageLink(c echo.Context) error {
	reg, _, err := s.managedRegistration(c)
	if err != nil {
		return err
	}
	token, err := s.db.NewManageToken(c.Request().Context(), actorOf(c), reg.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": reg.ID, "manage_url": s.manageURL(token)})
}

// myRegistrationJSON is one of the caller's registrations.
type myRegistrationJSON struct {
	Event    eventJSON `json:"event"`
	ID       int64     `json:"id"`
	Status   string    `json:"status"`
	Position int       `json:"position,omitempty"`
}

// apiMyRegistrations lists the caller's registrations (?when=past).
func (s *server) apiMyRegistrations(c echo.Context) error {
	places, err := s.db.PlacesOf(c.Request().Context(), actorOf(c).PersonID(), c.QueryParam("when") == "past", time.Now())
	if err != nil {
		return err
	}
	out := make([]myRegistrationJSON, len(places))
	zones := zoneCache{}
	for i, p := range places {
		out[i] = myRegistrationJSON{Event: s.toEventJSON(p.Event, zones.of(p.Event.Hub), p.Registration.Status == events.RegRegistered),
			ID: p.Registration.ID, Status: string(p.Registration.Status), Position: p.Position}
	}
	return c.JSON(http.StatusOK, list[myRegistrationJSON]{Items: out})
}
