package pages

import (
	"net/http"
	"net/url"
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

// feedbackFields are the feedback form's fields, top to bottom.
var feedbackFields = []string{"usefulness", "networking_value", "new_connections", "will_follow_up", "useful_items",
	"what_worked", "to_improve", "topics_next", "consent_to_quote"}

// feedbackFormView is the feedback form of one attendee.
type feedbackFormView struct {
	storage.FeedbackState
	Loc    *time.Location
	Agenda []storage.AgendaEntry
	Form   *templates.Form
	// Chosen marks the agenda items ticked.
	Chosen map[int64]bool
	// Token is the guest's private link, carried in the form's address.
	Token string
	// Refused is why they cannot answer now, in words.
	Refused string
}

// Query is the private link's query string, or "" when signed in.
func (v feedbackFormView) Query() string {
	if v.Token == "" {
		return ""
	}
	return "?token=" + url.QueryEscape(v.Token)
}

// When is the event's day and time, in the hub's zone.
func (v feedbackFormView) When() string {
	return v.Event.StartsAt.In(v.Loc).Format("Monday 2 January 2006, 3:04pm")
}

// ClosesText says when feedback closes, in the hub's zone.
func (v feedbackFormView) ClosesText() string { return closingText(v.Closes, v.Loc) }

func closingText(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "the end of " + t.Add(-time.Minute).Format("Monday 2 January 2006")
	}
	return t.Format("3:04pm on Monday 2 January 2006")
}

// Scale is the choices of a 1–5 question, from its two ends' words.
func (feedbackFormView) Scale(low, high string) []templates.Option {
	return []templates.Option{{Value: "1", Label: "1 – " + low}, {Value: "2", Label: "2"}, {Value: "3", Label: "3"},
		{Value: "4", Label: "4"}, {Value: "5", Label: "5 – " + high}}
}

// YesNo is the choices of a yes-or-no question.
func (feedbackFormView) YesNo() []templates.Option {
	return []templates.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}
}

// FeedbackPage is an event's feedback page. An attendee (signed in, or a
// guest through their private link) sees their form; anyone else the ways
// to reach it: sign in, or a code sent to the email they registered with.
func (s *Handler) FeedbackPage(c echo.Context) error {
	token := c.QueryParam("token")
	if token == "" && !web.ActorOf(c).SignedIn() {
		return s.showFeedbackStart(c, http.StatusOK, "start", templates.NewForm(nil))
	}
	return s.showFeedbackForm(c, http.StatusOK, token, nil)
}

func (s *Handler) showFeedbackForm(c echo.Context, status int, token string, form *templates.Form) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := s.DB.FeedbackState(ctx, web.ActorOf(c), id, token, time.Now())
	if err != nil {
		return err
	}
	v := feedbackFormView{FeedbackState: st, Token: token, Form: form, Chosen: map[int64]bool{}}
	if v.Agenda, err = s.DB.AgendaOf(ctx, id); err != nil {
		return err
	}
	if d, err := s.DB.EventByID(ctx, id); err == nil {
		v.Loc = d.Hub.Zone()
	} else {
		return err
	}
	if st.Refusal != nil {
		v.Refused = hub.ErrorMessage(st.Refusal)
	}
	if v.Form == nil {
		v.Form = feedbackFormOf(st.Given)
	}
	for _, id := range strings.Fields(v.Form.Value("useful_items")) {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			v.Chosen[n] = true
		}
	}
	return s.Render(c, status, "feedback_form", "Your feedback: "+st.Event.Title, v)
}

// feedbackFormOf fills the form with a response given before; a new one
// starts empty, with no answer chosen for the attendee.
func feedbackFormOf(f *events.Feedback) *templates.Form {
	if f == nil {
		return templates.NewForm(nil)
	}
	yes := "no"
	if f.WillFollowUp {
		yes = "yes"
	}
	var items []string
	for _, id := range f.UsefulItems {
		items = append(items, web.FormatID(id))
	}
	consent := ""
	if f.ConsentToQuote {
		consent = "yes"
	}
	return templates.NewForm(map[string]string{
		"usefulness": strconv.Itoa(f.Usefulness), "networking_value": strconv.Itoa(f.NetworkingValue),
		"new_connections": strconv.Itoa(f.NewConnections), "will_follow_up": yes, "useful_items": strings.Join(items, " "),
		"what_worked": f.WhatWorked, "to_improve": f.ToImprove, "topics_next": strings.Join(f.TopicsNext, "\n"),
		"consent_to_quote": consent})
}

// readFeedbackForm reads the form into a response. What cannot be read
// (a number that is not one, a yes-or-no not chosen) is noted in Unread,
// for the operation to report with everything else it checks.
func readFeedbackForm(c echo.Context) (events.FeedbackInput, *templates.Form) {
	values := web.FormValues(c, "usefulness", "networking_value", "new_connections", "will_follow_up", "what_worked",
		"to_improve", "topics_next", "consent_to_quote")
	problems := map[string]string{}
	in := events.FeedbackInput{Unread: problems}
	in.Usefulness, _ = strconv.Atoi(values["usefulness"])
	in.NetworkingValue, _ = strconv.Atoi(values["networking_value"])
	if n := strings.TrimSpace(values["new_connections"]); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			problems["new_connections"] = "Enter the number of new contacts as a whole number, like 2"
		}
		in.NewConnections = v
	}
	switch values["will_follow_up"] {
	case "yes":
		in.WillFollowUp = true
	case "no":
	default:
		problems["will_follow_up"] = "Choose yes if you will follow up with someone you met, or no"
	}
	form, _ := c.FormParams()
	var chosen []string
	for _, v := range form["useful_items"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems["useful_items"] = "Choose items from this event’s agenda"
			continue
		}
		in.UsefulItems = append(in.UsefulItems, id)
		chosen = append(chosen, v)
	}
	values["useful_items"] = strings.Join(chosen, " ")
	in.WhatWorked, in.ToImprove = values["what_worked"], values["to_improve"]
	in.TopicsNext = strings.Split(values["topics_next"], "\n")
	in.ConsentToQuote = values["consent_to_quote"] == "yes"
	return in, templates.NewForm(values)
}

// SubmitFeedback saves the response and sends the attendee on to the
// thank-you page (POST, redirect, GET). When two submissions race, the
// second changes the first's response rather than adding another.
func (s *Handler) SubmitFeedback(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	token := c.QueryParam("token")
	in, form := readFeedbackForm(c)
	ctx := c.Request().Context()
	req := storage.GiveFeedback{EventID: id, Token: token, Feedback: in, Now: time.Now()}
	st, err := s.DB.FeedbackState(ctx, web.ActorOf(c), id, token, req.Now)
	if err != nil {
		return err
	}
	req.Change = st.Given != nil
	_, err = s.DB.GiveFeedback(ctx, web.ActorOf(c), req)
	if !req.Change && hub.ErrorCode(err) == hub.EConflict && st.Refusal == nil {
		req.Change = true // another submission got there first
		_, err = s.DB.GiveFeedback(ctx, web.ActorOf(c), req)
	}
	if err != nil {
		if hub.ErrorCode(err) != hub.EInvalid {
			return err
		}
		return s.showFeedbackForm(c, web.StatusForForm(err), token, form.Fail(web.FormMessage(err), web.FormErrors(err, nil), feedbackFields...))
	}
	q := ""
	if token != "" {
		q = "?token=" + url.QueryEscape(token)
	}
	return c.Redirect(http.StatusSeeOther, "/events/"+web.FormatID(id)+"/feedback/thanks"+q)
}

// FeedbackThanks confirms a response and says what becomes of it.
func (s *Handler) FeedbackThanks(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	token := c.QueryParam("token")
	ctx := c.Request().Context()
	st, err := s.DB.FeedbackState(ctx, web.ActorOf(c), id, token, time.Now())
	if err != nil {
		return err
	}
	v := feedbackFormView{FeedbackState: st, Token: token}
	if st.Given == nil {
		return c.Redirect(http.StatusSeeOther, "/events/"+web.FormatID(id)+"/feedback"+v.Query())
	}
	d, err := s.DB.EventByID(ctx, id)
	if err != nil {
		return err
	}
	v.Loc = d.Hub.Zone()
	return s.Render(c, http.StatusOK, "feedback_thanks", "Thank you for your feedback", v)
}
