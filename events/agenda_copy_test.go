package events

import (
	"testing"
	"time"
)

// TestRetimeAgendaAcrossClockChange: an item at 19:30 local of a 19:00
// event in winter is at 19:30 local of the same event in summer, and
// loses its request link.
func TestRetimeAgendaAcrossClockChange(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("no zone data for Europe/London: %v", err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, london).UTC()
	}
	from := Event{ID: 1, StartsAt: at(2026, 3, 20, 19, 0), EndsAt: at(2026, 3, 20, 21, 0)}
	to := Event{ID: 2, StartsAt: at(2026, 4, 3, 19, 0), EndsAt: at(2026, 4, 3, 21, 0)}
	req := int64(7)
	got := RetimeAgenda([]AgendaItem{{ID: 5, EventID: 1, StartsAt: at(2026, 3, 20, 19, 30), EndsAt: at(2026, 3, 20, 20, 15),
		Title: "Talk", Kind: AgendaKind("talk"), RequestID: &req}}, from, to, london)
	if want := at(2026, 4, 3, 19, 30); !got[0].StartsAt.Equal(want) {
		t.Errorf("starts %v, want %v", got[0].StartsAt, want)
	}
	if want := at(2026, 4, 3, 20, 15); !got[0].EndsAt.Equal(want) {
		t.Errorf("ends %v, want %v", got[0].EndsAt, want)
	}
	if got[0].ID != 0 || got[0].EventID != 2 || got[0].RequestID != nil {
		t.Errorf("copy keeps id %d, event %d, request %v; want 0, 2, nil", got[0].ID, got[0].EventID, got[0].RequestID)
	}
}
