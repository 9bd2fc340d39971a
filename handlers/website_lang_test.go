package handlers

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"genesis/agents"
)

func frenchBriefForm() url.Values {
	return url.Values{
		"business_name": {"Salon Awa"},
		"sector":        {"Coiffure"},
		"city":          {"Dakar"},
		"country":       {"Sénégal"},
		"vision":        {"Des coiffures qui durent, pour toutes les femmes de Dakar."},
		"services":      {"Tresses\nCoiffure de mariage"},
		"language":      {"fr"},
		"tone":          {"chaleureux"},
	}
}

// TestBilingualWebsite: an owner asks the brief page for the site in its other language too; the
// site keeps the brief's language at its root, the other version in a folder, each linking to the
// other, and the choice stays until the owner changes it.
func TestBilingualWebsite(t *testing.T) {
	env := newEnv(t)
	owner := env.newUser("Awa")
	id := owner.createBrief(env, frenchBriefForm())
	base := "/briefs/" + id

	panel := owner.get(base+"/website", "HX-Request", "true")
	if !strings.Contains(panel.body, `name="add_language" value="en"`) || strings.Contains(panel.body, `value="en" checked`) {
		t.Fatalf("website panel does not offer an unchecked English version: %.400s", panel.body)
	}
	created := owner.postForm(base+"/website", url.Values{"add_language": {"en"}})
	if created.StatusCode != http.StatusSeeOther {
		t.Fatalf("create website: %d", created.StatusCode)
	}
	if panel := owner.get(base+"/website", "HX-Request", "true"); !strings.Contains(panel.body, `value="en" checked`) {
		t.Errorf("the panel forgot the English version")
	}

	root := owner.get(base + "/site/")
	en := owner.get(base + "/site/en/")
	enAbout := owner.get(base + "/site/en/about.html")
	for name, r := range map[string]response{"root": root, "en/": en, "en/about.html": enAbout} {
		if r.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", name, r.StatusCode)
		}
	}
	checks := []struct {
		name, body, want string
	}{
		{"root is French", root.body, `<html lang="fr">`},
		{"root links to English", root.body, `<a href="en/" hreflang="en" lang="en" rel="alternate">English</a>`},
		{"en/ is English", en.body, `<html lang="en">`},
		{"en/ links back", en.body, `<a href="../" hreflang="fr" lang="fr" rel="alternate">Français</a>`},
		{"en/ speaks English", en.body, `>Home</a>`},
		{"en/about.html links to the French about page", enAbout.body, `<a href="../about.html" hreflang="fr"`},
	}
	for _, c := range checks {
		if !strings.Contains(c.body, c.want) {
			t.Errorf("%s: missing %q", c.name, c.want)
		}
	}
	for _, french := range []string{">Accueil<", "Qui sommes-nous", "Tous droits réservés"} {
		if strings.Contains(en.body+enAbout.body, french) {
			t.Errorf("the English version shows French %q", french)
		}
	}
	if !strings.Contains(en.body, "Senegal") {
		t.Errorf("the English version does not name the country in English")
	}

	zipped := owner.get(base + "/site.zip")
	zr, err := zip.NewReader(bytes.NewReader([]byte(zipped.body)), int64(len(zipped.body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{"index.html", "en/index.html", "en/about.html", "en/services.html", "en/contact.html", "en/assets/site.css", "robots.txt", "sitemap.xml"} {
		if !slices.Contains(names, want) {
			t.Errorf("zip lacks %s", want)
		}
	}
	for _, unwanted := range []string{"en/robots.txt", "en/sitemap.xml"} {
		if slices.Contains(names, unwanted) {
			t.Errorf("zip has %s: robots rules and the sitemap belong at the root", unwanted)
		}
	}

	if r := owner.postForm(base+"/website", url.Values{}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create website again: %d", r.StatusCode)
	}
	if r := owner.get(base + "/site/en/"); r.StatusCode != http.StatusNotFound {
		t.Errorf("unchecked, the English version is still served: %d", r.StatusCode)
	}
	if r := owner.get(base + "/site/"); strings.Contains(r.body, `hreflang="en"`) {
		t.Errorf("unchecked, the site still links to an English version")
	}
	if r := owner.postForm(base+"/website", url.Values{"add_language": {"fr"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("asking for the brief's own language: %d", r.StatusCode)
	} else if r := owner.get(base + "/site/fr/"); r.StatusCode != http.StatusNotFound {
		t.Errorf("a second version in the site's own language: %d", r.StatusCode)
	}
}

var hreflangLink = regexp.MustCompile(`<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">`)

// TestBilingualWebsiteWithAddress: with PUBLIC_URL the two versions name each other with hreflang
// on every page, and the one sitemap lists both; the second language is written the same way every
// time.
func TestBilingualWebsiteWithAddress(t *testing.T) {
	env := newEnv(t, withWebsite(WebsiteConfig{PublicURL: "https://genesis.example"}))
	owner := env.newUser("Ama")
	id := owner.createBrief(env, briefForm())
	base := "/briefs/" + id
	site := "https://genesis.example" + base + "/site/"
	if r := owner.postForm(base+"/website", url.Values{"add_language": {"fr"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create website: %d", r.StatusCode)
	}
	for _, tc := range []struct {
		path string
		want [][2]string
	}{
		{"/site/services.html", [][2]string{{"en", site + "services.html"}, {"fr", site + "fr/services.html"}}},
		{"/site/fr/services.html", [][2]string{{"fr", site + "fr/services.html"}, {"en", site + "services.html"}}},
		{"/site/fr/", [][2]string{{"fr", site + "fr/"}, {"en", site}}},
	} {
		r := owner.get(base + tc.path)
		var got [][2]string
		for _, m := range hreflangLink.FindAllStringSubmatch(r.body, -1) {
			got = append(got, [2]string{m[1], m[2]})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s hreflang %v, want %v", tc.path, got, tc.want)
		}
	}
	sitemap := owner.get(base + "/site/sitemap.xml").body
	if n := strings.Count(sitemap, "<url>"); n != 8 {
		t.Errorf("sitemap lists %d pages, want the 4 of each language", n)
	}
	if !strings.Contains(sitemap, "<loc>"+site+"fr/about.html</loc>") || !strings.Contains(sitemap, `hreflang="fr" href="`+site+`fr/contact.html"`) {
		t.Errorf("sitemap does not list the French pages: %.600s", sitemap)
	}

	sess := env.waitGenerated(id)
	b, err := agents.BriefFrom(sess)
	if err != nil {
		t.Fatal(err)
	}
	first, err := env.server.sites.build(context.Background(), &b, agents.French)
	if err != nil {
		t.Fatal(err)
	}
	second, err := env.server.sites.build(context.Background(), &b, agents.French)
	if err != nil {
		t.Fatal(err)
	}
	var a, c bytes.Buffer
	if err := first.Zip(&a); err != nil {
		t.Fatal(err)
	}
	if err := second.Zip(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two builds of the same bilingual site differ")
	}
}
