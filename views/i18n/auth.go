package i18n

// Auth covers signing up, logging in and out.
type Auth struct {
	SignupTitle     string
	SignupLead      string
	LoginTitle      string
	LoginLead       string
	Name            string
	Email           string
	Password        string
	PasswordHint    string // "%d" is the minimum length
	SignupButton    string
	LoginButton     string
	HaveAccount     string
	NoAccount       string
	BadCredentials  string
	EmailTaken      string
	TooManyAttempts string
	SignedOut       string
}

func authEN() Auth {
	return Auth{
		SignupTitle:     "Create your account",
		SignupLead:      "One account keeps all your briefs together.",
		LoginTitle:      "Log in",
		LoginLead:       "Welcome back. Log in to see your briefs.",
		Name:            "Your name",
		Email:           "Email",
		Password:        "Password",
		PasswordHint:    "At least %d characters.",
		SignupButton:    "Create account",
		LoginButton:     "Log in",
		HaveAccount:     "Already have an account? Log in",
		NoAccount:       "New to Genesis? Create an account",
		BadCredentials:  "The email or password is incorrect.",
		EmailTaken:      "An account with this email already exists. Log in instead.",
		TooManyAttempts: "Too many attempts. Wait a minute and try again.",
		SignedOut:       "You are logged out.",
	}
}

func authFR() Auth {
	return Auth{
		SignupTitle:     "Créez votre compte",
		SignupLead:      "Un seul compte réunit tous vos dossiers.",
		LoginTitle:      "Connexion",
		LoginLead:       "Bon retour ! Connectez-vous pour voir vos dossiers.",
		Name:            "Votre nom",
		Email:           "E-mail",
		Password:        "Mot de passe",
		PasswordHint:    "Au moins %d caractères.",
		SignupButton:    "Créer le compte",
		LoginButton:     "Se connecter",
		HaveAccount:     "Déjà un compte ? Connectez-vous",
		NoAccount:       "Nouveau sur Genesis ? Créez un compte",
		BadCredentials:  "L’e-mail ou le mot de passe est incorrect.",
		EmailTaken:      "Un compte existe déjà avec cet e-mail. Connectez-vous plutôt.",
		TooManyAttempts: "Trop de tentatives. Patientez une minute et réessayez.",
		SignedOut:       "Vous êtes déconnecté.",
	}
}
