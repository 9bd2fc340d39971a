package site

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestSitesInBrowser renders every theme in headless Chromium on a 360 px wide phone screen: no
// page scrolls sideways, every request stays inside the site's folder, and the skip link is the
// first thing the keyboard reaches and shows its focus outline.
func TestSitesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium installed")
	}
	dir := t.TempDir()
	for _, id := range Themes() {
		for lang, b := range fixtures(id) {
			for _, f := range build(t, b) {
				p := filepath.Join(dir, id+"-"+lang, filepath.FromSlash(f.Path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancelAlloc()
	var (
		mu       sync.Mutex
		requests []string
	)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}))
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateScale(2))); err != nil {
		t.Fatalf("start browser: %v", err)
	}
	root := "file://" + filepath.ToSlash(dir) + "/"
	for _, id := range Themes() {
		for _, lang := range []string{"en", "fr"} {
			for _, p := range pages() {
				url := root + id + "-" + lang + "/" + p.File
				pageCtx, cancelPage := context.WithTimeout(ctx, 20*time.Second)
				err := chromedp.Do(pageCtx, chromedp.Navigate(url), chromedp.KeyEvent("\t"))
				var width int
				var focus string
				if err == nil {
					width, err = chromedp.Run(pageCtx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				}
				if err == nil {
					focus, err = chromedp.Run(pageCtx, chromedp.Evaluate[string](`(() => {
						const a = document.activeElement, s = getComputedStyle(a);
						return a.className + "|" + s.outlineStyle + "|" + s.outlineWidth })()`))
				}
				cancelPage()
				if err != nil {
					t.Fatalf("%s: %v", url, err)
				}
				name := fmt.Sprintf("%s/%s/%s", id, lang, p.File)
				if width > 360 {
					t.Errorf("%s: %d px wide on a 360 px screen", name, width)
				}
				if focus != "g-skip|solid|3px" {
					t.Errorf("%s: first Tab reaches %q, want the skip link with a 3px outline", name, focus)
				}
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range requests {
		if !strings.HasPrefix(r, root) {
			t.Errorf("request outside the site: %s", r)
		}
	}
	if len(requests) == 0 {
		t.Errorf("no requests observed")
	}
}
