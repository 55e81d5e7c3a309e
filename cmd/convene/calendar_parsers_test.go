package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/cmd/convene/feeds"
	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/storage/pgtest"
)

// parsedCalendar is what the parser scripts in scripts/calendar-parsers
// print for one file.
type parsedCalendar struct {
	Events []struct {
		UID         string `json:"uid"`
		StartUTC    string `json:"start_utc"`
		Floating    bool   `json:"floating"`
		Status      string `json:"status"`
		Description string `json:"description"`
	} `json:"events"`
}

// calendarParsers are the real parsers every feed must satisfy, as
// commands taking files; found is false when one is not installed.
func calendarParsers(tb testing.TB) map[string][]string {
	tb.Helper()
	dir, err := filepath.Abs("../../scripts/calendar-parsers")
	if err != nil {
		tb.Fatal(err)
	}
	parsers := map[string][]string{}
	var missing []string
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js")); err == nil {
		if node, err := exec.LookPath("node"); err == nil {
			parsers["ical.js"] = []string{node, filepath.Join(dir, "icaljs.mjs")}
		}
	}
	if parsers["ical.js"] == nil {
		missing = append(missing, "ical.js (node and npm install in scripts/calendar-parsers)")
	}
	// Debian's python3, not a virtual environment's: the Debian packages
	// are the parsers under test.
	if err := exec.Command("/usr/bin/python3", "-c", "import icalendar, recurring_ical_events").Run(); err == nil {
		parsers["python3-icalendar"] = []string{"/usr/bin/python3", filepath.Join(dir, "pyicalendar.py")}
	} else {
		missing = append(missing, "python3-icalendar and python3-recurring-ical-events")
	}
	if len(missing) > 0 {
		msg := "calendar parsers not installed (run make test-deps): " + strings.Join(missing, ", ")
		if os.Getenv("CONVENE_REQUIRE_PARSERS") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return parsers
}

// TestFeedsReadByRealParsers serves every kind of feed from the demo data
// and reads each with ical.js and python3-icalendar, in three process time
// zones: every event is there, no time is floating, and each start is the
// instant in the database.
func TestFeedsReadByRealParsers(t *testing.T) {
	parsers := calendarParsers(t)
	a := MustStart(t, withArgs("--demo"))
	ctx := context.Background()
	db, err := storage.Open(ctx, a.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := pgtest.SQL(db)

	paths := map[string]string{} // file name → feed path
	var hubs []string
	if err := q.SelectContext(ctx, &hubs, `SELECT slug FROM hubs ORDER BY slug`); err != nil {
		t.Fatal(err)
	}
	for _, h := range hubs {
		paths["hub-"+h] = "/hubs/" + h + "/calendar.ics"
	}
	var orgs []int64
	if err := q.SelectContext(ctx, &orgs, `SELECT DISTINCT host_organisation_id FROM events WHERE host_organisation_id IS NOT NULL ORDER BY 1 LIMIT 3`); err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		paths[fmt.Sprintf("org-%d", o)] = fmt.Sprintf("/organisations/%d/calendar.ics", o)
	}
	var topics []string
	if err := q.SelectContext(ctx, &topics, `SELECT slug FROM topics ORDER BY slug`); err != nil {
		t.Fatal(err)
	}
	for _, s := range topics {
		paths["topic-"+s] = "/topics/" + s + "/calendar.ics"
	}
	paths["topic-narrowed"] = "/topics/" + topics[0] + "/calendar.ics?hub=" + hubs[0]
	var series []int64
	if err := q.SelectContext(ctx, &series, `SELECT DISTINCT series_id FROM events
		WHERE series_id IS NOT NULL AND visibility = 'public' AND status = 'published' ORDER BY 1 LIMIT 2`); err != nil || len(series) == 0 {
		t.Fatalf("no public series in the demo data: %v", err)
	}
	for _, id := range series {
		paths[fmt.Sprintf("series-%d", id)] = web.SeriesFeedPath(id)
	}
	var person int64
	if err := q.GetContext(ctx, &person, `SELECT person_id FROM registrations WHERE person_id IS NOT NULL AND status <> 'cancelled'
		GROUP BY person_id ORDER BY count(*) FILTER (WHERE status = 'waitlisted') DESC, count(*) DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	token, err := db.CalendarToken(ctx, person, false)
	if err != nil {
		t.Fatal(err)
	}
	paths["personal"] = "/calendar/" + token + ".ics"
	// A guest with a place at an online event: the joining link through
	// their manage token, and not without it.
	var guest struct {
		RegID     int64  `db:"id"`
		EventID   int64  `db:"event_id"`
		OnlineURL string `db:"online_url"`
	}
	if err := q.GetContext(ctx, &guest, `SELECT r.id, r.event_id, e.online_url FROM registrations r JOIN events e ON e.id = r.event_id
		WHERE r.person_id IS NULL AND r.status = 'registered' AND e.status = 'published' AND e.online_url <> '' ORDER BY r.id LIMIT 1`); err != nil {
		t.Fatalf("no guest with a place at an online event in the demo data: %v", err)
	}
	manage, err := db.NewManageToken(ctx, hub.System, guest.RegID)
	if err != nil {
		t.Fatal(err)
	}
	paths["event-guest"] = fmt.Sprintf("/events/%d/event.ics?token=%s", guest.EventID, manage)
	paths["event-anonymous"] = fmt.Sprintf("/events/%d/event.ics", guest.EventID)

	dir := t.TempDir()
	files := map[string]string{} // file → raw body
	for name, p := range paths {
		resp, body := MustFeed(t, a, p)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", p, resp.StatusCode, body)
		}
		file := filepath.Join(dir, name+".ics")
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		files[file] = body
	}

	// The database's instants, by event id.
	var rows []struct {
		ID       int64     `db:"id"`
		StartsAt time.Time `db:"starts_at"`
	}
	if err := q.SelectContext(ctx, &rows, `SELECT id, starts_at FROM events`); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{}
	for _, r := range rows {
		want[r.ID] = r.StartsAt.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	var hubEvents int
	today := time.Now().UTC().Truncate(24 * time.Hour)
	if err := q.GetContext(ctx, &hubEvents, `SELECT count(*) FROM events e JOIN hubs h ON h.id = e.hub_id
		WHERE h.slug = $1 AND e.visibility = 'public' AND (e.status = 'published' AND e.ends_at >= $2 OR e.status = 'cancelled' AND e.ends_at >= $3)`,
		hubs[0], today.Add(-feeds.KeepPast), today.Add(-feeds.KeepCancelled)); err != nil {
		t.Fatal(err)
	}
	if hubEvents == 0 {
		t.Fatalf("hub %s has no public events in the demo data to check", hubs[0])
	}

	args := make([]string, 0, len(files))
	for f := range files {
		args = append(args, f)
	}
	for _, tz := range []string{"UTC", "America/New_York", "Australia/Sydney"} {
		for name, cmd := range parsers {
			t.Run(tz+"/"+name, func(t *testing.T) {
				c := exec.Command(cmd[0], append(cmd[1:], args...)...)
				c.Env = append(os.Environ(), "TZ="+tz)
				out, err := c.Output()
				if err != nil {
					var stderr string
					if ee, ok := err.(*exec.ExitError); ok {
						stderr = string(ee.Stderr)
					}
					t.Fatalf("%s: %v\n%s", name, err, stderr)
				}
				var parsed map[string]parsedCalendar
				if err := json.Unmarshal(out, &parsed); err != nil {
					t.Fatalf("%s printed %q: %v", name, out, err)
				}
				for file, body := range files {
					got := parsed[file].Events
					if n := strings.Count(body, "BEGIN:VEVENT\r\n"); len(got) != n {
						t.Errorf("%s: %s read %d events, the feed has %d", filepath.Base(file), name, len(got), n)
					}
					if filepath.Base(file) == "hub-"+hubs[0]+".ics" && len(got) != hubEvents {
						t.Errorf("%s: %d events, the database has %d public ones in the window", filepath.Base(file), len(got), hubEvents)
					}
					for _, ev := range got {
						var id int64
						if _, err := fmt.Sscanf(ev.UID, "event-%d@", &id); err != nil {
							t.Errorf("%s: UID %q is not event-<id>@…", filepath.Base(file), ev.UID)
							continue
						}
						if ev.Floating {
							t.Errorf("%s: event %d has a floating start", filepath.Base(file), id)
						}
						if ev.StartUTC != want[id] {
							t.Errorf("%s: event %d starts %s to %s, the database says %s", filepath.Base(file), id, ev.StartUTC, name, want[id])
						}
					}
				}
				link := func(file string) bool {
					evs := parsed[filepath.Join(dir, file)].Events
					return len(evs) == 1 && strings.Contains(evs[0].Description, guest.OnlineURL)
				}
				if !link("event-guest.ics") || link("event-anonymous.ics") {
					t.Errorf("joining link: with the manage token %v (want true), without %v (want false)", link("event-guest.ics"), link("event-anonymous.ics"))
				}
			})
		}
	}
}
