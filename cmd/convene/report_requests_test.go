package main

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/storage/pgtest"
)

// TestReportRequestsFulfilled: the hub report counts the topic requests
// delivered in the period, and says "fewer than 5" for 1 to 4.
func TestReportRequestsFulfilled(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	now := time.Now().UTC()
	path := fmt.Sprintf("/hubs/%s/report?from=%s&to=%s", f.HubA.Slug, now.AddDate(0, 0, -30).Format("2006-01-02"), now.AddDate(0, 0, 1).Format("2006-01-02"))
	figure := regexp.MustCompile(`Topic requests fulfilled</dt><dd class="stat__value">(.*?)</dd>`)
	deliver := func(n int) {
		t.Helper()
		for i := range n {
			_, err := pgtest.SQL(f.db).Exec(`
				INSERT INTO topic_requests (hub_id, organisation_id, topic_id, title, format, status, delivered_at)
				SELECT $1, $2, (SELECT id FROM topics WHERE slug = 'safeguarding'), $3, 'talk', 'delivered', $4`,
				f.HubA.ID, f.OrgA.ID, fmt.Sprintf("Delivered %d", i), now.Add(-24*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	shown := func() string {
		t.Helper()
		resp, body := f.MustClient(t, evaluator).Page(t, http.MethodGet, path, nil)
		m := figure.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusOK || m == nil {
			t.Fatalf("report: %d, no topic requests fulfilled\n%s", resp.StatusCode, truncate(body, 3000))
		}
		return m[1]
	}

	t.Run("FewerThan5", func(t *testing.T) {
		deliver(4)
		if got := shown(); !strings.Contains(got, "fewer than 5") {
			t.Errorf("4 delivered: got %q, want fewer than 5", got)
		}
	})
	t.Run("Five", func(t *testing.T) {
		deliver(1)
		if got := shown(); got != "5" {
			t.Errorf("5 delivered: got %q, want 5", got)
		}
	})
}
