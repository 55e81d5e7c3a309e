package hub

import (
	"strconv"
	"strings"
	"time"
)

// LoadTimeZone returns the IANA time zone called name, refusing the
// ambiguous "Local" and names Go's zone database does not know.
func LoadTimeZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "Local" {
		return nil, &Error{Code: EInvalid, Message: "Choose a time zone, like Europe/London", Fields: map[string]string{"timezone": "Choose a time zone, like Europe/London"}}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		msg := "“" + name + "” is not a time zone we know; use a name like Europe/London"
		return nil, &Error{Code: EInvalid, Message: msg, Fields: map[string]string{"timezone": msg}}
	}
	return loc, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
