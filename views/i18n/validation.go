package i18n

// Validation explains what is wrong with one field of a form.
type Validation struct {
	Required string
	TooLong  string // "%d" is the limit in characters
	TooShort string // "%d" is the minimum in characters
	TooMany  string // "%d" is the largest number of items
	Invalid  string
	OneOf    string // "%s" lists the accepted values
	Email    string
	Mismatch string
}

func validationEN() Validation {
	return Validation{
		Required: "This field is required.",
		TooLong:  "Use at most %d characters.",
		TooShort: "Use at least %d characters.",
		TooMany:  "Give at most %d items.",
		Invalid:  "This value is not valid.",
		OneOf:    "Choose one of: %s.",
		Email:    "Enter a valid email address, like name@example.com.",
		Mismatch: "The two values do not match.",
	}
}

func validationFR() Validation {
	return Validation{
		Required: "Ce champ est obligatoire.",
		TooLong:  "Utilisez au plus %d caractères.",
		TooShort: "Utilisez au moins %d caractères.",
		TooMany:  "Indiquez au plus %d éléments.",
		Invalid:  "Cette valeur n’est pas valide.",
		OneOf:    "Choisissez parmi : %s.",
		Email:    "Saisissez une adresse e-mail valide, comme nom@exemple.com.",
		Mismatch: "Les deux valeurs ne correspondent pas.",
	}
}
