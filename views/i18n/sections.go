package i18n

// SectionText labels what the five section cards show.
type SectionText struct {
	MarketResearch    string
	ContentGeneration string
	LogoCreation      string
	SEOOptimization   string
	TemplateSelection string
}

func sectionEN() SectionText {
	return SectionText{
		MarketResearch:    "Market research",
		ContentGeneration: "Website content",
		LogoCreation:      "Logo",
		SEOOptimization:   "Search (SEO)",
		TemplateSelection: "Website template",
	}
}

func sectionFR() SectionText {
	return SectionText{
		MarketResearch:    "Étude de marché",
		ContentGeneration: "Contenu du site",
		LogoCreation:      "Logo",
		SEOOptimization:   "Référencement (SEO)",
		TemplateSelection: "Modèle de site",
	}
}
