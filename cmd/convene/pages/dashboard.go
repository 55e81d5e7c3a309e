package pages

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// dashboardView is a coordinator's dashboard of their hubs.
type dashboardView struct {
	Hubs  []storage.HubDashboard
	zones web.ZoneCache
}

// When is an event's date and time in its hub's zone.
func (v dashboardView) When(d storage.EventDetail) string {
	return events.FormatWhen(d.StartsAt, d.EndsAt, v.zones.Of(d.Hub))
}

// Places says how many are registered and how many places are left.
func (v dashboardView) Places(d storage.EventDetail) string {
	out := hub.Plural(d.Registered, "registration", "registrations")
	switch {
	case d.Capacity == nil:
		out += " · unlimited places"
	case d.Registered >= *d.Capacity:
		out += " · full"
	default:
		out += " · " + hub.Plural(*d.Capacity-d.Registered, "place", "places") + " left"
	}
	if d.Waitlisted > 0 {
		out += " · " + strconv.Itoa(d.Waitlisted) + " on the waitlist"
	}
	return out
}

// DashboardPage is where a coordinator lands after signing in.
func (s *Handler) DashboardPage(c echo.Context) error {
	ids := slices.Sorted(maps.Keys(web.ActorOf(c).Coordinates))
	hubs, err := s.DB.Dashboard(c.Request().Context(), ids, time.Now())
	if err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "dashboard", "Your hubs", dashboardView{Hubs: hubs, zones: web.ZoneCache{}})
}
