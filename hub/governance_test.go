package hub

import (
	"testing"
	"time"
)

func TestParseDay(t *testing.T) {
	want := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2025-04-01", " 2025-04-01 ", "2025-04-01T00:00:00Z", "2025-04-01T23:30:00+01:00", "2025-04-01T00:30:00-05:00"} {
		got, err := ParseDay(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDay(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2025-13-01", "01/04/2025", "2025-04-31", "tomorrow", "2025-04-01T25:00:00Z"} {
		if _, err := ParseDay(in); err == nil {
			t.Errorf("ParseDay(%q) accepted", in)
		}
	}
}

func TestGovernanceDatesInRange(t *testing.T) {
	far := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	g := Governance{ChairTermEndsOn: &far}
	if f := ErrorFields(g.Validate()); f["chair_term_ends_on"] == "" {
		t.Errorf("year 1 accepted: %v", f)
	}
	ok := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g = Governance{ChairTermEndsOn: &ok, TermsText: "We meet quarterly."}
	if err := g.Validate(); err != nil {
		t.Errorf("valid governance refused: %v", err)
	}
}
