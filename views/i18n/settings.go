package i18n

// SettingsText covers the owner's settings page and the language switcher in every page's header.
type SettingsText struct {
	Title           string
	Lead            string
	Legend          string
	DisplayName     string
	DisplayNameHint string
	Email           string
	Language        string
	LanguageHint    string
	Save            string
	Saved           string
	// SwitcherLabel names the header's language switcher for screen readers; its buttons are
	// each language's own name, marked with that language.
	SwitcherLabel string
}

func settingsEN() SettingsText {
	return SettingsText{
		Title:           "Settings",
		Lead:            "Your name as Genesis shows it, and the language Genesis speaks to you.",
		Legend:          "Your account",
		DisplayName:     "Display name",
		DisplayNameHint: "Shown in the admin console next to your email address.",
		Email:           "Email",
		Language:        "Language of Genesis",
		LanguageHint:    "Pages and messages use this language, and new briefs are written in it unless you choose otherwise. Each brief keeps its own language.",
		Save:            "Save settings",
		Saved:           "Your settings are saved.",
		SwitcherLabel:   "Language",
	}
}

func settingsFR() SettingsText {
	return SettingsText{
		Title:           "Paramètres",
		Lead:            "Votre nom tel que Genesis l’affiche, et la langue dans laquelle Genesis vous parle.",
		Legend:          "Votre compte",
		DisplayName:     "Nom affiché",
		DisplayNameHint: "Affiché dans la console d’administration à côté de votre adresse e-mail.",
		Email:           "E-mail",
		Language:        "Langue de Genesis",
		LanguageHint:    "Les pages et les messages utilisent cette langue, et les nouveaux dossiers sont rédigés dans cette langue sauf choix contraire. Chaque dossier garde sa propre langue.",
		Save:            "Enregistrer les paramètres",
		Saved:           "Vos paramètres sont enregistrés.",
		SwitcherLabel:   "Langue",
	}
}
