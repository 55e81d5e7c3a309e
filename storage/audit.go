package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Entry is one line of the audit log: who changed what, when, in which hub.
type Entry struct {
	// PersonID is who acted; nil for the system or the command line.
	PersonID *int64
	// HubID is the hub the change belongs to, if any.
	HubID *int64
	// Action names the change, e.g. "hub.update" or "role.grant".
	Action string
	// Subject is what changed, e.g. "organisation:12".
	Subject string
	// Details holds what else is worth keeping (never secrets).
	Details map[string]any
}

// audit writes an entry in the caller's transaction, so the record and the
// change stand or fall together.
func audit(ctx context.Context, q querier, e Entry) error {
	details := []byte("{}")
	if len(e.Details) > 0 {
		var err error
		if details, err = json.Marshal(e.Details); err != nil {
			return fmt.Errorf("audit %s: %w", e.Action, err)
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (person_id, hub_id, action, subject, details) VALUES ($1, $2, $3, $4, $5)`,
		e.PersonID, e.HubID, e.Action, e.Subject, details)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit writes an entry on its own, for changes of a single statement.
func (db *DB) Audit(ctx context.Context, e Entry) error { return audit(ctx, db.x, e) }

func subject(kind string, id int64) string { return fmt.Sprintf("%s:%d", kind, id) }

// AuditRecord is a stored audit entry, for the log's readers.
type AuditRecord struct {
	At       time.Time `db:"at"`
	Person   *string   `db:"person"`
	Action   string    `db:"action"`
	Subject  string    `db:"subject"`
	Details  string    `db:"details"`
	HubID    *int64    `db:"hub_id"`
	PersonID *int64    `db:"person_id"`
}

// HubAudit lists the latest entries of a hub, newest first.
func (db *DB) HubAudit(ctx context.Context, hubID int64, limit int) ([]AuditRecord, error) {
	recs := []AuditRecord{}
	err := db.x.SelectContext(ctx, &recs, `
		SELECT l.at, p.name AS person, l.action, l.subject, l.details::text AS details, l.hub_id, l.person_id
		FROM audit_log l LEFT JOIN people p ON p.id = l.person_id
		WHERE l.hub_id = $1 ORDER BY l.at DESC, l.id DESC LIMIT $2`, hubID, limit)
	if err != nil {
		return nil, fmt.Errorf("hub audit: %w", err)
	}
	return recs, nil
}
