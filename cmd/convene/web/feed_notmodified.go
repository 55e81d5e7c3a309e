package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// notModifiedFeeds answers a conditional GET or HEAD of a feed that the
// client holds already, before Echo and its middleware: calendars poll
// every half hour or so and mostly hear 304, so that answer should cost
// as little as a static file's. It answers only when the feed's rendered
// copy is current (no change since, by LISTEN/NOTIFY, and the same day)
// and the client's validator matches it, exactly as ServeFeed would; every
// other request, any path it does not read with certainty, and a request
// with a body (whose reading withBodyDeadline bounds) go on to next
// unchanged. The 304 carries what sendFeed's does: what RFC 9110 (15.4.5)
// asks of it (ETag, Cache-Control, Vary; Date, net/http's) and the
// Last-Modified that a client polling with If-Modified-Since alone keeps
// for its next request; the security headers of the stored 200 stay in
// force.
// Like every request, it is logged with its request id.
//
// It runs for every poll, so it allocates little: the cache key is built
// on the stack, the header values are made once per feed (prepare), and
// the day is compared as a number.
func (s *Server) notModifiedFeeds(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.ContentLength != 0 || r.TransferEncoding != nil ||
			(headerValue(r.Header, "If-None-Match") == "" && headerValue(r.Header, "If-Modified-Since") == "") {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		var buf [128]byte
		key, cacheControl, secret := appendFeedKey(buf[:0], r)
		n, listening := s.feeds.Changes.Known()
		if key == nil || !listening {
			next.ServeHTTP(w, r)
			return
		}
		e := s.feeds.get(key)
		if e == nil || e.changes != n || !e.sameDay(start) || !notModified(r, e) {
			next.ServeHTTP(w, r)
			return
		}
		id := newRequestID()
		h := w.Header()
		etag := e.etagValue
		if acceptsGzip(r) {
			etag = e.gzETagValue
		}
		// Shared values, never changed in place: net/http only reads them
		// (and WriteHeader copies the map).
		h["X-Request-Id"] = []string{id}
		h["Cache-Control"] = cacheControl
		h["Etag"] = etag
		h["Last-Modified"] = e.lastModValue
		h["Vary"] = varyAcceptEncoding
		w.WriteHeader(http.StatusNotModified)
		path := r.URL.Path
		if secret != "" {
			path = strings.ReplaceAll(path, secret, "[redacted]")
		}
		s.logNotModified(r, path, start, id)
	})
}

// logNotModified writes the line logRequests writes for a request, for a
// 304 answered here (no query was made). It reads only the monotonic clock
// for the duration, the line's time being start plus it.
func (s *Server) logNotModified(r *http.Request, path string, start time.Time, id string) {
	d := time.Since(start)
	logRequest(r.Context(), s.Log.Handler(), start.Add(d), slog.LevelInfo, r.Method, path, http.StatusNotModified, d, 0, id)
}

// logRequest writes a request's line to h, at level, if h takes it: the
// one way requests are logged (logRequests for those Echo answers,
// logNotModified for a poll's 304). It hands the line to the handler
// itself rather than through Logger.LogAttrs, which would look up the
// caller's program counter for a source no handler here prints (none sets
// AddSource), and at INFO without a slog.Record when the handler is a
// RequestLogger (Convene's is).
func logRequest(ctx context.Context, h slog.Handler, t time.Time, level slog.Level, method, path string, status int, d time.Duration, queries int64, id string) {
	if !h.Enabled(ctx, level) {
		return
	}
	if rl, ok := h.(RequestLogger); ok && level == slog.LevelInfo {
		rl.LogRequest(ctx, t, method, path, status, d, queries, id)
		return
	}
	_ = h.Handle(ctx, RequestRecord(t, level, method, path, status, d, queries, id))
}

// RequestRecord is the record of a request's log line, the one
// definition of it, at any level.
func RequestRecord(t time.Time, level slog.Level, method, path string, status int, d time.Duration, queries int64, id string) slog.Record {
	r := slog.NewRecord(t, level, "request", 0)
	r.AddAttrs(slog.String("method", method), slog.String("path", path), slog.Int("status", status),
		slog.Duration("duration", d), slog.Int64("queries", queries), slog.String("request_id", id))
	return r
}

// RequestLogger is a slog.Handler that writes a request's line at INFO
// without a slog.Record, the same line it would write for RequestRecord's.
// Like Handle, LogRequest leaves checking Enabled to its caller. The
// logger of package main is one.
type RequestLogger interface {
	LogRequest(ctx context.Context, t time.Time, method, path string, status int, d time.Duration, queries int64, id string)
}

// Header values of feed answers, shared by all of them.
var (
	publicFeedCacheValue   = []string{PublicFeedCache}
	personalFeedCacheValue = []string{PersonalFeedCache}
	varyAcceptEncoding     = []string{"Accept-Encoding"}
)

// headerValue is h.Get(key) for a key in canonical form (as net/http
// stores those of requests), without canonicalising it again.
func headerValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// appendFeedKey reads a feed's cache key from r as the feed's handler
// makes it (see FeedRoutes), appending it to dst, with the feed's
// Cache-Control and, for a personal feed, the secret to keep out of the
// log. It gives a nil key for anything it cannot read with certainty
// (escaped paths, other routes), which then takes the ordinary way.
func appendFeedKey(dst []byte, r *http.Request) (key []byte, cacheControl []string, secret string) {
	if r.URL.RawPath != "" {
		return nil, nil, ""
	}
	kind, rest, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if !ok {
		return nil, nil, ""
	}
	if kind == "calendar" { // /calendar/<token>.ics
		token, ok := strings.CutSuffix(rest, ".ics")
		if !ok || token == "" || len(token) > 200 || strings.Contains(rest, "/") {
			return nil, nil, ""
		}
		sum := sha256.Sum256([]byte(token))
		return hex.AppendEncode(append(dst, "me:"...), sum[:]), personalFeedCacheValue, token
	}
	// /<kind>/<name>/calendar.ics
	name, file, ok := strings.Cut(rest, "/")
	if !ok || file != "calendar.ics" {
		return nil, nil, ""
	}
	switch kind {
	case "hubs":
		if name != "" {
			return append(append(dst, "hub:"...), name...), publicFeedCacheValue, ""
		}
	case "organisations", "series":
		if id, err := strconv.ParseInt(name, 10, 64); err == nil && id > 0 {
			prefix := "org:"
			if kind == "series" {
				prefix = "series:"
			}
			return strconv.AppendInt(append(dst, prefix...), id, 10), publicFeedCacheValue, ""
		}
	case "topics":
		if name != "" {
			hubSlug := ""
			if r.URL.RawQuery != "" {
				hubSlug = r.URL.Query().Get("hub")
			}
			return append(append(append(append(dst, "topic:"...), name...), "?hub="...), hubSlug...), publicFeedCacheValue, ""
		}
	}
	return nil, nil, ""
}
