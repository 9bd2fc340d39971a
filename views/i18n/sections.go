package i18n

// SectionText labels what the five section cards show: their titles and the labels around each
// agent's result. The results themselves are generated in the brief's language and shown as they are.
type SectionText struct {
	MarketResearch    string
	ContentGeneration string
	LogoCreation      string
	SEOOptimization   string
	TemplateSelection string

	Numbers  NumberText
	Market   MarketText
	Content  ContentText
	Logo     LogoText
	SEO      SEOText
	Template TemplateText
}

// NumberText words large amounts; "%s" is the number already written for the language.
type NumberText struct {
	MillionOne   string
	MillionMany  string
	BillionOne   string
	BillionMany  string
	TrillionOne  string
	TrillionMany string
	PerYear      string // "%s" is an amount
	Ratio        string // "%s" is a contrast ratio, as in "4.5:1"
}

// MarketText labels the market research card.
type MarketText struct {
	Size             string
	Arithmetic       string
	Population       string
	PopulationScope  string // "%s" is the scope the agent names, such as "the city of Lagos"
	SegmentShare     string
	Customers        string
	AnnualSpend      string
	MarketValue      string
	Formula          string
	Facts            string
	Confidence       string
	Growth           string
	Maturity         string
	Segment          string
	Competitors      string
	Competitor       string
	Strengths        string
	Weaknesses       string
	Share            string
	Opportunities    string
	Impact           string
	Difficulty       string
	Timeframe        string
	Pricing          string
	PriceRange       string
	PricingModel     string
	PriceSensitivity string
	Differentiation  string
	Cultural         string
	KeyValues        string
	LocalPreferences string
	TrustFactors     string
	Risks            string
	SuccessFactors   string
}

// ContentText labels the website copy preview.
type ContentText struct {
	Preview          string
	Homepage         string
	ValueProposition string
	Benefits         string
	WhyChooseUs      string
	ServicesTeaser   string
	About            string
	Story            string
	Values           string
	Team             string
	Community        string
	Services         string
	Pricing          string
	Contact          string
	Address          string
	Hours            string
	Channels         string
	Strategy         string
	Tone             string
	Themes           string
	Pillars          string
	Languages        string
	English          string
	French           string
}

// LogoText labels the logo card.
type LogoText struct {
	Concepts     string
	Primary      string
	Alternative  string
	Monogram     string
	Wordmark     string
	Emblem       string
	ImageAlt     string // "%s" is the concept's name, "%s" its description
	DownloadSVG  string
	DownloadPNG  string
	Favicons     string
	Palette      string
	Role         string
	Hex          string
	OnWhite      string
	OnBlack      string
	RatingAAA    string
	RatingAA     string
	RatingLarge  string
	RatingFail   string
	Guidelines   string
	Typography   string
	HeadingFont  string
	BodyFont     string
	TypeNotes    string
	Usage        string
	ClearSpace   string
	SwatchSample string
}

// SEOText labels the search card.
type SEOText struct {
	PrimaryKeywords   string
	SecondaryKeywords string
	Score             string
	Intent            string
	MetaTitle         string
	MetaDescription   string
	Count             string // "%d" characters used of "%d" allowed
	TooLong           string
	Preview           string
	PreviewNote       string
	Headings          string
	LocalSEO          string
	OptimizedFor      string
	LocalKeywords     string
	StructuredData    string
	StructuredNote    string
}

// TemplateText labels the website template card.
type TemplateText struct {
	Chosen         string
	Score          string // "%s" is the score out of 100
	Reasons        string
	Alternatives   string
	Customizations string
	Colors         string
	ColorPrimary   string
	ColorSecondary string
	ColorAccent    string
	ColorBack      string
	ColorText      string
	Fonts          string
	HeadingFont    string
	BodyFont       string
	SectionOrder   string
	SiteSections   SiteSectionText
}

// SiteSectionText names the sections of a generated website, by their template ids.
type SiteSectionText struct {
	Hero             string
	ValueProposition string
	Services         string
	About            string
	Testimonials     string
	Gallery          string
	Pricing          string
	FAQ              string
	Contact          string
	Map              string
}

func sectionEN() SectionText {
	return SectionText{
		MarketResearch:    "Market research",
		ContentGeneration: "Website content",
		LogoCreation:      "Logo",
		SEOOptimization:   "Search (SEO)",
		TemplateSelection: "Website template",
		Numbers: NumberText{
			MillionOne:   "%s million",
			MillionMany:  "%s million",
			BillionOne:   "%s billion",
			BillionMany:  "%s billion",
			TrillionOne:  "%s trillion",
			TrillionMany: "%s trillion",
			PerYear:      "%s a year",
			Ratio:        "%s:1",
		},
		Market: MarketText{
			Size:             "Market size",
			Arithmetic:       "How the estimate is calculated",
			Population:       "Population",
			PopulationScope:  "Scope: %s",
			SegmentShare:     "Share in the target segment",
			Customers:        "potential customers",
			AnnualSpend:      "Annual spend per customer",
			MarketValue:      "Annual market value",
			Formula:          "Formula",
			Facts:            "Key facts",
			Confidence:       "Confidence",
			Growth:           "Growth potential",
			Maturity:         "Market maturity",
			Segment:          "Target segment",
			Competitors:      "Main competitors",
			Competitor:       "Competitor",
			Strengths:        "Strengths",
			Weaknesses:       "Weaknesses",
			Share:            "Market share",
			Opportunities:    "Opportunities",
			Impact:           "Impact",
			Difficulty:       "Difficulty",
			Timeframe:        "Timeframe",
			Pricing:          "Pricing",
			PriceRange:       "Average price range",
			PricingModel:     "Pricing model",
			PriceSensitivity: "Price sensitivity",
			Differentiation:  "How to stand out",
			Cultural:         "Cultural insights",
			KeyValues:        "Key values",
			LocalPreferences: "Local preferences",
			TrustFactors:     "What builds trust",
			Risks:            "Risks",
			SuccessFactors:   "Success factors",
		},
		Content: ContentText{
			Preview:          "Website copy preview",
			Homepage:         "Home page",
			ValueProposition: "Value proposition",
			Benefits:         "Benefits",
			WhyChooseUs:      "Why choose us",
			ServicesTeaser:   "Services teaser",
			About:            "About page",
			Story:            "Our story",
			Values:           "Values",
			Team:             "Team",
			Community:        "Community impact",
			Services:         "Services page",
			Pricing:          "Pricing",
			Contact:          "Contact page",
			Address:          "Address",
			Hours:            "Opening hours",
			Channels:         "Ways to reach us",
			Strategy:         "Content strategy",
			Tone:             "Tone of voice",
			Themes:           "Key themes",
			Pillars:          "Content pillars",
			Languages:        "Languages written",
			English:          "English",
			French:           "French",
		},
		Logo: LogoText{
			Concepts:     "Logo concepts",
			Primary:      "Recommended",
			Alternative:  "Alternative",
			Monogram:     "Monogram",
			Wordmark:     "Wordmark",
			Emblem:       "Emblem",
			ImageAlt:     "%s logo: %s",
			DownloadSVG:  "Download SVG",
			DownloadPNG:  "Download PNG (512 px)",
			Favicons:     "Download the favicon set (ZIP)",
			Palette:      "Colour palette",
			Role:         "Role",
			Hex:          "Hex code",
			OnWhite:      "On white",
			OnBlack:      "On black",
			RatingAAA:    "AAA",
			RatingAA:     "AA",
			RatingLarge:  "AA large text only",
			RatingFail:   "Fails",
			Guidelines:   "Brand guidelines",
			Typography:   "Typography",
			HeadingFont:  "Headings",
			BodyFont:     "Body text",
			TypeNotes:    "Notes",
			Usage:        "Usage",
			ClearSpace:   "Clear space",
			SwatchSample: "Colour sample",
		},
		SEO: SEOText{
			PrimaryKeywords:   "Primary keywords",
			SecondaryKeywords: "Secondary keywords",
			Score:             "score",
			Intent:            "intent",
			MetaTitle:         "Meta title",
			MetaDescription:   "Meta description",
			Count:             "%d/%d characters",
			TooLong:           "Too long: search engines will cut it off.",
			Preview:           "Search result preview",
			PreviewNote:       "How the page may appear in search results; the address is an example.",
			Headings:          "Heading structure",
			LocalSEO:          "Local search",
			OptimizedFor:      "Optimised for",
			LocalKeywords:     "Local keywords",
			StructuredData:    "Structured data (JSON-LD)",
			StructuredNote:    "Paste this into the page so search engines understand the business.",
		},
		Template: TemplateText{
			Chosen:         "Chosen template",
			Score:          "Score %s/100",
			Reasons:        "Why it fits",
			Alternatives:   "Alternatives",
			Customizations: "Customisations",
			Colors:         "Colours",
			ColorPrimary:   "Primary",
			ColorSecondary: "Secondary",
			ColorAccent:    "Accent",
			ColorBack:      "Background",
			ColorText:      "Text",
			Fonts:          "Fonts",
			HeadingFont:    "Headings",
			BodyFont:       "Body text",
			SectionOrder:   "Page sections, in order",
			SiteSections: SiteSectionText{
				Hero:             "Hero banner",
				ValueProposition: "Value proposition",
				Services:         "Services",
				About:            "About",
				Testimonials:     "Testimonials",
				Gallery:          "Gallery",
				Pricing:          "Prices",
				FAQ:              "Questions and answers",
				Contact:          "Contact",
				Map:              "Map",
			},
		},
	}
}

func sectionFR() SectionText {
	return SectionText{
		MarketResearch:    "Étude de marché",
		ContentGeneration: "Contenu du site",
		LogoCreation:      "Logo",
		SEOOptimization:   "Référencement (SEO)",
		TemplateSelection: "Modèle de site",
		Numbers: NumberText{
			MillionOne:   "%s million",
			MillionMany:  "%s millions",
			BillionOne:   "%s milliard",
			BillionMany:  "%s milliards",
			TrillionOne:  "%s billion",
			TrillionMany: "%s billions",
			PerYear:      "%s par an",
			Ratio:        "%s:1",
		},
		Market: MarketText{
			Size:             "Taille du marché",
			Arithmetic:       "Comment l’estimation est calculée",
			Population:       "Population",
			PopulationScope:  "Périmètre\u202f: %s",
			SegmentShare:     "Part du segment visé",
			Customers:        "clients potentiels",
			AnnualSpend:      "Dépense annuelle par client",
			MarketValue:      "Valeur annuelle du marché",
			Formula:          "Formule",
			Facts:            "Points clés",
			Confidence:       "Fiabilité",
			Growth:           "Potentiel de croissance",
			Maturity:         "Maturité du marché",
			Segment:          "Segment visé",
			Competitors:      "Principaux concurrents",
			Competitor:       "Concurrent",
			Strengths:        "Forces",
			Weaknesses:       "Faiblesses",
			Share:            "Part de marché",
			Opportunities:    "Opportunités",
			Impact:           "Impact",
			Difficulty:       "Difficulté",
			Timeframe:        "Délai",
			Pricing:          "Prix",
			PriceRange:       "Fourchette de prix moyenne",
			PricingModel:     "Modèle de tarification",
			PriceSensitivity: "Sensibilité au prix",
			Differentiation:  "Comment vous démarquer",
			Cultural:         "Repères culturels",
			KeyValues:        "Valeurs essentielles",
			LocalPreferences: "Préférences locales",
			TrustFactors:     "Ce qui inspire confiance",
			Risks:            "Risques",
			SuccessFactors:   "Facteurs de réussite",
		},
		Content: ContentText{
			Preview:          "Aperçu des textes du site",
			Homepage:         "Page d’accueil",
			ValueProposition: "Proposition de valeur",
			Benefits:         "Avantages",
			WhyChooseUs:      "Pourquoi nous choisir",
			ServicesTeaser:   "Aperçu des services",
			About:            "Page «\u202fÀ propos\u202f»",
			Story:            "Notre histoire",
			Values:           "Valeurs",
			Team:             "L’équipe",
			Community:        "Engagement local",
			Services:         "Page des services",
			Pricing:          "Tarifs",
			Contact:          "Page de contact",
			Address:          "Adresse",
			Hours:            "Horaires d’ouverture",
			Channels:         "Pour nous joindre",
			Strategy:         "Stratégie de contenu",
			Tone:             "Ton",
			Themes:           "Thèmes clés",
			Pillars:          "Piliers de contenu",
			Languages:        "Langues rédigées",
			English:          "anglais",
			French:           "français",
		},
		Logo: LogoText{
			Concepts:     "Propositions de logo",
			Primary:      "Recommandé",
			Alternative:  "Variante",
			Monogram:     "Monogramme",
			Wordmark:     "Logotype",
			Emblem:       "Emblème",
			ImageAlt:     "%s (logo)\u202f: %s",
			DownloadSVG:  "Télécharger en SVG",
			DownloadPNG:  "Télécharger en PNG (512 px)",
			Favicons:     "Télécharger le jeu de favicons (ZIP)",
			Palette:      "Palette de couleurs",
			Role:         "Rôle",
			Hex:          "Code hexadécimal",
			OnWhite:      "Sur blanc",
			OnBlack:      "Sur noir",
			RatingAAA:    "AAA",
			RatingAA:     "AA",
			RatingLarge:  "AA grands textes seulement",
			RatingFail:   "Insuffisant",
			Guidelines:   "Charte graphique",
			Typography:   "Typographie",
			HeadingFont:  "Titres",
			BodyFont:     "Texte courant",
			TypeNotes:    "Remarques",
			Usage:        "Utilisation",
			ClearSpace:   "Zone de protection",
			SwatchSample: "Échantillon de couleur",
		},
		SEO: SEOText{
			PrimaryKeywords:   "Mots-clés principaux",
			SecondaryKeywords: "Mots-clés secondaires",
			Score:             "score",
			Intent:            "intention",
			MetaTitle:         "Balise titre",
			MetaDescription:   "Méta-description",
			Count:             "%d/%d caractères",
			TooLong:           "Trop long\u202f: les moteurs de recherche le couperont.",
			Preview:           "Aperçu dans les résultats de recherche",
			PreviewNote:       "Ce à quoi la page peut ressembler dans les résultats de recherche\u202f; l’adresse est un exemple.",
			Headings:          "Structure des titres",
			LocalSEO:          "Référencement local",
			OptimizedFor:      "Optimisé pour",
			LocalKeywords:     "Mots-clés locaux",
			StructuredData:    "Données structurées (JSON-LD)",
			StructuredNote:    "À insérer dans la page pour que les moteurs de recherche comprennent l’activité.",
		},
		Template: TemplateText{
			Chosen:         "Modèle retenu",
			Score:          "Score %s/100",
			Reasons:        "Pourquoi il convient",
			Alternatives:   "Autres modèles",
			Customizations: "Personnalisation",
			Colors:         "Couleurs",
			ColorPrimary:   "Principale",
			ColorSecondary: "Secondaire",
			ColorAccent:    "Accent",
			ColorBack:      "Fond",
			ColorText:      "Texte",
			Fonts:          "Polices",
			HeadingFont:    "Titres",
			BodyFont:       "Texte courant",
			SectionOrder:   "Sections de la page, dans l’ordre",
			SiteSections: SiteSectionText{
				Hero:             "Bannière d’accueil",
				ValueProposition: "Proposition de valeur",
				Services:         "Services",
				About:            "À propos",
				Testimonials:     "Témoignages",
				Gallery:          "Galerie",
				Pricing:          "Tarifs",
				FAQ:              "Questions fréquentes",
				Contact:          "Contact",
				Map:              "Plan d’accès",
			},
		},
	}
}
