package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/storage/pgtest"
)

// TestDatabaseOutage runs Convene through a proxy to its database, cuts
// the proxy under load, and checks that no answer is a 500: pages, the API
// and /readyz say 503 with Retry-After, signed-in requests too (the
// session lookup fails first), the outage is logged once, and everything
// answers again when the database returns.
func TestDatabaseOutage(t *testing.T) {
	proxy := MustProxy(t, pgtest.NewDSN(t))
	a := MustStart(t, withEnv("DATABASE_URL", proxy.DSN))
	f := MustFixture(t, a)
	session := f.MustClient(t, coordA).session
	eventPath := fmt.Sprintf("/events/%d", f.Event.ID)

	// Each probe is one kind of request; during the outage each must be a
	// 503 with Retry-After, and afterwards a 200.
	page := func(method, path, session string) func() *http.Request {
		return func() *http.Request {
			req := mustRequest(t, method, a.URL+path, nil)
			if session != "" {
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
			}
			return req
		}
	}
	api := func(path, token string) func() *http.Request {
		return func() *http.Request {
			req := mustRequest(t, http.MethodGet, a.URL+path, nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			return req
		}
	}
	probes := []struct {
		name string
		req  func() *http.Request
	}{
		{"home page", page(http.MethodGet, "/", "")},
		{"event page", page(http.MethodGet, eventPath, "")},
		{"page signed in", page(http.MethodGet, "/account", session)},
		{"HEAD signed in", page(http.MethodHead, "/hubs/hub-a", session)},
		{"API anonymous", api("/api/v1/hubs", "")},
		{"API with token", api("/api/v1/me", f.Tokens[coordA])},
		{"readyz", page(http.MethodGet, "/readyz", "")},
	}
	for _, p := range probes {
		if resp, body := a.MustDo(t, p.req()); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s before the outage = %d, want 200: %.300s", p.name, resp.StatusCode, body)
		}
	}

	proxy.Cut()

	// Under load: every probe, from several clients at once, for a while.
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		reported = map[string]bool{} // one failure per probe is enough to read
		wg       sync.WaitGroup
	)
	until := time.Now().Add(1500 * time.Millisecond)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(until); i++ {
				p := probes[i%len(probes)]
				resp, err := a.Client.Do(p.req())
				if err != nil {
					t.Errorf("%s during the outage: %v", p.name, err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				mu.Lock()
				statuses[resp.StatusCode]++
				first := !reported[p.name]
				mu.Unlock()
				if (resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "") && first {
					mu.Lock()
					reported[p.name] = true
					mu.Unlock()
					t.Errorf("%s during the outage = %d (Retry-After %q), want 503 with Retry-After: %.300s",
						p.name, resp.StatusCode, resp.Header.Get("Retry-After"), body)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("answers during the outage: %v", statuses)
	if statuses[http.StatusInternalServerError] > 0 {
		t.Errorf("%d answers were 500", statuses[http.StatusInternalServerError])
	}

	t.Run("APIErrorBody", func(t *testing.T) {
		resp, body := f.API(t, coordA, http.MethodGet, "/api/v1/hubs/hub-a", nil)
		var got web.ErrorBody
		MustDecode(t, body, &got)
		if resp.StatusCode != http.StatusServiceUnavailable || got.Error.Code != "unavailable" || got.Error.Message == "" {
			t.Errorf("API = %d %s, want 503 with code unavailable and a message", resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q, want JSON", ct)
		}
	})
	t.Run("CalmPage", func(t *testing.T) {
		resp, body := a.MustGet(t, "/organisations")
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "back shortly") || strings.Contains(body, "quote reference") {
			t.Errorf("page = %d, want 503 saying we'll be back shortly with no error reference:\n%.600s", resp.StatusCode, body)
		}
	})
	t.Run("HealthzStillUp", func(t *testing.T) {
		if resp, _ := a.MustGet(t, "/healthz"); resp.StatusCode != http.StatusOK {
			t.Errorf("healthz = %d, want 200: the process is up", resp.StatusCode)
		}
	})
	t.Run("LoggedOnce", func(t *testing.T) {
		logs := a.Logs(t)
		if n := strings.Count(logs, "database unreachable: answering 503"); n != 1 {
			t.Errorf("outage logged %d times, want once", n)
		}
		if strings.Contains(logs, "internal error") {
			t.Error("the outage was logged as an internal error")
		}
	})

	proxy.Restore(t)
	waitStatus(t, a, "/readyz", http.StatusOK, 10*time.Second)
	for _, p := range probes {
		if resp, body := a.MustDo(t, p.req()); resp.StatusCode != http.StatusOK {
			t.Errorf("%s after the outage = %d, want 200: %.300s", p.name, resp.StatusCode, body)
		}
	}
	if n := strings.Count(a.Logs(t), "database reachable again"); n != 1 {
		t.Errorf("recovery logged %d times, want once", n)
	}
}

// proxy forwards TCP connections to a PostgreSQL server, and can be cut
// (listener closed, every connection dropped) and restored on the same
// port, as a database outage would look to Convene.
type proxy struct {
	// DSN is the database's connection string pointed at the proxy.
	DSN string

	upNet, upAddr string
	addr          string
	mu            sync.Mutex
	ln            net.Listener
	conns         map[net.Conn]bool
}

// MustProxy starts a proxy to the database of dsn, stopped when tb ends.
func MustProxy(tb testing.TB, dsn string) *proxy {
	tb.Helper()
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	p := &proxy{conns: map[net.Conn]bool{}}
	port := strconv.Itoa(int(cfg.Port))
	if filepath.IsAbs(cfg.Host) {
		p.upNet, p.upAddr = "unix", filepath.Join(cfg.Host, ".s.PGSQL."+port)
	} else {
		p.upNet, p.upAddr = "tcp", net.JoinHostPort(cfg.Host, port)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p.addr = ln.Addr().String()
	host, lport, _ := net.SplitHostPort(p.addr)
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Del("host")
		q.Del("port")
		u.RawQuery, u.Host = q.Encode(), p.addr
		p.DSN = u.String()
	} else {
		p.DSN = dsn + " host=" + host + " port=" + lport
	}
	p.serve(ln)
	tb.Cleanup(p.Cut)
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.forward(c)
		}
	}()
}

func (p *proxy) forward(c net.Conn) {
	up, err := net.Dial(p.upNet, p.upAddr)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	if p.ln == nil { // cut meanwhile
		p.mu.Unlock()
		c.Close()
		up.Close()
		return
	}
	p.conns[c], p.conns[up] = true, true
	p.mu.Unlock()
	go func() { _, _ = io.Copy(up, c); up.Close(); c.Close() }()
	_, _ = io.Copy(c, up)
	c.Close()
	up.Close()
}

// Cut stops accepting connections and drops every open one.
func (p *proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// Restore listens again on the same address.
func (p *proxy) Restore(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", p.addr)
		if err == nil {
			p.serve(ln)
			return
		}
		if time.Now().After(deadline) || !errors.Is(err, syscall.EADDRINUSE) {
			tb.Fatalf("proxy: listen again on %s: %v", p.addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
