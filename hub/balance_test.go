package hub

import (
	"math"
	"strings"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMeasureBalance(t *testing.T) {
	t.Run("Dominated", func(t *testing.T) {
		b := MeasureBalance([]Count{{1, "A", 6}, {2, "B", 2}, {3, "C", 1}, {4, "D", 1}, {5, "E", 0}})
		if b.Total != 10 || len(b.Shares) != 4 {
			t.Fatalf("total %d, %d shares", b.Total, len(b.Shares))
		}
		if b.Shares[0].Organisation != "A" || !near(b.Shares[0].Share, 0.6) {
			t.Errorf("first share %+v, want A at 0.6", b.Shares[0])
		}
		if !near(b.TopTwo, 0.8) {
			t.Errorf("top two %v, want 0.8", b.TopTwo)
		}
		// 0.36 + 0.04 + 0.01 + 0.01
		if !near(b.Herfindahl, 0.42) {
			t.Errorf("Herfindahl %v, want 0.42", b.Herfindahl)
		}
		if !b.Concentrated {
			t.Error("not flagged")
		}
		if got := b.Explain("agenda items"); !strings.Contains(got, "80%") || !strings.Contains(got, "2.4 organisations") {
			t.Errorf("explanation %q", got)
		}
	})
	t.Run("Even", func(t *testing.T) {
		var cs []Count
		for i := range 8 {
			cs = append(cs, Count{int64(i), string(rune('A' + i)), 2})
		}
		b := MeasureBalance(cs)
		if !near(b.TopTwo, 0.25) || !near(b.Herfindahl, 0.125) || b.Concentrated {
			t.Errorf("even spread: %+v", b)
		}
		if !near(b.Equivalent(), 8) {
			t.Errorf("equivalent %v, want 8", b.Equivalent())
		}
	})
	t.Run("TooFew", func(t *testing.T) {
		b := MeasureBalance([]Count{{1, "A", 4}})
		if b.Concentrated {
			t.Error("four items from one organisation flagged: too few to judge")
		}
		if !strings.Contains(b.Explain("agenda items"), "too few") {
			t.Errorf("explanation %q", b.Explain("agenda items"))
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if b := MeasureBalance(nil); b.Total != 0 || b.Concentrated || b.Equivalent() != 0 {
			t.Errorf("empty: %+v", b)
		}
	})
}

func TestMedian(t *testing.T) {
	if got := Median([]float64{9, 1, 5}); got != 5 {
		t.Errorf("odd median %v", got)
	}
	if got := Median([]float64{4, 1, 10, 2}); got != 3 {
		t.Errorf("even median %v", got)
	}
	if got := Median(nil); got != 0 {
		t.Errorf("empty median %v", got)
	}
}

func TestGovernanceNotices(t *testing.T) {
	now := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) *time.Time { v := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); return &v }
	g := Governance{TermsReviewedOn: day(2024, 4, 1), TermsNextReviewOn: day(2025, 4, 1), ChairTermEndsOn: day(2025, 7, 1)}
	ns := GovernanceNotices(g, now)
	if len(ns) != 2 {
		t.Fatalf("notices %+v", ns)
	}
	if !ns[0].Due || !strings.Contains(ns[0].Text, "terms of reference last reviewed 14 months ago") {
		t.Errorf("terms notice %+v", ns[0])
	}
	if ns[1].Due || !strings.Contains(ns[1].Text, "ends on 1 July 2025") {
		t.Errorf("chair notice %+v", ns[1])
	}
	if ns := GovernanceNotices(Governance{}, now); len(ns) != 2 || !ns[0].Due || !ns[1].Due {
		t.Errorf("nothing recorded: %+v", ns)
	}
	if got := MonthsAgo(*day(2025, 6, 1), now); got != "less than a month ago" {
		t.Errorf("MonthsAgo = %q", got)
	}
	bad := Governance{TermsReviewedOn: day(2025, 1, 1), TermsNextReviewOn: day(2024, 1, 1)}
	if ErrorFields(bad.Validate())["terms_next_review_on"] == "" {
		t.Error("a next review before the last one is accepted")
	}
}
