package site

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"genesis/agents"
)

// homeSections are the data-testid of the home page's sections, in order.
func homeSections(t *testing.T, bundle Bundle) []string {
	t.Helper()
	f, _ := bundle.File("index.html")
	doc, err := html.Parse(bytes.NewReader(f.Body))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "section" {
			if id := attr(n, "data-testid"); id != "" {
				out = append(out, id)
			}
		}
	})
	return out
}

func TestSectionOrder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		template string
		order    []string
		want     []string
	}{
		{"brief's order", "bold-urban", []string{"hero", "faq", "about", "services", "contact"},
			[]string{"hero", "section-faq", "section-about", "section-services", "section-contact"}},
		{"spelling and duplicates", "bold-urban", []string{"Value-Proposition", "map", "MAP", "unknown", "pricing"},
			[]string{"hero", "section-value-proposition", "section-map", "section-pricing"}},
		{"theme's order when none", "artisan-warm", nil,
			[]string{"hero", "section-about", "section-services", "section-gallery", "section-testimonials", "section-pricing", "section-contact", "section-map"}},
		{"theme's order when none known", "tech-modern", []string{"carousel", "newsletter"},
			[]string{"hero", "section-value-proposition", "section-services", "section-pricing", "section-faq", "section-about", "section-contact"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := englishBrief(tc.template)
			b.Template.Customizations.SectionOrder = tc.order
			if diff := cmp.Diff(tc.want, homeSections(t, build(t, b))); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEmptySectionsSkipped: blocks the brief has nothing for are left out, the page stays valid.
func TestEmptySectionsSkipped(t *testing.T) {
	b := englishBrief("clean-professional")
	b.Content.Homepage.ValueProposition = agents.HomepageValueProp{}
	b.Content.About.CommunityImpact = ""
	for i := range b.Content.Services.Services {
		b.Content.Services.Services[i].PricingInfo = ""
	}
	b.Template.Customizations.SectionOrder = []string{"hero", "value_proposition", "testimonials", "pricing", "services", "contact"}
	bundle := build(t, b)
	if diff := cmp.Diff([]string{"hero", "section-services", "section-contact"}, homeSections(t, bundle)); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	for _, p := range pages() {
		checkPage(t, bundle, p.File, "en", nil, true)
	}
}

// TestSEOHeadings: the h1 is the SEO section's, the h2s are matched to the blocks they name, the
// others keep the site's labels.
func TestSEOHeadings(t *testing.T) {
	idx, _ := build(t, englishBrief("clean-professional")).File("index.html")
	body := string(idx.Body)
	for _, want := range []string{
		`<h1 id="hero-title" class="cp-hero__h1">Family bakery in Yaba, Lagos</h1>`,
		`<h2 id="value-proposition-title" class="g-sec__title">Why choose us</h2>`,
		`<h2 id="services-title" class="g-sec__title">Our bakery services in Lagos</h2>`,
		`<h2 id="about-title" class="g-sec__title">About Mama Titi&#39;s Bakery</h2>`,
		`<h2 id="contact-title" class="g-sec__title">Contact us</h2>`,
		`<h2 id="faq-title" class="g-sec__title">Questions and answers</h2>`,
		`<title>Mama Titi&#39;s Bakery – fresh bread in Yaba, Lagos</title>`,
		`<meta name="description" content="Family bakery in Yaba, Lagos: agege bread`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	for _, tc := range []struct {
		h2s, ids, topics []string
		want             map[string]string
	}{
		{[]string{"Nos tarifs", "Nous trouver à Mermoz", "FAQ"}, []string{"map", "faq", "pricing", "about"}, nil,
			map[string]string{"map": "Nous trouver à Mermoz", "faq": "FAQ", "pricing": "Nos tarifs"}},
		// The SEO agent's shape: service headings are left to the services, reviews to no block.
		{[]string{"Our services", "Event booking in Lagos", "Why customers choose us", "What our customers say", "Visit us in Lagos"},
			[]string{"services", "value_proposition", "testimonials", "contact", "map"}, []string{"Event booking"},
			map[string]string{"services": "Our services", "value_proposition": "Why customers choose us", "map": "Visit us in Lagos"}},
		{[]string{"Ce que nous proposons", "Tresses à Dakar", "Pourquoi nos clients nous choisissent", "Avis de nos clients", "Venez nous voir à Dakar"},
			[]string{"value_proposition", "services", "testimonials", "map"}, []string{"Tresses"},
			map[string]string{"services": "Ce que nous proposons", "value_proposition": "Pourquoi nos clients nous choisissent", "map": "Venez nous voir à Dakar"}},
	} {
		if got := matchHeadings(tc.h2s, tc.ids, tc.topics); !cmp.Equal(got, tc.want) {
			t.Errorf("matchHeadings(%q, %q) = %v, want %v", tc.h2s, tc.ids, got, tc.want)
		}
	}
}

// TestHeadWithBaseURLAndAlternate: canonical, Open Graph and hreflang links are absolute under the
// site's URLs; the sitemap lists the alternates too.
func TestHeadWithBaseURLAndAlternate(t *testing.T) {
	bundle := build(t, frenchBrief("elegant-boutique"))
	about, _ := bundle.File("about.html")
	for _, want := range []string{
		`<html lang="fr">`,
		`<link rel="canonical" href="https://salonawa.example/about.html">`,
		`<link rel="alternate" hreflang="fr" href="https://salonawa.example/about.html">`,
		`<link rel="alternate" hreflang="en" href="https://salonawa.example/en/about.html">`,
		`<meta property="og:url" content="https://salonawa.example/about.html">`,
		`<meta property="og:image" content="https://salonawa.example/assets/logo.svg">`,
		`<meta property="og:title" content="À propos · Salon Awa Coiffure">`,
		`<a href="https://salonawa.example/en/about.html" hreflang="en" lang="en" rel="alternate">English</a>`,
		`<a class="g-skip" href="#main" data-testid="skip-link">Aller au contenu</a>`,
		`<a href="about.html" aria-current="page">À propos</a>`,
		`© 2026 Salon Awa Coiffure Tous droits réservés.`,
		`<a class="g-btn g-btn--call " href="tel:+221775550142" data-testid="call-us">Appelez-nous</a>`,
	} {
		if !strings.Contains(string(about.Body), want) {
			t.Errorf("about.html lacks %s", want)
		}
	}
	idx, _ := bundle.File("index.html")
	if !strings.Contains(string(idx.Body), `<link rel="canonical" href="https://salonawa.example/">`) {
		t.Errorf("index.html's canonical is not the site's root")
	}
	sm, _ := bundle.File("sitemap.xml")
	if !strings.Contains(string(sm.Body), `<xhtml:link rel="alternate" hreflang="en" href="https://salonawa.example/en/services.html"/>`) {
		t.Errorf("sitemap lacks the English alternate:\n%s", sm.Body)
	}
}

// TestHeadWithoutBaseURL: no canonical, og:url or hreflang without a home; the sitemap and robots
// fall back to the placeholder.
func TestHeadWithoutBaseURL(t *testing.T) {
	bundle := build(t, englishBrief("vibrant-creative"))
	idx, _ := bundle.File("index.html")
	for _, absent := range []string{`rel="canonical"`, `og:url`, `hreflang`} {
		if strings.Contains(string(idx.Body), absent) {
			t.Errorf("index.html has %s without a BaseURL", absent)
		}
	}
	if !strings.Contains(string(idx.Body), `<meta property="og:image" content="assets/logo.svg">`) {
		t.Errorf("og:image is not the logo")
	}
	robots, _ := bundle.File("robots.txt")
	if want := "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n"; string(robots.Body) != want {
		t.Errorf("robots.txt = %q, want %q", robots.Body, want)
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"https://a.example":                 "https://a.example/",
		"https://a.example/shop":            "https://a.example/shop/",
		"https://a.example/shop/index.html": "https://a.example/shop/",
		" http://a.example/x/ ":             "http://a.example/x/",
	} {
		got, err := normalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("normalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestChannels(t *testing.T) {
	got, phone, email := channels([]string{"Phone: +234 803 555 0142", "Email: orders@mamatitis.example", "Instagram: @mamatitis", "Code 1234", "javascript:alert(1)"})
	want := []channel{
		{Text: "Phone: +234 803 555 0142", Href: "tel:+2348035550142"},
		{Text: "Email: orders@mamatitis.example", Href: "mailto:orders@mamatitis.example"},
		{Text: "Instagram: @mamatitis"},
		{Text: "Code 1234"},
		{Text: "javascript:alert(1)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	if phone != "tel:+2348035550142" || email != "mailto:orders@mamatitis.example" {
		t.Errorf("phone %q, email %q", phone, email)
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  spaced\n text ", 20, "spaced text"},
		{"one two three four five", 12, "one two…"},
		{"ééééééééééééé", 5, "éééé…"},
	} {
		if got := truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestCTATarget(t *testing.T) {
	for _, tc := range []struct{ text, fallback, want string }{
		{"Order for tomorrow", "services.html", "contact.html"},
		{"Contact our team", "services.html", "contact.html"},
		{"Demander un devis", "services.html", "contact.html"},
		{"Écrivez-nous", "services.html", "contact.html"},
		{"Voir nos services", "contact.html", "services.html"},
		{"See what we do", "contact.html", "services.html"},
		{"Découvrir ce que nous faisons", "contact.html", "services.html"},
		{"Read our story", "services.html", "about.html"},
		{"Rencontrer l'équipe", "services.html", "about.html"},
		{"Qui sommes-nous ?", "services.html", "about.html"},
		{"Get started now", "contact.html", "contact.html"},
		{"Lancez-vous", "services.html", "services.html"},
	} {
		if got := ctaTarget(tc.text, tc.fallback); got != tc.want {
			t.Errorf("ctaTarget(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
