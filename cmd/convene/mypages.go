package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
)

// myEventsView is "My events".
type myEventsView struct {
	Upcoming, Past []storage.MyPlace
	// Requests are those made or supported by the person's organisations.
	Requests []storage.RequestView
	zones    zoneCache
}

// When is an event's date and time in its hub's zone.
func (v myEventsView) When(p storage.MyPlace) string {
	return events.FormatWhen(p.Event.StartsAt, p.Event.EndsAt, v.zones.of(p.Event.Hub))
}

// myEventsPage lists what the signed-in person is registered for.
func (s *server) myEventsPage(c echo.Context) error {
	ctx := c.Request().Context()
	id := actorOf(c).PersonID()
	v := myEventsView{zones: zoneCache{}}
	var err error
	if v.Upcoming, err = s.db.PlacesOf(ctx, id, false, time.Now()); err != nil {
		return err
	}
	if v.Past, err = s.db.PlacesOf(ctx, id, true, time.Now()); err != nil {
		return err
	}
	if v.Requests, err = s.db.MyRequests(ctx, actorOf(c), time.Now()); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "my_events", "My events", v)
}
