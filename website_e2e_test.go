package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestWebsiteConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		want    string // PublicURL after loading
		wantErr string
	}{
		{"public URL from ADDR", nil, "http://127.0.0.1:8080", ""},
		{"every interface", map[string]string{"ADDR": "0.0.0.0:9000"}, "http://localhost:9000", ""},
		{"no host", map[string]string{"ADDR": ":9000"}, "http://localhost:9000", ""},
		{"IPv6", map[string]string{"ADDR": "[::1]:9000"}, "http://[::1]:9000", ""},
		{"set, trailing slash", map[string]string{"PUBLIC_URL": "https://genesis.example/"}, "https://genesis.example", ""},
		{"not absolute", map[string]string{"PUBLIC_URL": "genesis.example"}, "", "PUBLIC_URL"},
		{"ftp", map[string]string{"PUBLIC_URL": "ftp://genesis.example"}, "", "PUBLIC_URL"},
		{"with a query", map[string]string{"PUBLIC_URL": "https://genesis.example/?a=b"}, "", "PUBLIC_URL"},
		{"publishing", map[string]string{"WEBSITE_PUBLISH_URL": "https://sites.example/in", "WEBSITE_PUBLISH_SECRET": "0123456789abcdef"}, "http://127.0.0.1:8080", ""},
		{"publishing without a secret", map[string]string{"WEBSITE_PUBLISH_URL": "https://sites.example/in"}, "", "WEBSITE_PUBLISH_SECRET"},
		{"publishing with a short secret", map[string]string{"WEBSITE_PUBLISH_URL": "https://sites.example/in", "WEBSITE_PUBLISH_SECRET": "tooshort"}, "", "at least 16"},
		{"publishing to nowhere", map[string]string{"WEBSITE_PUBLISH_URL": "sites", "WEBSITE_PUBLISH_SECRET": "0123456789abcdef"}, "", "WEBSITE_PUBLISH_URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig(func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("loadConfig error = %v, want one line containing %q", err, tc.wantErr)
				}
				if secret := tc.env["WEBSITE_PUBLISH_SECRET"]; secret != "" && strings.Contains(err.Error(), secret) {
					t.Errorf("the error shows the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadConfig: %v", err)
			}
			if cfg.PublicURL != tc.want {
				t.Errorf("PublicURL = %q, want %q", cfg.PublicURL, tc.want)
			}
		})
	}
}

// TestWebsiteInTheBrowser: the brief page's "Create website" opens the preview, whose sandboxing
// policy still lets the site's own stylesheet and images load.
func TestWebsiteInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	a := startApp(t, nil)
	b := newBrowser(t, a.base)
	email, password := "site-owner@example.com", "site-owner-password-1"
	b.signUp("Site Owner", email, password)

	token := apiToken(t, a.base, email, password)
	id := apiGenerate(t, a.base, token)

	b.open("/briefs/" + id)
	b.waitFor("the website panel", `document.querySelector('[data-testid="website"]').dataset.ready === "true" && !document.querySelector('[data-testid="website"]').hasAttribute("hx-trigger")`, 10*time.Second)
	b.do("create the website", chromedp.Click(tid("website-create")))
	waitLoaded(b, a.base+"/briefs/"+id+"/site/")
	if got := eval[string](b, "page language", `document.documentElement.lang`); got != "en" {
		t.Errorf("preview html lang = %q", got)
	}
	if !eval[bool](b, "stylesheet", `document.styleSheets.length > 0 && [...document.styleSheets].every(s => s.cssRules.length > 10)`) {
		t.Errorf("the site's stylesheet did not load under the sandbox policy")
	}
	if !eval[bool](b, "images", `[...document.images].length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)`) {
		t.Errorf("the site's images did not load under the sandbox policy: %s", eval[string](b, "images", `Promise.all([...document.images].map(i => i.decode().then(() => "ok "+i.naturalWidth+"x"+i.naturalHeight, e => "fail " + e))).then(r => JSON.stringify(r))`))
	}
	b.do("open the about page", chromedp.Navigate(a.base+"/briefs/"+id+"/site/about.html"))
	if !eval[bool](b, "about stylesheet", `document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 10`) {
		t.Errorf("about.html: stylesheet blocked")
	}
}

// waitLoaded waits for the tab to arrive at url after a click that navigates, and to finish
// loading it. It asks from Go: the sandboxed page runs no script, so chromedp's in-page polling
// would never answer.
func waitLoaded(b *browser, url string) {
	b.t.Helper()
	var at, state string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		// Asking during the navigation itself fails; the next try answers.
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil {
			at = loc
			state, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState`))
		}
		cancel()
		if err == nil && at == url && state == "complete" {
			return
		}
	}
	b.t.Fatalf("the tab is at %q (%s), want %q loaded", at, state, url)
}

func apiToken(t *testing.T, base, email, password string) string {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/auth/token", "application/json", strings.NewReader(fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}

func apiGenerate(t *testing.T, base, token string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/business/brief/generate", strings.NewReader(
		`{"business_brief": {"business_name": "Chez Awa", "sector": "Restaurant", "location": {"city": "Dakar", "country": "Senegal"},
		"vision": "Thieboudienne like at home"}, "services": ["Lunch", "Catering"], "language": "en"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	client := &http.Client{Timeout: 40 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var b struct {
		ID string `json:"id"`
	}
	if resp.StatusCode != http.StatusCreated || json.Unmarshal(body, &b) != nil {
		t.Fatalf("generate: %d %.300s", resp.StatusCode, body)
	}
	return b.ID
}
