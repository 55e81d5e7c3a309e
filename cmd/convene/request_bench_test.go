package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
)

// BenchmarkRequestPages measures the request board (page and API) and the
// demand dashboard as north-east's coordinator, with `seed --demo` at
// scale 1 and at scale 50: the figures should be about the same.
func BenchmarkRequestPages(b *testing.B) {
	for _, scale := range []int{1, 50} {
		b.Run(fmt.Sprintf("Scale%d", scale), func(b *testing.B) {
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
			coord, err := db.PersonByEmail(ctx, demo.DemoHubs()[0].Coordinator.Email)
			if err != nil {
				b.Fatal(err)
			}
			session, err := db.CreateSession(ctx, coord.ID, web.SessionPolicy)
			if err != nil {
				b.Fatal(err)
			}
			token, _, err := db.CreateAPIToken(ctx, coord.ID, "bench")
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range []struct{ name, path string }{
				{"Board", "/hubs/north-east/requests"},
				{"BoardSearch", "/hubs/north-east/requests?q=peer+workers&status=open"},
				{"BoardAPI", "/api/v1/hubs/north-east/requests"},
				{"Demand", "/api/v1/hubs/north-east/demand"},
				{"DemandPage", "/hubs/north-east/demand"},
			} {
				b.Run(p.name, func(b *testing.B) {
					client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
					for b.Loop() {
						req, _ := http.NewRequest(http.MethodGet, a.URL+p.path, nil)
						req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
						req.Header.Set("Authorization", "Bearer "+token)
						resp, err := client.Do(req)
						if err != nil {
							b.Fatal(err)
						}
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							b.Fatalf("GET %s: %d", p.path, resp.StatusCode)
						}
					}
				})
			}
		})
	}
}
