package events

import (
	"slices"
	"testing"
	"time"
)

// titles lists the items' titles with their local times and positions.
func titles(items []AgendaItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.StartsAt.Format("15:04") + "–" + it.EndsAt.Format("15:04") + " " + it.Title
		if it.Position != 0 {
			out[i] = string(rune('0'+it.Position)) + ". " + out[i]
		}
	}
	return out
}

func TestSortAgenda(t *testing.T) {
	items := NewTestAgenda(t)
	slices.Reverse(items)
	before := slices.Clone(items)
	got := titles(SortAgenda(items))
	want := []string{"1. 10:00–10:30 Welcome", "2. 10:30–12:00 Peer support panel", "3. 12:00–13:00 Networking lunch", "4. 15:30–16:00 Close"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if !slices.EqualFunc(items, before, func(a, b AgendaItem) bool { return a.Title == b.Title && a.Position == b.Position }) {
		t.Errorf("input changed")
	}
}

func TestShiftFrom(t *testing.T) {
	tests := []struct {
		name     string
		eventEnd string // "" for 16:00
		index    int
		delta    time.Duration
		want     []string
		wantErr  map[string]string
	}{
		{"OKLater", "17:00", 1, 30 * time.Minute, []string{"10:00–10:30 Welcome", "11:00–12:30 Peer support panel",
			"12:30–13:30 Networking lunch", "16:00–16:30 Close"}, nil},
		{"OKEarlier", "", 3, -90 * time.Minute, []string{"10:00–10:30 Welcome", "10:30–12:00 Peer support panel",
			"12:00–13:00 Networking lunch", "14:00–14:30 Close"}, nil},
		{"OKZero", "", 0, 0, []string{"10:00–10:30 Welcome", "10:30–12:00 Peer support panel",
			"12:00–13:00 Networking lunch", "15:30–16:00 Close"}, nil},
		{"ErrPastEnd", "", 1, 30 * time.Minute, nil, map[string]string{"items[3].ends_at": "Moving 'Peer support panel' " +
			"and the items after it 30 minutes later would take 'Close' past the end of the event"}},
		{"ErrBeforeStart", "", 0, -time.Hour - 15*time.Minute, nil, map[string]string{"items[0].starts_at": "Moving 'Welcome' " +
			"and the items after it 1 hour 15 minutes earlier would start 'Welcome' before the event does"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event := NewTestEvent(t)
			if tt.eventEnd != "" {
				event.EndsAt = MustUTC(t, "2026-03-03 "+tt.eventEnd)
			}
			items := NewTestAgenda(t)
			before := slices.Clone(items)
			got, err := ShiftFrom(event, items, tt.index, tt.delta)
			if !slices.Equal(titles(items), titles(before)) {
				t.Errorf("input changed: got %q, want %q", titles(items), titles(before))
			}
			if tt.wantErr != nil {
				WantFields(t, err, tt.wantErr)
				if got != nil {
					t.Errorf("got %q with the error, want nil", titles(got))
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if g := titles(got); !slices.Equal(g, tt.want) {
				t.Errorf("got  %q,\nwant %q", g, tt.want)
			}
		})
	}
	t.Run("ErrNoSuchItem", func(t *testing.T) {
		_, err := ShiftFrom(NewTestEvent(t), NewTestAgenda(t), 4, time.Minute)
		WantCode(t, err, "invalid")
	})
}

func TestMove(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		want     []string
	}{
		{"LastToFirst", 3, 0, []string{"1. 10:00–10:30 Close", "2. 10:30–11:00 Welcome",
			"3. 11:00–12:30 Peer support panel", "4. 12:30–13:30 Networking lunch"}},
		{"FirstToLast", 0, 3, []string{"1. 10:00–11:30 Peer support panel", "2. 11:30–12:30 Networking lunch",
			"3. 12:30–13:00 Close", "4. 13:00–13:30 Welcome"}},
		{"Swap", 1, 2, []string{"1. 10:00–10:30 Welcome", "2. 10:30–11:30 Networking lunch",
			"3. 11:30–13:00 Peer support panel", "4. 13:00–13:30 Close"}},
		{"SamePlaceClosesGaps", 2, 2, []string{"1. 10:00–10:30 Welcome", "2. 10:30–12:00 Peer support panel",
			"3. 12:00–13:00 Networking lunch", "4. 13:00–13:30 Close"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := NewTestAgenda(t)
			before := slices.Clone(items)
			got, err := Move(items, tt.from, tt.to)
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if g := titles(got); !slices.Equal(g, tt.want) {
				t.Errorf("got  %q,\nwant %q", g, tt.want)
			}
			if !slices.Equal(titles(items), titles(before)) {
				t.Errorf("input changed: got %q, want %q", titles(items), titles(before))
			}
		})
	}
	for _, bad := range []struct {
		name     string
		from, to int
	}{{"ErrFromNegative", -1, 0}, {"ErrFromPastEnd", 4, 0}, {"ErrToPastEnd", 0, 4}} {
		t.Run(bad.name, func(t *testing.T) {
			got, err := Move(NewTestAgenda(t), bad.from, bad.to)
			WantCode(t, err, "invalid")
			if got != nil {
				t.Errorf("got %v, want nil", got)
			}
		})
	}
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := Move(nil, 0, 0)
		WantCode(t, err, "invalid")
	})
}

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		delta time.Duration
		want  string
	}{
		{30 * time.Minute, "30 minutes later"},
		{time.Minute, "1 minute later"},
		{time.Hour, "1 hour later"},
		{-2*time.Hour - time.Minute, "2 hours 1 minute earlier"},
		{time.Second, "by less than a minute"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			if got := words(tt.delta); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
