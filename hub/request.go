package hub

import (
	"strings"
	"time"
)

// Limits on a topic request's text, shared with the database CHECKs.
const (
	MaxRequestTitle    = 200
	MaxRequestDetails  = 5000
	MaxRequestAudience = 500
	MaxRequestReason   = 2000
	MaxSupportComment  = 1000
	MaxOfferDetails    = 2000
)

// RequestFormat is how a member would like a topic to be covered.
type RequestFormat string

// The formats a request or an offer can name.
const (
	FormatTalk         RequestFormat = "talk"
	FormatWorkshop     RequestFormat = "workshop"
	FormatDiscussion   RequestFormat = "discussion"
	FormatResource     RequestFormat = "resource_share"
	FormatIntroduction RequestFormat = "introduction"
)

// RequestFormats lists the formats in the order forms show them.
func RequestFormats() []RequestFormat {
	return []RequestFormat{FormatTalk, FormatWorkshop, FormatDiscussion, FormatResource, FormatIntroduction}
}

// Valid reports whether f is a known format.
func (f RequestFormat) Valid() bool {
	for _, k := range RequestFormats() {
		if f == k {
			return true
		}
	}
	return false
}

// Label is the format as people say it.
func (f RequestFormat) Label() string {
	switch f {
	case FormatTalk:
		return "Talk"
	case FormatWorkshop:
		return "Workshop"
	case FormatDiscussion:
		return "Discussion"
	case FormatResource:
		return "Resource share"
	case FormatIntroduction:
		return "One-to-one introduction"
	}
	return string(f)
}

// AgendaKind is the kind of agenda item that delivers a request in this
// format (events' agenda kinds: talk, workshop, discussion, networking,
// resource_share): an introduction happens in a networking slot.
func (f RequestFormat) AgendaKind() string {
	if f == FormatIntroduction {
		return "networking"
	}
	return string(f)
}

// TopicRequest is a member organisation's ask for a topic to be covered
// at the hub's events.
type TopicRequest struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// HubID is the hub asked.
	HubID int64 `db:"hub_id" json:"hub_id"`
	// OrganisationID is the organisation asking, an active member of the hub.
	OrganisationID int64 `db:"organisation_id" json:"organisation_id"`
	// RequestedBy is the person who made it, if their account still exists.
	RequestedBy *int64 `db:"requested_by" json:"requested_by"`
	// Topic is the slug of the topic asked about.
	Topic string `db:"topic" json:"topic"`
	// Title says in a few words what is wanted.
	Title string `db:"title" json:"title"`
	// Details says what they need and why.
	Details string `db:"details" json:"details"`
	// Format is how they would like it covered.
	Format RequestFormat `db:"format" json:"format"`
	// Audience says who it is for (peer support workers, managers …).
	Audience string `db:"audience" json:"audience"`
	// Status is where it stands; see request_status.go.
	Status RequestStatus `db:"status" json:"status"`
	// Reason is why it was declined (shown to the requester) or merged.
	Reason string `db:"reason" json:"reason"`
	// MergedInto is the request it was merged into, if merged.
	MergedInto *int64 `db:"merged_into" json:"merged_into"`
	// CreatedAt, UpdatedAt and StatusChangedAt record its history.
	CreatedAt       time.Time `db:"created_at" json:"created_at"`
	UpdatedAt       time.Time `db:"updated_at" json:"updated_at"`
	StatusChangedAt time.Time `db:"status_changed_at" json:"status_changed_at"`
	// DeliveredAt is when the event that answered it ended.
	DeliveredAt *time.Time `db:"delivered_at" json:"delivered_at"`
	// Version counts its writes, for If-Match.
	Version int64 `db:"version" json:"version"`
}

// Normalise trims surrounding space.
func (r *TopicRequest) Normalise() {
	r.Topic = strings.TrimSpace(r.Topic)
	r.Title = strings.TrimSpace(r.Title)
	r.Details = strings.TrimSpace(r.Details)
	r.Audience = strings.TrimSpace(r.Audience)
	r.Format = RequestFormat(strings.TrimSpace(string(r.Format)))
}

// Validate reports every invalid field a requester fills in. Whether the
// topic exists is for storage to say.
func (r *TopicRequest) Validate() error {
	var f FieldErrors
	if r.OrganisationID <= 0 {
		f.Add("organisation_id", "Choose the organisation you are asking for")
	}
	if r.Topic == "" {
		f.Add("topic", "Choose a topic")
	}
	if r.Title == "" {
		f.Add("title", "Enter a short title")
	}
	CheckLength(&f, "title", "The title", r.Title, MaxRequestTitle)
	if r.Details == "" {
		f.Add("details", "Say what you need and why")
	}
	CheckLength(&f, "details", "What you need", r.Details, MaxRequestDetails)
	if !r.Format.Valid() {
		f.Add("format", "Choose a format: talk, workshop, discussion, resource share or one-to-one introduction")
	}
	CheckLength(&f, "audience", "Who it is for", r.Audience, MaxRequestAudience)
	return f.Err()
}

// Support is an organisation backing a request: "we need this too".
type Support struct {
	// RequestID is the request supported.
	RequestID int64 `db:"request_id" json:"request_id"`
	// OrganisationID is the supporting organisation.
	OrganisationID int64 `db:"organisation_id" json:"organisation_id"`
	// Organisation names it.
	Organisation string `db:"organisation" json:"organisation"`
	// Comment is what they add, if anything.
	Comment string `db:"comment" json:"comment"`
	// CreatedAt is when they gave it.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Validate checks the comment.
func (s *Support) Validate() error {
	var f FieldErrors
	if s.OrganisationID <= 0 {
		f.Add("organisation_id", "Choose the organisation you are supporting it for")
	}
	CheckLength(&f, "comment", "The comment", s.Comment, MaxSupportComment)
	return f.Err()
}

// Offer is an organisation offering to deliver a request or share its
// expertise on it.
type Offer struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// RequestID is the request it answers.
	RequestID int64 `db:"request_id" json:"request_id"`
	// OrganisationID is the organisation offering.
	OrganisationID int64 `db:"organisation_id" json:"organisation_id"`
	// Organisation names it.
	Organisation string `db:"organisation" json:"organisation"`
	// Details says what they can bring.
	Details string `db:"details" json:"details"`
	// Format is how they would deliver it.
	Format RequestFormat `db:"format" json:"format"`
	// CreatedAt is when they offered.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Validate reports every invalid field of the offer.
func (o *Offer) Validate() error {
	var f FieldErrors
	if o.OrganisationID <= 0 {
		f.Add("organisation_id", "Choose the organisation making the offer")
	}
	if strings.TrimSpace(o.Details) == "" {
		f.Add("details", "Say what you can bring")
	}
	CheckLength(&f, "details", "What you can bring", o.Details, MaxOfferDetails)
	if !o.Format.Valid() {
		f.Add("format", "Choose a format: talk, workshop, discussion, resource share or one-to-one introduction")
	}
	return f.Err()
}
