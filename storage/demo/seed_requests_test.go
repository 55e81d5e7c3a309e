package demo_test

import (
	"context"
	"testing"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
	"github.com/convene/convene/storage/pgtest"
)

// TestSeedDemoRequests: every demo hub has 20–40 requests across all
// statuses and topics, with supports and offers, some on its events'
// agendas; only the Yorkshire and Humber hub's agenda balance is flagged.
func TestSeedDemoRequests(t *testing.T) {
	db := pgtest.New(t)
	MustSeedDemo(t, db, 1)
	ctx := context.Background()
	admin, err := db.PersonByEmail(ctx, demo.DemoAdmin().Email)
	if err != nil {
		t.Fatal(err)
	}
	actor, err := db.ActorByID(ctx, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, dh := range demo.DemoHubs() {
		t.Run(dh.Slug, func(t *testing.T) {
			in := `FROM topic_requests r JOIN hubs h ON h.id = r.hub_id WHERE h.slug = $1`
			if n := MustCount(t, db, `SELECT count(*) `+in, dh.Slug); n < 20 || n > 40 {
				t.Errorf("%d requests", n)
			}
			if n := MustCount(t, db, `SELECT count(DISTINCT r.status) `+in, dh.Slug); n != 7 {
				t.Errorf("%d statuses", n)
			}
			if n := MustCount(t, db, `SELECT count(DISTINCT r.topic_id) `+in, dh.Slug); n != 7 {
				t.Errorf("%d topics", n)
			}
			if n := MustCount(t, db, `SELECT count(*) FROM request_supports s JOIN topic_requests r ON r.id = s.request_id JOIN hubs h ON h.id = r.hub_id WHERE h.slug = $1`, dh.Slug); n == 0 {
				t.Error("no supports")
			}
			if n := MustCount(t, db, `SELECT count(*) FROM request_offers s JOIN topic_requests r ON r.id = s.request_id JOIN hubs h ON h.id = r.hub_id WHERE h.slug = $1`, dh.Slug); n == 0 {
				t.Error("no offers")
			}
			if n := MustCount(t, db, `SELECT count(*) FROM agenda_items a JOIN topic_requests r ON r.id = a.request_id JOIN hubs h ON h.id = r.hub_id WHERE h.slug = $1`, dh.Slug); n < 4 {
				t.Errorf("%d requests on agendas", n)
			}
			d, err := db.HubDemand(ctx, actor, storage.DemandQuery{HubSlug: dh.Slug, Now: seedNow})
			if err != nil {
				t.Fatal(err)
			}
			flagged := d.Presenters.Concentrated || d.Requesters.Concentrated
			if want := dh.Slug == "yorkshire-humber"; flagged != want {
				t.Errorf("balance flagged %v, want %v: presenters %s; requesters %s", flagged, want,
					d.Presenters.Explain("agenda items"), d.Requesters.Explain("scheduled requests"))
			}
			t.Logf("fulfilment %.2f, median %.0f days; %s", d.FulfilmentRate, d.MedianDays, d.Presenters.Explain("agenda items"))
		})
	}
}
