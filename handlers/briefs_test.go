package handlers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"genesis/agents"
	"genesis/storage"
)

func briefForm() url.Values {
	return url.Values{
		"business_name":     {"Mama Put Bakery"},
		"sector":            {"Bakery"},
		"city":              {"Lagos"},
		"country":           {"Nigeria"},
		"vision":            {"Fresh bread for every home in Lagos."},
		"target_audience":   {"Families and offices nearby"},
		"differentiation":   {"Baked twice a day, delivered by bike"},
		"value_proposition": {"Warm bread at your door before breakfast"},
		"services":          {"Bread\nCakes\nCatering"},
		"language":          {"en"},
		"tone":              {"warm"},
	}
}

var briefLocation = regexp.MustCompile(`^/briefs/([A-Za-z0-9_-]{22})$`)

// createBrief posts the form and returns the new brief's id once every section is done.
func (u *user) createBrief(env *testEnv, form url.Values) string {
	u.t.Helper()
	resp := u.postForm("/briefs", form)
	m := briefLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		u.t.Fatalf("create brief: %d to %q; body %.300s", resp.StatusCode, resp.Header.Get("Location"), resp.body)
	}
	env.waitGenerated(m[1])
	return m[1]
}

func (e *testEnv) waitGenerated(id string) storage.Session {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sess, err := e.orch.Wait(ctx, id)
	if err != nil {
		e.t.Fatalf("wait for brief %s: %v", id, err)
	}
	return sess
}

func TestDashboardInvitesTheFirstBrief(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Empty")
	page := u.get("/briefs")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.body, `data-testid="empty-state"`) {
		t.Fatalf("dashboard without briefs: %d, empty state missing", page.StatusCode)
	}
	if resp := env.client().get("/briefs"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("anonymous dashboard: %d to %q, want the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestNewBriefFormHasVisibleLabels(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Labels")
	page := u.get("/briefs/new")
	for _, label := range []string{"Business name", "Sector", "City", "Country", "Vision", "Mission", "Target audience", "Differentiation", "Value proposition", "Services", "Tone"} {
		if !regexp.MustCompile(`<label for="f-[a-z_]+" class="field-label">` + label).MatchString(page.body) {
			t.Errorf("form has no visible label %q", label)
		}
	}
	for _, list := range []string{`id="sector-options"`, `id="country-options"`, `<option value="Bakery and pastry">`, `<option value="Senegal">`} {
		if !strings.Contains(page.body, list) {
			t.Errorf("form lacks %s", list)
		}
	}
}

func TestInvalidBriefKeepsWhatWasTyped(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Typo")
	form := briefForm()
	form.Set("business_name", "")
	form.Set("vision", strings.Repeat("v", agents.MaxTextLength+1))
	resp := u.postForm("/briefs", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid brief: %d, want 422", resp.StatusCode)
	}
	for _, want := range []string{
		`data-testid="error-business_name">This field is required.`,
		`data-testid="error-vision">Use at most 1000 characters.`,
		`value="Lagos"`,
		"Bread\nCakes\nCatering</textarea>",
	} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("422 page lacks %q", want)
		}
	}
}

func TestDraftIsSavedAndRestored(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Draft")
	form := url.Values{"business_name": {"Half Done"}, "city": {"Dakar"}, "sector": {""}}
	resp := u.postForm("/briefs/draft", form, "HX-Request", "true", "HX-Trigger-Name", "business_name")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("draft: %d %s", resp.StatusCode, resp.body)
	}
	if !strings.Contains(resp.body, `id="e-business_name" class="field-error" data-testid="error-business_name" hx-swap-oob="true"></p>`) {
		t.Error("draft answer does not clear the error of a valid field out of band")
	}
	if strings.Contains(resp.body, "This field is required") {
		t.Error("draft answer flags required fields the owner has not reached yet")
	}
	if !strings.Contains(resp.body, "Draft saved") {
		t.Error("draft answer does not say it saved")
	}
	page := u.get("/briefs/new")
	if !strings.Contains(page.body, `data-testid="draft-restored"`) || !strings.Contains(page.body, `value="Half Done"`) || !strings.Contains(page.body, `value="Dakar"`) {
		t.Fatal("the form does not restore the draft")
	}
	u.createBrief(env, briefForm())
	if strings.Contains(u.get("/briefs/new").body, `data-testid="draft-restored"`) {
		t.Error("the draft survives the brief it was for")
	}
}

func TestBriefPageShowsEverySection(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Owner")
	id := u.createBrief(env, briefForm())

	page := u.get("/briefs/" + id)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("brief page: %d", page.StatusCode)
	}
	for _, s := range agents.Sections() {
		for _, want := range []string{`data-testid="section-` + string(s) + `"`, `data-testid="status-` + string(s) + `" data-status="done"`, `data-testid="regenerate-` + string(s) + `"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("brief page lacks %s", want)
			}
		}
	}
	if !strings.Contains(page.body, `sse-connect="/briefs/`+id+`/events?state=d1.d1.d1.d1.d1"`) {
		t.Error("brief page does not connect its live stream with the rendered state")
	}
	dash := u.get("/briefs")
	if !strings.Contains(dash.body, `data-brief-id="`+id+`"`) || !strings.Contains(dash.body, "Mama Put Bakery") {
		t.Error("dashboard does not list the new brief")
	}
}

func TestRegenerateChangesOnlyThatSection(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Regen")
	id := u.createBrief(env, briefForm())
	before, _ := env.store.ReadSession(context.Background(), id)

	resp := u.postForm("/briefs/"+id+"/sections/logo_creation/regenerate", url.Values{"instruction": {"bolder"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(resp.body), `<section id="section-logo_creation"`) {
		t.Fatalf("regenerate: %d, want the logo card alone; got %.200s", resp.StatusCode, resp.body)
	}
	after := env.waitGenerated(id)
	for _, s := range agents.Sections() {
		b, a := before.Files[string(s)], after.Files[string(s)]
		if s == agents.LogoCreation {
			if a.Version != b.Version+1 {
				t.Errorf("logo version %d → %d, want +1", b.Version, a.Version)
			}
			continue
		}
		if a.Version != b.Version || !bytes.Equal(a.Data, b.Data) {
			t.Errorf("%s changed during the logo's regeneration", s)
		}
	}
	if resp := u.postForm("/briefs/"+id+"/sections/no_such_section/regenerate", nil, "HX-Request", "true"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown section: %d, want 404", resp.StatusCode)
	}
	long := url.Values{"instruction": {strings.Repeat("x", agents.MaxInstruction+1)}}
	if resp := u.postForm("/briefs/"+id+"/sections/logo_creation/regenerate", long, "HX-Request", "true"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("oversized instruction: %d, want 422", resp.StatusCode)
	}
}

func TestHistoryAndRestore(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("History")
	id := u.createBrief(env, briefForm())
	first, _ := env.store.ReadFile(context.Background(), id, "seo_optimization")
	u.postForm("/briefs/"+id+"/sections/seo_optimization/regenerate", nil, "HX-Request", "true")
	env.waitGenerated(id)

	hist := u.get("/briefs/"+id+"/sections/seo_optimization/history", "HX-Request", "true")
	if !strings.Contains(hist.body, `data-testid="history-entry" data-version="1"`) {
		t.Fatalf("history lacks version 1: %.300s", hist.body)
	}
	resp := u.postForm("/briefs/"+id+"/sections/seo_optimization/restore", url.Values{"version": {"1"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, `data-version="3"`) || !strings.Contains(resp.body, "Restored from version 1") {
		t.Fatalf("restore: %d %.300s", resp.StatusCode, resp.body)
	}
	restored, _ := env.store.ReadFile(context.Background(), id, "seo_optimization")
	_, want, _ := agents.DecodeSection(agents.SEOOptimization, first.Data)
	_, got, _ := agents.DecodeSection(agents.SEOOptimization, restored.Data)
	if !jsonEqual(t, want, got) {
		t.Error("restored content differs from version 1")
	}
	if resp := u.postForm("/briefs/"+id+"/sections/seo_optimization/restore", url.Values{"version": {"99"}}, "HX-Request", "true"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("restore of a missing version: %d, want 404", resp.StatusCode)
	}
}

func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestExtendAndDelete(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Keeper")
	id := u.createBrief(env, briefForm())

	if resp := u.postForm("/briefs/"+id+"/extend", url.Values{"days": {"12"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("extend by 12 days: %d, want 422", resp.StatusCode)
	}
	resp := u.postForm("/briefs/"+id+"/extend", url.Values{"days": {"90"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, "in 90 days") {
		t.Fatalf("extend: %d %s", resp.StatusCode, resp.body)
	}
	sess, _ := env.store.ReadSession(context.Background(), id)
	if d := time.Until(sess.ExpiresAt); d < 89*24*time.Hour || d > 91*24*time.Hour {
		t.Errorf("expiry in %v after keeping for 90 days", d)
	}

	if resp := u.postForm("/briefs/"+id+"/delete", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("delete without confirmation: %d, want 422", resp.StatusCode)
	}
	resp = u.postForm("/briefs/"+id+"/delete", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/briefs?deleted=1" {
		t.Fatalf("delete: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := u.get("/briefs/" + id); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted brief: %d, want 404", resp.StatusCode)
	}
}

func TestExportsAndLogos(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Exporter")
	id := u.createBrief(env, briefForm())

	md := u.get("/briefs/" + id + "/export.md")
	if md.StatusCode != http.StatusOK || !strings.HasPrefix(md.Header.Get("Content-Type"), "text/markdown") ||
		!strings.Contains(md.Header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(md.body, "# Mama Put Bakery") {
		t.Fatalf("markdown export: %d %s %.100s", md.StatusCode, md.Header.Get("Content-Type"), md.body)
	}
	for _, h := range []string{"## Market research", "## Website content", "## Logo", "## Search (SEO)", "## Website template"} {
		if !strings.Contains(md.body, h) {
			t.Errorf("markdown export lacks %q", h)
		}
	}
	js := u.get("/briefs/" + id + "/export.json")
	var got apiBrief
	if err := json.Unmarshal([]byte(js.body), &got); err != nil || got.ID != id || got.MarketResearch == nil || len(got.Sections) != 5 {
		t.Fatalf("JSON export: %v; id %q", err, got.ID)
	}

	logo := got.LogoCreation.PrimaryLogo.Concept
	svg := u.get("/briefs/" + id + "/logo/" + logo + ".svg")
	if svg.StatusCode != http.StatusOK || svg.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(svg.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("logo SVG: %d %s CSP %q", svg.StatusCode, svg.Header.Get("Content-Type"), svg.Header.Get("Content-Security-Policy"))
	}
	pngResp := u.get("/briefs/" + id + "/logo/" + logo + ".png")
	img, err := png.Decode(strings.NewReader(pngResp.body))
	if err != nil || img.Bounds().Dx() != 512 || img.Bounds().Dy() != 512 {
		t.Fatalf("logo PNG: %v, bounds %v", err, img)
	}
	fav := u.get("/briefs/" + id + "/logo/favicon.zip")
	zr, err := zip.NewReader(strings.NewReader(fav.body), int64(len(fav.body)))
	if err != nil || len(zr.File) < 4 {
		t.Fatalf("favicon set: %v", err)
	}
	if resp := u.get("/briefs/" + id + "/logo/nothing.svg"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown logo concept: %d, want 404", resp.StatusCode)
	}
}

func TestLiveStreamSendsChangedCards(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Watcher")
	id := u.createBrief(env, briefForm())

	req, _ := http.NewRequest(http.MethodGet, env.base+"/briefs/"+id+"/events?state=q0.q0.d1.q0.q0", nil)
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	events := map[string]string{} // event name -> its data
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	deadline := time.AfterFunc(5*time.Second, func() { resp.Body.Close() })
	defer deadline.Stop()
	var current string
	for sc.Scan() && len(events) < 4 {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "event: "); ok {
			current = name
		} else if data, ok := strings.CutPrefix(line, "data: "); ok && current != "" {
			events[current] += data
		} else if line == "" {
			current = ""
		}
	}
	for _, s := range []string{"market_research", "content_generation", "seo_optimization", "template_selection"} {
		data, ok := events["section-"+s]
		if !ok {
			t.Errorf("stream did not send the changed card %s; got %v", s, slices.Collect(maps.Keys(events)))
			continue
		}
		// The page's one listener swaps nothing itself: each card must replace its namesake.
		if !regexp.MustCompile(`^<section id="section-` + s + `"[^>]* hx-swap-oob="true"`).MatchString(data) {
			t.Errorf("card %s does not replace its namesake out of band: %.200s", s, data)
		}
	}
	if _, ok := events["section-logo_creation"]; ok {
		t.Error("stream sent the logo card, which had not changed")
	}
	// The listener that receives the cards is outside every card, and hears every section.
	page := u.get("/briefs/" + id)
	listener := regexp.MustCompile(`<div class="hidden" sse-swap="([^"]*)" hx-swap="none" data-testid="live-updates">`).FindStringSubmatch(page.body)
	if listener == nil {
		t.Fatal("the brief page has no live-updates listener")
	}
	for _, s := range agents.Sections() {
		if !slices.Contains(strings.Split(listener[1], ","), "section-"+string(s)) {
			t.Errorf("the live-updates listener does not hear section-%s: %q", s, listener[1])
		}
	}
}

func TestGenerationIsRateLimitedPerUser(t *testing.T) {
	env := newEnv(t)
	env.server.generateRate = 2
	u := env.newUser("Busy")
	id := u.createBrief(env, briefForm())
	u.postForm("/briefs/"+id+"/sections/seo_optimization/regenerate", nil, "HX-Request", "true")
	resp := u.postForm("/briefs/"+id+"/sections/seo_optimization/regenerate", nil, "HX-Request", "true")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("third generation within a minute: %d, want 429 with Retry-After", resp.StatusCode)
	}
	if !strings.Contains(resp.body, `data-testid="error-alert"`) || resp.Header.Get("HX-Retarget") != "#alerts" {
		t.Errorf("htmx 429 is not an alert fragment retargeted to #alerts")
	}
}

// TestLiveStreamFollowsProgressEvents watches an up-to-date brief, so the stream has nothing to
// catch up on and no reason to re-read the brief on its own: a card it sends after a regeneration
// can only come from the progress events on Redis pub/sub.
func TestLiveStreamFollowsProgressEvents(t *testing.T) {
	env := newEnv(t)
	u := env.newUser("Listener")
	id := u.createBrief(env, briefForm())
	sess, err := env.store.ReadSession(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := agents.BriefFrom(sess)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, env.base+"/briefs/"+id+"/events?state="+stateToken(&b), nil)
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := make(chan string, 256)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	// The stream opens with its retry hint; from then on it is subscribed.
	for line := range lines {
		if strings.HasPrefix(line, "retry:") {
			break
		}
	}
	u.postForm("/briefs/"+id+"/sections/logo_creation/regenerate", nil, "HX-Request", "true")
	timeout := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("stream ended before any progress event")
			}
			if line == "event: section-logo_creation" {
				return
			}
			if strings.HasPrefix(line, "event: ") {
				t.Fatalf("stream sent %q for a regeneration of the logo", line)
			}
		case <-timeout:
			t.Fatal("no card within 10 s of the regeneration: progress events do not reach the stream")
		}
	}
}
