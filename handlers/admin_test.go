package handlers

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"genesis/agents"
	"genesis/storage"
	"genesis/storage/redistest"
)

// seedBrief stores a brief straight through the store, with every section in a final state so the
// orchestrator leaves it alone.
func (e *testEnv) seedBrief(ownerID, name, sector string, failed ...agents.Section) string {
	e.t.Helper()
	sections := map[string]storage.SectionStatus{}
	for _, s := range agents.Sections() {
		sections[string(s)] = storage.SectionDone
	}
	for _, s := range failed {
		sections[string(s)] = storage.SectionFailed
	}
	sum, err := e.store.WriteSession(context.Background(), storage.NewSession{
		OwnerID: ownerID, BusinessName: name, Sector: sector, City: "Dakar", Country: "Senegal", Language: "fr",
		Files:    map[string][]byte{agents.InputFile: []byte(`{"business_name":` + fmt.Sprintf("%q", name) + `}`)},
		Sections: sections,
	})
	if err != nil {
		e.t.Fatalf("seed brief %q: %v", name, err)
	}
	return sum.ID
}

var (
	sessionRowID = regexp.MustCompile(`data-testid="session-row" data-brief-id="([^"]+)"`)
	nextPageHref = regexp.MustCompile(`href="([^"]+)"[^>]*data-testid="next-page"`)
	firstPageRef = regexp.MustCompile(`href="([^"]+)"[^>]*data-testid="first-page"`)
)

// rowIDs are the brief ids of a sessions table, in order.
func rowIDs(body string) []string {
	var ids []string
	for _, m := range sessionRowID.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func link(re *regexp.Regexp, body string) string {
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func TestAdminSessionsFilterAndPages(t *testing.T) {
	env := newEnv(t)
	admin := env.newAdmin("Boss")
	ana := env.newUser("Ana")
	ben := env.newUser("Ben")
	anaBriefs := map[string]bool{}
	for i := range 30 {
		anaBriefs[env.seedBrief(ana.id, fmt.Sprintf("Boulangerie %02d", i), "Bakery")] = true
	}
	benFailed := env.seedBrief(ben.id, "Fleurs de Ben", "Florist", agents.SEOOptimization)
	time.Sleep(5 * time.Millisecond) // a later creation time, so the order is not left to ids
	benDone := env.seedBrief(ben.id, "Ben Plants", "Florist")

	// The owner filter: two pages of Ana's briefs, newest first, and nobody else's.
	first := admin.get("/admin/sessions?owner=" + url.QueryEscape(ana.email))
	if first.StatusCode != http.StatusOK {
		t.Fatalf("filtered sessions: %d", first.StatusCode)
	}
	page1 := rowIDs(first.body)
	next := link(nextPageHref, first.body)
	if len(page1) != adminPageSize || next == "" {
		t.Fatalf("first page: %d rows, next %q; want %d rows and a next page", len(page1), next, adminPageSize)
	}
	if !strings.Contains(next, "owner="+url.QueryEscape(ana.email)) {
		t.Errorf("next page %q drops the owner filter", next)
	}
	second := admin.get(next)
	page2 := rowIDs(second.body)
	if len(page2) != 30-adminPageSize || link(nextPageHref, second.body) != "" || link(firstPageRef, second.body) == "" {
		t.Fatalf("second page: %d rows, next %q, first %q", len(page2), link(nextPageHref, second.body), link(firstPageRef, second.body))
	}
	seen := map[string]bool{}
	for _, id := range append(page1, page2...) {
		if !anaBriefs[id] || seen[id] {
			t.Errorf("brief %s listed for Ana: hers %v, listed twice %v", id, anaBriefs[id], seen[id])
		}
		seen[id] = true
	}
	if !strings.Contains(first.body, `data-testid="session-owner">`+ana.email) {
		t.Error("rows do not show the owner's email")
	}

	for _, tc := range []struct {
		name  string
		query string
		want  []string
	}{
		{"sector", "sector=Florist", []string{benDone, benFailed}},
		{"sector and status", "sector=Florist&status=failed", []string{benFailed}},
		{"owner and status", "owner=" + url.QueryEscape(ben.email) + "&status=done", []string{benDone}},
		{"oldest first", "sector=Florist&order=asc", []string{benFailed, benDone}},
		{"created today", "sector=Florist&from=" + time.Now().Format(dateLayout) + "&to=" + time.Now().Format(dateLayout), []string{benDone, benFailed}},
		{"created from tomorrow", "sector=Florist&from=" + time.Now().AddDate(0, 0, 1).Format(dateLayout), nil},
		{"unknown owner", "owner=nobody%40example.com", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := admin.get("/admin/sessions?" + tc.query)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if diff := cmp.Diff(tc.want, rowIDs(resp.body)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
	if resp := admin.get("/admin/sessions?owner=nobody%40example.com"); !strings.Contains(resp.body, "No account has this email address.") {
		t.Error("an unknown owner email is not explained")
	}

	// Sorting by expiry: the brief kept longest comes last in ascending order, first in descending.
	if _, err := env.store.ExtendSessionTTL(context.Background(), benFailed, 90*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(admin.get("/admin/sessions?sector=Florist&sort=expiry&order=asc").body); !cmp.Equal(got, []string{benDone, benFailed}) {
		t.Errorf("by expiry, ascending: %v", got)
	}
	if got := rowIDs(admin.get("/admin/sessions?sector=Florist&sort=expiry").body); !cmp.Equal(got, []string{benFailed, benDone}) {
		t.Errorf("by expiry, descending: %v", got)
	}

	for _, tc := range []struct {
		query string
		field string
	}{
		{"status=lost", "error-status"},
		{"from=31/12/2026", "error-from"},
		{"from=2026-03-10&to=2026-03-01", "error-to"},
		{"sort=size", "error-sort"},
	} {
		resp := admin.get("/admin/sessions?" + tc.query)
		if resp.StatusCode != http.StatusUnprocessableEntity || !regexp.MustCompile(`data-testid="`+tc.field+`">[^<]+</p>`).MatchString(resp.body) {
			t.Errorf("?%s: %d, want 422 with a message at %s", tc.query, resp.StatusCode, tc.field)
		}
	}
	if resp := admin.get("/admin/sessions?cursor=not-a-cursor"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("forged cursor: %d, want 400", resp.StatusCode)
	}
}

func TestAdminSessionsFilterFragment(t *testing.T) {
	env := newEnv(t)
	admin := env.newAdmin("Boss")
	owner := env.newUser("Kemi")
	id := env.seedBrief(owner.id, "Kemi Couture", "Tailor")

	query := "/admin/sessions?owner=" + url.QueryEscape(owner.email) + "&sector=&status=&from=&to=&sort=created&order=desc"
	resp := admin.get(query, "HX-Request", "true", "HX-Target", "sessions-results")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, `data-testid="sessions-table"`) ||
		strings.Contains(resp.body, "<html") || strings.Contains(resp.body, `data-testid="sessions-filter"`) {
		t.Fatalf("htmx filter: %d, want the results fragment alone; got %.200s", resp.StatusCode, resp.body)
	}
	if got, want := resp.Header.Get("HX-Push-Url"), "/admin/sessions?owner="+url.QueryEscape(owner.email); got != want {
		t.Errorf("pushed URL %q, want the filter without its defaults %q", got, want)
	}
	if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
		t.Error("fragment and page share a URL without Vary: HX-Request")
	}
	if diff := cmp.Diff([]string{id}, rowIDs(resp.body)); diff != "" {
		t.Errorf("fragment rows (-want +got):\n%s", diff)
	}
	bad := admin.get("/admin/sessions?from=someday", "HX-Request", "true", "HX-Target", "sessions-results")
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "Enter a date such as 2026-03-31.") || bad.Header.Get("HX-Push-Url") != "" {
		t.Errorf("htmx filter with a bad date: %d, pushed %q; %.300s", bad.StatusCode, bad.Header.Get("HX-Push-Url"), bad.body)
	}
	page := admin.get(query)
	for _, want := range []string{`<html`, `data-testid="sessions-filter"`, `hx-get="/admin/sessions"`, `hx-push-url="true"`, `id="sessions-results"`, `name="csrf-token"`, `value="` + owner.email + `"`, `<th scope="col"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("full page lacks %s", want)
		}
	}
	if strings.Contains(page.body, ` style="`) || strings.Contains(page.body, "<script>") {
		t.Error("the sessions page carries an inline style or script")
	}
}

func TestAdminSessionDetail(t *testing.T) {
	env := newEnv(t)
	admin := env.newAdmin("Boss")
	owner := env.newUser("Owner")
	id := owner.createBrief(env, briefForm())
	if resp := owner.postForm("/briefs/"+id+"/sections/seo_optimization/regenerate", nil, "HX-Request", "true"); resp.StatusCode != http.StatusOK {
		t.Fatalf("regenerate: %d", resp.StatusCode)
	}
	env.waitGenerated(id)
	hostile := env.seedBrief(owner.id, `<script>alert("x")</script>`, "Bakery")

	page := admin.get("/admin/sessions/" + id)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("detail: %d", page.StatusCode)
	}
	for _, want := range []string{
		`data-testid="file-input" data-version="1"`,
		`data-testid="file-seo_optimization" data-version="2"`,
		`data-testid="file-logo_creation" data-version="1"`,
		`data-testid="file-version" data-version="1"`,
		`data-testid="session-owner"><a`,
		owner.email,
		`data-testid="admin-extend"`,
		`data-testid="admin-delete-confirm"`,
		`name="csrf_token"`,
		// Pretty-printed and escaped JSON.
		"{\n  &#34;",
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("detail page lacks %q", want)
		}
	}
	if strings.Contains(page.body, `data-testid="rerun-`) {
		t.Error("a re-run is offered for sections that did not fail")
	}
	if strings.Contains(page.body, ` style="`) {
		t.Error("the detail page carries an inline style")
	}
	evil := admin.get("/admin/sessions/" + hostile)
	if strings.Contains(evil.body, `<script>alert`) || !strings.Contains(evil.body, `&lt;script&gt;alert(`) {
		t.Error("a business name reaches the admin page unescaped")
	}
	if resp := admin.get("/admin/sessions/AAAAAAAAAAAAAAAAAAAAAA"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing brief: %d, want 404", resp.StatusCode)
	}
}

// auditActions are the audit log's entries as "action target detail by actor", newest first.
func (e *testEnv) auditActions(target string) []string {
	e.t.Helper()
	entries, err := e.store.AuditLog(context.Background(), target, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, a := range entries {
		out = append(out, fmt.Sprintf("%s %s %s by %s", a.Action, a.Target, a.Detail, a.Actor))
	}
	return out
}

func TestAdminExtendRerunDelete(t *testing.T) {
	env := newEnv(t)
	admin := env.newAdmin("Boss")
	owner := env.newUser("Owner")
	id := owner.createBrief(env, briefForm())
	before, _ := env.store.ReadSession(context.Background(), id)

	// Extend.
	if resp := admin.postForm("/admin/sessions/"+id+"/extend", url.Values{"days": {"12"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("extend by 12 days: %d, want 422", resp.StatusCode)
	}
	resp := admin.postForm("/admin/sessions/"+id+"/extend", url.Values{"days": {"365"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/sessions/"+id+"?notice=extended" {
		t.Fatalf("extend: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	sess, _ := env.store.ReadSession(context.Background(), id)
	if d := time.Until(sess.ExpiresAt); d < 364*24*time.Hour || d > 366*24*time.Hour {
		t.Errorf("expiry in %v after extending by 365 days", d)
	}
	if page := admin.get(resp.Header.Get("Location")); !strings.Contains(page.body, `data-testid="admin-notice"`) || !strings.Contains(page.body, `data-testid="audit-entry" data-action="extend"`) {
		t.Error("the detail page shows neither the extension nor its audit entry")
	}

	// Re-run a failed section.
	if resp := admin.postForm("/admin/sessions/"+id+"/sections/seo_optimization/rerun", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("re-run of a section that did not fail: %d, want 409", resp.StatusCode)
	}
	if _, err := env.store.UpdateFields(context.Background(), id, storage.SectionFields("seo_optimization", storage.SectionFailed, "generation failed")); err != nil {
		t.Fatal(err)
	}
	if page := admin.get("/admin/sessions/" + id); !strings.Contains(page.body, `data-testid="rerun-seo_optimization"`) {
		t.Fatal("no re-run button for the failed section")
	}
	resp = admin.postForm("/admin/sessions/"+id+"/sections/seo_optimization/rerun", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/sessions/"+id+"?notice=rerun" {
		t.Fatalf("re-run: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	after := env.waitGenerated(id)
	if st := after.Sections["seo_optimization"].Status; st != storage.SectionDone || after.Files["seo_optimization"].Version != before.Files["seo_optimization"].Version+1 {
		t.Errorf("after the re-run the section is %s at version %d", st, after.Files["seo_optimization"].Version)
	}

	// Delete.
	if resp := admin.postForm("/admin/sessions/"+id+"/delete", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("delete without confirmation: %d, want 422", resp.StatusCode)
	}
	resp = admin.postForm("/admin/sessions/"+id+"/delete", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/sessions?notice=deleted" {
		t.Fatalf("delete: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := env.store.ReadSession(context.Background(), id); !isNotFound(err) {
		t.Errorf("deleted brief still reads: %v", err)
	}
	if resp := admin.get("/admin/sessions/" + id); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted brief's page: %d, want 404", resp.StatusCode)
	}
	if resp := admin.postForm("/admin/sessions/"+id+"/delete", url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("second delete: %d, want 404", resp.StatusCode)
	}

	want := []string{
		"delete " + id + " Mama Put Bakery by " + admin.email,
		"rerun " + id + " seo_optimization by " + admin.email,
		"extend " + id + " 365 by " + admin.email,
	}
	if diff := cmp.Diff(want, env.auditActions(id)); diff != "" {
		t.Errorf("audit log (-want +got):\n%s", diff)
	}
	overview := admin.get("/admin")
	if n := strings.Count(overview.body, `data-testid="audit-entry"`); overview.StatusCode != http.StatusOK || n != 3 {
		t.Errorf("overview: %d with %d audit entries, want 3", overview.StatusCode, n)
	}
	if resp := env.client().get("/admin/sessions/" + id); resp.StatusCode != http.StatusNotFound {
		t.Errorf("anonymous detail: %d, want 404", resp.StatusCode)
	}
}

func TestAdminGrantRevoke(t *testing.T) {
	env := newEnv(t)
	admin := env.newAdmin("Boss")
	owner := env.newUser("Owner")
	env.seedBrief(owner.id, "One", "Bakery")
	env.seedBrief(owner.id, "Two", "Bakery")

	page := admin.get("/admin/users")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("users: %d", page.StatusCode)
	}
	ownerRow := regexp.MustCompile(`(?s)data-testid="user-row" data-user-id="` + owner.id + `" data-role="owner">.*?data-testid="user-briefs">2<.*?data-testid="user-grant"`)
	if !ownerRow.MatchString(page.body) {
		t.Error("the owner's row lacks role, brief count or the grant button")
	}
	selfRow := regexp.MustCompile(`(?s)data-testid="user-row" data-user-id="` + admin.id + `" data-role="admin">.*?data-testid="user-self"`)
	if !selfRow.MatchString(page.body) {
		t.Error("the admin's own row offers a role change")
	}

	role := func(id string) storage.Role {
		u, err := env.accounts.User(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return u.Role
	}
	for _, tc := range []struct {
		name   string
		uid    string
		role   string
		status int
		after  storage.Role
	}{
		{"grant", owner.id, "admin", http.StatusSeeOther, storage.RoleAdmin},
		{"revoke", owner.id, "owner", http.StatusSeeOther, storage.RoleOwner},
		{"revoke yourself", admin.id, "owner", http.StatusForbidden, storage.RoleAdmin},
		{"unknown role", owner.id, "root", http.StatusUnprocessableEntity, storage.RoleOwner},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := admin.postForm("/admin/users/"+tc.uid+"/role", url.Values{"role": {tc.role}})
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if got := role(tc.uid); got != tc.after {
				t.Errorf("role %s, want %s", got, tc.after)
			}
		})
	}
	if resp := admin.postForm("/admin/users/no-such-user/role", url.Values{"role": {"admin"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d, want 404", resp.StatusCode)
	}
	// A granted admin sees the console at once; a revoked one no longer does.
	admin.postForm("/admin/users/"+owner.id+"/role", url.Values{"role": {"admin"}})
	if resp := owner.get("/admin"); resp.StatusCode != http.StatusOK {
		t.Errorf("new admin: /admin %d, want 200", resp.StatusCode)
	}
	admin.postForm("/admin/users/"+owner.id+"/role", url.Values{"role": {"owner"}})
	if resp := owner.get("/admin"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoked admin: /admin %d, want 404", resp.StatusCode)
	}
	want := []string{
		"revoke_admin " + owner.id + " " + owner.email + " by " + admin.email,
		"grant_admin " + owner.id + " " + owner.email + " by " + admin.email,
		"revoke_admin " + owner.id + " " + owner.email + " by " + admin.email,
		"grant_admin " + owner.id + " " + owner.email + " by " + admin.email,
	}
	if diff := cmp.Diff(want, env.auditActions(owner.id)); diff != "" {
		t.Errorf("audit log (-want +got):\n%s", diff)
	}
}

func TestAdminRedisPanel(t *testing.T) {
	_, rdb := redistest.Private(t, "--appendonly", "yes", "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru")
	env := newEnvOn(t, rdb, redistest.Prefix(t))
	admin := env.newAdmin("Boss")
	env.seedBrief(admin.id, "Today", "Bakery")
	env.server.metrics.AgentRun(agents.LogoCreation, "builtin", "done", 120*time.Millisecond)
	env.server.metrics.AgentRun(agents.LogoCreation, "builtin", "done", 80*time.Millisecond)
	env.server.metrics.AgentRun(agents.MarketResearch, "builtin", "failed", 3*time.Millisecond)

	page := admin.get("/admin/redis")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("redis panel: %d", page.StatusCode)
	}
	for _, want := range []string{
		`data-testid="redis-mode">Standalone<`,
		`data-testid="redis-version">7.`,
		`data-testid="eviction-warning"`,
		`data-testid="policy-unsafe">allkeys-lru<`,
		`data-testid="redis-memory">`,
		` of 512.0`,
		`data-testid="redis-aof">On`,
		`data-testid="db-keys" data-db="db0"`,
		`data-testid="chart-daily-svg"`,
		`data-testid="latency-logo_creation"`,
		`data-testid="latency-market_research"`,
		`>100 ms<`, // the logo's mean
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("redis panel lacks %q", want)
		}
	}
	if n := strings.Count(page.body, `data-testid="daily-bar"`); n != chartDays {
		t.Errorf("%d daily bars, want %d", n, chartDays)
	}
	if n := strings.Count(page.body, `data-testid="latency-bar"`); n != 2 {
		t.Errorf("%d latency bars, want 2 (agents that ran)", n)
	}
	if strings.Contains(page.body, ` style=`) || strings.Contains(page.body, "<script>") {
		t.Error("the Redis panel carries an inline style or script")
	}
	if !strings.Contains(admin.get("/admin").body, `data-testid="eviction-warning"`) {
		t.Error("the overview does not warn about an evicting policy")
	}
}

func TestMetricsEndpoint(t *testing.T) {
	rdb := redistest.Standalone(t)
	m := NewMetrics(func() storage.PoolStats { return storage.ReadPoolStats(rdb) })
	rdb.AddHook(storage.ObserveCommands(m))
	const token = "scrape-token-0123456789"
	env := newEnvOn(t, rdb, redistest.Prefix(t), func(c *Config) { c.Metrics, c.MetricsToken = m, token })
	admin := env.newAdmin("Boss")
	owner := env.newUser("Owner")
	id := env.seedBrief(owner.id, "Counted", "Bakery")
	admin.get("/admin/sessions/" + id)
	admin.get("/no/such/page")
	m.AgentRun(agents.SEOOptimization, "builtin", "done", 40*time.Millisecond)

	resp := admin.get("/metrics")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("admin /metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`genesis_http_requests_total{method="GET",route="/admin/sessions/:id",status="200"} 1`,
		`genesis_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`genesis_http_request_duration_seconds_bucket{method="GET",route="/admin/sessions/:id",le="+Inf"} 1`,
		`genesis_agent_runs_total{outcome="done",provider="builtin",section="seo_optimization"} 1`,
		`genesis_agent_run_duration_seconds_count{outcome="done",provider="builtin",section="seo_optimization"} 1`,
		`genesis_redis_commands_total{command="hgetall"}`,
		`genesis_redis_command_errors_total`,
		`genesis_redis_roundtrip_duration_seconds_count{kind="pipeline"}`,
		`genesis_redis_pool_connections{state="total"}`,
		`genesis_redis_pool_hits_total`,
		`go_goroutines`,
	} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(resp.body, id) || strings.Contains(resp.body, "/no/such/page") {
		t.Error("/metrics labels carry raw URLs")
	}

	scraper := env.client()
	for _, tc := range []struct {
		name   string
		c      *client
		header []string
		want   int
	}{
		{"token", scraper, []string{"Authorization", "Bearer " + token}, http.StatusOK},
		{"wrong token", scraper, []string{"Authorization", "Bearer " + token + "x"}, http.StatusNotFound},
		{"anonymous", scraper, nil, http.StatusNotFound},
		{"owner", owner.client, nil, http.StatusNotFound},
		{"owner with a wrong token", owner.client, []string{"Authorization", "Bearer nope"}, http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.c.get("/metrics", tc.header...)
			if got.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", got.StatusCode, tc.want)
			}
			if tc.want == http.StatusOK && !strings.Contains(got.body, "genesis_http_requests_total") {
				t.Error("token scrape without the metrics")
			}
		})
	}
}

// TestAdminIsInvisibleToOthers: every admin URL, as an owner and anonymously, is a 404, exactly
// like a page that does not exist.
func TestAdminIsInvisibleToOthers(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Owner")
	id := env.seedBrief(owner.id, "Mine", "Bakery", agents.LogoCreation)
	anon := env.client()
	var admin []route
	for _, r := range env.server.routeTable {
		if r.Access == adminOnly {
			admin = append(admin, r)
		}
	}
	if len(admin) < 10 {
		t.Fatalf("%d admin routes in the table", len(admin))
	}
	fill := strings.NewReplacer(":id", id, ":name", "logo_creation", ":uid", owner.id)
	for _, r := range admin {
		path := fill.Replace(r.Path)
		for _, v := range []struct {
			name string
			c    *client
		}{{"owner", owner.client}, {"anonymous", anon}} {
			var resp response
			if r.Method == http.MethodGet {
				resp = v.c.get(path)
			} else {
				resp = v.c.postForm(path, url.Values{"confirm": {"yes"}, "days": {"30"}, "role": {"admin"}})
			}
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s as %s: %d, want 404", r.Method, path, v.name, resp.StatusCode)
			}
		}
	}
	sess, err := env.store.ReadSession(context.Background(), id)
	if err != nil || sess.Sections["logo_creation"].Status != storage.SectionFailed {
		t.Errorf("the owner's requests changed the brief: %v", err)
	}
	if u, _ := env.accounts.User(context.Background(), owner.id); u.IsAdmin() {
		t.Error("an owner made themselves admin")
	}
}
