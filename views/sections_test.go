package views_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"genesis/agents"
	"genesis/views"
	"genesis/views/i18n"
)

// render renders c as a page in lang would.
func render(t *testing.T, lang i18n.Lang, c templ.Component) string {
	t.Helper()
	ctx := views.WithPage(context.Background(), &views.Page{
		Msg:   i18n.New().For(lang),
		Asset: func(n string) string { return "/static/" + n },
	})
	var b bytes.Buffer
	if err := c.Render(ctx, &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	return b.String()
}

// --- fixtures: an English bakery in Lagos and a French hair salon in Dakar, written by hand ---

func bakeryMarket() *agents.MarketResearchResult {
	return &agents.MarketResearchResult{
		MarketSizeEstimation: agents.MarketSizeEstimation{
			Estimation:      "About ₦420.1 billion a year: 5.4 million potential customers each spending about ₦78,000 a year, that is 35% of 15.4 million people (the city of Lagos). Segment: Households buying fresh bread weekly.",
			ConfidenceLevel: "medium-high",
			GrowthPotential: "High — the sector grows steadily; 45% are online, so digital channels are still opening up.",
			MarketMaturity:  "Mature: many established competitors; growth comes from taking share with a clearer promise.",
			MarketSegment:   "Households buying fresh bread weekly (35% of the population in scope)",
			Calculation: agents.MarketArithmetic{
				Population:          15388000,
				PopulationScope:     "the city of Lagos",
				SegmentShare:        0.35,
				Customers:           5385800,
				AnnualSpendPerBuyer: 78000,
				Currency:            "NGN",
				AnnualMarketValue:   420092400000,
				Formula:             "population × segment share × annual spend per customer: 15,388,000 × 0.35 = 5,385,800 customers; 5,385,800 × 78,000 NGN = 420,092,400,000 NGN",
			},
		},
		MainCompetitors: []agents.Competitor{
			{Name: "Industrial bread brands in Lagos", Strengths: []string{"Low prices", "Sold in every kiosk"}, Weaknesses: []string{"Same loaf everywhere", "No fresh pastries"}, MarketShare: "about 40%"},
			{Name: "Supermarket in-store bakeries in Lagos", Strengths: []string{"Clean, air-conditioned shops"}, Weaknesses: []string{"Far from most homes", "Higher prices"}, MarketShare: "about 15%"},
		},
		MarketOpportunities: []agents.Opportunity{
			{Opportunity: "Morning delivery of fresh bread to offices", PotentialImpact: "High — 45% of people online", Difficulty: "Medium", Timeframe: "1–3 months"},
			{Opportunity: "Celebration cakes made to order", PotentialImpact: "Medium", Difficulty: "Low", Timeframe: "within a month"},
		},
		PricingInsights: agents.PricingInsights{
			AveragePriceRange: "₦800 – ₦2,500 per loaf; ₦15,000 – ₦60,000 per celebration cake",
			PricingModel:      "per item; weekly bread subscription",
			PriceSensitivity:  "High: most buyers compare prices every week.",
		},
		DifferentiationSuggestion: []string{"Bake twice a day and say so on the shop window.", "Offer a wholemeal loaf made with local millet."},
		CulturalInsights: agents.CulturalInsights{
			KeyValues:        []string{"Family meals", "Generosity at celebrations"},
			LocalPreferences: []string{"Soft agege bread", "Buying on the way to work"},
			TrustFactors:     []string{"Recommendations from neighbours", "Visible hygiene"},
		},
		RiskFactors:    []string{"Flour prices follow the exchange rate.", "Power cuts raise the cost of baking."},
		SuccessFactors: []string{"Freshness every morning", "A loyal neighbourhood following"},
	}
}

func salonMarket() *agents.MarketResearchResult {
	return &agents.MarketResearchResult{
		MarketSizeEstimation: agents.MarketSizeEstimation{
			Estimation:      "Environ 15,5 milliards FCFA par an : 258 971 clients potentiels dépensant chacun environ 60 000 FCFA par an, soit 18 % de 1,4 million d'habitants (la ville de Dakar). Segment : Femmes actives.",
			ConfidenceLevel: "moyenne à élevée",
			GrowthPotential: "Élevé — le secteur croît régulièrement ; 58 % sont en ligne : les clients peuvent vous trouver sur le web.",
			MarketMaturity:  "En croissance : la demande augmente plus vite que l'offre de prestataires de qualité.",
			MarketSegment:   "Femmes actives (18 % de la population du périmètre)",
			Calculation: agents.MarketArithmetic{
				Population:          1438725,
				PopulationScope:     "la ville de Dakar",
				SegmentShare:        0.18,
				Customers:           258971,
				AnnualSpendPerBuyer: 60000,
				Currency:            "XOF",
				AnnualMarketValue:   15538260000,
				Formula:             "population × part du segment × dépense annuelle par client : 1 438 725 × 0,18 = 258 971 clients ; 258 971 × 60 000 XOF = 15 538 260 000 XOF",
			},
		},
		MainCompetitors: []agents.Competitor{
			{Name: "Salons de quartier à Dakar", Strengths: []string{"Prix bas", "Proches des clientes"}, Weaknesses: []string{"Attente longue", "Hygiène inégale"}, MarketShare: "environ 55 %"},
			{Name: "Coiffeuses à domicile à Dakar", Strengths: []string{"Se déplacent"}, Weaknesses: []string{"Horaires incertains"}, MarketShare: "environ 20 %"},
		},
		MarketOpportunities: []agents.Opportunity{
			{Opportunity: "Réservation en ligne par WhatsApp", PotentialImpact: "Élevé — 58 % de la population en ligne", Difficulty: "Faible", Timeframe: "en moins d'un mois"},
		},
		PricingInsights: agents.PricingInsights{
			AveragePriceRange: "5 000 à 40 000 FCFA par prestation",
			PricingModel:      "à la prestation ; forfaits mariage",
			PriceSensitivity:  "Moyenne : la qualité des tresses justifie un prix plus élevé.",
		},
		DifferentiationSuggestion: []string{"Afficher les prix de chaque coiffure à l'entrée."},
		CulturalInsights: agents.CulturalInsights{
			KeyValues:        []string{"Élégance", "Teranga (hospitalité)"},
			LocalPreferences: []string{"Tresses et tissages pour la Tabaski"},
			TrustFactors:     []string{"Photos de réalisations", "Bouche-à-oreille"},
		},
		RiskFactors:    []string{"Forte concurrence des salons de quartier."},
		SuccessFactors: []string{"Ponctualité", "Accueil chaleureux"},
	}
}

func bakeryContent() *agents.ContentGenerationResult {
	return &agents.ContentGenerationResult{
		Homepage: agents.Homepage{
			Hero: agents.Hero{
				Title:        "Fresh bread in Lagos, baked twice a day",
				Subtitle:     "Mama Tunde's Bakery — soft agege, wholemeal millet loaves and cakes for every celebration",
				Paragraph:    "We bake at dawn and again at noon so your family always has warm bread on the table.",
				PrimaryCTA:   "Order today",
				SecondaryCTA: "See our breads",
			},
			ValueProposition: agents.HomepageValueProp{
				MainValue:   "Bread that is still warm when you buy it.",
				Benefits:    []string{"Baked twice a day", "Local millet flour", "Delivery to offices before 8 am"},
				WhyChooseUs: "Three generations of bakers in Surulere.",
			},
			ServicesTeaser: "From the morning loaf to the wedding cake, we bake it fresh.",
		},
		About: agents.About{
			Story:           "Mama Tunde opened her first oven in Surulere in 1998.",
			Values:          []string{"Freshness", "Honest prices"},
			TeamIntro:       "Six bakers and two drivers.",
			CommunityImpact: "We buy our millet from farmers in Ogun State.",
			CallToAction:    "Visit the shop",
		},
		Services: agents.ServicesPage{
			Intro: "Everything we bake, every day.",
			Services: []agents.ServiceCopy{
				{Name: "Fresh bread", Description: "Agege and wholemeal loaves.", Benefits: []string{"Warm at 7 am and 1 pm"}, PricingInfo: "From ₦800", CTA: "Reserve a loaf"},
				{Name: "Celebration cakes", Description: "Made to order for birthdays and weddings.", Benefits: []string{"Your design", "Delivered"}, PricingInfo: "From ₦15,000", CTA: "Order a cake"},
			},
		},
		Contact: agents.Contact{
			Headline:     "Come and smell the bread",
			Message:      "Call or message us on WhatsApp to order.",
			Address:      "12 Adeniran Ogunsanya Street, Surulere, Lagos",
			Hours:        "Mon–Sat 6 am – 8 pm",
			Channels:     []string{"Phone", "WhatsApp"},
			CallToAction: "Message us",
		},
		LanguagesGenerated: []agents.Language{agents.English},
		ContentStrategy: agents.ContentStrategy{
			ToneOfVoice:    "Warm and neighbourly",
			KeyThemes:      []string{"Freshness", "Family"},
			ContentPillars: []string{"Behind the oven", "Customer celebrations"},
		},
	}
}

func salonContent() *agents.ContentGenerationResult {
	return &agents.ContentGenerationResult{
		Homepage: agents.Homepage{
			Hero: agents.Hero{
				Title:        "Salon Awa, votre coiffure à Dakar",
				Subtitle:     "Tresses, tissages et soins, sur rendez-vous ou sans attendre",
				Paragraph:    "Une équipe de coiffeuses expérimentées vous accueille au cœur des Almadies.",
				PrimaryCTA:   "Prendre rendez-vous",
				SecondaryCTA: "Voir nos coiffures",
			},
			ValueProposition: agents.HomepageValueProp{
				MainValue:   "Des coiffures soignées, à l'heure dite.",
				Benefits:    []string{"Ponctualité", "Produits de qualité"},
				WhyChooseUs: "Dix ans d'expérience et des clientes fidèles.",
			},
			ServicesTeaser: "Des tresses aux soins du cuir chevelu.",
		},
		About: agents.About{
			Story:        "Awa a ouvert son salon en 2014.",
			Values:       []string{"Accueil", "Soin du détail"},
			CallToAction: "Venez nous rencontrer",
		},
		Services: agents.ServicesPage{
			Intro: "Nos prestations.",
			Services: []agents.ServiceCopy{
				{Name: "Tresses", Description: "Toutes longueurs.", Benefits: []string{"Tenue longue durée"}, PricingInfo: "À partir de 10 000 FCFA", CTA: "Réserver"},
			},
		},
		Contact: agents.Contact{
			Headline: "Prenez rendez-vous",
			Message:  "Écrivez-nous sur WhatsApp.",
			Address:  "Route des Almadies, Dakar",
			Hours:    "Du mardi au samedi, 9 h – 19 h",
			Channels: []string{"WhatsApp", "Téléphone"},
		},
		LanguagesGenerated: []agents.Language{agents.French, agents.English},
		ContentStrategy: agents.ContentStrategy{
			ToneOfVoice:    "Chaleureux et élégant",
			KeyThemes:      []string{"Beauté", "Confiance"},
			ContentPillars: []string{"Réalisations du mois"},
		},
	}
}

func bakeryLogo() *agents.LogoCreationResult {
	return &agents.LogoCreationResult{
		PrimaryLogo: agents.Logo{Concept: "wordmark", Description: "The full name set in a warm serif, in crust brown.", SVG: `<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h10v10z"/></svg>`},
		Alternatives: []agents.Logo{
			{Concept: "monogram", Description: "The initials MT in a round loaf shape.", SVG: "<svg/>"},
			{Concept: "emblem", Description: "A wheat ear above the name.", SVG: "<svg/>"},
		},
		ColorPalette: []agents.PaletteColor{
			{Hex: "#8B4513", Role: "primary", Name: "Crust brown", ContrastOnWhite: 7.1, ContrastOnBlack: 2.96, WCAGOnWhite: "AAA", WCAGOnBlack: "fail"},
			{Hex: "#F4A261", Role: "accent", Name: "Golden crumb", ContrastOnWhite: 2.12, ContrastOnBlack: 9.9, WCAGOnWhite: "fail", WCAGOnBlack: "AAA"},
			{Hex: "#2A9D8F", Role: "secondary", Name: "Teal", ContrastOnWhite: 3.3, ContrastOnBlack: 6.36, WCAGOnWhite: "AA Large", WCAGOnBlack: "AA"},
		},
		BrandGuidelines: agents.BrandGuidelines{
			Typography: agents.Typography{Heading: "Go Bold", Body: "Go Regular", Notes: "Use sentence case."},
			Usage:      []string{"Use the wordmark on the shop sign.", "Use the monogram on bags and stickers."},
			ClearSpace: "Keep a margin of one letter height around the wordmark.",
		},
	}
}

func salonLogo() *agents.LogoCreationResult {
	return &agents.LogoCreationResult{
		PrimaryLogo: agents.Logo{Concept: "monogram", Description: "Les initiales SA dans un cercle.", SVG: "<svg/>"},
		Alternatives: []agents.Logo{
			{Concept: "wordmark", Description: "Le nom complet en lettres fines.", SVG: "<svg/>"},
			{Concept: "emblem", Description: "Un peigne stylisé.", SVG: "<svg/>"},
		},
		ColorPalette: []agents.PaletteColor{
			{Hex: "#6D2E46", Role: "principale", Name: "Prune", ContrastOnWhite: 10.27, ContrastOnBlack: 2.04, WCAGOnWhite: "AAA", WCAGOnBlack: "fail"},
			{Hex: "#D4AF37", Role: "accent", Name: "Or", ContrastOnWhite: 2.1, ContrastOnBlack: 10, WCAGOnWhite: "fail", WCAGOnBlack: "AAA"},
		},
		BrandGuidelines: agents.BrandGuidelines{
			Typography: agents.Typography{Heading: "Go Bold", Body: "Go Regular"},
			Usage:      []string{"Le monogramme sur les réseaux sociaux."},
			ClearSpace: "Laissez autour du monogramme un espace égal à sa demi-hauteur.",
		},
	}
}

func bakerySEO() *agents.SEOOptimizationResult {
	return &agents.SEOOptimizationResult{
		PrimaryKeywords: []agents.Keyword{
			{Keyword: "bakery in Lagos", Score: 0.92, Intent: "local"},
			{Keyword: "fresh bread Surulere", Score: 0.87, Intent: "local"},
		},
		SecondaryKeywords: []agents.Keyword{
			{Keyword: "celebration cakes Lagos", Score: 0.7, Intent: "transactional"},
		},
		MetaTitle:       "Mama Tunde's Bakery | Bakery in Lagos",
		MetaDescription: "Mama Tunde's Bakery: bakery in Lagos. Services: fresh bread and celebration cakes. Bread baked twice a day, delivered to offices before 8 am. Order today on WhatsApp.",
		HeadingStructure: agents.HeadingStructure{
			H1:         "Fresh bread in Lagos, baked twice a day",
			H2Sections: []string{"Our breads", "Celebration cakes", "Visit us in Surulere"},
		},
		LocalSEO: agents.LocalSEO{
			OptimizedFor:  "Lagos, Nigeria",
			LocalKeywords: []string{"bakery near me", "bakery Surulere"},
		},
		StructuredData: `{"@context":"https://schema.org","@type":"Bakery","name":"Mama Tunde's Bakery","address":{"@type":"PostalAddress","addressLocality":"Lagos","addressCountry":"NG"},"knowsLanguage":"en"}`,
	}
}

func salonSEO() *agents.SEOOptimizationResult {
	return &agents.SEOOptimizationResult{
		PrimaryKeywords: []agents.Keyword{
			{Keyword: "salon de coiffure Dakar", Score: 0.95, Intent: "locale"},
		},
		SecondaryKeywords: []agents.Keyword{
			{Keyword: "tresses Almadies", Score: 0.64, Intent: "transactionnelle"},
		},
		MetaTitle:       "Salon Awa | Salon de coiffure à Dakar",
		MetaDescription: "Salon Awa : salon de coiffure à Dakar. Nos services : tresses, tissages et soins.",
		HeadingStructure: agents.HeadingStructure{
			H1:         "Salon Awa, votre coiffure à Dakar",
			H2Sections: []string{"Nos coiffures", "Nous trouver"},
		},
		LocalSEO: agents.LocalSEO{
			OptimizedFor:  "Dakar, Sénégal",
			LocalKeywords: []string{"coiffeuse Almadies"},
		},
		StructuredData: `{"@context":"https://schema.org","@type":"HairSalon","name":"Salon Awa – Élégance","address":{"@type":"PostalAddress","addressLocality":"Dakar","addressCountry":"SN"},"knowsLanguage":"fr"}`,
	}
}

func bakeryTemplate() *agents.TemplateSelectionResult {
	return &agents.TemplateSelectionResult{
		PrimaryTemplate: agents.TemplateChoice{ID: "artisan", Name: "Artisan", Score: 86.4, Reasons: []string{"Made for food businesses (sector score 95)", "Large photos of the products"}},
		Alternatives: []agents.TemplateChoice{
			{ID: "market", Name: "Market", Score: 78.2, Reasons: []string{"Good for price lists"}},
			{ID: "vibrant", Name: "Vibrant", Score: 70, Reasons: []string{"Bold colours"}},
		},
		Customizations: agents.Customizations{
			Colors:       agents.TemplateColors{Primary: "#8B4513", Secondary: "#2A9D8F", Accent: "#F4A261", Background: "#FFFDF8", Text: "#1F2937"},
			Fonts:        agents.TemplateFonts{Heading: "Go Bold", Body: "Go Regular"},
			SectionOrder: []string{"hero", "services", "pricing", "gallery", "testimonials", "contact", "map"},
		},
	}
}

func salonTemplate() *agents.TemplateSelectionResult {
	return &agents.TemplateSelectionResult{
		PrimaryTemplate: agents.TemplateChoice{ID: "boutique", Name: "Boutique", Score: 91.5, Reasons: []string{"Pensé pour la beauté (score du secteur 98)"}},
		Alternatives: []agents.TemplateChoice{
			{ID: "urban", Name: "Urbain", Score: 74.8, Reasons: []string{"Mise en page moderne"}},
		},
		Customizations: agents.Customizations{
			Colors:       agents.TemplateColors{Primary: "#6D2E46", Accent: "#D4AF37", Background: "#FFFFFF", Text: "#111827"},
			Fonts:        agents.TemplateFonts{Heading: "Go Bold", Body: "Go Regular"},
			SectionOrder: []string{"hero", "gallery", "services", "faq", "contact"},
		},
	}
}

// --- tests ---

type bodyCase struct {
	name string // golden file name
	lang i18n.Lang
	body templ.Component
	want []string // fragments the rendered HTML must contain
}

func bodyCases() []bodyCase {
	return []bodyCase{
		{"market_en", i18n.EN, views.MarketResearchBody(bakeryMarket()), []string{
			`data-testid="market-size"`, `data-testid="market-arithmetic"`,
			"≈ 420.1 billion\u00a0NGN a year",
			"15,388,000 × 35% = <strong class=\"font-semibold\">5,385,800</strong> potential customers",
			"5,385,800 × 78,000\u00a0NGN = <strong class=\"font-semibold\">420,092,400,000\u00a0NGN</strong>",
			"Scope: the city of Lagos",
			`data-testid="fact-confidence"`, "medium-high",
			`data-testid="competitor-row"`, `<th scope="row"`, `<th scope="col"`, "Industrial bread brands in Lagos", "about 40%",
			`data-testid="opportunity-impact"`, "Impact:", "1–3 months",
			"Average price range", "How to stand out", "What builds trust", "Risks", "Success factors",
		}},
		{"market_fr", i18n.FR, views.MarketResearchBody(salonMarket()), []string{
			"≈ 15,5 milliards\u00a0FCFA par an",
			"1\u202f438\u202f725 × 18\u202f% = <strong class=\"font-semibold\">258\u202f971</strong> clients potentiels",
			"258\u202f971 × 60\u202f000\u00a0FCFA = <strong class=\"font-semibold\">15\u202f538\u202f260\u202f000\u00a0FCFA</strong>",
			"Périmètre\u202f: la ville de Dakar", "Fiabilité", "Principaux concurrents", "Salons de quartier à Dakar",
			"Difficulté\u202f:", "Repères culturels", "Facteurs de réussite",
		}},
		{"content_en", i18n.EN, views.ContentBody(bakeryContent()), []string{
			`data-testid="content-hero"`, `data-testid="hero-title"`, "Fresh bread in Lagos, baked twice a day",
			`<span class="btn-primary" data-testid="hero-cta-primary">Order today</span>`,
			`<span class="btn-secondary" data-testid="hero-cta-secondary">See our breads</span>`,
			"Delivery to offices before 8 am", "Our story", `data-testid="service"`, "Celebration cakes", "From ₦15,000",
			"12 Adeniran Ogunsanya Street", "Warm and neighbourly", "Languages written", ">English<",
		}},
		{"content_fr", i18n.FR, views.ContentBody(salonContent()), []string{
			"Salon Awa, votre coiffure à Dakar", "Prendre rendez-vous", "Page d’accueil", "Notre histoire",
			"Tarifs\u202f:", "Horaires d’ouverture", "Stratégie de contenu", "français, anglais",
		}},
		{"logo_en", i18n.EN, views.LogoBody("b1", 3, bakeryLogo()), []string{
			`data-testid="logo-wordmark"`, `data-testid="logo-monogram"`, `data-testid="logo-emblem"`,
			`src="/briefs/b1/logo/wordmark.svg?v=3"`, `alt="Wordmark logo: The full name set in a warm serif, in crust brown."`,
			`href="/briefs/b1/logo/monogram.svg" download`, `href="/briefs/b1/logo/emblem.png" download`,
			`href="/briefs/b1/logo/favicon.zip" download`, `data-testid="logo-primary"`,
			`data-testid="swatch"`, `fill="#8B4513"`, "Crust brown", "7.1:1", ">AAA<", ">Fails<", ">AA large text only<",
			"Brand guidelines", "Keep a margin of one letter height",
		}},
		{"logo_fr", i18n.FR, views.LogoBody("b2", 1, salonLogo()), []string{
			`src="/briefs/b2/logo/monogram.svg?v=1"`, "alt=\"Monogramme (logo)\u202f: Les initiales SA dans un cercle.\"",
			"Télécharger en SVG", "Télécharger le jeu de favicons (ZIP)", "10,27:1", ">Insuffisant<", "Palette de couleurs",
			"Zone de protection",
		}},
		{"seo_en", i18n.EN, views.SEOBody(bakerySEO()), []string{
			`data-testid="keyword-chip"`, "bakery in Lagos", "0.92", `data-testid="meta-title-count"`, ">37/60 characters<",
			">166/160 characters<", `data-testid="meta-description-warning"`, `data-testid="serp-preview"`,
			"https://mama-tundes-bakery.ng", `data-testid="heading-h2"`, "Visit us in Surulere", "bakery near me",
			"<pre", "&#34;@type&#34;: &#34;Bakery&#34;,\n",
		}},
		{"seo_fr", i18n.FR, views.SEOBody(salonSEO()), []string{
			"Mots-clés principaux", "0,95", ">37/60 caractères<", "https://salon-awa-elegance.sn", "Structure des titres",
			"Référencement local",
		}},
		{"template_en", i18n.EN, views.TemplateBody(bakeryTemplate()), []string{
			`data-testid="template-primary"`, "Artisan", "Score 86.4/100", "Made for food businesses",
			`data-testid="template-alternative"`, "Score 78.2/100", "Score 70/100",
			`data-testid="color-chip"`, `fill="#FFFDF8"`, "Background", "Go Bold",
			`data-testid="section-order"`, ">Hero banner<", ">Testimonials<", ">Map<",
		}},
		{"template_fr", i18n.FR, views.TemplateBody(salonTemplate()), []string{
			"Modèle retenu", "Score 91,5/100", "Autres modèles", "Principale", ">Questions fréquentes<", "Polices",
		}},
	}
}

// TestSectionBodies renders each body with the fixtures, checks what a person needs is there and
// that nothing unsafe is, and compares with the golden HTML.
func TestSectionBodies(t *testing.T) {
	for _, tc := range bodyCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.lang, tc.body)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			checkSafe(t, got)
			checkHeadings(t, got)
			views.MatchGolden(t, filepath.Join("testdata", "sections", tc.name+".html"), got)
		})
	}
}

var (
	headingLevel = regexp.MustCompile(`<h([1-6])[ >]`)
	// startTag matches the opening tags of templ's output: attribute values are always double-quoted
	// and a quote inside a value is escaped, so a tag ends at the first > outside quotes.
	startTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"/]+(?:="[^"]*")?)*)\s*/?>`)
	attribute = regexp.MustCompile(`\s([^\s=>"/]+)(?:="([^"]*)")?`)
)

// checkSafe fails on markup the page's CSP forbids or an escape should have prevented: script and
// style elements, style and event-handler attributes, javascript: URLs.
func checkSafe(t *testing.T, html string) {
	t.Helper()
	for _, tag := range startTag.FindAllStringSubmatch(html, -1) {
		name := strings.ToLower(tag[1])
		if name == "script" || name == "style" || name == "iframe" || name == "object" {
			t.Errorf("output has a <%s> element", name)
		}
		for _, a := range attribute.FindAllStringSubmatch(tag[2], -1) {
			attr, value := strings.ToLower(a[1]), strings.ToLower(strings.TrimSpace(a[2]))
			switch {
			case attr == "style":
				t.Errorf("<%s> has a style attribute", name)
			case strings.HasPrefix(attr, "on"):
				t.Errorf("<%s> has an event handler %s", name, attr)
			case (attr == "href" || attr == "src") && !strings.HasPrefix(value, "/"):
				t.Errorf("<%s %s=%q> leaves the site", name, attr, value)
			}
		}
	}
	if n, tags := strings.Count(html, "<"), len(startTag.FindAllString(html, -1))+strings.Count(html, "</"); n != tags {
		t.Errorf("output has %d '<' but %d tags: a tag did not parse", n, tags)
	}
}

// checkHeadings fails when a body uses a heading other than h3 and h4 (the card is the h2) or
// skips a level.
func checkHeadings(t *testing.T, html string) {
	t.Helper()
	prev := 2
	for _, m := range headingLevel.FindAllStringSubmatch(html, -1) {
		level := int(m[1][0] - '0')
		if level < 3 || level > 4 || level > prev+1 {
			t.Errorf("heading h%d after h%d", level, prev)
		}
		prev = level
	}
}

// TestSectionBodiesRefuseHostileValues feeds generated values an attacker could shape into every
// body and checks they come out as text, never markup, and that bad colours are drawn grey.
func TestSectionBodiesRefuseHostileValues(t *testing.T) {
	const script = `<script>alert(1)</script>`
	const attr = `red" onload="x`

	market := bakeryMarket()
	market.MainCompetitors[0].Name = script
	market.MarketOpportunities[0].Opportunity = `"><img src=x onerror=alert(1)>`

	content := bakeryContent()
	content.Homepage.Hero.Title = script
	content.Homepage.Hero.PrimaryCTA = `<a href="javascript:alert(1)">x</a>`

	logo := bakeryLogo()
	logo.PrimaryLogo.Description = `" onerror="alert(1)`
	logo.PrimaryLogo.SVG = `<svg onload="alert(1)"><script>alert(1)</script></svg>`
	logo.Alternatives[0].Concept = `../../admin"x`
	logo.ColorPalette[0].Hex = attr
	logo.ColorPalette[1].Hex = "url(#x)"
	logo.ColorPalette[2].Name = script

	seo := bakerySEO()
	seo.PrimaryKeywords[0].Keyword = script
	seo.StructuredData = `{"name":"</code></pre><script>alert(1)</script>"}`

	tpl := bakeryTemplate()
	tpl.Customizations.Colors.Primary = attr
	tpl.Customizations.SectionOrder = append(tpl.Customizations.SectionOrder, script)

	for _, tc := range []struct {
		name string
		body templ.Component
		want []string
	}{
		{"market", views.MarketResearchBody(market), []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x"}},
		{"content", views.ContentBody(content), []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;a href=&#34;javascript"}},
		{"logo", views.LogoBody(`b1"><script>`, 2, logo), []string{
			`fill="#94a3b8"`, "red&#34; onload=&#34;x", "url(#x)", "&lt;script&gt;alert(1)&lt;/script&gt;",
			`alt="Wordmark logo: &#34; onerror=&#34;alert(1)"`,
			`src="/briefs/b1%22%3E%3Cscript%3E/logo/..%2F..%2Fadmin%22x.svg?v=2"`,
		}},
		{"seo", views.SEOBody(seo), []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;"}},
		{"template", views.TemplateBody(tpl), []string{`fill="#94a3b8"`, "red&#34; onload=&#34;x", "&lt;script&gt;alert(1)&lt;/script&gt;"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, i18n.EN, tc.body)
			checkSafe(t, got)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, bad := range []string{"<script>", "<img src=x", `fill="red"`, `fill="url(`, "<svg onload"} {
				if strings.Contains(got, bad) {
					t.Errorf("output contains %q", bad)
				}
			}
		})
	}
}

// TestSectionBody checks the dispatch: each section's result goes to its body, and a section with
// no result, or a result of the wrong type, renders nothing.
func TestSectionBody(t *testing.T) {
	view := func(s agents.Section, r any) *agents.SectionView {
		return &agents.SectionView{Name: s, State: agents.SectionState{Status: agents.StatusDone, Version: 4}, Result: r}
	}
	for _, tc := range []struct {
		name string
		view *agents.SectionView
		want string
	}{
		{"market", view(agents.MarketResearch, bakeryMarket()), `data-testid="market-body"`},
		{"content", view(agents.ContentGeneration, bakeryContent()), `data-testid="content-body"`},
		{"logo", view(agents.LogoCreation, bakeryLogo()), `src="/briefs/b9/logo/wordmark.svg?v=4"`},
		{"seo", view(agents.SEOOptimization, bakerySEO()), `data-testid="seo-body"`},
		{"template", view(agents.TemplateSelection, bakeryTemplate()), `data-testid="template-body"`},
		{"no result", view(agents.MarketResearch, nil), ""},
		{"typed nil", view(agents.SEOOptimization, (*agents.SEOOptimizationResult)(nil)), ""},
		{"wrong type", view(agents.LogoCreation, bakerySEO()), ""},
		{"unknown section", view("horoscope", bakeryMarket()), ""},
		{"nil view", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, i18n.EN, views.SectionBody(tc.view, "b9"))
			if tc.want == "" {
				if got != "" {
					t.Errorf("rendered %q, want nothing", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("missing %q", tc.want)
			}
		})
	}
}

// TestMetaCounters checks the length counters count characters, not bytes, and warn past the limit.
func TestMetaCounters(t *testing.T) {
	for _, tc := range []struct {
		name        string
		title       string
		wantCount   string
		wantWarning bool
	}{
		{"short", "Boulangerie", ">11/60 characters<", false},
		{"accents count once", strings.Repeat("é", 60), ">60/60 characters<", false},
		{"one over", strings.Repeat("a", 61), ">61/60 characters<", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, i18n.EN, views.SEOBody(&agents.SEOOptimizationResult{MetaTitle: tc.title}))
			if !strings.Contains(got, tc.wantCount) {
				t.Errorf("missing %q", tc.wantCount)
			}
			if warned := strings.Contains(got, `data-testid="meta-title-warning"`); warned != tc.wantWarning {
				t.Errorf("warning shown = %v, want %v", warned, tc.wantWarning)
			}
		})
	}
}

// TestNumbers checks the arithmetic is written the way each language writes numbers.
func TestNumbers(t *testing.T) {
	market := func(pop int64, share, spend float64, currency string) *agents.MarketResearchResult {
		customers := int64(float64(pop)*share + 0.5)
		return &agents.MarketResearchResult{MarketSizeEstimation: agents.MarketSizeEstimation{Calculation: agents.MarketArithmetic{
			Population: pop, SegmentShare: share, Customers: customers, AnnualSpendPerBuyer: spend,
			Currency: currency, AnnualMarketValue: float64(customers) * spend,
		}}}
	}
	for _, tc := range []struct {
		name string
		lang i18n.Lang
		r    *agents.MarketResearchResult
		want []string
	}{
		{"en grouping and billions", i18n.EN, market(1234567, 0.5, 1000, "USD"),
			[]string{"1,234,567 × 50% = ", ">617,284<", "617,284 × 1,000\u00a0USD", "617.3 million\u00a0USD a year"}},
		{"fr grouping with narrow spaces", i18n.FR, market(1234567, 0.5, 1000, "XOF"),
			[]string{"1\u202f234\u202f567 × 50\u202f% = ", ">617\u202f284<", "617\u202f284 × 1\u202f000\u00a0FCFA", "617,3 millions\u00a0FCFA par an"}},
		{"fr singular under two", i18n.FR, market(3000000, 0.5, 1000, "EUR"),
			[]string{"1,5 milliard\u00a0EUR par an"}},
		{"small shares keep two digits", i18n.EN, market(2000000, 0.0035, 12.5, "USD"),
			[]string{"× 0.35% = ", "× 12.50\u00a0USD = ", ">87,500\u00a0USD<", "≈ 87,500\u00a0USD a year"}},
		{"rounding up to the next scale", i18n.EN, market(1999900, 0.5, 1000, "USD"),
			[]string{"≈ 1 billion\u00a0USD a year"}},
		{"under a million in full", i18n.FR, market(1000, 0.5, 1000, "XOF"),
			[]string{"≈ 500\u202f000\u00a0FCFA par an"}},
		{"fr decimals with commas", i18n.FR, market(2000000, 0.025, 12.5, "EUR"),
			[]string{"× 2,5\u202f% = ", "× 12,50\u00a0EUR = "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tc.lang, views.MarketResearchBody(tc.r))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}
