package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/convene/convene/hub"
)

// OrganisationQuery selects organisations for the directory.
type OrganisationQuery struct {
	// Name, when not empty, keeps those whose name contains it (ignoring case).
	Name string
	// Kind, when not empty, keeps those of that kind.
	Kind          hub.OrgKind
	Limit, Offset int
}

// FindOrganisations lists organisations by name, a page at a time,
// narrowed by name and kind.
func (db *DB) FindOrganisations(ctx context.Context, q OrganisationQuery) ([]hub.Organisation, error) {
	orgs := []hub.Organisation{}
	err := db.x.SelectContext(ctx, &orgs, `SELECT `+orgColumns+` FROM organisations o
		WHERE ($1 = '' OR o.name ILIKE '%' || $1 || '%') AND ($2 = '' OR o.kind = $2)
		ORDER BY lower(o.name), o.id LIMIT $3 OFFSET $4`, escapeLike(strings.TrimSpace(q.Name)), string(q.Kind), q.Limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("find organisations: %w", err)
	}
	return orgs, nil
}
