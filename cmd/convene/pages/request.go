package pages

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

var (
	requestFields = []string{"organisation_id", "topic", "title", "details", "format", "audience"}
	supportFields = []string{"organisation_id", "comment"}
	offerFields   = []string{"organisation_id", "details", "format"}
	statusFields  = []string{"status", "reason", "merged_into"}
)

// boardView is a hub's request board.
type boardView struct {
	storage.Board
	Query            storage.BoardQuery
	Filter           *templates.Form
	Topics, Statuses []templates.Option
	Ranking          string
	Manage           bool
	Triage           *templates.Form
	Loc              *time.Location
	// Demand is true for those who may see the demand dashboard.
	Demand bool
}

// TriageOptions are the decisions a coordinator applies from the board.
func (boardView) TriageOptions() []templates.Option {
	return []templates.Option{{Value: "", Label: "Choose"}, {Value: string(hub.RequestAccepted), Label: "Accept"},
		{Value: string(hub.RequestDeclined), Label: "Decline (say why)"}, {Value: string(hub.RequestMerged), Label: "Merge into another request"},
		{Value: string(hub.RequestOpen), Label: "Reopen"}}
}

// RequestBoardPage shows a hub's requests, ranked, with filters.
func (s *Handler) RequestBoardPage(c echo.Context) error {
	return s.showBoard(c, http.StatusOK, nil)
}

func (s *Handler) showBoard(c echo.Context, status int, triage *templates.Form) error {
	ctx := c.Request().Context()
	q, err := web.BoardQuery(c)
	if err != nil {
		return err
	}
	if len(q.Statuses) == 0 && c.QueryParam("status") == "" {
		q.Statuses = []hub.RequestStatus{hub.RequestOpen, hub.RequestAccepted, hub.RequestScheduled}
	}
	v := boardView{Query: q, Ranking: hub.RankExplanation, Triage: triage,
		Filter: templates.NewForm(map[string]string{"q": c.QueryParam("q"), "topic": q.Topic, "status": c.QueryParam("status"), "age": c.QueryParam("age")})}
	if v.Board, err = s.DB.RequestBoard(ctx, web.ActorOf(c), q); err != nil {
		return err
	}
	v.Manage = hub.CanManageHub(web.ActorOf(c), v.Hub.ID)
	v.Demand = hub.CanReadHubReports(web.ActorOf(c), v.Hub.ID)
	v.Loc, _ = hub.LoadTimeZone(v.Hub.TimeZone)
	if v.Topics, err = s.topicOptions(ctx, "Any topic"); err != nil {
		return err
	}
	v.Statuses = []templates.Option{{Value: "", Label: "Waiting or scheduled"}}
	for _, st := range hub.RequestStatuses() {
		v.Statuses = append(v.Statuses, templates.Option{Value: string(st), Label: st.Label()})
	}
	if v.Triage == nil {
		v.Triage = templates.NewForm(nil)
	}
	return s.Render(c, status, "requests", "Topic requests: "+v.Hub.Name, v)
}

func (s *Handler) topicOptions(ctx context.Context, none string) ([]templates.Option, error) {
	topics, err := s.DB.ListTopics(ctx)
	if err != nil {
		return nil, err
	}
	opts := []templates.Option{{Value: "", Label: none}}
	for _, t := range topics {
		opts = append(opts, templates.Option{Value: t.Slug, Label: t.Name})
	}
	return opts, nil
}

// requestFormView is the form to make or edit a request.
type requestFormView struct {
	Hub           hub.Hub
	Form          *templates.Form
	Organisations []templates.Option
	Topics        []templates.Option
	Formats       []templates.Option
	// Editing is the request being edited; 0 for a new one.
	Editing int64
	Version int64
	// FromEvent is the event whose feedback answer (FeedbackID, Answer)
	// the new request is made from, if it is; Existing is the request
	// already made from that answer.
	FromEvent          *events.Event
	FeedbackID, Answer string
	Existing           *int64
}

// NewRequestPage shows the form to ask the hub for a topic.
func (s *Handler) NewRequestPage(c echo.Context) error {
	return s.showRequestForm(c, http.StatusOK, templates.NewForm(map[string]string{"format": string(hub.FormatWorkshop)}), 0, 0)
}

func (s *Handler) showRequestForm(c echo.Context, status int, form *templates.Form, editing, version int64) error {
	ctx := c.Request().Context()
	b, err := s.DB.RequestBoard(ctx, web.ActorOf(c), storage.BoardQuery{HubSlug: c.Param("slug"), Limit: 1})
	if editing != 0 {
		var d storage.RequestDetail
		if d, err = s.DB.Request(ctx, web.ActorOf(c), editing, time.Now()); err == nil {
			b.Hub, b.ActiveOrgs = d.Hub, d.ActiveOrgs
		}
	}
	if err != nil {
		return err
	}
	v := requestFormView{Hub: b.Hub, Form: form, Editing: editing, Version: version, Formats: formatOptions()}
	if v.Organisations, err = s.orgOptions(c, b.ActiveOrgs, 0); err != nil {
		return err
	}
	if editing == 0 && len(v.Organisations) == 0 {
		return web.Forbidden("Only people of " + b.Hub.Name + "’s member organisations can ask it for a topic.")
	}
	// Someone who acts for one organisation asks for it: nothing to choose.
	if len(v.Organisations) == 1 && form.Values["organisation_id"] == "" {
		form.Values["organisation_id"] = v.Organisations[0].Value
	}
	if v.Topics, err = s.topicOptions(ctx, "Choose a topic"); err != nil {
		return err
	}
	title := "Ask for a topic"
	if editing != 0 {
		title = "Edit your request"
	}
	return s.Render(c, status, "request_form", title, v)
}

func formatOptions() []templates.Option {
	var opts []templates.Option
	for _, f := range hub.RequestFormats() {
		opts = append(opts, templates.Option{Value: string(f), Label: f.Label()})
	}
	return opts
}

// orgOptions names the actor's organisations among ids, leaving out skip.
func (s *Handler) orgOptions(c echo.Context, ids []int64, skip int64) ([]templates.Option, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	orgs, err := s.DB.OrganisationsOf(c.Request().Context(), web.ActorOf(c).PersonID())
	if err != nil {
		return nil, err
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = id != skip
	}
	var opts []templates.Option
	for _, o := range orgs {
		if want[o.ID] {
			opts = append(opts, templates.Option{Value: web.FormatID(o.ID), Label: o.Name})
		}
	}
	return opts, nil
}

// SubmitRequest handles the new-request form.
func (s *Handler) SubmitRequest(c echo.Context) error {
	values := web.FormValues(c, requestFields...)
	org, _, err := web.FormID(values["organisation_id"], "organisation_id")
	if err == nil {
		var r hub.TopicRequest
		r, err = s.DB.SubmitRequest(c.Request().Context(), web.ActorOf(c), storage.NewRequest{HubSlug: c.Param("slug"), OrganisationID: org,
			Topic: values["topic"], Title: values["title"], Details: values["details"], Format: hub.RequestFormat(values["format"]), Audience: values["audience"]})
		if err == nil {
			return s.RedirectWithFlash(c, "/requests/"+web.FormatID(r.ID), "Your request is sent to the hub.")
		}
	}
	form, ferr := web.FailedForm(err, values, requestFields...)
	if ferr != nil {
		return ferr
	}
	return s.showRequestForm(c, web.StatusForForm(err), form, 0, 0)
}

// requestPageView is a request's page.
type requestPageView struct {
	storage.RequestDetail
	Loc                                *time.Location
	Backers                            []templates.Option
	SupportForm, OfferForm, StatusForm *templates.Form
	Formats, Moves                     []templates.Option
}

// RequestPage shows a request, who backs it, and its history.
func (s *Handler) RequestPage(c echo.Context) error {
	return s.showRequest(c, http.StatusOK, func(*requestPageView) {})
}

func (s *Handler) showRequest(c echo.Context, status int, adjust func(*requestPageView)) error {
	ctx := c.Request().Context()
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	v := requestPageView{SupportForm: templates.NewForm(nil), OfferForm: templates.NewForm(map[string]string{"format": "talk"}),
		StatusForm: templates.NewForm(nil), Formats: formatOptions()}
	if v.RequestDetail, err = s.DB.Request(ctx, web.ActorOf(c), id, time.Now()); err != nil {
		return err
	}
	v.Loc, _ = hub.LoadTimeZone(v.Hub.TimeZone)
	if v.Backers, err = s.orgOptions(c, v.ActiveOrgs, v.OrganisationID); err != nil {
		return err
	}
	adjust(&v)
	// Someone who acts for one organisation backs it: nothing to choose.
	if len(v.Backers) == 1 {
		for _, f := range []*templates.Form{v.SupportForm, v.OfferForm} {
			if f.Values["organisation_id"] == "" {
				f.Values["organisation_id"] = v.Backers[0].Value
			}
		}
	}
	for to, who := range hub.Transitions(v.Status) {
		if to != hub.RequestScheduled && v.Parties.Plays(who) {
			v.Moves = append(v.Moves, templates.Option{Value: string(to), Label: moveLabel(to)})
		}
	}
	sortOptions(v.Moves)
	return s.Render(c, status, "request", v.Title, v)
}

func moveLabel(to hub.RequestStatus) string {
	switch to {
	case hub.RequestOpen:
		return "Reopen"
	case hub.RequestAccepted:
		return "Accept"
	case hub.RequestDeclined:
		return "Decline (say why)"
	case hub.RequestMerged:
		return "Merge into another request"
	case hub.RequestWithdrawn:
		return "Withdraw"
	}
	return to.Label()
}

func sortOptions(opts []templates.Option) {
	order := map[string]int{}
	for i, st := range hub.RequestStatuses() {
		order[string(st)] = i
	}
	for i := 1; i < len(opts); i++ {
		for j := i; j > 0 && order[opts[j].Value] < order[opts[j-1].Value]; j-- {
			opts[j], opts[j-1] = opts[j-1], opts[j]
		}
	}
}

// SupportRequest handles "we need this too".
func (s *Handler) SupportRequest(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	values := web.FormValues(c, supportFields...)
	org, _, err := web.FormID(values["organisation_id"], "organisation_id")
	if err == nil {
		_, err = s.DB.SupportRequest(c.Request().Context(), web.ActorOf(c), storage.NewSupport{RequestID: id, OrganisationID: org, Comment: values["comment"]})
	}
	return s.afterRequestForm(c, err, values, supportFields, "Your organisation’s support is recorded.", func(v *requestPageView, f *templates.Form) { v.SupportForm = f })
}

// OfferToDeliver handles an offer to deliver a request.
func (s *Handler) OfferToDeliver(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	values := web.FormValues(c, offerFields...)
	org, _, err := web.FormID(values["organisation_id"], "organisation_id")
	if err == nil {
		_, err = s.DB.OfferToDeliver(c.Request().Context(), web.ActorOf(c), storage.NewOffer{RequestID: id, OrganisationID: org,
			Details: values["details"], Format: hub.RequestFormat(values["format"])})
	}
	return s.afterRequestForm(c, err, values, offerFields, "Your offer is recorded; the coordinators will see it when they build an agenda.", func(v *requestPageView, f *templates.Form) { v.OfferForm = f })
}

// ChangeRequestStatus handles triage on a request's page, and withdrawal.
func (s *Handler) ChangeRequestStatus(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	values := web.FormValues(c, statusFields...)
	to := hub.RequestStatus(values["status"])
	change := storage.RequestChange{ID: id, Status: &to, Reason: values["reason"], Want: web.FormVersion(c)}
	if values["merged_into"] != "" {
		into, _, ferr := web.FormID(values["merged_into"], "merged_into")
		if ferr != nil {
			err = ferr
		}
		change.MergedInto = &into
	}
	if err == nil {
		_, err = s.DB.UpdateRequest(c.Request().Context(), web.ActorOf(c), change)
	}
	return s.afterRequestForm(c, err, values, statusFields, "The request is now "+strings.ToLower(to.Label())+".", func(v *requestPageView, f *templates.Form) { v.StatusForm = f })
}

func (s *Handler) afterRequestForm(c echo.Context, err error, values map[string]string, fields []string, done string, place func(*requestPageView, *templates.Form)) error {
	if err == nil {
		return s.RedirectWithFlash(c, "/requests/"+c.Param("id"), done)
	}
	form, ferr := web.FailedForm(err, values, fields...)
	if ferr != nil {
		return ferr
	}
	return s.showRequest(c, web.StatusForForm(err), func(v *requestPageView) { place(v, form) })
}

// EditRequestPage shows the form to edit one's open request.
func (s *Handler) EditRequestPage(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.DB.Request(c.Request().Context(), web.ActorOf(c), id, time.Now())
	if err != nil {
		return err
	}
	if err := hub.CheckEdit(&d.TopicRequest, d.Parties); err != nil {
		return err
	}
	c.SetParamNames("slug", "id")
	c.SetParamValues(d.HubSlug, web.FormatID(id))
	return s.showRequestForm(c, http.StatusOK, templates.NewForm(map[string]string{"organisation_id": web.FormatID(d.OrganisationID), "topic": d.Topic,
		"title": d.Title, "details": d.Details, "format": string(d.Format), "audience": d.Audience}), id, d.Version)
}

// EditRequest saves the edit form.
func (s *Handler) EditRequest(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	values := web.FormValues(c, requestFields...)
	format := hub.RequestFormat(values["format"])
	topic, title, details, audience := values["topic"], values["title"], values["details"], values["audience"]
	_, err = s.DB.UpdateRequest(c.Request().Context(), web.ActorOf(c), storage.RequestChange{ID: id, Want: web.FormVersion(c),
		Topic: &topic, Title: &title, Details: &details, Audience: &audience, Format: &format})
	if err == nil {
		return s.RedirectWithFlash(c, "/requests/"+web.FormatID(id), "Your request is saved.")
	}
	form, ferr := web.FailedForm(err, values, requestFields...)
	if ferr != nil {
		return ferr
	}
	d, derr := s.DB.Request(c.Request().Context(), web.ActorOf(c), id, time.Now())
	if derr != nil {
		return derr
	}
	c.SetParamNames("slug", "id")
	c.SetParamValues(d.HubSlug, web.FormatID(id))
	return s.showRequestForm(c, web.StatusForForm(err), form, id, d.Version)
}

// TriageRequests applies one decision to the requests ticked on the board.
func (s *Handler) TriageRequests(c echo.Context) error {
	values := web.FormValues(c, statusFields...)
	form, _ := c.FormParams()
	var ids []int64
	var err error
	for _, v := range form["ids"] {
		id, _, ferr := web.FormID(v, "ids")
		if ferr != nil {
			err = ferr
		}
		ids = append(ids, id)
	}
	in := storage.Triage{HubSlug: c.Param("slug"), IDs: ids, Status: hub.RequestStatus(values["status"]), Reason: values["reason"]}
	if values["merged_into"] != "" {
		into, _, ferr := web.FormID(values["merged_into"], "merged_into")
		if ferr != nil {
			err = ferr
		}
		in.MergedInto = &into
	}
	var n int
	if err == nil {
		n, err = s.DB.TriageRequests(c.Request().Context(), web.ActorOf(c), in)
	}
	if err == nil {
		return s.RedirectWithFlash(c, "/hubs/"+c.Param("slug")+"/requests", hub.Plural(n, "request is", "requests are")+" now "+strings.ToLower(in.Status.Label())+".")
	}
	failed, ferr := web.FailedForm(err, values, append([]string{"ids"}, statusFields...)...)
	if ferr != nil {
		return ferr
	}
	return s.showBoard(c, web.StatusForForm(err), failed)
}
