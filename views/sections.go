package views

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/a-h/templ"
	"golang.org/x/text/unicode/norm"

	"genesis/agents"
	"genesis/views/i18n"
)

// SectionBody renders the result of one section for people, by the section's name. A section with
// no result yet renders nothing: the card around it shows the status.
func SectionBody(v *agents.SectionView, briefID string) templ.Component {
	if v == nil || v.Result == nil {
		return templ.NopComponent
	}
	switch v.Name {
	case agents.MarketResearch:
		if r, ok := v.Result.(*agents.MarketResearchResult); ok && r != nil {
			return MarketResearchBody(r)
		}
	case agents.ContentGeneration:
		if r, ok := v.Result.(*agents.ContentGenerationResult); ok && r != nil {
			return ContentBody(r)
		}
	case agents.LogoCreation:
		if r, ok := v.Result.(*agents.LogoCreationResult); ok && r != nil {
			return LogoBody(briefID, v.State.Version, r)
		}
	case agents.SEOOptimization:
		if r, ok := v.Result.(*agents.SEOOptimizationResult); ok && r != nil {
			return SEOBody(r)
		}
	case agents.TemplateSelection:
		if r, ok := v.Result.(*agents.TemplateSelectionResult); ok && r != nil {
			return TemplateBody(r)
		}
	}
	return templ.NopComponent
}

// Limits search engines show before cutting a meta tag, in characters.
const (
	metaTitleLimit       = 60
	metaDescriptionLimit = 160
)

// neutralSwatch stands in for a colour the agent wrote in a form the page does not trust.
const neutralSwatch = "#94a3b8"

// hexColor is the only colour form a swatch accepts: the value ends up in an SVG attribute.
var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// swatchFill is c when it is a plain hex colour, else a neutral grey.
func swatchFill(c string) string {
	if hexColor.MatchString(c) {
		return c
	}
	return neutralSwatch
}

// labelColon ends a label with a colon, spaced the French way in French: "Score:", "Score :".
func labelColon(m *i18n.Messages, label string) string {
	if m.Lang == i18n.FR {
		return label + "\u202f:"
	}
	return label + ":"
}

// clip cuts s to limit characters with an ellipsis, as a search engine shows an over-long tag.
func clip(s string, limit int) string {
	if runeCount(s) <= limit {
		return s
	}
	cut := string([]rune(s)[:limit-1])
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:–-") + "…"
}

// runeCount is a text's length as search engines count it, in characters.
func runeCount(s string) int { return utf8.RuneCountInString(s) }

// metaCount says how much of a limit a meta tag uses: "42/60 characters".
func metaCount(m *i18n.Messages, s string, limit int) string {
	return i18n.F(m.Section.SEO.Count, runeCount(s), limit)
}

// counterClass marks an over-long meta tag; the warning text says so too, colour is never alone.
func counterClass(s string, limit int) string {
	if runeCount(s) > limit {
		return "font-semibold text-amber-900"
	}
	return "text-slate-600"
}

// logoURL is where the brief's logo concept is served; version busts caches after a regeneration.
func logoURL(briefID, concept, ext string, version int64) string {
	u := "/briefs/" + url.PathEscape(briefID) + "/logo/" + url.PathEscape(concept) + "." + ext
	if version > 0 {
		u += "?v=" + strconv.FormatInt(version, 10)
	}
	return u
}

// logoDownload is a download link of a concept, without the cache-busting version.
func logoDownload(briefID, concept, ext string) string {
	return logoURL(briefID, concept, ext, 0)
}

func faviconsURL(briefID string) string {
	return "/briefs/" + url.PathEscape(briefID) + "/logo/favicon.zip"
}

// conceptName is a logo concept for people; a concept the page does not know is shown as written.
func conceptName(m *i18n.Messages, concept string) string {
	switch concept {
	case "monogram":
		return m.Section.Logo.Monogram
	case "wordmark":
		return m.Section.Logo.Wordmark
	case "emblem":
		return m.Section.Logo.Emblem
	}
	return concept
}

// logoAlt describes a concept image for people who cannot see it.
func logoAlt(m *i18n.Messages, l agents.Logo) string {
	name := conceptName(m, l.Concept)
	if strings.TrimSpace(l.Description) == "" {
		return name
	}
	return i18n.F(m.Section.Logo.ImageAlt, name, l.Description)
}

// wcagText names a WCAG contrast rating as the logo agent writes it (AAA, AA, AA Large, fail).
func wcagText(m *i18n.Messages, rating string) string {
	switch strings.ToLower(strings.TrimSpace(rating)) {
	case "aaa":
		return m.Section.Logo.RatingAAA
	case "aa":
		return m.Section.Logo.RatingAA
	case "aa large":
		return m.Section.Logo.RatingLarge
	case "fail":
		return m.Section.Logo.RatingFail
	}
	return rating
}

// wcagClass tints a rating badge; the badge's text carries the rating, so colour is never alone.
func wcagClass(rating string) string {
	switch strings.ToLower(strings.TrimSpace(rating)) {
	case "aaa", "aa":
		return "border-teal-300 bg-teal-50 text-teal-900"
	case "aa large":
		return "border-amber-300 bg-amber-50 text-amber-900"
	}
	return "border-red-300 bg-red-50 text-red-900"
}

// siteSectionName names a website section by its template id, or shows an unknown id as written.
func siteSectionName(m *i18n.Messages, id string) string {
	s := m.Section.Template.SiteSections
	switch id {
	case "hero":
		return s.Hero
	case "value_proposition":
		return s.ValueProposition
	case "services":
		return s.Services
	case "about":
		return s.About
	case "testimonials":
		return s.Testimonials
	case "gallery":
		return s.Gallery
	case "pricing":
		return s.Pricing
	case "faq":
		return s.FAQ
	case "contact":
		return s.Contact
	case "map":
		return s.Map
	}
	return id
}

// languageName names a content language in the page's language.
func languageName(m *i18n.Messages, l agents.Language) string {
	switch l {
	case agents.English:
		return m.Section.Content.English
	case agents.French:
		return m.Section.Content.French
	}
	return string(l)
}

func languageList(m *i18n.Messages, ls []agents.Language) string {
	names := make([]string, 0, len(ls))
	for _, l := range ls {
		names = append(names, languageName(m, l))
	}
	return strings.Join(names, ", ")
}

// templateColor is one customised colour of the template with its role.
type templateColor struct {
	Role string
	Hex  string
}

func templateColors(m *i18n.Messages, c agents.TemplateColors) []templateColor {
	t := m.Section.Template
	all := []templateColor{
		{t.ColorPrimary, c.Primary},
		{t.ColorSecondary, c.Secondary},
		{t.ColorAccent, c.Accent},
		{t.ColorBack, c.Background},
		{t.ColorText, c.Text},
	}
	out := all[:0]
	for _, tc := range all {
		if tc.Hex != "" {
			out = append(out, tc)
		}
	}
	return out
}

// prettyJSON indents s when it is valid JSON and returns it unchanged otherwise. The caller shows
// it as text, so templ escapes it either way.
func prettyJSON(s string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return s
	}
	return b.String()
}

// serpURL is the address line of the search preview: the business name from the structured data
// as a host name, under the country's domain when the data names a country. It is an example, and
// the preview says so.
func serpURL(structuredData string) string {
	var doc struct {
		Name    string `json:"name"`
		Address struct {
			Country string `json:"addressCountry"`
		} `json:"address"`
	}
	if err := json.Unmarshal([]byte(structuredData), &doc); err != nil {
		doc.Name = ""
	}
	host := hostLabel(doc.Name)
	if host == "" {
		host = "example"
	}
	tld := "com"
	if c := strings.ToLower(doc.Address.Country); len(c) == 2 && c[0] >= 'a' && c[0] <= 'z' && c[1] >= 'a' && c[1] <= 'z' {
		tld = c
	}
	return "https://" + host + "." + tld
}

// hostLabel folds a name to a DNS label: accents dropped, words joined by hyphens, at most 40 letters.
func hostLabel(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
