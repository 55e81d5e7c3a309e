package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convene/convene/storage/pgtest"
)

func TestHealth(t *testing.T) {
	a := MustStart(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, body := a.MustGet(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d %q, want 200", path, resp.StatusCode, body)
		}
	}
}

func TestHomeListsDemoHubs(t *testing.T) {
	a := MustStart(t, withArgs("--demo"))
	resp, body := a.MustGet(t, "/")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", resp.StatusCode)
	}
	for _, want := range []string{"North East Learning Hub", "Yorkshire and the Humber Learning Hub", "London Learning Hub", "11 member organisations"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	resp, body = a.MustGet(t, "/hubs/north-east")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /hubs/north-east = %d", resp.StatusCode)
	}
	for _, want := range []string{"Funded projects", "Specialist organisations", "Networks", "Commissioners and local authorities"} {
		if !strings.Contains(body, want) {
			t.Errorf("hub page lacks the group %q", want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	a := MustStart(t)
	resp, _ := a.MustGet(t, "/")
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
		"X-Frame-Options":        "DENY",
	}
	for name, value := range want {
		if got := resp.Header.Get(name); got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, part := range []string{"script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %q", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id on the response")
	}
}

func TestErrors(t *testing.T) {
	a := MustStart(t)
	t.Run("PageNotFound", func(t *testing.T) {
		resp, body := a.MustGet(t, "/no/such/page")
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Page not found") {
			t.Errorf("GET /no/such/page = %d, body lacks the friendly page", resp.StatusCode)
		}
	})
	t.Run("UnknownHub", func(t *testing.T) {
		resp, _ := a.MustGet(t, "/hubs/atlantis")
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET /hubs/atlantis = %d, want 404", resp.StatusCode)
		}
	})
	t.Run("APINotFoundIsJSON", func(t *testing.T) {
		resp, body := a.MustGet(t, "/api/v1/nothing-here")
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("status = %d, want 404", resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q, want JSON", ct)
		}
		if !strings.Contains(body, `"code":"not_found"`) {
			t.Errorf("body = %s, want an error with code not_found", body)
		}
	})
}

func TestStaticFiles(t *testing.T) {
	a := MustStart(t)
	_, home := a.MustGet(t, "/")
	start := strings.Index(home, "/static/css/site.")
	if start < 0 {
		t.Fatal("home page links no stylesheet")
	}
	href := home[start : start+strings.Index(home[start:], `"`)]
	resp, body := a.MustGet(t, href)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "{") {
		t.Fatalf("GET %s = %d", href, resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("Cache-Control = %q, want a long immutable cache", cc)
	}
	resp, _ = a.MustGet(t, "/static/css/site.0000000000.css")
	if cc := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || strings.Contains(cc, "immutable") {
		t.Errorf("old hash: status %d, Cache-Control %q; want 200 with a short cache", resp.StatusCode, cc)
	}
}

// TestReadyzFollowsDatabase kills the embedded PostgreSQL under a running
// Convene: /readyz must say 503 within 2 s and 200 again within 15 s,
// with no one touching anything.
func TestReadyzFollowsDatabase(t *testing.T) {
	dir := mustTempDir(t)
	a := MustStart(t, withEnv("CONVENE_DATA_DIR", dir))
	if resp, _ := a.MustGet(t, "/readyz"); resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz before = %d", resp.StatusCode)
	}
	pid := postmasterPID(t, filepath.Join(dir, "pg"))
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	waitStatus(t, a, "/readyz", http.StatusServiceUnavailable, 2*time.Second)
	t.Logf("503 after %v", time.Since(killed).Round(time.Millisecond))
	waitStatus(t, a, "/readyz", http.StatusOK, 15*time.Second)
	t.Logf("200 again after %v", time.Since(killed).Round(time.Millisecond))
	if resp, _ := a.MustGet(t, "/"); resp.StatusCode != http.StatusOK {
		t.Errorf("home page after the restart = %d", resp.StatusCode)
	}
	if err := a.Stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
		t.Error("postgres still running (postmaster.pid present) after Convene stopped")
	}
}

// TestGracefulShutdown stops Convene while a request is still arriving:
// the request gets its answer, then run returns nil.
func TestGracefulShutdown(t *testing.T) {
	a := MustStart(t)
	body, feed := io.Pipe()
	// The token endpoint reads the whole body before it answers.
	first, second := `{"email":"a@example.org",`, `"password":"not the right one"}`
	req := mustRequest(t, http.MethodPost, a.URL+"/api/v1/auth/token", body)
	req.ContentLength = int64(len(first + second))
	answered := make(chan int, 1)
	go func() {
		resp, err := a.Client.Do(req)
		if err != nil {
			t.Errorf("in-flight request: %v", err)
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	if _, err := feed.Write([]byte(first)); err != nil { // half the body: the request is in flight
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- a.Stop() }()
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("Convene stopped (%v) before the in-flight request finished", err)
	default:
	}
	if _, err := feed.Write([]byte(second)); err != nil {
		t.Fatal(err)
	}
	feed.Close()
	if status := <-answered; status != http.StatusUnauthorized {
		t.Fatalf("the in-flight request got %d, want its answer (401)", status)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("run returned %v after a graceful shutdown", err)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"BadAddr", []string{"serve", "--addr", "nonsense"}, nil, "addr"},
		{"BadBaseURL", []string{"serve"}, map[string]string{"CONVENE_BASE_URL": "ftp://x"}, "base URL"},
		{"BadLogLevel", []string{"serve"}, map[string]string{"CONVENE_LOG_LEVEL": "loud"}, "CONVENE_LOG_LEVEL"},
		{"BadLogFormat", []string{"serve"}, map[string]string{"CONVENE_LOG_FORMAT": "xml"}, "CONVENE_LOG_FORMAT"},
		{"BadDemo", []string{"serve"}, map[string]string{"CONVENE_DEMO": "maybe"}, "CONVENE_DEMO"},
		{"BadTrustedProxies", []string{"serve"}, map[string]string{"CONVENE_TRUSTED_PROXIES": "10.0.0.0/8, nonsense"}, "CONVENE_TRUSTED_PROXIES"},
		{"BadShutdown", []string{"serve"}, map[string]string{"CONVENE_SHUTDOWN_TIMEOUT": "soon"}, "CONVENE_SHUTDOWN_TIMEOUT"},
		{"BadGuestWindow", []string{"serve"}, map[string]string{"CONVENE_GUEST_REGISTRATION_WINDOW": "an hour"}, "CONVENE_GUEST_REGISTRATION_WINDOW"},
		{"BadGuestPerAddress", []string{"serve"}, map[string]string{"CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS": "ten"}, "CONVENE_GUEST_REGISTRATIONS_PER_ADDRESS"},
		{"ZeroGuestPerEvent", []string{"serve", "--guest-registrations-per-event", "0"}, nil, "CONVENE_GUEST_REGISTRATIONS_PER_EVENT"},
		{"BadDatabaseURL", []string{"migrate"}, map[string]string{"DATABASE_URL": "not a url"}, "DATABASE_URL"},
		{"UnknownFlag", []string{"serve", "--colour"}, nil, "colour"},
		{"UnknownCommand", []string{"frobnicate"}, nil, "frobnicate"},
		{"SeedWithoutDemo", []string{"seed"}, nil, "--demo"},
		{"SeedBadScale", []string{"seed", "--demo", "--scale", "0"}, nil, "--scale"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stderr strings.Builder
			err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, strings.NewReader(""), io.Discard, &stderr)
			var cfgErr *configError
			if !errors.As(err, &cfgErr) {
				t.Fatalf("run(%v) = %v, want a configuration error", tc.args, err)
			}
			var out strings.Builder
			if code := exitCode(err, &out); code != 2 {
				t.Errorf("exit code = %d, want 2", code)
			}
			if line := out.String(); !strings.Contains(line, tc.want) || strings.Count(line, "\n") != 1 {
				t.Errorf("message %q: want one line naming %q", line, tc.want)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "convene ") {
		t.Errorf("version printed %q", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"help"}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"serve", "migrate", "seed", "version"} {
		if !strings.Contains(out.String(), "\n  "+cmd) {
			t.Errorf("help does not explain %s", cmd)
		}
	}
}

func waitStatus(tb testing.TB, a *app, path string, want int, within time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := a.Client.Get(a.URL + path)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			status := "no answer"
			if err == nil {
				status = strconv.Itoa(resp.StatusCode)
			}
			tb.Fatalf("GET %s did not answer %d within %v (last: %s)", path, want, within, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func postmasterPID(tb testing.TB, pgData string) int {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(pgData, "postmaster.pid"))
	if err != nil {
		tb.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		tb.Fatal(err)
	}
	return pid
}

// mustTempDir makes a folder under /tmp that the postgres account can
// reach when the tests run as root (t.TempDir's parent is private).
func mustTempDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "convene-test-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// TestConcurrentMigrateCommands runs two migrate commands at once on an
// empty database, as two instances starting together would.
func TestConcurrentMigrateCommands(t *testing.T) {
	dsn := pgtest.NewEmptyDSN(t)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			errs <- run(context.Background(), []string{"migrate"}, func(k string) string {
				return map[string]string{"DATABASE_URL": dsn}[k]
			}, nil, io.Discard, io.Discard)
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("migrate: %v", err)
		}
	}
	a := MustStart(t, withEnv("DATABASE_URL", dsn))
	if resp, _ := a.MustGet(t, "/api/v1/topics"); resp.StatusCode != http.StatusOK {
		t.Errorf("topics after migrating: %d", resp.StatusCode)
	}
}
