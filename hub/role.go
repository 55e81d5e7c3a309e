package hub

import "time"

// RoleKind is a responsibility a person holds.
type RoleKind string

// The roles. Admin is site-wide; the others are held per hub.
const (
	RoleAdmin       RoleKind = "admin"
	RoleCoordinator RoleKind = "coordinator"
	RoleEvaluator   RoleKind = "evaluator"
)

// Valid reports whether r is a known role.
func (r RoleKind) Valid() bool {
	return r == RoleAdmin || r == RoleCoordinator || r == RoleEvaluator
}

// HubRole reports whether r is held per hub.
func (r RoleKind) HubRole() bool { return r == RoleCoordinator || r == RoleEvaluator }

// Label is the role as people say it.
func (r RoleKind) Label() string {
	switch r {
	case RoleAdmin:
		return "Site administrator"
	case RoleCoordinator:
		return "Coordinator"
	case RoleEvaluator:
		return "Evaluator"
	}
	return string(r)
}

// RoleChange is a role given to or taken from a person: a hub's
// coordinator or evaluator (HubID set), or a site administrator (no hub).
type RoleChange struct {
	PersonID int64
	Role     RoleKind
	HubID    *int64
}

// Validate checks that the role fits where it is held.
func (r RoleChange) Validate() error {
	var f FieldErrors
	switch {
	case r.HubID != nil && !r.Role.HubRole():
		f.Add("role", "Choose coordinator or evaluator")
	case r.HubID == nil && r.Role != RoleAdmin:
		f.Add("role", "Only the site administrator role is held outside a hub")
	}
	if r.PersonID <= 0 {
		f.Add("person_id", "There is no person with this id")
	}
	return f.Err()
}

// CanChangeRoles reports whether a may appoint and remove coordinators,
// evaluators and administrators: site administrators only.
func CanChangeRoles(a *Actor) bool { return CanAdminister(a) }

// Role is one responsibility of one person.
type Role struct {
	// PersonID holds the role.
	PersonID int64 `db:"person_id" json:"person_id"`
	// Role is what they are.
	Role RoleKind `db:"role" json:"role"`
	// HubID is the hub for coordinators and evaluators; nil for admins.
	HubID *int64 `db:"hub_id" json:"hub_id,omitempty"`
	// HubSlug and HubName describe the hub, when there is one.
	HubSlug *string `db:"hub_slug" json:"hub,omitempty"`
	HubName *string `db:"hub_name" json:"hub_name,omitempty"`
	// CreatedAt is when it was given.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// NewActor builds the actor of a signed-in person from their roles and
// organisations.
func NewActor(p *Person, roles []Role, orgIDs []int64) *Actor {
	a := &Actor{Person: p, Coordinates: map[int64]bool{}, Evaluates: map[int64]bool{}, Organisations: map[int64]bool{}}
	for _, r := range roles {
		switch {
		case r.Role == RoleAdmin:
			a.Admin = true
		case r.Role == RoleCoordinator && r.HubID != nil:
			a.Coordinates[*r.HubID] = true
		case r.Role == RoleEvaluator && r.HubID != nil:
			a.Evaluates[*r.HubID] = true
		}
	}
	for _, id := range orgIDs {
		a.Organisations[id] = true
	}
	return a
}
