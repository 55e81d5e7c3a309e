package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// reportedHub is the hub of the route for its coordinators and
// evaluators (the route's permission, evaluatorOfHub).
func (s *server) reportedHub(c echo.Context) (hub.Hub, error) {
	h, err := s.db.HubBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return h, err
	}
	return h, check(hub.CanReadHubReports(actorOf(c), h.ID), "Only the coordinators and evaluators of "+h.Name+" can see its attendance.")
}

// attendanceView is the attendance page of a hub.
type attendanceView struct {
	Hub    hub.Hub
	Loc    *time.Location
	Events []events.EventAttendance
	Page   int
	More   bool
}

// Date is an event's date in the hub's zone.
func (v attendanceView) Date(e events.EventAttendance) string {
	return e.StartsAt.In(v.Loc).Format("Monday 2 January 2006")
}

// Breakdowns are an event's numbers by attendee role and by kind of
// organisation, in display order, with only the rows that have someone.
func (v attendanceView) Breakdowns(e events.EventAttendance) []breakdown {
	roles := breakdown{Caption: "By how people came", Heading: "Came as"}
	for _, r := range events.AllAttendeeRoles() {
		if t, ok := e.ByRole[r]; ok {
			roles.Rows = append(roles.Rows, attendanceRow{r.Label(), t})
		}
	}
	kinds := breakdown{Caption: "By kind of organisation", Heading: "Acting for"}
	for _, k := range append(hub.OrgKinds(), events.NoOrganisation) {
		if t, ok := e.ByOrgKind[k]; ok {
			label := k.Label()
			if k == events.NoOrganisation {
				label = "No organisation"
			}
			kinds.Rows = append(kinds.Rows, attendanceRow{label, t})
		}
	}
	return []breakdown{roles, kinds}
}

// breakdown is one table of an event's numbers.
type breakdown struct {
	Caption, Heading string
	Rows             []attendanceRow
}

// attendanceRow is one line of a breakdown.
type attendanceRow struct {
	Label  string
	Totals events.AttendanceTotals
}

const attendancePerPage = 10

// attendancePage shows the attendance totals of a hub's past events to
// its coordinators and evaluators: numbers only.
func (s *server) attendancePage(c echo.Context) error {
	h, err := s.reportedHub(c)
	if err != nil {
		return err
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 10000 {
			return hub.FieldError("page", "must be a page number from 1 to 10000")
		}
	}
	list, err := s.db.HubAttendance(c.Request().Context(), actorOf(c), storage.AttendanceQuery{HubID: h.ID, Now: time.Now(),
		Limit: attendancePerPage + 1, Offset: (page - 1) * attendancePerPage})
	if err != nil {
		return err
	}
	v := attendanceView{Hub: h, Loc: h.Zone(), Page: page, More: len(list) > attendancePerPage}
	v.Events = list[:min(len(list), attendancePerPage)]
	return s.render(c, http.StatusOK, "hub_attendance", "Attendance at "+h.Name, v)
}

// attendanceJSON is one past event's attendance in the API.
type attendanceJSON struct {
	EventID            int64                 `json:"event_id"`
	Title              string                `json:"title"`
	StartsAt           time.Time             `json:"starts_at"`
	totalsJSON                               // the event's totals
	ByAttendeeRole     map[string]totalsJSON `json:"by_attendee_role"`
	ByOrganisationKind map[string]totalsJSON `json:"by_organisation_kind"`
}

// totalsJSON is events.AttendanceTotals in the API.
type totalsJSON struct {
	Registered int `json:"registered"`
	Waitlisted int `json:"waitlisted"`
	Attended   int `json:"attended"`
	NoShows    int `json:"no_shows"`
	WalkIns    int `json:"walk_ins"`
}

func totalsOf(t events.AttendanceTotals) totalsJSON {
	return totalsJSON{Registered: t.Registered, Waitlisted: t.Waitlisted, Attended: t.Attended, NoShows: t.NoShow, WalkIns: t.WalkIns}
}

// apiHubAttendance lists the attendance totals of a hub's past events,
// latest first (?limit=&offset=).
func (s *server) apiHubAttendance(c echo.Context) error {
	h, err := s.reportedHub(c)
	if err != nil {
		return err
	}
	limit, offset, err := pageParams(c)
	if err != nil {
		return err
	}
	found, err := s.db.HubAttendance(c.Request().Context(), actorOf(c), storage.AttendanceQuery{HubID: h.ID, Now: time.Now(), Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	items := make([]attendanceJSON, len(found))
	for i, e := range found {
		items[i] = attendanceJSON{EventID: e.EventID, Title: e.Title, StartsAt: e.StartsAt.In(h.Zone()), totalsJSON: totalsOf(e.Totals),
			ByAttendeeRole: map[string]totalsJSON{}, ByOrganisationKind: map[string]totalsJSON{}}
		for r, t := range e.ByRole {
			items[i].ByAttendeeRole[string(r)] = totalsOf(t)
		}
		for k, t := range e.ByOrgKind {
			items[i].ByOrganisationKind[string(k)] = totalsOf(t)
		}
	}
	return c.JSON(http.StatusOK, list[attendanceJSON]{Items: items})
}
