package notify

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/events"
)

// Recipient is the one person a message is for.
type Recipient struct {
	// Name is how they are addressed; may be empty.
	Name string
	// Email is where the message goes.
	Email string
}

// Site is what every message needs to know about the Convene sending it.
type Site struct {
	// BaseURL is the public address, without a trailing slash, to which
	// paths are joined: "https://convene.example.org".
	BaseURL string
	// Host is the right-hand side of calendar UIDs: the deployment's
	// identifier (storage.DeploymentID), as in every feed and download.
	Host string
	// Now is when the message is composed.
	Now time.Time
}

// EventInfo is what a message says about an event.
type EventInfo struct {
	// Event is the event as it is now.
	Event events.Event
	// Loc is the hub's time zone, in which times are shown.
	Loc *time.Location
	// HostName names the hosting organisation; may be empty.
	HostName string
	// Topics are the names of the event's topics.
	Topics []string
}

// Input is everything one message is made from. Paths are relative to
// Site.BaseURL; fields that a kind does not use are ignored.
type Input struct {
	// Kind says which message this is.
	Kind Kind
	// To is the recipient.
	To Recipient
	// Site is the sending Convene.
	Site Site
	// HubName names the hub the message comes from; may be empty for
	// messages about the account only.
	HubName string
	// Event is the event the message is about, for kinds about an event.
	Event *EventInfo
	// HasPlace is set when the recipient holds a place (not waiting):
	// only then does the message carry the joining link.
	HasPlace bool
	// Position is the recipient's place on the waitlist, from 1.
	Position int
	// ManagePath is a guest's private link to their registration.
	ManagePath string
	// LinkPath is the link the message exists for: the set-password link
	// of an invitation or reset, the account page of an organisation's
	// invitation.
	LinkPath string
	// OrganisationName names the organisation inviting the recipient.
	OrganisationName string
	// InvitedBy names who invited them; may be empty.
	InvitedBy string
	// Previous is the event as it was, for KindEventChanged.
	Previous *Previous
	// Reminder says which reminder this is, for KindReminder.
	Reminder ReminderKind
	// Digest is the coordinator's digest, for KindDigest.
	Digest *Digest
	// Feedback is what a feedback message says, for KindFeedbackAsk and
	// KindFeedbackCode.
	Feedback *FeedbackNote
	// UnsubscribePath turns this kind off for the recipient in one click,
	// for optional kinds.
	UnsubscribePath string
}

// Message is a composed message, ready to send.
type Message struct {
	// To is the recipient.
	To Recipient
	// Subject is the subject line.
	Subject string
	// Text is the plain-text part.
	Text string
	// HTML is the HTML part, with the same words.
	HTML string
	// Calendar is the event's .ics (METHOD:PUBLISH), for messages about an
	// event; nil otherwise.
	Calendar []byte
	// CalendarName is the attachment's file name.
	CalendarName string
	// UnsubscribeURL is the one-click unsubscribe address (RFC 8058), for
	// optional kinds only: the unsubscribe page's address under /api/v1,
	// which takes a POST without a session or form token.
	UnsubscribeURL string
}

// Compose makes the message for in.
func Compose(in Input) (Message, error) {
	if !in.Kind.Valid() {
		return Message{}, fmt.Errorf("compose: unknown kind %q", in.Kind)
	}
	if strings.TrimSpace(in.To.Email) == "" {
		return Message{}, fmt.Errorf("compose %s: no recipient", in.Kind)
	}
	if in.Kind.AboutEvent() && in.Event == nil {
		return Message{}, fmt.Errorf("compose %s: no event", in.Kind)
	}
	if in.Kind == KindDigest && in.Digest == nil {
		return Message{}, fmt.Errorf("compose %s: no digest", in.Kind)
	}
	if (in.Kind == KindFeedbackAsk || in.Kind == KindFeedbackCode) && (in.Feedback == nil || in.Event == nil) {
		return Message{}, fmt.Errorf("compose %s: no event or feedback", in.Kind)
	}
	c := contentOf(in)
	m := Message{To: in.To, Subject: oneLine(c.Subject)}
	if in.Kind.Optional() && in.UnsubscribePath != "" {
		m.UnsubscribeURL = in.url("/api/v1" + in.UnsubscribePath)
	}
	var err error
	if m.Text, err = renderText(c); err != nil {
		return Message{}, fmt.Errorf("compose %s: %w", in.Kind, err)
	}
	if m.HTML, err = renderHTML(c); err != nil {
		return Message{}, fmt.Errorf("compose %s: %w", in.Kind, err)
	}
	if in.Kind.AboutEvent() && in.Event.Event.Status != events.StatusDraft {
		if m.Calendar, err = in.calendar(); err != nil {
			return Message{}, fmt.Errorf("compose %s: %w", in.Kind, err)
		}
		m.CalendarName = fmt.Sprintf("event-%d.ics", in.Event.Event.ID)
	}
	return m, nil
}

// calendar is the event's .ics, as its download gives it to the
// recipient: same UID, its current SEQUENCE, the joining link only with a
// place.
func (in Input) calendar() ([]byte, error) {
	e := in.Event
	ce := events.CalendarEvent{Event: e.Event, HubName: in.HubName, URL: in.url(eventPath(e.Event.ID)),
		HostName: e.HostName, ShowOnlineURL: in.HasPlace, Topics: e.Topics}
	zone := ""
	if e.Loc != nil {
		zone = e.Loc.String()
	}
	var buf bytes.Buffer
	err := events.WriteCalendar(&buf, events.Calendar{Name: e.Event.Title, Host: in.Site.Host, TimeZone: zone,
		Events: []events.CalendarEvent{ce}})
	return buf.Bytes(), err
}

func (in Input) url(path string) string {
	if path == "" {
		return ""
	}
	return in.Site.BaseURL + path
}

func eventPath(id int64) string { return fmt.Sprintf("/events/%d", id) }

// oneLine keeps a header value on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// FeedbackNote is what a message about feedback says beyond its event.
type FeedbackNote struct {
	// Reminder marks the second (and last) ask.
	Reminder bool `json:"reminder,omitempty"`
	// Closes is when feedback on the event closes.
	Closes time.Time `json:"closes"`
	// Code is the one-time code, for KindFeedbackCode; Expires is when it
	// stops working.
	Code    string    `json:"-"`
	Expires time.Time `json:"expires,omitzero"`
}
