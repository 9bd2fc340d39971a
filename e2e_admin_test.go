package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// signUpOwner signs up an owner over plain HTTP: the admin test needs briefs, not their pages.
func signUpOwner(t *testing.T, base, name, email, password string) *owner {
	t.Helper()
	o := newOwner(t)
	if status, _, err := o.post(base, "/signup", url.Values{"name": {name}, "email": {email}, "password": {password}}, o.csrf(base)); err != nil || status != http.StatusSeeOther {
		t.Fatalf("sign up %s: %d %v", email, status, err)
	}
	return o
}

// writtenBrief creates a brief and waits until every section is written.
func (o *owner) writtenBrief(base, name, sector, city, country string) string {
	o.t.Helper()
	status, loc, err := o.post(base, "/briefs", url.Values{
		"business_name": {name}, "sector": {sector}, "city": {city}, "country": {country},
		"vision": {"Good work for the neighbourhood."}, "services": {"One\nTwo"}, "language": {"en"}, "tone": {"warm"},
	}, o.csrf(base))
	id, ok := strings.CutPrefix(loc, "/briefs/")
	if err != nil || status != http.StatusSeeOther || !ok {
		o.t.Fatalf("create brief %s: %d to %q (%v)", name, status, loc, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if page := o.get(base + loc); !strings.Contains(page, `data-status="queued"`) && !strings.Contains(page, `data-status="running"`) {
			return id
		}
		time.Sleep(100 * time.Millisecond)
	}
	o.t.Fatalf("brief %s not written within 30s", name)
	return ""
}

func TestAdminConsoleInTheBrowser(t *testing.T) {
	const token = "metrics-scrape-token-e2e"
	a := startApp(t, map[string]string{"ADMIN_EMAILS": "chief@example.com", "METRICS_TOKEN": token})

	ada := signUpOwner(t, a.base, "Ada", "ada@example.com", "ada-password-123")
	adaBriefs := map[string]bool{
		ada.writtenBrief(a.base, "Ada Bakes", "Bakery", "Lagos", "Nigeria"): true,
		ada.writtenBrief(a.base, "Ada Cakes", "Bakery", "Abuja", "Nigeria"): true,
	}
	bola := signUpOwner(t, a.base, "Bola", "bola@example.com", "bola-password-123")
	bola.writtenBrief(a.base, "Bola Blooms", "Florist", "Dakar", "Senegal")

	b := newBrowser(t, a.base)
	b.signUp("Chief", "chief@example.com", "chief-password-1")
	b.do("open the console", chromedp.Click(tid("nav-admin")), chromedp.WaitVisible(tid("admin-stats")))
	b.do("open the sessions", chromedp.Click(tid("admin-nav-sessions")), chromedp.WaitVisible(tid("sessions-table")))
	if n := eval[int](b, "count every session", `document.querySelectorAll('[data-testid="session-row"]').length`); n != 3 {
		t.Fatalf("%d sessions listed, want 3", n)
	}

	// Filtering swaps the results in place (the page, and a mark left on it, stay) and pushes the URL.
	eval[bool](b, "mark the page", `window.sameDocument = true`)
	b.do("filter by owner", b.fill("input-owner", "ada@example.com"), chromedp.Click(tid("filter-apply")))
	b.waitFor("Ada's briefs only", `(() => {
		const rows = [...document.querySelectorAll('[data-testid="session-row"]')];
		return rows.length === 2 && rows.every(r => r.querySelector('[data-testid="session-owner"]').textContent.trim() === "ada@example.com");
	})()`, 10*time.Second)
	if !eval[bool](b, "check the page was not reloaded", `window.sameDocument === true`) {
		t.Error("filtering reloaded the whole page")
	}
	if q := eval[string](b, "read the URL", `location.search`); q != "?owner=ada%40example.com" {
		t.Errorf("URL after filtering: %q", q)
	}

	b.do("open one of Ada's briefs",
		chromedp.Click(chromedp.CSS(`[data-testid="session-row"] [data-testid="session-link"]`)),
		chromedp.WaitVisible(tid("session-summary")),
	)
	kept := strings.TrimPrefix(eval[string](b, "read the brief's path", `location.pathname`), "/admin/sessions/")
	if !adaBriefs[kept] {
		t.Fatalf("opened %q, not one of Ada's briefs", kept)
	}
	if n := eval[int](b, "count files", `document.querySelectorAll('[data-testid^="file-"][data-version]').length`); n < 6 {
		t.Errorf("the brief shows %d files, want input and five sections", n)
	}
	b.do("keep it 90 days",
		chromedp.SetValue(tid("admin-extend-days"), "90"),
		chromedp.Click(tid("admin-extend")),
		chromedp.WaitVisible(tid("admin-notice")),
	)
	if ttl := eval[string](b, "read the expiry", `document.querySelector('[data-testid="session-ttl"]').textContent`); !strings.Contains(ttl, "in 90 days") {
		t.Errorf("expiry after keeping 90 days: %q", ttl)
	}
	if n := eval[int](b, "count audit entries", `document.querySelectorAll('[data-testid="audit-entry"][data-action="extend"]').length`); n != 1 {
		t.Errorf("%d extension entries in the brief's audit log, want 1", n)
	}

	b.open("/admin/sessions?owner=ada%40example.com")
	b.do("open Ada's other brief",
		chromedp.Click(chromedp.CSS(`[data-testid="session-row"]:not([data-brief-id="`+kept+`"]) [data-testid="session-link"]`)),
		chromedp.WaitVisible(tid("session-summary")),
	)
	deleted := strings.TrimPrefix(eval[string](b, "read the brief's path", `location.pathname`), "/admin/sessions/")
	b.do("delete it",
		chromedp.Click(tid("admin-delete-open")),
		chromedp.WaitVisible(tid("admin-delete-confirm")),
		chromedp.Click(tid("admin-delete-confirm")),
		chromedp.WaitVisible(tid("admin-notice")),
	)
	if deleted == kept || !adaBriefs[deleted] {
		t.Fatalf("deleted %q; kept %q", deleted, kept)
	}
	b.open("/admin/sessions?owner=ada%40example.com")
	rows := eval[[]string](b, "list Ada's briefs", `[...document.querySelectorAll('[data-testid="session-row"]')].map(r => r.dataset.briefId)`)
	if len(rows) != 1 || rows[0] != kept {
		t.Errorf("Ada's briefs after the deletion: %v, want only %s", rows, kept)
	}
	b.open("/admin")
	actions := eval[[]string](b, "read the audit log", `[...document.querySelectorAll('[data-testid="audit-entry"]')].map(r => r.dataset.action + " " + r.dataset.target)`)
	if want := []string{"delete " + deleted, "extend " + kept}; strings.Join(actions, ",") != strings.Join(want, ",") {
		t.Errorf("audit log %v, want %v", actions, want)
	}

	// The agents ran in this process: their runs, and the admin's requests by route, are in /metrics.
	metrics := eval[string](b, "read /metrics", `fetch("/metrics").then(r => r.text())`)
	for _, want := range []string{
		`genesis_agent_runs_total{outcome="done",provider="builtin",section="logo_creation"} 3`,
		`genesis_http_requests_total{method="POST",route="/admin/sessions/:id/extend",status="303"} 1`,
		`genesis_redis_commands_total{command="evalsha"}`,
		`genesis_redis_pool_connections{state="total"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if resp, _ := get(t, a.base+"/metrics", "Authorization", "Bearer "+token); resp.StatusCode != http.StatusOK {
		t.Errorf("/metrics with METRICS_TOKEN: %d", resp.StatusCode)
	}
	b.open("/admin/redis")
	b.do("see the charts", chromedp.WaitVisible(tid("chart-daily-svg")), chromedp.WaitVisible(tid("chart-latency-svg")))

	// A normal owner: every admin URL is a page that does not exist.
	b.do("sign out", chromedp.Click(tid("nav-logout")), chromedp.WaitVisible(tid("nav-login")))
	b.open("/login")
	b.do("sign in as Ada",
		b.fill("input-email", "ada@example.com"),
		b.fill("input-password", "ada-password-123"),
		chromedp.Click(tid("login-submit")),
		chromedp.WaitVisible(tid("brief-list")),
	)
	if n := eval[int](b, "look for the admin menu", `document.querySelectorAll('[data-testid="nav-admin"]').length`); n != 0 {
		t.Error("an owner sees the admin menu")
	}
	b.open("/admin")
	b.do("see the not-found page", chromedp.WaitVisible(tid("error-page")))
	urls := [][2]string{
		{"GET", "/admin"}, {"GET", "/admin/sessions"}, {"GET", "/admin/sessions/" + kept},
		{"POST", "/admin/sessions/" + kept + "/extend"}, {"POST", "/admin/sessions/" + kept + "/delete"},
		{"POST", "/admin/sessions/" + kept + "/sections/logo_creation/rerun"},
		{"GET", "/admin/users"}, {"POST", "/admin/users/someone/role"}, {"GET", "/admin/redis"}, {"GET", "/metrics"},
	}
	list, _ := json.Marshal(urls)
	statuses := eval[map[string]int](b, "request every admin URL as Ada", `(async () => {
		const token = document.querySelector('meta[name="csrf-token"]').content;
		const out = {};
		for (const [method, url] of `+string(list)+`) {
			const init = {method, redirect: "manual", headers: {"X-CSRF-Token": token}};
			if (method === "POST") {
				init.headers["Content-Type"] = "application/x-www-form-urlencoded";
				init.body = "confirm=yes&days=365&role=admin";
			}
			out[method + " " + url] = (await fetch(url, init)).status;
		}
		return out;
	})()`)
	for _, u := range urls {
		if got := statuses[u[0]+" "+u[1]]; got != http.StatusNotFound {
			t.Errorf("%s %s as an owner: %d, want 404", u[0], u[1], got)
		}
	}
	if len(statuses) != len(urls) {
		t.Errorf("checked %d admin URLs, want %d", len(statuses), len(urls))
	}
}

func TestMetricsTokenConfig(t *testing.T) {
	for _, tc := range []struct {
		token string
		ok    bool
	}{
		{"", true},
		{"short", false},
		{"sixteen-chars-ok", true},
	} {
		_, err := loadConfig(func(k string) string {
			if k == "METRICS_TOKEN" {
				return tc.token
			}
			return ""
		})
		if (err == nil) != tc.ok || (err != nil && !strings.Contains(err.Error(), "METRICS_TOKEN")) {
			t.Errorf("METRICS_TOKEN=%q: %v", tc.token, err)
		}
	}
}
