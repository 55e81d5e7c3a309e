package pages

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var walkInFields = []string{"guest_name", "guest_email", "attendee_role"}

// checkInView is the coordinators' check-in page and sign-in sheet.
type checkInView struct {
	web.EventContext
	Registrations []storage.RegistrationView
	Totals        events.AttendanceTotals
	Query         string
	Form          *templates.Form
	// RegisterForm registers someone (for invite-only events); Placed,
	// PlacedName and ManageURL confirm it once.
	RegisterForm *templates.Form
	Placed       *storage.Placed
	PlacedName   string
	ManageURL    string
	// NewLinkName and NewLinkURL show once a fresh manage link made for
	// a guest, to pass on.
	NewLinkName string
	NewLinkURL  string
	// Confirm asks to give a waitlisted person a place as they are
	// checked in.
	Confirm *confirmPlace
}

// confirmPlace is the question asked before checking in someone from the
// waitlist.
type confirmPlace struct {
	ID      int64
	Name    string
	Message string
}

// When is the event's date and time.
func (v checkInView) When() string { return events.FormatWhen(v.Event.StartsAt, v.Event.EndsAt, v.Loc) }

// CheckInPage lists the people registered, to mark who came.
func (s *Handler) CheckInPage(c echo.Context) error {
	return s.showCheckIn(c, http.StatusOK, "check_in", func(*checkInView) {})
}

// SignInSheetPage is the printable sheet for people to sign at the door.
func (s *Handler) SignInSheetPage(c echo.Context) error {
	return s.showCheckIn(c, http.StatusOK, "sign_in_sheet", func(*checkInView) {})
}

func (s *Handler) showCheckIn(c echo.Context, status int, page string, adjust func(*checkInView)) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	return s.showCheckInOf(c, status, page, ec, adjust)
}

func (s *Handler) showCheckInOf(c echo.Context, status int, page string, ec web.EventContext, adjust func(*checkInView)) error {
	v := checkInView{EventContext: ec, Query: strings.TrimSpace(c.QueryParam("q")),
		Form: templates.NewForm(nil), RegisterForm: templates.NewForm(nil)}
	all, err := s.DB.EventRegistrations(c.Request().Context(), ec.Event.ID, "")
	if err != nil {
		return err
	}
	regs := make([]events.Registration, len(all))
	for i, r := range all {
		regs[i] = r.Registration
	}
	v.Totals = events.CountAttendance(regs)
	for _, r := range all {
		if r.Status == events.RegCancelled || (page == "sign_in_sheet" && r.Status != events.RegRegistered) {
			continue
		}
		if v.Query == "" || strings.Contains(strings.ToLower(r.Name+" "+r.Email), strings.ToLower(v.Query)) {
			v.Registrations = append(v.Registrations, r)
		}
	}
	adjust(&v)
	return s.Render(c, status, page, "Check-in: "+ec.Event.Title, v)
}

// SetAttendance marks someone as attended or not (from the check-in page).
func (s *Handler) SetAttendance(c echo.Context) error {
	reg, ec, err := s.ManagedRegistration(c)
	if err != nil {
		return err
	}
	attended := c.FormValue("attended") == "true"
	_, err = s.DB.SetAttendance(c.Request().Context(), web.ActorOf(c), storage.Attendance{ID: reg.ID, Attended: attended,
		GivePlace: c.FormValue("give_place") == "true"})
	if why := hub.ErrorFields(err)["give_place"]; why != "" {
		return s.showCheckInOf(c, http.StatusConflict, "check_in", ec, func(v *checkInView) {
			v.Confirm = &confirmPlace{ID: reg.ID, Name: registrantName(v.Registrations, reg.ID), Message: why}
		})
	}
	if err != nil {
		return err
	}
	back := "/events/" + web.FormatID(ec.Event.ID) + "/check-in"
	if q := strings.TrimSpace(c.FormValue("q")); q != "" {
		back += "?q=" + url.QueryEscape(q)
	}
	msg := "Marked as not attended."
	if attended {
		msg = "Checked in."
	}
	return s.RedirectWithFlash(c, back, msg)
}

// registrantName is the name of registration id in the list, or "them".
func registrantName(regs []storage.RegistrationView, id int64) string {
	for _, r := range regs {
		if r.ID == id {
			return r.Name
		}
	}
	return "them"
}

// AddWalkIn records someone let in at the door.
func (s *Handler) AddWalkIn(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, walkInFields...)
	in := registrationInput(values)
	_, err = s.DB.Register(c.Request().Context(), web.ActorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.WalkIn, RegistrationInput: in, Now: time.Now()})
	if err != nil {
		form, ferr := web.FailedForm(err, values, walkInFields...)
		if ferr != nil {
			return ferr
		}
		return s.showCheckIn(c, web.StatusForForm(err), "check_in", func(v *checkInView) { v.Form = form })
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/check-in", in.GuestName+" is added and checked in.")
}

// RegisterSomeone lets a coordinator register a person – the way into an
// invite-only event. Someone with an account is registered as themselves;
// anyone else as a guest, whose private manage link is shown to pass on.
func (s *Handler) RegisterSomeone(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, registerFields...)
	placed, err := s.DB.Register(c.Request().Context(), web.ActorOf(c), storage.Registration{EventID: ec.Event.ID, As: storage.Someone,
		RegistrationInput: registrationInput(values), Now: time.Now()})
	if err != nil {
		form, ferr := web.FailedForm(err, values, registerFields...)
		if ferr != nil {
			return ferr
		}
		return s.showCheckIn(c, web.StatusForForm(err), "check_in", func(v *checkInView) { v.RegisterForm = form })
	}
	web.ForgetEvent(c, ec.Event.ID) // its counts have changed
	return s.showCheckIn(c, http.StatusCreated, "check_in", func(v *checkInView) {
		v.Placed, v.PlacedName = &placed, values["guest_name"]
		if placed.ManageToken != "" {
			v.ManageURL = s.ManageURL(placed.ManageToken)
		}
	})
}

// NewManageLink gives a guest's registration a fresh manage link (the old
// one stops working) and shows it, for the coordinator to pass on – until
// Convene can email it to the guest.
func (s *Handler) NewManageLink(c echo.Context) error {
	reg, ec, err := s.ManagedRegistration(c)
	if err != nil {
		return err
	}
	token, err := s.DB.NewManageToken(c.Request().Context(), web.ActorOf(c), reg.ID)
	if err != nil {
		return err
	}
	return s.showCheckInOf(c, http.StatusOK, "check_in", ec, func(v *checkInView) {
		v.NewLinkName, v.NewLinkURL = reg.GuestName, s.ManageURL(token)
	})
}
