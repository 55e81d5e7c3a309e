package pages

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// myEventsView is "My events".
type myEventsView struct {
	Upcoming, Past []storage.MyPlace
	// Requests are those made or supported by the person's organisations.
	Requests []storage.RequestView
	zones    web.ZoneCache
}

// When is an event's date and time in its hub's zone.
func (v myEventsView) When(p storage.MyPlace) string {
	return events.FormatWhen(p.Event.StartsAt, p.Event.EndsAt, v.zones.Of(p.Event.Hub))
}

// MyEventsPage lists what the signed-in person is registered for.
func (s *Handler) MyEventsPage(c echo.Context) error {
	ctx := c.Request().Context()
	id := web.ActorOf(c).PersonID()
	v := myEventsView{zones: web.ZoneCache{}}
	var err error
	if v.Upcoming, err = s.DB.PlacesOf(ctx, id, false, time.Now()); err != nil {
		return err
	}
	if v.Past, err = s.DB.PlacesOf(ctx, id, true, time.Now()); err != nil {
		return err
	}
	if v.Requests, err = s.DB.MyRequests(ctx, web.ActorOf(c), time.Now()); err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "my_events", "My events", v)
}
