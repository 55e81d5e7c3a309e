package main

import (
	"net/http"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
	"github.com/labstack/echo/v4"
)

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
