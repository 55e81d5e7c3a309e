package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
)

// logBoth writes r through newLogger's handler and through log/slog's own
// handler of the same format, and reports whether the line was formatted
// by lineHandler itself.
func logBoth(t testing.TB, format string, r slog.Record) (ours, theirs string, formatted bool) {
	t.Helper()
	var a, b bytes.Buffer
	cfg := Config{LogFormat: format, LogLevel: slog.LevelDebug}
	log, lines := newLogger(cfg, &a)
	h := log.Handler().(*lineHandler)
	_, formatted = h.appendLine(nil, r)
	if err := h.Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	lines.Close()
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	var std slog.Handler = slog.NewTextHandler(&b, opts)
	if format == "json" {
		std = slog.NewJSONHandler(&b, opts)
	}
	if err := std.Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String(), formatted
}

func TestLineHandlerAgrees(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 7, 1, 9, 5, 7, 120_000_000, london)
	record := func(tm time.Time, level slog.Level, msg string, attrs ...slog.Attr) slog.Record {
		r := slog.NewRecord(tm, level, msg, 0)
		r.AddAttrs(attrs...)
		return r
	}
	request := []slog.Attr{slog.String("method", "GET"), slog.String("path", "/hubs/north-east/calendar.ics"),
		slog.Int("status", 304), slog.Duration("duration", 1500*time.Nanosecond), slog.Int64("queries", 0),
		slog.String("request_id", "c3a2a65c09c9eea6")}
	cases := []struct {
		name      string
		r         slog.Record
		formatted bool // by lineHandler itself
	}{
		{"request", record(at, slog.LevelInfo, "request", request...), true},
		{"request in UTC, whole second", record(time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC), slog.LevelInfo, "request", request...), true},
		{"fraction ending in zeros", record(time.Date(2026, 11, 28, 23, 0, 0, 100_000, time.UTC), slog.LevelWarn, "request", request...), true},
		{"monotonic clock reading", record(time.Now(), slog.LevelError, "x", slog.Bool("ok", true), slog.Uint64("n", 1<<63)), true},
		{"custom level", record(at, slog.LevelInfo+2, "listening", slog.String("addr", "127.0.0.1:8080")), true},
		{"no attributes", record(at, slog.LevelDebug, "tick"), true},
		{"negative duration and int", record(at, slog.LevelInfo, "m", slog.Duration("d", -3*time.Hour), slog.Int("i", -7)), true},
		{"space in message", record(at, slog.LevelInfo, "shutting down", request...), false},
		{"quote in value", record(at, slog.LevelInfo, "request", slog.String("path", `/a"b`)), false},
		{"backslash in value", record(at, slog.LevelInfo, "request", slog.String("path", `/a\b`)), false},
		{"equals in value", record(at, slog.LevelInfo, "request", slog.String("q", "a=b")), false},
		{"non-ASCII value", record(at, slog.LevelInfo, "request", slog.String("name", "Zoë")), false},
		{"empty value", record(at, slog.LevelInfo, "request", slog.String("path", "")), false},
		{"error", record(at, slog.LevelError, "failed", slog.Any("err", errors.New("boom"))), false},
		{"group", record(at, slog.LevelInfo, "m", slog.Group("g", slog.Int("a", 1))), false},
		{"float", record(at, slog.LevelInfo, "m", slog.Float64("f", 1e21)), false},
		{"time value", record(at, slog.LevelInfo, "m", slog.Time("t", at)), false},
		{"zero time", record(time.Time{}, slog.LevelInfo, "request", request...), false},
		{"empty key", record(at, slog.LevelInfo, "m", slog.String("", "x")), false},
	}
	for _, format := range []string{"text", "json"} {
		for _, tc := range cases {
			t.Run(format+"/"+tc.name, func(t *testing.T) {
				ours, theirs, formatted := logBoth(t, format, tc.r)
				if ours != theirs {
					t.Errorf("lineHandler wrote\n%s\nlog/slog writes\n%s", ours, theirs)
				}
				if formatted != tc.formatted {
					t.Errorf("formatted by lineHandler = %v, want %v", formatted, tc.formatted)
				}
			})
		}
	}
}

// A logger made With attributes writes them as log/slog does, and what
// lineHandler and the standard handler beneath it write goes to one place
// a line at a time.
// logRequestBoth writes a request's line through LogRequest and through
// log/slog's own handler of the same format, given the record of it, and
// reports whether the line was formatted by lineHandler itself.
func logRequestBoth(t testing.TB, format string, tm time.Time, method, path string, status int, d time.Duration, queries int64, id string) (ours, theirs string, formatted bool) {
	t.Helper()
	var a, b bytes.Buffer
	log, w := newLogger(Config{LogFormat: format, LogLevel: slog.LevelDebug}, &a)
	h := log.Handler().(*lineHandler)
	_, formatted = h.appendRequest(nil, tm, method, path, status, d, queries, id)
	h.LogRequest(context.Background(), tm, method, path, status, d, queries, id)
	w.Close()
	var std slog.Handler = slog.NewTextHandler(&b, nil)
	if format == "json" {
		std = slog.NewJSONHandler(&b, nil)
	}
	if err := std.Handle(context.Background(), web.RequestRecord(tm, slog.LevelInfo, method, path, status, d, queries, id)); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String(), formatted
}

func TestLogRequestAgrees(t *testing.T) {
	at := time.Date(2026, 7, 1, 9, 5, 7, 120_000_000, time.FixedZone("BST", 3600))
	for _, tc := range []struct {
		name, method, path, id string
		tm                     time.Time
		formatted              bool // by lineHandler itself
	}{
		{"poll", "GET", "/hubs/north-east/calendar.ics", "c3a2a65c09c9eea6", at, true},
		{"personal feed, redacted", "HEAD", "/calendar/[redacted].ics", "0123456789abcdef", at, true},
		{"space in the path", "GET", "/topics/a b/calendar.ics", "x", at, false},
		{"quote in the path", "GET", `/topics/a"b/calendar.ics`, "x", at, false},
		{"not ASCII", "GET", "/topics/zoë/calendar.ics", "x", at, false},
		{"equals sign", "GET", "/a=b", "x", at, false},
		{"no request id", "GET", "/hubs/x/calendar.ics", "", at, false},
		{"zero time", "GET", "/hubs/x/calendar.ics", "x", time.Time{}, false},
	} {
		for _, format := range []string{"text", "json"} {
			ours, theirs, formatted := logRequestBoth(t, format, tc.tm, tc.method, tc.path, 304, 2500*time.Nanosecond, 0, tc.id)
			if ours != theirs {
				t.Errorf("%s, %s: LogRequest wrote\n%s\nlog/slog writes\n%s", tc.name, format, ours, theirs)
			}
			if formatted != tc.formatted {
				t.Errorf("%s, %s: formatted by lineHandler %v, want %v", tc.name, format, formatted, tc.formatted)
			}
		}
	}
}

func TestLineHandlerWith(t *testing.T) {
	var buf bytes.Buffer
	log, w := newLogger(Config{LogFormat: "text", LogLevel: slog.LevelInfo}, &buf)
	log.Info("request", "status", 200)
	log.With("component", "mail").Info("sent", "n", 2)
	log.Debug("hidden")
	log.Info("done")
	w.Close()
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(lines), buf.String())
	}
	for i, want := range []string{" msg=request status=200", " msg=sent component=mail n=2", " msg=done"} {
		if !bytes.HasSuffix(lines[i], []byte(want)) {
			t.Errorf("line %d = %s, want it to end %q", i+1, lines[i], want)
		}
	}
}

// writes records each Write it is given.
type writes struct {
	mu sync.Mutex
	w  [][]byte
}

func (r *writes) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w = append(r.w, bytes.Clone(p))
	return len(p), nil
}

func (r *writes) all() (n int, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.w), string(bytes.Join(r.w, nil))
}

func TestLineWriterHoldsLinesBriefly(t *testing.T) {
	var out writes
	log, w := newLogger(Config{LogFormat: "text", LogLevel: slog.LevelInfo}, &out)
	defer w.Close()
	w.delay = time.Hour // nothing is written but by a warning, an error or Close
	log.Info("first")
	log.Info("second")
	if n, text := out.all(); n != 0 {
		t.Fatalf("an info line was written at once (%d writes):\n%s", n, text)
	}
	// A warning is written at once, after what was held, in one write; so
	// is an error from a logger made With attributes.
	log.Warn("third")
	if n, text := out.all(); n != 1 || !regexp.MustCompile(`^[^\n]* msg=first\n[^\n]* msg=second\n[^\n]* level=WARN msg=third\n$`).MatchString(text) {
		t.Fatalf("after a warning, %d writes:\n%s\nwant first, second and third in one", n, text)
	}
	log.Info("fourth")
	log.With("component", "mail").Error("fifth")
	if n, text := out.all(); n != 2 || !regexp.MustCompile(`msg=third\n[^\n]* msg=fourth\n[^\n]* level=ERROR msg=fifth component=mail\n$`).MatchString(text) {
		t.Fatalf("after an error from a With logger, %d writes:\n%s\nwant fourth then fifth in a second write", n, text)
	}
	// Close writes what is held; after it, lines are written as they come.
	log.Info("sixth")
	w.Close()
	log.Info("seventh")
	if n, text := out.all(); n != 4 || !regexp.MustCompile(`msg=fifth component=mail\n[^\n]* msg=sixth\n[^\n]* msg=seventh\n$`).MatchString(text) {
		t.Fatalf("after Close, %d writes:\n%s\nwant sixth, then seventh on its own", n, text)
	}

	// With the delay it has, a line is written by itself shortly after.
	var later writes
	log, w = newLogger(Config{LogFormat: "text", LogLevel: slog.LevelInfo}, &later)
	defer w.Close()
	log.Info("eighth")
	for deadline := time.Now().Add(50 * lineDelay); ; time.Sleep(lineDelay / 10) {
		if _, text := later.all(); strings.HasSuffix(text, "msg=eighth\n") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a line was not written %v after it was logged", 50*lineDelay)
		}
	}
}

// TestLineWriterBatches: lines logged from many goroutines are all
// written, once, whole, in writes of at most lineBatch bytes (so that a
// pipe never interleaves another process's output with a line), except a
// single line longer than that, written alone.
func TestLineWriterBatches(t *testing.T) {
	var out writes
	log, w := newLogger(Config{LogFormat: "text", LogLevel: slog.LevelInfo}, &out)
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				log.Info("request", "path", "/hubs/north-east/calendar.ics", "g", g, "i", i)
			}
		})
	}
	wg.Wait()
	long := strings.Repeat("x", 2*lineBatch)
	log.Info("long", "value", long)
	log.Info("after")
	w.Close()

	seen := map[string]int{}
	out.mu.Lock()
	defer out.mu.Unlock()
	for i, p := range out.w {
		if len(p) > lineBatch && !bytes.Contains(p, []byte(long)) {
			t.Errorf("write %d has %d bytes, over %d", i, len(p), lineBatch)
		}
		if !bytes.HasSuffix(p, []byte("\n")) {
			t.Errorf("write %d ends mid-line: %q", i, p[max(0, len(p)-40):])
		}
		for _, line := range strings.SplitAfter(string(p), "\n") {
			if line != "" {
				seen[line[strings.Index(line, " level="):]]++
			}
		}
	}
	if len(out.w) > goroutines*each/10 {
		t.Errorf("%d lines took %d writes", goroutines*each, len(out.w))
	}
	for g := range goroutines {
		for i := range each {
			line := " level=INFO msg=request path=/hubs/north-east/calendar.ics g=" + strconv.Itoa(g) + " i=" + strconv.Itoa(i) + "\n"
			if seen[line] != 1 {
				t.Fatalf("line g=%d i=%d written %d times", g, i, seen[line])
			}
		}
	}
	if last := out.w[len(out.w)-1]; !bytes.HasSuffix(last, []byte("msg=after\n")) || len(out.w) < 2 || !bytes.Contains(out.w[len(out.w)-2], []byte(long)) {
		t.Errorf("the long line was not written alone before the last")
	}
}

// TestLineWriterBatchSize: writes to a pipe stay within PIPE_BUF; to a
// regular file they may be bigger.
func TestLineWriterBatchSize(t *testing.T) {
	r, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer pw.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "convene.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, tc := range []struct {
		name string
		w    io.Writer
		want int
	}{{"pipe", pw, lineBatch}, {"file", file, fileBatch}, {"buffer", &bytes.Buffer{}, lineBatch}} {
		if got := newLineWriter(tc.w).batch; got != tc.want {
			t.Errorf("%s: batches of %d bytes, want %d", tc.name, got, tc.want)
		}
	}
}

func BenchmarkLineHandler(b *testing.B) {
	for _, tc := range []struct {
		name string
		h    slog.Handler
	}{
		{"lineHandler", newLoggerHandler(Config{LogFormat: "text"}, discard{})},
		{"slog.TextHandler", slog.NewTextHandler(discard{}, nil)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			start := time.Now()
			b.ReportAllocs()
			for b.Loop() {
				now := time.Now()
				r := slog.NewRecord(now, slog.LevelInfo, "request", 0)
				r.AddAttrs(slog.String("method", "GET"), slog.String("path", "/hubs/north-east/calendar.ics"),
					slog.Int("status", 304), slog.Duration("duration", now.Sub(start)), slog.Int64("queries", 0),
					slog.String("request_id", "c3a2a65c09c9eea6"))
				_ = tc.h.Handle(ctx, r)
			}
		})
	}
}

func newLoggerHandler(cfg Config, w io.Writer) slog.Handler {
	log, _ := newLogger(cfg, w)
	return log.Handler()
}

// BenchmarkLogRequest: the same line as BenchmarkLineHandler's, written
// without a record (as the 304 of a poll is logged).
func BenchmarkLogRequest(b *testing.B) {
	h := newLoggerHandler(Config{LogFormat: "text"}, discard{}).(web.RequestLogger)
	ctx := context.Background()
	start := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		d := time.Since(start)
		h.LogRequest(ctx, start.Add(d), "GET", "/hubs/north-east/calendar.ics", 304, d, 0, "c3a2a65c09c9eea6")
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// FuzzLogRequest: whatever the method, path and request id, LogRequest
// writes the line log/slog writes for the request's record.
func FuzzLogRequest(f *testing.F) {
	f.Add("GET", "/hubs/north-east/calendar.ics", "c3a2a65c09c9eea6", int64(304), int64(2500), int64(1_795_000_000_123_456_789), false)
	f.Add("GET", "/a b", `"`, int64(-1), int64(-5), int64(0), true)
	f.Fuzz(func(t *testing.T, method, path, id string, status, d, unixNano int64, json bool) {
		format := "text"
		if json {
			format = "json"
		}
		tm := time.Unix(0, unixNano).In(time.FixedZone("", int(status%50400)))
		if ours, theirs, _ := logRequestBoth(t, format, tm, method, path, int(status), time.Duration(d), status/3, id); ours != theirs {
			t.Errorf("LogRequest wrote\n%s\nlog/slog writes\n%s", ours, theirs)
		}
	})
}

// FuzzLineHandler: whatever the message, attribute and time, the line is
// the one log/slog writes.
func FuzzLineHandler(f *testing.F) {
	f.Add("request", "path", "/hubs/north-east/calendar.ics", int64(304), int64(1500), int64(1_795_000_000_123_456_789), false)
	f.Add("x", "k", `a"b`, int64(-1), int64(-5), int64(0), true)
	f.Add("m", "k=v", "Zoë", int64(0), int64(0), int64(-9_000_000_000_000_000_000), false)
	f.Fuzz(func(t *testing.T, msg, key, value string, n, d, unixNano int64, json bool) {
		r := slog.NewRecord(time.Unix(0, unixNano).In(time.FixedZone("", int(n%50400))), slog.Level(n%16), msg, 0)
		r.AddAttrs(slog.String(key, value), slog.Int64("n", n), slog.Duration("d", time.Duration(d)))
		format := "text"
		if json {
			format = "json"
		}
		if ours, theirs, _ := logBoth(t, format, r); ours != theirs {
			t.Errorf("lineHandler wrote\n%s\nlog/slog writes\n%s", ours, theirs)
		}
	})
}

// appendRFC3339Millis formats a second once and reuses it for the lines
// logged within it: each line's time is still exactly log/slog's, across
// seconds, zones, a change of offset and times before 1970.
func TestRFC3339MillisPerSecond(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// The clocks go back at 01:00 UTC on 25 October 2026.
	change := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)
	var times []time.Time
	for _, base := range []time.Time{
		change.Add(-time.Second), change, time.Date(2026, 11, 29, 2, 18, 39, 0, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		for _, ns := range []int{0, 1, 999_999, 1_000_000, 120_000_000, 999_999_999} {
			tm := base.Add(time.Duration(ns))
			times = append(times, tm, tm.In(london), tm, tm.In(time.FixedZone("", -9000)), tm.In(london))
		}
	}
	for _, tm := range times {
		if got, want := string(appendRFC3339Millis([]byte("x"), tm)), string(formatRFC3339Millis([]byte("x"), tm)); got != want {
			t.Errorf("%v: %s, want %s", tm, got, want)
		}
	}
	// And formatRFC3339Millis is log/slog's.
	for _, tm := range times[:10] {
		var b bytes.Buffer
		r := slog.NewRecord(tm, slog.LevelInfo, "m", 0)
		if err := slog.NewTextHandler(&b, nil).Handle(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if want := "time=" + string(formatRFC3339Millis(nil, tm)) + " "; !strings.HasPrefix(b.String(), want) {
			t.Errorf("%v: log/slog wrote %q, want it to begin %q", tm, b.String(), want)
		}
	}
}
