package site

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/a-h/templ"

	"genesis/agents"
)

// page is one HTML page of a site.
type page struct {
	ID   string // "index", "about", "services", "contact"
	File string
}

func pages() []page {
	return []page{
		{"index", "index.html"},
		{"about", "about.html"},
		{"services", "services.html"},
		{"contact", "contact.html"},
	}
}

// site is everything Build derives from a brief once, before rendering each page.
type site struct {
	b          Brief
	lang       string // the html lang attribute
	text       siteText
	theme      theme
	base       string // normalised BaseURL, "" when none
	alternates []Alternate
	colours    colours
	fonts      fonts
	logo       logoFile
	icons      []icon
	year       int
}

func newSite(b Brief) (*site, error) {
	base, err := normalizeBaseURL(b.BaseURL)
	if err != nil {
		return nil, err
	}
	lang := languageTag(b.Input.Language)
	alts, err := normalizeAlternates(b.Alternates, lang)
	if err != nil {
		return nil, err
	}
	icons, err := faviconSet(b.FaviconSet)
	if err != nil {
		return nil, err
	}
	th, _ := themeByID(ThemeFor(b.Template.PrimaryTemplate.ID))
	col := deriveColours(pickColours(b, th.Scheme), th.Scheme)
	year := b.Year
	if year == 0 {
		year = time.Now().Year()
	}
	return &site{
		b:          b,
		lang:       lang,
		text:       textFor(agents.Language(baseLanguage(lang))),
		theme:      th,
		base:       base,
		alternates: alts,
		colours:    col,
		fonts: fonts{
			Heading: fontStack(b.Template.Customizations.Fonts.Heading, th.HeadingFont),
			Body:    fontStack(b.Template.Customizations.Fonts.Body, th.BodyFont),
		},
		logo:  siteLogo(b.Logo.PrimaryLogo.SVG, b.Input.BusinessName, col),
		icons: icons,
		year:  year,
	}, nil
}

// view is what the components of one page read. Every string in it is brief text or a label and
// reaches HTML through templ's escaping only.
type view struct {
	T      siteText
	Theme  theme
	PageID string
	Lang   string
	Name   string
	Year   int

	// head
	Title       string
	Description string
	Canonical   string // absolute, "" without BaseURL
	OGImage     string
	ThemeColor  string
	Icons       []icon
	Hreflang    []langLink // <link rel="alternate" hreflang>, the page itself included
	LangSwitch  []langLink // visible links to the other versions
	LDJSON      json.RawMessage

	Logo logoFile

	// home page
	H1       string
	Hero     agents.Hero
	Tagline  string // the hero title when the h1 says something else
	Value    agents.HomepageValueProp
	Teaser   string
	Sections []section

	About         agents.About
	Story         []string
	ServicesIntro string
	Services      []agents.ServiceCopy
	Prices        []priceRow
	Contact       agents.Contact
	Channels      []channel
	Phone         string // tel: link of the first phone number found, or ""
	Email         string // mailto: link of the first e-mail address found, or ""
	Location      string // "City, Region, Country"
	City          string
	FAQ           []faqItem
}

// section is one block of the home page below the hero.
type section struct {
	ID      string // a section_order id
	Heading string
}

// Anchor is the section's element id.
func (s section) Anchor() string { return strings.ReplaceAll(s.ID, "_", "-") }

type langLink struct {
	Lang  string
	Href  string
	Label string
}

type channel struct {
	Text string
	Href string // tel: or mailto: when the channel names a number or an address, else ""
}

type priceRow struct {
	Service string
	Price   string
}

type faqItem struct {
	Question string
	Answer   string
}

type navItem struct {
	Href    string
	Label   string
	Current bool
}

// Nav is the site's main navigation, the current page marked.
func (v *view) Nav() []navItem {
	items := []navItem{
		{"index.html", v.T.Home, false},
		{"about.html", v.T.About, false},
		{"services.html", v.T.Services, false},
		{"contact.html", v.T.Contact, false},
	}
	for i := range items {
		items[i].Current = items[i].Href == v.PageID+".html"
	}
	return items
}

// Copyright is the footer's copyright line.
func (v *view) Copyright() string { return fmt.Sprintf(v.T.Copyright, v.Year, v.Name) }

// initial is the first letter of s, upper-cased, for decorative monograms.
func initial(s string) string {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	return "•"
}

// number formats a 0-based position as "01", "02", …
func number(i int) string { return fmt.Sprintf("%02d", i+1) }

func (s *site) view(p page) *view {
	b := s.b
	c := b.Content
	v := &view{
		T:          s.text,
		Theme:      s.theme,
		PageID:     p.ID,
		Lang:       s.lang,
		Name:       strings.TrimSpace(b.Input.BusinessName),
		Year:       s.year,
		ThemeColor: s.colours.Primary,
		Icons:      s.icons,
		Logo:       s.logo,
		OGImage:    s.absolute(logoPath),

		Hero:          c.Homepage.Hero,
		Value:         c.Homepage.ValueProposition,
		Teaser:        c.Homepage.ServicesTeaser,
		About:         c.About,
		Story:         paragraphs(c.About.Story),
		ServicesIntro: c.Services.Intro,
		Contact:       c.Contact,
		Location:      joinNonEmpty(", ", b.Input.Location.City, b.Input.Location.Region, b.Input.Location.Country),
		City:          strings.TrimSpace(b.Input.Location.City),
	}
	for _, sv := range c.Services.Services {
		if strings.TrimSpace(sv.Name) == "" {
			continue
		}
		v.Services = append(v.Services, sv)
		if strings.TrimSpace(sv.PricingInfo) != "" {
			v.Prices = append(v.Prices, priceRow{Service: sv.Name, Price: sv.PricingInfo})
		}
	}
	v.Channels, v.Phone, v.Email = channels(c.Contact.Channels)
	v.FAQ = s.faq(v)

	if s.base != "" {
		v.Canonical = s.base + pageSlug(p.File)
		v.Hreflang = append(v.Hreflang, langLink{Lang: s.lang, Href: v.Canonical})
	}
	for _, a := range s.alternates {
		href := a.URL + pageSlug(p.File)
		// hreflang needs absolute URLs on both sides; a relative alternate is only a link.
		if s.base != "" && isAbsolute(a.URL) {
			v.Hreflang = append(v.Hreflang, langLink{Lang: string(a.Language), Href: href})
		}
		v.LangSwitch = append(v.LangSwitch, langLink{Lang: string(a.Language), Href: href, Label: languageName(a.Language)})
	}

	v.H1 = firstNonEmpty(b.SEO.HeadingStructure.H1, c.Homepage.Hero.Title, v.Name)
	if t := strings.TrimSpace(c.Homepage.Hero.Title); t != "" && t != v.H1 {
		v.Tagline = t
	}
	metaDesc := firstNonEmpty(b.SEO.MetaDescription, c.Homepage.Hero.Subtitle, c.Homepage.Hero.Paragraph)
	switch p.ID {
	case "index":
		v.Title = firstNonEmpty(b.SEO.MetaTitle, v.Name)
		v.Description = metaDesc
		v.LDJSON = jsonLD(b.SEO.StructuredData)
		v.Sections = s.sections(v)
	case "about":
		v.Title = fmt.Sprintf(s.text.PageTitle, s.text.About, v.Name)
		v.Description = firstNonEmpty(first(v.Story), metaDesc)
	case "services":
		v.Title = fmt.Sprintf(s.text.PageTitle, s.text.Services, v.Name)
		v.Description = firstNonEmpty(c.Services.Intro, c.Homepage.ServicesTeaser, metaDesc)
	case "contact":
		v.Title = fmt.Sprintf(s.text.PageTitle, s.text.Contact, v.Name)
		v.Description = firstNonEmpty(c.Contact.Message, metaDesc)
	}
	v.Description = truncate(v.Description, 160)
	return v
}

// sections lists the home page's blocks below the hero: the brief's section order (the theme's when
// the brief gives none), unknown ids and duplicates dropped, blocks without content skipped.
// Headings come from the SEO section's h2 list where one fits the block.
func (s *site) sections(v *view) []section {
	order := normalizeOrder(s.b.Template.Customizations.SectionOrder)
	if len(order) == 0 {
		order = normalizeOrder(s.theme.Order)
	}
	has := map[string]bool{
		"value_proposition": v.Value.MainValue != "" || len(v.Value.Benefits) > 0 || v.Value.WhyChooseUs != "",
		"services":          len(v.Services) > 0 || v.Teaser != "",
		"about":             len(v.Story) > 0 || len(v.About.Values) > 0,
		"testimonials":      strings.TrimSpace(v.About.CommunityImpact) != "",
		"gallery":           len(v.Services) > 0,
		"pricing":           len(v.Prices) > 0,
		"faq":               len(v.FAQ) > 0,
		"contact":           true,
		"map":               strings.TrimSpace(v.Contact.Address) != "" || v.Location != "",
	}
	var ids []string
	for _, id := range order {
		if id != "hero" && has[id] {
			ids = append(ids, id)
		}
	}
	topics := slices.Clone(s.b.Input.Services)
	for _, sv := range v.Services {
		topics = append(topics, sv.Name)
	}
	headings := matchHeadings(s.b.SEO.HeadingStructure.H2Sections, ids, topics)
	out := make([]section, 0, len(ids))
	for _, id := range ids {
		h := headings[id]
		if h == "" {
			h = s.defaultHeading(id)
		}
		out = append(out, section{ID: id, Heading: h})
	}
	return out
}

// HasSection reports whether the home page shows the block id.
func (v *view) HasSection(id string) bool {
	for _, s := range v.Sections {
		if s.ID == id {
			return true
		}
	}
	return false
}

func (s *site) defaultHeading(id string) string {
	t := s.text
	switch id {
	case "value_proposition":
		return t.WhyChooseUs
	case "services":
		return t.ServicesTitle
	case "about":
		return t.StoryHeading
	case "testimonials":
		return t.CommunityHeading
	case "gallery":
		return t.GalleryHeading
	case "pricing":
		return t.PricingHeading
	case "faq":
		return t.FAQHeading
	case "contact":
		return firstNonEmpty(s.b.Content.Contact.Headline, t.ContactTitle)
	case "map":
		return t.MapHeading
	}
	return ""
}

// knownSection reports whether id is a section id of the catalogue.
func knownSection(id string) bool {
	switch id {
	case "hero", "value_proposition", "services", "about", "testimonials", "gallery", "pricing", "faq", "contact", "map":
		return true
	}
	return false
}

// normalizeOrder keeps the known ids of order, once each, spelled as the catalogue spells them.
func normalizeOrder(order []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range order {
		id = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(id)), "-", "_")
		if knownSection(id) && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// faq answers the questions every visitor asks from what the brief says; a question without an
// answer in the brief is left out.
func (s *site) faq(v *view) []faqItem {
	var names []string
	for _, sv := range v.Services {
		names = append(names, sv.Name)
	}
	var reach []string
	for _, ch := range v.Channels {
		reach = append(reach, ch.Text)
	}
	candidates := []faqItem{
		{s.text.FAQOffer, firstNonEmpty(v.Teaser, strings.Join(names, ", "))},
		{s.text.FAQWhere, firstNonEmpty(v.Contact.Address, v.Location)},
		{s.text.FAQHours, v.Contact.Hours},
		{s.text.FAQReach, strings.Join(reach, " · ")},
		{fmt.Sprintf(s.text.FAQWhy, v.Name), v.Value.WhyChooseUs},
	}
	var out []faqItem
	for _, q := range candidates {
		if strings.TrimSpace(q.Answer) != "" {
			out = append(out, q)
		}
	}
	return out
}

var (
	phonePattern = regexp.MustCompile(`\+?[0-9][0-9 ().-]{5,}[0-9]`)
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
)

// channels turns the brief's contact channels into list items, linking phone numbers (tel:) and
// e-mail addresses (mailto:); it also returns the first of each for call and e-mail buttons. Other
// text, web addresses included, stays plain text: a generated site links to no other site.
func channels(list []string) (out []channel, phone, email string) {
	for _, text := range list {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		ch := channel{Text: text}
		if m := emailPattern.FindString(text); m != "" {
			ch.Href = "mailto:" + m
			if email == "" {
				email = ch.Href
			}
		} else if m := phonePattern.FindString(text); m != "" {
			if tel := telURI(m); tel != "" {
				ch.Href = tel
				if phone == "" {
					phone = tel
				}
			}
		}
		out = append(out, ch)
	}
	return out, phone, email
}

// telURI keeps a number's digits and leading plus sign; fewer than 7 digits is no phone number.
func telURI(number string) string {
	var b strings.Builder
	for i, r := range number {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if digits := strings.TrimPrefix(b.String(), "+"); len(digits) < 7 || len(digits) > 15 {
		return ""
	}
	return "tel:" + b.String()
}

// shortPrice is the longest price shown as a badge; longer pricing notes read as plain text.
const shortPrice = 36

func isShortPrice(price string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(price)) <= shortPrice
}

// showPrice reports whether a service card shows its price: always on the services page (full),
// on the home page only when it is short, since the price list says the rest.
func showPrice(price string, full bool) bool {
	return strings.TrimSpace(price) != "" && (full || isShortPrice(price))
}

// priceClass is class for a price short enough for the theme's badge, else the plain note style.
func priceClass(class, price string) string {
	if isShortPrice(price) {
		return class
	}
	return "g-price-note"
}

// ctaTarget is the page a call to action's words point at, in English or French ("See our
// services", "Lire notre histoire", "Nous appeler"), or fallback when they name none.
func ctaTarget(text, fallback string) string {
	t := strings.ToLower(text)
	for _, route := range []struct {
		page  string
		words []string
	}{
		{"contact.html", []string{"contact", "call", "appel", "message", "écri", "write", "quote", "devis", "book", "réserv", "reserv", "order", "command", "hello", "bonjour", "talk", "parl", "visit", "venez", "enquiry", "demande", "rappel"}},
		{"services.html", []string{"service", "prestation", "what we do", "ce que nous faisons", "ce qu'on fait", "ce qu’on fait", "explore", "offer", "menu", "product", "produit", "catalog"}},
		{"about.html", []string{"story", "histoire", "about", "qui sommes", "team", "équipe", "equipe", "approach", "approche", "discover", "découvrir", "learn more", "en savoir plus", "why", "pourquoi"}},
	} {
		for _, w := range route.words {
			if strings.Contains(t, w) {
				return route.page
			}
		}
	}
	return fallback
}

// safeHref passes a URL this package built (tel:, mailto:, absolute URLs from validated
// configuration, relative file names) through templ's sanitiser.
func safeHref(s string) templ.SafeURL { return templ.URL(s) }

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func firstNonEmpty(list ...string) string {
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func joinNonEmpty(sep string, list ...string) string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

// truncate shortens s to at most n runes, at a word boundary, with an ellipsis.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-–—") + "…"
}
