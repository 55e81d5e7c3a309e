package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// RegistrationJSON is a registration as coordinators see it in the API.
type RegistrationJSON struct {
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

// Registrations lists an event's registrations (coordinators).
func (s *Handler) Registrations(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	regs, err := s.DB.EventRegistrations(c.Request().Context(), ec.Event.ID, c.QueryParam("q"))
	if err != nil {
		return err
	}
	out := make([]RegistrationJSON, len(regs))
	for i, r := range regs {
		out[i] = RegistrationJSON{ID: r.ID, EventID: r.EventID, PersonID: r.PersonID, Name: r.Name, Email: r.Email, Organisations: r.Organisations,
			AttendeeRole: string(r.AttendeeRole), AccessNeeds: r.AccessNeeds, Status: string(r.Status), Position: r.Position,
			WalkIn: r.WalkIn, CreatedAt: r.CreatedAt, AttendedAt: r.AttendedAt}
	}
	return c.JSON(http.StatusOK, List[RegistrationJSON]{Items: out})
}

// PlacedJSON answers a registration.
type PlacedJSON struct {
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

// Register registers the caller (signed in) or a guest for an event.
func (s *Handler) Register(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		GuestName    string `json:"guest_name"`
		GuestEmail   string `json:"guest_email"`
		AttendeeRole string `json:"attendee_role"`
		AccessNeeds  string `json:"access_needs"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	in := events.RegistrationInput{GuestName: b.GuestName, GuestEmail: b.GuestEmail,
		AttendeeRole: events.AttendeeRole(b.AttendeeRole), AccessNeeds: b.AccessNeeds}
	var placed storage.Placed
	switch onBehalf := b.GuestName != "" || b.GuestEmail != ""; {
	case onBehalf && ec.Manage(): // a coordinator registering someone, e.g. for an invite-only event
		placed, err = s.DB.Register(c.Request().Context(), web.ActorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.Someone,
			RegistrationInput: in, Now: time.Now()})
	case onBehalf && web.ActorOf(c).SignedIn():
		return hub.FieldError("guest_email", "Guest details are only for people who are not signed in")
	default:
		placed, err = s.RegisterSelf(c, ec.Event.ID, in)
	}
	if err != nil {
		return err
	}
	if placed.Recovering {
		return c.JSON(http.StatusAccepted, checkEmailJSON{Status: "check_email", Message: web.CheckEmailMessage})
	}
	out := PlacedJSON{ID: placed.Registration.ID, Status: string(placed.Registration.Status), Position: placed.Position}
	if placed.ManageToken != "" {
		out.ManageURL = s.ManageURL(placed.ManageToken)
	}
	return c.JSON(http.StatusCreated, out)
}

// CancelRegistration cancels a registration: by its registrant, the
// hub's coordinators, or anyone with the guest's ?token=.
func (s *Handler) CancelRegistration(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	res, err := s.DB.CancelRegistration(c.Request().Context(), web.ActorOf(c), storage.Cancellation{ID: id, Token: c.QueryParam("token"), Now: time.Now()})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": id, "status": res.Registration.Status, "promoted": res.Promoted})
}

// Attendance marks a registration attended or not (coordinators).
func (s *Handler) Attendance(c echo.Context) error {
	reg, _, err := s.ManagedRegistration(c)
	if err != nil {
		return err
	}
	var b struct {
		Attended  *bool `json:"attended"`
		GivePlace bool  `json:"give_place"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	if b.Attended == nil {
		return hub.FieldError("attended", "must be true or false")
	}
	updated, err := s.DB.SetAttendance(c.Request().Context(), web.ActorOf(c), storage.Attendance{ID: reg.ID, Attended: *b.Attended, GivePlace: b.GivePlace})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": reg.ID, "status": updated.Status, "attended_at": updated.AttendedAt})
}

// WalkIn adds someone at the door (coordinators).
func (s *Handler) WalkIn(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		Name         string `json:"name"`
		Email        string `json:"email"`
		AttendeeRole string `json:"attendee_role"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	in := events.RegistrationInput{GuestName: b.Name, GuestEmail: b.Email, AttendeeRole: events.AttendeeRole(b.AttendeeRole)}
	placed, err := s.DB.Register(c.Request().Context(), web.ActorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.WalkIn, RegistrationInput: in, Now: time.Now()})
	if err != nil {
		return web.Renamed(err, map[string]string{"guest_name": "name", "guest_email": "email"})
	}
	return c.JSON(http.StatusCreated, PlacedJSON{ID: placed.Registration.ID, Status: string(placed.Registration.Status)})
}

// NewManageLink gives a guest's registration a fresh manage link for
// the coordinator to pass on; the old link stops working.
func (s *Handler) NewManageLink(c echo.Context) error {
	reg, _, err := s.ManagedRegistration(c)
	if err != nil {
		return err
	}
	token, err := s.DB.NewManageToken(c.Request().Context(), web.ActorOf(c), reg.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"id": reg.ID, "manage_url": s.ManageURL(token)})
}

// myRegistrationJSON is one of the caller's registrations.
type myRegistrationJSON struct {
	Event    EventJSON `json:"event"`
	ID       int64     `json:"id"`
	Status   string    `json:"status"`
	Position int       `json:"position,omitempty"`
}

// MyRegistrations lists the caller's registrations (?when=past).
func (s *Handler) MyRegistrations(c echo.Context) error {
	places, err := s.DB.PlacesOf(c.Request().Context(), web.ActorOf(c).PersonID(), c.QueryParam("when") == "past", time.Now())
	if err != nil {
		return err
	}
	out := make([]myRegistrationJSON, len(places))
	zones := web.ZoneCache{}
	for i, p := range places {
		out[i] = myRegistrationJSON{Event: s.toEventJSON(p.Event, zones.Of(p.Event.Hub), p.Registration.Status == events.RegRegistered),
			ID: p.Registration.ID, Status: string(p.Registration.Status), Position: p.Position}
	}
	return c.JSON(http.StatusOK, List[myRegistrationJSON]{Items: out})
}
