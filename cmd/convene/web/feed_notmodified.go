package web

import (
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
// other request, and any path it does not read with certainty, goes on to
// next unchanged. The 304 carries the validators and Cache-Control (RFC
// 9110, 15.4.5); the security headers of the stored 200 stay in force.
// Like every request, it is logged with its request id.
func (s *Server) notModifiedFeeds(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
			(r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == "") {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		key, cacheControl, secret := feedKeyOf(r)
		n, listening := s.FeedCache.Changes.Known()
		if key == "" || !listening {
			next.ServeHTTP(w, r)
			return
		}
		e := s.FeedCache.get(key)
		if e == nil || e.changes != n || e.day != start.UTC().Format(time.DateOnly) || !notModified(r, e) {
			next.ServeHTTP(w, r)
			return
		}
		id := newRequestID()
		h := w.Header()
		etag := e.etag
		if acceptsGzip(r) {
			etag = e.gzETag
		}
		h["X-Request-Id"] = []string{id}
		h["Cache-Control"] = []string{cacheControl}
		h["Etag"] = []string{etag}
		h["Last-Modified"] = []string{e.lastModHeader}
		h["Vary"] = []string{"Accept-Encoding"}
		w.WriteHeader(http.StatusNotModified)
		path := r.URL.Path
		if secret != "" {
			path = strings.ReplaceAll(path, secret, "[redacted]")
		}
		s.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", path), slog.Int("status", http.StatusNotModified),
			slog.Duration("duration", time.Since(start)), slog.Int64("queries", 0), slog.String("request_id", id))
	})
}

// feedKeyOf reads a feed's cache key from r as the feed's handler makes it
// (see FeedRoutes), with its Cache-Control and, for a personal feed, the
// secret to keep out of the log. It gives "" for anything it cannot read
// with certainty (escaped paths, other routes), which then takes the
// ordinary way.
func feedKeyOf(r *http.Request) (key, cacheControl, secret string) {
	if r.URL.RawPath != "" {
		return "", "", ""
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 3 && parts[0] == "hubs" && parts[2] == "calendar.ics" && parts[1] != "":
		return "hub:" + parts[1], PublicFeedCache, ""
	case len(parts) == 3 && parts[0] == "organisations" && parts[2] == "calendar.ics":
		if id, err := strconv.ParseInt(parts[1], 10, 64); err == nil && id > 0 {
			return "org:" + FormatID(id), PublicFeedCache, ""
		}
	case len(parts) == 3 && parts[0] == "series" && parts[2] == "calendar.ics":
		if id, err := strconv.ParseInt(parts[1], 10, 64); err == nil && id > 0 {
			return "series:" + FormatID(id), PublicFeedCache, ""
		}
	case len(parts) == 3 && parts[0] == "topics" && parts[2] == "calendar.ics" && parts[1] != "":
		hubSlug := ""
		if r.URL.RawQuery != "" {
			hubSlug = r.URL.Query().Get("hub")
		}
		return "topic:" + parts[1] + "?hub=" + hubSlug, PublicFeedCache, ""
	case len(parts) == 2 && parts[0] == "calendar":
		token, ok := strings.CutSuffix(parts[1], ".ics")
		if !ok || token == "" || len(token) > 200 {
			return "", "", ""
		}
		sum := sha256.Sum256([]byte(token))
		return "me:" + hex.EncodeToString(sum[:]), PersonalFeedCache, token
	}
	return "", "", ""
}
