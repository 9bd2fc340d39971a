package site

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"genesis/agents"
)

// fixtures are both hand-written briefs for one template.
func fixtures(templateID string) map[string]Brief {
	return map[string]Brief{"en": englishBrief(templateID), "fr": frenchBrief(templateID)}
}

func build(t *testing.T, b Brief) Bundle {
	t.Helper()
	bundle, err := Build(context.Background(), b)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return bundle
}

// TestBuildEveryTheme builds every theme in both languages and checks each page as a browser,
// a crawler and a screen reader would need it.
func TestBuildEveryTheme(t *testing.T) {
	for _, id := range Themes() {
		for lang, b := range fixtures(id) {
			t.Run(id+"/"+lang, func(t *testing.T) {
				bundle := build(t, b)
				var paths []string
				for _, f := range bundle {
					paths = append(paths, f.Path)
				}
				want := []string{"index.html", "about.html", "services.html", "contact.html", "sitemap.xml",
					"robots.txt", "site.webmanifest", "assets/site.css", "assets/logo.svg"}
				if diff := cmp.Diff(want, paths); diff != "" {
					t.Errorf("bundle files (-want +got):\n%s", diff)
				}
				allowed := allowedAbsolute(b)
				for _, p := range pages() {
					checkPage(t, bundle, p.File, string(b.Input.Language), allowed, true)
				}
				if f, _ := bundle.File("assets/logo.svg"); string(f.Body) != b.Logo.PrimaryLogo.SVG {
					t.Errorf("assets/logo.svg is not the brief's logo")
				}
				checkSitemap(t, bundle, b)
			})
		}
	}
}

// allowedAbsolute are the absolute URLs a page may name: under BaseURL or an alternate's URL.
func allowedAbsolute(b Brief) []string {
	var out []string
	if b.BaseURL != "" {
		out = append(out, b.BaseURL)
	}
	for _, a := range b.Alternates {
		out = append(out, a.URL)
	}
	return out
}

var absoluteURL = regexp.MustCompile(`https?://[^\s"'<>]*`)

// checkPage parses one page and checks its structure, its head and every reference in it. With
// scanText it also looks for absolute URLs in the raw page, text included (the fixtures mention
// none; hostile briefs do, as harmless text).
func checkPage(t *testing.T, bundle Bundle, file, lang string, allowed []string, scanText bool) {
	t.Helper()
	f, ok := bundle.File(file)
	if !ok {
		t.Fatalf("%s missing", file)
	}
	if f.ContentType != "text/html; charset=utf-8" {
		t.Errorf("%s: content type %q", file, f.ContentType)
	}
	doc, err := html.Parse(bytes.NewReader(f.Body))
	if err != nil {
		t.Fatalf("%s: parse: %v", file, err)
	}
	var (
		h1s, titles, descs, mains, headers, footers, navs, ldjson int
		ids                                                       = map[string]int{}
		refs                                                      []string
	)
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "style":
				t.Errorf("%s: style attribute on <%s>", file, n.Data)
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("%s: event handler %s on <%s>", file, a.Key, n.Data)
			case a.Key == "id":
				ids[a.Val]++
			case a.Key == "href" || a.Key == "src":
				refs = append(refs, a.Val)
			case a.Key == "content" && absoluteURL.MatchString(a.Val) && !hasAnyPrefix(a.Val, allowed):
				t.Errorf("%s: <%s %s=%q> names an external URL", file, n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "html":
			if got := attr(n, "lang"); got != lang {
				t.Errorf("%s: <html lang=%q>, want %q", file, got, lang)
			}
		case "h1":
			h1s++
			if strings.TrimSpace(text(n)) == "" {
				t.Errorf("%s: empty h1", file)
			}
		case "title":
			titles++
			if strings.TrimSpace(text(n)) == "" {
				t.Errorf("%s: empty title", file)
			}
		case "meta":
			if attr(n, "name") == "description" && attr(n, "content") != "" {
				descs++
			}
		case "style":
			t.Errorf("%s: <style> element", file)
		case "script":
			if attr(n, "type") != "application/ld+json" || attr(n, "src") != "" {
				t.Errorf("%s: script other than JSON-LD: %v", file, n.Attr)
			}
			ldjson++
			if !json.Valid([]byte(text(n))) {
				t.Errorf("%s: JSON-LD is not JSON: %s", file, text(n))
			}
		case "main":
			mains++
		case "header":
			headers++
		case "footer":
			footers++
		case "nav":
			navs++
			if attr(n, "aria-label") == "" {
				t.Errorf("%s: <nav> without a label", file)
			}
		case "img":
			if _, ok := attrOK(n, "alt"); !ok {
				t.Errorf("%s: <img src=%q> without alt", file, attr(n, "src"))
			}
			if attr(n, "width") == "" || attr(n, "height") == "" {
				t.Errorf("%s: <img> without width and height", file)
			}
		}
	})
	for name, got := range map[string]int{"h1": h1s, "title": titles, "meta description": descs, "main": mains} {
		if got != 1 {
			t.Errorf("%s: %d %s, want 1", file, got, name)
		}
	}
	if headers < 1 || footers < 1 || navs < 2 {
		t.Errorf("%s: landmarks: %d header, %d footer, %d nav", file, headers, footers, navs)
	}
	if file == "index.html" && ldjson != 1 {
		t.Errorf("%s: %d JSON-LD blocks, want 1", file, ldjson)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%s: id %q used %d times", file, id, n)
		}
	}
	if ids["main"] != 1 || !strings.Contains(string(f.Body), `<a class="g-skip" href="#main"`) {
		t.Errorf("%s: skip link to #main missing", file)
	}
	for _, ref := range refs {
		checkRef(t, bundle, file, ids, ref, allowed)
	}
	if !scanText {
		return
	}
	// Absolute URLs anywhere outside the JSON-LD (whose @context names schema.org without
	// fetching it) must be the site's own or its other-language versions'.
	outside := regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`).ReplaceAllString(string(f.Body), "")
	for _, u := range absoluteURL.FindAllString(outside, -1) {
		if !hasAnyPrefix(u, allowed) {
			t.Errorf("%s: external URL %q", file, u)
		}
	}
}

// checkRef checks one href or src: site files exist, fragments name an element, and nothing
// points outside the site but tel:, mailto: and the allowed absolute URLs.
func checkRef(t *testing.T, bundle Bundle, file string, ids map[string]int, ref string, allowed []string) {
	t.Helper()
	switch {
	case strings.HasPrefix(ref, "tel:+") || strings.HasPrefix(ref, "mailto:"):
		return
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		if !hasAnyPrefix(ref, allowed) {
			t.Errorf("%s: link to %q", file, ref)
		}
		return
	case strings.Contains(ref, ":") || strings.HasPrefix(ref, "/"):
		t.Errorf("%s: reference %q is neither relative nor allowed", file, ref)
		return
	}
	target, fragment, _ := strings.Cut(ref, "#")
	if target == "" {
		if ids[fragment] == 0 {
			t.Errorf("%s: link to #%s, no such id", file, fragment)
		}
		return
	}
	target = path.Clean(target)
	f, ok := bundle.File(target)
	if !ok {
		t.Errorf("%s: link to %q, not in the bundle", file, ref)
		return
	}
	if fragment != "" && !bytes.Contains(f.Body, []byte(`id="`+fragment+`"`)) {
		t.Errorf("%s: link to %q, no such id in %s", file, ref, target)
	}
}

func checkSitemap(t *testing.T, bundle Bundle, b Brief) {
	t.Helper()
	base := b.BaseURL
	if base == "" {
		base = PlaceholderBaseURL
	}
	sm, _ := bundle.File("sitemap.xml")
	for _, p := range pages() {
		if !bytes.Contains(sm.Body, []byte("<loc>"+base+pageSlug(p.File)+"</loc>")) {
			t.Errorf("sitemap.xml lacks %s%s:\n%s", base, pageSlug(p.File), sm.Body)
		}
	}
	robots, _ := bundle.File("robots.txt")
	if !bytes.Contains(robots.Body, []byte("Sitemap: "+base+"sitemap.xml\n")) {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots.Body)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestZipRoundTrip(t *testing.T) {
	b := frenchBrief("fresh-market")
	b.FaviconSet = testFavicons(t)
	bundle := build(t, b)
	var first, second bytes.Buffer
	if err := bundle.Zip(&first); err != nil {
		t.Fatal(err)
	}
	if err := build(t, b).Zip(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("two builds of one brief zip to different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(first.Bytes()), int64(first.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var got Bundle
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, File{Path: zf.Name, ContentType: bundle[len(got)].ContentType, Body: body})
	}
	if diff := cmp.Diff(bundle, got); diff != "" {
		t.Errorf("zip round trip (-built +unzipped):\n%s", diff)
	}
}

// TestThemesDistinct checks every pair of themes differs in its stylesheet and in the structure
// of its home page (elements and classes, text aside).
func TestThemesDistinct(t *testing.T) {
	css := map[string]string{}
	shape := map[string]string{}
	for _, id := range Themes() {
		bundle := build(t, englishBrief(id))
		f, _ := bundle.File("assets/site.css")
		css[id] = string(f.Body)
		idx, _ := bundle.File("index.html")
		shape[id] = structure(t, idx.Body)
	}
	ids := Themes()
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if css[a] == css[b] {
				t.Errorf("%s and %s have the same stylesheet", a, b)
			}
			if shape[a] == shape[b] {
				t.Errorf("%s and %s have the same home page structure", a, b)
			}
		}
	}
}

// structure is a page's element tree with classes, without text.
func structure(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			fmt.Fprintf(&b, "<%s.%s>", n.Data, attr(n, "class"))
		}
	})
	return b.String()
}

func TestUnknownTemplateUsesDefaultTheme(t *testing.T) {
	for _, id := range []string{"", "no-such-template", "../artisan-warm"} {
		if got := ThemeFor(id); got != defaultTheme {
			t.Errorf("ThemeFor(%q) = %q, want %q", id, got, defaultTheme)
		}
		bundle := build(t, englishBrief(id))
		css, _ := bundle.File("assets/site.css")
		if !bytes.Contains(css.Body, []byte(`theme "`+defaultTheme+`"`)) {
			t.Errorf("template %q: stylesheet is not the default theme's", id)
		}
	}
}

func TestBuildStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, englishBrief("bold-urban")); err == nil {
		t.Fatal("Build with a cancelled context succeeded")
	}
}

func TestBundleFile(t *testing.T) {
	bundle := build(t, englishBrief("tech-modern"))
	if f, ok := bundle.File("robots.txt"); !ok || f.ContentType != "text/plain; charset=utf-8" {
		t.Errorf("File(robots.txt) = %v, %v", f.ContentType, ok)
	}
	if _, ok := bundle.File("missing.html"); ok {
		t.Errorf("File(missing.html) found")
	}
}

// TestThemeCatalogue keeps the themes in step with the template catalogue the template agent
// scores: the same ids, and each theme's default section order is the catalogue's.
func TestThemeCatalogue(t *testing.T) {
	k, err := agents.LoadKnowledge()
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	var catalogue []string
	for _, tp := range k.Templates {
		catalogue = append(catalogue, tp.ID)
		th, ok := themeByID(tp.ID)
		if !ok {
			continue
		}
		if diff := cmp.Diff(tp.SectionOrder, th.Order); diff != "" {
			t.Errorf("%s: section order differs from the catalogue (-catalogue +theme):\n%s", tp.ID, diff)
		}
		if tp.Fonts.Heading != th.HeadingFont || tp.Fonts.Body != th.BodyFont {
			t.Errorf("%s: fonts differ from the catalogue", tp.ID)
		}
	}
	if diff := cmp.Diff(catalogue, Themes()); diff != "" {
		t.Errorf("theme ids (-catalogue +themes):\n%s", diff)
	}
}

// TestLongPriceIsANote: a pricing sentence too long for a badge is set as plain text.
func TestLongPriceIsANote(t *testing.T) {
	b := englishBrief("fresh-market")
	b.Content.Services.Services[0].PricingInfo = "Just ask and we will tell you the price straight away; we accept bank transfer and cash."
	services, _ := build(t, b).File("services.html")
	body := string(services.Body)
	if !strings.Contains(body, `<p class="g-price-note">Just ask`) {
		t.Errorf("long price is not a note")
	}
	if !strings.Contains(body, `<p class="fm-product__price">From ₦15,000</p>`) {
		t.Errorf("short price lost its badge")
	}
}
