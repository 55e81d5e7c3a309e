package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/storage"
)

// Calendar feeds are polled by every subscriber's calendar every half hour
// or so, so each one is rendered once per change and then served from
// memory. A rendered feed is kept under the count of committed changes
// (storage.CalendarChanges, which learns of changes from any instance by
// NOTIFY) and the day (feeds drop events as they age); while neither
// moves, a request costs no query. The copy also stays as the last good
// one: when the database cannot be reached, it is served rather than an
// error, because Thunderbird disables a calendar after an error.

// feedCacheBytes bounds the memory the rendered feeds take.
const feedCacheBytes = 64 << 20

// feedCache is the server's calendar state.
type feedCache struct {
	Changes *storage.CalendarChanges

	mu      sync.Mutex
	uidHost string
	entries map[string]*feedEntry
	size    int
}

// feedEntry is one rendered feed.
type feedEntry struct {
	changes int64
	body    []byte
	gz      []byte
	etag    string // strong, of the body; etag+"-gz" for the gzipped body
	lastMod time.Time

	// Made once by prepare, so that answering, 304 above all, formats
	// nothing. The slices are header values shared by every answer, never
	// changed in place.
	gzETag, lastModHeader, length, gzLength string
	etagValue, gzETagValue, lastModValue    []string

	// The UTC day it was rendered on, in Unix seconds [dayFrom, dayTo):
	// feeds leave out events by date, so a copy serves only that day.
	dayFrom, dayTo int64
}

// start begins following changes until ctx ends.
func (cf *feedCache) start(ctx context.Context, db *storage.DB, log *slog.Logger) {
	cf.Changes = db.WatchCalendarChanges(ctx, log)
	cf.entries = map[string]*feedEntry{}
}

// FeedHost is the right-hand side of calendar UIDs: the deployment's
// identifier, read once.
func (s *Server) FeedHost(ctx context.Context) (string, error) { return s.feeds.host(ctx, s.DB) }

func (cf *feedCache) host(ctx context.Context, db *storage.DB) (string, error) {
	cf.mu.Lock()
	h := cf.uidHost
	cf.mu.Unlock()
	if h != "" {
		return h, nil
	}
	h, err := db.DeploymentID(ctx)
	if err != nil {
		return "", err
	}
	cf.mu.Lock()
	cf.uidHost = h
	cf.mu.Unlock()
	return h, nil
}

// get looks up key, made in bytes without allocating (as appendFeedKey
// makes it).
func (cf *feedCache) get(key []byte) *feedEntry {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	return cf.entries[string(key)]
}

// put stores a rendered feed, dropping others when over budget. A body
// that differs from the last one with no later event change still gets
// a later Last-Modified, so If-Modified-Since never hides a change (an
// event leaving a feed changes no event's time).
func (cf *feedCache) put(key string, e *feedEntry) {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	if old := cf.entries[key]; old != nil {
		if old.etag == e.etag {
			e.lastMod = old.lastMod
		} else if !e.lastMod.After(old.lastMod) {
			e.lastMod = time.Now().UTC().Truncate(time.Second)
		}
		cf.size -= len(old.body) + len(old.gz)
		delete(cf.entries, key)
	}
	for k, other := range cf.entries {
		if cf.size+len(e.body)+len(e.gz) <= feedCacheBytes {
			break
		}
		cf.size -= len(other.body) + len(other.gz)
		delete(cf.entries, k)
	}
	e.prepare()
	cf.entries[key] = e
	cf.size += len(e.body) + len(e.gz)
}

// newFeedEntry tags and compresses a feed rendered at the time rendered,
// zero for one that is not kept (and so serves no day).
func newFeedEntry(changes int64, rendered time.Time, body []byte, lastMod time.Time) *feedEntry {
	sum := sha256.Sum256(body)
	e := &feedEntry{changes: changes, body: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
	if !rendered.IsZero() {
		day := rendered.Truncate(24 * time.Hour) // midnight UTC: the zero time is one
		e.dayFrom, e.dayTo = day.Unix(), day.Add(24*time.Hour).Unix()
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	_, _ = w.Write(body)
	_ = w.Close()
	e.gz = gz.Bytes()
	if lastMod.IsZero() {
		lastMod = time.Now()
	}
	e.lastMod = lastMod.UTC().Truncate(time.Second)
	e.prepare()
	return e
}

// prepare makes the header values of e once, after lastMod is settled.
func (e *feedEntry) prepare() {
	e.gzETag = strings.TrimSuffix(e.etag, `"`) + `-gz"`
	e.lastModHeader = e.lastMod.Format(http.TimeFormat)
	e.length, e.gzLength = strconv.Itoa(len(e.body)), strconv.Itoa(len(e.gz))
	e.etagValue, e.gzETagValue, e.lastModValue = []string{e.etag}, []string{e.gzETag}, []string{e.lastModHeader}
}

// sameDay reports whether t falls on the UTC day e was rendered on.
func (e *feedEntry) sameDay(t time.Time) bool {
	sec := t.Unix()
	return e.dayFrom <= sec && sec < e.dayTo
}

// Rendered is a feed as built: its bytes and the latest change of what it
// shows.
type Rendered struct {
	Body    []byte
	LastMod time.Time
}

// ServeFeed answers a feed request from the cache, rendering with build
// when what the feed shows may have changed, and falling back to the last
// good copy when the database cannot be reached. The cache key and
// Cache-Control are read from the request's path and query by
// appendFeedKey, the same reading as the 304 fast path's, so build must
// depend on nothing else; a request it cannot read with certainty is
// rendered and answered without the cache.
func (s *Server) ServeFeed(c echo.Context, build func(ctx context.Context) (Rendered, error)) error {
	ctx := c.Request().Context()
	var buf [128]byte
	k, cc, _ := appendFeedKey(buf[:0], c.Request())
	if k == nil {
		r, err := build(ctx)
		if err != nil {
			return err
		}
		return sendFeed(c, newFeedEntry(0, time.Time{}, r.Body, r.LastMod), "private, no-cache")
	}
	cacheControl := cc[0]
	now := time.Now()
	n, err := s.feeds.Changes.Current(ctx)
	if err == nil {
		if e := s.feeds.get(k); e != nil && e.changes == n && e.sameDay(now) {
			return sendFeed(c, e, cacheControl)
		}
		var r Rendered
		if r, err = build(ctx); err == nil {
			e := newFeedEntry(n, now, r.Body, r.LastMod)
			s.feeds.put(string(k), e)
			return sendFeed(c, e, cacheControl)
		}
	}
	if storage.IsUnavailable(err) {
		if e := s.feeds.get(k); e != nil {
			s.outage.begin(err, requestStart(c))
			return sendFeed(c, e, cacheControl)
		}
	}
	return err
}

// sendFeed answers with e, or 304 when the client holds it already.
func sendFeed(c echo.Context, e *feedEntry, cacheControl string) error {
	req, h := c.Request(), c.Response().Header()
	gz := acceptsGzip(req)
	etag, body, length := e.etagValue, e.body, e.length
	if gz {
		etag, body, length = e.gzETagValue, e.gz, e.gzLength
	}
	// Header values are set directly: the names are canonical already.
	h["Cache-Control"] = []string{cacheControl}
	h["Etag"] = etag
	h["Last-Modified"] = e.lastModValue
	h["Vary"] = append(h["Vary"], "Accept-Encoding")
	if notModified(req, e) {
		return c.NoContent(http.StatusNotModified)
	}
	if gz {
		h["Content-Encoding"] = []string{"gzip"}
	}
	// With its length given, the body goes out in one piece rather than
	// chunked.
	h["Content-Length"] = []string{length}
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}

// notModified applies If-None-Match (either encoding's tag matches) or,
// without it, If-Modified-Since.
func notModified(req *http.Request, e *feedEntry) bool {
	if inm := headerValue(req.Header, "If-None-Match"); inm != "" {
		plain := strings.Trim(e.etag, `"`)
		for rest := inm; rest != ""; {
			var tag string
			tag, rest, _ = strings.Cut(rest, ",")
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || strings.TrimSuffix(strings.Trim(tag, `"`), "-gz") == plain {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(headerValue(req.Header, "If-Modified-Since")); err == nil {
		return !e.lastMod.After(ims)
	}
	return false
}

// acceptsGzip reports whether the client takes gzip (and did not refuse
// it with q=0), by the first gzip in Accept-Encoding. It allocates nothing
// for usual values: it runs for every poll.
func acceptsGzip(req *http.Request) bool {
	for rest, more := headerValue(req.Header, "Accept-Encoding"), true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ",")
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// Cache-Control of the feeds: public ones may be kept by shared caches for
// a few minutes; a personal one is private, and its URL is a credential.
const (
	PublicFeedCache   = "public, max-age=300"
	PersonalFeedCache = "private, max-age=300"
)
