package events

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// NewTestItem returns an agenda item from start to end, "15:04" on
// 3 March 2026 (UTC, which is London time then).
func NewTestItem(tb testing.TB, title string, kind AgendaKind, start, end string) AgendaItem {
	tb.Helper()
	return AgendaItem{
		EventID:  1,
		Title:    title,
		Kind:     kind,
		StartsAt: MustUTC(tb, "2026-03-03 "+start),
		EndsAt:   MustUTC(tb, "2026-03-03 "+end),
	}
}

// NewTestAgenda is a valid agenda for NewTestEvent (10:00–16:00).
func NewTestAgenda(tb testing.TB) []AgendaItem {
	tb.Helper()
	return []AgendaItem{
		NewTestItem(tb, "Welcome", KindTalk, "10:00", "10:30"),
		NewTestItem(tb, "Peer support panel", KindDiscussion, "10:30", "12:00"),
		NewTestItem(tb, "Networking lunch", KindNetworking, "12:00", "13:00"),
		NewTestItem(tb, "Close", KindTalk, "15:30", "16:00"),
	}
}

func TestValidateAgenda(t *testing.T) {
	london := MustZone(t, "Europe/London")
	at := func(s string) time.Time { return MustUTC(t, "2026-03-03 "+s) }
	tests := []struct {
		name  string
		event func(*Event)
		edit  func(items []AgendaItem) []AgendaItem
		want  map[string]string
	}{
		{"OK", nil, func(items []AgendaItem) []AgendaItem { return items }, nil},
		{"OKEmpty", nil, func([]AgendaItem) []AgendaItem { return nil }, nil},
		{"OKAnyOrder", nil, func(items []AgendaItem) []AgendaItem { slices.Reverse(items); return items }, nil},
		{"ErrNoTitle", nil, func(items []AgendaItem) []AgendaItem { items[1].Title = " "; return items },
			map[string]string{"items[1].title": "Enter a title for item 2"}},
		{"ErrTitleTooLong", nil, func(items []AgendaItem) []AgendaItem { items[0].Title = strings.Repeat("a", 201); return items },
			map[string]string{"items[0].title": "The title of item 1 must be 200 characters or fewer"}},
		{"ErrKind", nil, func(items []AgendaItem) []AgendaItem { items[0].Kind = "lunch"; return items },
			map[string]string{"items[0].kind": "Choose what 'Welcome' is: talk, workshop, discussion, networking, break or resource_share"}},
		{"ErrPresenterTooLong", nil, func(items []AgendaItem) []AgendaItem { items[0].PresenterName = strings.Repeat("a", 201); return items },
			map[string]string{"items[0].presenter_name": "The presenter's name must be 200 characters or fewer"}},
		{"ErrNoStart", nil, func(items []AgendaItem) []AgendaItem { items[0].StartsAt = time.Time{}; return items },
			map[string]string{"items[0].starts_at": "Enter when 'Welcome' starts"}},
		{"ErrNoEnd", nil, func(items []AgendaItem) []AgendaItem { items[3].EndsAt = time.Time{}; return items },
			map[string]string{"items[3].ends_at": "Enter when 'Close' ends"}},
		{"ErrEndsBeforeStart", nil, func(items []AgendaItem) []AgendaItem { items[0].EndsAt = at("09:50"); return items },
			map[string]string{"items[0].ends_at": "'Welcome' must end after it starts"}},
		{"ErrUntitledEndsAtStart", nil, func(items []AgendaItem) []AgendaItem {
			items[3].Title, items[3].EndsAt = "", items[3].StartsAt
			return items
		}, map[string]string{"items[3].title": "", "items[3].ends_at": "Item 4 must end after it starts"}},
		{"ErrBeforeEvent", nil, func(items []AgendaItem) []AgendaItem { items[0].StartsAt = at("09:30"); return items },
			map[string]string{"items[0].starts_at": "'Welcome' starts at 09:30, before the event starts (10:00)"}},
		{"ErrAfterEvent", nil, func(items []AgendaItem) []AgendaItem { items[3].EndsAt = at("16:30"); return items },
			map[string]string{"items[3].ends_at": "'Close' ends at 16:30, after the event ends (16:00)"}},
		{"ErrOverlap", nil, func(items []AgendaItem) []AgendaItem {
			items[1].EndsAt = at("13:00")
			items[1].StartsAt = at("12:00")
			items[2].StartsAt, items[2].EndsAt = at("12:30"), at("13:30")
			return items
		}, map[string]string{"items[2].starts_at": "'Networking lunch' overlaps 'Peer support panel' (12:00–13:00)"}},
		{"ErrOverlapReportedOnLaterStart", nil, func(items []AgendaItem) []AgendaItem {
			items[3].StartsAt, items[3].EndsAt = at("10:15"), at("10:45")
			return items
		}, map[string]string{
			"items[3].starts_at": "'Close' overlaps 'Welcome' (10:00–10:30)",
			"items[1].starts_at": "'Peer support panel' overlaps 'Close' (10:15–10:45)",
		}},
		{"ErrOverlapInsideLongItem", nil, func(items []AgendaItem) []AgendaItem {
			return []AgendaItem{
				NewTestItem(t, "Workshop", KindWorkshop, "11:00", "14:00"),
				NewTestItem(t, "Coffee", KindBreak, "12:00", "12:15"),
				NewTestItem(t, "Resources", KindResourceShare, "13:00", "13:30"),
			}
		}, map[string]string{
			"items[1].starts_at": "'Coffee' overlaps 'Workshop' (11:00–14:00)",
			"items[2].starts_at": "'Resources' overlaps 'Workshop' (11:00–14:00)",
		}},
		{"ErrLocalTimesInSummer", func(e *Event) {
			e.StartsAt, e.EndsAt = MustUTC(t, "2026-07-14 09:00"), MustUTC(t, "2026-07-14 15:00")
		}, func([]AgendaItem) []AgendaItem {
			return []AgendaItem{{Title: "Early", Kind: KindTalk, StartsAt: MustUTC(t, "2026-07-14 08:30"), EndsAt: MustUTC(t, "2026-07-14 09:30")}}
		}, map[string]string{"items[0].starts_at": "'Early' starts at 09:30, before the event starts (10:00)"}},
		{"ErrTwoDayEventShowsDates", func(e *Event) { e.EndsAt = MustUTC(t, "2026-03-04 16:00") },
			func(items []AgendaItem) []AgendaItem {
				items[3].StartsAt, items[3].EndsAt = MustUTC(t, "2026-03-04 15:30"), MustUTC(t, "2026-03-04 17:00")
				return items
			}, map[string]string{"items[3].ends_at": "'Close' ends at Wednesday 4 March 2026 17:00, after the event ends (Wednesday 4 March 2026 16:00)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event := NewTestEvent(t)
			if tt.event != nil {
				event = NewTestEvent(t, tt.event)
			}
			WantFields(t, ValidateAgenda(event, tt.edit(NewTestAgenda(t)), london), tt.want)
		})
	}
}
