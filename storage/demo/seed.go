package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// SeedOptions shapes the demo data.
type SeedOptions struct {
	// Scale multiplies the demo hubs (and all that is in them); 1 is the
	// three hubs of the demo.
	Scale int
	// Now anchors the year of events: half before it, half after.
	Now time.Time
}

// DemoPassword is the password of every demo account, printed when the
// demo data is seeded so that a newcomer can sign in as anyone.
const DemoPassword = "convene-demo"

// SeedReport says what Seed added.
type SeedReport struct {
	// Hubs, Organisations, People and Events count the rows added.
	Hubs, Organisations, People, Events int
	// Series, AgendaItems and Registrations count the rows added with the
	// events.
	Series, AgendaItems, Registrations int
	// Feedback counts the feedback responses added to past events.
	Feedback int
	// Skipped counts hubs that were already there.
	Skipped int
	// Accounts lists one account of each kind to sign in with.
	Accounts []DemoAccount
}

// DemoAccount is a demo person to sign in as, with what they can do.
type DemoAccount struct {
	Role, Name, Email string
}

// Seed adds the demo hubs with their organisations. Each hub is added
// in one transaction, and a hub whose slug exists already is left as it is,
// so that seeding twice adds nothing.
func Seed(ctx context.Context, db *storage.DB, opts SeedOptions) (SeedReport, error) {
	var report SeedReport
	if opts.Scale < 1 {
		opts.Scale = 1
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	// One hash for every demo account: demo data, not real accounts, and
	// hashing thousands of times would make --scale slow for nothing.
	hash, err := hub.HashPassword(DemoPassword)
	if err != nil {
		return report, err
	}
	admin := DemoAdmin()
	err = inTx(ctx, db, func(tx *sqlx.Tx) error {
		id, err := seedPerson(ctx, tx, admin, hash, &report)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO roles (person_id, role) VALUES ($1, 'admin') ON CONFLICT DO NOTHING`, id)
		return err
	})
	if err != nil {
		return report, fmt.Errorf("seed admin: %w", err)
	}
	first := DemoHubs()[0]
	report.Accounts = []DemoAccount{
		{"Site administrator", admin.Name, admin.Email},
		{"Coordinator of " + first.Name, first.Coordinator.Name, first.Coordinator.Email},
		{"Evaluator of " + first.Name, first.Evaluator.Name, first.Evaluator.Email},
		{"Member of " + first.Organisations[0].Name, first.Organisations[0].Members[0].Name, first.Organisations[0].Members[0].Email},
	}
	for copyNo := 1; copyNo <= opts.Scale; copyNo++ {
		for _, dh := range DemoHubs() {
			dh = scaled(dh, copyNo)
			err := inTx(ctx, db, func(tx *sqlx.Tx) error {
				added, err := seedHub(ctx, tx, dh, hash, opts.Now, &report)
				if err == nil && !added {
					report.Skipped++
				}
				return err
			})
			if err != nil {
				return report, fmt.Errorf("seed hub %s: %w", dh.Slug, err)
			}
		}
	}
	if report.Hubs > 0 {
		if err := inTx(ctx, db, func(tx *sqlx.Tx) error { return seedNeighbours(ctx, tx) }); err != nil {
			return report, fmt.Errorf("seed invitations between hubs: %w", err)
		}
		if err := seedMail(ctx, db, DemoHubs()[0].Slug, opts.Now); err != nil {
			return report, err
		}
	}
	if err := inTx(ctx, db, func(tx *sqlx.Tx) (err error) { report.Feedback, err = seedFeedback(ctx, tx, opts.Now); return err }); err != nil {
		return report, fmt.Errorf("seed feedback: %w", err)
	}
	// A bulk load leaves the planner's statistics behind until autovacuum
	// catches up; refresh them so the first pages are planned well.
	if report.Hubs > 0 {
		if _, err := db.SQL().ExecContext(ctx, `ANALYZE hubs, organisations, hub_memberships, people, affiliations, roles,
			topics, series, events, event_topics, agenda_items, registrations, topic_requests, request_supports, request_offers, request_status_changes`); err != nil {
			return report, fmt.Errorf("analyze after seeding: %w", err)
		}
	}
	return report, nil
}

// seedHub inserts one hub and what is in it; added is false when the hub
// was there already.
func seedHub(ctx context.Context, tx *sqlx.Tx, dh DemoHub, hash string, now time.Time, report *SeedReport) (added bool, err error) {
	var hubIDs []int64
	err = tx.SelectContext(ctx, &hubIDs, `
		INSERT INTO hubs (slug, name, region, timezone, description) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (slug) DO NOTHING RETURNING id`,
		dh.Slug, dh.Name, dh.Region, dh.TimeZone, dh.Description)
	if err != nil || len(hubIDs) == 0 {
		return false, err
	}
	hubID := hubIDs[0]
	report.Hubs++
	es := eventSeed{hubID: hubID, hub: dh, now: now}
	for i, do := range dh.Organisations {
		var orgID int64
		err := tx.GetContext(ctx, &orgID, `
			INSERT INTO organisations (name, name_key, kind, website, description) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT ((lower(name))) DO UPDATE SET updated_at = organisations.updated_at
			RETURNING id`,
			do.Name, hub.OrganisationNameKey(do.Name), do.Kind, do.Website, do.Description)
		if err != nil {
			return false, fmt.Errorf("organisation %q: %w", do.Name, err)
		}
		report.Organisations++
		es.orgIDs = append(es.orgIDs, orgID)
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, origin) VALUES ($1, $2, 'active', 'request')
			ON CONFLICT DO NOTHING`, hubID, orgID); err != nil {
			return false, fmt.Errorf("membership of %q: %w", do.Name, err)
		}
		for _, member := range do.Members {
			personID, err := seedPerson(ctx, tx, member, hash, report)
			if err != nil {
				return false, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO affiliations (person_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, personID, orgID); err != nil {
				return false, fmt.Errorf("affiliate %s: %w", member.Email, err)
			}
			es.members = append(es.members, seedMember{id: personID, org: i})
		}
	}
	for role, p := range map[string]DemoPerson{"coordinator": dh.Coordinator, "evaluator": dh.Evaluator} {
		personID, err := seedPerson(ctx, tx, p, hash, report)
		if err != nil {
			return false, err
		}
		if role == "coordinator" {
			es.coordinatorID = personID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO roles (person_id, role, hub_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, personID, role, hubID); err != nil {
			return false, fmt.Errorf("%s of %s: %w", role, dh.Slug, err)
		}
	}
	if err := seedEvents(ctx, tx, es, report); err != nil {
		return false, fmt.Errorf("events of %s: %w", dh.Slug, err)
	}
	if err := seedRequests(ctx, tx, es); err != nil {
		return false, fmt.Errorf("topic requests of %s: %w", dh.Slug, err)
	}
	return true, nil
}

// seedPerson adds a demo account (or finds it) and returns its id.
func seedPerson(ctx context.Context, tx *sqlx.Tx, p DemoPerson, hash string, report *SeedReport) (int64, error) {
	var row struct {
		ID  int64 `db:"id"`
		New bool  `db:"new"`
	}
	err := tx.GetContext(ctx, &row, `
		INSERT INTO people (email, name, password_hash) VALUES ($1, $2, $3)
		ON CONFLICT ((lower(email))) DO UPDATE SET updated_at = people.updated_at
		RETURNING id, xmax = 0 AS new`, p.Email, p.Name, hash)
	if err != nil {
		return 0, fmt.Errorf("person %s: %w", p.Email, err)
	}
	if row.New {
		report.People++
	}
	return row.ID, nil
}

// scaled returns copy n of a demo hub: the first is the hub itself; later
// copies get numbered slugs, names and email addresses so they stay unique.
func scaled(dh DemoHub, n int) DemoHub {
	if n == 1 {
		return dh
	}
	suffix := fmt.Sprintf(" %d", n)
	dh.Slug = fmt.Sprintf("%s-%d", dh.Slug, n)
	dh.Name += suffix
	orgs := make([]DemoOrganisation, len(dh.Organisations))
	for i, o := range dh.Organisations {
		o.Name += suffix
		members := make([]DemoPerson, len(o.Members))
		for j, p := range o.Members {
			members[j] = scaledPerson(p, n)
		}
		o.Members = members
		orgs[i] = o
	}
	dh.Organisations = orgs
	dh.Coordinator = scaledPerson(dh.Coordinator, n)
	dh.Evaluator = scaledPerson(dh.Evaluator, n)
	return dh
}

func scaledPerson(p DemoPerson, n int) DemoPerson {
	local, domain, _ := strings.Cut(p.Email, "@")
	p.Email = fmt.Sprintf("%s+%d@%s", local, n, domain)
	return p
}

// seedNeighbours leaves membership agreements half made between
// neighbouring demo hubs, so that both sides have something to answer:
// each hub has invited the first organisation of the next hub (waiting on
// that organisation's members' account pages), and the second
// organisation of the next hub has asked to join (waiting on the
// coordinator's members page).
func seedNeighbours(ctx context.Context, tx *sqlx.Tx) error {
	hubs := DemoHubs()
	for i, dh := range hubs {
		next := hubs[(i+1)%len(hubs)]
		if len(next.Organisations) < 2 {
			continue
		}
		invited, asking := next.Organisations[0], next.Organisations[1]
		_, err := tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, origin, invited_by, since)
			SELECT h.id, o.id, 'invited', 'invitation', p.id, now() - interval '3 days'
			FROM hubs h, organisations o, people p
			WHERE h.slug = $1 AND lower(o.name) = lower($2) AND lower(p.email) = lower($3)
			ON CONFLICT DO NOTHING`, dh.Slug, invited.Name, dh.Coordinator.Email)
		if err != nil {
			return fmt.Errorf("invite %q to %s: %w", invited.Name, dh.Slug, err)
		}
		if len(asking.Members) == 0 {
			continue
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO hub_memberships (hub_id, organisation_id, status, origin, requested_by, message, since)
			SELECT h.id, o.id, 'requested', 'request', p.id, $4, now() - interval '1 day'
			FROM hubs h, organisations o, people p
			WHERE h.slug = $1 AND lower(o.name) = lower($2) AND lower(p.email) = lower($3)
			ON CONFLICT DO NOTHING`, dh.Slug, asking.Name, asking.Members[0].Email,
			"Several of the people we support live across the border in your region; we would like to learn with your members too.")
		if err != nil {
			return fmt.Errorf("request of %q to %s: %w", asking.Name, dh.Slug, err)
		}
	}
	return nil
}

// inTx runs fn in one transaction on db, committed when fn returns nil.
func inTx(ctx context.Context, db *storage.DB, fn func(tx *sqlx.Tx) error) error {
	tx, err := sqlx.NewDb(db.SQL(), "postgres").BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
