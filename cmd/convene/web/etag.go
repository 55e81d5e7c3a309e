package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/storage"
)

// Edits of hubs, organisations, events and agendas are checked against the
// version of the row they were made from: the API carries it as a strong
// ETag (the version in quotes) and If-Match, page forms as a hidden field.

// VersionField is the hidden field of a page form holding the version it
// was rendered from.
const VersionField = "version"

// etag is the entity tag of a row at version.
func etag(version int64) string {
	return `"` + strconv.FormatInt(version, 10) + `"`
}

// SetETag tags the response with the version of what it shows.
func SetETag(c echo.Context, version int64) {
	c.Response().Header().Set("ETag", etag(version))
}

// IfMatch reads If-Match as the versions an edit may apply to: nil when
// absent or "*" (any); tags that are not ours, and weak ones, match
// nothing.
func IfMatch(c echo.Context) storage.IfVersion {
	header := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if header == "" || header == "*" {
		return nil
	}
	want := storage.IfVersion{}
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			continue
		}
		if v, err := strconv.ParseInt(tag[1:len(tag)-1], 10, 64); err == nil && v > 0 {
			want = append(want, v)
		}
	}
	return want
}

// FormVersion reads the version a page form was rendered from: nil when
// the form has none, matching nothing when it is not a version.
func FormVersion(c echo.Context) storage.IfVersion {
	v := strings.TrimSpace(c.FormValue(VersionField))
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return storage.IfVersion{}
	}
	return storage.IfVersion{n}
}

// StaleMessage tells someone their form was overtaken by another edit of
// thing ("this event").
func StaleMessage(thing string) string {
	return "Someone else changed " + thing + " while you were editing. Their changes are shown; make yours again."
}
