package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
)

// occurrenceJSON is one event of a series in the API.
type occurrenceJSON struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	Status     string    `json:"status"`
	Capacity   *int      `json:"capacity"`
	Registered int       `json:"registered"`
	Waitlisted int       `json:"waitlisted"`
	Attended   int       `json:"attended"`
}

// Series lists the events of series :id with status, places,
// registrations and attendance.
func (s *Handler) Series(c echo.Context) error {
	h, err := s.ManagedSeries(c)
	if err != nil {
		return err
	}
	occ, err := s.DB.SeriesOf(c.Request().Context(), h.FirstEventID)
	if err != nil {
		return err
	}
	out := make([]occurrenceJSON, len(occ))
	for i, o := range occ {
		out[i] = occurrenceJSON{ID: o.ID, Title: o.Title, StartsAt: o.StartsAt.UTC(), EndsAt: o.EndsAt.UTC(), Status: string(o.Status),
			Capacity: o.Capacity, Registered: o.Registered, Waitlisted: o.Waitlisted, Attended: o.Attended}
	}
	id, _ := web.PathID(c, "id")
	return c.JSON(http.StatusOK, map[string]any{"id": id, "occurrences": out})
}

// PublishSeries publishes the drafts of series :id: all, or from the
// event from_event_id on.
func (s *Handler) PublishSeries(c echo.Context) error {
	h, err := s.ManagedSeries(c)
	if err != nil {
		return err
	}
	var b struct {
		FromEventID *int64 `json:"from_event_id"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	id, _ := web.PathID(c, "id")
	p := storage.SeriesPublication{EventID: h.FirstEventID, SeriesID: id}
	if b.FromEventID != nil {
		p.EventID, p.Following = *b.FromEventID, true
	}
	n, err := s.DB.PublishSeries(c.Request().Context(), web.ActorOf(c), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"published": n})
}
