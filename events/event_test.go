package events

import (
	"strings"
	"testing"
	"time"
)

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Event)
		want map[string]string
	}{
		{"OK", func(e *Event) {}, nil},
		{"OKOnline", func(e *Event) {
			e.Format, e.Venue, e.OnlineURL = FormatOnline, "", "https://meet.example.org/hub?id=1"
		}, nil},
		{"OKHybrid", func(e *Event) { e.Format, e.OnlineURL = FormatHybrid, "http://example.org/join" }, nil},
		{"OKUnlimited", func(e *Event) { e.Capacity = nil }, nil},
		{"OKCapacityOne", func(e *Event) { e.Capacity = ptr(1) }, nil},
		{"OKCapacityMax", func(e *Event) { e.Capacity = ptr(MaxCapacity) }, nil},
		{"OKNoAudiences", func(e *Event) { e.Audiences = nil }, nil},
		{"OKSevenDays", func(e *Event) { e.EndsAt = e.StartsAt.Add(7 * 24 * time.Hour) }, nil},
		{"OKTitle200Runes", func(e *Event) { e.Title = strings.Repeat("é", 200) }, nil},
		{"ErrTitleMissing", func(e *Event) { e.Title = "  " }, map[string]string{"title": "Enter a title"}},
		{"ErrTitleTooLong", func(e *Event) { e.Title = strings.Repeat("a", 201) },
			map[string]string{"title": "Title must be 200 characters or fewer"}},
		{"ErrSummaryTooLong", func(e *Event) { e.Summary = strings.Repeat("a", 5001) },
			map[string]string{"summary": "Summary must be 5000 characters or fewer"}},
		{"ErrNoStart", func(e *Event) { e.StartsAt = time.Time{} },
			map[string]string{"starts_at": "Enter when the event starts"}},
		{"ErrNoEnd", func(e *Event) { e.EndsAt = time.Time{} },
			map[string]string{"ends_at": "Enter when the event ends"}},
		{"ErrEndAtStart", func(e *Event) { e.EndsAt = e.StartsAt },
			map[string]string{"ends_at": "The end must be after the start"}},
		{"ErrEndBeforeStart", func(e *Event) { e.EndsAt = e.StartsAt.Add(-time.Hour) },
			map[string]string{"ends_at": "The end must be after the start"}},
		{"ErrLongerThanSevenDays", func(e *Event) { e.EndsAt = e.StartsAt.Add(7*24*time.Hour + time.Minute) },
			map[string]string{"ends_at": "An event can last at most 7 days"}},
		{"ErrUnknownFormat", func(e *Event) { e.Format = "phone" },
			map[string]string{"format": "Format must be one of in_person, online or hybrid"}},
		{"ErrInPersonNoVenue", func(e *Event) { e.Venue = "" }, map[string]string{"venue": "Enter the venue"}},
		{"ErrHybridNoVenueNoURL", func(e *Event) { e.Format, e.Venue = FormatHybrid, "" }, map[string]string{
			"venue": "Enter the venue", "online_url": "Enter the link people use to join online"}},
		{"ErrOnlineNoURL", func(e *Event) { e.Format = FormatOnline },
			map[string]string{"online_url": "Enter the link people use to join online"}},
		{"ErrURLNotWeb", func(e *Event) { e.Format, e.OnlineURL = FormatOnline, "ftp://example.org/x" },
			map[string]string{"online_url": "Enter a full web address starting with https:// or http://"}},
		{"ErrURLRelative", func(e *Event) { e.Format, e.OnlineURL = FormatOnline, "/join" },
			map[string]string{"online_url": ""}},
		{"ErrURLNoScheme", func(e *Event) { e.Format, e.OnlineURL = FormatOnline, "meet.example.org/abc" },
			map[string]string{"online_url": ""}},
		{"ErrURLScript", func(e *Event) { e.Format, e.OnlineURL = FormatOnline, "javascript:alert(1)" },
			map[string]string{"online_url": ""}},
		{"ErrURLSpace", func(e *Event) { e.Format, e.OnlineURL = FormatOnline, "https://example.org/a b" },
			map[string]string{"online_url": ""}},
		{"ErrURLGivenButInPersonIsStillChecked", func(e *Event) { e.OnlineURL = "not a url" },
			map[string]string{"online_url": ""}},
		{"ErrCapacityZero", func(e *Event) { e.Capacity = ptr(0) },
			map[string]string{"capacity": "Capacity must be at least 1, or leave it empty for unlimited places"}},
		{"ErrCapacityNegative", func(e *Event) { e.Capacity = ptr(-3) }, map[string]string{"capacity": ""}},
		{"ErrCapacityTooBig", func(e *Event) { e.Capacity = ptr(MaxCapacity + 1) },
			map[string]string{"capacity": "Capacity must be 100,000 or fewer"}},
		{"ErrUnknownVisibility", func(e *Event) { e.Visibility = "secret" },
			map[string]string{"visibility": "Visibility must be one of public, members or invite_only"}},
		{"ErrUnknownStatus", func(e *Event) { e.Status = "" },
			map[string]string{"status": "Status must be one of draft, published or cancelled"}},
		{"ErrUnknownAudience", func(e *Event) { e.Audiences = []Audience{AudienceCommissioners, "funders"} },
			map[string]string{"audiences": "Audiences must be chosen from peer_support_workers, practitioners, commissioners, lived_experience or local_networks"}},
		{"ErrDuplicateAudience", func(e *Event) { e.Audiences = []Audience{AudienceCommissioners, AudienceCommissioners} },
			map[string]string{"audiences": "Choose each audience only once"}},
		{"ErrCancelReasonTooLong", func(e *Event) { e.CancelReason = strings.Repeat("x", 1001) },
			map[string]string{"cancel_reason": "The reason for cancelling must be 1000 characters or fewer"}},
		{"ErrSeveral", func(e *Event) { e.Title, e.Format, e.Capacity = "", "", ptr(0) },
			map[string]string{"title": "", "format": "", "capacity": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			WantFields(t, NewTestEvent(t, tt.edit).Validate(), tt.want)
		})
	}
}

func TestValidateNew(t *testing.T) {
	now := MustUTC(t, "2026-03-01 09:00")
	tests := []struct {
		name string
		edit func(*Event)
		want map[string]string
	}{
		{"OK", func(e *Event) {}, nil},
		{"OKStartsNow", func(e *Event) { e.StartsAt = now }, nil},
		{"ErrInThePast", func(e *Event) { e.StartsAt, e.EndsAt = now.Add(-time.Minute), now.Add(time.Hour) },
			map[string]string{"starts_at": "The start must be in the future"}},
		{"ErrMissingStartSaysSoOnce", func(e *Event) { e.StartsAt = time.Time{} },
			map[string]string{"starts_at": "Enter when the event starts"}},
		{"ErrPastAndOtherwiseInvalid", func(e *Event) { e.StartsAt, e.Title = now.Add(-48*time.Hour), "" },
			map[string]string{"starts_at": "", "title": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			WantFields(t, ValidateNew(NewTestEvent(t, tt.edit), now), tt.want)
		})
	}
}
