package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRequestFromFeedbackPages: on an event's feedback results, a
// coordinator of its hub makes an answer to "topics they'd like next" a
// topic request in one form, and the request page says where it came from.
func TestRequestFromFeedbackPages(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e, tokens := f.MustPastEvent(t, f.HubA.ID, 6, 6)
	guest := f.MustClient(t, anon)
	for i := range 5 {
		path := fmt.Sprintf("/events/%d/feedback?token=%s", e.ID, url.QueryEscape(tokens[i]))
		if resp, _ := guest.Page(t, http.MethodPost, path, feedbackForm("4", "4", "yes")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("feedback %d: %d", i, resp.StatusCode)
		}
	}
	feedbackID := f.MustCount(t, `SELECT min(id)::int FROM feedback WHERE event_id = $1`, e.ID)
	results := fmt.Sprintf("/events/%d/feedback/results", e.ID)
	path := fmt.Sprintf("/events/%d/feedback/request", e.ID)
	formPath := path + fmt.Sprintf("?feedback_id=%d&answer=Benefits", feedbackID)
	form := url.Values{"feedback_id": {fmt.Sprint(feedbackID)}, "answer": {"Benefits"}, "organisation_id": {fmt.Sprint(f.OrgA.ID)},
		"topic": {"safeguarding"}, "title": {"Benefits"}, "details": {"Attendees asked for it next."}, "format": {"workshop"}}

	t.Run("ResultsOfferTheButton", func(t *testing.T) {
		resp, body := f.MustClient(t, coordA).Page(t, http.MethodGet, results, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Make “Benefits” a topic request") || strings.Contains(body, "Guest 0") {
			t.Fatalf("results: %d\n%s", resp.StatusCode, truncate(body, 2000))
		}
		_, body = f.MustClient(t, evaluator).Page(t, http.MethodGet, results, nil)
		if !strings.Contains(body, "Housing first") || strings.Contains(body, "a topic request</button>") {
			t.Errorf("an evaluator sees the topics without the button")
		}
	})
	t.Run("FormPrefilled", func(t *testing.T) {
		resp, body := f.MustClient(t, coordA).Page(t, http.MethodGet, formPath, nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `value="Benefits"`) || !strings.Contains(body, f.OrgA.Name) {
			t.Fatalf("form: %d\n%s", resp.StatusCode, truncate(body, 2000))
		}
	})
	t.Run("ErrOtherHubCoordinator", func(t *testing.T) {
		if resp, _ := f.MustClient(t, coordB).Page(t, http.MethodPost, path, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("coordinator of another hub: %d, want 403", resp.StatusCode)
		}
	})
	t.Run("ErrEvaluator", func(t *testing.T) {
		if resp, _ := f.MustClient(t, evaluator).Page(t, http.MethodPost, path, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("evaluator: %d, want 403", resp.StatusCode)
		}
	})
	var request string
	t.Run("OK", func(t *testing.T) {
		resp, _ := f.MustClient(t, coordA).Page(t, http.MethodPost, path, form)
		request = resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(request, "/requests/") {
			t.Fatalf("convert: %d %q, want 303 to the request", resp.StatusCode, request)
		}
		resp, body := f.MustClient(t, member).Page(t, http.MethodGet, request, nil)
		want := "Asked for in feedback on <a href=\"/events/" + fmt.Sprint(e.ID) + "\">"
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) || !strings.Contains(body, "recorded for "+f.OrgA.Name+" by a coordinator") {
			t.Errorf("request page: %d, want %q\n%s", resp.StatusCode, want, truncate(body, 2000))
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		resp, body := f.MustClient(t, coordA).Page(t, http.MethodPost, path, form)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `href="`+request+`"`) {
			t.Errorf("second time: %d, want 409 linking %s", resp.StatusCode, request)
		}
		resp, _ = f.MustClient(t, coordA).Page(t, http.MethodGet, formPath, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != request {
			t.Errorf("form for an answer already made a request: %d %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), request)
		}
		if n := f.MustCount(t, `SELECT count(*)::int FROM topic_requests WHERE from_feedback_id = $1`, feedbackID); n != 1 {
			t.Errorf("%d requests from the answer, want 1", n)
		}
	})
}
