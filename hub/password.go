package hub

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password length limits. The upper bound keeps hashing cheap to call.
const (
	MinPassword = 10
	MaxPassword = 1000
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// CheckPassword records a problem with a new password, if any.
func CheckPassword(f *FieldErrors, field, password string) {
	switch n := utf8.RuneCountInString(password); {
	case n == 0:
		f.Add(field, "Enter a password")
	case n < MinPassword:
		f.Add(field, fmt.Sprintf("The password must be at least %d characters long; a few words together make a good one", MinPassword))
	case len(password) > MaxPassword:
		f.Add(field, "The password must be 1000 characters or fewer")
	}
}

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// dummyHash is checked against when there is no account, so that a wrong
// email takes as long to refuse as a wrong password.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$6g4Rr7S8m5kU0g6Lkq3n3JYqg2dW5cQkM0b3e8XzX8Y"

// VerifyPassword reports whether password matches hash, comparing in
// constant time. An empty hash (no password set yet) never matches, but
// costs the same time.
func VerifyPassword(hash, password string) bool {
	if hash == "" {
		verify(dummyHash, password)
		return false
	}
	return verify(hash, password)
}

func verify(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &threads); err != nil {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
