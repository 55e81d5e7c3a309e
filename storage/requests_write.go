package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/convene/convene/hub"
)

// NewRequest is a topic request as a member submits it.
type NewRequest struct {
	// HubSlug is the hub asked.
	HubSlug string
	// OrganisationID is the organisation asking; the actor must belong to
	// it and it must be an active member of the hub.
	OrganisationID int64
	// Topic (slug), Title, Details, Format and Audience are what is asked.
	Topic, Title, Details, Audience string
	Format                          hub.RequestFormat
}

// SubmitRequest stores a new open request for an organisation the actor
// acts for in the hub, with the first line of its history.
func (db *DB) SubmitRequest(ctx context.Context, a *hub.Actor, in NewRequest) (hub.TopicRequest, error) {
	r := hub.TopicRequest{OrganisationID: in.OrganisationID, Topic: in.Topic, Title: in.Title, Details: in.Details,
		Audience: in.Audience, Format: in.Format, Status: hub.RequestOpen}
	r.Normalise()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		s, err := hubStanding(ctx, tx, a, in.HubSlug)
		if err != nil {
			return err
		}
		if r.OrganisationID != 0 {
			if err := hub.CheckActFor(a, r.OrganisationID, s.active()); err != nil {
				return err
			}
		}
		by := a.PersonID()
		if err := insertRequest(ctx, tx, &r, s.ID, by, nil); err != nil {
			return err
		}
		if err := recordChange(ctx, tx, change{by: &by, requestID: r.ID, to: hub.RequestOpen}); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &s.ID, Action: "request.submit", Subject: subject("request", r.ID),
			Details: map[string]any{"organisation_id": r.OrganisationID}})
	})
	return r, err
}

// fromAnswer is the feedback answer a request was made from.
type fromAnswer struct {
	feedbackID int64
	answer     string
}

// insertRequest validates r and stores it as a new open request of hubID
// made by by (from a feedback answer when src is set), filling in what the
// database gives it. The caller records its history and audit entry.
func insertRequest(ctx context.Context, tx *sqlx.Tx, r *hub.TopicRequest, hubID, by int64, src *fromAnswer) error {
	if err := r.Validate(); err != nil {
		return err
	}
	topicID, err := topicIDOf(ctx, tx, r.Topic)
	if err != nil {
		return err
	}
	var feedbackID *int64
	var answer *string
	if src != nil {
		feedbackID, answer = &src.feedbackID, &src.answer
	}
	err = tx.GetContext(ctx, r, `
		INSERT INTO topic_requests (hub_id, organisation_id, requested_by, topic_id, title, details, format, audience, from_feedback_id, from_feedback_topic)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING id, hub_id, organisation_id, requested_by, $11::text AS topic, title, details, format, audience, status, reason,
			merged_into, created_at, updated_at, status_changed_at, delivered_at, version`,
		hubID, r.OrganisationID, by, topicID, r.Title, r.Details, r.Format, r.Audience, feedbackID, answer, r.Topic)
	if err != nil {
		return fmt.Errorf("insert request: %w", mapErr(err))
	}
	return nil
}

// RequestChange edits a request and/or changes its status. Nil fields
// stay as they are.
type RequestChange struct {
	// ID is the request.
	ID int64
	// Want is the version the change was made from, if the caller says.
	Want IfVersion
	// Topic, Title, Details, Audience and Format are edits, for the
	// requesting organisation while the request is open.
	Topic, Title, Details, Audience *string
	Format                          *hub.RequestFormat
	// Status is the status to move to (hub.CheckTransition decides who may).
	Status *hub.RequestStatus
	// Reason says why: needed to decline.
	Reason string
	// MergedInto is the request to merge into, with Status merged.
	MergedInto *int64
}

func (c RequestChange) edits() bool {
	return c.Topic != nil || c.Title != nil || c.Details != nil || c.Audience != nil || c.Format != nil
}

// UpdateRequest applies a change to a request as it is under its lock,
// recording any status change in its history, all in one transaction.
func (db *DB) UpdateRequest(ctx context.Context, a *hub.Actor, in RequestChange) (hub.TopicRequest, error) {
	var out hub.TopicRequest
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		s, err := requestStanding(ctx, tx, a, in.ID)
		if err != nil {
			return err
		}
		if err := seeRequests(a, s); err != nil {
			return err
		}
		ids := []int64{in.ID}
		if in.MergedInto != nil {
			ids = append(ids, *in.MergedInto)
		}
		locked, err := lockRequests(ctx, tx, ids)
		if err != nil {
			return err
		}
		r, ok := locked[in.ID]
		if !ok {
			return hub.Errorf(hub.ENotFound, "The request was not found.")
		}
		if err := in.Want.check(r.Version, "The request"); err != nil {
			return err
		}
		parties := hub.PartiesFor(a, s.ID, r.OrganisationID, s.active())
		if !in.edits() && in.Status == nil {
			return hub.Errorf(hub.EInvalid, "Nothing to change: send the fields to edit, or a status.")
		}
		if in.edits() {
			if err := editRequest(ctx, tx, &r, parties, in); err != nil {
				return err
			}
		}
		if in.Status != nil {
			if err := changeStatus(ctx, tx, a, &r, parties, locked, *in.Status, in.Reason, in.MergedInto); err != nil {
				return err
			}
		}
		out, err = lockRequest(ctx, tx, in.ID)
		return err
	})
	return out, err
}

func editRequest(ctx context.Context, tx *sqlx.Tx, r *hub.TopicRequest, p hub.Parties, in RequestChange) error {
	if err := hub.CheckEdit(r, p); err != nil {
		return err
	}
	set(&r.Topic, in.Topic)
	set(&r.Title, in.Title)
	set(&r.Details, in.Details)
	set(&r.Audience, in.Audience)
	set(&r.Format, in.Format)
	r.Normalise()
	if err := r.Validate(); err != nil {
		return err
	}
	topicID, err := topicIDOf(ctx, tx, r.Topic)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE topic_requests SET topic_id = $2, title = $3, details = $4, format = $5, audience = $6, updated_at = now(), version = version + 1
		WHERE id = $1`, r.ID, topicID, r.Title, r.Details, r.Format, r.Audience)
	if err != nil {
		return fmt.Errorf("edit request %d: %w", r.ID, mapErr(err))
	}
	r.Version++
	return nil
}

// changeStatus moves a locked request to another status; locked holds it
// and, for a merge, its target.
func changeStatus(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, r *hub.TopicRequest, p hub.Parties,
	locked map[int64]hub.TopicRequest, to hub.RequestStatus, reason string, mergedInto *int64) error {
	if to == hub.RequestScheduled {
		return hub.FieldError("status", "Schedule a request by adding it to an event’s agenda from the agenda builder")
	}
	reason = trim(reason)
	if err := hub.CheckTransition(r.Status, to, p, reason); err != nil {
		return err
	}
	if l := len([]rune(reason)); l > hub.MaxRequestReason || !hub.StorableText(reason) {
		return hub.FieldError("reason", "The reason must be 2000 characters or fewer")
	}
	by := a.PersonID()
	var into *int64
	if to == hub.RequestMerged {
		if mergedInto == nil {
			return hub.FieldError("merged_into", "Choose the request to merge this one into")
		}
		target, ok := locked[*mergedInto]
		if !ok {
			return hub.FieldError("merged_into", "There is no request with this id")
		}
		chain, err := mergeChain(ctx, tx, target.ID)
		if err != nil {
			return err
		}
		if err := hub.CheckMerge(r, &target, chain); err != nil {
			return err
		}
		if err := carryOver(ctx, tx, r, &target); err != nil {
			return err
		}
		into = &target.ID
	}
	// The request keeps the reason for a decline or merge, which its
	// requester reads; other reasons are kept in the history only.
	kept := ""
	if to == hub.RequestDeclined || to == hub.RequestMerged {
		kept = reason
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE topic_requests SET status = $2, reason = $3, merged_into = $4, status_changed_at = now(), updated_at = now(), version = version + 1
		WHERE id = $1`, r.ID, to, kept, into)
	if err != nil {
		return fmt.Errorf("status of request %d: %w", r.ID, mapErr(err))
	}
	from := r.Status
	r.Status, r.Reason, r.MergedInto = to, kept, into
	if err := recordChange(ctx, tx, change{by: &by, requestID: r.ID, from: &from, to: to, reason: reason, mergedInto: into}); err != nil {
		return err
	}
	return audit(ctx, tx, Entry{PersonID: &by, HubID: &r.HubID, Action: "request." + string(to), Subject: subject("request", r.ID),
		Details: map[string]any{"from": from, "reason": reason}})
}

// carryOver moves what backed a merged request onto its target: the
// requesting organisation and every supporter become supporters (except
// the target's own organisation), and offers move too.
func carryOver(ctx context.Context, tx *sqlx.Tx, from, into *hub.TopicRequest) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO request_supports (request_id, organisation_id, supported_by, comment, created_at)
		SELECT $2::bigint, organisation_id, supported_by, comment, created_at FROM request_supports WHERE request_id = $1 AND organisation_id <> $3
		UNION ALL
		SELECT $2::bigint, organisation_id, requested_by, 'Asked in request ' || id || ': ' || title, created_at FROM topic_requests WHERE id = $1 AND organisation_id <> $3
		ON CONFLICT (request_id, organisation_id) DO NOTHING`, from.ID, into.ID, into.OrganisationID)
	if err != nil {
		return fmt.Errorf("carry supports of %d to %d: %w", from.ID, into.ID, err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO request_offers (request_id, organisation_id, offered_by, details, format, created_at)
		SELECT $2::bigint, organisation_id, offered_by, details, format, created_at FROM request_offers WHERE request_id = $1 AND organisation_id <> $3
		ON CONFLICT (request_id, organisation_id) DO NOTHING`, from.ID, into.ID, into.OrganisationID)
	if err != nil {
		return fmt.Errorf("carry offers of %d to %d: %w", from.ID, into.ID, err)
	}
	return nil
}

// mergeChain lists the requests id was merged into, nearest first.
func mergeChain(ctx context.Context, tx *sqlx.Tx, id int64) ([]int64, error) {
	chain := []int64{}
	err := tx.SelectContext(ctx, &chain, `
		WITH RECURSIVE up(id, depth) AS (
			SELECT merged_into, 1 FROM topic_requests WHERE id = $1 AND merged_into IS NOT NULL
			UNION ALL
			SELECT r.merged_into, up.depth + 1 FROM topic_requests r JOIN up ON r.id = up.id WHERE r.merged_into IS NOT NULL AND up.depth < 100)
		SELECT id FROM up ORDER BY depth`, id)
	if err != nil {
		return nil, fmt.Errorf("merge chain of %d: %w", id, err)
	}
	return chain, nil
}

// Triage is one decision applied to several requests of a hub at once.
type Triage struct {
	// HubSlug is the hub; every request must be in it.
	HubSlug string
	// IDs are the requests.
	IDs []int64
	// Status is where they go: accepted, declined, merged or open.
	Status hub.RequestStatus
	// Reason says why (needed to decline).
	Reason string
	// MergedInto is the request they are merged into.
	MergedInto *int64
}

// TriageRequests applies one decision to several requests, all or none:
// any request that cannot take it leaves every one as it was.
func (db *DB) TriageRequests(ctx context.Context, a *hub.Actor, in Triage) (int, error) {
	if len(in.IDs) == 0 {
		return 0, hub.FieldError("ids", "Choose at least one request")
	}
	if len(in.IDs) > 500 {
		return 0, hub.FieldError("ids", "Choose at most 500 requests at once")
	}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		s, err := hubStanding(ctx, tx, a, in.HubSlug)
		if err != nil {
			return err
		}
		if !hub.CanManageHub(a, s.ID) {
			return hub.Errorf(hub.EForbidden, "Only the coordinators of %s can triage its requests.", s.Name)
		}
		ids := append([]int64(nil), in.IDs...)
		if in.MergedInto != nil {
			ids = append(ids, *in.MergedInto)
		}
		locked, err := lockRequests(ctx, tx, ids)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, id := range in.IDs {
			r, ok := locked[id]
			if !ok || r.HubID != s.ID {
				return hub.FieldError("ids", fmt.Sprintf("There is no request %d in this hub", id))
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			p := hub.PartiesFor(a, s.ID, r.OrganisationID, s.active())
			if err := changeStatus(ctx, tx, a, &r, p, locked, in.Status, in.Reason, in.MergedInto); err != nil {
				return fmt.Errorf("request %d: %w", id, err)
			}
			locked[id] = r
		}
		return nil
	})
	return len(in.IDs), err
}

// NewSupport is an organisation backing a request.
type NewSupport struct {
	RequestID      int64
	OrganisationID int64
	Comment        string
}

// SupportRequest records that an organisation the actor acts for in the
// hub needs the request too; a second support from it is a conflict.
func (db *DB) SupportRequest(ctx context.Context, a *hub.Actor, in NewSupport) (hub.Support, error) {
	sup := hub.Support{RequestID: in.RequestID, OrganisationID: in.OrganisationID, Comment: trim(in.Comment)}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, s, err := backable(ctx, tx, a, in.RequestID)
		if err != nil {
			return err
		}
		if err := hub.CheckBacking(a, &r, in.OrganisationID, s.active(), false); err != nil {
			return err
		}
		if err := sup.Validate(); err != nil {
			return err
		}
		by := a.PersonID()
		err = tx.GetContext(ctx, &sup, `
			WITH ins AS (INSERT INTO request_supports (request_id, organisation_id, supported_by, comment) VALUES ($1, $2, $3, $4)
				RETURNING request_id, organisation_id, comment, created_at)
			SELECT ins.*, o.name AS organisation FROM ins JOIN organisations o ON o.id = ins.organisation_id`,
			in.RequestID, in.OrganisationID, by, sup.Comment)
		if isUniqueViolation(err) {
			return hub.Errorf(hub.EConflict, "That organisation already supports this request.")
		}
		if err != nil {
			return fmt.Errorf("support request %d: %w", in.RequestID, mapErr(err))
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &s.ID, Action: "request.support", Subject: subject("request", r.ID),
			Details: map[string]any{"organisation_id": in.OrganisationID}})
	})
	return sup, err
}

// NewOffer is an organisation offering to deliver a request.
type NewOffer struct {
	RequestID      int64
	OrganisationID int64
	Details        string
	Format         hub.RequestFormat
}

// OfferToDeliver records an organisation's offer to deliver a request or
// share its expertise; one offer per organisation.
func (db *DB) OfferToDeliver(ctx context.Context, a *hub.Actor, in NewOffer) (hub.Offer, error) {
	o := hub.Offer{RequestID: in.RequestID, OrganisationID: in.OrganisationID, Details: trim(in.Details), Format: hub.RequestFormat(trim(string(in.Format)))}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		r, s, err := backable(ctx, tx, a, in.RequestID)
		if err != nil {
			return err
		}
		if err := hub.CheckBacking(a, &r, in.OrganisationID, s.active(), true); err != nil {
			return err
		}
		if err := o.Validate(); err != nil {
			return err
		}
		by := a.PersonID()
		err = tx.GetContext(ctx, &o, `
			WITH ins AS (INSERT INTO request_offers (request_id, organisation_id, offered_by, details, format) VALUES ($1, $2, $3, $4, $5)
				RETURNING id, request_id, organisation_id, details, format, created_at)
			SELECT ins.*, o.name AS organisation FROM ins JOIN organisations o ON o.id = ins.organisation_id`,
			in.RequestID, in.OrganisationID, by, o.Details, o.Format)
		if isUniqueViolation(err) {
			return hub.Errorf(hub.EConflict, "That organisation has already offered to deliver this request.")
		}
		if err != nil {
			return fmt.Errorf("offer for request %d: %w", in.RequestID, mapErr(err))
		}
		return audit(ctx, tx, Entry{PersonID: &by, HubID: &s.ID, Action: "request.offer", Subject: subject("request", r.ID),
			Details: map[string]any{"organisation_id": in.OrganisationID}})
	})
	return o, err
}

// backable reads a request under a share lock (its status holds while
// the support or offer is added) with the actor's standing in its hub.
func backable(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, id int64) (hub.TopicRequest, standing, error) {
	s, err := requestStanding(ctx, tx, a, id)
	if err != nil {
		return hub.TopicRequest{}, s, err
	}
	if err := seeRequests(a, s); err != nil {
		return hub.TopicRequest{}, s, err
	}
	var r hub.TopicRequest
	if err := tx.GetContext(ctx, &r, requestRowSQL+` WHERE r.id = $1 FOR SHARE OF r`, id); err != nil {
		return r, s, fmt.Errorf("request %d: %w", id, notFound(err, "The request"))
	}
	return r, s, nil
}

const requestRowSQL = `SELECT r.id, r.hub_id, r.organisation_id, r.requested_by, t.slug AS topic, r.title, r.details, r.format, r.audience,
	r.status, r.reason, r.merged_into, r.created_at, r.updated_at, r.status_changed_at, r.delivered_at, r.version
	FROM topic_requests r JOIN topics t ON t.id = r.topic_id`

func lockRequest(ctx context.Context, tx *sqlx.Tx, id int64) (hub.TopicRequest, error) {
	var r hub.TopicRequest
	if err := tx.GetContext(ctx, &r, requestRowSQL+` WHERE r.id = $1 FOR UPDATE OF r`, id); err != nil {
		return r, fmt.Errorf("lock request %d: %w", id, notFound(err, "The request"))
	}
	return r, nil
}

// lockRequests locks requests in id order, so that two changes touching
// the same requests (a merge each way) queue instead of deadlocking.
func lockRequests(ctx context.Context, tx *sqlx.Tx, ids []int64) (map[int64]hub.TopicRequest, error) {
	var rows []hub.TopicRequest
	if err := tx.SelectContext(ctx, &rows, requestRowSQL+` WHERE r.id = ANY($1) ORDER BY r.id FOR UPDATE OF r`, pq.Int64Array(ids)); err != nil {
		return nil, fmt.Errorf("lock requests %v: %w", ids, err)
	}
	m := make(map[int64]hub.TopicRequest, len(rows))
	for _, r := range rows {
		m[r.ID] = r
	}
	return m, nil
}

// change is one line of a request's history.
type change struct {
	by         *int64
	requestID  int64
	from       *hub.RequestStatus
	to         hub.RequestStatus
	reason     string
	eventID    *int64
	mergedInto *int64
}

func recordChange(ctx context.Context, q querier, c change) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO request_status_changes (request_id, from_status, to_status, reason, changed_by, event_id, merged_into)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.requestID, c.from, c.to, c.reason, c.by, c.eventID, c.mergedInto)
	if err != nil {
		return fmt.Errorf("history of request %d: %w", c.requestID, err)
	}
	return nil
}

// topicIDOf finds a topic by slug; an unknown one is invalid on "topic".
func topicIDOf(ctx context.Context, q querier, slug string) (int64, error) {
	ids, err := topicIDs(ctx, q, "topic", []string{slug})
	if err != nil {
		return 0, fmt.Errorf("topic %q: %w", slug, err)
	}
	if len(ids) == 0 {
		return 0, hub.FieldError("topic", "“"+slug+"” is not a topic we know; choose one from the list")
	}
	return ids[0], nil
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func trim(s string) string { return strings.TrimSpace(s) }
