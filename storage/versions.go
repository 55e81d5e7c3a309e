package storage

import (
	"slices"

	"github.com/convene/convene/hub"
)

// IfVersion is what an edit expects of the version of the row it changes:
// nil expects nothing; otherwise the row must be at one of the versions
// listed (an empty list matches none, as an entity tag that is not ours).
type IfVersion []int64

// check fails with EStale when the row, at version current, is not as
// expected; what names the thing ("The event").
func (want IfVersion) check(current int64, what string) error {
	if want == nil || slices.Contains(want, current) {
		return nil
	}
	return &hub.Error{Code: hub.EStale, Message: what + " has changed since you read it: read it again and make your change to what it is now."}
}
