package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/convene/convene/storage/pgtest"
)

func TestUserCreate(t *testing.T) {
	dsn := pgtest.NewDSN(t)
	env := func(k string) string {
		return map[string]string{"DATABASE_URL": dsn, "CONVENE_BASE_URL": "https://hub.example.org"}[k]
	}
	runUser := func(stdin string, args ...string) (string, error) {
		var out strings.Builder
		err := run(context.Background(), append([]string{"user"}, args...), env, strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}

	t.Run("AdminWithPasswordFromStdin", func(t *testing.T) {
		out, err := runUser("first admin password\n", "create", "--email", "Admin@Example.org", "--name", "Ada Admin", "--admin", "--password-stdin")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "admin@example.org") || !strings.Contains(out, "site administrator") || strings.Contains(out, "set-password") {
			t.Errorf("output %q", out)
		}
		a := MustStart(t, withEnv("DATABASE_URL", dsn))
		resp, body := a.MustDo(t, jsonRequest(t, a.URL+"/api/v1/auth/token", `{"email":"admin@example.org","password":"first admin password"}`))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("sign in as the new admin: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("InviteLink", func(t *testing.T) {
		out, err := runUser("", "create", "--email", "sam@example.org", "--name", "Sam Ng")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "https://hub.example.org/set-password/") {
			t.Errorf("no set-password link in %q", out)
		}
	})
	t.Run("ResetLink", func(t *testing.T) {
		out, err := runUser("", "reset-password", "--email", "admin@example.org")
		if err != nil || !strings.Contains(out, "https://hub.example.org/set-password/") {
			t.Errorf("reset-password: %v, %q", err, out)
		}
	})
	for name, args := range map[string][]string{
		"BadEmail":      {"create", "--email", "nope", "--name", "X"},
		"NoName":        {"create", "--email", "x@example.org"},
		"ShortPassword": {"create", "--email", "y@example.org", "--name", "Y", "--password-stdin"},
		"NoSubcommand":  {},
		"Unknown":       {"delete"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := runUser("short\n", args...)
			var cfgErr *configError
			if !asConfigError(err, &cfgErr) {
				t.Errorf("user %v = %v, want a usage error (exit 2)", args, err)
			}
		})
	}
	t.Run("Duplicate", func(t *testing.T) {
		if _, err := runUser("", "create", "--email", "SAM@example.org", "--name", "Sam Again"); err == nil || !strings.Contains(err.Error(), "already has an account") {
			t.Errorf("duplicate email: %v", err)
		}
	})
}

func jsonRequest(tb testing.TB, url, body string) *http.Request {
	tb.Helper()
	req := mustRequest(tb, http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func asConfigError(err error, target **configError) bool {
	var ce *configError
	if err == nil {
		return false
	}
	ok := errors.As(err, &ce)
	*target = ce
	return ok
}
