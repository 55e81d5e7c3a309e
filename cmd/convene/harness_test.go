package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// app is a running Convene, started through run as main would start it.
type app struct {
	// URL is where it serves, e.g. http://127.0.0.1:43567.
	URL string
	// DSN is its database.
	DSN string
	// Client follows no redirects, so tests see them.
	Client *http.Client

	stop func()
	done chan error
	logs *syncBuffer
}

// appOption adjusts how MustStart starts Convene.
type appOption func(env map[string]string, args *[]string)

// withEnv sets an environment variable for the app.
func withEnv(name, value string) appOption {
	return func(env map[string]string, _ *[]string) { env[name] = value }
}

// withArgs adds serve flags.
func withArgs(more ...string) appOption {
	return func(_ map[string]string, args *[]string) { *args = append(*args, more...) }
}

// MustStart runs Convene on a free port against a fresh database and
// stops it when the test ends.
func MustStart(tb testing.TB, opts ...appOption) *app {
	tb.Helper()
	env := map[string]string{"CONVENE_LOG_LEVEL": "debug"}
	args := []string{"serve", "--addr", "127.0.0.1:0"}
	for _, o := range opts {
		o(env, &args)
	}
	if _, embedded := env["CONVENE_DATA_DIR"]; !embedded {
		if _, ok := env["DATABASE_URL"]; !ok {
			env["DATABASE_URL"] = pgtest.NewDSN(tb)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	a := &app{DSN: env["DATABASE_URL"], stop: cancel, done: make(chan error, 1), logs: &syncBuffer{}}
	go func() {
		err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), outW, a.logs)
		outW.Close()
		a.done <- err
	}()
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Convene is running at "); ok {
				url <- strings.Fields(rest)[0]
			}
		}
		close(url)
	}()
	select {
	case u, ok := <-url:
		if !ok {
			tb.Fatalf("convene stopped before serving: %v\nlogs:\n%s", <-a.done, a.logs)
		}
		a.URL = u
	case <-time.After(60 * time.Second):
		cancel()
		select { // stopped, it has written the log lines it held
		case <-a.done:
		case <-time.After(10 * time.Second):
		}
		tb.Fatalf("convene did not start within a minute; logs:\n%s", a.logs)
	}
	a.Client = &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	tb.Cleanup(func() {
		if err := a.Stop(); err != nil {
			tb.Errorf("convene exited with %v", err)
		}
		if tb.Failed() {
			tb.Logf("convene logs:\n%s", a.logs)
		}
	})
	return a
}

// Stop asks Convene to stop, as SIGTERM would, and waits for run to return.
func (a *app) Stop() error {
	a.stop()
	select {
	case err, ok := <-a.done:
		if !ok {
			return nil
		}
		close(a.done)
		return err
	case <-time.After(30 * time.Second):
		return context.DeadlineExceeded
	}
}

// Logs returns what Convene has logged so far. Convene writes its lines in
// order but holds them for up to lineDelay, so Logs first asks for
// /healthz and waits for that request's line.
func (a *app) Logs(tb testing.TB) string {
	tb.Helper()
	resp, _ := a.MustGet(tb, "/healthz")
	a.WaitLog(tb, `request_id=`+regexp.QuoteMeta(resp.Header.Get("X-Request-Id"))+`\n`)
	return a.logs.String()
}

// WaitLog waits for a line of Convene's log to match pattern, a regular
// expression, and returns the match and its submatches; the test fails if
// none has within ten seconds.
func (a *app) WaitLog(tb testing.TB, pattern string) []string {
	tb.Helper()
	re := regexp.MustCompile(pattern)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(a.logs.String()); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no log line matching %s in ten seconds; logs:\n%s", pattern, a.logs.String())
		}
	}
}

// MustGet fetches path and returns the response with its body read.
func (a *app) MustGet(tb testing.TB, path string) (*http.Response, string) {
	tb.Helper()
	return a.MustDo(tb, mustRequest(tb, http.MethodGet, a.URL+path, nil))
}

// MustDo sends req and returns the response with its body read.
func (a *app) MustDo(tb testing.TB, req *http.Request) (*http.Response, string) {
	tb.Helper()
	resp, err := a.Client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", req.URL, err)
	}
	return resp, string(body)
}

func mustRequest(tb testing.TB, method, url string, body io.Reader) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Fatal(err)
	}
	return req
}

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// itoa writes an id in a path or a form.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
