package events

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// MinPseudonymKeyLen is the shortest pseudonym key accepted, in bytes.
const MinPseudonymKeyLen = 32

// Pseudonymiser derives the stable pseudonyms that link one person's
// answers across events in reports and exports without naming them: an
// HMAC-SHA-256 of the person's stable id (or a guest's normalised email)
// under a per-deployment secret key, truncated to 12 letters and digits.
// The same person gets the same pseudonym within a deployment; without
// the key nobody can tell whose it is, and rotating the key changes them
// all.
type Pseudonymiser struct{ key []byte }

// NewPseudonymiser makes a pseudonymiser with key; a key shorter than
// MinPseudonymKeyLen panics, as it is a configuration fault caught at
// start.
func NewPseudonymiser(key []byte) *Pseudonymiser {
	if len(key) < MinPseudonymKeyLen {
		panic("events: pseudonym key too short")
	}
	return &Pseudonymiser{key: append([]byte(nil), key...)}
}

var pseudonymEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func (p *Pseudonymiser) of(subject string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(subject))
	sum := m.Sum(nil)
	return "P-" + pseudonymEncoding.EncodeToString(sum[:8])[:12]
}

// Person is the pseudonym of a person with an account.
func (p *Pseudonymiser) Person(id int64) string { return p.of("person:" + strconv.FormatInt(id, 10)) }

// Guest is the pseudonym of a guest, by their email (case and spaces do
// not matter); a walk-in without an email gets one for their registration
// alone.
func (p *Pseudonymiser) Guest(email string, registrationID int64) string {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return p.of("registration:" + strconv.FormatInt(registrationID, 10))
	}
	return p.of("guest:" + email)
}

// Respondent is the pseudonym of whoever holds a registration.
func (p *Pseudonymiser) Respondent(personID *int64, guestEmail string, registrationID int64) string {
	if personID != nil {
		return p.Person(*personID)
	}
	return p.Guest(guestEmail, registrationID)
}
