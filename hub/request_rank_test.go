package hub

import (
	"testing"
	"time"
)

func TestRankScore(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	weeks := func(n int) time.Time { return now.Add(-time.Duration(n) * 7 * 24 * time.Hour) }
	cases := []struct {
		name string
		in   RankInput
		want int
	}{
		{"NewAlone", RankInput{CreatedAt: now}, 10},
		{"ThreeSupporters", RankInput{Supporters: 3, CreatedAt: now}, 40},
		{"Offer", RankInput{Offers: 2, CreatedAt: now}, 15},
		{"FiveWeeks", RankInput{CreatedAt: weeks(5).Add(-time.Hour)}, 15},
		{"AgeCapped", RankInput{CreatedAt: weeks(40)}, 22},
		{"FutureIsNew", RankInput{CreatedAt: now.Add(time.Hour)}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RankScore(tc.in, now); got != tc.want {
				t.Errorf("score = %d, want %d", got, tc.want)
			}
		})
	}
	t.Run("Order", func(t *testing.T) {
		rs := []Ranked{
			{ID: 1, RankInput: RankInput{CreatedAt: weeks(12)}},                            // 22
			{ID: 2, RankInput: RankInput{Supporters: 1, CreatedAt: now}},                   // 20
			{ID: 3, RankInput: RankInput{Supporters: 1, Offers: 1, CreatedAt: now}},        // 25
			{ID: 4, RankInput: RankInput{Supporters: 1, CreatedAt: now.Add(-time.Minute)}}, // 20, older than 2
		}
		SortRanked(rs, now)
		var got []int64
		for _, r := range rs {
			got = append(got, r.ID)
		}
		want := []int64{3, 1, 4, 2}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("order %v, want %v", got, want)
			}
		}
	})
}
