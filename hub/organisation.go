package hub

import (
	"net/url"
	"strings"
	"time"
)

// OrgKind is what sort of organisation takes part in a hub.
type OrgKind string

// The kinds of organisation, in the order pages list them.
const (
	FundedProject          OrgKind = "funded_project"
	SpecialistOrganisation OrgKind = "specialist_organisation"
	Network                OrgKind = "network"
	Commissioner           OrgKind = "commissioner"
	OtherKind              OrgKind = "other"
)

// OrgKinds lists every kind in display order.
func OrgKinds() []OrgKind {
	return []OrgKind{FundedProject, SpecialistOrganisation, Network, Commissioner, OtherKind}
}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool {
	for _, known := range OrgKinds() {
		if k == known {
			return true
		}
	}
	return false
}

// Label is the kind as people say it, singular.
func (k OrgKind) Label() string {
	switch k {
	case FundedProject:
		return "Funded project"
	case SpecialistOrganisation:
		return "Specialist organisation"
	case Network:
		return "Network"
	case Commissioner:
		return "Commissioner or local authority"
	case OtherKind:
		return "Other"
	}
	return string(k)
}

// PluralLabel heads a group of organisations of this kind.
func (k OrgKind) PluralLabel() string {
	switch k {
	case FundedProject:
		return "Funded projects"
	case SpecialistOrganisation:
		return "Specialist organisations"
	case Network:
		return "Networks"
	case Commissioner:
		return "Commissioners and local authorities"
	case OtherKind:
		return "Other organisations"
	}
	return string(k)
}

// Organisation is a project, specialist organisation, network,
// commissioner or other body that takes part in hubs.
type Organisation struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// Name is unique, ignoring case.
	Name string `db:"name" json:"name"`
	// Kind says what sort of organisation it is.
	Kind OrgKind `db:"kind" json:"kind"`
	// Website is an absolute http(s) URL, or empty.
	Website string `db:"website" json:"website"`
	// Description is the organisation in its own words.
	Description string `db:"description" json:"description"`
	// CreatedAt and UpdatedAt record its history.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
	// Version counts the organisation's writes; an edit made from another
	// version is stale.
	Version int64 `db:"version" json:"version"`
}

// Normalise trims surrounding space.
func (o *Organisation) Normalise() {
	o.Name = strings.TrimSpace(o.Name)
	o.Kind = OrgKind(strings.TrimSpace(string(o.Kind)))
	o.Website = strings.TrimSpace(o.Website)
	o.Description = strings.TrimSpace(o.Description)
}

// Validate reports every invalid field of the organisation.
func (o *Organisation) Validate() error {
	var f FieldErrors
	CheckName(&f, "name", o.Name)
	if !o.Kind.Valid() {
		f.Add("kind", "Choose what kind of organisation this is: funded project, specialist organisation, network, commissioner or other")
	}
	if o.Website != "" {
		CheckURL(&f, "website", o.Website)
	}
	CheckLength(&f, "description", "Description", o.Description, MaxDescription)
	return f.Err()
}

// CheckURL records a problem unless s is an absolute http or https URL.
func CheckURL(f *FieldErrors, field, s string) {
	u, err := url.Parse(s)
	switch {
	case len(s) > MaxURL:
		f.Add(field, "The web address must be 500 characters or fewer")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		f.Add(field, "Enter a full web address starting with https://")
	}
}

// GroupByKind splits organisations by kind, in display order, leaving out
// kinds with none.
func GroupByKind(orgs []Organisation) []KindGroup {
	var groups []KindGroup
	for _, kind := range OrgKinds() {
		var in []Organisation
		for _, o := range orgs {
			if o.Kind == kind {
				in = append(in, o)
			}
		}
		if len(in) > 0 {
			groups = append(groups, KindGroup{Kind: kind, Organisations: in})
		}
	}
	return groups
}

// KindGroup is the organisations of one kind.
type KindGroup struct {
	Kind          OrgKind
	Organisations []Organisation
}
