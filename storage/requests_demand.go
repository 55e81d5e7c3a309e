package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// DemandQuery is the hub and period of a demand dashboard.
type DemandQuery struct {
	HubSlug string
	// From and To bound when the requests were made, [From, To).
	From, To time.Time
	// Now is when the balance's six months end.
	Now time.Time
}

// TopicDemand counts a topic's requests by status.
type TopicDemand struct {
	Topic     string         `json:"topic"`
	TopicName string         `json:"topic_name"`
	ByStatus  map[string]int `json:"by_status"`
	Total     int            `json:"total"`
}

// Demand is what the dashboard shows for a hub and period.
type Demand struct {
	Hub hub.Hub `json:"-"`
	// Topics counts the period's requests by topic and status.
	Topics []TopicDemand `json:"topics"`
	// Made counts requests made in the period; Counted leaves out the
	// withdrawn and merged ones; Delivered counts those delivered.
	Made, Counted, Delivered int
	// FulfilmentRate is Delivered over Counted (0 when none).
	FulfilmentRate float64 `json:"fulfilment_rate"`
	// MedianDays is the median of days from request to delivery.
	MedianDays float64 `json:"median_days_to_delivery"`
	// TopOpen are the waiting requests with the most support.
	TopOpen []RequestView `json:"top_open"`
	// Presenters is the balance of who presented agenda items, and
	// Requesters of whose requests were scheduled, over the six months to Now.
	Presenters hub.Balance `json:"presenters"`
	Requesters hub.Balance `json:"requesters"`
	// Governance and its notices.
	Governance hub.Governance         `json:"governance"`
	Notices    []hub.GovernanceNotice `json:"governance_notices"`
}

// HubDemand computes the demand dashboard of a hub for its coordinators,
// evaluators and admins, in a fixed number of queries.
func (db *DB) HubDemand(ctx context.Context, a *hub.Actor, q DemandQuery) (Demand, error) {
	var d Demand
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	if q.To.IsZero() {
		q.To = q.Now
	}
	if q.From.IsZero() {
		q.From = q.To.AddDate(-1, 0, 0)
	}
	if !q.From.Before(q.To) {
		return d, hub.FieldError("from", "The period must start before it ends")
	}
	s, err := hubStanding(ctx, db.x, a, q.HubSlug)
	if err != nil {
		return d, err
	}
	if !hub.CanReadHubReports(a, s.ID) {
		if !a.SignedIn() {
			return d, hub.Errorf(hub.EUnauthorised, "Sign in to see the hub’s demand.")
		}
		return d, hub.Errorf(hub.EForbidden, "Only the coordinators and evaluators of %s see its demand.", s.Name)
	}
	d.Hub = s.Hub
	if err := settleDeliveries(ctx, db.x, s.ID, q.Now); err != nil {
		return d, err
	}
	var rows []struct {
		Topic     string  `db:"topic"`
		TopicName string  `db:"topic_name"`
		Status    string  `db:"status"`
		Days      float64 `db:"days"`
	}
	err = db.x.SelectContext(ctx, &rows, `
		SELECT t.slug AS topic, t.name AS topic_name, r.status,
			coalesce(extract(epoch FROM r.delivered_at - r.created_at) / 86400, 0)::float8 AS days
		FROM topic_requests r JOIN topics t ON t.id = r.topic_id
		WHERE r.hub_id = $1 AND r.created_at >= $2 AND r.created_at < $3
		ORDER BY lower(t.name), r.id`, s.ID, q.From, q.To)
	if err != nil {
		return d, fmt.Errorf("demand of hub %d: %w", s.ID, err)
	}
	var days []float64
	index := map[string]int{}
	for _, r := range rows {
		i, ok := index[r.Topic]
		if !ok {
			i = len(d.Topics)
			index[r.Topic] = i
			d.Topics = append(d.Topics, TopicDemand{Topic: r.Topic, TopicName: r.TopicName, ByStatus: map[string]int{}})
		}
		d.Topics[i].ByStatus[r.Status]++
		d.Topics[i].Total++
		d.Made++
		if r.Status != string(hub.RequestWithdrawn) && r.Status != string(hub.RequestMerged) {
			d.Counted++
		}
		if r.Status == string(hub.RequestDelivered) {
			d.Delivered++
			days = append(days, r.Days)
		}
	}
	if d.Counted > 0 {
		d.FulfilmentRate = float64(d.Delivered) / float64(d.Counted)
	}
	d.MedianDays = hub.Median(days)
	if d.TopOpen, _, err = rankedRequests(ctx, db, s.ID, BoardQuery{Statuses: []hub.RequestStatus{hub.RequestOpen, hub.RequestAccepted},
		Limit: 5, Now: q.Now}); err != nil {
		return d, err
	}
	since := q.Now.AddDate(0, -hub.BalanceMonths, 0)
	var presenters, requesters []hub.Count
	err = db.x.SelectContext(ctx, &presenters, `
		SELECT o.id AS organisationid, o.name AS organisation, count(*) AS n
		FROM agenda_items a JOIN events e ON e.id = a.event_id JOIN organisations o ON o.id = a.presenter_organisation_id
		WHERE e.hub_id = $1 AND e.status = 'published' AND e.starts_at >= $2 AND e.starts_at < $3
		GROUP BY o.id, o.name`, s.ID, since, q.Now)
	if err != nil {
		return d, fmt.Errorf("presenters of hub %d: %w", s.ID, err)
	}
	err = db.x.SelectContext(ctx, &requesters, `
		SELECT o.id AS organisationid, o.name AS organisation, count(*) AS n
		FROM agenda_items a JOIN events e ON e.id = a.event_id JOIN topic_requests r ON r.id = a.request_id
		JOIN organisations o ON o.id = r.organisation_id
		WHERE e.hub_id = $1 AND e.status = 'published' AND e.starts_at >= $2 AND e.starts_at < $3
		GROUP BY o.id, o.name`, s.ID, since, q.Now)
	if err != nil {
		return d, fmt.Errorf("requesters of hub %d: %w", s.ID, err)
	}
	d.Presenters, d.Requesters = hub.MeasureBalance(presenters), hub.MeasureBalance(requesters)
	if d.Governance, err = readGovernance(ctx, db.x, s.ID); err != nil {
		return d, err
	}
	d.Notices = hub.GovernanceNotices(d.Governance, q.Now)
	return d, nil
}

// SetGovernance records a hub's terms of reference and chair (its
// coordinators and admins).
func (db *DB) SetGovernance(ctx context.Context, a *hub.Actor, slug string, g hub.Governance) (hub.Governance, error) {
	g.Normalise()
	h, err := hubStanding(ctx, db.x, a, slug)
	if err != nil {
		return g, err
	}
	if !hub.CanManageHub(a, h.ID) {
		return g, hub.Errorf(hub.EForbidden, "Only the coordinators of %s can record its governance.", h.Name)
	}
	if err := g.Validate(); err != nil {
		return g, err
	}
	by := a.PersonID()
	g.HubID = h.ID
	return g, db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := writeGovernance(ctx, tx, by, g); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &h.ID, Action: "hub.governance", Subject: subject("hub", h.ID)})
	})
}

func writeGovernance(ctx context.Context, tx *sqlx.Tx, by int64, g hub.Governance) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO hub_governance (hub_id, terms_url, terms_reviewed_on, terms_next_review_on, chair_name, chair_organisation_id, chair_term_ends_on, updated_by, terms_text)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (hub_id) DO UPDATE SET terms_url = $2, terms_reviewed_on = $3, terms_next_review_on = $4, chair_name = $5,
			chair_organisation_id = $6, chair_term_ends_on = $7, updated_by = $8, updated_at = now(), terms_text = $9`,
		g.HubID, g.TermsURL, g.TermsReviewedOn, g.TermsNextReviewOn, g.ChairName, g.ChairOrganisationID, g.ChairTermEndsOn, by, g.TermsText)
	if err != nil {
		return fmt.Errorf("governance of hub %d: %w", g.HubID, mapErr(err))
	}
	return nil
}
