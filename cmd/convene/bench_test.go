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

// BenchmarkPages measures pages and the events API on a database seeded
// with `seed --demo --scale 50` (150 hubs, about 6,000 events and 97,000
// registrations).
func BenchmarkPages(b *testing.B) {
	a := MustStart(b, withEnv("CONVENE_LOG_LEVEL", "warn"))
	ctx := context.Background()
	db, err := storage.Open(ctx, a.DSN)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	report, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: 50, Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d hubs, %d events, %d registrations in %v", report.Hubs, report.Events, report.Registrations, time.Since(start).Round(time.Millisecond))
	// The busiest upcoming public event of one hub.
	var event int64
	err = pgtest.SQL(db).GetContext(ctx, &event, `
		SELECT e.id FROM events e JOIN hubs h ON h.id = e.hub_id
		WHERE h.slug = 'north-east' AND e.status = 'published' AND e.visibility = 'public' AND e.starts_at > now()
		ORDER BY (SELECT count(*) FROM registrations r WHERE r.event_id = e.id) DESC LIMIT 1`)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range []struct{ name, path string }{
		{"HubEvents", "/hubs/north-east/events"},
		{"HubPastEventsByTopic", "/hubs/north-east/events?when=past&topic=peer-support-delivery"},
		{"HubMonth", "/hubs/north-east/events/month"},
		{"EventPage", "/events/" + itoa(event)},
		{"HubPage", "/hubs/north-east"},
		{"EventsAPI", "/api/v1/hubs/north-east/events"},
	} {
		b.Run(p.name, func(b *testing.B) { benchGet(b, a, p.path) })
	}
}

func benchGet(b *testing.B, a *app, path string) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for b.Loop() {
		resp, err := client.Get(a.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
	}
}

// BenchmarkScale compares the pages that must stay flat as hubs grow — the
// home page and past events filtered by topic — on databases seeded at
// scale 1 and scale 50: the ratio of the two is the figure to watch
// (at least 0.8), not either time alone.
func BenchmarkScale(b *testing.B) {
	for _, scale := range []int{1, 50} {
		b.Run("Scale"+itoa(int64(scale)), func(b *testing.B) {
			a := MustStart(b, withEnv("CONVENE_LOG_LEVEL", "warn"))
			ctx := context.Background()
			db, err := storage.Open(ctx, a.DSN)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := demo.Seed(ctx, db, demo.SeedOptions{Scale: scale, Now: time.Now()}); err != nil {
				b.Fatal(err)
			}
			b.Run("Home", func(b *testing.B) { benchGet(b, a, "/") })
			b.Run("PastByTopic", func(b *testing.B) {
				benchGet(b, a, "/hubs/north-east/events?when=past&topic=peer-support-delivery")
			})
		})
	}
}
