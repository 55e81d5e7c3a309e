package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// pastEventOf stores an event of hub A that started two days ago, with n
// guests registered before it; the first attended of them checked in. It
// returns the event and each guest's manage token.
func (f *fixture) MustPastEvent(tb testing.TB, hubID int64, n, attended int) (events.Event, []string) {
	tb.Helper()
	ctx := context.Background()
	start := time.Now().Add(-48 * time.Hour).Truncate(time.Hour).UTC()
	e, err := f.db.CreateEvent(ctx, nil, storage.NewEvent{Event: events.Event{
		HubID: hubID, Title: "Trauma-informed practice day", StartsAt: start, EndsAt: start.Add(4 * time.Hour),
		Format: events.FormatInPerson, Venue: "The Sidings", Visibility: events.VisibilityPublic, Status: events.StatusPublished,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	var tokens []string
	for i := range n {
		placed, err := f.db.Register(ctx, hub.Anonymous, storage.Registration{EventID: e.ID, RegistrationInput: events.RegistrationInput{GuestName: fmt.Sprintf("Guest %d", i),
			GuestEmail: fmt.Sprintf("guest%d.%d@example.org", e.ID, i), AttendeeRole: events.RolePeerSupportWorker,
			AccessNeeds: "step-free access please"}, Now: start.Add(-time.Hour)})
		if err != nil {
			tb.Fatal(err)
		}
		tokens = append(tokens, placed.ManageToken)
		if i < attended {
			if _, err := f.db.SetAttendance(ctx, hub.System, storage.Attendance{ID: placed.Registration.ID, Attended: true}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := pgtest.SQL(f.db).Exec(`UPDATE registrations SET created_at = $2 WHERE event_id = $1`, e.ID, start.Add(-time.Hour)); err != nil {
		tb.Fatal(err)
	}
	return e, tokens
}

func feedbackBody(u, n any, text string, consent bool) string {
	b, _ := json.Marshal(map[string]any{"usefulness": u, "networking_value": n, "new_connections": 3, "will_follow_up": true,
		"what_worked": text, "to_improve": "-shorter talks", "topics_next": []string{"@housing first"}, "consent_to_quote": consent})
	return string(b)
}

func TestFeedbackAPI(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	e, tokens := f.MustPastEvent(t, f.HubA.ID, 8, 7)
	eB, tokensB := f.MustPastEvent(t, f.HubB.ID, 2, 2)
	path := func(id int64, token string) string {
		return fmt.Sprintf("/api/v1/events/%d/feedback?token=%s", id, token)
	}

	resp, body := f.API(t, anon, http.MethodPost, path(e.ID, tokens[0]), feedbackBody(5, 4, "=1+1 the networking lunch", true))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("give feedback: %d %s", resp.StatusCode, body)
	}
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
	}{
		{"ErrSecondResponse", http.MethodPost, path(e.ID, tokens[0]), feedbackBody(1, 1, "", false), http.StatusConflict},
		{"ErrScoreTooHigh", http.MethodPost, path(e.ID, tokens[1]), feedbackBody(6, 3, "", false), http.StatusUnprocessableEntity},
		{"ErrScoreZero", http.MethodPost, path(e.ID, tokens[1]), feedbackBody(3, 0, "", false), http.StatusUnprocessableEntity},
		{"ErrScoreNotANumber", http.MethodPost, path(e.ID, tokens[1]), feedbackBody("five", 3, "", false), http.StatusUnprocessableEntity},
		{"ErrScoreFraction", http.MethodPost, path(e.ID, tokens[1]), feedbackBody(3.5, 3, "", false), http.StatusUnprocessableEntity},
		{"ErrNotJSON", http.MethodPost, path(e.ID, tokens[1]), "usefulness=5", http.StatusUnprocessableEntity},
		{"ErrNoShow", http.MethodPost, path(e.ID, tokens[7]), feedbackBody(3, 3, "", false), http.StatusForbidden},
		{"ErrTokenForAnotherEvent", http.MethodPost, path(e.ID, tokensB[0]), feedbackBody(3, 3, "", false), http.StatusNotFound},
		{"ErrNoToken", http.MethodPost, path(e.ID, ""), feedbackBody(3, 3, "", false), http.StatusUnauthorized},
		{"ErrBeforeStart", http.MethodPost, fmt.Sprintf("/api/v1/events/%d/feedback", f.Event.ID), feedbackBody(3, 3, "", false), http.StatusUnauthorized},
		{"ErrUnknownEvent", http.MethodPost, path(999999, tokens[1]), feedbackBody(3, 3, "", false), http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := f.API(t, anon, tc.method, tc.path, tc.body)
			if resp.StatusCode != tc.status {
				t.Errorf("%d %s, want %d", resp.StatusCode, body, tc.status)
			}
		})
	}
	t.Run("ErrAfterClosing", func(t *testing.T) {
		resp, body := f.API(t, coordA, http.MethodPut, fmt.Sprintf("/api/v1/events/%d/feedback/closes", e.ID),
			map[string]any{"closes_at": e.EndsAt.Add(time.Hour)})
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("close: %d %s", resp.StatusCode, body)
		}
		resp, body = f.API(t, anon, http.MethodPost, path(e.ID, tokens[2]), feedbackBody(3, 3, "", false))
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("after closing: %d %s", resp.StatusCode, body)
		}
		// Open again for the rest.
		f.API(t, coordA, http.MethodPut, fmt.Sprintf("/api/v1/events/%d/feedback/closes", e.ID), map[string]any{"closes_at": e.EndsAt.Add(10 * 24 * time.Hour)})
	})
	for i := 1; i < 7; i++ {
		resp, body := f.API(t, anon, http.MethodPost, path(e.ID, tokens[i]), feedbackBody(3+i%3, 4, "+plain words "+fmt.Sprint(i), i%2 == 0))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("give feedback %d: %d %s", i, resp.StatusCode, body)
		}
	}
	f.API(t, anon, http.MethodPost, path(eB.ID, tokensB[0]), feedbackBody(3, 3, "secret words", false))

	t.Run("Report", func(t *testing.T) {
		resp, body := f.API(t, evaluator, http.MethodGet, "/api/v1/hubs/hub-a/report", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		var r struct {
			Responses  any `json:"responses"`
			NoShows    any `json:"no_shows"`
			Usefulness struct {
				Mean *float64 `json:"mean"`
			} `json:"usefulness"`
		}
		MustDecode(t, body, &r)
		if r.Responses != 7.0 || r.NoShows != "fewer than 5" || r.Usefulness.Mean == nil {
			t.Errorf("report %s", body)
		}
	})
	t.Run("ErrEvaluatorOfAnotherHub", func(t *testing.T) {
		for _, p := range []string{"/api/v1/hubs/hub-b/report", "/api/v1/hubs/hub-b/exports/feedback.csv", fmt.Sprintf("/api/v1/events/%d/feedback/summary", eB.ID)} {
			if resp, body := f.API(t, evaluator, http.MethodGet, p, nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: %d %s", p, resp.StatusCode, body)
			}
		}
	})
	for _, tc := range []struct{ name, path string }{
		{"ErrUnknownHub", "/api/v1/hubs/no-such-hub/exports/feedback.csv"},
		{"ErrInvertedDates", "/api/v1/hubs/hub-a/exports/feedback.csv?from=2025-05-01&to=2025-04-01"},
		{"ErrBadDate", "/api/v1/hubs/hub-a/exports/feedback.csv?from=yesterday"},
		{"ErrUnknownFormat", "/api/v1/hubs/hub-a/exports/feedback.pdf"},
		{"ErrUnknownDataset", "/api/v1/hubs/hub-a/exports/people.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := f.API(t, evaluator, http.MethodGet, tc.path, nil)
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				t.Errorf("%d %s", resp.StatusCode, body)
			}
		})
	}

	t.Run("ExportsHoldNothingPrivate", func(t *testing.T) {
		for _, name := range []string{"feedback.csv", "feedback.excel.csv", "feedback.jsonl", "attendance.csv", "attendance.jsonl", "feedback.xlsx", "attendance.xlsx"} {
			resp, body := f.API(t, adminK, http.MethodGet, "/api/v1/hubs/hub-a/exports/"+name, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", name, resp.StatusCode, body)
			}
			text := body
			if strings.HasSuffix(name, ".xlsx") {
				text = xlsxText(t, []byte(body))
			}
			for _, secret := range []string{"@example.org", "step-free", "Guest ", "plain words 1", "plain words 3", "plain words 5"} {
				if strings.Contains(text, secret) {
					t.Errorf("%s holds %q", name, secret)
				}
			}
		}
	})
	t.Run("XLSXReadsBackAsCSV", func(t *testing.T) {
		_, csvBody := f.API(t, coordA, http.MethodGet, "/api/v1/hubs/hub-a/exports/feedback.csv", nil)
		resp, xlsxBody := f.API(t, coordA, http.MethodGet, "/api/v1/hubs/hub-a/exports/feedback.xlsx", nil)
		if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
			t.Errorf("content type %q", ct)
		}
		want, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := openpyxlRows(t, []byte(xlsxBody))
		if len(got) != len(want) || len(want) != 8 {
			t.Fatalf("xlsx %d rows, csv %d, want 8", len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				if g, w := got[i][j], want[i][j]; g != w && !(strings.EqualFold(g, w) && (w == "true" || w == "false")) {
					t.Errorf("row %d col %d: xlsx %q, csv %q", i, j, g, w)
				}
			}
			for j, cell := range want[i] {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("csv row %d col %d %q would be a formula", i, j, cell)
				}
			}
		}
	})
}

// openpyxlRows reads the first sheet of an XLSX file with Python's
// openpyxl (Debian's python3-openpyxl; scripts/test-deps installs it), as
// text, and checks that no cell is a formula.
func openpyxlRows(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = "python3"
	}
	file := filepath.Join(tb.TempDir(), "export.xlsx")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	script := `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = []
for row in ws.iter_rows():
    for c in row:
        if c.data_type == 'f':
            sys.exit('formula in ' + c.coordinate)
    rows.append(['' if c.value is None else str(c.value) for c in row])
print(json.dumps({"sheets": wb.sheetnames, "rows": rows}))
`
	out, err := exec.Command(python, "-c", script, file).CombinedOutput()
	if err != nil {
		if bytes.Contains(out, []byte("No module named 'openpyxl'")) {
			tb.Fatalf("openpyxl is missing: run scripts/test-deps (apt-get install python3-openpyxl)")
		}
		tb.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var res struct {
		Sheets []string   `json:"sheets"`
		Rows   [][]string `json:"rows"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		tb.Fatalf("openpyxl output %s: %v", out, err)
	}
	if len(res.Sheets) != 2 || res.Sheets[1] != "columns" {
		tb.Errorf("sheets %v, want the dataset and columns", res.Sheets)
	}
	return res.Rows
}

// xlsxText is every cell of every sheet, for scanning.
func xlsxText(tb testing.TB, data []byte) string {
	tb.Helper()
	var b strings.Builder
	for _, r := range openpyxlRows(tb, data) {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}
