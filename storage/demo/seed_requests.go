package demo

// Demo topic requests: each hub gets 30 requests across every topic and
// status, with supports and offers; some are scheduled into its seeded
// events' agendas (delivered when the event is past). In the Yorkshire and
// Humber hub one organisation presents most of the last six months'
// agenda, so that the dashboard's balance flag shows.

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// demoAsks are the requests' titles and details, one per topic in turn.
var demoAsks = []struct{ topic, title, details string }{
	{"peer-support-delivery", "Supervising peer workers well", "Our peer workers want reflective supervision from someone who has done the job; how do others arrange it?"},
	{"safeguarding", "Safeguarding when a peer discloses", "What to do when a peer worker hears a disclosure outside office hours, and who they call."},
	{"boundaries-of-peer-support", "Boundaries on messaging apps", "Peer workers and the people they support message each other at night; we need a shared approach."},
	{"trauma-informed-approaches", "Trauma-informed assessments", "Our assessment forms re-traumatise people; we want to see forms others have changed."},
	{"intersectionality", "Reaching women of colour in recovery", "Few women of colour use our service; we need to hear from projects that changed that."},
	{"sustainability", "Keeping peer roles after the grant ends", "How have projects kept peer roles going once programme funding stopped?"},
	{"future-funding", "Writing a joint bid with the council", "We have been invited to co-design a commission and do not know where to start."},
	{"peer-support-delivery", "Paying peer workers fairly", "Job descriptions, pay scales and what counts as lived-experience expertise."},
	{"safeguarding", "Safer recruitment with lived experience", "How to do DBS checks fairly for applicants with convictions."},
	{"boundaries-of-peer-support", "Ending a peer relationship well", "How do peer workers close a relationship without it feeling like rejection?"},
}

// demoStatuses is the mix of statuses of a hub's 30 requests, in order.
var demoStatuses = []string{
	"open", "open", "open", "open", "open", "open", "open", "open", "open",
	"accepted", "accepted", "accepted", "accepted", "accepted",
	"scheduled", "scheduled", "scheduled", "scheduled",
	"delivered", "delivered", "delivered", "delivered", "delivered", "delivered",
	"declined", "declined", "declined",
	"merged", "merged",
	"withdrawn",
}

// dominatedHub is the demo hub whose agenda one organisation steers.
const dominatedHub = "yorkshire-humber"

func seedRequests(ctx context.Context, tx *sqlx.Tx, s eventSeed) error {
	if len(s.orgIDs) < 3 {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte("requests " + s.hub.Slug))
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	var items []struct {
		ID      int64     `db:"id"`
		EndsAt  time.Time `db:"ends_at"`
		EventID int64     `db:"event_id"`
		Title   string    `db:"title"`
	}
	// Agenda items a request could have been the origin of: talks,
	// workshops, discussions and resource shares, past and future.
	if err := tx.SelectContext(ctx, &items, `
		SELECT a.id, e.ends_at, e.id AS event_id, e.title FROM agenda_items a JOIN events e ON e.id = a.event_id
		WHERE e.hub_id = $1 AND e.status = 'published' AND a.kind IN ('talk', 'workshop', 'discussion', 'resource_share')
		  AND a.request_id IS NULL
		ORDER BY e.starts_at, a.position`, s.hubID); err != nil {
		return fmt.Errorf("agenda items: %w", err)
	}
	var past, future []int
	for i, it := range items {
		if it.EndsAt.Before(s.now) {
			if s.now.Sub(it.EndsAt) < 150*24*time.Hour {
				past = append(past, i)
			}
		} else {
			future = append(future, i)
		}
	}
	var ids []int64
	for n, status := range demoStatuses {
		ask := demoAsks[n%len(demoAsks)]
		org := s.orgIDs[n%len(s.orgIDs)]
		var item int = -1
		switch {
		case status == "scheduled" && len(future) > 0:
			item, future = future[0], future[1:]
		case status == "delivered" && len(past) > 0:
			item, past = past[len(past)-1], past[:len(past)-1]
		case status == "scheduled" || status == "delivered":
			status = "accepted"
		}
		created := s.now.Add(-time.Duration(5+rng.IntN(200)) * 24 * time.Hour).Truncate(time.Minute)
		var deliveredAt *time.Time
		if item >= 0 {
			// Asked some weeks before the event it was scheduled into.
			created = items[item].EndsAt.Add(-time.Duration(20+rng.IntN(90)) * 24 * time.Hour).Truncate(time.Minute)
			if status == "delivered" {
				deliveredAt = &items[item].EndsAt
			}
		}
		var by int64
		for _, m := range s.members {
			if s.orgIDs[m.org] == org {
				by = m.id
				break
			}
		}
		reason := ""
		switch status {
		case "declined":
			reason = "Covered at a hub day earlier this year; the slides are in the resource library."
		case "merged":
			reason = "The same need as an earlier request."
		}
		var id int64
		err := tx.GetContext(ctx, &id, `
			INSERT INTO topic_requests (hub_id, organisation_id, requested_by, topic_id, title, details, format, audience, status, reason,
				merged_into, created_at, updated_at, status_changed_at, delivered_at)
			VALUES ($1, $2, nullif($3, 0), (SELECT id FROM topics WHERE slug = $4), $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)
			RETURNING id`,
			s.hubID, org, by, ask.topic, ask.title, ask.details, []string{"talk", "workshop", "discussion", "resource_share", "introduction"}[n%5],
			"Peer support workers and their supervisors", status, reason, mergeTarget(status, ids), created, created.Add(7*24*time.Hour), deliveredAt)
		if err != nil {
			return fmt.Errorf("request %d: %w", n, err)
		}
		ids = append(ids, id)
		if err := seedRequestHistory(ctx, tx, id, status, reason, by, created, items, item); err != nil {
			return err
		}
		if item >= 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET request_id = $2 WHERE id = $1`, items[item].ID, id); err != nil {
				return fmt.Errorf("link request %d: %w", id, err)
			}
		}
		// Supports from up to three other organisations; an offer now and then.
		for k, o := range rng.Perm(len(s.orgIDs))[:rng.IntN(4)] {
			if s.orgIDs[o] == org {
				continue
			}
			comment := []string{"We need this too.", "", "Our volunteers keep asking about this."}[k%3]
			if _, err := tx.ExecContext(ctx, `INSERT INTO request_supports (request_id, organisation_id, comment, created_at) VALUES ($1, $2, $3, $4)`,
				id, s.orgIDs[o], comment, created.Add(time.Duration(k+1)*24*time.Hour)); err != nil {
				return fmt.Errorf("support of %d: %w", id, err)
			}
		}
		if n%3 == 0 {
			offerer := s.orgIDs[(n+1)%len(s.orgIDs)]
			if _, err := tx.ExecContext(ctx, `INSERT INTO request_offers (request_id, organisation_id, details, format, created_at) VALUES ($1, $2, $3, 'talk', $4)`,
				id, offerer, "We ran this for our own team last year and can share what worked.", created.Add(3*24*time.Hour)); err != nil {
				return fmt.Errorf("offer on %d: %w", id, err)
			}
		}
	}
	// The seeded agendas lean on a few organisations; share the last six
	// months' presenting round the hub's members (a forum working as it
	// should), except in the hub whose agenda one organisation steers.
	_, err := tx.ExecContext(ctx, `
		WITH ranked AS (
			SELECT a.id, row_number() OVER (ORDER BY e.starts_at, a.position) AS n
			FROM agenda_items a JOIN events e ON e.id = a.event_id
			WHERE e.hub_id = $1 AND e.starts_at > $3::timestamptz - interval '6 months' AND e.starts_at < $3::timestamptz
			  AND a.presenter_organisation_id IS NOT NULL)
		UPDATE agenda_items a SET presenter_organisation_id = ($2::bigint[])[1 + ranked.n % array_length($2::bigint[], 1)],
			presenter_name = CASE WHEN a.presenter_organisation_id = ($2::bigint[])[1 + ranked.n % array_length($2::bigint[], 1)] THEN a.presenter_name ELSE '' END
		FROM ranked WHERE ranked.id = a.id`, s.hubID, pq.Int64Array(s.orgIDs), s.now)
	if err != nil {
		return fmt.Errorf("share presenting: %w", err)
	}
	if strings.HasPrefix(s.hub.Slug, dominatedHub) {
		// One organisation presents two in three of the last six months' items.
		_, err = tx.ExecContext(ctx, `
			UPDATE agenda_items a SET presenter_organisation_id = $2
			FROM events e WHERE e.id = a.event_id AND e.hub_id = $1 AND e.starts_at > $3::timestamptz - interval '6 months' AND e.starts_at < $3::timestamptz
			  AND a.kind <> 'break' AND a.id % 3 <> 0`, s.hubID, s.orgIDs[0], s.now)
		if err != nil {
			return fmt.Errorf("dominant presenter: %w", err)
		}
	}
	return nil
}

// mergeTarget is the request a merged one was merged into: the first open one.
func mergeTarget(status string, ids []int64) *int64 {
	if status != "merged" || len(ids) == 0 {
		return nil
	}
	return &ids[0]
}

// seedRequestHistory writes the status changes that led to status.
func seedRequestHistory(ctx context.Context, tx *sqlx.Tx, id int64, status, reason string, by int64, created time.Time,
	items []struct {
		ID      int64     `db:"id"`
		EndsAt  time.Time `db:"ends_at"`
		EventID int64     `db:"event_id"`
		Title   string    `db:"title"`
	}, item int) error {
	type step struct {
		from, to, reason string
		event            *int64
		person           bool
	}
	steps := []step{{"", "open", "", nil, true}}
	var event *int64
	if item >= 0 {
		event = &items[item].EventID
	}
	switch status {
	case "accepted":
		steps = append(steps, step{"open", "accepted", "", nil, false})
	case "scheduled", "delivered":
		steps = append(steps, step{"open", "accepted", "", nil, false}, step{"accepted", "scheduled", "Added to the agenda of " + items[item].Title, event, false})
		if status == "delivered" {
			steps = append(steps, step{"scheduled", "delivered", "The event took place.", event, false})
		}
	case "declined", "merged":
		steps = append(steps, step{"open", status, reason, nil, false})
	case "withdrawn":
		steps = append(steps, step{"open", "withdrawn", "Found what we needed elsewhere.", nil, true})
	}
	for i, st := range steps {
		var from *string
		if st.from != "" {
			from = &st.from
		}
		var who *int64
		if st.person && by != 0 {
			who = &by
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO request_status_changes (request_id, from_status, to_status, reason, changed_by, changed_at, event_id, notified_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $6)`, id, from, st.to, st.reason, who, created.Add(time.Duration(i)*48*time.Hour), st.event); err != nil {
			return fmt.Errorf("history of %d: %w", id, err)
		}
	}
	return nil
}
