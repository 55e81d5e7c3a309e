package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// write stores the plan. Event ids are taken from the identity sequence
// first, so that topics, agenda items and registrations can refer to them
// and every table can be filled with one COPY.
func (p *eventPlanner) write(ctx context.Context, tx *sqlx.Tx, report *SeedReport) error {
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, $1)`,
		len(p.events)); err != nil {
		return fmt.Errorf("reserve event ids: %w", err)
	}
	slices.Sort(ids)
	var eventRows, topicRows, itemRows, regRows [][]any
	for i, e := range p.events {
		e.ID = ids[i]
		eventRows = append(eventRows, []any{e.ID, e.HubID, e.SeriesID, e.Title, e.Summary, e.StartsAt, e.EndsAt,
			string(e.Format), e.Venue, e.HostOrganisationID, e.OnlineURL, e.Capacity, string(e.Visibility),
			string(e.Status), e.CancelReason, pq.Array(e.Audiences), e.Sequence, e.createdBy, e.CreatedAt, e.UpdatedAt})
		for _, slug := range e.topics {
			if id, ok := p.topics[slug]; ok {
				topicRows = append(topicRows, []any{e.ID, id})
			}
		}
		for _, it := range e.agenda {
			var topic *int64
			if id, ok := p.topics[it.TopicSlug]; ok {
				topic = &id
			}
			itemRows = append(itemRows, []any{e.ID, it.Position, it.StartsAt, it.EndsAt, it.Title, string(it.Kind),
				topic, it.PresenterOrganisationID, it.PresenterName})
		}
		for _, r := range e.regs {
			var hash any
			if r.tokenHash != nil {
				hash = r.tokenHash
			}
			regRows = append(regRows, []any{e.ID, r.PersonID, r.GuestName, r.GuestEmail, string(r.AttendeeRole),
				r.AccessNeeds, string(r.Status), r.CreatedAt, r.statusChangedAt, r.AttendedAt, r.walkIn, hash})
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"events", []string{"id", "hub_id", "series_id", "title", "summary", "starts_at", "ends_at", "format", "venue",
			"host_organisation_id", "online_url", "capacity", "visibility", "status", "cancel_reason", "audiences",
			"sequence", "created_by", "created_at", "updated_at"}, eventRows},
		{"event_topics", []string{"event_id", "topic_id"}, topicRows},
		{"agenda_items", []string{"event_id", "position", "starts_at", "ends_at", "title", "kind", "topic_id",
			"presenter_organisation_id", "presenter_name"}, itemRows},
		{"registrations", []string{"event_id", "person_id", "guest_name", "guest_email", "attendee_role",
			"access_needs", "status", "created_at", "status_changed_at", "attended_at", "walk_in",
			"manage_token_hash"}, regRows},
	} {
		if err := copyRows(ctx, tx, c.table, c.cols, c.rows); err != nil {
			return err
		}
	}
	report.Events += len(eventRows)
	report.AgendaItems += len(itemRows)
	report.Registrations += len(regRows)
	return nil
}

// copyRows fills table with rows in one COPY.
func copyRows(ctx context.Context, tx *sqlx.Tx, table string, cols []string, rows [][]any) error {
	stmt, err := tx.PrepareContext(ctx, "COPY "+table+" ("+strings.Join(cols, ", ")+") FROM STDIN")
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	defer stmt.Close()
	for _, row := range rows {
		if _, err := stmt.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	return nil
}
