package i18n

// WebsiteText covers turning a brief into a website: the brief page's website actions, the
// website page, and what publishing did.
type WebsiteText struct {
	Title           string
	PageTitle       string // "%s" is the business name
	Lead            string
	Create          string
	CreateHint      string
	Download        string
	Back            string
	Publishing      string // "%d" is the number of attempts so far
	Published       string // "%s" is the date and time
	PublishedAt     string
	PublishedNoURL  string // "%s" is the date and time
	PublishFailed   string // "%d" is the number of attempts, "%s" the date and time
	NotPublishedYet string
	// Why the last attempt to publish failed.
	ReasonTimeout     string
	ReasonUnreachable string
	ReasonStatus      string // "%d" is the HTTP status the receiver answered
	ReasonInterrupted string
	// A second language for the site: "%s" names the other language ("Add a version in French").
	AddLanguage     string
	AddLanguageHint string
}

func websiteEN() WebsiteText {
	return WebsiteText{
		Title:           "Website",
		PageTitle:       "Website of %s",
		Lead:            "Genesis builds a small website from the brief: home, about, services and contact pages in the chosen template, with your logo, colours and SEO.",
		Create:          "Create website",
		CreateHint:      "Builds the site from the latest sections and opens its preview.",
		Download:        "Download website (.zip)",
		Back:            "Back to the brief",
		Publishing:      "Publishing the website… (attempt %d)",
		Published:       "Website published on %s.",
		PublishedAt:     "See it online",
		PublishedNoURL:  "Website delivered on %s.",
		PublishFailed:   "Publishing failed after %d attempts (last on %s).",
		NotPublishedYet: "Not published yet: create the website to publish it.",

		ReasonTimeout:     "The publishing service did not answer in time.",
		ReasonUnreachable: "The publishing service could not be reached.",
		ReasonStatus:      "The publishing service refused the website (HTTP %d).",
		ReasonInterrupted: "Genesis was stopped before publishing finished; create the website again.",

		AddLanguage:     "Add a version in %s",
		AddLanguageHint: "The built-in agents write the site’s text again in that language; each version links to the other.",
	}
}

func websiteFR() WebsiteText {
	return WebsiteText{
		Title:           "Site web",
		PageTitle:       "Site web de %s",
		Lead:            "Genesis construit un petit site à partir du dossier : pages d’accueil, à propos, services et contact dans le modèle choisi, avec votre logo, vos couleurs et votre SEO.",
		Create:          "Créer le site web",
		CreateHint:      "Construit le site à partir des dernières sections et ouvre son aperçu.",
		Download:        "Télécharger le site (.zip)",
		Back:            "Retour au dossier",
		Publishing:      "Publication du site en cours… (tentative %d)",
		Published:       "Site publié le %s.",
		PublishedAt:     "Le voir en ligne",
		PublishedNoURL:  "Site livré le %s.",
		PublishFailed:   "La publication a échoué après %d tentatives (dernière le %s).",
		NotPublishedYet: "Pas encore publié : créez le site pour le publier.",

		ReasonTimeout:     "Le service de publication n’a pas répondu à temps.",
		ReasonUnreachable: "Le service de publication est injoignable.",
		ReasonStatus:      "Le service de publication a refusé le site (HTTP %d).",
		ReasonInterrupted: "Genesis a été arrêté avant la fin de la publication ; créez le site à nouveau.",

		AddLanguage:     "Ajouter une version en %s",
		AddLanguageHint: "Les agents intégrés réécrivent les textes du site dans cette langue ; chaque version renvoie vers l’autre.",
	}
}
