package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/demo"
	"github.com/convene/convene/storage/pgtest"
)

// seedNow is a Tuesday noon in March 2026: the year around it crosses both
// clock changes, so series must keep their local times through them.
var seedNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// MustSeedDemo seeds the demo data at seedNow.
func MustSeedDemo(tb testing.TB, db *storage.DB, scale int) demo.SeedReport {
	tb.Helper()
	return MustSeedDemoAt(tb, db, scale, seedNow)
}

// MustSeedDemoAt seeds the demo data around now.
func MustSeedDemoAt(tb testing.TB, db *storage.DB, scale int, now time.Time) demo.SeedReport {
	tb.Helper()
	report, err := demo.Seed(context.Background(), db, demo.SeedOptions{Scale: scale, Now: now})
	if err != nil {
		tb.Fatalf("seed demo: %v", err)
	}
	return report
}

// MustCount runs a query that returns one number.
func MustCount(tb testing.TB, db *storage.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := pgtest.SQL(db).GetContext(context.Background(), &n, query, args...); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// MustNone fails when a query that lists offending rows finds any; the
// query returns one text column describing each.
func MustNone(tb testing.TB, db *storage.DB, query string, args ...any) {
	tb.Helper()
	var bad []string
	if err := pgtest.SQL(db).SelectContext(context.Background(), &bad, query, args...); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	if len(bad) > 0 {
		tb.Errorf("got %d offending rows, want none; first: %s", len(bad), bad[0])
	}
}

func TestSeedDemoEvents(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	report := MustSeedDemo(t, db, 1)

	t.Run("ReportCountsRows", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			got   int
			table string
		}{
			{"Events", report.Events, "events"},
			{"Series", report.Series, "series"},
			{"AgendaItems", report.AgendaItems, "agenda_items"},
			{"Registrations", report.Registrations, "registrations"},
		} {
			if want := MustCount(t, db, `SELECT count(*) FROM `+c.table); c.got != want || want == 0 {
				t.Errorf("report.%s = %d, want %d rows (and some)", c.name, c.got, want)
			}
		}
	})
	t.Run("MembershipAgreementsWaiting", func(t *testing.T) {
		hubs := len(demo.DemoHubs())
		for status, want := range map[string]int{"invited": hubs, "requested": hubs} {
			if got := MustCount(t, db, `SELECT count(*) FROM hub_memberships WHERE status = $1`, status); got != want {
				t.Errorf("%d memberships %s, want %d (one per hub)", got, status, want)
			}
		}
		MustNone(t, db, `SELECT organisation_id::text FROM hub_memberships WHERE status = 'active' AND origin = 'admin'`)
	})
	t.Run("AYearAroundNow", func(t *testing.T) {
		CheckYearAround(t, db, seedNow)
		MustNone(t, db, `
			SELECT title || ' at ' || starts_at FROM events
			WHERE starts_at < $1::timestamptz - interval '7 months' OR starts_at > $1::timestamptz + interval '7 months'`, seedNow)
	})
	t.Run("TwoSeriesKeepTheirLocalTime", func(t *testing.T) {
		MustNone(t, db, `
			SELECT h.slug || ' has ' || count(s.id) || ' series' FROM hubs h LEFT JOIN series s ON s.hub_id = h.id
			GROUP BY h.slug HAVING count(s.id) <> 2`)
		MustNone(t, db, `
			SELECT s.rule || ': ' || count(*) || ' events at '
			       || string_agg(DISTINCT to_char(e.starts_at AT TIME ZONE 'Europe/London', 'Dy HH24:MI'), ', ')
			FROM series s JOIN events e ON e.series_id = s.id
			GROUP BY s.id, s.rule
			HAVING count(*) < 4
			    OR count(DISTINCT to_char(e.starts_at AT TIME ZONE 'Europe/London', 'Dy HH24:MI')) <> 1
			    OR count(DISTINCT to_char(e.ends_at AT TIME ZONE 'Europe/London', 'HH24:MI')) <> 1`)
		// Through the clock changes the UTC hour moves: proof that the
		// series is kept in local time, not a fixed offset.
		if n := MustCount(t, db, `
			SELECT count(*) FROM series s WHERE s.rule LIKE 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=%' AND
			(SELECT count(DISTINCT extract(hour FROM e.starts_at AT TIME ZONE 'UTC')) FROM events e WHERE e.series_id = s.id) = 2`); n != 3 {
			t.Errorf("got %d fortnightly Tuesday series at two UTC hours, want 3", n)
		}
		if n := MustCount(t, db, `SELECT count(*) FROM series WHERE rule LIKE 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE;UNTIL=%'`); n != 3 {
			t.Errorf("got %d quarterly series on the second Wednesday, want 3", n)
		}
	})
	t.Run("AgendasInsideTheirEvents", func(t *testing.T) {
		MustNone(t, db, `
			SELECT e.title FROM events e
			WHERE NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.event_id = e.id)`)
		MustNone(t, db, `
			SELECT e.title || ': ' || a.title FROM agenda_items a JOIN events e ON e.id = a.event_id
			WHERE a.starts_at < e.starts_at OR a.ends_at > e.ends_at`)
		MustNone(t, db, `
			SELECT e.title || ': ' || a.title FROM agenda_items a JOIN events e ON e.id = a.event_id
			WHERE a.presenter_organisation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub_memberships m
			      WHERE m.hub_id = e.hub_id AND m.organisation_id = a.presenter_organisation_id)`)
		MustNone(t, db, `
			SELECT e.title FROM events e
			WHERE NOT EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = e.id)`)
	})
	t.Run("EventsHaveWhatTheirFormatNeeds", func(t *testing.T) {
		MustNone(t, db, `
			SELECT title FROM events
			WHERE (format IN ('in_person', 'hybrid') AND (venue = '' OR host_organisation_id IS NULL))
			   OR (format IN ('online', 'hybrid') AND online_url NOT LIKE 'https://meet.example.org/%')
			   OR (format = 'in_person' AND online_url <> '')`)
		MustNone(t, db, `
			SELECT title || ' for ' || capacity FROM events e JOIN series s ON s.id = e.series_id
			WHERE s.rule LIKE 'FREQ=MONTHLY%' AND (capacity NOT BETWEEN 40 AND 60 OR format <> 'in_person'
			      OR to_char(starts_at AT TIME ZONE 'Europe/London', 'HH24:MI') <> '10:00'
			      OR to_char(ends_at AT TIME ZONE 'Europe/London', 'HH24:MI') <> '15:30')`)
	})
	t.Run("StatusesAndVisibility", func(t *testing.T) {
		MustNone(t, db, `
			SELECT h.slug FROM hubs h JOIN events e ON e.hub_id = h.id GROUP BY h.slug
			HAVING count(*) FILTER (WHERE e.status = 'cancelled' AND e.starts_at > $1 AND e.series_id IS NULL) < 1
			    OR count(*) FILTER (WHERE e.status = 'draft' AND e.starts_at > $1) < 1
			    OR count(*) FILTER (WHERE e.status = 'cancelled' AND e.series_id IS NOT NULL) < 1
			    OR count(*) FILTER (WHERE e.visibility = 'members') < 1
			    OR count(*) FILTER (WHERE e.visibility = 'invite_only') < 1
			    OR count(*) FILTER (WHERE e.status = 'published') < count(*) * 0.8`, seedNow)
		MustNone(t, db, `
			SELECT title FROM events
			WHERE (status = 'cancelled') <> (cancel_reason <> '') OR (status = 'cancelled') <> (sequence > 0)
			   OR created_at > $1 OR updated_at > $1 OR updated_at < created_at OR created_at > starts_at`, seedNow)
		MustNone(t, db, `SELECT e.title FROM events e JOIN registrations r ON r.event_id = e.id WHERE e.status = 'draft'`)
	})
	t.Run("CapacityIsNeverExceeded", func(t *testing.T) {
		MustNone(t, db, `
			SELECT e.title || ': ' || count(*) || ' registered for ' || e.capacity
			FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE r.status = 'registered' AND NOT r.walk_in
			GROUP BY e.id, e.title, e.capacity
			HAVING count(*) > e.capacity`)
		MustNone(t, db, `
			SELECT e.title FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE r.status = 'waitlisted' AND (e.capacity IS NULL OR e.starts_at < $1)`, seedNow)
	})
	t.Run("EachHubHasAFullEventWithAWaitlist", func(t *testing.T) {
		// (CheckYearAround checks that there is one.) Waiting comes after the last place was taken, in a strict order.
		MustNone(t, db, `
			SELECT e.title FROM events e JOIN registrations w ON w.event_id = e.id AND w.status = 'waitlisted'
			WHERE EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.status = 'registered'
			              AND r.created_at >= w.created_at)
			   OR EXISTS (SELECT 1 FROM registrations o WHERE o.event_id = e.id AND o.status = 'waitlisted'
			              AND o.id <> w.id AND o.created_at = w.created_at)`)
	})
	t.Run("RegistrationsComeBefore", func(t *testing.T) {
		MustNone(t, db, `
			SELECT e.title || ' on ' || e.starts_at || ': ' || r.created_at FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE NOT r.walk_in AND (r.created_at >= e.starts_at OR r.created_at > $1 OR r.created_at < e.created_at
			      OR (e.starts_at < $1 AND r.created_at < e.starts_at - interval '7 weeks')
			      OR r.status_changed_at < r.created_at
			      OR r.status_changed_at > $1)`, seedNow)
		MustNone(t, db, `
			SELECT e.title FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE r.walk_in AND (r.attended_at IS NULL OR r.created_at NOT BETWEEN e.starts_at AND e.ends_at
			      OR r.status <> 'registered')`)
	})
	t.Run("PastEventsHaveAttendance", func(t *testing.T) {
		MustNone(t, db, `
			SELECT e.title || ' on ' || e.starts_at || ': ' || count(r.attended_at) || ' of '
			       || count(*) FILTER (WHERE NOT r.walk_in) || ' came, ' || count(*) FILTER (WHERE r.walk_in) || ' walk-ins'
			FROM events e JOIN registrations r ON r.event_id = e.id AND r.status = 'registered'
			WHERE e.ends_at < $1 AND e.status = 'published'
			GROUP BY e.id, e.title, e.starts_at
			HAVING count(*) FILTER (WHERE r.walk_in) NOT BETWEEN 1 AND 3
			    OR count(r.attended_at) FILTER (WHERE NOT r.walk_in)::float / count(*) FILTER (WHERE NOT r.walk_in)
			       NOT BETWEEN 0.65 AND 0.9`, seedNow)
		MustNone(t, db, `
			SELECT e.title FROM events e WHERE e.ends_at < $1 AND e.status = 'published'
			AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.attended_at IS NOT NULL)`, seedNow)
		MustNone(t, db, `
			SELECT e.title FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE r.attended_at IS NOT NULL AND (r.attended_at NOT BETWEEN e.starts_at AND e.ends_at
			      OR e.ends_at > $1 OR r.status <> 'registered')`, seedNow)
		if n := MustCount(t, db, `SELECT count(*) FROM registrations WHERE status = 'cancelled'`); n == 0 {
			t.Error("no cancelled registrations, want some")
		}
	})
	t.Run("GuestsAndRoles", func(t *testing.T) {
		MustNone(t, db, `
			SELECT coalesce(guest_email, '') FROM registrations
			WHERE (person_id IS NULL) <> (manage_token_hash IS NOT NULL)
			   OR (person_id IS NULL AND guest_email <> '' AND guest_email NOT LIKE '%@example.org')
			   OR (person_id IS NOT NULL AND (guest_name <> '' OR guest_email <> ''))`)
		MustNone(t, db, `
			SELECT event_id || ' ' || lower(guest_email) FROM registrations WHERE guest_email <> ''
			GROUP BY event_id, lower(guest_email) HAVING count(*) > 1`)
		MustNone(t, db, `
			SELECT r.event_id || ' ' || r.person_id FROM registrations r JOIN events e ON e.id = r.event_id
			WHERE r.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM affiliations a
			      JOIN hub_memberships m ON m.organisation_id = a.organisation_id
			      WHERE a.person_id = r.person_id AND m.hub_id = e.hub_id)`)
		var roles struct {
			PeerSupport int `db:"peer_support_worker"`
			Practice    int `db:"practitioner"`
			Lived       int `db:"lived_experience"`
			Commission  int `db:"commissioner"`
			Other       int `db:"other"`
			Needs       int `db:"needs"`
		}
		if err := pgtest.SQL(db).GetContext(context.Background(), &roles, `
			SELECT count(*) FILTER (WHERE attendee_role = 'peer_support_worker') AS peer_support_worker,
			       count(*) FILTER (WHERE attendee_role = 'practitioner') AS practitioner,
			       count(*) FILTER (WHERE attendee_role = 'lived_experience') AS lived_experience,
			       count(*) FILTER (WHERE attendee_role = 'commissioner') AS commissioner,
			       count(*) FILTER (WHERE attendee_role = 'other') AS other,
			       count(*) FILTER (WHERE access_needs <> '') AS needs
			FROM registrations`); err != nil {
			t.Fatal(err)
		}
		if !(roles.PeerSupport > roles.Lived && roles.Practice > roles.Lived && roles.Lived > roles.Commission &&
			roles.Commission > 0 && roles.Other > 0 && roles.Needs > 0) {
			t.Errorf("got roles %+v, want many peer support workers and practitioners, some lived experience, "+
				"few commissioners, some other, and some access needs", roles)
		}
	})
}

// CheckYearAround checks what every hub must have whenever it is seeded:
// a year of events around now with enough on both sides, capacity held,
// and an upcoming event that is full with a waitlist.
func CheckYearAround(t *testing.T, db *storage.DB, now time.Time) {
	t.Helper()
	MustNone(t, db, `
		SELECT h.slug || ': ' || count(*) FILTER (WHERE e.starts_at < $1) || ' past, '
		       || count(*) FILTER (WHERE e.starts_at > $1) || ' upcoming'
		FROM hubs h LEFT JOIN events e ON e.hub_id = h.id
		GROUP BY h.slug
		HAVING count(*) FILTER (WHERE e.starts_at < $1) < 20 OR count(*) FILTER (WHERE e.starts_at > $1) < 10`, now)
	MustNone(t, db, `
		WITH counts AS (
			SELECT e.id, e.hub_id, e.capacity,
			       count(*) FILTER (WHERE r.status = 'registered') AS registered,
			       count(*) FILTER (WHERE r.status = 'waitlisted') AS waiting
			FROM events e JOIN registrations r ON r.event_id = e.id
			WHERE e.starts_at > $1 AND e.status = 'published'
			GROUP BY e.id)
		SELECT h.slug FROM hubs h
		WHERE NOT EXISTS (SELECT 1 FROM counts c
		      WHERE c.hub_id = h.id AND c.registered = c.capacity AND c.waiting BETWEEN 3 AND 6)`, now)
	MustNone(t, db, `
		SELECT e.title || ': ' || count(*) || ' registered for ' || e.capacity
		FROM events e JOIN registrations r ON r.event_id = e.id
		WHERE r.status = 'registered' AND NOT r.walk_in
		GROUP BY e.id, e.title, e.capacity
		HAVING count(*) > e.capacity`)
	MustNone(t, db, `
		SELECT e.title FROM events e JOIN registrations r ON r.event_id = e.id
		WHERE r.created_at > $1 OR r.attended_at > $1 OR r.status_changed_at > $1 OR e.updated_at > $1
		   OR (NOT r.walk_in AND r.created_at >= e.starts_at)`, now)
}

// The seeder runs at whatever moment it is run: any must do, including
// during a hub day, on the nights the clocks change and over Christmas.
func TestSeedDemoEventsAtAnyMoment(t *testing.T) {
	t.Parallel()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	moments := []time.Time{
		time.Date(2026, 3, 29, 1, 30, 0, 0, london),  // clocks go forward
		time.Date(2026, 10, 25, 1, 30, 0, 0, london), // clocks go back
		time.Date(2026, 12, 25, 9, 0, 0, 0, london),
		time.Date(2027, 1, 12, 19, 45, 0, 0, london),
		time.Date(2027, 2, 10, 11, 0, 0, 0, london), // during a hub day
		time.Date(2027, 5, 31, 23, 59, 0, 0, london),
		time.Date(2027, 8, 3, 0, 0, 0, 0, london),
		time.Date(2028, 2, 29, 15, 0, 0, 0, london),
	}
	for _, now := range moments {
		t.Run(now.Format("2006-01-02T15:04"), func(t *testing.T) {
			t.Parallel()
			db := pgtest.New(t)
			MustSeedDemoAt(t, db, 1, now)
			CheckYearAround(t, db, now)
		})
	}
}

func TestSeedDemoEventsTwiceAddsNothing(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	MustSeedDemo(t, db, 1)
	count := func() [4]int {
		return [4]int{MustCount(t, db, `SELECT count(*) FROM events`), MustCount(t, db, `SELECT count(*) FROM series`),
			MustCount(t, db, `SELECT count(*) FROM agenda_items`), MustCount(t, db, `SELECT count(*) FROM registrations`)}
	}
	before := count()
	again := MustSeedDemo(t, db, 1)
	if again.Events != 0 || again.Series != 0 || again.Registrations != 0 || again.Skipped != 3 {
		t.Errorf("second seed reported %+v, want nothing added and 3 hubs skipped", again)
	}
	if after := count(); after != before {
		t.Errorf("rows (events, series, agenda items, registrations) went from %v to %v, want unchanged", before, after)
	}
}

func TestSeedDemoEventsIsDeterministic(t *testing.T) {
	t.Parallel()
	digest := func() string {
		db := pgtest.New(t)
		MustSeedDemo(t, db, 1)
		var sum string
		if err := pgtest.SQL(db).GetContext(context.Background(), &sum, `
			SELECT md5(string_agg(line, E'\n' ORDER BY line)) FROM (
				SELECT concat_ws('|', h.slug, e.title, e.starts_at, e.status, e.visibility, e.capacity, e.venue,
				       e.online_url, e.created_at, r.guest_name, r.guest_email, r.person_id, r.attendee_role,
				       r.access_needs, r.status, r.created_at, r.attended_at, r.walk_in) AS line
				FROM events e JOIN hubs h ON h.id = e.hub_id LEFT JOIN registrations r ON r.event_id = e.id
				UNION ALL
				SELECT concat_ws('|', a.event_id, a.position, a.starts_at, a.title, a.presenter_name) FROM agenda_items a
			) lines`); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if a, b := digest(), digest(); a != b {
		t.Errorf("two fresh databases seeded at the same time differ: digests %s and %s", a, b)
	}
}

func TestSeedDemoEventsAtScale(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	start := time.Now()
	report := MustSeedDemo(t, db, 5)
	t.Logf("seed --scale 5: %d hubs, %d events, %d agenda items, %d registrations in %v",
		report.Hubs, report.Events, report.AgendaItems, report.Registrations, time.Since(start).Round(time.Millisecond))
	if report.Hubs != 15 {
		t.Errorf("got %d hubs, want 15", report.Hubs)
	}
	MustNone(t, db, `
		SELECT h.slug FROM hubs h LEFT JOIN events e ON e.hub_id = h.id
		GROUP BY h.slug HAVING count(e.id) < 30`)
}
