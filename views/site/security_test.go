package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"genesis/agents"
)

const (
	scriptPayload = `</script><script>alert(1)</script>`
	attrPayload   = `"><img src=x onerror=alert(1)>`
	commentOpen   = `<!--<script>`
)

// maliciousBrief puts hostile text in every kind of field a site shows.
func maliciousBrief(templateID string) Brief {
	b := englishBrief(templateID)
	b.Input.BusinessName = "Evil " + attrPayload
	b.Input.Location.City = scriptPayload
	b.Content.Homepage.Hero.Title = scriptPayload
	b.Content.Homepage.Hero.Subtitle = attrPayload
	b.Content.Homepage.Hero.PrimaryCTA = `<a href="javascript:alert(1)">x</a>`
	b.Content.Homepage.ValueProposition.Benefits = []string{scriptPayload, attrPayload}
	b.Content.About.Story = scriptPayload + "\n" + commentOpen
	b.Content.About.Values = []string{`<style>body{background:url(https://evil.example/x)}</style>`}
	b.Content.Services.Services[0].Name = attrPayload
	b.Content.Services.Services[0].Description = scriptPayload
	b.Content.Services.Services[1].PricingInfo = `<iframe src="https://evil.example/"></iframe>`
	b.Content.Contact.Address = scriptPayload
	b.Content.Contact.Channels = []string{"javascript:alert(1)", "Web: https://evil.example/", `mail "x@evil.example"><script>`}
	b.SEO.MetaTitle = scriptPayload
	b.SEO.MetaDescription = attrPayload
	b.SEO.HeadingStructure.H1 = `<h1>` + scriptPayload
	b.SEO.HeadingStructure.H2Sections = []string{scriptPayload + " services"}
	b.SEO.StructuredData = `{"@context":"https://schema.org","@type":"LocalBusiness","name":"` +
		`</script><script>alert(1)</script><!-- \u003c/script>","description":"</SCRIPT ><img src=x onerror=alert(1)>"}`
	b.Template.Customizations.Colors.Primary = `red;}body{background:url(https://evil.example/x)`
	b.Template.Customizations.Colors.Text = "#12345g"
	b.Template.Customizations.Fonts.Heading = `x; } body { background: url(https://evil.example/x) } a {`
	b.Template.Customizations.Fonts.Body = `"Comic Sans</style><script>alert(1)</script>"`
	b.Template.Customizations.SectionOrder = []string{"hero", "<script>", "../../etc/passwd", "faq", "faq"}
	return b
}

func TestMaliciousBriefRendersSafely(t *testing.T) {
	for _, id := range Themes() {
		t.Run(id, func(t *testing.T) {
			b := maliciousBrief(id)
			bundle := build(t, b)
			for _, p := range pages() {
				f, _ := bundle.File(p.File)
				body := string(f.Body)
				// One <script> at most, the JSON-LD on the home page; nothing the brief wrote
				// opens an element.
				if n := strings.Count(strings.ToLower(body), "<script"); n > 1 || (n == 1 && p.ID != "index") {
					t.Errorf("%s: %d <script", p.File, n)
				}
				for _, bad := range []string{"<img src=x", "<iframe", "<style>", "<a href=\"javascript", "<!--<script>"} {
					if strings.Contains(body, bad) {
						t.Errorf("%s contains %q", p.File, bad)
					}
				}
				checkPage(t, bundle, p.File, "en", nil, false)
			}
			idx, _ := bundle.File("index.html")
			ld := jsonLDText(t, idx.Body)
			var data map[string]any
			if err := json.Unmarshal([]byte(ld), &data); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
			if want := "</script><script>alert(1)</script><!-- </script>"; data["name"] != want {
				t.Errorf("JSON-LD name = %q, want the payload intact as data %q", data["name"], want)
			}
			if strings.Contains(ld, "<") || strings.Contains(ld, ">") {
				t.Errorf("JSON-LD keeps raw angle brackets: %s", ld)
			}
			css, _ := bundle.File("assets/site.css")
			for _, bad := range []string{"evil", "url(http", "</style", "<script", "Comic"} {
				if strings.Contains(string(css.Body), bad) {
					t.Errorf("site.css contains %q", bad)
				}
			}
		})
	}
}

// jsonLDText is the text of the page's JSON-LD script element, as a browser parses it.
func jsonLDText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			out = append(out, text(n))
		}
	})
	if len(out) != 1 {
		t.Fatalf("%d script elements, want 1", len(out))
	}
	return out[0]
}

func TestJSONLD(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"object", `{"@type": "Bakery", "name": "A & B"}`, `{"@type":"Bakery","name":"A \u0026 B"}`},
		{"array", ` [{"a":1}] `, `[{"a":1}]`},
		{"script end", `{"x":"</script>"}`, `{"x":"\u003c/script\u003e"}`},
		{"comment open", `{"x":"<!--"}`, `{"x":"\u003c!--"}`},
		{"line separator", "{\"x\":\"a\u2028b\"}", `{"x":"a\u2028b"}`},
		{"empty", ``, ``},
		{"not json", `{"x":`, ``},
		{"string", `"just text"`, ``},
		{"number", `42`, ``},
		{"html", `<script>alert(1)</script>`, ``},
		{"trailing data", `{"a":1} <script>`, ``},
		{"too large", `{"x":"` + strings.Repeat("a", maxJSONLD) + `"}`, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(jsonLD(tc.in)); got != tc.want {
				t.Errorf("jsonLD(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFontStack(t *testing.T) {
	const fallback = "Georgia, serif"
	for _, tc := range []struct{ in, want string }{
		{"", fallback},
		{"Georgia, 'Times New Roman', serif", "Georgia, 'Times New Roman', serif"},
		{`system-ui, -apple-system, "Segoe UI", sans-serif`, "system-ui, -apple-system, 'Segoe UI', sans-serif"},
		{"Helvetica Neue", "'Helvetica Neue', serif"},
		{"'serif'", "'serif', serif"},
		{"inherit", "'inherit', serif"},
		{"x; } body { color: red", fallback},
		{"url(https://evil.example/f.woff)", fallback},
		{`'a\' b'`, fallback},
		{"A, B, C, D, E, F, G, H, I, J, K, L, M", fallback},
		{"Arial,,serif", fallback},
	} {
		if got := fontStack(tc.in, fallback); got != tc.want {
			t.Errorf("fontStack(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBaseURLAndAlternatesValidated(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Brief)
	}{
		{"javascript base", func(b *Brief) { b.BaseURL = "javascript:alert(1)" }},
		{"relative base", func(b *Brief) { b.BaseURL = "/site/" }},
		{"base with query", func(b *Brief) { b.BaseURL = "https://a.example/?x=1" }},
		{"base with credentials", func(b *Brief) { b.BaseURL = "https://u:p@a.example/" }},
		{"alternate without URL", func(b *Brief) { b.Alternates = []Alternate{{Language: agents.French}} }},
		{"alternate in the site's language", func(b *Brief) {
			b.Alternates = []Alternate{{Language: agents.English, URL: "https://a.example/en/"}}
		}},
		{"alternate language not a tag", func(b *Brief) {
			b.Alternates = []Alternate{{Language: `fr"><script>`, URL: "https://a.example/fr/"}}
		}},
		{"alternate URL not http", func(b *Brief) {
			b.Alternates = []Alternate{{Language: agents.French, URL: "data:text/html,x"}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := englishBrief("tech-modern")
			tc.edit(&b)
			if _, err := Build(t.Context(), b); err == nil {
				t.Errorf("Build accepted it")
			}
		})
	}
}
