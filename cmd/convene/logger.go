package main

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// newLogger writes lines as log/slog's text handler does, or its JSON
// handler when cfg.LogFormat is "json", at cfg.LogLevel and above.
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	lw := &lockedWriter{w: w}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(&lineHandler{Handler: slog.NewJSONHandler(lw, opts), w: lw, json: true})
	}
	return slog.New(&lineHandler{Handler: slog.NewTextHandler(lw, opts), w: lw})
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
	w    *lockedWriter
	json bool
}

// lockedWriter serialises the lines of a lineHandler and of the standard
// handler beneath it, which write to the same place.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (h *lineHandler) Handle(ctx context.Context, r slog.Record) error {
	buf := lineBuffers.Get().(*[]byte)
	defer lineBuffers.Put(buf)
	line, ok := h.appendLine((*buf)[:0], r)
	if !ok {
		return h.Handler.Handle(ctx, r)
	}
	*buf = line
	_, err := h.w.Write(line)
	return err
}

// appendLine appends r's line to b, or reports false when r is not one
// it formats exactly as the handler beneath would.
func (h *lineHandler) appendLine(b []byte, r slog.Record) ([]byte, bool) {
	if r.Time.IsZero() || r.Time.Year() < 1000 || r.Time.Year() > 9999 || !plain(r.Message) {
		return b, false
	}
	t := r.Time.Round(0)
	if h.json {
		b = append(b, `{"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","level":"`...)
		b = append(b, r.Level.String()...)
		b = append(b, `","msg":"`...)
		b = append(b, r.Message...)
		b = append(b, '"')
	} else {
		b = appendRFC3339Millis(append(b, "time="...), t)
		b = append(b, " level="...)
		b = append(b, r.Level.String()...)
		b = append(b, " msg="...)
		b = append(b, r.Message...)
	}
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		b, ok = h.appendAttr(b, a)
		return ok
	})
	if !ok {
		return b, false
	}
	if h.json {
		b = append(b, '}')
	}
	return append(b, '\n'), true
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
// exactly three digits of the second's fraction, truncated.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	// RFC3339Nano drops trailing zeros; adding a tenth of a millisecond
	// keeps four digits, of which the fourth is dropped.
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}
