package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Every page the browser tests visit is checked with axe-core, which
// scripts/test-deps installs from the npm registry into .cache/node/. A
// violation of any rule fails the test that visited the page.

// axeSource reads axe-core once per test binary.
var axeSource = sync.OnceValues(func() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			b, err := os.ReadFile(filepath.Join(dir, ".cache", "node", "node_modules", "axe-core", "axe.min.js"))
			return string(b), err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
})

// axeChecked remembers, per browser, the pages already checked.
type axeChecked struct {
	mu   sync.Mutex
	seen map[string]bool
}

type axeKey struct{}

// withAxe makes the browser context check each page it ends up on.
func withAxe(ctx context.Context) context.Context {
	return context.WithValue(ctx, axeKey{}, &axeChecked{seen: map[string]bool{}})
}

// axeViolation is what axe reports of one rule broken.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// checkAccessibility runs axe-core over the page the browser is on, once
// per address (and viewport width), and fails the test on any violation.
func checkAccessibility(tb testing.TB, ctx context.Context) {
	tb.Helper()
	checked, ok := ctx.Value(axeKey{}).(*axeChecked)
	if !ok {
		return
	}
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" && document.contentType === "text/html" ? location.href.split("#")[0] + " @" + window.innerWidth : ""`))
	if err != nil || page == "" || strings.HasPrefix(page, "about:") {
		return
	}
	checked.mu.Lock()
	done := checked.seen[page]
	checked.seen[page] = true
	checked.mu.Unlock()
	if done {
		return
	}
	src, err := axeSource()
	if err != nil {
		tb.Fatalf("axe-core is missing (%v): run `make test-deps` or scripts/test-deps, which installs it with npm into .cache/node/", err)
	}
	// Injected and run in one evaluation, so that both happen in the same
	// document; a page that navigates away meanwhile is checked where the
	// test's next step ends instead.
	script := `(() => { if (typeof window.axe !== "object") {` + src + `
} return axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations)); })()`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		if now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href.split("#")[0] + " @" + window.innerWidth`)); now != page {
			checked.mu.Lock()
			delete(checked.seen, page)
			checked.mu.Unlock()
			return
		}
		tb.Fatalf("run axe-core on %s: %v", page, err)
	}
	var violations []axeViolation
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		tb.Fatalf("axe-core's answer on %s: %v", page, err)
	}
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, truncate(n.HTML, 160))
		}
		tb.Errorf("accessibility: %s: %s (%s, %s) at:\n  %s", page, v.Help, v.ID, v.Impact, strings.Join(where, "\n  "))
	}
}
