package hub

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// MaxEmail is the longest email address that can be delivered (RFC 5321).
const MaxEmail = 254

// NormaliseEmail trims and lower-cases an email address and checks that it
// is a bare address (no display name, comment or quoting) whose domain has
// a dot, so that one person's address is stored and compared one way.
// Errors are invalid *Error on the field "email".
func NormaliseEmail(s string) (string, error) {
	// Check the encoding first: ToLower would hide bad bytes.
	valid := utf8.ValidString(s)
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return "", FieldError("email", "Enter an email address")
	case len(s) > MaxEmail:
		return "", FieldError("email", "Email address must be 254 characters or fewer")
	case !valid || !bareAddress(s):
		return "", FieldError("email", "Enter an email address in the correct format, like name@example.org")
	}
	return s, nil
}

// bareAddress reports whether s is exactly one addr-spec with a dotted
// domain name.
func bareAddress(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, "[") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// CheckEmail normalises *email in place, recording a problem on field.
func CheckEmail(f *FieldErrors, field string, email *string) {
	norm, err := NormaliseEmail(*email)
	if err != nil {
		f.Add(field, ErrorFields(err)["email"])
		return
	}
	*email = norm
}
