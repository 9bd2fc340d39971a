package i18n

// BriefText covers the dashboard, the new-brief form and the brief page.
type BriefText struct {
	DashboardTitle string
	DashboardLead  string
	EmptyTitle     string
	EmptyLead      string
	EmptyCTA       string
	ColBusiness    string
	ColSections    string
	ColCreated     string
	ColExpires     string
	LoadMore       string
	Open           string
	Created        string // "%s" is a date
	Expires        string // "%s" is a relative time
	ExpiredLabel   string // instead of Expires once the brief has expired

	NewTitle         string
	NewLead          string
	DraftRestored    string
	DraftSaved       string
	LegendBusiness   string
	LegendPlace      string
	LegendStory      string
	LegendOffer      string
	BusinessName     string
	Sector           string
	SectorHint       string
	City             string
	Country          string
	CountryHint      string
	Region           string
	Vision           string
	Mission          string
	TargetAudience   string
	Differentiation  string
	ValueProposition string
	Services         string
	ServicesHint     string // "%d" is the maximum number of services
	Language         string
	Tone             string
	ToneHint         string
	Optional         string
	CreateButton     string
	Tones            []string
	LanguageNames    []string // in the order en, fr

	StatusQueued    string
	StatusRunning   string
	StatusDone      string
	StatusFailed    string
	BriefGenerating string
	BriefDone       string
	BriefFailed     string
	Version         string // "%d" is the version number
	Elapsed         string
	ElapsedSeconds  string // "%d" is a number of seconds
	GeneratedBy     string // "%s" is the provider's name
	ProviderBuiltin string // the provider that needs no network, as GeneratedBy names it
	ProviderModel   string // "%s" is the configured language model
	FailedGeneric   string
	FailedTimeout   string
	Quoted          string // "%s" is the owner's instruction, quoted the language's way
	Fallback        string
	Waiting         string
	Retry           string

	Regenerate          string
	RegenerateLabel     string // screen-reader label; "%s" is the section title
	Instruction         string
	InstructionHint     string
	History             string
	HistoryTitle        string
	HistoryEmpty        string
	Restore             string
	RestoredFrom        string // "%d" is the version restored
	Actions             string
	Keep                string
	KeepFor             string
	KeepDays            string // "%d" is a number of days
	Extended            string // "%s" is the new expiry date
	Delete              string
	DeleteConfirm       string
	DeleteConfirmButton string
	Deleted             string
	ExportMarkdown      string
	ExportJSON          string
	Print               string
	Confidence          string // "%d" is a percentage
	ReadyForWebsite     string
	NotReadyForWebsite  string
	LiveRegion          string
	StorageTrouble      string
}

func briefEN() BriefText {
	return BriefText{
		DashboardTitle: "My briefs",
		DashboardLead:  "Every brief you created, newest first.",
		EmptyTitle:     "No brief yet",
		EmptyLead:      "Describe your business once and five agents write your market research, website copy, logo, SEO and website design.",
		EmptyCTA:       "Create my first brief",
		ColBusiness:    "Business",
		ColSections:    "Sections",
		ColCreated:     "Created",
		ColExpires:     "Expires",
		LoadMore:       "Show older briefs",
		Open:           "Open",
		Created:        "Created %s",
		Expires:        "Expires %s",
		ExpiredLabel:   "Expired",

		NewTitle:         "Describe your business",
		NewLead:          "Tell us about your business once. Only the name, sector, city and country are required; the more you say, the better the brief.",
		DraftRestored:    "We restored the draft you started earlier.",
		DraftSaved:       "Draft saved",
		LegendBusiness:   "Your business",
		LegendPlace:      "Where you work",
		LegendStory:      "Your story",
		LegendOffer:      "What you offer",
		BusinessName:     "Business name",
		Sector:           "Sector",
		SectorHint:       "Choose from the list or type your own.",
		City:             "City",
		Country:          "Country",
		CountryHint:      "Choose from the list or type your own.",
		Region:           "Region",
		Vision:           "Vision",
		Mission:          "Mission",
		TargetAudience:   "Target audience",
		Differentiation:  "Differentiation",
		ValueProposition: "Value proposition",
		Services:         "Services",
		ServicesHint:     "One service per line, at most %d.",
		Language:         "Language of the brief",
		Tone:             "Tone",
		ToneHint:         "How your business speaks: choose or type your own.",
		Optional:         "optional",
		CreateButton:     "Create my brief",
		Tones:            []string{"professional", "warm", "bold", "playful", "formal"},
		LanguageNames:    []string{"English", "French"},

		StatusQueued:    "Waiting",
		StatusRunning:   "Writing…",
		StatusDone:      "Ready",
		StatusFailed:    "Failed",
		BriefGenerating: "Being written",
		BriefDone:       "Complete",
		BriefFailed:     "Needs attention",
		Version:         "Version %d",
		Elapsed:         "Time elapsed:",
		ElapsedSeconds:  "%d s",
		GeneratedBy:     "Written by %s",
		ProviderBuiltin: "the built-in agent",
		ProviderModel:   "the language model %s",
		FailedGeneric:   "The agent could not write this section.",
		FailedTimeout:   "The agent took too long to write this section.",
		Quoted:          "“%s”",
		Fallback:        "The configured language model failed; the built-in agent wrote this section.",
		Waiting:         "This section will appear here as soon as its agent finishes.",
		Retry:           "Try again",

		Regenerate:          "Regenerate",
		RegenerateLabel:     "Regenerate %s",
		Instruction:         "Instruction",
		InstructionHint:     "Optional, e.g. “more formal”, “shorter”, “focus on delivery”.",
		History:             "History",
		HistoryTitle:        "Previous versions",
		HistoryEmpty:        "No previous version yet.",
		Restore:             "Restore",
		RestoredFrom:        "Restored from version %d",
		Actions:             "Brief actions",
		Keep:                "Keep",
		KeepFor:             "Keep this brief for",
		KeepDays:            "%d days",
		Extended:            "Kept until %s.",
		Delete:              "Delete brief",
		DeleteConfirm:       "This deletes the brief and every version of its sections. It cannot be undone.",
		DeleteConfirmButton: "Yes, delete it",
		Deleted:             "The brief was deleted.",
		ExportMarkdown:      "Export Markdown",
		ExportJSON:          "Export JSON",
		Print:               "Print or save as PDF",
		Confidence:          "Confidence %d%%",
		ReadyForWebsite:     "Ready to become a website",
		NotReadyForWebsite:  "The website can be built once content, logo, SEO and template are ready.",
		LiveRegion:          "Section updates",
		StorageTrouble:      "Some of this page could not be loaded because storage is not answering. Your data is safe; reload in a few seconds.",
	}
}

func briefFR() BriefText {
	return BriefText{
		DashboardTitle: "Mes dossiers",
		DashboardLead:  "Tous vos dossiers, du plus récent au plus ancien.",
		EmptyTitle:     "Aucun dossier pour l’instant",
		EmptyLead:      "Décrivez votre entreprise une fois : cinq agents rédigent votre étude de marché, les textes de votre site, votre logo, votre référencement et le design de votre site.",
		EmptyCTA:       "Créer mon premier dossier",
		ColBusiness:    "Entreprise",
		ColSections:    "Sections",
		ColCreated:     "Créé",
		ColExpires:     "Expire",
		LoadMore:       "Afficher les dossiers plus anciens",
		Open:           "Ouvrir",
		Created:        "Créé le %s",
		Expires:        "Expire %s",
		ExpiredLabel:   "Expiré",

		NewTitle:         "Décrivez votre entreprise",
		NewLead:          "Présentez votre entreprise une seule fois. Seuls le nom, le secteur, la ville et le pays sont obligatoires ; plus vous en dites, meilleur sera le dossier.",
		DraftRestored:    "Nous avons restauré le brouillon commencé plus tôt.",
		DraftSaved:       "Brouillon enregistré",
		LegendBusiness:   "Votre entreprise",
		LegendPlace:      "Où vous travaillez",
		LegendStory:      "Votre histoire",
		LegendOffer:      "Ce que vous proposez",
		BusinessName:     "Nom de l’entreprise",
		Sector:           "Secteur",
		SectorHint:       "Choisissez dans la liste ou saisissez le vôtre.",
		City:             "Ville",
		Country:          "Pays",
		CountryHint:      "Choisissez dans la liste ou saisissez le vôtre.",
		Region:           "Région",
		Vision:           "Vision",
		Mission:          "Mission",
		TargetAudience:   "Public cible",
		Differentiation:  "Différenciation",
		ValueProposition: "Proposition de valeur",
		Services:         "Services",
		ServicesHint:     "Un service par ligne, %d au maximum.",
		Language:         "Langue du dossier",
		Tone:             "Ton",
		ToneHint:         "La façon dont votre entreprise s’exprime : choisissez ou saisissez le vôtre.",
		Optional:         "facultatif",
		CreateButton:     "Créer mon dossier",
		Tones:            []string{"professionnel", "chaleureux", "audacieux", "ludique", "formel"},
		LanguageNames:    []string{"Anglais", "Français"},

		StatusQueued:    "En attente",
		StatusRunning:   "Rédaction…",
		StatusDone:      "Prêt",
		StatusFailed:    "Échec",
		BriefGenerating: "En cours de rédaction",
		BriefDone:       "Terminé",
		BriefFailed:     "À vérifier",
		Version:         "Version %d",
		Elapsed:         "Temps écoulé :",
		ElapsedSeconds:  "%d s",
		GeneratedBy:     "Rédigé par %s",
		ProviderBuiltin: "l’agent intégré",
		ProviderModel:   "le modèle de langage %s",
		FailedGeneric:   "L’agent n’a pas pu rédiger cette section.",
		FailedTimeout:   "L’agent a mis trop de temps à rédiger cette section.",
		Quoted:          "«\u202f%s\u202f»",
		Fallback:        "Le modèle de langage configuré a échoué ; l’agent intégré a rédigé cette section.",
		Waiting:         "Cette section apparaîtra ici dès que son agent aura terminé.",
		Retry:           "Réessayer",

		Regenerate:          "Régénérer",
		RegenerateLabel:     "Régénérer %s",
		Instruction:         "Consigne",
		InstructionHint:     "Facultatif, par ex. « plus formel », « plus court », « mettre l’accent sur la livraison ».",
		History:             "Historique",
		HistoryTitle:        "Versions précédentes",
		HistoryEmpty:        "Pas encore de version précédente.",
		Restore:             "Restaurer",
		RestoredFrom:        "Restaurée depuis la version %d",
		Actions:             "Actions sur le dossier",
		Keep:                "Conserver",
		KeepFor:             "Conserver ce dossier pendant",
		KeepDays:            "%d jours",
		Extended:            "Conservé jusqu’au %s.",
		Delete:              "Supprimer le dossier",
		DeleteConfirm:       "Cela supprime le dossier et toutes les versions de ses sections. C’est irréversible.",
		DeleteConfirmButton: "Oui, le supprimer",
		Deleted:             "Le dossier a été supprimé.",
		ExportMarkdown:      "Exporter en Markdown",
		ExportJSON:          "Exporter en JSON",
		Print:               "Imprimer ou enregistrer en PDF",
		Confidence:          "Confiance %d %%",
		ReadyForWebsite:     "Prêt à devenir un site web",
		NotReadyForWebsite:  "Le site pourra être créé quand le contenu, le logo, le SEO et le modèle seront prêts.",
		LiveRegion:          "Mises à jour des sections",
		StorageTrouble:      "Une partie de cette page n’a pas pu être chargée car le stockage ne répond pas. Vos données sont en sécurité ; rechargez dans quelques secondes.",
	}
}
