package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// seriesView is the page of a series: its events with status, places
// and attendance, and publishing them together.
type seriesView struct {
	web.EventContext
	Occurrences []storage.SeriesOccurrence
	Drafts      int
	// Copy copies an agenda into this event or the following ones.
	Copy copyForm
}

// When is an occurrence's date and time.
func (v seriesView) When(o storage.SeriesOccurrence) string {
	return events.FormatWhen(o.StartsAt, o.EndsAt, v.Loc)
}

// Places is "12 of 30", or "12" for unlimited places.
func (v seriesView) Places(o storage.SeriesOccurrence) string {
	if o.Capacity == nil {
		return strconv.Itoa(o.Registered)
	}
	return strconv.Itoa(o.Registered) + " of " + strconv.Itoa(*o.Capacity)
}

// SeriesPage lists the events of the series of event :id.
func (s *Handler) SeriesPage(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	if ec.Event.SeriesID == nil {
		return &hub.Error{Code: hub.ENotFound, Message: "This event is not part of a series."}
	}
	v := seriesView{EventContext: ec}
	if v.Occurrences, err = s.DB.SeriesOf(c.Request().Context(), ec.Event.ID); err != nil {
		return err
	}
	for _, o := range v.Occurrences {
		if o.Status == events.StatusDraft {
			v.Drafts++
		}
	}
	if v.Copy, err = s.newCopyForm(c, ec, "series"); err != nil {
		return err
	}
	return s.Render(c, http.StatusOK, "series", "Series: "+ec.Event.Title, v)
}

// PublishSeries publishes the drafts of the series: all, or this event
// and the following ones (scope=following).
func (s *Handler) PublishSeries(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	n, err := s.DB.PublishSeries(c.Request().Context(), web.ActorOf(c), storage.SeriesPublication{EventID: ec.Event.ID,
		Following: c.FormValue("scope") == "following"})
	if err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/series", hub.Plural(n, "event is", "events are")+" published.")
}
