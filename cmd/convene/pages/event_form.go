package pages

import (
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// eventFields are the event form's fields, top to bottom.
var eventFields = []string{"title", "summary", "date", "start_time", "end_date", "end_time", "format", "venue",
	"host_organisation_id", "online_url", "capacity", "visibility", "audiences", "topics", "repeat", "repeat_count", "repeat_until", "scope", web.VersionField}

// eventInput is an event read from the form, with what was wrong with it.
type eventInput struct {
	Event      events.Event
	Topics     []string
	Recurrence *events.Recurrence
	// Notes explain how local times that do not exist or happen twice
	// (clock changes) were read.
	Notes []string
	// Form holds the values typed, to show the form again.
	Form *templates.Form
	// Audiences and TopicSet are the boxes ticked.
	Audiences, TopicSet map[string]bool
	// Scope is "this" or "following" when editing an occurrence of a series.
	Scope string
	// Problems are what could not be read (dates, times, numbers), under
	// the form's field names; the operation reports them with its own.
	Problems error
}

// readEventForm reads the event form into an event of hubID; what cannot
// be read is in Problems, with the form's field names.
func readEventForm(c echo.Context, hubID int64, loc *time.Location, withRepeat bool) eventInput {
	values := web.FormValues(c, eventFields...)
	in := eventInput{Form: templates.NewForm(values), Audiences: map[string]bool{}, TopicSet: map[string]bool{}, Scope: values["scope"]}
	params, _ := c.FormParams()
	var f hub.FieldErrors
	e := events.Event{HubID: hubID, Title: values["title"], Summary: values["summary"], Format: events.Format(values["format"]),
		Venue: values["venue"], OnlineURL: values["online_url"], Visibility: events.Visibility(values["visibility"]), Status: events.StatusDraft}
	for _, a := range params["audiences"] {
		e.Audiences = append(e.Audiences, events.Audience(a))
		in.Audiences[a] = true
	}
	for _, t := range params["topics"] {
		in.Topics = append(in.Topics, t)
		in.TopicSet[t] = true
	}
	start, note, err := events.ParseLocal(values["date"], values["start_time"], loc)
	f.Merge(web.Renamed(err, map[string]string{"time": "start_time"}))
	if note != "" {
		in.Notes = append(in.Notes, note)
	}
	endDate := values["end_date"]
	if endDate == "" {
		endDate = values["date"]
	}
	end, note, err := events.ParseLocal(endDate, values["end_time"], loc)
	f.Merge(web.Renamed(err, map[string]string{"date": "end_date", "time": "end_time"}))
	if note != "" {
		in.Notes = append(in.Notes, note)
	}
	e.StartsAt, e.EndsAt = start, end
	if values["capacity"] != "" {
		n, err := strconv.Atoi(values["capacity"])
		if err != nil {
			f.Add("capacity", "Enter the number of places as a whole number, or leave it empty for unlimited places")
		} else {
			e.Capacity = &n
		}
	}
	if id, ok, err := web.FormID(values["host_organisation_id"], "host_organisation_id"); err != nil {
		f.Add("host_organisation_id", "Choose the hosting organisation from the list")
	} else if ok {
		e.HostOrganisationID = &id
	}
	if withRepeat && values["repeat"] != "" {
		in.Recurrence = readRepeat(&f, values, loc)
	}
	in.Event, in.Problems = e, f.Err()
	return in
}

// readRepeat reads the series part of the form.
func readRepeat(f *hub.FieldErrors, values map[string]string, loc *time.Location) *events.Recurrence {
	freq := map[string]events.Frequency{"weekly": events.FreqWeekly, "fortnightly": events.FreqFortnightly,
		"monthly": events.FreqMonthlyNthWeekday, "quarterly": events.FreqQuarterly}[values["repeat"]]
	if freq == "" {
		f.Add("repeat", "Choose how often the event repeats")
		return nil
	}
	r := events.Recurrence{Frequency: freq}
	switch {
	case values["repeat_until"] != "":
		until, err := time.ParseInLocation(time.DateOnly, values["repeat_until"], loc)
		if err != nil {
			f.Add("repeat_until", "Enter the last date in the form 2026-12-15")
			return nil
		}
		r.Until = until
	case values["repeat_count"] != "":
		n, err := strconv.Atoi(values["repeat_count"])
		if err != nil || n < 1 {
			f.Add("repeat_count", "Enter how many events there are in all, such as 10")
			return nil
		}
		r.Count = n
	default:
		f.Add("repeat_count", "Say how many events there are in all, or the date of the last one")
		return nil
	}
	return &r
}

// eventFormOf fills the form from a stored event, in the hub's zone.
func eventFormOf(d storage.EventDetail, loc *time.Location) eventInput {
	date, start := events.SplitLocal(d.StartsAt, loc)
	endDate, end := events.SplitLocal(d.EndsAt, loc)
	if endDate == date {
		endDate = ""
	}
	values := map[string]string{"title": d.Title, "summary": d.Summary, "date": date, "start_time": start, "end_date": endDate,
		"end_time": end, "format": string(d.Format), "venue": d.Venue, "online_url": d.OnlineURL, "visibility": string(d.Visibility), "scope": "this",
		web.VersionField: web.FormatID(d.Version)}
	if d.Capacity != nil {
		values["capacity"] = strconv.Itoa(*d.Capacity)
	}
	if d.HostOrganisationID != nil {
		values["host_organisation_id"] = web.FormatID(*d.HostOrganisationID)
	}
	in := eventInput{Event: d.Event, Form: templates.NewForm(values), Audiences: map[string]bool{}, TopicSet: map[string]bool{}, Scope: "this"}
	for _, a := range d.Audiences {
		in.Audiences[string(a)] = true
	}
	for _, t := range d.Topics {
		in.TopicSet[t.Slug] = true
	}
	return in
}

// joinNotes makes sentences of the clock-change notes.
func joinNotes(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return capitalise(strings.Join(notes, ". ")) + "."
}
