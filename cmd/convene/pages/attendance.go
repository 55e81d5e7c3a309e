package pages

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

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

// AttendancePage shows the attendance totals of a hub's past events to
// its coordinators and evaluators: numbers only.
func (s *Handler) AttendancePage(c echo.Context) error {
	h, err := s.ReportedHub(c)
	if err != nil {
		return err
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 10000 {
			return hub.FieldError("page", "must be a page number from 1 to 10000")
		}
	}
	list, err := s.DB.HubAttendance(c.Request().Context(), web.ActorOf(c), storage.AttendanceQuery{HubID: h.ID, Now: time.Now(),
		Limit: attendancePerPage + 1, Offset: (page - 1) * attendancePerPage})
	if err != nil {
		return err
	}
	v := attendanceView{Hub: h, Loc: h.Zone(), Page: page, More: len(list) > attendancePerPage}
	v.Events = list[:min(len(list), attendancePerPage)]
	return s.Render(c, http.StatusOK, "hub_attendance", "Attendance at "+h.Name, v)
}
