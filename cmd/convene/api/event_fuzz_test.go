package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// FuzzEventBody feeds arbitrary bodies through the API's strict decoder
// and the event fields: whatever arrives, the answer is the event or an
// invalid-input error naming what is wrong – never a panic or a 500.
func FuzzEventBody(f *testing.F) {
	for _, seed := range []string{
		`{"title":"Workshop","starts_at":"2030-03-03T10:00:00Z","ends_at":"2030-03-03T12:00:00Z","format":"online","online_url":"https://x.example.org"}`,
		`{"capacity":null,"host_organisation_id":null}`, `{"capacity":"ten"}`, `{"audiences":["practitioners","x"]}`,
		`{"starts_at":"2030-02-30T25:00:00+99:00"}`, `{"recurrence":{"rule":"FREQ=WEEKLY;COUNT=3"}}`, `[]`, `null`, `{`, ``, `{"a":1}{}`,
		`{"title":"\u0000\ud800"}`, `{"scope":"following","topics":["safeguarding"]}`,
	} {
		f.Add(seed)
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, body string) {
		c := e.NewContext(httptest.NewRequest(http.MethodPost, "/api/v1/hubs/x/events", strings.NewReader(body)), httptest.NewRecorder())
		var b eventBody
		err := web.BindJSON(c, &b)
		if err == nil {
			ev := events.Event{Status: events.StatusDraft, Visibility: events.VisibilityPublic}
			if err = b.apply(&ev); err == nil {
				err = ev.Validate()
			}
			if b.Recurrence != nil && err == nil {
				_, err = events.ParseRule(b.Recurrence.Rule)
			}
		}
		if err == nil {
			return
		}
		var he *hub.Error
		var ee *echo.HTTPError
		switch {
		case errors.As(err, &he):
			if he.Code != hub.EInvalid || he.Message == "" {
				t.Fatalf("body %q: error %v, want invalid with a message", body, err)
			}
		case errors.As(err, &ee):
			if ee.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("body %q: HTTP error %v", body, err)
			}
		default:
			t.Fatalf("body %q: error %T %v is not one users can be shown", body, err, err)
		}
	})
}
