package handlers

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var htmlLang = regexp.MustCompile(`<html lang="([^"]*)"`)

// pageLang is the lang attribute of a page's html element.
func pageLang(t *testing.T, r response) string {
	t.Helper()
	m := htmlLang.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no <html lang> in a %d answer: %.200s", r.StatusCode, r.body)
	}
	return m[1]
}

func (c *client) setLangCookie(lang string) {
	u, _ := url.Parse(c.env.base)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
}

// TestLanguagePrecedence: a signed-in owner's saved language, else the switcher's cookie, else
// Accept-Language; <html lang> says which.
func TestLanguagePrecedence(t *testing.T) {
	env := newEnv(t)
	const frenchBrowser = "fr-SN,fr;q=0.9,en;q=0.5"

	anon := env.client()
	if got := pageLang(t, anon.get("/", "Accept-Language", frenchBrowser)); got != "fr" {
		t.Errorf("Accept-Language fr: lang %q", got)
	}
	if got := pageLang(t, anon.get("/")); got != "en" {
		t.Errorf("no preference at all: lang %q, want en", got)
	}
	anon.setLangCookie("en")
	if got := pageLang(t, anon.get("/", "Accept-Language", frenchBrowser)); got != "en" {
		t.Errorf("cookie en beats Accept-Language fr: lang %q", got)
	}
	anon.setLangCookie("xx")
	if got := pageLang(t, anon.get("/", "Accept-Language", frenchBrowser)); got != "fr" {
		t.Errorf("an unknown cookie value is ignored: lang %q", got)
	}

	owner := env.newUser("Awa")
	owner.setLangCookie("en")
	if got := pageLang(t, owner.get("/briefs", "Accept-Language", frenchBrowser)); got != "en" {
		t.Errorf("owner without a saved language follows the cookie: lang %q", got)
	}
	if r := owner.postForm("/settings", url.Values{"name": {"Awa"}, "language": {"fr"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", r.StatusCode)
	}
	// Another browser of the same owner, with an English cookie and an English browser.
	other := env.client()
	other.setLangCookie("en")
	if r := other.login(owner.email, owner.password); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", r.StatusCode)
	}
	other.setLangCookie("en")
	if got := pageLang(t, other.get("/briefs", "Accept-Language", "en-GB")); got != "fr" {
		t.Errorf("the saved language beats the cookie and the browser: lang %q", got)
	}
}

// TestLanguageSwitcher: the header's switcher is a plain form on every page; it sets the cookie,
// saves a signed-in owner's choice, and goes back to the page it was used on, never elsewhere.
func TestLanguageSwitcher(t *testing.T) {
	env := newEnv(t)
	anon := env.client()
	page := anon.get("/login?next=%2Fbriefs%2Fnew")
	for _, want := range []string{`action="/lang"`, `name="next" value="/login?next=%2Fbriefs%2Fnew"`, `value="fr" lang="fr"`, `>Français</button>`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("login page's switcher lacks %q", want)
		}
	}

	for _, tc := range []struct {
		name, next, wantLocation string
	}{
		{"back to the page", "/login?next=%2Fbriefs%2Fnew", "/login?next=%2Fbriefs%2Fnew"},
		{"no page", "", "/"},
		{"another site", "https://evil.example/", "/"},
		{"protocol-relative", "//evil.example/x", "/"},
		{"backslash trick", "/\\evil.example", "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := env.client()
			r := c.postForm("/lang", url.Values{"lang": {"fr"}, "next": {tc.next}})
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != tc.wantLocation {
				t.Errorf("switch: %d to %q, want 303 to %q", r.StatusCode, r.Header.Get("Location"), tc.wantLocation)
			}
			ck := c.cookie("lang")
			if ck == nil || ck.Value != "fr" {
				t.Fatalf("lang cookie %v, want fr", ck)
			}
			if got := pageLang(t, c.get("/")); got != "fr" {
				t.Errorf("after switching: lang %q", got)
			}
		})
	}

	if r := anon.postForm("/lang", url.Values{"lang": {"de"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown language: %d, want 422", r.StatusCode)
	}
	if r := anon.send(http.MethodPost, "/lang", "application/x-www-form-urlencoded", "lang=fr"); r.StatusCode != http.StatusForbidden {
		t.Errorf("switch without a CSRF token: %d, want 403", r.StatusCode)
	}

	owner := env.newUser("Moussa")
	if r := owner.postForm("/lang", url.Values{"lang": {"fr"}, "next": {"/briefs"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner switches: %d", r.StatusCode)
	}
	u, err := env.accounts.User(context.Background(), owner.id)
	if err != nil {
		t.Fatal(err)
	}
	if u.Language != "fr" {
		t.Errorf("the switcher saved language %q on the account, want fr", u.Language)
	}
	dash := owner.get("/briefs")
	if got := pageLang(t, dash); got != "fr" {
		t.Errorf("dashboard after switching: lang %q", got)
	}
	if !strings.Contains(dash.body, `aria-current="true" class="rounded border border-teal-700`) || !strings.Contains(dash.body, `>Mes dossiers<`) {
		t.Errorf("dashboard is not French with French marked current: %.300s", dash.body)
	}
	// The new-brief form writes the brief in the interface language unless the owner chooses.
	if form := owner.get("/briefs/new"); !strings.Contains(form.body, `<option value="fr" selected>`) {
		t.Errorf("new brief form does not default to French")
	}
}

// TestSettings: the settings page shows the account, checks what is typed in the page's language,
// and saves name and language together.
func TestSettings(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Fatou")
	owner.setLangCookie("fr")
	page := owner.get("/settings")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.body, owner.email) || !strings.Contains(page.body, `>Paramètres<`) {
		t.Fatalf("settings page: %d %.300s", page.StatusCode, page.body)
	}
	if !strings.Contains(page.body, `<option value="fr" lang="fr" selected>Français</option>`) {
		t.Errorf("settings page does not show the current language chosen")
	}

	bad := owner.postForm("/settings", url.Values{"name": {"  "}, "language": {"de"}})
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad settings: %d, want 422", bad.StatusCode)
	}
	for _, want := range []string{"Ce champ est obligatoire.", "Choisissez parmi : English, Français."} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("bad settings page lacks %q", want)
		}
	}

	ok := owner.postForm("/settings", url.Values{"name": {"Fatou Ndiaye"}, "language": {"en"}})
	if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/settings?saved=1" {
		t.Fatalf("save settings: %d to %q", ok.StatusCode, ok.Header.Get("Location"))
	}
	u, err := env.accounts.User(context.Background(), owner.id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Fatou Ndiaye", "en"}, []string{u.Name, u.Language}); diff != "" {
		t.Errorf("saved account (-want +got):\n%s", diff)
	}
	saved := owner.get("/settings?saved=1")
	if got := pageLang(t, saved); got != "en" || !strings.Contains(saved.body, "Your settings are saved.") {
		t.Errorf("after saving English: lang %q; notice shown: %v", got, strings.Contains(saved.body, "Your settings are saved."))
	}
	if ck := owner.cookie("lang"); ck == nil || ck.Value != "en" {
		t.Errorf("lang cookie after saving settings: %v, want en", ck)
	}
	if r := env.client().get("/settings"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("anonymous settings: %d to %q, want the login page", r.StatusCode, r.Header.Get("Location"))
	}
}
