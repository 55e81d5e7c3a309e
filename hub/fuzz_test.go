package hub

import (
	"net/mail"
	"strings"
	"testing"
)

// wantInvalidOn fails unless err is invalid with problems only on fields.
func wantInvalidOn(tb testing.TB, err error, fields ...string) {
	tb.Helper()
	if ErrorCode(err) != EInvalid {
		tb.Fatalf("got %v, want an invalid error", err)
	}
	for field := range ErrorFields(err) {
		if !strings.Contains(" "+strings.Join(fields, " ")+" ", " "+field+" ") {
			tb.Fatalf("got field %q in %v, want one of %q", field, err, fields)
		}
	}
}

func FuzzNormaliseEmail(f *testing.F) {
	for _, s := range []string{"sam@example.org", " Sam@Example.ORG ", "Sam <sam@example.org>", `"a b"@example.org`,
		"a@b", "a@[1.2.3.4]", "a@b.c.", "ǅ@example.org", "K@example.org", "\xff@example.org", "İ@example.org"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormaliseEmail(s)
		if err != nil {
			wantInvalidOn(t, err, "email")
			return
		}
		if len(got) > MaxEmail || strings.ToLower(got) != got || strings.TrimSpace(got) != got {
			t.Fatalf("%q: got %q, not normal", s, got)
		}
		if addr, err := mail.ParseAddress(got); err != nil || addr.Address != got || addr.Name != "" {
			t.Fatalf("%q: got %q, which reads as (%v, %v)", s, got, addr, err)
		}
		if again, err := NormaliseEmail(got); err != nil || again != got {
			t.Fatalf("%q: got %q, then (%q, %v)", s, got, again, err)
		}
	})
}

func FuzzLoadZone(f *testing.F) {
	for _, s := range []string{"Europe/London", "America/New_York", "UTC", "Local", "", "../etc/passwd",
		"Etc/GMT+5", "Europe", "zone.tab", "posixrules", "/UTC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := LoadTimeZone(name)
		if err != nil {
			wantInvalidOn(t, err, "timezone")
			if loc != nil {
				t.Fatalf("%q: got zone %v with the error", name, loc)
			}
			return
		}
		if loc == nil || loc.String() != name || name == "Local" || name == "" {
			t.Fatalf("%q: got zone %v", name, loc)
		}
	})
}
