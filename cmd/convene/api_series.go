package main

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
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

// apiSeries lists the events of series :id with status, places,
// registrations and attendance.
func (s *server) apiSeries(c echo.Context) error {
	h, err := s.managedSeries(c)
	if err != nil {
		return err
	}
	occ, err := s.db.SeriesOf(c.Request().Context(), h.FirstEventID)
	if err != nil {
		return err
	}
	out := make([]occurrenceJSON, len(occ))
	for i, o := range occ {
		out[i] = occurrenceJSON{ID: o.ID, Title: o.Title, StartsAt: o.StartsAt.UTC(), EndsAt: o.EndsAt.UTC(), Status: string(o.Status),
			Capacity: o.Capacity, Registered: o.Registered, Waitlisted: o.Waitlisted, Attended: o.Attended}
	}
	id, _ := pathID(c, "id")
	return c.JSON(http.StatusOK, map[string]any{"id": id, "occurrences": out})
}

// apiPublishSeries publishes the drafts of series :id: all, or from the
// event from_event_id on.
func (s *server) apiPublishSeries(c echo.Context) error {
	h, err := s.managedSeries(c)
	if err != nil {
		return err
	}
	var b struct {
		FromEventID *int64 `json:"from_event_id"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	id, _ := pathID(c, "id")
	p := storage.SeriesPublication{EventID: h.FirstEventID, SeriesID: id}
	if b.FromEventID != nil {
		p.EventID, p.Following = *b.FromEventID, true
	}
	n, err := s.db.PublishSeries(c.Request().Context(), actorOf(c), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"published": n})
}

// apiCopyAgenda copies {source_event_id}'s agenda into event :id, or it
// and the following ones ({scope: "following"}), replacing agendas only
// with {replace: true}.
func (s *server) apiCopyAgenda(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		SourceEventID int64  `json:"source_event_id"`
		Scope         string `json:"scope"`
		Replace       bool   `json:"replace"`
	}
	if err := bindJSON(c, &b); err != nil {
		return err
	}
	if b.Scope != "" && b.Scope != "this" && b.Scope != "following" {
		return hub.FieldError("scope", `must be "this" or "following"`)
	}
	res, err := s.db.CopyAgenda(c.Request().Context(), actorOf(c), storage.AgendaCopy{SourceEventID: b.SourceEventID,
		TargetEventID: ec.Event.ID, Following: b.Scope == "following", Replace: b.Replace})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
