package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// RequestView is a topic request with what lists and pages show of it.
type RequestView struct {
	hub.TopicRequest
	// HubSlug addresses its hub.
	HubSlug string `db:"hub_slug" json:"hub"`
	// Organisation names the organisation that asked.
	Organisation string `db:"organisation" json:"organisation"`
	// TopicName names the topic.
	TopicName string `db:"topic_name" json:"topic_name"`
	// Supporters counts the other organisations that asked for it too.
	Supporters int `db:"supporters" json:"supporters"`
	// Offers counts the offers to deliver it.
	Offers int `db:"offers" json:"offers"`
	// Score is its place in the ranking (hub.RankScore) when it was read.
	Score int `db:"score" json:"score"`
	// AgendaItemID, EventID, EventTitle and EventStartsAt say where it was
	// scheduled, if it was.
	AgendaItemID  *int64     `db:"agenda_item_id" json:"agenda_item_id"`
	EventID       *int64     `db:"event_id" json:"event_id"`
	EventTitle    *string    `db:"event_title" json:"event_title"`
	EventStartsAt *time.Time `db:"event_starts_at" json:"event_starts_at"`
}

// Asking counts the organisations that asked: the requester and supporters.
func (v RequestView) Asking() int { return 1 + v.Supporters }

// rankSQL is hub.RankScore in SQL, at $1; r.supporters and r.offers
// count supports and offers. TestRankingAgrees keeps the two the same.
const rankSQL = `(10 * (1 + r.supporters) + CASE WHEN r.offers > 0 THEN 5 ELSE 0 END
	+ LEAST(GREATEST(floor(extract(epoch FROM ($1::timestamptz - r.created_at)) / 604800), 0), 12))::int`

// requestSelect reads requests (aliased r) with their names, counts,
// score at $1 and where they were scheduled. The counts and names are
// subqueries rather than joins: the planner then has three joins to
// order instead of seven, which took most of the board's time (planning
// about 2 ms of its 3, every read).
const requestSelect = `SELECT r.id, r.hub_id, r.organisation_id, r.requested_by, t.slug AS topic, r.title, r.details, r.format,
		r.audience, r.status, r.reason, r.merged_into, r.created_at, r.updated_at, r.status_changed_at, r.delivered_at, r.version,
		(SELECT h.slug FROM hubs h WHERE h.id = r.hub_id) AS hub_slug,
		(SELECT o.name FROM organisations o WHERE o.id = r.organisation_id) AS organisation,
		t.name AS topic_name, r.supporters, r.offers, ` + rankSQL + ` AS score,
		a.id AS agenda_item_id, e.id AS event_id, e.title AS event_title, e.starts_at AS event_starts_at
	FROM (SELECT r.*, (SELECT count(*)::int FROM request_supports rs WHERE rs.request_id = r.id) AS supporters,
	             (SELECT count(*)::int FROM request_offers ro WHERE ro.request_id = r.id) AS offers
	      FROM topic_requests r) r
	JOIN topics t ON t.id = r.topic_id
	LEFT JOIN agenda_items a ON a.request_id = r.id
	LEFT JOIN events e ON e.id = a.event_id`

// standing is a hub as the actor stands in it: which of their
// organisations are active members.
type standing struct {
	hub.Hub
	ActiveOrgs pq.Int64Array `db:"active_orgs"`
}

func (s standing) active() []int64 { return s.ActiveOrgs }

// standingSQL reads a hub (aliased h, chosen by the caller's WHERE) with
// the actor's organisations ($1) that are active members of it.
const standingSQL = `SELECT ` + hubColumns + `,
	ARRAY(SELECT m.organisation_id FROM hub_memberships m
	      WHERE m.hub_id = h.id AND m.status = 'active' AND m.organisation_id = ANY($1) ORDER BY m.organisation_id) AS active_orgs
	FROM hubs h `

func actorOrgs(a *hub.Actor) pq.Int64Array {
	ids := pq.Int64Array{}
	if a.SignedIn() {
		for id := range a.Organisations {
			ids = append(ids, id)
		}
	}
	return ids
}

// hubStanding reads the hub by slug with the actor's standing in it.
func hubStanding(ctx context.Context, q querier, a *hub.Actor, slug string) (standing, error) {
	var s standing
	if err := sqlxGet(ctx, q, &s, standingSQL+`WHERE h.slug = $2`, actorOrgs(a), slug); err != nil {
		return s, fmt.Errorf("hub %q: %w", slug, notFound(err, "The hub"))
	}
	return s, nil
}

// requestStanding reads the hub of a request with the actor's standing
// in it; an unknown request is not found.
func requestStanding(ctx context.Context, q querier, a *hub.Actor, requestID int64) (standing, error) {
	var s standing
	err := sqlxGet(ctx, q, &s, standingSQL+`WHERE h.id = (SELECT hub_id FROM topic_requests WHERE id = $2)`, actorOrgs(a), requestID)
	if err != nil {
		return s, fmt.Errorf("hub of request %d: %w", requestID, notFound(err, "The request"))
	}
	return s, nil
}

// seeRequests refuses an actor who may not see the hub's requests.
func seeRequests(a *hub.Actor, s standing) error {
	if hub.CanSeeRequests(a, s.ID, s.active()) {
		return nil
	}
	if !a.SignedIn() {
		return hub.Errorf(hub.EUnauthorised, "Sign in to see this hub’s topic requests.")
	}
	return hub.Errorf(hub.EForbidden, "Only the people of %s’s member organisations, its coordinators and evaluators see its topic requests.", s.Name)
}

// Supporter is an organisation supporting a request, as its page lists it.
type Supporter = hub.Support

// StatusChange is one line of a request's history.
type StatusChange struct {
	// From is the status before; nil when the request was made.
	From *hub.RequestStatus `db:"from_status" json:"from"`
	// To is the status after.
	To hub.RequestStatus `db:"to_status" json:"to"`
	// Reason is why, as given.
	Reason string `db:"reason" json:"reason"`
	// By names who made the change; nil when Convene did.
	By *string `db:"changed_by" json:"changed_by"`
	// At is when.
	At time.Time `db:"changed_at" json:"changed_at"`
	// EventID and EventTitle name the event it was scheduled into or
	// removed from.
	EventID    *int64  `db:"event_id" json:"event_id"`
	EventTitle *string `db:"event_title" json:"event_title"`
	// MergedInto is the request it was merged into.
	MergedInto *int64 `db:"merged_into" json:"merged_into"`
}

// RequestDetail is everything a request's page shows.
type RequestDetail struct {
	RequestView
	// Hub is the request's hub.
	Hub hub.Hub `json:"-"`
	// Supports lists the organisations that support it, oldest first.
	Supports []hub.Support `json:"supports"`
	// OffersMade lists the offers to deliver it, oldest first.
	OffersMade []hub.Offer `json:"offers_made"`
	// History lists its status changes, oldest first.
	History []StatusChange `json:"history"`
	// Parties says what the reader is to it.
	Parties hub.Parties `json:"-"`
	// ActiveOrgs are the reader's organisations that are active members of the hub.
	ActiveOrgs []int64 `json:"-"`
	// FromFeedback is the event whose feedback asked for it, if any.
	FromFeedback *FeedbackSource `json:"from_feedback"`
}

// Request reads one request with its supports, offers and history, for
// those who may see the hub's requests.
func (db *DB) Request(ctx context.Context, a *hub.Actor, id int64, now time.Time) (RequestDetail, error) {
	var d RequestDetail
	s, err := requestStanding(ctx, db.x, a, id)
	if err != nil {
		return d, err
	}
	if err := seeRequests(a, s); err != nil {
		return d, err
	}
	if err := settleDeliveries(ctx, db.x, s.ID, now); err != nil {
		return d, err
	}
	if err := db.x.GetContext(ctx, &d.RequestView, requestSelect+` WHERE r.id = $2`, now, id); err != nil {
		return d, fmt.Errorf("request %d: %w", id, notFound(err, "The request"))
	}
	d.Hub, d.ActiveOrgs = s.Hub, s.active()
	src, err := requestSources(ctx, db.x, id)
	if err != nil {
		return d, err
	}
	if len(src) == 1 {
		d.FromFeedback = &src[0]
	}
	d.Parties = hub.PartiesFor(a, s.ID, d.OrganisationID, d.ActiveOrgs)
	d.Supports, d.OffersMade, d.History = []hub.Support{}, []hub.Offer{}, []StatusChange{}
	err = db.x.SelectContext(ctx, &d.Supports, `
		SELECT rs.request_id, rs.organisation_id, o.name AS organisation, rs.comment, rs.created_at
		FROM request_supports rs JOIN organisations o ON o.id = rs.organisation_id
		WHERE rs.request_id = $1 ORDER BY rs.created_at, o.id`, id)
	if err != nil {
		return d, fmt.Errorf("supports of request %d: %w", id, err)
	}
	err = db.x.SelectContext(ctx, &d.OffersMade, `
		SELECT ro.id, ro.request_id, ro.organisation_id, o.name AS organisation, ro.details, ro.format, ro.created_at
		FROM request_offers ro JOIN organisations o ON o.id = ro.organisation_id
		WHERE ro.request_id = $1 ORDER BY ro.created_at, ro.id`, id)
	if err != nil {
		return d, fmt.Errorf("offers of request %d: %w", id, err)
	}
	err = db.x.SelectContext(ctx, &d.History, `
		SELECT c.from_status, c.to_status, c.reason, p.name AS changed_by, c.changed_at, c.event_id, e.title AS event_title, c.merged_into
		FROM request_status_changes c LEFT JOIN people p ON p.id = c.changed_by LEFT JOIN events e ON e.id = c.event_id
		WHERE c.request_id = $1 ORDER BY c.changed_at, c.id`, id)
	if err != nil {
		return d, fmt.Errorf("history of request %d: %w", id, err)
	}
	return d, nil
}

// MyRequests lists the requests made or supported by the person's
// organisations, in hubs where those organisations are active members,
// newest first: "My requests" on /me.
func (db *DB) MyRequests(ctx context.Context, a *hub.Actor, now time.Time) ([]RequestView, error) {
	out := []RequestView{}
	if !a.SignedIn() || len(a.Organisations) == 0 {
		return out, nil
	}
	if err := settleDeliveries(ctx, db.x, 0, now); err != nil {
		return nil, err
	}
	err := db.x.SelectContext(ctx, &out, requestSelect+`
		WHERE EXISTS (SELECT 1 FROM hub_memberships m WHERE m.hub_id = r.hub_id AND m.status = 'active' AND m.organisation_id = ANY($2)
		              AND (m.organisation_id = r.organisation_id
		                   OR EXISTS (SELECT 1 FROM request_supports rs WHERE rs.request_id = r.id AND rs.organisation_id = m.organisation_id)))
		ORDER BY r.created_at DESC, r.id DESC LIMIT 200`, now, actorOrgs(a))
	if err != nil {
		return nil, fmt.Errorf("requests of person %d: %w", a.PersonID(), err)
	}
	return out, nil
}

// OffersFor lists the offers on the given requests by request, oldest
// first: for the agenda builder, in one query.
func (db *DB) OffersFor(ctx context.Context, requestIDs []int64) (map[int64][]hub.Offer, error) {
	out := map[int64][]hub.Offer{}
	if len(requestIDs) == 0 {
		return out, nil
	}
	var offers []hub.Offer
	err := db.x.SelectContext(ctx, &offers, `
		SELECT ro.id, ro.request_id, ro.organisation_id, o.name AS organisation, ro.details, ro.format, ro.created_at
		FROM request_offers ro JOIN organisations o ON o.id = ro.organisation_id
		WHERE ro.request_id = ANY($1) ORDER BY ro.created_at, ro.id`, pq.Int64Array(requestIDs))
	if err != nil {
		return nil, fmt.Errorf("offers of %d requests: %w", len(requestIDs), err)
	}
	for _, o := range offers {
		out[o.RequestID] = append(out[o.RequestID], o)
	}
	return out, nil
}
