package site

import (
	"strings"
	"testing"

	"genesis/agents"
)

// TestRelativeAlternates: a site without a base URL (a preview, a download) can still link to its
// other-language version in a folder beside it; hreflang and the sitemap, which want absolute URLs,
// leave such a version out. Paths that could leave the site are refused.
func TestRelativeAlternates(t *testing.T) {
	b := frenchBrief("bold-urban")
	b.BaseURL = ""
	b.Alternates = []Alternate{{Language: agents.English, URL: "en"}}
	bundle, err := Build(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	about, _ := bundle.File("about.html")
	if want := `<a href="en/about.html" hreflang="en" lang="en" rel="alternate">English</a>`; !strings.Contains(string(about.Body), want) {
		t.Errorf("about.html lacks the link %s", want)
	}
	if strings.Contains(string(about.Body), `<link rel="alternate"`) {
		t.Error("about.html has hreflang links without absolute URLs")
	}
	if sm, _ := bundle.File("sitemap.xml"); strings.Contains(string(sm.Body), "xhtml:link") {
		t.Error("the sitemap lists a relative alternate")
	}

	back := englishBrief("bold-urban")
	back.BaseURL = ""
	back.Alternates = []Alternate{{Language: agents.French, URL: "../"}}
	bundle, err = Build(t.Context(), back)
	if err != nil {
		t.Fatal(err)
	}
	if index, _ := bundle.File("index.html"); !strings.Contains(string(index.Body), `<a href="../" hreflang="fr" lang="fr" rel="alternate">Français</a>`) {
		t.Error("the English version does not link back to the French one")
	}

	for _, bad := range []string{"/en/", "en?x=1", "en#top", `..\en`, "javascript:alert(1)", "//evil.example/", "%2e%2e/"} {
		b := frenchBrief("bold-urban")
		b.Alternates = []Alternate{{Language: agents.English, URL: bad}}
		if _, err := Build(t.Context(), b); err == nil {
			t.Errorf("alternate URL %q accepted", bad)
		}
	}
}
