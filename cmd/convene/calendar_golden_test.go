package main

import (
	"bytes"
	"context"
	"flag"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convene/convene/storage/pgtest"
)

// updateGolden is -update, which rewrites testdata/*.golden from what the
// tests get.
var updateGolden = func() *bool {
	if f := flag.Lookup("update"); f != nil {
		b := f.Value.String() == "true"
		return &b
	}
	return flag.Bool("update", false, "rewrite testdata/*.golden")
}()

// goldenFeedSeed is a small fixed hub: a workshop with its agenda and
// topics, a weekly online meeting either side of the clocks going forward,
// a cancellation, and what a feed must leave out (a draft, a members-only
// event). Ids, times and DTSTAMPs are fixed, and the events lie far ahead,
// so that the feed's bytes stay the same until the code changes.
const goldenFeedSeed = `
UPDATE deployment SET id = '6f1d2c3b-4a59-4e7f-8c6d-5b4a39281706';
INSERT INTO hubs (id, slug, name, region, timezone, description, updated_at) OVERRIDING SYSTEM VALUE
VALUES (9001, 'golden-vale', 'Golden Vale Learning Hub', 'Wales', 'Europe/London', 'A hub for the golden test.', '2034-12-01T09:00:00Z');
INSERT INTO organisations (id, name, name_key, kind, updated_at) OVERRIDING SYSTEM VALUE
VALUES (9101, 'Valleys Peer Network', 'golden valleys peer network', 'network', '2034-12-01T09:00:00Z');
INSERT INTO hub_memberships (hub_id, organisation_id, status) VALUES (9001, 9101, 'active');
INSERT INTO series (id, hub_id, rule) OVERRIDING SYSTEM VALUE VALUES (9201, 9001, 'FREQ=WEEKLY;BYDAY=TU;COUNT=2');
INSERT INTO events (id, hub_id, series_id, title, summary, starts_at, ends_at, format, venue, host_organisation_id, online_url,
	capacity, visibility, status, cancel_reason, audiences, sequence, updated_at, created_at) OVERRIDING SYSTEM VALUE VALUES
(9301, 9001, NULL, 'Boundaries in peer support; a workshop, with practice', 'Bring a case, anonymised.
We share what works, and what doesn''t.', '2035-03-20T10:00:00Z', '2035-03-20T12:30:00Z', 'in_person',
	'Y Stiwdio, 1 Heol y Frenhines, Caerdydd CF10 2BU', 9101, '', 30, 'public', 'published', '', '{practitioners,peer_support_workers}', 1, '2035-01-10T14:00:00Z', '2034-11-01T09:00:00Z'),
(9302, 9001, 9201, 'Peer network meeting', '', '2035-03-20T18:00:00Z', '2035-03-20T19:30:00Z', 'online', '', NULL,
	'https://meet.example.org/valleys', NULL, 'public', 'published', '', '{}', 0, '2035-01-11T08:00:00Z', '2034-11-01T09:00:00Z'),
(9303, 9001, 9201, 'Peer network meeting', '', '2035-03-27T17:00:00Z', '2035-03-27T18:30:00Z', 'online', '', NULL,
	'https://meet.example.org/valleys', NULL, 'public', 'published', '', '{}', 0, '2035-01-11T08:00:00Z', '2034-11-01T09:00:00Z'),
(9304, 9001, NULL, 'Funding futures webinar', 'Sustainability after the programme.', '2035-04-03T13:00:00Z', '2035-04-03T14:00:00Z', 'online', '', NULL,
	'https://meet.example.org/funding', NULL, 'public', 'cancelled', 'The speaker is unwell; we will set a new date.', '{}', 2, '2035-02-01T10:30:00Z', '2034-11-01T09:00:00Z'),
(9305, 9001, NULL, 'Draft: not in any feed', '', '2035-04-10T10:00:00Z', '2035-04-10T11:00:00Z', 'online', '', NULL,
	'https://meet.example.org/draft', NULL, 'public', 'draft', '', '{}', 0, '2035-02-01T10:30:00Z', '2034-11-01T09:00:00Z'),
(9306, 9001, NULL, 'Members only: not in public feeds', '', '2035-04-11T10:00:00Z', '2035-04-11T11:00:00Z', 'online', '', NULL,
	'https://meet.example.org/members', NULL, 'members', 'published', '', '{}', 0, '2035-02-01T10:30:00Z', '2034-11-01T09:00:00Z');
INSERT INTO event_topics (event_id, topic_id) SELECT 9301, id FROM topics WHERE slug IN ('boundaries-of-peer-support', 'safeguarding');
INSERT INTO agenda_items (event_id, position, starts_at, ends_at, title, kind, topic_id, presenter_organisation_id, presenter_name) VALUES
(9301, 0, '2035-03-20T10:00:00Z', '2035-03-20T10:30:00Z', 'Welcome and introductions', 'networking', NULL, NULL, ''),
(9301, 1, '2035-03-20T10:30:00Z', '2035-03-20T12:00:00Z', 'Boundaries, in practice', 'workshop', (SELECT id FROM topics WHERE slug = 'safeguarding'), 9101, 'Carys Morgan');
`

// Feeds rendered over HTTP from fixed data are byte for byte what
// testdata holds: UIDs, DTSTAMPs, folding, time zones and all. Refresh with
// go test ./cmd/convene -run TestFeedGolden -update, and read the diff.
func TestFeedGolden(t *testing.T) {
	// The links in the feed carry the base URL, so it is fixed; requests
	// to it go to the address Convene listens on.
	a := MustStart(t, withEnv("CONVENE_BASE_URL", "http://convene.example.org"))
	m := a.WaitLog(t, `msg=listening addr=(\S+)`)
	a.Client.Transport = &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, m[1])
	}}
	f := MustFixture(t, a)
	if _, err := pgtest.SQL(f.db).ExecContext(context.Background(), goldenFeedSeed); err != nil {
		t.Fatalf("seed: %v", err)
	}
	for name, path := range map[string]string{
		"feed_hub":          "/hubs/golden-vale/calendar.ics",
		"feed_series":       "/series/9201/calendar.ics",
		"feed_organisation": "/organisations/9101/calendar.ics",
		"feed_topic_in_hub": "/topics/safeguarding/calendar.ics?hub=golden-vale",
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := MustFeed(t, a, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("got %d %s", resp.StatusCode, body)
			}
			MustMatchFeedGolden(t, name, []byte(body))
			again, body2 := MustFeed(t, a, path)
			if body2 != body || again.Header.Get("ETag") != resp.Header.Get("ETag") || resp.Header.Get("Last-Modified") == "" {
				t.Errorf("a second request differs: ETag %q then %q", resp.Header.Get("ETag"), again.Header.Get("ETag"))
			}
		})
	}
}

// MustMatchFeedGolden compares got with testdata/name.golden (LF line
// ends, for reading; every line of got must end in CRLF), or with -update
// writes it.
func MustMatchFeedGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	if bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
		tb.Errorf("%s: a line ends without CRLF", name)
	}
	got = bytes.ReplaceAll(got, []byte("\r\n"), []byte("\n"))
	path := filepath.Join("testdata", name+".golden")
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s (run with -update to create it): %v", path, err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			if i >= len(gl) || i >= len(wl) || gl[i] != wl[i] {
				tb.Fatalf("%s differs from %s at line %d:\n got  %q\n want %q", name, path, i+1, at(gl, i), at(wl, i))
			}
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}
