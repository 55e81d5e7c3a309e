package events

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// -update rewrites testdata/*.golden: go test ./events/ -run ICal -update.
// It is defined only if no other test file of the package has defined it.
var _ = defineUpdateFlag()

func defineUpdateFlag() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite testdata/*.golden files")
	}
	return true
}

func updatingGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// MustMatchGolden compares got with testdata/name.golden, or with -update
// writes it. Golden files keep LF line ends so that they read well and
// survive any git line-end setting; the CRLFs are checked by
// MustBeFoldedICal.
func MustMatchGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name+".golden")
	got = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
	if updatingGolden() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s (run with -update to create it): %v", path, err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				tb.Fatalf("%s differs at line %d:\ngot  %q\nwant %q\nwhole output:\n%s", path, i+1, g, w, got)
			}
		}
	}
}

// MustBeFoldedICal checks the physical lines of an iCalendar object: each
// ends with CRLF, is at most 75 octets and is whole UTF-8.
func MustBeFoldedICal(tb testing.TB, out []byte) {
	tb.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		tb.Fatalf("output does not end with CRLF: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			tb.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			tb.Fatalf("line %d is %d octets, want at most 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			tb.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
	}
}

// MustWriteCalendar writes cal, checks its lines, and returns it.
func MustWriteCalendar(tb testing.TB, cal Calendar) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal); err != nil {
		tb.Fatalf("WriteCalendar: %v", err)
	}
	MustBeFoldedICal(tb, buf.Bytes())
	return buf.Bytes()
}

// MustDecodeICal parses out with go-ical.
func MustDecodeICal(tb testing.TB, out []byte) *ical.Calendar {
	tb.Helper()
	c, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		tb.Fatalf("decode: %v\n%s", err, out)
	}
	return c
}

// MustPropText is the decoded text of comp's property name.
func MustPropText(tb testing.TB, comp *ical.Component, name string) string {
	tb.Helper()
	p := comp.Props.Get(name)
	if p == nil {
		tb.Fatalf("%s has no %s", comp.Name, name)
	}
	s, err := p.Text()
	if err != nil {
		tb.Fatalf("%s %s: %v", comp.Name, name, err)
	}
	return s
}

// NewTestCalendarEvent is a published in-person event of the North East
// hub on Tuesday 3 March 2026, 10:00–16:00 UTC, changed by opts.
func NewTestCalendarEvent(tb testing.TB, opts ...func(*CalendarEvent)) CalendarEvent {
	tb.Helper()
	ce := CalendarEvent{
		Event: Event{
			ID:        42,
			HubID:     7,
			Title:     "Peer support in practice",
			Summary:   "A day on peer support delivery.",
			StartsAt:  MustUTC(tb, "2026-03-03 10:00"),
			EndsAt:    MustUTC(tb, "2026-03-03 16:00"),
			Format:    FormatInPerson,
			Venue:     "Friends Meeting House, Newcastle",
			Status:    StatusPublished,
			CreatedAt: MustUTC(tb, "2026-01-12 14:05"),
			UpdatedAt: MustUTC(tb, "2026-02-02 08:45"),
		},
		HubName:  "North East Learning Hub",
		URL:      "https://convene.example.org/events/42",
		HostName: "Tyneside Peer Network",
		Topics:   []string{"Peer support delivery"},
	}
	for _, opt := range opts {
		opt(&ce)
	}
	return ce
}

// NewTestCalendar is the North East hub's feed holding events.
func NewTestCalendar(tb testing.TB, events ...CalendarEvent) Calendar {
	tb.Helper()
	return Calendar{
		Name:        "North East Learning Hub – events",
		Description: "Events of the North East Learning Hub",
		Host:        "convene.example.org",
		TimeZone:    "Europe/London",
		Events:      events,
		Feed:        true,
	}
}

func online(ce *CalendarEvent) {
	ce.Event.ID = 43
	ce.URL = "https://convene.example.org/events/43"
	ce.Event.Title = "Trauma-informed approaches: webinar"
	ce.Event.Format = FormatOnline
	ce.Event.Venue = ""
	ce.Event.OnlineURL = "https://meet.example.org/j/8675309?pwd=c2VjcmV0LXBhc3N3b3JkLWZvci10aGUtd2ViaW5hcg"
}

func cancelled(ce *CalendarEvent) {
	ce.Event.Status = StatusCancelled
	ce.Event.CancelReason = "The trainer is unwell.\nWe will set a new date soon, and tell everyone who registered."
	ce.Event.Sequence = 3
	ce.Event.UpdatedAt = time.Date(2026, 2, 19, 17, 20, 0, 0, time.UTC)
}

func TestICalGolden(t *testing.T) {
	tests := map[string]Calendar{
		"ical_in_person": NewTestCalendar(t, NewTestCalendarEvent(t, func(ce *CalendarEvent) {
			ce.Event.Title = "Cymorth cyfoedion: gŵyl café ☕ & peer support 🎉"
			ce.Event.Summary = "What works, what doesn't; and why.\n" +
				`Bring examples (paths like C:\notes are fine), questions, and lunch if you can.` + "\r\n" +
				"Croeso i bawb – everyone is welcome. Ŵy, ŷ, é, ü and 👩🏽‍🤝‍👩🏻 all survive folding at seventy-five octets."
			ce.Event.Venue = "Friends Meeting House\n  Pilgrim Street\n\nNewcastle upon Tyne NE1 6QE"
			ce.Topics = []string{"Peer support delivery", "Safeguarding; boundaries, and limits", " "}
		})),
		"ical_online_private": func() Calendar {
			c := NewTestCalendar(t, NewTestCalendarEvent(t, online, func(ce *CalendarEvent) { ce.ShowOnlineURL = true }))
			c.Name, c.Description = "My Convene events", "Events I have registered for"
			return c
		}(),
		"ical_online_public":     NewTestCalendar(t, NewTestCalendarEvent(t, online)),
		"ical_cancelled":         NewTestCalendar(t, NewTestCalendarEvent(t, cancelled)),
		"ical_feed_clock_change": NewTestCalendar(t, clockChangeFeed(t)...),
		"ical_empty":             NewTestCalendar(t),
	}
	for name, cal := range tests {
		t.Run(name, func(t *testing.T) {
			out := MustWriteCalendar(t, cal)
			MustDecodeICal(t, out)
			MustMatchGolden(t, name, out)
		})
	}
}

// clockChangeFeed is a week of events in Newcastle around the end of
// British Summer Time (01:00 UTC on Sunday 25 October 2026): a morning
// before it, an overnight event across it, a morning after it, and a draft
// that no feed may show.
func clockChangeFeed(tb testing.TB) []CalendarEvent {
	tb.Helper()
	london := MustZone(tb, "Europe/London")
	at := func(s string) time.Time { return MustTime(tb, london, s) }
	return []CalendarEvent{
		NewTestCalendarEvent(tb, func(ce *CalendarEvent) {
			ce.Event.ID, ce.URL = 101, "https://convene.example.org/events/101"
			ce.Event.Title = "Safeguarding forum"
			ce.Event.StartsAt, ce.Event.EndsAt = at("2026-10-22 10:00"), at("2026-10-22 12:30") // BST
			ce.Topics = []string{"Safeguarding"}
		}),
		NewTestCalendarEvent(tb, func(ce *CalendarEvent) {
			ce.Event.ID, ce.URL = 102, "https://convene.example.org/events/102"
			ce.Event.Title = "Night outreach shadowing"
			ce.Event.Format, ce.Event.OnlineURL = FormatHybrid, "https://meet.example.org/j/102"
			ce.Event.StartsAt, ce.Event.EndsAt = at("2026-10-24 23:30"), at("2026-10-25 02:30") // 4 hours
			ce.HostName, ce.Topics = "", nil
			ce.Event.Sequence = 1
		}),
		NewTestCalendarEvent(tb, func(ce *CalendarEvent) {
			ce.Event.ID, ce.URL = 103, "https://convene.example.org/events/103"
			ce.Event.Title = "Sustainability and future funding"
			ce.Event.StartsAt, ce.Event.EndsAt = at("2026-10-29 10:00"), at("2026-10-29 12:30") // GMT
			ce.Topics = []string{"Sustainability", "Future funding"}
		}),
		NewTestCalendarEvent(tb, func(ce *CalendarEvent) {
			ce.Event.ID, ce.URL = 104, "https://convene.example.org/events/104"
			ce.Event.Title = "Draft: not yet announced"
			ce.Event.Status = StatusDraft
			ce.Event.StartsAt, ce.Event.EndsAt = at("2026-10-30 10:00"), at("2026-10-30 12:00")
		}),
	}
}

func TestICalRoundTrip(t *testing.T) {
	events := append(clockChangeFeed(t), NewTestCalendarEvent(t, cancelled))
	out := MustWriteCalendar(t, NewTestCalendar(t, events...))
	got := map[string]ical.Event{}
	for _, ev := range MustDecodeICal(t, out).Events() {
		got[MustPropText(t, ev.Component, ical.PropUID)] = ev
	}
	if len(got) != 4 {
		t.Fatalf("got %d events, want 4 (no draft)", len(got))
	}
	for _, ce := range events {
		e := ce.Event
		uid := "event-" + strconv.FormatInt(e.ID, 10) + "@convene.example.org"
		ev, ok := got[uid]
		if e.Status == StatusDraft {
			if ok {
				t.Errorf("draft %s is in the feed", uid)
			}
			continue
		}
		if !ok {
			t.Fatalf("no event %s in %v", uid, got)
		}
		for _, p := range []string{ical.PropDateTimeStart, ical.PropDateTimeEnd} {
			if raw := ev.Props.Get(p); !strings.HasSuffix(raw.Value, "Z") || raw.Params.Get(ical.ParamTimezoneID) != "" {
				t.Errorf("%s %s: got %q %v, want UTC with no TZID", uid, p, raw.Value, raw.Params)
			}
		}
		start, err1 := ev.DateTimeStart(nil)
		end, err2 := ev.DateTimeEnd(nil)
		if err1 != nil || err2 != nil || !start.Equal(e.StartsAt) || !end.Equal(e.EndsAt) {
			t.Errorf("%s: got %v–%v (%v, %v), want %v–%v", uid, start, end, err1, err2, e.StartsAt, e.EndsAt)
		}
		want := map[Status]ical.EventStatus{StatusPublished: ical.EventConfirmed, StatusCancelled: ical.EventCancelled}[e.Status]
		if status, err := ev.Status(); err != nil || status != want {
			t.Errorf("%s: got status %q (%v), want %q", uid, status, err, want)
		}
		if seq, err := ev.Props.Get(ical.PropSequence).Int(); err != nil || seq != e.Sequence {
			t.Errorf("%s: got sequence %d (%v), want %d", uid, seq, err, e.Sequence)
		}
		if stamp, err := ev.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !stamp.Equal(e.UpdatedAt) {
			t.Errorf("%s: got DTSTAMP %v (%v), want the last change %v", uid, stamp, err, e.UpdatedAt)
		}
		if mod, err := ev.Props.DateTime(ical.PropLastModified, nil); err != nil || !mod.Equal(e.UpdatedAt) {
			t.Errorf("%s: got LAST-MODIFIED %v (%v), want %v", uid, mod, err, e.UpdatedAt)
		}
	}
	// The clock change moves the UTC hour, not the local one.
	if s := got["event-101@convene.example.org"].Props.Get(ical.PropDateTimeStart).Value; s != "20261022T090000Z" {
		t.Errorf("before the change: got DTSTART %s, want 20261022T090000Z (10:00 BST)", s)
	}
	if s := got["event-103@convene.example.org"].Props.Get(ical.PropDateTimeStart).Value; s != "20261029T100000Z" {
		t.Errorf("after the change: got DTSTART %s, want 20261029T100000Z (10:00 GMT)", s)
	}
}

func TestICalCalendarProperties(t *testing.T) {
	c := MustDecodeICal(t, MustWriteCalendar(t, NewTestCalendar(t)))
	for name, want := range map[string]string{
		ical.PropVersion:       "2.0",
		ical.PropProductID:     "-//Convene//Convene//EN",
		ical.PropCalendarScale: "GREGORIAN",
		ical.PropMethod:        "PUBLISH",
		ical.PropName:          "North East Learning Hub – events",
		"X-WR-CALNAME":         "North East Learning Hub – events",
		"X-WR-CALDESC":         "Events of the North East Learning Hub",
		"X-WR-TIMEZONE":        "Europe/London",
	} {
		if got := MustPropText(t, c.Component, name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{ical.PropRefreshInterval, "X-PUBLISHED-TTL"} {
		p := c.Props.Get(name)
		if p == nil {
			t.Fatalf("no %s", name)
		}
		if d, err := p.Duration(); err != nil || d != time.Hour || p.Value != "PT1H" {
			t.Errorf("%s: got %q (%v, %v), want PT1H", name, p.Value, d, err)
		}
	}
	if p := c.Props.Get(ical.PropRefreshInterval); p.Params.Get(ical.ParamValue) != "DURATION" {
		t.Errorf("REFRESH-INTERVAL: got params %v, want VALUE=DURATION (RFC 7986)", p.Params)
	}
	if len(c.Children) != 0 {
		t.Errorf("empty calendar: got components %v, want none", c.Children)
	}
}

func TestICalText(t *testing.T) {
	ce := NewTestCalendarEvent(t, func(ce *CalendarEvent) {
		ce.Event.Title = `Commas, semicolons; back\slashes`
		ce.Event.Summary = "Line one\r\nLine two\rLine three\x00\x07\tend"
	})
	out := MustWriteCalendar(t, NewTestCalendar(t, ce))
	if !bytes.Contains(out, []byte(`SUMMARY:Commas\, semicolons\; back\\slashes`)) {
		t.Errorf("SUMMARY not escaped:\n%s", out)
	}
	ev := MustDecodeICal(t, out).Events()[0]
	if got, want := MustPropText(t, ev.Component, ical.PropSummary), ce.Event.Title; got != want {
		t.Errorf("SUMMARY: got %q, want %q", got, want)
	}
	desc := MustPropText(t, ev.Component, ical.PropDescription)
	if want := "Line one\nLine two\nLine three\tend\n\n"; !strings.HasPrefix(desc, want) {
		t.Errorf("DESCRIPTION: got %q, want it to start %q", desc, want)
	}
}

func TestICalFolding(t *testing.T) {
	for name, title := range map[string]string{
		"ASCII":  strings.Repeat("Peer support ", 30),
		"Accent": strings.Repeat("é", 200),
		"Welsh":  strings.Repeat("Gŵyl ", 60),
		"Emoji":  strings.Repeat("🎉👩🏽‍🤝‍👩🏻", 25),
		"Mixed":  "a" + strings.Repeat("€ŵ🎉", 40),
	} {
		t.Run(name, func(t *testing.T) {
			ce := NewTestCalendarEvent(t, func(ce *CalendarEvent) { ce.Event.Title = title })
			out := MustWriteCalendar(t, NewTestCalendar(t, ce))
			ev := MustDecodeICal(t, out).Events()[0]
			if got, want := MustPropText(t, ev.Component, ical.PropSummary), strings.TrimSpace(title); got != want {
				t.Errorf("SUMMARY: got %q, want %q", got, want)
			}
		})
	}
}

func TestICalOnlineLink(t *testing.T) {
	link := "https://meet.example.org/j/8675309"
	tests := map[string]struct {
		opt  func(*CalendarEvent)
		want bool
	}{
		"OnlinePublic":  {func(ce *CalendarEvent) {}, false},
		"OnlinePrivate": {func(ce *CalendarEvent) { ce.ShowOnlineURL = true }, true},
		"HybridPrivate": {func(ce *CalendarEvent) {
			ce.ShowOnlineURL, ce.Event.Format, ce.Event.Venue = true, FormatHybrid, "Hall"
		}, true},
		"InPersonStaleLink": {func(ce *CalendarEvent) {
			ce.ShowOnlineURL, ce.Event.Format, ce.Event.Venue = true, FormatInPerson, "Hall"
		}, false},
		"CancelledPrivate":   {func(ce *CalendarEvent) { ce.ShowOnlineURL = true; cancelled(ce) }, false},
		"HybridPublicVenue":  {func(ce *CalendarEvent) { ce.Event.Format, ce.Event.Venue = FormatHybrid, "Hall" }, false},
		"OnlinePrivateDraft": {func(ce *CalendarEvent) { ce.ShowOnlineURL, ce.Event.Status = true, StatusDraft }, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ce := NewTestCalendarEvent(t, online, func(ce *CalendarEvent) { ce.Event.OnlineURL = link }, tc.opt)
			out := MustWriteCalendar(t, NewTestCalendar(t, ce))
			unfolded := strings.ReplaceAll(string(out), "\r\n ", "")
			if got := strings.Contains(unfolded, link); got != tc.want {
				t.Errorf("link in output: got %v, want %v\n%s", got, tc.want, out)
			}
		})
	}
}

func TestICalLocation(t *testing.T) {
	tests := map[string]struct {
		format Format
		venue  string
		want   string
	}{
		"InPerson":        {FormatInPerson, "Civic Centre\nSunderland", "Civic Centre, Sunderland"},
		"Online":          {FormatOnline, "", "Online"},
		"Hybrid":          {FormatHybrid, "Civic Centre", "Civic Centre (and online)"},
		"HybridNoVenue":   {FormatHybrid, " ", "Online"},
		"InPersonNoVenue": {FormatInPerson, "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ce := NewTestCalendarEvent(t, func(ce *CalendarEvent) { ce.Event.Format, ce.Event.Venue = tc.format, tc.venue })
			ev := MustDecodeICal(t, MustWriteCalendar(t, NewTestCalendar(t, ce))).Events()[0]
			var got string
			if ev.Props.Get(ical.PropLocation) != nil {
				got = MustPropText(t, ev.Component, ical.PropLocation)
			}
			if got != tc.want {
				t.Errorf("LOCATION: got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestICalErrors(t *testing.T) {
	tests := map[string]func(*Calendar){
		"ErrNoHost": func(c *Calendar) { c.Host = " " },
		"ErrNoChangeTime": func(c *Calendar) {
			c.Events[0].Event.UpdatedAt, c.Events[0].Event.CreatedAt = time.Time{}, time.Time{}
		},
		"ErrRelativeHubURL":   func(c *Calendar) { c.Events[0].HubURL = "/hubs/north-east" },
		"ErrUnknownStatus":    func(c *Calendar) { c.Events[0].Event.Status = "postponed" },
		"ErrNoID":             func(c *Calendar) { c.Events[0].Event.ID = 0 },
		"ErrEndBeforeStart":   func(c *Calendar) { c.Events[0].Event.EndsAt = c.Events[0].Event.StartsAt },
		"ErrNoStart":          func(c *Calendar) { c.Events[0].Event.StartsAt = time.Time{} },
		"ErrRelativeURL":      func(c *Calendar) { c.Events[0].URL = "/events/42" },
		"ErrURLWithNewline":   func(c *Calendar) { c.Events[0].URL = "https://convene.example.org/\r\nX-EVIL:1" },
		"ErrNegativeSequence": func(c *Calendar) { c.Events[0].Event.Sequence = -1 },
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			cal := NewTestCalendar(t, NewTestCalendarEvent(t))
			change(&cal)
			var buf bytes.Buffer
			if err := WriteCalendar(&buf, cal); err == nil {
				t.Fatalf("got no error, want one\n%s", buf.Bytes())
			}
			if buf.Len() != 0 {
				t.Errorf("got %d bytes written on error, want none", buf.Len())
			}
		})
	}
}

// wantICalText is what text must read as once written and decoded: line
// ends become LF, invalid bytes U+FFFD, other control characters but tab
// vanish.
func wantICalText(s string) string {
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\r':
			out = append(out, '\n')
			if i+1 < len(rs) && rs[i+1] == '\n' {
				i++
			}
		case r == '\n' || r == '\t' || !unicode.IsControl(r):
			out = append(out, r)
		}
	}
	return string(out)
}

// wantICalLine is wantICalText on one line: trimmed lines, blank ones
// dropped, joined by sep.
func wantICalLine(s, sep string) string {
	var kept []string
	for _, l := range strings.Split(wantICalText(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, sep)
}

func FuzzWriteCalendar(f *testing.F) {
	f.Add("Peer support", "A day on peer support.", "Friends Meeting House", false, uint8(0))
	f.Add("Gŵyl café ☕ 🎉", "Line\r\nbreaks, commas; back\\slashes\n", "Hall\n\nStreet", true, uint8(2))
	f.Add(strings.Repeat("é", 100), strings.Repeat("👩🏽‍🤝‍👩🏻 ", 40), strings.Repeat("ŵ", 80), false, uint8(1))
	f.Add("\x00\xff\r", "\\n\\,\\;\t\r", " \u2028 ", true, uint8(0))
	f.Fuzz(func(t *testing.T, title, summary, venue string, isCancelled bool, format uint8) {
		ce := NewTestCalendarEvent(t, func(ce *CalendarEvent) {
			ce.Event.Title, ce.Event.Summary, ce.Event.Venue = title, summary, venue
			ce.Event.Format = AllFormats()[int(format)%len(AllFormats())]
			ce.Event.OnlineURL = "https://meet.example.org/j/1"
			if isCancelled {
				ce.Event.Status = StatusCancelled
			}
		})
		out := MustWriteCalendar(t, NewTestCalendar(t, ce))
		evs := MustDecodeICal(t, out).Events()
		if len(evs) != 1 {
			t.Fatalf("got %d events, want 1", len(evs))
		}
		ev := evs[0].Component

		wantSummary := wantICalLine(title, " ")
		if isCancelled {
			wantSummary = CancelledPrefix + wantSummary
		}
		if got := MustPropText(t, ev, ical.PropSummary); got != wantSummary {
			t.Fatalf("SUMMARY: got %q, want %q", got, wantSummary)
		}
		desc := MustPropText(t, ev, ical.PropDescription)
		if s := wantICalText(summary); strings.TrimSpace(s) != "" && !strings.HasPrefix(desc, s+"\n\n") {
			t.Fatalf("DESCRIPTION: got %q, want it to start %q", desc, s+"\n\n")
		}
		if !strings.HasSuffix(desc, "Event page: https://convene.example.org/events/42") {
			t.Fatalf("DESCRIPTION: got %q, want it to end with the page", desc)
		}

		wantLocation := wantICalLine(venue, ", ")
		switch {
		case ce.Event.Format == FormatOnline, ce.Event.Format == FormatHybrid && wantLocation == "":
			wantLocation = "Online"
		case ce.Event.Format == FormatHybrid:
			wantLocation += " (and online)"
		}
		var gotLocation string
		if ev.Props.Get(ical.PropLocation) != nil {
			gotLocation = MustPropText(t, ev, ical.PropLocation)
		}
		if gotLocation != wantLocation {
			t.Fatalf("LOCATION: got %q, want %q", gotLocation, wantLocation)
		}
	})
}

func TestICalFoldLines(t *testing.T) {
	tests := map[string]struct {
		line string
		want []string
	}{
		"Short":        {"SUMMARY:x", []string{"SUMMARY:x"}},
		"Exactly75":    {strings.Repeat("a", 75), []string{strings.Repeat("a", 75)}},
		"Octet76":      {strings.Repeat("a", 76), []string{strings.Repeat("a", 75), " a"}},
		"RuneOnEdge":   {strings.Repeat("a", 74) + "é", []string{strings.Repeat("a", 74), " é"}},
		"EmojiOnEdge":  {strings.Repeat("a", 73) + "🎉b", []string{strings.Repeat("a", 73), " 🎉b"}},
		"Continuation": {strings.Repeat("a", 75+74+1), []string{strings.Repeat("a", 75), " " + strings.Repeat("a", 74), " a"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := string(foldICal([]byte(tc.line + "\r\n")))
			if want := strings.Join(tc.want, "\r\n") + "\r\n"; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
