package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// The topic request API: parse, call one storage operation, render.

// requestInput is the body of POST /hubs/{slug}/requests and of PATCH
// /requests/{id}; PATCH changes only the fields given.
type requestInput struct {
	OrganisationID int64              `json:"organisation_id"`
	Topic          *string            `json:"topic"`
	Title          *string            `json:"title"`
	Details        *string            `json:"details"`
	Format         *hub.RequestFormat `json:"format"`
	Audience       *string            `json:"audience"`
	Status         *hub.RequestStatus `json:"status"`
	Reason         string             `json:"reason"`
	MergedInto     *int64             `json:"merged_into"`
}

// Requests lists a hub's requests in ranking order, with filters.
func (s *Handler) Requests(c echo.Context) error {
	q, err := web.BoardQuery(c)
	if err != nil {
		return err
	}
	b, err := s.DB.RequestBoard(c.Request().Context(), web.ActorOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		List[storage.RequestView]
		Total   int    `json:"total"`
		Ranking string `json:"ranking"`
	}{List[storage.RequestView]{Items: b.Items, Limit: q.Limit, Offset: q.Offset}, b.Total, hub.RankExplanation})
}

// SubmitRequest submits a request for an organisation the caller acts for.
func (s *Handler) SubmitRequest(c echo.Context) error {
	var in requestInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if in.Status != nil || in.MergedInto != nil || in.Reason != "" {
		return hub.FieldError("status", "A new request is always open; leave out status, reason and merged_into")
	}
	r, err := s.DB.SubmitRequest(c.Request().Context(), web.ActorOf(c), storage.NewRequest{HubSlug: c.Param("slug"),
		OrganisationID: in.OrganisationID, Topic: valueOf(in.Topic), Title: valueOf(in.Title), Details: valueOf(in.Details),
		Audience: valueOf(in.Audience), Format: valueOf(in.Format)})
	if err != nil {
		return err
	}
	web.SetETag(c, r.Version)
	c.Response().Header().Set("Location", "/api/v1/requests/"+web.FormatID(r.ID))
	return c.JSON(http.StatusCreated, r)
}

// Request shows a request with its supports, offers and history.
func (s *Handler) Request(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.DB.Request(c.Request().Context(), web.ActorOf(c), id, time.Now())
	if err != nil {
		return err
	}
	web.SetETag(c, d.Version)
	return c.JSON(http.StatusOK, d)
}

// UpdateRequest edits a request (its organisation, while open) and/or
// changes its status (hub.CheckTransition says who may).
func (s *Handler) UpdateRequest(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var in requestInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if in.OrganisationID != 0 {
		return hub.FieldError("organisation_id", "The organisation that made a request cannot change")
	}
	r, err := s.DB.UpdateRequest(c.Request().Context(), web.ActorOf(c), storage.RequestChange{ID: id, Want: web.IfMatch(c),
		Topic: in.Topic, Title: in.Title, Details: in.Details, Audience: in.Audience, Format: in.Format,
		Status: in.Status, Reason: in.Reason, MergedInto: in.MergedInto})
	if err != nil {
		return err
	}
	web.SetETag(c, r.Version)
	return c.JSON(http.StatusOK, r)
}

// TriageRequests applies one decision to several requests of a hub.
func (s *Handler) TriageRequests(c echo.Context) error {
	var in struct {
		IDs        []int64           `json:"ids"`
		Status     hub.RequestStatus `json:"status"`
		Reason     string            `json:"reason"`
		MergedInto *int64            `json:"merged_into"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	n, err := s.DB.TriageRequests(c.Request().Context(), web.ActorOf(c), storage.Triage{HubSlug: c.Param("slug"), IDs: in.IDs,
		Status: in.Status, Reason: in.Reason, MergedInto: in.MergedInto})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"changed": n, "status": in.Status})
}

// SupportRequest records an organisation's support.
func (s *Handler) SupportRequest(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		OrganisationID int64  `json:"organisation_id"`
		Comment        string `json:"comment"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	sup, err := s.DB.SupportRequest(c.Request().Context(), web.ActorOf(c), storage.NewSupport{RequestID: id, OrganisationID: in.OrganisationID, Comment: in.Comment})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, sup)
}

// OfferToDeliver records an organisation's offer to deliver a request.
func (s *Handler) OfferToDeliver(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		OrganisationID int64             `json:"organisation_id"`
		Details        string            `json:"details"`
		Format         hub.RequestFormat `json:"format"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	o, err := s.DB.OfferToDeliver(c.Request().Context(), web.ActorOf(c), storage.NewOffer{RequestID: id, OrganisationID: in.OrganisationID,
		Details: in.Details, Format: in.Format})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, o)
}

// ScheduleRequest adds a request to an event's agenda in one action.
func (s *Handler) ScheduleRequest(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	var in struct {
		RequestID int64      `json:"request_id"`
		OfferID   int64      `json:"offer_id"`
		StartsAt  *time.Time `json:"starts_at"`
		EndsAt    *time.Time `json:"ends_at"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if (in.StartsAt == nil) != (in.EndsAt == nil) {
		return hub.FieldError("ends_at", "Give both starts_at and ends_at, or neither to put it after the last item")
	}
	sch := storage.Scheduling{EventID: id, RequestID: in.RequestID, OfferID: in.OfferID, Want: web.IfMatch(c)}
	if in.StartsAt != nil {
		sch.StartsAt, sch.EndsAt = in.StartsAt.UTC(), in.EndsAt.UTC()
	}
	item, err := s.DB.ScheduleRequest(c.Request().Context(), web.ActorOf(c), sch)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, AgendaItemJSON{ID: item.ID, StartsAt: item.StartsAt.Format(time.RFC3339), EndsAt: item.EndsAt.Format(time.RFC3339), Title: item.Title,
		Kind: string(item.Kind), Topic: item.TopicSlug, PresenterOrganisationID: item.PresenterOrganisationID, RequestID: item.RequestID})
}

// MyRequests lists the requests the caller's organisations made or support.
func (s *Handler) MyRequests(c echo.Context) error {
	rs, err := s.DB.MyRequests(c.Request().Context(), web.ActorOf(c), time.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.RequestView]{Items: rs})
}

func valueOf[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
