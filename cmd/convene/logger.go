package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/convene/convene/cmd/convene/web"
)

// newLogger writes lines as log/slog's text handler does, or its JSON
// handler when cfg.LogFormat is "json", at cfg.LogLevel and above, to w
// through a lineWriter. Close the writer when the command ends: it writes
// the lines still held.
func newLogger(cfg Config, w io.Writer) (*slog.Logger, *lineWriter) {
	lw := newLineWriter(w)
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(&lineHandler{Handler: slog.NewJSONHandler(lw, opts), w: lw, json: true}), lw
	}
	return slog.New(&lineHandler{Handler: slog.NewTextHandler(lw, opts), w: lw}), lw
}

// lineHandler writes the lines that log/slog's handler beneath it would
// write, byte for byte, formatting the common ones itself: one line per
// request is logged, and the standard handler spends most of a microsecond
// on each (a third of the work of answering a calendar's poll with 304).
// A record it formats has a time, top-level attributes of plain kinds
// (string, integer, boolean, duration) and keys and strings of printable
// ASCII that neither format quotes or escapes; any other record, and every
// logger made With attributes or a group, goes to the handler beneath.
// TestLineHandlerAgrees holds the two to the same bytes.
type lineHandler struct {
	slog.Handler
	w    *lineWriter
	json bool
}

// Limits of what a lineWriter holds before writing it.
const (
	// lineBatch is PIPE_BUF on Linux: a write of up to this many bytes
	// to a pipe (stderr under systemd or a container runtime) is never
	// interleaved with another process's, so no line is split.
	lineBatch = 4096
	// fileBatch is the batch when the lines go to a regular file, where
	// the size of a write splits nothing and a bigger one costs less.
	fileBatch = 64 << 10
	// lineDelay bounds how long a line waits: under a light load each
	// line is written this long after it was logged, or sooner.
	lineDelay = 100 * time.Millisecond
)

// lineWriter gathers lines and writes them together, up to lineBatch
// bytes at a time (fileBatch to a file) and each at most lineDelay after
// it was logged, instead of making a system call for every line. Busy,
// Convene logs tens of thousands of requests a second, and one write per
// line cost a calendar's 304 about a fifth of its time (the system call,
// and other requests waiting for it); gathered, one write serves about
// thirty lines to a pipe, hundreds to a file. Warnings and errors are
// written at once, after the lines before them. What a crash takes with
// it is at most the lines of the last tenth of a second; Close writes
// what is held and makes later writes direct.
type lineWriter struct {
	mu     sync.Mutex
	w      io.Writer
	buf    []byte
	batch  int           // the most buf holds
	delay  time.Duration // lineDelay; longer in tests
	timer  *time.Timer   // armed while buf holds lines
	closed bool
}

func newLineWriter(w io.Writer) *lineWriter {
	batch := lineBatch
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			batch = fileBatch
		}
	}
	l := &lineWriter{w: w, batch: batch, delay: lineDelay, buf: make([]byte, 0, batch)}
	l.timer = time.AfterFunc(time.Hour, l.Flush)
	l.timer.Stop()
	return l
}

// Write holds p, one or more whole lines, to be written with others.
func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return l.w.Write(p)
	}
	if len(l.buf)+len(p) > l.batch {
		l.flushLocked()
	}
	if len(p) > l.batch {
		return l.w.Write(p)
	}
	if len(l.buf) == 0 {
		l.timer.Reset(l.delay)
	}
	l.buf = append(l.buf, p...)
	return len(p), nil
}

// Flush writes the lines held.
func (l *lineWriter) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
}

func (l *lineWriter) flushLocked() {
	if len(l.buf) == 0 {
		return
	}
	l.timer.Stop()
	// A failed write (stderr closed) has nowhere to be reported; the
	// lines are dropped rather than held.
	_, _ = l.w.Write(l.buf)
	l.buf = l.buf[:0]
}

// Close writes the lines held; later lines are written as they come.
func (l *lineWriter) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flushLocked()
	l.closed = true
}

var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (h *lineHandler) Handle(ctx context.Context, r slog.Record) error {
	buf := lineBuffers.Get().(*[]byte)
	defer lineBuffers.Put(buf)
	line, ok := h.appendLine((*buf)[:0], r)
	var err error
	if ok {
		*buf = line
		_, err = h.w.Write(line)
	} else {
		err = h.Handler.Handle(ctx, r)
	}
	if r.Level >= slog.LevelWarn {
		h.w.Flush()
	}
	return err
}

func (h *lineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return warnFlusher{h.Handler.WithAttrs(as), h.w}
}

func (h *lineHandler) WithGroup(name string) slog.Handler {
	return warnFlusher{h.Handler.WithGroup(name), h.w}
}

// warnFlusher is the handler of a logger made With attributes or a
// group: log/slog's, writing through the same lineWriter, which it
// flushes after a warning or an error as lineHandler does.
type warnFlusher struct {
	slog.Handler
	w *lineWriter
}

func (h warnFlusher) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		h.w.Flush()
	}
	return err
}

func (h warnFlusher) WithAttrs(as []slog.Attr) slog.Handler {
	return warnFlusher{h.Handler.WithAttrs(as), h.w}
}

func (h warnFlusher) WithGroup(name string) slog.Handler {
	return warnFlusher{h.Handler.WithGroup(name), h.w}
}

// appendLine appends r's line to b, or reports false when r is not one
// it formats exactly as the handler beneath would.
func (h *lineHandler) appendLine(b []byte, r slog.Record) ([]byte, bool) {
	b, ok := h.appendHead(b, r.Time, r.Level, r.Message)
	if !ok {
		return b, false
	}
	r.Attrs(func(a slog.Attr) bool {
		b, ok = h.appendAttr(b, a)
		return ok
	})
	if !ok {
		return b, false
	}
	return h.appendEnd(b), true
}

// LogRequest writes the line Handle writes for web.RequestRecord's record
// of a request without building the record: the 304 that answers a
// calendar's poll, Convene's most frequent request, logs this way
// (web.RequestLogger).
func (h *lineHandler) LogRequest(ctx context.Context, t time.Time, method, path string, status int, d time.Duration, queries int64, id string) {
	buf := lineBuffers.Get().(*[]byte)
	defer lineBuffers.Put(buf)
	line, ok := h.appendRequest((*buf)[:0], t, method, path, status, d, queries, id)
	if !ok {
		// A line only the handler beneath writes (INFO: nothing to flush).
		_ = h.Handler.Handle(ctx, web.RequestRecord(t, slog.LevelInfo, method, path, status, d, queries, id))
		return
	}
	*buf = line
	_, _ = h.w.Write(line)
}

// appendRequest appends LogRequest's line to b, or reports false when it
// is not one lineHandler formats exactly as the handler beneath would.
func (h *lineHandler) appendRequest(b []byte, t time.Time, method, path string, status int, d time.Duration, queries int64, id string) ([]byte, bool) {
	b, ok := h.appendHead(b, t, slog.LevelInfo, "request")
	attrs := [...]slog.Attr{slog.String("method", method), slog.String("path", path), slog.Int("status", status),
		slog.Duration("duration", d), slog.Int64("queries", queries), slog.String("request_id", id)}
	for i := 0; ok && i < len(attrs); i++ {
		b, ok = h.appendAttr(b, attrs[i])
	}
	if !ok {
		return b, false
	}
	return h.appendEnd(b), true
}

var _ web.RequestLogger = (*lineHandler)(nil)

// appendHead appends a line's time, level and message, or reports false
// when the handler beneath would write them otherwise.
func (h *lineHandler) appendHead(b []byte, t time.Time, level slog.Level, msg string) ([]byte, bool) {
	if y := t.Year(); t.IsZero() || y < 1000 || y > 9999 || !plain(msg) {
		return b, false
	}
	t = t.Round(0)
	if h.json {
		b = append(b, `{"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","level":"`...)
		b = append(b, level.String()...)
		b = append(b, `","msg":"`...)
		b = append(b, msg...)
		return append(b, '"'), true
	}
	b = appendRFC3339Millis(append(b, "time="...), t)
	b = append(b, " level="...)
	b = append(b, level.String()...)
	b = append(b, " msg="...)
	return append(b, msg...), true
}

func (h *lineHandler) appendEnd(b []byte) []byte {
	if h.json {
		b = append(b, '}')
	}
	return append(b, '\n')
}

func (h *lineHandler) appendAttr(b []byte, a slog.Attr) ([]byte, bool) {
	if !plain(a.Key) {
		return b, false
	}
	if h.json {
		b = append(append(append(b, `,"`...), a.Key...), `":`...)
	} else {
		b = append(append(append(b, ' '), a.Key...), '=')
	}
	v := a.Value
	switch v.Kind() {
	case slog.KindString:
		s := v.String()
		if !plain(s) {
			return b, false
		}
		if h.json {
			return append(append(append(b, '"'), s...), '"'), true
		}
		return append(b, s...), true
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10), true
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool()), true
	case slog.KindDuration:
		if h.json {
			return strconv.AppendInt(b, int64(v.Duration()), 10), true
		}
		return append(b, v.Duration().String()...), true
	}
	return b, false
}

// plain reports whether s is written as it is, unquoted in text and
// unescaped in JSON: not empty, and printable ASCII other than the space
// and the characters either format quotes or escapes.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return s != ""
}

var plainByte = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = c != '"' && c != '\\' && c != '='
	}
	return t
}()

// appendRFC3339Millis writes t as the text handler does: RFC 3339 with
// exactly three digits of the second's fraction, truncated. All but the
// milliseconds are formatted once a second (per zone): a busy server
// logs thousands of lines in each.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	sec, loc := t.Unix(), t.Location()
	s := lastSecond.Load()
	if s == nil || s.sec != sec || s.loc != loc {
		// Within one second and zone, only the milliseconds change: zones
		// change their offsets on whole seconds.
		line := formatRFC3339Millis(nil, t)
		const head = len("2006-01-02T15:04:05.")
		s = &secondText{sec: sec, loc: loc, head: line[:head], zone: line[head+3:]}
		lastSecond.Store(s)
	}
	ms := t.Nanosecond() / int(time.Millisecond)
	b = append(b, s.head...)
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, s.zone...)
}

// secondText is the text of a second's time, without its milliseconds.
type secondText struct {
	sec        int64
	loc        *time.Location
	head, zone []byte // "2006-01-02T15:04:05." and "Z07:00"
}

var lastSecond atomic.Pointer[secondText]

// formatRFC3339Millis is appendRFC3339Millis formatting it all.
func formatRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	// RFC3339Nano drops trailing zeros; adding a tenth of a millisecond
	// keeps four digits, of which the fourth is dropped.
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}
