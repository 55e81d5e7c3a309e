package hub

import (
	"strings"
	"time"
)

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
	// PasswordHash is the argon2id hash, empty until a password is set.
	// It never leaves the server.
	PasswordHash string `db:"password_hash" json:"-"`
}

// NewPerson is what is needed to create an account.
type NewPerson struct {
	// Email is the person's address; it must be unique.
	Email string `json:"email"`
	// Name is how they are addressed.
	Name string `json:"name"`
}

// Normalise trims surrounding space and lower-cases the email.
func (n *NewPerson) Normalise() {
	n.Email = strings.TrimSpace(n.Email)
	n.Name = strings.TrimSpace(n.Name)
}

// Validate reports every invalid field, normalising the email on success.
func (n *NewPerson) Validate() error {
	var f FieldErrors
	CheckEmail(&f, "email", &n.Email)
	CheckName(&f, "name", n.Name)
	return f.Err()
}
