package main

import (
	"github.com/labstack/echo/v4"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// copyForm is the form copying another event's agenda, on the agenda
// editor and the series page.
type copyForm struct {
	EventID  int64
	CSRF     string
	Form     *templates.Form
	Sources  []templates.Option
	InSeries bool
	// Back is the page the form returns to: "agenda" or "series".
	Back string
}

// newCopyForm lists the events of the hub with an agenda, the previous
// occurrence of the series first and chosen.
func (s *server) newCopyForm(c echo.Context, ec eventContext, back string) (copyForm, error) {
	f := copyForm{EventID: ec.Event.ID, CSRF: s.csrfTokenOf(c), InSeries: ec.Event.SeriesID != nil, Back: back}
	sources, err := s.db.CopySourcesFor(c.Request().Context(), ec.Event.ID)
	if err != nil {
		return f, err
	}
	values := map[string]string{"scope": "this"}
	for i, src := range sources {
		label := src.Title + ", " + events.FormatDate(src.StartsAt, ec.Loc) + " (" + hub.Plural(src.Items, "item", "items") + ")"
		if src.Previous {
			label = "Previous occurrence: " + label
		}
		if i == 0 {
			values["source_event_id"] = itoa64(src.ID)
		}
		f.Sources = append(f.Sources, templates.Option{Value: itoa64(src.ID), Label: label})
	}
	f.Form = templates.NewForm(values)
	return f, nil
}

// copyAgenda copies the chosen event's agenda into this event, or this
// and the following ones, and says how many were copied and skipped.
func (s *server) copyAgenda(c echo.Context) error {
	ec, err := s.managedEvent(c)
	if err != nil {
		return err
	}
	values := formValues(c, "source_event_id", "scope", "replace")
	src, _, err := formID(values["source_event_id"], "source_event_id")
	if err == nil {
		var res storage.AgendaCopyResult
		res, err = s.db.CopyAgenda(c.Request().Context(), actorOf(c), storage.AgendaCopy{SourceEventID: src, TargetEventID: ec.Event.ID,
			Following: values["scope"] == "following", Replace: values["replace"] == "yes"})
		if err == nil {
			to := "/events/" + itoa64(ec.Event.ID) + "/agenda"
			if c.FormValue("back") == "series" {
				to = "/events/" + itoa64(ec.Event.ID) + "/series"
			}
			return s.redirectWithFlash(c, to, copyMessage(res))
		}
	}
	form, err := failedForm(err, values)
	if err != nil {
		return err
	}
	return s.showAgenda(c, statusForForm(err), func(v *agendaView) { v.Copy.Form = form.Fail("", nil) })
}

// copyMessage says what a copy did.
func copyMessage(r storage.AgendaCopyResult) string {
	msg := "The agenda was copied into " + hub.Plural(r.Copied, "event", "events") + "."
	if r.Skipped > 0 {
		msg += " " + hub.Plural(r.Skipped, "event was", "events were") + " skipped because they already have an agenda; tick “Replace existing agendas” to overwrite them."
	}
	return msg
}
