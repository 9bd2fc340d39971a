package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"genesis/agents"
)

// browser is a headless Chromium tab driving a Genesis started by run().
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium on PATH: install it (Debian: apt-get install chromium, or run `make deps`)")
	return ""
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first run starts the browser; it must not carry a timeout, or the timeout ends the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// do runs steps with a deadline, failing the test with what was being done.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](b *browser, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func (b *browser) waitFor(what, expr string, within time.Duration) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, within+5*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(within)))
	if err != nil {
		b.t.Fatalf("waiting for %s: %v", what, err)
	}
}

func tid(id string) chromedp.CSS { return chromedp.CSS(`[data-testid="` + id + `"]`) }

func (b *browser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
}

// fill types into an empty field, as a person would, so the page sees every keystroke.
func (b *browser) fill(testid, value string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(tid(testid), value)
}

// screenshot saves the page under testdata/screenshots at width×height, keeping the committed file
// when the new one shows the same picture.
func (b *browser) screenshot(name string, width, height int64) {
	b.t.Helper()
	b.do("resize for "+name, chromedp.EmulateViewport(width, height))
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join("testdata", "screenshots", name+".png")
	if old, err := os.ReadFile(path); err == nil && samePicture(old, shot) {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// samePicture says whether two screenshots show the same page: same size, and under 1% of the
// pixels differing (dates, ids and elapsed times change between runs; a layout change moves far more).
func samePicture(a, b []byte) bool {
	ia, errA := png.Decode(bytes.NewReader(a))
	ib, errB := png.Decode(bytes.NewReader(b))
	if errA != nil || errB != nil || ia.Bounds() != ib.Bounds() {
		return false
	}
	r := ia.Bounds()
	differ := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				differ++
			}
		}
	}
	return differ*100 < r.Dx()*r.Dy()
}

// signUp creates an account through the signup page and lands on the dashboard.
func (b *browser) signUp(name, email, password string) {
	b.t.Helper()
	b.open("/signup")
	b.do("sign up",
		b.fill("input-name", name),
		b.fill("input-email", email),
		b.fill("input-password", password),
		chromedp.Click(tid("signup-submit")),
		chromedp.WaitVisible(tid("empty-state")),
	)
}

// allSectionsDone is a JavaScript condition that holds once every section's card says it is done.
func allSectionsDone() string {
	var conds []string
	for _, s := range agents.Sections() {
		conds = append(conds, fmt.Sprintf(`document.querySelector('[data-testid="status-%s"]').dataset.status === "done"`, s))
	}
	return strings.Join(conds, " && ")
}

func TestOwnerJourneyInTheBrowser(t *testing.T) {
	a := startApp(t, nil)
	b := newBrowser(t, a.base)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log, warnings and live streams:\n%s", a.logLines("level=WARN", "level=ERROR", "/events", "live stream", "regenerate", "/sections/logo"))
		}
	})

	b.signUp("Adaeze", "adaeze@example.com", "fresh-bread-every-day")

	b.do("open the form", chromedp.Click(tid("empty-cta")), chromedp.WaitVisible(tid("brief-form")))
	b.do("describe the business",
		b.fill("input-business_name", "Mama Put Bakery"),
		b.fill("input-sector", "Bakery"),
		b.fill("input-city", "Lagos"),
		b.fill("input-country", "Nigeria"),
		b.fill("input-vision", "Fresh bread for every home in Lagos."),
		b.fill("input-target_audience", "Families and offices in Yaba"),
		b.fill("input-differentiation", "Baked twice a day and delivered by bike"),
		b.fill("input-services", "Bread\nCakes\nCatering"),
		b.fill("input-tone", "warm"),
	)
	// The draft is saved while typing.
	b.waitFor("the draft to be saved", `document.querySelector('[data-testid="draft-status"]').textContent.includes("Draft saved")`, 10*time.Second)
	b.do("create the brief", chromedp.Click(tid("create-brief")), chromedp.WaitVisible(tid("section-cards")))

	b.waitFor("all five sections", allSectionsDone(), 20*time.Second)

	// Keep the other cards' DOM nodes: regenerating the logo must not replace them.
	eval[bool](b, "remember the cards", `(() => {
		window.sseMessages = 0;
		// Counted before the swap: after it the card that received the event has left the page.
		document.body.addEventListener("htmx:sseBeforeMessage", () => { window.sseMessages++; });
		window.cardsBefore = {};
		document.querySelectorAll('[data-testid^="section-"][data-version]').forEach(el => {
			window.cardsBefore[el.dataset.testid] = {node: el, version: el.dataset.version};
		});
		return true;
	})()`)
	b.do("regenerate the logo with an instruction",
		b.fill("instruction-logo_creation", "bolder colours"),
		chromedp.Click(tid("regenerate-logo_creation")),
	)
	b.waitFor("the new logo", `(() => {
		const card = document.querySelector('[data-testid="section-logo_creation"]');
		return card.dataset.version === "2" && card.dataset.status === "done";
	})()`, 20*time.Second)
	untouched := eval[string](b, "compare the other cards", `(() => {
		const changed = [];
		for (const [id, before] of Object.entries(window.cardsBefore)) {
			if (id === "section-logo_creation") continue;
			const now = document.querySelector('[data-testid="' + id + '"]');
			if (now !== before.node || now.dataset.version !== before.version) changed.push(id);
		}
		return changed.join(",");
	})()`)
	if untouched != "" {
		t.Errorf("regenerating the logo replaced other cards: %s", untouched)
	}
	// Polling is only the fallback: the live stream must deliver the logo's changes too.
	b.waitFor("a server-sent event about the logo", `window.sseMessages > 0`, 30*time.Second)

	b.do("open the logo's history", chromedp.Click(tid("history-logo_creation")), chromedp.WaitVisible(tid("restore-1")))
	b.do("restore version 1", chromedp.Click(tid("restore-1")))
	b.waitFor("the restored logo", `document.querySelector('[data-testid="section-logo_creation"]').dataset.version === "3"`, 10*time.Second)

	b.do("keep the brief 30 days",
		chromedp.SetValue(tid("extend-days"), "30"),
		chromedp.Click(tid("extend-submit")),
	)
	b.waitFor("the new expiry", `document.querySelector('[data-testid="expires"]').textContent.includes("30 days")`, 10*time.Second)

	exported := eval[string](b, "export Markdown", `fetch(document.querySelector('[data-testid="export-md"]').href).then(r => r.text())`)
	if !strings.HasPrefix(exported, "# Mama Put Bakery") {
		t.Errorf("Markdown export starts %.40q", exported)
	}
	exportedJSON := eval[string](b, "export JSON", `fetch(document.querySelector('[data-testid="export-json"]').href).then(r => r.json()).then(j => j.logo_creation.primary_logo.concept)`)
	if exportedJSON == "" {
		t.Error("JSON export has no logo")
	}

	b.screenshot("brief-1280", 1280, 900)
	b.screenshot("brief-375", 375, 812)
	b.do("back to desktop width", chromedp.EmulateViewport(1280, 900))

	b.do("delete the brief",
		chromedp.Click(tid("delete-open")),
		chromedp.WaitVisible(tid("delete-confirm")),
		chromedp.Click(tid("delete-confirm")),
		chromedp.WaitVisible(tid("notice")),
	)
	if n := eval[int](b, "count briefs", `document.querySelectorAll('[data-testid="brief-row"]').length`); n != 0 {
		t.Errorf("%d briefs on the dashboard after deleting the only one", n)
	}
}
