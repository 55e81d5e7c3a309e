// Package hub is the domain of the network: hubs, organisations, people,
// roles and topics. It holds the types with their validation, the
// authorisation policy and the error vocabulary every layer speaks. It
// imports neither HTTP nor SQL.
package hub

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes. Each maps to exactly one HTTP status in cmd/convene.
const (
	EInvalid      = "invalid"             // the input is wrong; Fields says where
	ENotFound     = "not_found"           // no such thing, or not visible to the caller
	EConflict     = "conflict"            // the change clashes with stored state (duplicate, stale)
	EForbidden    = "forbidden"           // signed in, but not allowed
	EUnauthorised = "unauthorised"        // not signed in, or bad credentials
	ERateLimited  = "rate_limited"        // too many attempts; try again later
	EStale        = "precondition_failed" // an edit was made from a version that is no longer current
	EUnavailable  = "unavailable"         // the database cannot be reached; try again shortly
	EInternal     = "internal"            // a fault of ours; details go to the log only
)

// Error is the one error type users see. Message is safe to show; it never
// carries internal details.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is a sentence for the person reading it.
	Message string
	// Fields names each invalid input field with what is wrong with it.
	Fields map[string]string
	// RetryAfterSeconds tells a rate-limited caller when to try again.
	RetryAfterSeconds int
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + ": " + e.Fields[name]
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-safe message of err: the *Error's message,
// or a generic sentence for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// FieldErrors collects field-level problems while validating, in the order
// they were found, and turns them into one *Error.
type FieldErrors struct {
	order  []string
	fields map[string]string
}

// Add records why name is invalid. The first problem found for a field wins.
func (f *FieldErrors) Add(name, why string) {
	if f.fields == nil {
		f.fields = map[string]string{}
	}
	if _, seen := f.fields[name]; seen {
		return
	}
	f.order = append(f.order, name)
	f.fields[name] = why
}

// Has reports whether name already has a problem recorded.
func (f *FieldErrors) Has(name string) bool {
	_, ok := f.fields[name]
	return ok
}

// Err returns nil when nothing was added, otherwise an invalid *Error.
func (f *FieldErrors) Err() error {
	if len(f.fields) == 0 {
		return nil
	}
	msg := "Please correct the highlighted fields."
	if len(f.order) == 1 {
		msg = f.fields[f.order[0]]
	}
	return &Error{Code: EInvalid, Message: msg, Fields: f.fields}
}

// FieldError is an invalid-input error on one field: why says what is
// wrong, as a sentence shown next to the field and as the message.
func FieldError(field, why string) error {
	return &Error{Code: EInvalid, Message: why, Fields: map[string]string{field: why}}
}

// Merge adds the field problems of err, an invalid *Error (one without
// fields is recorded under "", the form as a whole), keeping problems
// already found. It reports false, adding nothing, for nil and for any
// other error, which the caller returns as it is.
func (f *FieldErrors) Merge(err error) bool {
	if ErrorCode(err) != EInvalid {
		return false
	}
	fields := ErrorFields(err)
	if len(fields) == 0 {
		f.Add("", ErrorMessage(err))
		return true
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f.Add(name, fields[name])
	}
	return true
}
