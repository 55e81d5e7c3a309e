package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// AttendanceJSON is one past event's attendance in the API.
type AttendanceJSON struct {
	EventID            int64                 `json:"event_id"`
	Title              string                `json:"title"`
	StartsAt           time.Time             `json:"starts_at"`
	TotalsJSON                               // the event's totals
	ByAttendeeRole     map[string]TotalsJSON `json:"by_attendee_role"`
	ByOrganisationKind map[string]TotalsJSON `json:"by_organisation_kind"`
}

// TotalsJSON is events.AttendanceTotals in the API.
type TotalsJSON struct {
	Registered int `json:"registered"`
	Waitlisted int `json:"waitlisted"`
	Attended   int `json:"attended"`
	NoShows    int `json:"no_shows"`
	WalkIns    int `json:"walk_ins"`
}

func totalsOf(t events.AttendanceTotals) TotalsJSON {
	return TotalsJSON{Registered: t.Registered, Waitlisted: t.Waitlisted, Attended: t.Attended, NoShows: t.NoShow, WalkIns: t.WalkIns}
}

// HubAttendance lists the attendance totals of a hub's past events,
// latest first (?limit=&offset=).
func (s *Handler) HubAttendance(c echo.Context) error {
	h, err := s.ReportedHub(c)
	if err != nil {
		return err
	}
	limit, offset, err := web.PageParams(c)
	if err != nil {
		return err
	}
	found, err := s.DB.HubAttendance(c.Request().Context(), web.ActorOf(c), storage.AttendanceQuery{HubID: h.ID, Now: time.Now(), Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	items := make([]AttendanceJSON, len(found))
	for i, e := range found {
		items[i] = AttendanceJSON{EventID: e.EventID, Title: e.Title, StartsAt: e.StartsAt.In(h.Zone()), TotalsJSON: totalsOf(e.Totals),
			ByAttendeeRole: map[string]TotalsJSON{}, ByOrganisationKind: map[string]TotalsJSON{}}
		for r, t := range e.ByRole {
			items[i].ByAttendeeRole[string(r)] = totalsOf(t)
		}
		for k, t := range e.ByOrgKind {
			items[i].ByOrganisationKind[string(k)] = totalsOf(t)
		}
	}
	return c.JSON(http.StatusOK, List[AttendanceJSON]{Items: items})
}
