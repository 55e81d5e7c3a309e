package main

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
	"github.com/convene/convene/storage/pgtest"
)

// benchFeedGrow copies each public published event of north-east (with its
// agenda and topics) sixteen times, 11 days apart: a hub feed of about 550
// events, 700 kB.
const benchFeedGrow = `
DO $$
DECLARE src record; k int; nid bigint;
BEGIN
  FOR k IN 1..16 LOOP
    FOR src IN SELECT e.* FROM events e JOIN hubs h ON h.id = e.hub_id
               WHERE h.slug = 'north-east' AND e.status = 'published' AND e.visibility = 'public' AND e.title NOT LIKE '%)' LOOP
      INSERT INTO events (hub_id, title, summary, starts_at, ends_at, format, venue, host_organisation_id, online_url, capacity, visibility, status, audiences)
      VALUES (src.hub_id, src.title || ' (' || k || ')', src.summary, src.starts_at + make_interval(days => k*11), src.ends_at + make_interval(days => k*11),
              src.format, src.venue, src.host_organisation_id, src.online_url, src.capacity, 'public', 'published', src.audiences)
      RETURNING id INTO nid;
      INSERT INTO agenda_items (event_id, position, starts_at, ends_at, title, kind, topic_id, presenter_organisation_id, presenter_name)
      SELECT nid, a.position, a.starts_at + make_interval(days => k*11), a.ends_at + make_interval(days => k*11), a.title, a.kind, a.topic_id,
             a.presenter_organisation_id, a.presenter_name
      FROM agenda_items a WHERE a.event_id = src.id;
      INSERT INTO event_topics SELECT nid, topic_id FROM event_topics WHERE event_id = src.id;
    END LOOP;
  END LOOP;
END $$`

// BenchmarkFeed measures a hub feed of about 550 events over HTTP, as
// calendars poll it: the full body, gzipped, and 304 to If-None-Match,
// also with a browser's session cookie. Profile the server with
// go test ./cmd/convene -run '^$' -bench BenchmarkFeed -cpuprofile cpu.out
// (Convene runs inside the test process). Side by side with nginx, see
// the README ("Calendar feeds").
func BenchmarkFeed(b *testing.B) {
	a := MustStart(b, withEnv("CONVENE_LOG_LEVEL", "info"))
	ctx := context.Background()
	db, err := storage.Open(ctx, a.DSN)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: 1, Now: time.Now()}); err != nil {
		b.Fatal(err)
	}
	if _, err := pgtest.SQL(db).ExecContext(ctx, benchFeedGrow); err != nil {
		b.Fatal(err)
	}
	path := a.URL + "/hubs/north-east/calendar.ics"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true}}
	get := func(b *testing.B, header ...string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	etag := get(b).Header.Get("ETag")
	for _, bc := range []struct {
		name   string
		header []string
		want   int
	}{
		{"Full", nil, http.StatusOK},
		{"FullGzip", []string{"Accept-Encoding", "gzip"}, http.StatusOK},
		{"NotModified", []string{"If-None-Match", etag}, http.StatusNotModified},
		{"NotModifiedWithCookie", []string{"If-None-Match", etag, "Cookie", "convene_session=stale"}, http.StatusNotModified},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if resp := get(b, bc.header...); resp.StatusCode != bc.want {
						b.Errorf("got %d, want %d", resp.StatusCode, bc.want)
					}
				}
			})
		})
	}
}
