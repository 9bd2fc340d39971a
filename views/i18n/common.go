package i18n

// Common is the frame around every page: name, navigation, footer, shared controls.
type Common struct {
	AppName       string
	Tagline       string
	SkipToContent string
	NavHome       string
	NavBriefs     string
	NavNewBrief   string
	NavAdmin      string
	NavLogin      string
	NavSignup     string
	NavLogout     string
	NavSettings   string
	MainMenu      string
	Language      string
	Footer        string
	Close         string
	Loading       string
	Cancel        string
	Save          string
	Back          string
}

func commonEN() Common {
	return Common{
		AppName:       "Genesis",
		Tagline:       "Your business brief, written for you",
		SkipToContent: "Skip to content",
		NavHome:       "Home",
		NavBriefs:     "My briefs",
		NavNewBrief:   "New brief",
		NavAdmin:      "Admin",
		NavLogin:      "Log in",
		NavSignup:     "Sign up",
		NavLogout:     "Log out",
		NavSettings:   "Settings",
		MainMenu:      "Main menu",
		Language:      "Language",
		Footer:        "Genesis helps small businesses describe themselves and get online.",
		Close:         "Close",
		Loading:       "Loading…",
		Cancel:        "Cancel",
		Save:          "Save",
		Back:          "Back",
	}
}

func commonFR() Common {
	return Common{
		AppName:       "Genesis",
		Tagline:       "Votre dossier d’entreprise, rédigé pour vous",
		SkipToContent: "Aller au contenu",
		NavHome:       "Accueil",
		NavBriefs:     "Mes dossiers",
		NavNewBrief:   "Nouveau dossier",
		NavAdmin:      "Administration",
		NavLogin:      "Se connecter",
		NavSignup:     "Créer un compte",
		NavLogout:     "Se déconnecter",
		NavSettings:   "Paramètres",
		MainMenu:      "Menu principal",
		Language:      "Langue",
		Footer:        "Genesis aide les petites entreprises à se présenter et à se lancer en ligne.",
		Close:         "Fermer",
		Loading:       "Chargement…",
		Cancel:        "Annuler",
		Save:          "Enregistrer",
		Back:          "Retour",
	}
}
