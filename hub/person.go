package hub

import "time"

// Person is someone with an account: an attendee, an organisation member,
// a coordinator, an evaluator or an admin.
type Person struct {
	// ID is the database identity.
	ID int64 `db:"id" json:"id"`
	// Email is unique ignoring case; shown only to those who must see it.
	Email string `db:"email" json:"email,omitempty"`
	// Name is how the person is addressed and listed.
	Name string `db:"name" json:"name"`
	// CreatedAt is when the account was made.
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}
