package storage_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/events"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// MustFeedbackRows fills a fresh database with one hub of 500 past events
// and n attended registrations with feedback, spread over them: the
// dedicated generator of the export benchmark.
func MustFeedbackRows(tb testing.TB, db *storage.DB, n int) int64 {
	tb.Helper()
	var hubID int64
	steps := []string{
		`INSERT INTO hubs (slug, name, region, timezone) VALUES ('big-hub', 'Big Hub', 'North', 'Europe/London') RETURNING id`,
		`INSERT INTO events (hub_id, title, starts_at, ends_at, format, status)
		 SELECT $1, 'Hub event ' || i, now() - (i || ' days')::interval, now() - (i || ' days')::interval + interval '3 hours', 'in_person', 'published'
		 FROM generate_series(1, 500) i`,
		`INSERT INTO registrations (event_id, guest_name, guest_email, attendee_role, status, created_at, attended_at)
		 SELECT e.id, 'Guest ' || i, 'guest' || i || '@example.org',
		        (ARRAY['peer_support_worker','practitioner','commissioner','lived_experience','other'])[1 + i % 5],
		        'registered', e.starts_at - interval '1 day', e.starts_at + interval '5 minutes'
		 FROM generate_series(1, $2) i
		 JOIN (SELECT id, starts_at, row_number() OVER (ORDER BY id) - 1 AS k FROM events WHERE hub_id = $1) e ON e.k = i % 500`,
		`INSERT INTO feedback (registration_id, event_id, usefulness, networking_value, new_connections, will_follow_up, what_worked, to_improve, consent_to_quote)
		 SELECT r.id, r.event_id, 1 + r.id % 5, 1 + r.id % 4, r.id % 7, r.id % 3 = 0, 'The networking, and ' || r.id, '=more time', r.id % 2 = 0
		 FROM registrations r JOIN events e ON e.id = r.event_id WHERE e.hub_id = $1`,
		`ANALYZE`,
	}
	ctx := context.Background()
	if err := pgtest.SQL(db).GetContext(ctx, &hubID, steps[0]); err != nil {
		tb.Fatal(err)
	}
	for _, s := range steps[1:] {
		args := []any{hubID, n}
		switch s {
		case steps[1], steps[3]:
			args = args[:1]
		case steps[4]:
			args = nil
		}
		if _, err := pgtest.SQL(db).ExecContext(ctx, s, args...); err != nil {
			tb.Fatalf("generate: %v", err)
		}
	}
	return hubID
}

// peakHeap samples the heap in use until stop is closed.
func peakHeap(stop <-chan struct{}, peak *atomic.Uint64) {
	var m runtime.MemStats
	for {
		runtime.ReadMemStats(&m)
		if v := m.HeapInuse + m.StackInuse; v > peak.Load() {
			peak.Store(v)
		}
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// BenchmarkExportCSV exports CONVENE_BENCH_EXPORT_ROWS (default 1,000,000)
// feedback rows as CSV, and in the same run the same query through
// `psql -c "\copy (…) to stdout with csv"`, reporting both times, their
// ratio and Convene's peak heap.
//
//	go test ./storage -run XXX -bench ExportCSV -benchtime 1x
func BenchmarkExportCSV(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("CONVENE_BENCH_EXPORT_ROWS")); err == nil && v > 0 {
		n = v
	}
	dsn := pgtest.NewDSN(b)
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	hubID := MustFeedbackRows(b, db, n)
	key, _ := db.PseudonymKey(context.Background(), nil)
	p := events.NewPseudonymiser(key)
	from, to := time.Now().AddDate(-5, 0, 0), time.Now()
	req := storage.ExportRequest{Dataset: events.FeedbackDataset, HubIDs: []int64{hubID}, From: from, To: to, Format: events.FormatCSV}
	psql, psqlErr := exec.LookPath("psql")
	var convene, copyTime time.Duration
	var peak atomic.Uint64
	runtime.GC()
	for b.Loop() {
		stop := make(chan struct{})
		go peakHeap(stop, &peak)
		start := time.Now()
		w, _ := events.NewRowWriter(io.Discard, events.FeedbackDataset, events.FormatCSV)
		rows, err := db.Export(context.Background(), storage.CommandLine, req, p, w)
		if err != nil || rows != n {
			b.Fatalf("exported %d of %d: %v", rows, n, err)
		}
		w.Close()
		convene += time.Since(start)
		close(stop)
		if psqlErr == nil {
			start = time.Now()
			cmd := exec.Command(psql, "-X", "-q", "-d", dsn, "-c", `\copy (`+storage.ExportQuery(events.FeedbackDataset, []int64{hubID}, from, to)+`) to stdout with csv`)
			cmd.Stdout = io.Discard
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				b.Fatalf("psql: %v %s", err, stderr.String())
			}
			copyTime += time.Since(start)
		}
	}
	b.ReportMetric(float64(convene.Milliseconds())/float64(b.N), "convene-ms/op")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	if psqlErr == nil {
		b.ReportMetric(float64(copyTime.Milliseconds())/float64(b.N), "psql-copy-ms/op")
		b.ReportMetric(float64(convene)/float64(copyTime), "ratio")
	}
}
