package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	a := MustStart(t)
	f := MustFixture(t, a)
	f.MustPastEvent(t, f.HubA.ID, 6, 6)
	env := func(k string) string {
		if k == "DATABASE_URL" {
			return a.DSN
		}
		return ""
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"export", "attendance", "--hub", "hub-a", "--format", "csv"}, env, strings.NewReader(""), &out, &errOut)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	// The six at the past event and the bystander of the fixture's event.
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(rows) != 8 || rows[0][0] != "attendee" {
		t.Fatalf("rows %q, %v", rows, err)
	}
	if strings.Contains(out.String(), "@example.org") {
		t.Error("an email in the export")
	}
	for _, bad := range [][]string{
		{"export", "people", "--hub", "hub-a"},
		{"export", "feedback", "--hub", "no-such-hub"},
		{"export", "feedback", "--hub", "hub-a", "--format", "pdf"},
		{"export", "feedback", "--hub", "hub-a", "--from", "2025-05-01", "--to", "2025-04-01"},
	} {
		if err := run(context.Background(), bad, env, strings.NewReader(""), &out, &errOut); err == nil {
			t.Errorf("%q: no error", bad)
		} else if _, ok := err.(*configError); !ok {
			t.Errorf("%q: %v is not a usage error", bad, err)
		}
	}
}
