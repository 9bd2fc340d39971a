package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"genesis/agents"
)

// normalizeBaseURL checks that s is an absolute http(s) URL without credentials, query or
// fragment, and returns it ending in "/" so page names append to it. Empty stays empty.
func normalizeBaseURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("site base URL %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("site base URL %q: want an absolute http or https URL", s)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("site base URL %q: credentials, query and fragment are not allowed", s)
	}
	u.Path = strings.TrimSuffix(u.Path, "index.html")
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), nil
}

var languagePattern = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// languageTag is the html lang of a brief's language: a lower-case BCP 47 tag, English when the
// brief names none or something that is no language tag.
func languageTag(l agents.Language) string {
	tag := strings.ToLower(strings.TrimSpace(string(l)))
	if !languagePattern.MatchString(tag) {
		return string(agents.English)
	}
	return tag
}

// baseLanguage is the primary subtag: "fr" of "fr-sn".
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return base
}

// normalizeAlternates validates the other-language versions: a language tag that differs from the
// site's own, and for each an absolute http(s) URL or a relative folder path such as "fr/" or
// "../" (which the language links use, but hreflang and the sitemap, wanting absolute URLs, leave
// out).
func normalizeAlternates(alts []Alternate, own string) ([]Alternate, error) {
	out := make([]Alternate, 0, len(alts))
	seen := map[string]bool{own: true}
	for _, a := range alts {
		tag := strings.ToLower(strings.TrimSpace(string(a.Language)))
		if !languagePattern.MatchString(tag) {
			return nil, fmt.Errorf("alternate language %q: not a language tag", a.Language)
		}
		if seen[tag] {
			return nil, fmt.Errorf("alternate language %q: given twice or the site's own", a.Language)
		}
		seen[tag] = true
		u := relativeFolder(a.URL)
		var err error
		if u == "" {
			u, err = normalizeBaseURL(a.URL)
		}
		if err != nil {
			return nil, fmt.Errorf("alternate %s: %w", tag, err)
		}
		if u == "" {
			return nil, fmt.Errorf("alternate %s: URL is required", tag)
		}
		out = append(out, Alternate{Language: agents.Language(tag), URL: u})
	}
	return out, nil
}

// relativeFolder returns s ending in "/" when it is a plain relative path ("fr", "../"): no
// scheme, host, query, fragment, backslash or leading slash. Anything else gives "".
func relativeFolder(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "\\:?#%") || strings.HasPrefix(s, "/") {
		return ""
	}
	if u, err := url.Parse(s); err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// isAbsolute reports whether a normalised alternate URL is absolute.
func isAbsolute(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// hasAbsoluteAlternates reports whether any other-language version has an absolute URL, so the
// sitemap lists it.
func (s *site) hasAbsoluteAlternates() bool {
	for _, a := range s.alternates {
		if isAbsolute(a.URL) {
			return true
		}
	}
	return false
}

// pageSlug is a page's path under the site's root: the home page is the root itself.
func pageSlug(file string) string {
	if file == "index.html" {
		return ""
	}
	return file
}

// absolute is path under BaseURL, or path itself (relative) when the site has no BaseURL.
func (s *site) absolute(path string) string {
	if s.base == "" {
		return path
	}
	return s.base + path
}

// maxJSONLD bounds the structured data a page carries.
const maxJSONLD = 64 << 10

// jsonLD returns the brief's structured data ready for a <script type="application/ld+json">
// element, or nil when it is missing, too large, or not a JSON object or array. It is compacted
// and every <, > and & inside strings becomes a \u escape, so no "</script" or "<!--" can end or
// alter the element whatever the text says.
func jsonLD(s string) json.RawMessage {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxJSONLD || (s[0] != '{' && s[0] != '[') || !json.Valid([]byte(s)) {
		return nil
	}
	var compact, escaped bytes.Buffer
	if err := json.Compact(&compact, []byte(s)); err != nil {
		return nil
	}
	json.HTMLEscape(&escaped, compact.Bytes())
	return json.RawMessage(escaped.Bytes())
}

// matchHeadings assigns the SEO section's h2 headings to the home page's blocks: each block takes
// the first unused heading that names its subject (in English or French); blocks left without one
// use the site's own label. Headings that open with one of topics (the services: "Cakes in
// Lagos") are about that service, not a block, and stay unused.
func matchHeadings(h2s, ids, topics []string) map[string]string {
	used := make([]bool, len(h2s))
	for i, h := range h2s {
		for _, topic := range topics {
			if topic = strings.ToLower(strings.TrimSpace(topic)); topic != "" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(h)), topic) {
				used[i] = true
			}
		}
	}
	out := map[string]string{}
	for _, id := range ids {
		for i, h := range h2s {
			if used[i] || strings.TrimSpace(h) == "" {
				continue
			}
			if headingNames(strings.ToLower(h), id) {
				used[i] = true
				out[id] = strings.TrimSpace(h)
				break
			}
		}
	}
	return out
}

func headingNames(h, id string) bool {
	var words []string
	switch id {
	case "value_proposition":
		words = []string{"why", "choose", "pourquoi", "choisir", "advantage", "avantage", "promise", "promesse", "benefit", "atout"}
	case "services":
		words = []string{"service", "prestation", "offer", "offre", "proposons", "what we do", "ce que nous faisons", "product", "produit"}
	case "about":
		words = []string{"about", "propos", "story", "histoire", "who we are", "qui sommes", "team", "équipe", "equipe"}
	case "testimonials":
		// The block tells what the business does for its community; headings promising
		// customer reviews would not describe it, so they do not match.
		words = []string{"communit", "communauté", "communaute", "neighbour", "neighbor", "quartier"}
	case "gallery":
		words = []string{"gallery", "galerie", "our work", "réalisation", "realisation", "portfolio", "photo"}
	case "pricing":
		words = []string{"price", "pricing", "tarif", "prix", "rates", "cost", "coût"}
	case "faq":
		words = []string{"faq", "question"}
	case "contact":
		words = []string{"contact", "reach", "joindre", "book", "réserv", "reserv", "rendez-vous", "appointment"}
	case "map":
		words = []string{"find us", "where", "location", "trouver", "où", "accès", "acces", "visit", "visite", "venez", "nous voir", "address", "adresse"}
	}
	for _, w := range words {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// sitemap lists the four pages under BaseURL (PlaceholderBaseURL without one), with their other
// language versions as xhtml:link alternates.
func (s *site) sitemap() []byte {
	base := s.base
	if base == "" {
		base = PlaceholderBaseURL
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if s.hasAbsoluteAlternates() {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, p := range pages() {
		b.WriteString("  <url>\n    <loc>")
		xmlText(&b, base+pageSlug(p.File))
		b.WriteString("</loc>\n")
		if s.hasAbsoluteAlternates() {
			link := func(lang, href string) {
				b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
				xmlText(&b, lang)
				b.WriteString(`" href="`)
				xmlText(&b, href)
				b.WriteString("\"/>\n")
			}
			link(s.lang, base+pageSlug(p.File))
			for _, a := range s.alternates {
				if isAbsolute(a.URL) {
					link(string(a.Language), a.URL+pageSlug(p.File))
				}
			}
		}
		b.WriteString("  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

func xmlText(b *strings.Builder, s string) {
	// EscapeText writes to a strings.Builder, which never fails.
	_ = xml.EscapeText(b, []byte(s))
}

// robots allows every crawler everywhere and names the sitemap.
func (s *site) robots() []byte {
	base := s.base
	if base == "" {
		base = PlaceholderBaseURL
	}
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + base + "sitemap.xml\n")
}

type manifestIcon struct {
	Src   string `json:"src"`
	Sizes string `json:"sizes"`
	Type  string `json:"type"`
}

// manifest is the web app manifest: names, colours, and the icons (the logo and the PNG favicons).
func (s *site) manifest() ([]byte, error) {
	name := firstNonEmpty(s.b.Input.BusinessName, s.b.SEO.MetaTitle)
	short := []rune(name)
	if len(short) > 12 {
		short = []rune(initials(name))
	}
	icons := []manifestIcon{{Src: logoPath, Sizes: "any", Type: typeSVG}}
	for _, ic := range s.icons {
		if ic.ContentType == typePNG && ic.Rel == "icon" {
			icons = append(icons, manifestIcon{Src: ic.Name, Sizes: ic.Sizes, Type: typePNG})
		}
	}
	m := struct {
		Name            string         `json:"name"`
		ShortName       string         `json:"short_name"`
		Description     string         `json:"description,omitempty"`
		Lang            string         `json:"lang"`
		StartURL        string         `json:"start_url"`
		Display         string         `json:"display"`
		BackgroundColor string         `json:"background_color"`
		ThemeColor      string         `json:"theme_color"`
		Icons           []manifestIcon `json:"icons"`
	}{
		Name:            name,
		ShortName:       string(short),
		Description:     truncate(s.b.SEO.MetaDescription, 160),
		Lang:            s.lang,
		StartURL:        "./",
		Display:         "browser",
		BackgroundColor: s.colours.Bg,
		ThemeColor:      s.colours.Primary,
		Icons:           icons,
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("web manifest: %w", err)
	}
	return append(out, '\n'), nil
}
