package pages

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// builderRequests is what the agenda builder offers: the hub's waiting
// requests in ranking order, each with the offers to deliver it.
type builderRequests struct {
	Items   []storage.RequestView
	Offers  map[int64][]hub.Offer
	Ranking string
	// Form carries a failed "add to agenda", shown above the list.
	Form *templates.Form
}

// OfferOptions are the choices of presenter for a request.
func (b builderRequests) OfferOptions(requestID int64) []templates.Option {
	opts := []templates.Option{{Value: "", Label: "No presenter yet"}}
	for _, o := range b.Offers[requestID] {
		opts = append(opts, templates.Option{Value: web.FormatID(o.ID), Label: o.Organisation + " (" + o.Format.Label() + ")"})
	}
	return opts
}

// waitingRequests reads the builder's list for an event's hub.
func (s *Handler) waitingRequests(c echo.Context, slug string) (builderRequests, error) {
	ctx := c.Request().Context()
	b := builderRequests{Ranking: hub.RankExplanation, Form: templates.NewForm(nil)}
	board, err := s.DB.RequestBoard(ctx, web.ActorOf(c), storage.BoardQuery{HubSlug: slug, Limit: 20,
		Statuses: []hub.RequestStatus{hub.RequestOpen, hub.RequestAccepted}, Now: time.Now()})
	if err != nil {
		return b, err
	}
	b.Items = board.Items
	ids := make([]int64, len(b.Items))
	for i, r := range b.Items {
		ids[i] = r.ID
	}
	b.Offers, err = s.DB.OffersFor(ctx, ids)
	return b, err
}

// ScheduleRequest adds a request to the agenda from the builder.
func (s *Handler) ScheduleRequest(c echo.Context) error {
	ec, err := s.ManagedEvent(c)
	if err != nil {
		return err
	}
	values := web.FormValues(c, "request_id", "offer_id")
	reqID, _, err := web.FormID(values["request_id"], "request_id")
	var offerID int64
	if err == nil {
		offerID, _, err = web.FormID(values["offer_id"], "offer_id")
	}
	if err == nil {
		_, err = s.DB.ScheduleRequest(c.Request().Context(), web.ActorOf(c), storage.Scheduling{EventID: ec.Event.ID, RequestID: reqID, OfferID: offerID, Want: web.FormVersion(c)})
	}
	if err == nil {
		return s.RedirectWithFlash(c, "/events/"+web.FormatID(ec.Event.ID)+"/agenda", "The request is on the agenda and marked scheduled; edit the item to change its time.")
	}
	form, ferr := web.FailedForm(err, values, "request_id", "offer_id")
	if ferr != nil {
		return ferr
	}
	if form.Message == "" {
		form.Message = hub.ErrorMessage(err)
	}
	return s.showAgenda(c, web.StatusForForm(err), func(v *agendaView) { v.Requests.Form = form })
}
