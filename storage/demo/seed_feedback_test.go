package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
	"github.com/convene/convene/storage/pgtest"
)

// TestDemoFeedback seeds the demo and checks its feedback looks as the
// issue asks (response rates 40–80%, some events under 5 responses), then
// scans every report and export of every hub, in every format, for an
// email, an access need or words given without consent to quote.
func TestDemoFeedback(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	now := time.Now()
	report, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: 1, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if report.Feedback == 0 {
		t.Fatal("no demo feedback")
	}
	var rates []struct {
		Attended  int `db:"attended"`
		Responses int `db:"responses"`
	}
	if err := pgtest.SQL(db).Select(&rates, `
		SELECT count(*) FILTER (WHERE r.attended_at IS NOT NULL) AS attended, count(f.id) AS responses
		FROM events e JOIN registrations r ON r.event_id = e.id LEFT JOIN feedback f ON f.registration_id = r.id
		WHERE e.ends_at <= $1 AND e.status = 'published' GROUP BY e.id`, now); err != nil {
		t.Fatal(err)
	}
	small, big := 0, 0
	for _, r := range rates {
		if r.Responses > 0 && r.Responses < 5 {
			small++
		}
		if r.Attended >= 30 {
			big++
			if rate := float64(r.Responses) / float64(r.Attended); rate < 0.25 || rate > 0.95 {
				t.Errorf("response rate %.2f of %d attendees", rate, r.Attended)
			}
		}
	}
	if small == 0 || big == 0 {
		t.Errorf("%d events with 1–4 responses and %d with 30 attendees or more; want some of each", small, big)
	}

	// What must never leave: every email, every access need, and the
	// words of everyone who did not consent (unless someone who did wrote
	// the same).
	var secrets []string
	pgtest.SQL(db).Select(&secrets, `SELECT email FROM people UNION SELECT guest_email FROM registrations WHERE guest_email <> ''
		UNION SELECT access_needs FROM registrations WHERE access_needs <> ''
		UNION (SELECT what_worked FROM feedback WHERE NOT consent_to_quote AND what_worked <> ''
		       EXCEPT SELECT what_worked FROM feedback WHERE consent_to_quote)`)
	if len(secrets) < 10 {
		t.Fatalf("only %d secrets to look for", len(secrets))
	}
	var hubIDs []int64
	pgtest.SQL(db).Select(&hubIDs, `SELECT id FROM hubs ORDER BY id`)
	key, _ := db.PseudonymKey(ctx, nil)
	p := events.NewPseudonymiser(key)
	var all bytes.Buffer
	for _, id := range append([][]int64{hubIDs}, func() (each [][]int64) {
		for _, id := range hubIDs {
			each = append(each, []int64{id})
		}
		return
	}()...) {
		r, err := db.Report(ctx, storage.CommandLine, storage.ReportRequest{HubIDs: id, From: now.AddDate(-2, 0, 0), To: now, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(r)
		all.Write(data)
		for _, ds := range []events.Dataset{events.FeedbackDataset, events.AttendanceDataset} {
			for _, f := range []events.ExportFormat{events.FormatCSV, events.FormatJSONL, events.FormatCSVExcel} {
				w, _ := events.NewRowWriter(&all, ds, f)
				if _, err := db.Export(ctx, storage.CommandLine, storage.ExportRequest{Dataset: ds, HubIDs: id, Format: f}, p, w); err != nil {
					t.Fatal(err)
				}
				w.Close()
			}
		}
	}
	text := all.String()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("an output holds %q", s)
		}
	}
	if !strings.Contains(text, events.LabelFewerThan5) {
		t.Error("no figure is suppressed in the demo reports")
	}
}
