package i18n

// Landing is the public home page that says what Genesis does.
type Landing struct {
	Title       string
	Lead        string
	CTAStart    string
	CTALogin    string
	AgentsTitle string
	AgentsLead  string
	// What each agent does; the page names each by its section's title.
	AgentMarketD   string
	AgentContentD  string
	AgentLogoD     string
	AgentSEOD      string
	AgentTemplateD string
	StepsTitle     string
	Step1          string
	Step1D         string
	Step2          string
	Step2D         string
	Step3          string
	Step3D         string
	OfflineNote    string
}

func landingEN() Landing {
	return Landing{
		Title:          "Describe your business once. Get a full brief and a website.",
		Lead:           "Genesis turns a short description of your business into market research, website copy, a logo, search keywords and a website design — in English or French, in seconds.",
		CTAStart:       "Create my brief",
		CTALogin:       "I already have an account",
		AgentsTitle:    "Five agents work on your brief",
		AgentsLead:     "Each one writes one section. Read them all, and ask for a new version of any section on its own.",
		AgentMarketD:   "Market size with its arithmetic, competitors, opportunities, pricing and local insights.",
		AgentContentD:  "Homepage, about, services and contact copy in the tone you choose.",
		AgentLogoD:     "Three logo concepts, a colour palette checked for readability, and brand guidelines.",
		AgentSEOD:      "Keywords for your city and services, page titles, descriptions and structured data.",
		AgentTemplateD: "The site design that suits your business best, with the reasons.",
		StepsTitle:     "How it works",
		Step1:          "Describe",
		Step1D:         "Your business name, sector, city, vision and services.",
		Step2:          "Review",
		Step2D:         "Read each section as it arrives; regenerate any one with an instruction.",
		Step3:          "Publish",
		Step3D:         "Turn the brief into a website you can preview and download.",
		OfflineNote:    "Genesis writes everything itself: no data leaves the server unless you connect a language model.",
	}
}

func landingFR() Landing {
	return Landing{
		Title:          "Décrivez votre entreprise une fois. Recevez un dossier complet et un site web.",
		Lead:           "Genesis transforme une courte description de votre entreprise en étude de marché, textes de site, logo, mots-clés de recherche et design de site — en français ou en anglais, en quelques secondes.",
		CTAStart:       "Créer mon dossier",
		CTALogin:       "J’ai déjà un compte",
		AgentsTitle:    "Cinq agents travaillent sur votre dossier",
		AgentsLead:     "Chacun rédige une section. Lisez-les toutes et demandez une nouvelle version de n’importe laquelle, seule.",
		AgentMarketD:   "Taille du marché avec son calcul, concurrents, opportunités, prix et spécificités locales.",
		AgentContentD:  "Textes d’accueil, de présentation, de services et de contact dans le ton de votre choix.",
		AgentLogoD:     "Trois propositions de logo, une palette de couleurs lisible et une charte graphique.",
		AgentSEOD:      "Mots-clés pour votre ville et vos services, titres, descriptions et données structurées.",
		AgentTemplateD: "Le design de site le mieux adapté à votre activité, avec ses raisons.",
		StepsTitle:     "Comment ça marche",
		Step1:          "Décrivez",
		Step1D:         "Le nom, le secteur, la ville, la vision et les services de votre entreprise.",
		Step2:          "Relisez",
		Step2D:         "Lisez chaque section dès qu’elle arrive ; régénérez-en une avec une consigne.",
		Step3:          "Publiez",
		Step3D:         "Transformez le dossier en site web à prévisualiser et à télécharger.",
		OfflineNote:    "Genesis rédige tout lui-même : aucune donnée ne quitte le serveur, sauf si vous branchez un modèle de langage.",
	}
}
