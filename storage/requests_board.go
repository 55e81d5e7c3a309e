package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// BoardQuery selects a hub's requests for the request board, the agenda
// builder and the API. Empty filters select everything.
type BoardQuery struct {
	// HubSlug is the hub.
	HubSlug string
	// Statuses keeps requests in these statuses.
	Statuses []hub.RequestStatus
	// Topic keeps requests on this topic (slug).
	Topic string
	// OrganisationID keeps requests made by this organisation.
	OrganisationID int64
	// MinAgeDays and MaxAgeDays keep requests at least / at most this many
	// days old (0: no bound).
	MinAgeDays, MaxAgeDays int
	// Search keeps requests whose title or details match these words
	// (PostgreSQL full-text search, English).
	Search string
	// Limit and Offset page through the ranking.
	Limit, Offset int
	// Now is when the ranking is taken.
	Now time.Time
}

// Validate reports every invalid filter.
func (q *BoardQuery) Validate() error {
	var f hub.FieldErrors
	for _, s := range q.Statuses {
		if !s.Valid() {
			f.Add("status", fmt.Sprintf("“%s” is not a status; choose from open, accepted, scheduled, delivered, declined, merged, withdrawn", s))
		}
	}
	if q.MinAgeDays < 0 || q.MinAgeDays > 36500 {
		f.Add("min_age_days", "must be a whole number of days from 0")
	}
	if q.MaxAgeDays < 0 || q.MaxAgeDays > 36500 {
		f.Add("max_age_days", "must be a whole number of days from 0")
	}
	hub.CheckLength(&f, "q", "The search", q.Search, 200)
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	return f.Err()
}

// Board is one page of a hub's ranked requests.
type Board struct {
	// Hub is the hub.
	Hub hub.Hub
	// ActiveOrgs are the reader's organisations active in the hub.
	ActiveOrgs []int64
	// Items are the requests on this page, in ranking order.
	Items []RequestView
	// Total counts all the requests the filters select.
	Total int
}

// RequestBoard ranks the hub's requests the filters select (hub.RankScore,
// then oldest first) for those who may see them, in a bounded number of
// queries however many requests there are.
func (db *DB) RequestBoard(ctx context.Context, a *hub.Actor, q BoardQuery) (Board, error) {
	var b Board
	q.Search = strings.TrimSpace(q.Search)
	if err := q.Validate(); err != nil {
		return b, err
	}
	s, err := hubStanding(ctx, db.x, a, q.HubSlug)
	if err != nil {
		return b, err
	}
	if err := seeRequests(a, s); err != nil {
		return b, err
	}
	b.Hub, b.ActiveOrgs = s.Hub, s.active()
	if err := settleDeliveries(ctx, db.x, s.ID, q.Now); err != nil {
		return b, err
	}
	b.Items, b.Total, err = rankedRequests(ctx, db, s.ID, q)
	return b, err
}

func rankedRequests(ctx context.Context, db *DB, hubID int64, q BoardQuery) ([]RequestView, int, error) {
	args := []any{q.Now, hubID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where := []string{"r.hub_id = $2"}
	if len(q.Statuses) > 0 {
		ss := make(pq.StringArray, len(q.Statuses))
		for i, s := range q.Statuses {
			ss[i] = string(s)
		}
		where = append(where, "r.status = ANY("+arg(ss)+")")
	}
	if q.Topic != "" {
		where = append(where, "t.slug = "+arg(q.Topic))
	}
	if q.OrganisationID > 0 {
		where = append(where, "r.organisation_id = "+arg(q.OrganisationID))
	}
	if q.MinAgeDays > 0 {
		where = append(where, "r.created_at <= $1::timestamptz - make_interval(days => "+arg(q.MinAgeDays)+")")
	}
	if q.MaxAgeDays > 0 {
		where = append(where, "r.created_at > $1::timestamptz - make_interval(days => "+arg(q.MaxAgeDays)+")")
	}
	if q.Search != "" {
		where = append(where, "r.search @@ websearch_to_tsquery('english', "+arg(q.Search)+")")
	}
	var rows []struct {
		RequestView
		Total int `db:"total"`
	}
	query := strings.Replace(requestSelect, "r.version,", "r.version, count(*) OVER () AS total,", 1) +
		` WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY score DESC, r.created_at, r.id LIMIT ` + arg(q.Limit) + ` OFFSET ` + arg(q.Offset)
	if err := db.x.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, 0, fmt.Errorf("requests of hub %d: %w", hubID, err)
	}
	out := make([]RequestView, len(rows))
	total := 0
	for i, r := range rows {
		out[i], total = r.RequestView, r.Total
	}
	return out, total, nil
}
