package i18n

// ExportText heads the parts of a brief exported as Markdown that the section cards do not name
// themselves; the export takes every other heading from the cards' labels, so both say the same.
type ExportText struct {
	Input          string
	Formula        string
	Differentiate  string
	Culture        string
	Homepage       string
	About          string
	Services       string
	Contact        string
	Headings       string
	LocalSEO       string
	StructuredData string
	Template       string
	Alternatives   string
	SectionOrder   string
	NotReady       string
	GeneratedBy    string // "%s" is the provider, "%d" the version
}

func exportEN() ExportText {
	return ExportText{
		Input: "What the owner said", Formula: "How it is calculated",
		Differentiate: "How to stand out", Culture: "Cultural insights",
		Homepage: "Homepage", About: "About", Services: "Services", Contact: "Contact",
		Headings: "Headings", LocalSEO: "Local SEO", StructuredData: "Structured data",
		Template: "Chosen template", Alternatives: "Alternatives", SectionOrder: "Section order",
		NotReady:    "Not ready yet.",
		GeneratedBy: "Written by %s, version %d.",
	}
}

func exportFR() ExportText {
	return ExportText{
		Input: "Ce que le propriétaire a décrit", Formula: "Comment elle est calculée",
		Differentiate: "Comment se démarquer", Culture: "Spécificités culturelles",
		Homepage: "Page d’accueil", About: "À propos", Services: "Services", Contact: "Contact",
		Headings: "Titres", LocalSEO: "Référencement local", StructuredData: "Données structurées",
		Template: "Modèle choisi", Alternatives: "Autres choix", SectionOrder: "Ordre des sections",
		NotReady:    "Pas encore prêt.",
		GeneratedBy: "Rédigé par %s, version %d.",
	}
}
