package hub

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultTimeZone is the zone of a hub unless its admin chooses another.
const DefaultTimeZone = "Europe/London"

// Limits on free text, shared by forms, the API and the database CHECKs.
const (
	MaxName        = 200
	MaxDescription = 5000
	MaxSlug        = 60
	MaxURL         = 500
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Hub is a regional learning hub: the organisations of a region that meet
// to share and learn.
type Hub struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// Slug names the hub in URLs: lower-case letters, digits and hyphens.
	Slug string `db:"slug" json:"slug"`
	// Name is how people refer to the hub, e.g. "North East".
	Name string `db:"name" json:"name"`
	// Region is the area the hub covers, e.g. "North East England".
	Region string `db:"region" json:"region"`
	// TimeZone is the IANA zone events are scheduled in.
	TimeZone string `db:"timezone" json:"timezone"`
	// Description is shown on the hub's page.
	Description string `db:"description" json:"description"`
	// CreatedAt and UpdatedAt record the hub's history.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
	// Version counts the hub's writes; an edit made from another version
	// is stale.
	Version int64 `db:"version" json:"version"`
}

// Normalise trims surrounding space and fills defaults.
func (h *Hub) Normalise() {
	h.Slug = strings.TrimSpace(h.Slug)
	h.Name = strings.TrimSpace(h.Name)
	h.Region = strings.TrimSpace(h.Region)
	h.TimeZone = strings.TrimSpace(h.TimeZone)
	h.Description = strings.TrimSpace(h.Description)
	if h.TimeZone == "" {
		h.TimeZone = DefaultTimeZone
	}
}

// Validate reports every invalid field of the hub.
func (h *Hub) Validate() error {
	var f FieldErrors
	CheckSlug(&f, "slug", h.Slug)
	CheckName(&f, "name", h.Name)
	CheckLength(&f, "region", "Region", h.Region, MaxName)
	if _, err := LoadTimeZone(h.TimeZone); err != nil {
		f.Add("timezone", ErrorMessage(err))
	}
	CheckLength(&f, "description", "Description", h.Description, MaxDescription)
	return f.Err()
}

// CheckSlug records a problem with a URL slug, if any.
func CheckSlug(f *FieldErrors, field, slug string) {
	switch {
	case slug == "":
		f.Add(field, "Enter a short name for the web address, like north-east")
	case utf8.RuneCountInString(slug) > MaxSlug:
		f.Add(field, "The short name must be 60 characters or fewer")
	case !slugPattern.MatchString(slug):
		f.Add(field, "The short name can only use lower-case letters, digits and single hyphens between them, like north-east")
	}
}

// CheckName records a problem with a required name, if any.
func CheckName(f *FieldErrors, field, name string) {
	if name == "" {
		f.Add(field, "Enter a name")
		return
	}
	CheckLength(f, field, "Name", name, MaxName)
}

// CheckLength records a problem when s is longer than max characters, or
// holds what cannot be stored.
func CheckLength(f *FieldErrors, field, label, s string, max int) {
	switch {
	case utf8.RuneCountInString(s) > max:
		f.Add(field, label+" must be "+itoa(max)+" characters or fewer")
	case !StorableText(s):
		f.Add(field, label+" contains characters we cannot store; please retype it")
	}
}

// Plural counts things in words: "1 place", "3 places".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// StorableText reports whether s is valid UTF-8 without NUL characters,
// which PostgreSQL text cannot hold.
func StorableText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// Slugify suggests a slug for a name: "Yorkshire & Humber" → "yorkshire-humber".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= MaxSlug {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
