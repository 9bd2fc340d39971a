package i18n

// Errors are what a person reads when something goes wrong: what happened and what to do next.
type Errors struct {
	Title        string
	Heading      string // "%d" is the HTTP status
	BackHome     string
	Retry        string
	Reference    string // "%s" is the request id, for support
	BadRequest   string
	Validation   string
	Unauthorized string
	Forbidden    string
	CSRF         string
	NotFound     string
	Method       string
	Conflict     string
	TooLarge     string
	RateLimited  string
	Unavailable  string
	StorageFull  string
	Timeout      string
	Internal     string
}

func errorsEN() Errors {
	return Errors{
		Title:        "Something went wrong",
		Heading:      "Error %d",
		BackHome:     "Back to the home page",
		Retry:        "Try again",
		Reference:    "Reference: %s",
		BadRequest:   "The request could not be understood. Check what you sent and try again.",
		Validation:   "Some fields need your attention.",
		Unauthorized: "Please log in to continue.",
		Forbidden:    "You are not allowed to do that.",
		CSRF:         "This form has expired or did not come from Genesis. Reload the page and try again.",
		NotFound:     "We could not find that page. It may have expired or been deleted.",
		Method:       "That action is not available here.",
		Conflict:     "Someone changed this at the same time. Reload to see the latest version, then try again.",
		TooLarge:     "That is too large. Shorten it and try again.",
		RateLimited:  "Too many attempts. Wait a moment and try again.",
		Unavailable:  "Genesis cannot reach its storage right now. Your data is safe; try again in a few seconds.",
		StorageFull:  "Storage is full, so nothing new can be saved right now. Your existing briefs are intact; please contact the administrator.",
		Timeout:      "That took too long. Try again in a moment.",
		Internal:     "An unexpected error happened on our side. It has been logged; please try again.",
	}
}

func errorsFR() Errors {
	return Errors{
		Title:        "Un problème est survenu",
		Heading:      "Erreur %d",
		BackHome:     "Retour à l’accueil",
		Retry:        "Réessayer",
		Reference:    "Référence : %s",
		BadRequest:   "La requête n’a pas pu être comprise. Vérifiez ce que vous avez envoyé et réessayez.",
		Validation:   "Certains champs demandent votre attention.",
		Unauthorized: "Connectez-vous pour continuer.",
		Forbidden:    "Vous n’avez pas le droit de faire cela.",
		CSRF:         "Ce formulaire a expiré ou ne vient pas de Genesis. Rechargez la page et réessayez.",
		NotFound:     "Page introuvable. Elle a peut-être expiré ou été supprimée.",
		Method:       "Cette action n’est pas disponible ici.",
		Conflict:     "Quelqu’un a modifié ceci en même temps. Rechargez pour voir la dernière version, puis réessayez.",
		TooLarge:     "C’est trop volumineux. Raccourcissez et réessayez.",
		RateLimited:  "Trop de tentatives. Patientez un instant et réessayez.",
		Unavailable:  "Genesis ne peut pas joindre son stockage pour le moment. Vos données sont en sécurité ; réessayez dans quelques secondes.",
		StorageFull:  "Le stockage est plein : rien de nouveau ne peut être enregistré pour l’instant. Vos dossiers existants sont intacts ; contactez l’administrateur.",
		Timeout:      "Cela a pris trop de temps. Réessayez dans un instant.",
		Internal:     "Une erreur inattendue s’est produite de notre côté. Elle a été enregistrée ; veuillez réessayer.",
	}
}
