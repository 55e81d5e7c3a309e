package hub

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LoadTimeZone loads a hub's IANA time zone, such as "Europe/London". It
// refuses empty names and "Local" (the server's zone is no hub's zone).
func LoadTimeZone(name string) (*time.Location, error) {
	var f FieldErrors
	switch {
	case name == "":
		f.Add("timezone", "Enter a time zone, such as Europe/London")
	case name == "Local" || !zoneName(name):
		f.Add("timezone", "Enter a time zone by its IANA name, such as Europe/London")
	default:
		loc, err := time.LoadLocation(name)
		if err == nil {
			return loc, nil
		}
		f.Add("timezone", fmt.Sprintf("We don't know the time zone %q; use an IANA name such as Europe/London", name))
	}
	return nil, f.Err()
}

// zoneName reports whether name looks like an IANA zone name, so that
// nothing else reaches the file system.
func zoneName(name string) bool {
	if len(name) > 64 || strings.HasPrefix(name, "/") || strings.Contains(name, "//") {
		return false
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '/' || r == '_' || r == '-' || r == '+'
		if !ok {
			return false
		}
	}
	return true
}

func itoa(n int) string { return strconv.Itoa(n) }

// Zone is the hub's time zone; a zone the machine no longer knows falls
// back to the default rather than failing the page.
func (h Hub) Zone() *time.Location {
	if loc, err := LoadTimeZone(h.TimeZone); err == nil {
		return loc
	}
	loc, _ := LoadTimeZone(DefaultTimeZone)
	return loc
}
