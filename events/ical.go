package events

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// CalendarEvent is an event as a calendar shows it.
type CalendarEvent struct {
	// Event is the event itself; drafts are left out of calendars.
	Event Event
	// HubName names the hub that runs the event.
	HubName string
	// URL is the event's page, absolute.
	URL string
	// HostName names the hosting organisation; may be empty.
	HostName string
	// ShowOnlineURL puts the joining link in the description. The link is
	// private: set it only in a person's own feed or download.
	ShowOnlineURL bool
	// Topics are the names of the event's topics, written as CATEGORIES.
	Topics []string
	// Tentative marks an event the person is only waitlisted for
	// (STATUS:TENTATIVE); a cancelled event stays CANCELLED.
	Tentative bool
	// HubURL is the hub's page, absolute: the ORGANIZER, named after the
	// hub. May be empty.
	HubURL string
	// Agenda is the event's agenda, written into the description.
	Agenda []AgendaLine
	// Zone is the hub's time zone, in which agenda times are written; nil
	// is UTC.
	Zone *time.Location
}

// AgendaLine is an agenda item as a calendar's description lists it.
type AgendaLine struct {
	// StartsAt and EndsAt bound the item.
	StartsAt, EndsAt time.Time
	// Title is what the item is.
	Title string
	// Presenter names who presents it; may be empty.
	Presenter string
}

// Calendar is a feed or a single-event download.
type Calendar struct {
	// Name is the calendar's name (NAME and X-WR-CALNAME), e.g.
	// "North East Learning Hub – events".
	Name string
	// Description says what the calendar holds (DESCRIPTION and X-WR-CALDESC).
	Description string
	// Host is the right-hand side of every UID: this installation's
	// identifier, made once and kept in the database (never the site's
	// address, which may change), e.g. "5f0c…@convene".
	Host string
	// Feed marks a subscribed feed, which carries the calendar-level
	// properties (NAME, X-WR-CALNAME, X-WR-CALDESC, REFRESH-INTERVAL,
	// X-PUBLISHED-TTL). A single-event download must not: Outlook desktop
	// then opens it as a new calendar instead of an appointment.
	Feed bool
	// TimeZone is the IANA zone calendars show by default (X-WR-TIMEZONE),
	// e.g. "Europe/London". Times themselves are written in UTC.
	TimeZone string
	// Events are the events in order; drafts among them are skipped.
	Events []CalendarEvent
}

const (
	icalProductID = "-//Convene//Convene//EN"
	// icalRefresh asks subscribers to poll hourly (RFC 7986 REFRESH-INTERVAL
	// and Outlook's X-PUBLISHED-TTL). Google polls on its own schedule.
	icalRefresh = "PT1H"
	// CancelledPrefix starts the SUMMARY of a cancelled event. Clients differ
	// on STATUS:CANCELLED in a subscribed feed (Google drops the event, Apple
	// strikes it through, some show it as if it were on), so the title says
	// it too.
	CancelledPrefix = "Cancelled: "
	// icalEmpty marks a placeholder component for an empty calendar; see
	// WriteCalendar.
	icalEmpty = "X-CONVENE-EMPTY"
)

// WriteCalendar writes cal as an iCalendar (RFC 5545) object with METHOD
// PUBLISH: one VEVENT per published or cancelled event.
//
// Drafts are skipped rather than refused, so that a feed is never broken by
// one event; callers must still not offer a draft for download, as an empty
// calendar is all it would give.
//
// The whole object is built in memory and written at once, so on error
// nothing has been written and the caller can still answer with an error.
// Text is normalised (see icalText), escaped by go-ical, and folded here at
// 75 octets, as go-ical's encoder does not fold.
//
// An empty calendar has no component. RFC 5545 strictly asks for one, but
// an empty VCALENDAR is the usual way to publish an empty feed, and a
// quiet hub's feed must stay subscribable rather than fail. go-ical refuses
// to encode it, so a placeholder component is encoded and dropped from the
// output.
func WriteCalendar(w io.Writer, cal Calendar) error {
	c, err := cal.icalendar()
	if err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(c); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	if _, err := w.Write(foldICal(buf.Bytes())); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

func (cal Calendar) icalendar() (*ical.Calendar, error) {
	if strings.TrimSpace(cal.Host) == "" {
		return nil, fmt.Errorf("no host for UIDs")
	}
	c := ical.NewCalendar()
	setRaw(c.Props, ical.PropVersion, "2.0")
	setRaw(c.Props, ical.PropProductID, icalProductID)
	setRaw(c.Props, ical.PropCalendarScale, "GREGORIAN")
	// PUBLISH, never REQUEST: REQUEST turns a file into a meeting
	// invitation with accept and decline buttons.
	setRaw(c.Props, ical.PropMethod, "PUBLISH")
	if cal.Feed {
		cal.setFeedProps(c.Props)
	}
	for _, ce := range cal.Events {
		if ce.Event.Status == StatusDraft {
			continue
		}
		ev, err := cal.vevent(ce)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", ce.Event.ID, err)
		}
		c.Children = append(c.Children, ev)
	}
	if len(c.Children) == 0 {
		c.Children = append(c.Children, ical.NewComponent(icalEmpty))
	}
	return c, nil
}

// setFeedProps sets the properties of a subscribed calendar.
func (cal Calendar) setFeedProps(props ical.Props) {
	if name := icalLine(cal.Name, " "); name != "" {
		props.SetText(ical.PropName, name)
		setXText(props, "X-WR-CALNAME", name)
	}
	if desc := icalText(cal.Description); desc != "" {
		props.SetText(ical.PropDescription, desc)
		setXText(props, "X-WR-CALDESC", desc)
	}
	if tz := icalLine(cal.TimeZone, ""); tz != "" {
		setXText(props, "X-WR-TIMEZONE", tz)
	}
	refresh := ical.NewProp(ical.PropRefreshInterval)
	refresh.Params.Set(ical.ParamValue, string(ical.ValueDuration)) // required by RFC 7986
	refresh.Value = icalRefresh
	props.Set(refresh)
	setRaw(props, "X-PUBLISHED-TTL", icalRefresh)
}

// vevent builds the VEVENT of one published or cancelled event.
func (cal Calendar) vevent(ce CalendarEvent) (*ical.Component, error) {
	e := ce.Event
	var status ical.EventStatus
	switch e.Status {
	case StatusPublished:
		status = ical.EventConfirmed
	case StatusCancelled:
		status = ical.EventCancelled
	default:
		return nil, fmt.Errorf("status %q has no calendar form", e.Status)
	}
	switch {
	case e.ID <= 0:
		return nil, fmt.Errorf("no ID for its UID")
	case e.StartsAt.IsZero() || !e.EndsAt.After(e.StartsAt):
		return nil, fmt.Errorf("times %v to %v are not a span", e.StartsAt, e.EndsAt)
	case e.Sequence < 0:
		return nil, fmt.Errorf("sequence %d is negative", e.Sequence)
	}
	ev := ical.NewEvent()
	p := ev.Props
	// The UID never changes with the event: clients match updates (a new
	// time, a cancellation) to what they hold by UID, and by SEQUENCE decide
	// which version wins when a download is imported again.
	p.SetText(ical.PropUID, fmt.Sprintf("event-%d@%s", e.ID, strings.TrimSpace(cal.Host)))
	// DTSTAMP is when the event last changed in the store, not when the
	// file was written, so that a feed is byte-identical (and its ETag
	// unchanged) until something in it changes.
	changed := e.UpdatedAt
	if changed.IsZero() {
		changed = e.CreatedAt
	}
	if changed.IsZero() {
		return nil, fmt.Errorf("no time of last change for DTSTAMP")
	}
	p.SetDateTime(ical.PropDateTimeStamp, changed.UTC().Truncate(time.Second))
	// Times are written in UTC ("Z" form) rather than with a TZID: an event is
	// a single instant range (series are materialised, so there is no RRULE
	// whose wall-clock time must survive a DST change), UTC needs no
	// VTIMEZONE block, which RFC 5545 requires for every TZID and go-ical
	// does not generate, and every client shows UTC in the reader's own zone,
	// on either side of a clock change.
	p.SetDateTime(ical.PropDateTimeStart, e.StartsAt.UTC())
	p.SetDateTime(ical.PropDateTimeEnd, e.EndsAt.UTC())
	summary := icalLine(e.Title, " ")
	if e.Status == StatusCancelled {
		summary = CancelledPrefix + summary
	}
	p.SetText(ical.PropSummary, summary)
	if desc := ce.description(); desc != "" {
		p.SetText(ical.PropDescription, desc)
	}
	if loc := location(e); loc != "" {
		p.SetText(ical.PropLocation, loc)
	}
	if ce.URL != "" {
		u, err := url.Parse(ce.URL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			return nil, fmt.Errorf("page URL %q is not absolute", ce.URL)
		}
		p.SetURI(ical.PropURL, u)
	}
	if ce.Tentative && status == ical.EventConfirmed {
		status = ical.EventTentative
	}
	ev.SetStatus(status)
	if ce.HubURL != "" {
		if u, err := url.Parse(ce.HubURL); err != nil || !u.IsAbs() {
			return nil, fmt.Errorf("hub URL %q is not absolute", ce.HubURL)
		}
		org := ical.NewProp(ical.PropOrganizer)
		if name := icalLine(ce.HubName, " "); name != "" {
			org.Params.Set(ical.ParamCommonName, name)
		}
		org.Value = ce.HubURL
		p.Set(org)
	}
	setRaw(p, ical.PropSequence, strconv.Itoa(e.Sequence))
	if !e.CreatedAt.IsZero() {
		p.SetDateTime(ical.PropCreated, e.CreatedAt.UTC().Truncate(time.Second))
	}
	p.SetDateTime(ical.PropLastModified, changed.UTC().Truncate(time.Second))
	var topics []string
	for _, t := range ce.Topics {
		if t = icalLine(t, " "); t != "" {
			topics = append(topics, t)
		}
	}
	if len(topics) > 0 {
		cat := ical.NewProp(ical.PropCategories)
		cat.SetTextList(topics)
		p.Set(cat)
	}
	return ev.Component, nil
}

// description is the event's summary, then what a calendar entry does not
// otherwise show, then the page for everything else.
func (ce CalendarEvent) description() string {
	e := ce.Event
	var paras []string
	if s := icalText(e.Summary); strings.TrimSpace(s) != "" {
		paras = append(paras, s)
	}
	var lines []string
	if h := icalLine(ce.HubName, " "); h != "" {
		lines = append(lines, "Hub: "+h)
	}
	if h := icalLine(ce.HostName, " "); h != "" {
		lines = append(lines, "Hosted by: "+h)
	}
	// A cancelled event's link is no use; a public feed must never carry it.
	if ce.ShowOnlineURL && e.Status != StatusCancelled && e.Format.NeedsOnlineURL() {
		if u := icalLine(e.OnlineURL, ""); u != "" {
			lines = append(lines, "Join online: "+u)
		}
	}
	if e.Status == StatusCancelled {
		if r := icalText(e.CancelReason); strings.TrimSpace(r) != "" {
			lines = append(lines, "This event has been cancelled: "+r)
		} else {
			lines = append(lines, "This event has been cancelled.")
		}
	}
	if u := icalLine(ce.URL, ""); u != "" {
		lines = append(lines, "Event page: "+u)
	}
	if len(lines) > 0 {
		paras = append(paras, strings.Join(lines, "\n"))
	}
	if agenda := ce.agendaText(); agenda != "" {
		paras = append(paras, agenda)
	}
	return strings.Join(paras, "\n\n")
}

// agendaText lists the agenda in plain text, one item a line, with local
// times in the hub's zone (named, as readers may be elsewhere).
func (ce CalendarEvent) agendaText() string {
	if len(ce.Agenda) == 0 {
		return ""
	}
	loc := ce.Zone
	if loc == nil {
		loc = time.UTC
	}
	zone, _ := ce.Agenda[0].StartsAt.In(loc).Zone()
	lines := []string{"Agenda (times in " + zone + "):"}
	for _, a := range ce.Agenda {
		line := a.StartsAt.In(loc).Format("15:04") + "–" + a.EndsAt.In(loc).Format("15:04") + " " + icalLine(a.Title, " ")
		if who := icalLine(a.Presenter, " "); who != "" {
			line += " (" + who + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// location is the venue, "Online", or for hybrid events both.
func location(e Event) string {
	venue := icalLine(e.Venue, ", ")
	switch {
	case e.Format == FormatOnline || (e.Format == FormatHybrid && venue == ""):
		return "Online"
	case e.Format == FormatHybrid:
		return venue + " (and online)"
	}
	return venue
}

// setXText sets a non-standard text property. go-ical would mark it
// VALUE=TEXT, which is legal but not what Apple and Google write or expect.
func setXText(props ical.Props, name, text string) {
	p := ical.NewProp(name)
	p.SetText(text)
	p.Params.Del(ical.ParamValue)
	props.Set(p)
}

// setRaw sets a property whose value needs no escaping.
func setRaw(props ical.Props, name, value string) {
	p := ical.NewProp(name)
	p.Value = value
	props.Set(p)
}

// icalLineOctets is the longest content line RFC 5545 (3.1) allows,
// excluding the CRLF.
const icalLineOctets = 75

// icalText makes s fit for an iCalendar TEXT value: CRLF and CR become LF,
// bytes that are not UTF-8 become U+FFFD, and control characters other than
// LF and tab are dropped (RFC 5545 TEXT allows no others, and go-ical would
// refuse a CR). Escaping is go-ical's.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // ranging turns each invalid byte into U+FFFD
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icalLine is icalText for a value shown on one line (a title, a venue):
// its lines are trimmed, blank ones dropped, and the rest joined with sep.
func icalLine(s, sep string) string {
	var lines []string
	for _, l := range strings.Split(icalText(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, sep)
}

// foldICal folds the CRLF-ended content lines of an encoded calendar at
// icalLineOctets, never inside a UTF-8 sequence, continuing each with a
// space (RFC 5545 3.1), and drops the lines of the empty-calendar
// placeholder.
func foldICal(encoded []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(encoded) + len(encoded)/icalLineOctets*3)
	for len(encoded) > 0 {
		line, rest, _ := bytes.Cut(encoded, []byte("\r\n"))
		encoded = rest
		if s := string(line); s == "BEGIN:"+icalEmpty || s == "END:"+icalEmpty {
			continue
		}
		limit := icalLineOctets
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = icalLineOctets - 1 // the leading space counts
		}
		out.Write(line)
		out.WriteString("\r\n")
	}
	return out.Bytes()
}
