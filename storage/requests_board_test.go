package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// TestRankingAgrees: the board's SQL ranking orders requests as
// hub.SortRanked does, with the same scores.
func TestRankingAgrees(t *testing.T) {
	w := MustRequestWorld(t)
	ctx := context.Background()
	now := time.Now()
	titles := []string{"alpha rotas", "beta supervision", "gamma funding bids", "delta boundaries", "epsilon trauma"}
	var ids []int64
	for i, title := range titles {
		r := w.MustSubmit(t, title)
		ids = append(ids, r.ID)
		// Spread their ages: 0, 3, 6, 9 and 30 weeks.
		weeks := []int{0, 3, 6, 9, 30}[i]
		if _, err := pgtest.SQL(w.db).Exec(`UPDATE topic_requests SET created_at = $2 WHERE id = $1`, r.ID, now.Add(-time.Duration(weeks)*7*24*time.Hour-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.db.SupportRequest(ctx, w.BackerP, storage.NewSupport{RequestID: ids[0], OrganisationID: w.Backer.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.OfferToDeliver(ctx, w.BackerP, storage.NewOffer{RequestID: ids[1], OrganisationID: w.Backer.ID, Details: "We run it", Format: hub.FormatTalk}); err != nil {
		t.Fatal(err)
	}
	b, err := w.db.RequestBoard(ctx, w.AskerP, storage.BoardQuery{HubSlug: w.Hub.Slug, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if b.Total != len(titles) {
		t.Fatalf("total %d", b.Total)
	}
	ranked := make([]hub.Ranked, len(b.Items))
	for i, it := range b.Items {
		ranked[i] = hub.Ranked{ID: it.ID, RankInput: hub.RankInput{Supporters: it.Supporters, Offers: it.Offers, CreatedAt: it.CreatedAt}}
		if want := hub.RankScore(ranked[i].RankInput, now); it.Score != want {
			t.Errorf("request %q: SQL score %d, Go score %d", it.Title, it.Score, want)
		}
	}
	hub.SortRanked(ranked, now)
	for i := range ranked {
		if ranked[i].ID != b.Items[i].ID {
			t.Fatalf("place %d: SQL has %d, Go has %d", i, b.Items[i].ID, ranked[i].ID)
		}
	}
	// epsilon: 10 + 12 weeks (capped); alpha: 2 × 10; delta 10 + 9; beta: 10 + 5 + 3; gamma 10 + 6.
	if b.Items[0].Title[:7] != "epsilon" || b.Items[1].Title[:5] != "alpha" || b.Items[2].Title[:5] != "delta" {
		t.Errorf("order %s, %s …", b.Items[0].Title, b.Items[1].Title)
	}

	t.Run("Filters", func(t *testing.T) {
		cases := []struct {
			name string
			q    storage.BoardQuery
			want int
		}{
			{"Search", storage.BoardQuery{Search: "supervision"}, 1},
			{"SearchStems", storage.BoardQuery{Search: "bid"}, 1},
			{"SearchDetails", storage.BoardQuery{Search: "\"need to know\""}, 5},
			{"Topic", storage.BoardQuery{Topic: "safeguarding"}, 5},
			{"OtherTopic", storage.BoardQuery{Topic: "future-funding"}, 0},
			{"Organisation", storage.BoardQuery{OrganisationID: w.Backer.ID}, 0},
			{"Status", storage.BoardQuery{Statuses: []hub.RequestStatus{hub.RequestOpen}}, 5},
			{"OlderThan30Days", storage.BoardQuery{MinAgeDays: 30}, 3},
			{"NewerThan30Days", storage.BoardQuery{MaxAgeDays: 30}, 2},
			{"Paged", storage.BoardQuery{Limit: 2, Offset: 4}, 1},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				tc.q.HubSlug, tc.q.Now = w.Hub.Slug, now
				b, err := w.db.RequestBoard(ctx, w.Coord, tc.q)
				if err != nil {
					t.Fatal(err)
				}
				if len(b.Items) != tc.want {
					t.Errorf("%d requests, want %d", len(b.Items), tc.want)
				}
			})
		}
	})
	t.Run("ErrBadStatus", func(t *testing.T) {
		_, err := w.db.RequestBoard(ctx, w.Coord, storage.BoardQuery{HubSlug: w.Hub.Slug, Statuses: []hub.RequestStatus{"done"}})
		wantCode(t, err, hub.EInvalid)
	})
	t.Run("ErrNotForOutsiders", func(t *testing.T) {
		_, err := w.db.RequestBoard(ctx, w.FormerP, storage.BoardQuery{HubSlug: w.Hub.Slug})
		wantCode(t, err, hub.EForbidden)
		_, err = w.db.RequestBoard(ctx, w.OtherCoord, storage.BoardQuery{HubSlug: w.Hub.Slug})
		wantCode(t, err, hub.EForbidden)
		_, err = w.db.RequestBoard(ctx, hub.Anonymous, storage.BoardQuery{HubSlug: w.Hub.Slug})
		wantCode(t, err, hub.EUnauthorised)
	})
	t.Run("MyRequests", func(t *testing.T) {
		mine, err := w.db.MyRequests(ctx, w.BackerP, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) != 1 || mine[0].ID != ids[0] {
			t.Errorf("the Backer's requests %+v; want the one it supports", mine)
		}
		if mine, _ := w.db.MyRequests(ctx, w.FormerP, now); len(mine) != 0 {
			t.Errorf("a removed organisation's person sees %d requests", len(mine))
		}
	})
}
