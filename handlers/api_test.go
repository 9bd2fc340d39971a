package handlers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"genesis/storage"
)

// apiClient is an API user: a bearer token, no cookies.
type apiClient struct {
	*client
	token string
}

func bearer(token string) []string { return []string{"Authorization", "Bearer " + token} }

// call sends a JSON request with the client's token and decodes a JSON answer into out (when not nil).
func (a *apiClient) call(method, path, body string, out any) response {
	a.t.Helper()
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	resp := a.send(method, path, ct, body, bearer(a.token)...)
	if out != nil && resp.StatusCode < 300 && resp.StatusCode != http.StatusNoContent {
		if err := json.Unmarshal([]byte(resp.body), out); err != nil {
			a.t.Fatalf("%s %s: decode %d answer: %v; body %.300s", method, path, resp.StatusCode, err, resp.body)
		}
	}
	return resp
}

// apiUser registers an account through the API and gets a token for it.
func (e *testEnv) apiUser(name string) *apiClient {
	e.t.Helper()
	c := e.client()
	email := e.emailFor(name)
	password := "pass-" + name + "-1234"
	reg := c.send(http.MethodPost, "/api/v1/auth/register", "application/json",
		fmt.Sprintf(`{"email":%q,"password":%q,"name":%q}`, email, password, name))
	if reg.StatusCode != http.StatusCreated {
		e.t.Fatalf("register %s: %d %s", email, reg.StatusCode, reg.body)
	}
	tok := c.send(http.MethodPost, "/api/v1/auth/token", "application/json",
		fmt.Sprintf(`{"email":%q,"password":%q}`, email, password))
	var token tokenResponse
	if tok.StatusCode != http.StatusOK || json.Unmarshal([]byte(tok.body), &token) != nil || token.AccessToken == "" {
		e.t.Fatalf("token for %s: %d %s", email, tok.StatusCode, tok.body)
	}
	return &apiClient{client: c, token: token.AccessToken}
}

const generateBody = `{
	"business_brief": {
		"business_name": "Mama Put Bakery",
		"vision": "Fresh bread for every home in Lagos.",
		"mission": "Bake honest bread every morning.",
		"target_audience": "Families and offices nearby",
		"differentiation": "Baked twice a day, delivered by bike",
		"value_proposition": "Warm bread at your door before breakfast",
		"sector": "Bakery",
		"location": {"city": "Lagos", "country": "Nigeria", "region": "Lagos State"}
	},
	"language": "en",
	"services": ["Bread", "Cakes", "Catering"],
	"tone": "warm"
}`

// rawBrief is a brief answer with each section kept as the bytes the server sent.
type rawBrief struct {
	ID                string          `json:"id"`
	MarketResearch    json.RawMessage `json:"market_research"`
	ContentGeneration json.RawMessage `json:"content_generation"`
	LogoCreation      json.RawMessage `json:"logo_creation"`
	SEOOptimization   json.RawMessage `json:"seo_optimization"`
	TemplateSelection json.RawMessage `json:"template_selection"`
	Sections          map[string]struct {
		Status  string
		Version int64
	} `json:"sections"`
	IsReadyForWebsite bool      `json:"is_ready_for_website"`
	ExpiresAt         time.Time `json:"expires_at"`
}

func (b rawBrief) section(name string) string {
	return map[string]string{
		"market_research":    string(b.MarketResearch),
		"content_generation": string(b.ContentGeneration),
		"logo_creation":      string(b.LogoCreation),
		"seo_optimization":   string(b.SEOOptimization),
		"template_selection": string(b.TemplateSelection),
	}[name]
}

var sectionNames = []string{"market_research", "content_generation", "logo_creation", "seo_optimization", "template_selection"}

// TestAPIJourney walks an API client through the older service's life of a brief: register, token,
// generate, read, results, regenerate two sections, website, download the site, delete. Every answer
// is checked against the OpenAPI document.
func TestAPIJourney(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Journey")
	doc := openAPIDoc(t, env)

	var created rawBrief
	resp := api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &created)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("generate: %d %s", resp.StatusCode, resp.body)
	}
	doc.checkRequest(t, "POST", "/business/brief/generate", generateBody)
	doc.checkResponse(t, "POST", "/business/brief/generate", resp)
	id := created.ID
	if got := resp.Header.Get("Location"); got != "/api/v1/business/brief/"+id {
		t.Errorf("generate Location = %q", got)
	}
	for _, name := range sectionNames {
		if st := created.Sections[name]; st.Status != "done" || st.Version != 1 || created.section(name) == "null" {
			t.Errorf("generated %s: %+v, body %.60s", name, st, created.section(name))
		}
	}
	if !created.IsReadyForWebsite {
		t.Errorf("generated brief not ready for a website")
	}

	var got rawBrief
	resp = api.call(http.MethodGet, "/api/v1/business/brief/"+id, "", &got)
	doc.checkResponse(t, "GET", "/business/brief/:id", resp)
	var results map[string]json.RawMessage
	resp = api.call(http.MethodGet, "/api/v1/business/brief/"+id+"/results", "", &results)
	doc.checkResponse(t, "GET", "/business/brief/:id/results", resp)
	if len(results) != len(sectionNames) {
		t.Errorf("results has %d keys, want the five sections", len(results))
	}
	for _, name := range sectionNames {
		if got.section(name) != created.section(name) || string(results[name]) != created.section(name) {
			t.Errorf("%s differs between generate, get and results", name)
		}
	}

	var list apiBriefList
	resp = api.call(http.MethodGet, "/api/v1/business/briefs?limit=10", "", &list)
	doc.checkResponse(t, "GET", "/business/briefs", resp)
	if len(list.Briefs) != 1 || list.Briefs[0].ID != id || !list.Briefs[0].IsReadyForWebsite || list.NextCursor != "" {
		t.Errorf("list = %+v", list)
	}

	regen := `{"regenerate_sections": ["content_generation", "seo_optimization"], "instruction": "Mention the bike delivery"}`
	doc.checkRequest(t, "POST", "/business/brief/:id/regenerate", regen)
	var after rawBrief
	resp = api.call(http.MethodPost, "/api/v1/business/brief/"+id+"/regenerate", regen, &after)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("regenerate: %d %s", resp.StatusCode, resp.body)
	}
	doc.checkResponse(t, "POST", "/business/brief/:id/regenerate", resp)
	for _, name := range sectionNames {
		regenerated := name == "content_generation" || name == "seo_optimization"
		st := after.Sections[name]
		switch {
		case regenerated && (st.Version != 2 || st.Status != "done"):
			t.Errorf("regenerated %s: %+v, want version 2, done", name, st)
		case !regenerated && after.section(name) != created.section(name):
			t.Errorf("%s changed though it was not regenerated", name)
		case !regenerated && st != created.Sections[name]:
			t.Errorf("%s state changed: %+v, was %+v", name, st, created.Sections[name])
		}
	}

	extend := `{"ttl_seconds": 7200}`
	doc.checkRequest(t, "POST", "/business/brief/:id/extend", extend)
	var ext extendResponse
	resp = api.call(http.MethodPost, "/api/v1/business/brief/"+id+"/extend", extend, &ext)
	doc.checkResponse(t, "POST", "/business/brief/:id/extend", resp)
	if d := time.Until(ext.ExpiresAt); d < 119*time.Minute || d > 121*time.Minute {
		t.Errorf("extended by 2 h: expires in %v", d)
	}

	create := `{"brief_id": "` + id + `"}`
	doc.checkRequest(t, "POST", "/business/website/create", create)
	var site websiteResponse
	resp = api.call(http.MethodPost, "/api/v1/business/website/create", create, &site)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("website/create: %d %s", resp.StatusCode, resp.body)
	}
	doc.checkResponse(t, "POST", "/business/website/create", resp)
	want := websiteData{WebsiteURL: "/briefs/" + id + "/site/", DownloadURL: "/briefs/" + id + "/site.zip", TemplateID: site.Data.TemplateID}
	if diff := cmp.Diff(want, site.Data); diff != "" || !site.Success || site.Data.TemplateID == "" {
		t.Errorf("website/create data (-want +got):\n%s", diff)
	}

	archive := api.call(http.MethodGet, site.Data.DownloadURL, "", nil)
	if archive.StatusCode != http.StatusOK || archive.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("download: %d %s", archive.StatusCode, archive.Header.Get("Content-Type"))
	}
	checkSiteZip(t, []byte(archive.body), "")
	preview := api.call(http.MethodGet, site.Data.WebsiteURL, "", nil)
	if preview.StatusCode != http.StatusOK || !strings.HasPrefix(preview.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("preview: %d, CSP %q", preview.StatusCode, preview.Header.Get("Content-Security-Policy"))
	}

	if resp := api.call(http.MethodDelete, "/api/v1/business/brief/"+id, "", nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d %s", resp.StatusCode, resp.body)
	}
	for _, p := range []string{"/api/v1/business/brief/" + id, site.Data.DownloadURL, site.Data.WebsiteURL} {
		if resp := api.call(http.MethodGet, p, "", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s after delete: %d, want 404", p, resp.StatusCode)
		}
	}
}

// checkSiteZip opens a site archive: every page parses as an HTML document with a language, a
// title and one h1, and every link, image, stylesheet and icon inside the site resolves to a file
// of the archive. base is the site's base URL ("" when it was built without one).
func checkSiteZip(t *testing.T, archive []byte, base string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatalf("open site zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s from zip: %v", f.Name, err)
		}
		files[f.Name] = body
	}
	for _, want := range []string{"index.html", "about.html", "services.html", "contact.html", "sitemap.xml", "robots.txt", "assets/site.css", "favicon.ico", "apple-touch-icon.png"} {
		if _, ok := files[want]; !ok {
			t.Errorf("site zip has no %s; it has %v", want, keys(files))
		}
	}
	pages, links := 0, 0
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Errorf("%s does not parse as HTML: %v", name, err)
			continue
		}
		if !bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(body)), []byte("<!doctype html>")) {
			t.Errorf("%s does not start with <!doctype html>", name)
		}
		var lang, title string
		h1 := 0
		walkHTML(doc, func(n *html.Node) {
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "title":
				if n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			case "h1":
				h1++
			}
			for _, a := range []string{"href", "src"} {
				ref := attr(n, a)
				if ref == "" {
					continue
				}
				target, internal := siteTarget(name, ref, base)
				if !internal {
					continue
				}
				links++
				if _, ok := files[target]; !ok {
					t.Errorf("%s: <%s %s=%q> resolves to %q, which the zip does not hold", name, n.Data, a, ref, target)
				}
			}
		})
		if lang == "" || strings.TrimSpace(title) == "" || h1 != 1 {
			t.Errorf("%s: lang %q, title %q, %d h1 (want a language, a title and one h1)", name, lang, title, h1)
		}
	}
	if pages != 4 || links < 40 {
		t.Errorf("site zip has %d pages and %d internal references, want 4 pages linked together", pages, links)
	}
	var manifest struct {
		Icons []struct{ Src string } `json:"icons"`
	}
	if err := json.Unmarshal(files["site.webmanifest"], &manifest); err != nil {
		t.Errorf("site.webmanifest: %v", err)
	}
	for _, ic := range manifest.Icons {
		if _, ok := files[ic.Src]; !ok {
			t.Errorf("manifest icon %s is not in the zip", ic.Src)
		}
	}
}

// siteTarget resolves a reference on page name to the file of the site it names. internal is
// false for references elsewhere (other sites, mail, phone) and in-page anchors.
func siteTarget(page, ref, base string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return ref, true // an unparsable reference is a broken one: report it as missing
	}
	if base != "" && strings.HasPrefix(ref, base) {
		u, _ = url.Parse(strings.TrimPrefix(ref, base))
	} else if u.Scheme != "" || u.Host != "" {
		return "", false
	}
	if u.Path == "" {
		return "", false
	}
	target := path.Clean(path.Join(path.Dir(page), u.Path))
	if strings.HasSuffix(u.Path, "/") || target == "." {
		target = path.Join(target, "index.html")
	}
	return strings.TrimPrefix(target, "/"), true
}

func walkHTML(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, fn)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestAPIRejectsBadInput sends what a careless or hostile client might: every answer is a 4xx with
// a JSON error saying what to fix, never a 500.
func TestAPIRejectsBadInput(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Strict")
	other := env.apiUser("Stranger")
	var b rawBrief
	if resp := api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b); resp.StatusCode != http.StatusCreated {
		t.Fatalf("generate: %d %s", resp.StatusCode, resp.body)
	}
	brief := "/api/v1/business/brief/" + b.ID
	withBrief := func(mutate func(map[string]any)) string {
		var v map[string]any
		if err := json.Unmarshal([]byte(generateBody), &v); err != nil {
			t.Fatal(err)
		}
		mutate(v)
		out, _ := json.Marshal(v)
		return string(out)
	}
	bb := func(v map[string]any) map[string]any { return v["business_brief"].(map[string]any) }
	big := `{"business_brief": {"business_name": "` + strings.Repeat("x", 100<<10) + `"}}`

	for _, tc := range []struct {
		name        string
		as          *apiClient
		token       string // overrides the client's token when set; "-" sends none
		method      string
		path        string
		contentType string
		body        string
		status      int
		code        string
		mention     string // the message or a field name must say this
	}{
		{"no token", api, "-", "GET", "/api/v1/business/briefs", "", "", 401, "unauthorized", "bearer token"},
		{"revoked or made-up token", api, "not-a-token", "GET", "/api/v1/business/briefs", "", "", 401, "unauthorized", "invalid"},
		{"no token to generate", api, "-", "POST", "/api/v1/business/brief/generate", "application/json", generateBody, 401, "unauthorized", ""},
		{"malformed JSON", api, "", "POST", "/api/v1/business/brief/generate", "application/json", `{"business_brief": {`, 400, "bad_request", "JSON"},
		{"not JSON at all", api, "", "POST", "/api/v1/business/brief/generate", "application/json", `business_name=Bakery`, 400, "bad_request", "malformed JSON"},
		{"empty body", api, "", "POST", "/api/v1/business/brief/generate", "application/json", ``, 400, "bad_request", "empty"},
		{"two JSON values", api, "", "POST", "/api/v1/business/brief/generate", "application/json", generateBody + `{}`, 400, "bad_request", "single JSON value"},
		{"array instead of object", api, "", "POST", "/api/v1/business/brief/generate", "application/json", `[1, 2]`, 400, "bad_request", "object"},
		{"form instead of JSON", api, "", "POST", "/api/v1/business/brief/generate", "application/x-www-form-urlencoded", "business_name=x", 415, "bad_request", "Content-Type"},
		{"name is a number", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { bb(v)["business_name"] = 42 }), 400, "bad_request", "business_brief.business_name"},
		{"location is a string", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { bb(v)["location"] = "Lagos" }), 400, "bad_request", "business_brief.location"},
		{"services is a string", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { v["services"] = "Bread, cakes" }), 400, "bad_request", "services"},
		{"business_brief is missing", api, "", "POST", "/api/v1/business/brief/generate", "application/json", `{"language": "en"}`, 422, "validation_failed", "business_brief.business_name"},
		{"no city", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { delete(bb(v)["location"].(map[string]any), "city") }), 422, "validation_failed", "business_brief.location.city"},
		{"name too long", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { bb(v)["business_name"] = strings.Repeat("n", 101) }), 422, "validation_failed", "business_brief.business_name"},
		{"unknown language", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { v["language"] = "de" }), 422, "validation_failed", "language"},
		{"too many services", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) {
				s := make([]string, 21)
				for i := range s {
					s[i] = fmt.Sprint("service ", i)
				}
				v["services"] = s
			}), 422, "validation_failed", "services"},
		{"control characters", api, "", "POST", "/api/v1/business/brief/generate", "application/json",
			withBrief(func(v map[string]any) { bb(v)["vision"] = "bread\u0000now" }), 422, "validation_failed", "business_brief.vision"},
		{"async is not a boolean", api, "", "POST", "/api/v1/business/brief/generate?async=maybe", "application/json", generateBody, 400, "bad_request", "async"},
		{"oversize body", api, "", "POST", "/api/v1/business/brief/generate", "application/json", big, 413, "too_large", "at most"},
		{"unknown section", api, "", "POST", brief + "/regenerate", "application/json", `{"regenerate_sections": ["content_generation", "website_magic"]}`, 422, "validation_failed", "website_magic"},
		{"no section", api, "", "POST", brief + "/regenerate", "application/json", `{"regenerate_sections": []}`, 422, "validation_failed", "regenerate_sections"},
		{"sections as a string", api, "", "POST", brief + "/regenerate", "application/json", `{"regenerate_sections": "content_generation"}`, 400, "bad_request", "regenerate_sections"},
		{"section names not strings", api, "", "POST", brief + "/regenerate", "application/json", `{"regenerate_sections": [1, 2]}`, 400, "bad_request", "regenerate_sections"},
		{"instruction too long", api, "", "POST", brief + "/regenerate", "application/json",
			`{"regenerate_sections": ["seo_optimization"], "instruction": "` + strings.Repeat("i", 201) + `"}`, 422, "validation_failed", "instruction"},
		{"ttl too short", api, "", "POST", brief + "/extend", "application/json", `{"ttl_seconds": 60}`, 422, "validation_failed", "ttl_seconds"},
		{"ttl too long", api, "", "POST", brief + "/extend", "application/json", `{"ttl_seconds": 40000000}`, 422, "validation_failed", "ttl_seconds"},
		{"ttl is text", api, "", "POST", brief + "/extend", "application/json", `{"ttl_seconds": "a week"}`, 400, "bad_request", "ttl_seconds"},
		{"ttl is a fraction", api, "", "POST", brief + "/extend", "application/json", `{"ttl_seconds": 3600.5}`, 400, "bad_request", "ttl_seconds"},
		{"limit zero", api, "", "GET", "/api/v1/business/briefs?limit=0", "", "", 400, "bad_request", "limit"},
		{"limit too big", api, "", "GET", "/api/v1/business/briefs?limit=1000", "", "", 400, "bad_request", "limit"},
		{"limit not a number", api, "", "GET", "/api/v1/business/briefs?limit=ten", "", "", 400, "bad_request", "limit"},
		{"forged cursor", api, "", "GET", "/api/v1/business/briefs?cursor=bm90LWEtY3Vyc29y", "", "", 400, "bad_request", "cursor"},
		{"website without brief_id", api, "", "POST", "/api/v1/business/website/create", "application/json", `{}`, 422, "validation_failed", "brief_id"},
		{"website of a brief that does not exist", api, "", "POST", "/api/v1/business/website/create", "application/json", `{"brief_id": "AAAAAAAAAAAAAAAAAAAAAA"}`, 404, "not_found", ""},
		{"website with brief_id a number", api, "", "POST", "/api/v1/business/website/create", "application/json", `{"brief_id": 7}`, 400, "bad_request", "brief_id"},
		{"brief that does not exist", api, "", "GET", "/api/v1/business/brief/AAAAAAAAAAAAAAAAAAAAAA", "", "", 404, "not_found", ""},
		{"other user's brief", other, "", "GET", brief, "", "", 404, "not_found", ""},
		{"other user's results", other, "", "GET", brief + "/results", "", "", 404, "not_found", ""},
		{"other user's regenerate", other, "", "POST", brief + "/regenerate", "application/json", `{"regenerate_sections": ["seo_optimization"]}`, 404, "not_found", ""},
		{"other user's extend", other, "", "POST", brief + "/extend", "application/json", `{"ttl_seconds": 7200}`, 404, "not_found", ""},
		{"other user's delete", other, "", "DELETE", brief, "", "", 404, "not_found", ""},
		{"other user's website", other, "", "POST", "/api/v1/business/website/create", "application/json", `{"brief_id": "` + b.ID + `"}`, 404, "not_found", ""},
		{"other user's zip", other, "", "GET", "/briefs/" + b.ID + "/site.zip", "", "", 404, "", ""},
		{"wrong method", api, "", "PUT", brief, "application/json", `{}`, 405, "method_not_allowed", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			switch tc.token {
			case "":
				header = bearer(tc.as.token)
			case "-":
			default:
				header = bearer(tc.token)
			}
			resp := tc.as.send(tc.method, tc.path, tc.contentType, tc.body, header...)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d; body %.300s", resp.StatusCode, tc.status, resp.body)
			}
			if tc.code == "" {
				return
			}
			var e apiError
			if err := json.Unmarshal([]byte(resp.body), &e); err != nil {
				t.Fatalf("error body is not JSON: %v; %.300s", err, resp.body)
			}
			if e.Error.Code != tc.code || e.Error.Message == "" {
				t.Errorf("error %+v, want code %s and a message", e.Error, tc.code)
			}
			said := e.Error.Message + " " + strings.Join(keys(e.Error.Fields), " ")
			if !strings.Contains(said, tc.mention) {
				t.Errorf("error %q does not mention %q", said, tc.mention)
			}
		})
	}
	t.Run("body over the server's limit", func(t *testing.T) {
		resp := sendUnread(t, api.env.base, "POST", brief+"/regenerate", api.token, 2<<20)
		var e apiError
		if resp.StatusCode != http.StatusRequestEntityTooLarge || json.Unmarshal([]byte(resp.body), &e) != nil || e.Error.Code != "too_large" {
			t.Errorf("status %d, body %.300s; want 413 too_large", resp.StatusCode, resp.body)
		}
	})
	// The refused requests changed nothing.
	var after rawBrief
	api.call(http.MethodGet, brief, "", &after)
	if after.ExpiresAt != b.ExpiresAt || after.Sections["seo_optimization"].Version != 1 {
		t.Errorf("refused requests changed the brief: expires %v (was %v), seo version %d", after.ExpiresAt, b.ExpiresAt, after.Sections["seo_optimization"].Version)
	}
}

// sendUnread announces a JSON body of size bytes and sends only its first bytes, then reads the
// answer: a server that refuses a body by its announced length answers before reading it, and the
// client must not race the server closing the connection while the rest is still being written.
func sendUnread(t *testing.T, base, method, path, token string, size int) response {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"instruction\": \"",
		method, path, u.Host, token, size)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer's body: %v", err)
	}
	return response{Response: resp, body: string(body)}
}

// TestAPIGenerationIsRateLimited: generation and regeneration count against one per-user limit.
func TestAPIGenerationIsRateLimited(t *testing.T) {
	env := newEnv(t, func(c *Config) { c.GenerateRatePerMin = 2 })
	api := env.apiUser("Eager")
	var ids []string
	for i := range 2 {
		var acc apiAccepted
		resp := api.call(http.MethodPost, "/api/v1/business/brief/generate?async=true", generateBody, &acc)
		if resp.StatusCode != http.StatusAccepted || acc.ID == "" || acc.StatusURL != "/api/v1/business/brief/"+acc.ID {
			t.Fatalf("generate %d: %d %s", i, resp.StatusCode, resp.body)
		}
		ids = append(ids, acc.ID)
	}
	resp := api.call(http.MethodPost, "/api/v1/business/brief/generate?async=true", generateBody, nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third generation in a minute: %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	env.waitGenerated(ids[0])
	resp = api.call(http.MethodPost, "/api/v1/business/brief/"+ids[0]+"/regenerate", `{"regenerate_sections": ["seo_optimization"]}`, nil)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("regeneration over the limit: %d, want 429", resp.StatusCode)
	}
}

// TestAPIAsyncGenerate: with async=true the answer comes at once, and the brief is polled until done.
func TestAPIAsyncGenerate(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Patient")
	doc := openAPIDoc(t, env)
	var acc apiAccepted
	resp := api.call(http.MethodPost, "/api/v1/business/brief/generate?async=true", generateBody, &acc)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("async generate: %d %s", resp.StatusCode, resp.body)
	}
	doc.checkResponse(t, "POST", "/business/brief/generate", resp)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		var b apiBriefResponse
		api.call(http.MethodGet, acc.StatusURL, "", &b)
		if b.Status == string(storage.BriefDone) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the brief never finished")
}

// TestAPIWebsiteNotReady: a brief whose logo failed cannot become a website, and says why.
func TestAPIWebsiteNotReady(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Unready")
	var b rawBrief
	api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)
	if _, err := env.store.UpdateFields(context.Background(), b.ID, storage.SectionFields("logo_creation", storage.SectionFailed, "the logo agent gave up")); err != nil {
		t.Fatal(err)
	}
	resp := api.call(http.MethodPost, "/api/v1/business/website/create", `{"brief_id": "`+b.ID+`"}`, nil)
	var e apiError
	_ = json.Unmarshal([]byte(resp.body), &e)
	if resp.StatusCode != http.StatusConflict || e.Error.Code != "conflict" || !strings.Contains(e.Error.Message, "logo_creation is failed") {
		t.Errorf("website of an unready brief: %d %s", resp.StatusCode, resp.body)
	}
	for _, p := range []string{"/briefs/" + b.ID + "/site.zip", "/briefs/" + b.ID + "/site/"} {
		if resp := api.call(http.MethodGet, p, "", nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("GET %s of an unready brief: %d, want 409", p, resp.StatusCode)
		}
	}
}

// TestAPIListPages: the list comes newest first, a page at a time, and the last page has no cursor.
func TestAPIListPages(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Lister")
	var ids []string
	for range 3 {
		var acc apiAccepted
		api.call(http.MethodPost, "/api/v1/business/brief/generate?async=true", generateBody, &acc)
		ids = append(ids, acc.ID)
		time.Sleep(2 * time.Millisecond) // distinct creation times, so the order is the creation order
	}
	var got []string
	cursor := ""
	for page := 0; page < 3; page++ {
		var list apiBriefList
		api.call(http.MethodGet, "/api/v1/business/briefs?limit=2&cursor="+url.QueryEscape(cursor), "", &list)
		for _, b := range list.Briefs {
			got = append(got, b.ID)
		}
		if cursor = list.NextCursor; cursor == "" {
			break
		}
	}
	want := []string{ids[2], ids[1], ids[0]}
	if diff := cmp.Diff(want, got); diff != "" || cursor != "" {
		t.Errorf("pages (-want +got):\n%s\nlast cursor %q", diff, cursor)
	}
	for _, id := range ids {
		env.waitGenerated(id)
	}
}
