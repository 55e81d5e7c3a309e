package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// appendFeedKey reads exactly the keys the feeds' handlers make, and
// nothing from paths it cannot read with certainty.
func TestAppendFeedKey(t *testing.T) {
	const public, personal = "public, max-age=300", "private, max-age=300"
	long := "/calendar/" + strings.Repeat("t", 201) + ".ics"
	for _, c := range []struct{ target, key, cacheControl, secret string }{
		{"/hubs/north-east/calendar.ics", "hub:north-east", public, ""},
		{"/hubs/north-east/calendar.ics?x=1", "hub:north-east", public, ""},
		{"/hubs//calendar.ics", "", "", ""},
		{"/hubs/a/b/calendar.ics", "", "", ""},
		{"/hubs/north-east/calendar.ics/", "", "", ""},
		{"/hubs/north-east", "", "", ""},
		{"/hubs/north%2Deast/calendar.ics", "", "", ""},
		{"/hubs/north%20east/calendar.ics", "hub:north east", public, ""},
		{"/hubs/n%C3%A9/calendar.ics", "hub:né", public, ""},
		{"/hubs/calendar.ics", "", "", ""},
		{"/hubs/north-east/other.ics", "", "", ""},
		{"//hubs/north-east/calendar.ics", "", "", ""},
		{"/Hubs/north-east/calendar.ics", "", "", ""},
		{"/organisations/12/calendar.ics", "org:12", public, ""},
		{"/organisations/0/calendar.ics", "", "", ""},
		{"/organisations/-3/calendar.ics", "", "", ""},
		{"/organisations/+7/calendar.ics", "org:7", public, ""},
		{"/organisations/007/calendar.ics", "org:7", public, ""},
		{"/organisations/x/calendar.ics", "", "", ""},
		{"/organisations/99999999999999999999/calendar.ics", "", "", ""},
		{"/organisations//calendar.ics", "", "", ""},
		{"/series/5/calendar.ics", "series:5", public, ""},
		{"/series/05/calendar.ics", "series:5", public, ""},
		{"/series/0/calendar.ics", "", "", ""},
		{"/series/5/calendar.ics?hub=x", "series:5", public, ""},
		{"/topics/trauma/calendar.ics", "topic:trauma?hub=", public, ""},
		{"/topics/trauma/calendar.ics?hub=north-east", "topic:trauma?hub=north-east", public, ""},
		{"/topics/trauma/calendar.ics?hub=a&hub=b", "topic:trauma?hub=a", public, ""},
		{"/topics/trauma/calendar.ics?x=1", "topic:trauma?hub=", public, ""},
		{"/topics/trauma/calendar.ics?hub=", "topic:trauma?hub=", public, ""},
		{"/topics//calendar.ics", "", "", ""},
		{"/topics/trauma/calendar.ics?hub=n%20e", "topic:trauma?hub=n e", public, ""},
		{"/calendar/abc.ics", "me:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", personal, "abc"},
		{"/calendar/abc", "", "", ""},
		{"/calendar/.ics", "", "", ""},
		{"/calendar/abc.ics/", "", "", ""},
		{"/calendar/a/b.ics", "", "", ""},
		{"/calendar/", "", "", ""},
		{"/calendar", "", "", ""},
		{"/calendar/x.ics.ics", "me:db86f459913e534be452fc9368c2119321fce012347efe903e2d392069c9ad2a", personal, "x.ics"},
		{"/calendar/abc.ics?x=1", "me:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", personal, "abc"},
		{"/", "", "", ""},
		{"/hubs", "", "", ""},
		{"/events/1/event.ics", "", "", ""},
		{"/calendar/" + strings.Repeat("t", 200) + ".ics", "me:" + hexSHA256(strings.Repeat("t", 200)), personal, strings.Repeat("t", 200)},
		{long, "", "", ""},
	} {
		key, cacheControl, secret := appendFeedKey(nil, httptest.NewRequest(http.MethodGet, c.target, nil))
		cc := ""
		if len(cacheControl) == 1 {
			cc = cacheControl[0]
		}
		if string(key) != c.key || cc != c.cacheControl || secret != c.secret || (key == nil) != (c.key == "") {
			t.Errorf("%s: got %q, %q, %q, want %q, %q, %q", c.target, key, cc, secret, c.key, c.cacheControl, c.secret)
		}
	}
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// sameDay agrees with comparing the formatted UTC date, at the edges of the
// day and in other zones.
func TestFeedEntrySameDay(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	midnight := time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)
	// Rendered on 29 March UTC, whatever the zone of the time it was given.
	for _, rendered := range []time.Time{midnight, time.Date(2026, 3, 29, 23, 30, 0, 0, london), time.Date(2026, 3, 28, 14, 0, 0, 0, time.FixedZone("", -11*3600))} {
		e := newFeedEntry(1, rendered, []byte("x"), time.Time{})
		for _, d := range []time.Duration{-time.Nanosecond, 0, time.Nanosecond, time.Hour, 24*time.Hour - time.Nanosecond, 24 * time.Hour, 48 * time.Hour} {
			for _, tm := range []time.Time{midnight.Add(d), midnight.Add(d).In(london), midnight.Add(d).In(time.FixedZone("", -11*3600))} {
				if got, want := e.sameDay(tm), tm.UTC().Format(time.DateOnly) == "2026-03-29"; got != want {
					t.Errorf("rendered %v, at %v: sameDay %v, want %v", rendered, tm, got, want)
				}
			}
		}
	}
	if newFeedEntry(0, time.Time{}, []byte("x"), time.Time{}).sameDay(time.Unix(0, 0)) {
		t.Error("an entry rendered for no day matched a time")
	}
}

// acceptsGzip reads Accept-Encoding as it always has.
func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0", false},
		{"gzip;q=0.0", false},
		{"gzip;q=0.000", false},
		{"gzip;q=0.0000", true},
		{"gzip;q=0.5", true},
		{"deflate, gzip", true},
		{"deflate,gzip;q=0", false},
		{"br, gzip ;q=0", false},
		{" gzip , br", true},
		{"x-gzip", false},
		{"gzip2", false},
		{"*", false},
		{"identity", false},
		{"gzip;q=1, gzip;q=0", true},
		{"gzip;q=0, gzip", false},
		{",,gzip", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"gzip;level=1;q=0", true},
		{"gzip ; q = 0", false},
		{"gzip;Q=0", true},
		{"\tgzip\t", true},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if c.header != "" {
			r.Header.Set("Accept-Encoding", c.header)
		}
		if got := acceptsGzip(r); got != c.want {
			t.Errorf("Accept-Encoding %q: got %v, want %v", c.header, got, c.want)
		}
	}
}

// BenchmarkNotModifiedHandler measures the 304 path alone
// (notModifiedFeeds): Convene's own work for a poll, without the network
// and net/http, which a static server pays too. Its log goes to a file, as
// in production. Allocations per op are the path's own.
func BenchmarkNotModifiedHandler(b *testing.B) {
	s, e := serverWithCachedFeed(b)
	h := s.notModifiedFeeds(http.NotFoundHandler())
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodGet, "/hubs/north-east/calendar.ics", nil)
		req.Header.Set("If-None-Match", e.etag)
		w := &statusWriter{header: http.Header{}}
		for pb.Next() {
			clear(w.header)
			h.ServeHTTP(w, req)
			if w.status != http.StatusNotModified {
				b.Fatalf("got %d, want 304", w.status)
			}
		}
	})
}

// serverWithCachedFeed is a Server whose feed cache holds a current copy
// of the north-east hub's feed, logging to a file as in production.
func serverWithCachedFeed(tb testing.TB) (*Server, *feedEntry) {
	tb.Helper()
	db := pgtest.New(tb)
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	logFile, err := os.Create(filepath.Join(tb.TempDir(), "log"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { logFile.Close() })
	log := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))
	s := &Server{DB: db, Log: log}
	s.feeds.start(ctx, db, log)
	n, listening := s.feeds.Changes.Known()
	for deadline := time.Now().Add(10 * time.Second); !listening; n, listening = s.feeds.Changes.Known() {
		if time.Now().After(deadline) {
			tb.Fatal("calendar change listener did not connect")
		}
		time.Sleep(10 * time.Millisecond)
	}
	e := newFeedEntry(n, time.Now(), []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), time.Now())
	s.feeds.put("hub:north-east", e)
	return s, e
}

// The fast path answers a poll without a body, and passes on one with a
// body (whose reading only the next handler bounds).
func TestNotModifiedFeedsLeavesBodies(t *testing.T) {
	s, e := serverWithCachedFeed(t)
	passed := 0
	h := s.notModifiedFeeds(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { passed++ }))
	for _, tc := range []struct {
		name    string
		body    string
		chunked bool
		want    int // passed on
	}{
		{"no body", "", false, 0},
		{"body", "x", false, 1},
		{"chunked body", "x", true, 1},
	} {
		passed = 0
		req := httptest.NewRequest(http.MethodGet, "/hubs/north-east/calendar.ics", strings.NewReader(tc.body))
		if tc.chunked {
			req.ContentLength = -1
			req.TransferEncoding = []string{"chunked"}
		}
		req.Header.Set("If-None-Match", e.etag)
		w := &statusWriter{header: http.Header{}}
		h.ServeHTTP(w, req)
		if passed != tc.want {
			t.Errorf("%s: passed on %d times, want %d (status %d)", tc.name, passed, tc.want, w.status)
		}
		if tc.want == 0 && w.status != http.StatusNotModified {
			t.Errorf("%s: status %d, want 304", tc.name, w.status)
		}
	}
}

// A client that sends a body slowly is cut off when the body's time is
// up, though the server itself sets no ReadTimeout.
func TestSlowBodyTimesOut(t *testing.T) {
	readErr := make(chan error, 1)
	h := withBodyDeadline(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		readErr <- err
	}), 300*time.Millisecond)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(h, timeouts{header: 5 * time.Second, body: 300 * time.Millisecond, write: 5 * time.Second, idle: 5 * time.Second})
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	if _, err := io.WriteString(conn, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-readErr:
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			t.Fatalf("reading the body ended with %v, want a timeout", err)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("the body's read timed out after %v, want about 300ms", took)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the handler is still reading the body after 10s")
	}
}

// statusWriter is a ResponseWriter that keeps only the status and headers.
type statusWriter struct {
	header http.Header
	status int
}

func (w *statusWriter) Header() http.Header         { return w.header }
func (w *statusWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *statusWriter) WriteHeader(status int)      { w.status = status }
