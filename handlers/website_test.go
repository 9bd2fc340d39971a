package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"genesis/storage"
)

func withWebsite(w WebsiteConfig) envOption { return func(c *Config) { c.Website = w } }

// TestWebsiteFromTheBriefPage follows an owner from the brief page's "Create website" to the
// sandboxed preview and the zip, and checks nobody else reaches them.
func TestWebsiteFromTheBriefPage(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Builder")
	other := env.newUser("Nosy")
	admin := env.newAdmin("Overseer")
	id := owner.createBrief(env, briefForm())
	base := "/briefs/" + id

	page := owner.get(base)
	if !strings.Contains(page.body, `data-testid="website-create"`) || strings.Contains(page.body, `disabled aria-describedby="website-status"`) {
		t.Fatalf("brief page: no enabled Create website button")
	}
	if !strings.Contains(page.body, `hx-get="`+base+`/website" hx-trigger="load"`) {
		t.Errorf("brief page does not load the website panel")
	}
	panel := owner.get(base+"/website", "HX-Request", "true")
	if panel.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(panel.body), `<div id="website"`) || strings.Contains(panel.body, "every 5s") {
		t.Errorf("website panel fragment: %d %.200s", panel.StatusCode, panel.body)
	}
	if full := owner.get(base + "/website"); full.StatusCode != http.StatusOK || !strings.Contains(full.body, `data-testid="website-title"`) {
		t.Errorf("website page without htmx: %d", full.StatusCode)
	}

	created := owner.postForm(base+"/website", url.Values{})
	if created.StatusCode != http.StatusSeeOther || created.Header.Get("Location") != base+"/site/" {
		t.Fatalf("create website: %d to %q", created.StatusCode, created.Header.Get("Location"))
	}
	if r := owner.get(base + "/site"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != base+"/site/" {
		t.Errorf("site without its slash: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	for _, tc := range []struct {
		path, contentType string
		status            int
	}{
		{"/site/", "text/html; charset=utf-8", 200},
		{"/site/index.html", "text/html; charset=utf-8", 200},
		{"/site/contact.html", "text/html; charset=utf-8", 200},
		{"/site/assets/site.css", "text/css; charset=utf-8", 200},
		{"/site/assets/logo.svg", "image/svg+xml", 200},
		{"/site/favicon.ico", "image/x-icon", 200},
		{"/site/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/site/missing.html", "", 404},
		{"/site/assets/", "", 404},
	} {
		r := owner.get(base + tc.path)
		if r.StatusCode != tc.status {
			t.Errorf("GET %s: %d, want %d", tc.path, r.StatusCode, tc.status)
			continue
		}
		if tc.status != 200 {
			continue
		}
		if got := r.Header.Get("Content-Type"); got != tc.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.contentType)
		}
		if got := r.Header.Get("Content-Security-Policy"); got != sandboxCSP {
			t.Errorf("GET %s: CSP %q, want the sandbox", tc.path, got)
		}
	}
	index := owner.get(base + "/site/")
	if !strings.Contains(index.body, `href="assets/site.css"`) {
		t.Errorf("preview index does not link its stylesheet relatively: %.300s", index.body)
	}

	archive := owner.get(base + "/site.zip")
	if archive.StatusCode != http.StatusOK || !strings.Contains(archive.Header.Get("Content-Disposition"), "-site.zip") {
		t.Fatalf("site.zip: %d, disposition %q", archive.StatusCode, archive.Header.Get("Content-Disposition"))
	}
	checkSiteZip(t, []byte(archive.body), "")
	if again := owner.get(base + "/site.zip"); again.body != archive.body {
		t.Errorf("the same brief zipped twice gave different bytes")
	}

	for _, p := range []string{"/site/", "/site/index.html", "/site.zip", "/website"} {
		if r := other.get(base + p); r.StatusCode != http.StatusNotFound {
			t.Errorf("other owner GET %s: %d, want 404", p, r.StatusCode)
		}
		if r := admin.get(base + p); r.StatusCode != http.StatusOK {
			t.Errorf("admin GET %s: %d, want 200", p, r.StatusCode)
		}
	}
	if r := other.postForm(base+"/website", url.Values{}); r.StatusCode != http.StatusNotFound {
		t.Errorf("other owner creates the website: %d, want 404", r.StatusCode)
	}
	if r := env.client().get(base + "/site/"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("anonymous preview: %d to %q, want the login page", r.StatusCode, r.Header.Get("Location"))
	}
}

// TestWebsiteButtonWaitsForTheSections: while a section a site needs is not done the button is
// disabled and says why, and the panel keeps checking while one is still being written.
func TestWebsiteButtonWaitsForTheSections(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Waiter")
	id := owner.createBrief(env, briefForm())
	base := "/briefs/" + id
	ctx := context.Background()

	if _, err := env.store.UpdateFields(ctx, id, storage.SectionFields("seo_optimization", storage.SectionFailed, "gave up")); err != nil {
		t.Fatal(err)
	}
	page := owner.get(base)
	if !strings.Contains(page.body, `disabled aria-describedby="website-status"`) || !strings.Contains(page.body, "once content, logo, SEO and template are ready") {
		t.Errorf("brief page with a failed SEO section: the button is not disabled with its reason")
	}
	if r := owner.postForm(base+"/website", url.Values{}); r.StatusCode != http.StatusConflict {
		t.Errorf("create website of an unready brief: %d, want 409", r.StatusCode)
	}
	if panel := owner.get(base+"/website", "HX-Request", "true"); strings.Contains(panel.body, "every 5s") {
		t.Errorf("the panel polls though nothing is being written")
	}

	if _, err := env.store.UpdateFields(ctx, id, storage.SectionFields("seo_optimization", storage.SectionRunning, "")); err != nil {
		t.Fatal(err)
	}
	if panel := owner.get(base+"/website", "HX-Request", "true"); !strings.Contains(panel.body, `hx-trigger="every 5s"`) {
		t.Errorf("the panel does not poll while SEO is being written: %.300s", panel.body)
	}
}

func TestWebsitePanelInFrench(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Awa")
	id := owner.createBrief(env, briefForm())
	page := owner.get("/briefs/"+id, "Cookie", "lang=fr")
	panel := owner.get("/briefs/"+id+"/website", "HX-Request", "true", "Cookie", "lang=fr")
	for _, want := range []string{"Créer le site web", "Télécharger le site (.zip)", "Construit le site"} {
		if !strings.Contains(page.body, want) || !strings.Contains(panel.body, want) {
			t.Errorf("French brief page or website panel has no %q", want)
		}
	}
}

// TestWebsiteWithPublicURL: with PUBLIC_URL the API hands out absolute links, and the site is
// built for the address Genesis serves it at.
func TestWebsiteWithPublicURL(t *testing.T) {
	env := newEnv(t, withWebsite(WebsiteConfig{PublicURL: "https://genesis.example/"}))
	api := env.apiUser("Public")
	var b rawBrief
	api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)
	var site websiteResponse
	if resp := api.call(http.MethodPost, "/api/v1/business/website/create", `{"brief_id": "`+b.ID+`"}`, &site); resp.StatusCode != http.StatusCreated {
		t.Fatalf("website/create: %d %s", resp.StatusCode, resp.body)
	}
	siteURL := "https://genesis.example/briefs/" + b.ID + "/site/"
	if site.Data.WebsiteURL != siteURL || site.Data.DownloadURL != "https://genesis.example/briefs/"+b.ID+"/site.zip" {
		t.Errorf("links = %+v", site.Data)
	}
	archive := api.call(http.MethodGet, "/briefs/"+b.ID+"/site.zip", "", nil)
	checkSiteZip(t, []byte(archive.body), siteURL)
	index := api.call(http.MethodGet, "/briefs/"+b.ID+"/site/index.html", "", nil)
	if !strings.Contains(index.body, `<link rel="canonical" href="`+siteURL+`">`) {
		t.Errorf("index.html has no canonical link to %s", siteURL)
	}
	var acc apiAccepted
	api.call(http.MethodPost, "/api/v1/business/brief/generate?async=true", generateBody, &acc)
	if acc.StatusURL != "https://genesis.example/api/v1/business/brief/"+acc.ID {
		t.Errorf("status_url = %q", acc.StatusURL)
	}
	env.waitGenerated(acc.ID)
}

// TestSiteCacheKeepsTheLatest: a regenerated section makes a new site; the cache stays bounded.
func TestSiteCacheKeepsTheLatest(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Cache")
	var b rawBrief
	api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)
	before := api.call(http.MethodGet, "/briefs/"+b.ID+"/site/index.html", "", nil)
	var after apiBriefResponse
	api.call(http.MethodPost, "/api/v1/business/brief/"+b.ID+"/regenerate", `{"regenerate_sections": ["content_generation"]}`, &after)
	var hero struct {
		Homepage struct{ Hero struct{ Title string } }
	}
	raw, _ := json.Marshal(after.ContentGeneration)
	_ = json.Unmarshal(raw, &hero)
	now := api.call(http.MethodGet, "/briefs/"+b.ID+"/site/index.html", "", nil)
	if now.body == before.body {
		t.Errorf("the preview did not change after the content was regenerated")
	}
	if title := hero.Homepage.Hero.Title; title != "" && !bytes.Contains([]byte(now.body), []byte(htmlEscape(title))) {
		t.Errorf("the preview does not show the new hero title %q", title)
	}

	st := env.server.sites
	for i := range siteCacheSize + 5 {
		st.keep(strings.Repeat("k", i+1), nil)
	}
	if st.order.Len() != siteCacheSize || len(st.byKey) != siteCacheSize {
		t.Errorf("cache holds %d/%d sites, want %d", st.order.Len(), len(st.byKey), siteCacheSize)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestDeletedBriefLeavesNoSiteCached: whichever way a brief is deleted, the sites built for it
// leave the cache with it.
func TestDeletedBriefLeavesNoSiteCached(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Tidy")
	admin := env.newAdmin("Sweeper")
	cachedFor := func(id string) int {
		st := env.server.sites
		st.mu.Lock()
		defer st.mu.Unlock()
		n := 0
		for key := range st.byKey {
			if strings.HasPrefix(key, id+".") {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name   string
		delete func(id string) response
	}{
		{"brief page", func(id string) response {
			return owner.postForm("/briefs/"+id+"/delete", url.Values{"confirm": {"yes"}})
		}},
		{"admin console", func(id string) response {
			return admin.postForm("/admin/sessions/"+id+"/delete", url.Values{"confirm": {"yes"}})
		}},
	} {
		id := owner.createBrief(env, briefForm())
		if r := owner.postForm("/briefs/"+id+"/website", url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: create website: %d", tc.name, r.StatusCode)
		}
		if n := cachedFor(id); n != 1 {
			t.Fatalf("%s: %d sites cached after creating one", tc.name, n)
		}
		if r := tc.delete(id); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: delete: %d", tc.name, r.StatusCode)
		}
		if n := cachedFor(id); n != 0 {
			t.Errorf("%s: %d sites of the deleted brief still cached", tc.name, n)
		}
	}
}
