package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/pressly/goose/v3"

	"github.com/convene/convene/hub"
)

// nameKeyMigration (8) fills organisations.name_key, added by 0007, for the
// organisations registered before it, then requires it. The key is
// computed in Go (hub.OrganisationNameKey), which SQL cannot do. Names
// that were accepted before as distinct but share a key keep their rows:
// the later ones get a key suffixed with their id, so nothing is lost and
// no new organisation can take either name.
func nameKeyMigration() *goose.Migration {
	return goose.NewGoMigration(8, &goose.GoFunc{RunTx: fillNameKeys}, nil)
}

func fillNameKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM organisations WHERE name_key IS NULL ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read organisation names: %w", err)
	}
	type org struct {
		id   int64
		name string
	}
	var orgs []org
	for rows.Next() {
		var o org
		if err := rows.Scan(&o.id, &o.name); err != nil {
			rows.Close()
			return fmt.Errorf("read organisation names: %w", err)
		}
		orgs = append(orgs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read organisation names: %w", err)
	}
	seen := map[string]bool{}
	for _, o := range orgs {
		key := hub.OrganisationNameKey(o.name)
		if seen[key] {
			key += "\x1f" + strconv.FormatInt(o.id, 10)
		}
		seen[key] = true
		if _, err := tx.ExecContext(ctx, `UPDATE organisations SET name_key = $2 WHERE id = $1`, o.id, key); err != nil {
			return fmt.Errorf("fill name key of organisation %d: %w", o.id, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `ALTER TABLE organisations ALTER COLUMN name_key SET NOT NULL`); err != nil {
		return fmt.Errorf("require name keys: %w", err)
	}
	return nil
}
