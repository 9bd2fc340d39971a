package i18n

// ExportText heads the parts of a brief exported as Markdown.
type ExportText struct {
	Business       string
	Input          string
	MarketSize     string
	Formula        string
	Competitors    string
	Strengths      string
	Weaknesses     string
	Share          string
	Opportunities  string
	Pricing        string
	Differentiate  string
	Culture        string
	Risks          string
	Success        string
	Homepage       string
	About          string
	Services       string
	Contact        string
	Strategy       string
	Logos          string
	Palette        string
	Guidelines     string
	Keywords       string
	Secondary      string
	MetaTitle      string
	MetaDesc       string
	Headings       string
	LocalSEO       string
	StructuredData string
	Template       string
	Alternatives   string
	Colors         string
	Fonts          string
	SectionOrder   string
	NotReady       string
	GeneratedBy    string // "%s" is the provider, "%d" the version
}

func exportEN() ExportText {
	return ExportText{
		Business: "Business", Input: "What the owner said",
		MarketSize: "Market size", Formula: "How it is calculated",
		Competitors: "Main competitors", Strengths: "Strengths", Weaknesses: "Weaknesses", Share: "Market share",
		Opportunities: "Opportunities", Pricing: "Pricing", Differentiate: "How to stand out",
		Culture: "Cultural insights", Risks: "Risks", Success: "Success factors",
		Homepage: "Homepage", About: "About", Services: "Services", Contact: "Contact", Strategy: "Content strategy",
		Logos: "Logo concepts", Palette: "Colour palette", Guidelines: "Brand guidelines",
		Keywords: "Primary keywords", Secondary: "Secondary keywords", MetaTitle: "Meta title", MetaDesc: "Meta description",
		Headings: "Headings", LocalSEO: "Local SEO", StructuredData: "Structured data",
		Template: "Chosen template", Alternatives: "Alternatives", Colors: "Colours", Fonts: "Fonts", SectionOrder: "Section order",
		NotReady:    "Not ready yet.",
		GeneratedBy: "Written by %s, version %d.",
	}
}

func exportFR() ExportText {
	return ExportText{
		Business: "Entreprise", Input: "Ce que le propriétaire a décrit",
		MarketSize: "Taille du marché", Formula: "Comment elle est calculée",
		Competitors: "Principaux concurrents", Strengths: "Forces", Weaknesses: "Faiblesses", Share: "Part de marché",
		Opportunities: "Opportunités", Pricing: "Prix", Differentiate: "Comment se démarquer",
		Culture: "Spécificités culturelles", Risks: "Risques", Success: "Facteurs de réussite",
		Homepage: "Page d’accueil", About: "À propos", Services: "Services", Contact: "Contact", Strategy: "Stratégie de contenu",
		Logos: "Propositions de logo", Palette: "Palette de couleurs", Guidelines: "Charte graphique",
		Keywords: "Mots-clés principaux", Secondary: "Mots-clés secondaires", MetaTitle: "Balise titre", MetaDesc: "Méta-description",
		Headings: "Titres", LocalSEO: "Référencement local", StructuredData: "Données structurées",
		Template: "Modèle choisi", Alternatives: "Autres choix", Colors: "Couleurs", Fonts: "Polices", SectionOrder: "Ordre des sections",
		NotReady:    "Pas encore prêt.",
		GeneratedBy: "Rédigé par %s, version %d.",
	}
}
