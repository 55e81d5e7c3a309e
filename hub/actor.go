package hub

// Actor is whoever makes a request: nobody (anonymous) or a signed-in
// person with their roles and organisations. The policy functions in
// policy.go decide what an actor may do.
type Actor struct {
	// Person is nil for an anonymous visitor.
	Person *Person
	// Admin is true for site administrators.
	Admin bool
	// Coordinates holds the ids of the hubs the person coordinates.
	Coordinates map[int64]bool
	// Evaluates holds the ids of the hubs the person evaluates.
	Evaluates map[int64]bool
	// Organisations holds the ids of the organisations the person acts for.
	Organisations map[int64]bool
}

// Anonymous is the actor of a request nobody signed in to.
var Anonymous = &Actor{}

// SignedIn reports whether a person is behind the request.
func (a *Actor) SignedIn() bool { return a != nil && a.Person != nil }

// PersonID is the signed-in person's id, or 0.
func (a *Actor) PersonID() int64 {
	if !a.SignedIn() {
		return 0
	}
	return a.Person.ID
}

// Name is the signed-in person's name, or "".
func (a *Actor) Name() string {
	if !a.SignedIn() {
		return ""
	}
	return a.Person.Name
}

// IsCoordinator reports whether the actor coordinates any hub.
func (a *Actor) IsCoordinator() bool { return a.SignedIn() && len(a.Coordinates) > 0 }

// System is the actor of Convene's own tools (the command line, the demo
// seeder, test fixtures): an administrator who is no person, so the audit
// log records no one.
var System = &Actor{Person: &Person{}, Admin: true}
