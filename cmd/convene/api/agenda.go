package api

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
)

// AgendaItemJSON is an agenda item in the API.
type AgendaItemJSON struct {
	ID                      int64  `json:"id,omitempty"`
	StartsAt                string `json:"starts_at"`
	EndsAt                  string `json:"ends_at"`
	Title                   string `json:"title"`
	Kind                    string `json:"kind"`
	Topic                   string `json:"topic,omitempty"`
	PresenterOrganisationID *int64 `json:"presenter_organisation_id,omitempty"`
	PresenterOrganisation   string `json:"presenter_organisation,omitempty"`
	PresenterName           string `json:"presenter_name,omitempty"`
	RequestID               *int64 `json:"request_id,omitempty"`
}

// Agenda returns an event's agenda.
func (s *Handler) Agenda(c echo.Context) error {
	ec, err := s.LoadEvent(c)
	if err != nil {
		return err
	}
	return s.writeAgenda(c, ec)
}

func (s *Handler) writeAgenda(c echo.Context, ec web.EventContext) error {
	version, err := s.DB.AgendaVersion(c.Request().Context(), ec.Event.ID)
	if err != nil {
		return err
	}
	entries, err := s.DB.AgendaOf(c.Request().Context(), ec.Event.ID)
	if err != nil {
		return err
	}
	web.SetETag(c, version)
	out := make([]AgendaItemJSON, len(entries))
	for i, e := range entries {
		out[i] = AgendaItemJSON{ID: e.ID, StartsAt: e.StartsAt.In(ec.Loc).Format(time.RFC3339), EndsAt: e.EndsAt.In(ec.Loc).Format(time.RFC3339),
			Title: e.Title, Kind: string(e.Kind), Topic: e.TopicSlug, PresenterOrganisationID: e.PresenterOrganisationID,
			PresenterOrganisation: e.PresenterOrganisation, PresenterName: e.PresenterName, RequestID: e.RequestID}
	}
	return c.JSON(http.StatusOK, List[AgendaItemJSON]{Items: out})
}

// PutAgenda replaces an event's whole agenda with {items: […]}: items
// with an id keep it, items without are new, and the event's items not
// sent are removed. If-Match makes it conditional.
func (s *Handler) PutAgenda(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		Items []AgendaItemJSON `json:"items"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	var f hub.FieldErrors
	items := make([]events.AgendaItem, len(b.Items))
	for i, in := range b.Items {
		it := events.AgendaItem{ID: in.ID, Title: strings.TrimSpace(in.Title), Kind: events.AgendaKind(in.Kind), TopicSlug: in.Topic,
			PresenterOrganisationID: in.PresenterOrganisationID, PresenterName: strings.TrimSpace(in.PresenterName), RequestID: in.RequestID}
		for field, v := range map[string]string{"starts_at": in.StartsAt, "ends_at": in.EndsAt} {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				f.Add("items["+strconv.Itoa(i)+"]."+field, "must be a time in RFC 3339 with an offset")
				continue
			}
			if field == "starts_at" {
				it.StartsAt = t.UTC()
			} else {
				it.EndsAt = t.UTC()
			}
		}
		items[i] = it
	}
	if err := f.Err(); err != nil {
		return err
	}
	err = s.DB.ChangeAgenda(c.Request().Context(), web.ActorOf(c), ec.Event.ID, web.IfMatch(c),
		func(events.Event, []events.AgendaItem) ([]events.AgendaItem, error) { return items, nil })
	if err != nil {
		return err
	}
	return s.writeAgenda(c, ec)
}

// CopyAgenda copies {source_event_id}'s agenda into event :id, or it
// and the following ones ({scope: "following"}), replacing agendas only
// with {replace: true}.
func (s *Handler) CopyAgenda(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	var b struct {
		SourceEventID int64  `json:"source_event_id"`
		Scope         string `json:"scope"`
		Replace       bool   `json:"replace"`
	}
	if err := web.BindJSON(c, &b); err != nil {
		return err
	}
	if b.Scope != "" && b.Scope != "this" && b.Scope != "following" {
		return hub.FieldError("scope", `must be "this" or "following"`)
	}
	res, err := s.DB.CopyAgenda(c.Request().Context(), web.ActorOf(c), storage.AgendaCopy{SourceEventID: b.SourceEventID,
		TargetEventID: ec.Event.ID, Following: b.Scope == "following", Replace: b.Replace})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
