package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath finds the browser for the browser tests: CONVENE_CHROMIUM,
// then the usual names on PATH. make test installs Debian's chromium when
// none is found.
func chromiumPath() string {
	if p := os.Getenv("CONVENE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// MustBrowser starts a headless Chromium for the test and returns a
// context to run chromedp actions in.
func MustBrowser(tb testing.TB) context.Context {
	tb.Helper()
	path := chromiumPath()
	if path == "" {
		tb.Fatal("no Chromium for the browser tests: run `make test` (it installs Debian's chromium as root), " +
			"install it yourself (apt-get install chromium), or set CONVENE_CHROMIUM to a Chrome or Chromium binary")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1200, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	tb.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start Chromium (%s): %v", path, err)
	}
	if _, err := axeSource(); err != nil {
		tb.Fatalf("axe-core is missing (%v): run `make test-deps` or scripts/test-deps, which installs it with npm into .cache/node/", err)
	}
	return withAxe(ctx)
}

// MustDo runs browser steps, failing the test with what was attempted.
func MustDo(tb testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.Fatalf("browser: %s: %v\npage text:\n%s", what, err, pageText(ctx))
	}
	checkAccessibility(tb, ctx)
}

// pageText is what the page says, to explain a failed step.
func pageText(ctx context.Context) string {
	short, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	text, err := chromedp.Run(short, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 3000)`))
	if err != nil {
		return "(unavailable: " + err.Error() + ")"
	}
	return text
}

// MustGetValue runs one browser action that yields a value.
func MustGetValue[T any](tb testing.TB, ctx context.Context, what string, action chromedp.Action[T]) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		tb.Fatalf("browser: %s: %v", what, err)
	}
	return v
}

// focusedText is the text of the focused element.
const focusedText = `document.activeElement ? (document.activeElement.innerText || document.activeElement.value || "").trim() : ""`

// tabTo presses Tab until the focused element's text contains label, as a
// keyboard user would, and fails after limit presses.
func tabTo(tb testing.TB, ctx context.Context, label string, limit int) {
	tb.Helper()
	for range limit {
		MustDo(tb, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		focused := MustGetValue(tb, ctx, "read focus", chromedp.Evaluate[string](focusedText))
		if strings.Contains(focused, label) {
			return
		}
	}
	tb.Fatalf("keyboard: %q not reached within %d presses of Tab", label, limit)
}

func TestBrowserHomeAndKeyboard(t *testing.T) {
	a := MustStart(t, withArgs("--demo"))
	ctx := MustBrowser(t)

	MustDo(t, ctx, "open the home page", chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1")))
	hubs := MustGetValue(t, ctx, "list hubs",
		chromedp.Evaluate[[]string](`[...document.querySelectorAll(".card__title a")].map(a => a.textContent.trim())`))
	want := []string{"London Learning Hub", "North East Learning Hub", "Yorkshire and the Humber Learning Hub"}
	if strings.Join(hubs, "|") != strings.Join(want, "|") {
		t.Errorf("hubs on the home page = %q, want %q", hubs, want)
	}

	// The first Tab reaches the skip link; keep going to the hub by keyboard.
	MustDo(t, ctx, "first Tab", chromedp.KeyEvent(kb.Tab))
	if first := MustGetValue(t, ctx, "read focus", chromedp.Evaluate[string](focusedText)); first != "Skip to main content" {
		t.Errorf("first Tab focused %q, want the skip link", first)
	}
	tabTo(t, ctx, "North East Learning Hub", 20)
	MustDo(t, ctx, "follow the link with Enter",
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`h1`)),
	)
	if url := MustGetValue(t, ctx, "location", chromedp.Location()); !strings.HasSuffix(url, "/hubs/north-east") {
		t.Errorf("Enter led to %s, want /hubs/north-east", url)
	}
	if heading := MustGetValue(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1"))); heading != "North East Learning Hub" {
		t.Errorf("hub page heading = %q", heading)
	}
}
