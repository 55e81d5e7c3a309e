package events

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// personalEvent is a registered person's view of the test event: agenda,
// organiser, joining link.
func personalEvent(tb testing.TB) CalendarEvent {
	tb.Helper()
	london := MustZone(tb, "Europe/London")
	return NewTestCalendarEvent(tb, online, func(ce *CalendarEvent) {
		ce.ShowOnlineURL = true
		ce.HubURL = "https://convene.example.org/hubs/north-east"
		ce.Zone = london
		ce.Agenda = []AgendaLine{
			{StartsAt: MustTime(tb, london, "2026-03-03 10:00"), EndsAt: MustTime(tb, london, "2026-03-03 10:30"), Title: "Welcome"},
			{StartsAt: MustTime(tb, london, "2026-03-03 10:30"), EndsAt: MustTime(tb, london, "2026-03-03 12:00"),
				Title: "Boundaries, in practice; a workshop", Presenter: "Tyneside Peer Network"},
		}
	})
}

func TestICalPersonalGolden(t *testing.T) {
	waitlisted := NewTestCalendarEvent(t, func(ce *CalendarEvent) {
		ce.Event.ID, ce.URL, ce.Tentative = 44, "https://convene.example.org/events/44", true
	})
	cal := NewTestCalendar(t, personalEvent(t), waitlisted)
	cal.Name, cal.Description, cal.Host = "My Convene events", "Events I have registered for", "2b1f4c1e-7d0a-4a51-9c1b-0f6b6c1d9e11"
	out := MustWriteCalendar(t, cal)
	MustDecodeICal(t, out)
	MustMatchGolden(t, "ical_personal", out)
}

func TestICalEventDownloadHasNoCalendarProperties(t *testing.T) {
	cal := NewTestCalendar(t, NewTestCalendarEvent(t))
	cal.Feed = false
	c := MustDecodeICal(t, MustWriteCalendar(t, cal))
	for _, name := range []string{ical.PropName, "X-WR-CALNAME", "X-WR-CALDESC", ical.PropRefreshInterval, "X-PUBLISHED-TTL", ical.PropDescription} {
		if p := c.Props.Get(name); p != nil {
			t.Errorf("single-event download has %s:%s, want none", name, p.Value)
		}
	}
	if m := c.Props.Get(ical.PropMethod); m != nil && m.Value != "PUBLISH" {
		t.Errorf("got METHOD:%s, want PUBLISH or none", m.Value)
	}
	if n := len(c.Events()); n != 1 {
		t.Errorf("got %d events, want 1", n)
	}
}

func TestICalTentativeAndOrganizer(t *testing.T) {
	ce := personalEvent(t)
	ce.Tentative = true
	c := MustDecodeICal(t, MustWriteCalendar(t, NewTestCalendar(t, ce)))
	ev := c.Events()[0]
	if st, _ := ev.Status(); st != ical.EventTentative {
		t.Errorf("waitlisted: got STATUS %q, want TENTATIVE", st)
	}
	org := ev.Props.Get(ical.PropOrganizer)
	if org == nil || org.Value != "https://convene.example.org/hubs/north-east" || org.Params.Get(ical.ParamCommonName) != "North East Learning Hub" {
		t.Errorf("got ORGANIZER %+v, want the hub", org)
	}
	desc := MustPropText(t, ev.Component, ical.PropDescription)
	for _, want := range []string{"Agenda (times in GMT):", "10:00–10:30 Welcome", "10:30–12:00 Boundaries, in practice; a workshop (Tyneside Peer Network)", "Join online: https://meet.example.org/"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q:\n%s", want, desc)
		}
	}

	cancelledToo := personalEvent(t)
	cancelledToo.Tentative = true
	cancelled(&cancelledToo)
	c = MustDecodeICal(t, MustWriteCalendar(t, NewTestCalendar(t, cancelledToo)))
	if st, _ := c.Events()[0].Status(); st != ical.EventCancelled {
		t.Errorf("cancelled while waitlisted: got STATUS %q, want CANCELLED", st)
	}
	if s := MustPropText(t, c.Events()[0].Component, ical.PropSummary); !strings.HasPrefix(s, CancelledPrefix) {
		t.Errorf("cancelled: got SUMMARY %q, want it to start %q", s, CancelledPrefix)
	}
}

// A feed is the same bytes until something in it changes: nothing in it
// depends on when it was written.
func TestICalByteIdentical(t *testing.T) {
	a := MustWriteCalendar(t, NewTestCalendar(t, clockChangeFeed(t)...))
	b := MustWriteCalendar(t, NewTestCalendar(t, clockChangeFeed(t)...))
	if !bytes.Equal(a, b) {
		t.Fatalf("two writes differ:\n%s\n---\n%s", a, b)
	}
	moved := clockChangeFeed(t)
	moved[0].Event.Sequence++
	if c := MustWriteCalendar(t, NewTestCalendar(t, moved...)); bytes.Equal(a, c) {
		t.Error("a raised SEQUENCE left the feed unchanged")
	}
}

// FuzzFoldICal checks the line folder on any input: every physical line
// ends in CRLF, is at most 75 octets, splits no UTF-8 sequence that was
// whole, and unfolding gives back the input.
func FuzzFoldICal(f *testing.F) {
	for _, seed := range []string{"SUMMARY:x", strings.Repeat("a", 76), strings.Repeat("é", 80), strings.Repeat("a", 73) + "🎉b" + strings.Repeat("ŵ", 60)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") || !utf8.ValidString(line) || line == "BEGIN:"+icalEmpty || line == "END:"+icalEmpty {
			return // not a content line the folder is given
		}
		out := string(foldICal([]byte(line + "\r\n")))
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("no final CRLF: %q", out)
		}
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, l)
			}
			if i > 0 && !strings.HasPrefix(l, " ") {
				t.Fatalf("continuation line %d does not start with a space: %q", i+1, l)
			}
		}
		if back := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); back != line {
			t.Fatalf("unfolded %q, want %q", back, line)
		}
	})
}
