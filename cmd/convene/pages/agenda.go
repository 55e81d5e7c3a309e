package pages

import (
	"net/http"
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

var agendaFields = []string{"date", "start_time", "end_time", "title", "kind", "topic", "presenter_organisation_id", "presenter_name"}

// agendaView is the coordinators' agenda editor.
type agendaView struct {
	web.EventContext
	Agenda []storage.AgendaEntry
	// Editing is the item whose form is open; 0 adds a new one.
	Editing   int64
	Form      *templates.Form
	ShiftForm *templates.Form
	Hosts     []templates.Option
	Topics    []templates.Option
	Kinds     []templates.Option
	MultiDay  bool
	// Version is the agenda's version the forms were made from.
	Version int64
	// Requests are the hub's waiting topic requests, to add in one action.
	Requests builderRequests
	// Copy copies another event's agenda here.
	Copy copyForm
}

// ItemOptions are the items to choose from in the shift form.
func (v agendaView) ItemOptions() []templates.Option {
	opts := make([]templates.Option, len(v.Agenda))
	for i, it := range v.Agenda {
		opts[i] = templates.Option{Value: web.FormatID(it.ID), Label: v.Clock(it.StartsAt) + " " + it.Title}
	}
	return opts
}

// Clock shows a time in the hub's zone.
func (v agendaView) Clock(t time.Time) string { return events.FormatClock(t, v.Loc) }

// AgendaPage shows the agenda editor (?edit=ITEM opens an item's form).
func (s *Handler) AgendaPage(c echo.Context) error {
	return s.showAgenda(c, http.StatusOK, func(*agendaView) {})
}

func (s *Handler) showAgenda(c echo.Context, status int, adjust func(*agendaView)) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := agendaView{EventContext: ec, ShiftForm: templates.NewForm(map[string]string{"minutes": "15"}), Version: ec.Event.AgendaVersion}
	if v.Agenda, err = s.DB.AgendaOf(ctx, ec.Event.ID); err != nil {
		return err
	}
	date, start := events.SplitLocal(ec.Event.StartsAt, ec.Loc)
	endDate, _ := events.SplitLocal(ec.Event.EndsAt, ec.Loc)
	v.MultiDay = endDate != date
	values := map[string]string{"date": date, "start_time": start, "kind": string(events.KindTalk)}
	if n := len(v.Agenda); n > 0 { // a new item starts when the last one ends
		last := v.Agenda[n-1].EndsAt
		values["date"], values["start_time"] = events.SplitLocal(last, ec.Loc)
		end := last.Add(30 * time.Minute)
		if end.After(ec.Event.EndsAt) {
			end = ec.Event.EndsAt
		}
		if end.After(last) {
			_, values["end_time"] = events.SplitLocal(end, ec.Loc)
		}
		v.ShiftForm.Values["item"] = web.FormatID(v.Agenda[0].ID)
	}
	if id, _ := strconv.ParseInt(c.QueryParam("edit"), 10, 64); id > 0 {
		for _, it := range v.Agenda {
			if it.ID == id {
				v.Editing = id
				values = agendaValues(it, ec.Loc)
			}
		}
	}
	v.Form = templates.NewForm(values)
	v.Hosts, v.Topics, v.Kinds, err = s.agendaOptions(c, ec.Event.HubID)
	if err != nil {
		return err
	}
	if v.Requests, err = s.waitingRequests(c, ec.Event.Hub.Slug); err != nil {
		return err
	}
	if v.Copy, err = s.newCopyForm(c, ec, "agenda"); err != nil {
		return err
	}
	adjust(&v)
	return s.Render(c, status, "agenda", "Agenda: "+ec.Event.Title, v)
}

func agendaValues(it storage.AgendaEntry, loc *time.Location) map[string]string {
	date, start := events.SplitLocal(it.StartsAt, loc)
	_, end := events.SplitLocal(it.EndsAt, loc)
	v := map[string]string{"date": date, "start_time": start, "end_time": end, "title": it.Title, "kind": string(it.Kind),
		"topic": it.TopicSlug, "presenter_name": it.PresenterName}
	if it.PresenterOrganisationID != nil {
		v["presenter_organisation_id"] = web.FormatID(*it.PresenterOrganisationID)
	}
	return v
}

func (s *Handler) agendaOptions(c echo.Context, hubID int64) (hosts, topics, kinds []templates.Option, err error) {
	ctx := c.Request().Context()
	members, err := s.DB.MembersOfHub(ctx, hubID)
	if err != nil {
		return nil, nil, nil, err
	}
	hosts = []templates.Option{{Value: "", Label: "None"}}
	for _, o := range members {
		hosts = append(hosts, templates.Option{Value: web.FormatID(o.ID), Label: o.Name})
	}
	all, err := s.DB.ListTopics(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	topics = []templates.Option{{Value: "", Label: "None"}}
	for _, t := range all {
		topics = append(topics, templates.Option{Value: t.Slug, Label: t.Name})
	}
	for _, k := range events.AllAgendaKinds() {
		kinds = append(kinds, templates.Option{Value: string(k), Label: k.Label()})
	}
	return hosts, topics, kinds, nil
}

// SaveAgendaItem adds an item (no :item) or changes one.
func (s *Handler) SaveAgendaItem(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	itemID, _ := strconv.ParseInt(c.Param("item"), 10, 64)
	values := web.FormValues(c, agendaFields...)
	item, err := readAgendaItem(values, ec.Loc)
	if err == nil {
		err = s.changeAgenda(c, ec, web.FormVersion(c), func(items []events.AgendaItem) ([]events.AgendaItem, error) {
			if itemID == 0 {
				return append(items, item), nil
			}
			for i := range items {
				if items[i].ID == itemID {
					item.ID, item.RequestID = itemID, items[i].RequestID
					items[i] = item
					return items, nil
				}
			}
			return nil, &hub.Error{Code: hub.ENotFound, Message: "That agenda item was not found."}
		})
	}
	if hub.ErrorCode(err) == hub.EStale {
		return s.showAgenda(c, http.StatusConflict, func(v *agendaView) {
			for _, it := range v.Agenda {
				if it.ID == itemID {
					v.Form, v.Editing = templates.NewForm(agendaValues(it, v.Loc)), itemID
				}
			}
			v.Form.Fail(web.StaleMessage("this agenda"), nil)
		})
	}
	if err != nil {
		form, ferr := web.FailedForm(itemErrors(err), values, agendaFields...)
		if ferr != nil {
			return ferr
		}
		return s.showAgenda(c, web.StatusForForm(err), func(v *agendaView) {
			v.Form, v.Editing = form, itemID
			if want := web.FormVersion(c); len(want) == 1 {
				v.Version = want[0] // still the one their values were made from
			}
		})
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/agenda", "The agenda is saved.")
}

// readAgendaItem reads the item form in the hub's zone.
func readAgendaItem(values map[string]string, loc *time.Location) (events.AgendaItem, error) {
	var f hub.FieldErrors
	it := events.AgendaItem{Title: values["title"], Kind: events.AgendaKind(values["kind"]), TopicSlug: values["topic"], PresenterName: values["presenter_name"]}
	var err error
	it.StartsAt, _, err = events.ParseLocal(values["date"], values["start_time"], loc)
	f.Merge(web.Renamed(err, map[string]string{"time": "start_time"}))
	it.EndsAt, _, err = events.ParseLocal(values["date"], values["end_time"], loc)
	f.Merge(web.Renamed(err, map[string]string{"time": "end_time"}))
	if id, ok, err := web.FormID(values["presenter_organisation_id"], "presenter_organisation_id"); err != nil {
		f.Add("presenter_organisation_id", "Choose the presenting organisation from the list")
	} else if ok {
		it.PresenterOrganisationID = &id
	}
	return it, f.Err()
}

// itemErrors maps the agenda's "items[3].title" fields onto the one item
// form's fields; a clash with another item is named on its times.
func itemErrors(err error) error {
	fields := hub.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	var f hub.FieldErrors
	for name, why := range fields {
		f.Add(name[strings.LastIndexByte(name, '.')+1:], why)
	}
	return web.Renamed(f.Err(), eventFieldNames)
}

// changeAgenda applies a change to the agenda as it stands, under the
// event's lock; storage checks the result against the event and stores it.
func (s *Handler) changeAgenda(c echo.Context, ec web.EventContext, want storage.IfVersion, change func([]events.AgendaItem) ([]events.AgendaItem, error)) error {
	return s.DB.ChangeAgenda(c.Request().Context(), web.ActorOf(c), ec.Event.ID, want,
		func(_ events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) { return change(items) })
}

// DeleteAgendaItem removes an item.
func (s *Handler) DeleteAgendaItem(c echo.Context) error {
	return s.agendaAction(c, "The item is removed.", func(_ events.Event, items []events.AgendaItem, index int) ([]events.AgendaItem, error) {
		return append(items[:index:index], items[index+1:]...), nil
	})
}

// MoveAgendaItem moves an item up or down; items are re-timed back to back
// from the first item's start, each keeping its length.
func (s *Handler) MoveAgendaItem(c echo.Context) error {
	return s.agendaAction(c, "The agenda is re-ordered and re-timed.", func(_ events.Event, items []events.AgendaItem, index int) ([]events.AgendaItem, error) {
		to := index - 1
		if c.FormValue("direction") == "down" {
			to = index + 1
		}
		if to < 0 || to >= len(items) {
			return nil, &hub.Error{Code: hub.EInvalid, Message: "That item cannot move further that way."}
		}
		return events.Move(items, index, to)
	})
}

// ShiftAgenda moves the chosen item and all after it by some minutes.
func (s *Handler) ShiftAgenda(c echo.Context) error {
	itemID, err := strconv.ParseInt(c.FormValue("item"), 10, 64)
	if err != nil {
		return s.shiftFailed(c, &hub.Error{Code: hub.EInvalid, Message: "Choose the item to shift from.",
			Fields: map[string]string{"item": "Choose the item to shift from"}})
	}
	minutes, err := strconv.Atoi(strings.TrimSpace(c.FormValue("minutes")))
	if err != nil || minutes == 0 || minutes < -24*60 || minutes > 24*60 {
		return s.shiftFailed(c, &hub.Error{Code: hub.EInvalid, Message: "Enter how many minutes to move by, such as 15 or -10.",
			Fields: map[string]string{"minutes": "Enter a number of minutes, such as 15 or -10"}})
	}
	return s.agendaActionOn(c, itemID, "The times are shifted.", func(e events.Event, items []events.AgendaItem, index int) ([]events.AgendaItem, error) {
		return events.ShiftFrom(e, items, index, time.Duration(minutes)*time.Minute)
	})
}

// shiftFailed shows the agenda again with the shift form's problem and
// what was typed in it.
func (s *Handler) shiftFailed(c echo.Context, err *hub.Error) error {
	return s.showAgenda(c, http.StatusUnprocessableEntity, func(v *agendaView) {
		v.ShiftForm.Values["item"], v.ShiftForm.Values["minutes"] = c.FormValue("item"), c.FormValue("minutes")
		v.ShiftForm.Fail(err.Message, err.Fields, "item", "minutes")
	})
}

// agendaAction applies an action to the item of the route, with the
// event and agenda as they are under the lock.
func (s *Handler) agendaAction(c echo.Context, done string, act func(e events.Event, items []events.AgendaItem, index int) ([]events.AgendaItem, error)) error {
	itemID, err := web.PathID(c, "item")
	if err != nil {
		return err
	}
	return s.agendaActionOn(c, itemID, done, act)
}

// agendaActionOn applies an action to the item itemID.
func (s *Handler) agendaActionOn(c echo.Context, itemID int64, done string, act func(e events.Event, items []events.AgendaItem, index int) ([]events.AgendaItem, error)) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	err = s.DB.ChangeAgenda(c.Request().Context(), web.ActorOf(c), ec.Event.ID, web.FormVersion(c),
		func(e events.Event, items []events.AgendaItem) ([]events.AgendaItem, error) {
			items = events.SortAgenda(items)
			for i, it := range items {
				if it.ID == itemID {
					return act(e, items, i)
				}
			}
			return nil, &hub.Error{Code: hub.ENotFound, Message: "That agenda item was not found."}
		})
	if hub.ErrorCode(err) == hub.EStale {
		return s.showAgenda(c, http.StatusConflict, func(v *agendaView) { v.Form.Fail(web.StaleMessage("this agenda"), nil) })
	}
	if code := hub.ErrorCode(err); code == hub.EInvalid || code == hub.EConflict {
		return s.showAgenda(c, web.StatusForForm(err), func(v *agendaView) {
			v.ShiftForm.Values["item"], v.ShiftForm.Values["minutes"] = c.FormValue("item"), c.FormValue("minutes")
			v.ShiftForm.Fail(hub.ErrorMessage(err), nil)
		})
	}
	if err != nil {
		return err
	}
	return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/agenda", done)
}
