package site

import "genesis/agents"

// siteText is every word a generated site shows that does not come from the brief: navigation,
// section headings the brief does not name, questions of the FAQ, the footer. Sites are written in
// the brief's language, so each field exists in English and in French; a test checks both fill
// every field with the same format verbs.
type siteText struct {
	Home     string
	About    string
	Services string
	Contact  string

	SkipToContent string
	MainMenu      string
	FooterMenu    string
	LanguageMenu  string
	BackToTop     string

	CallUs  string
	EmailUs string

	// PageTitle is "<page> · <business>" for the pages other than the home page.
	PageTitle  string
	Copyright  string // year, business name
	AllRights  string
	CraftedIn  string // city
	LogoAlt    string // business name
	LocationOf string // business name; the accessible name of the "where" block in a hero

	AboutTitle    string
	ServicesTitle string
	ContactTitle  string

	StoryHeading     string
	ValuesHeading    string
	TeamHeading      string
	CommunityHeading string
	WhyChooseUs      string
	BenefitsHeading  string
	PricingHeading   string
	PriceService     string
	PricePrice       string
	GalleryHeading   string
	FAQHeading       string
	MapHeading       string

	FAQOffer string
	FAQWhere string
	FAQHours string
	FAQReach string
	FAQWhy   string // business name

	Address  string
	Hours    string
	Channels string

	LearnMore   string
	AllServices string
	ReadStory   string
	GetInTouch  string
}

// textFor returns the labels of lang; English for any language Genesis does not write.
func textFor(lang agents.Language) siteText {
	if lang == agents.French {
		return frenchText()
	}
	return englishText()
}

func englishText() siteText {
	return siteText{
		Home:     "Home",
		About:    "About",
		Services: "Services",
		Contact:  "Contact",

		SkipToContent: "Skip to content",
		MainMenu:      "Main menu",
		FooterMenu:    "Site pages",
		LanguageMenu:  "Other languages",
		BackToTop:     "Back to top",

		CallUs:  "Call us",
		EmailUs: "Email us",

		PageTitle:  "%s · %s",
		Copyright:  "© %d %s",
		AllRights:  "All rights reserved.",
		CraftedIn:  "Made with care in %s",
		LogoAlt:    "%s logo",
		LocationOf: "Where to find %s",

		AboutTitle:    "About us",
		ServicesTitle: "Our services",
		ContactTitle:  "Contact us",

		StoryHeading:     "Our story",
		ValuesHeading:    "What we stand for",
		TeamHeading:      "The team",
		CommunityHeading: "In our community",
		WhyChooseUs:      "Why choose us",
		BenefitsHeading:  "What you get",
		PricingHeading:   "Prices",
		PriceService:     "Service",
		PricePrice:       "Price",
		GalleryHeading:   "At a glance",
		FAQHeading:       "Questions and answers",
		MapHeading:       "Find us",

		FAQOffer: "What do you offer?",
		FAQWhere: "Where can we find you?",
		FAQHours: "When are you open?",
		FAQReach: "How can we reach you?",
		FAQWhy:   "Why choose %s?",

		Address:  "Address",
		Hours:    "Opening hours",
		Channels: "Reach us",

		LearnMore:   "Learn more",
		AllServices: "See all services",
		ReadStory:   "Read our story",
		GetInTouch:  "Get in touch",
	}
}

func frenchText() siteText {
	return siteText{
		Home:     "Accueil",
		About:    "À propos",
		Services: "Services",
		Contact:  "Contact",

		SkipToContent: "Aller au contenu",
		MainMenu:      "Menu principal",
		FooterMenu:    "Pages du site",
		LanguageMenu:  "Autres langues",
		BackToTop:     "Retour en haut",

		CallUs:  "Appelez-nous",
		EmailUs: "Écrivez-nous",

		PageTitle:  "%s · %s",
		Copyright:  "© %d %s",
		AllRights:  "Tous droits réservés.",
		CraftedIn:  "Fait avec soin à %s",
		LogoAlt:    "Logo %s",
		LocationOf: "Où trouver %s",

		AboutTitle:    "Qui sommes-nous\u00a0?",
		ServicesTitle: "Nos services",
		ContactTitle:  "Contactez-nous",

		StoryHeading:     "Notre histoire",
		ValuesHeading:    "Nos valeurs",
		TeamHeading:      "L’équipe",
		CommunityHeading: "Dans notre communauté",
		WhyChooseUs:      "Pourquoi nous choisir",
		BenefitsHeading:  "Ce que vous y gagnez",
		PricingHeading:   "Tarifs",
		PriceService:     "Prestation",
		PricePrice:       "Prix",
		GalleryHeading:   "En un coup d’œil",
		FAQHeading:       "Questions fréquentes",
		MapHeading:       "Nous trouver",

		FAQOffer: "Que proposez-vous\u00a0?",
		FAQWhere: "Où vous trouver\u00a0?",
		FAQHours: "Quels sont vos horaires\u00a0?",
		FAQReach: "Comment vous joindre\u00a0?",
		FAQWhy:   "Pourquoi choisir %s\u00a0?",

		Address:  "Adresse",
		Hours:    "Horaires d’ouverture",
		Channels: "Nous joindre",

		LearnMore:   "En savoir plus",
		AllServices: "Voir tous nos services",
		ReadStory:   "Lire notre histoire",
		GetInTouch:  "Nous contacter",
	}
}

// languageName is a language's own name, as a link to that version of the site shows it.
func languageName(lang agents.Language) string {
	switch lang {
	case agents.English:
		return "English"
	case agents.French:
		return "Français"
	}
	return string(lang)
}
