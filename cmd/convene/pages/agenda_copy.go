package pages

import (
	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
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
func (s *Handler) newCopyForm(c echo.Context, ec web.EventContext, back string) (copyForm, error) {
	f := copyForm{EventID: ec.Event.ID, CSRF: s.CSRFTokenOf(c), InSeries: ec.Event.SeriesID != nil, Back: back}
	sources, err := s.DB.CopySourcesFor(c.Request().Context(), ec.Event.ID)
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
			values["source_event_id"] = web.FormatID(src.ID)
		}
		f.Sources = append(f.Sources, templates.Option{Value: web.FormatID(src.ID), Label: label})
	}
	f.Form = templates.NewForm(values)
	return f, nil
}

// CopyAgenda copies the chosen event's agenda into this event, or this
// and the following ones, and says how many were copied and skipped.
func (s *Handler) CopyAgenda(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, "source_event_id", "scope", "replace")
	src, _, err := web.FormID(values["source_event_id"], "source_event_id")
	if err == nil {
		var res storage.AgendaCopyResult
		res, err = s.DB.CopyAgenda(c.Request().Context(), web.ActorOf(c), storage.AgendaCopy{SourceEventID: src, TargetEventID: ec.Event.ID,
			Following: values["scope"] == "following", Replace: values["replace"] == "yes"})
		if err == nil {
			to := "/events/" + web.FormatID(ec.Event.ID) + "/agenda"
			if c.FormValue("back") == "series" {
				to = "/events/" + web.FormatID(ec.Event.ID) + "/series"
			}
			return s.RedirectWithFlash(c, to, copyMessage(res))
		}
	}
	form, err := web.FailedForm(err, values)
	if err != nil {
		return err
	}
	return s.showAgenda(c, web.StatusForForm(err), func(v *agendaView) { v.Copy.Form = form.Fail("", nil) })
}

// copyMessage says what a copy did.
func copyMessage(r storage.AgendaCopyResult) string {
	msg := "The agenda was copied into " + hub.Plural(r.Copied, "event", "events") + "."
	if r.Skipped > 0 {
		msg += " " + hub.Plural(r.Skipped, "event was", "events were") + " skipped because they already have an agenda; tick “Replace existing agendas” to overwrite them."
	}
	return msg
}
