package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"
)

// logBoth writes r through newLogger's handler and through log/slog's own
// handler of the same format, and reports whether the line was formatted
// by lineHandler itself.
func logBoth(t testing.TB, format string, r slog.Record) (ours, theirs string, formatted bool) {
	t.Helper()
	var a, b bytes.Buffer
	cfg := Config{LogFormat: format, LogLevel: slog.LevelDebug}
	h := newLogger(cfg, &a).Handler().(*lineHandler)
	_, formatted = h.appendLine(nil, r)
	if err := h.Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
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
func TestLineHandlerWith(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(Config{LogFormat: "text", LogLevel: slog.LevelInfo}, &buf)
	log.Info("request", "status", 200)
	log.With("component", "mail").Info("sent", "n", 2)
	log.Debug("hidden")
	log.Info("done")
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

func BenchmarkLineHandler(b *testing.B) {
	for _, tc := range []struct {
		name string
		h    slog.Handler
	}{
		{"lineHandler", newLogger(Config{LogFormat: "text"}, discard{}).Handler()},
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

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

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
