package agents

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on the owner's input, in characters.
const (
	MaxNameLength    = 100
	MaxPlaceLength   = 100
	MaxTextLength    = 1000
	MaxServices      = 20
	MaxServiceLength = 100
	MaxToneLength    = 50
	MaxInstruction   = 200
)

// Validation error codes; the web layer turns them into sentences in the reader's language.
const (
	CodeRequired = "required"
	CodeTooLong  = "too_long"
	CodeTooMany  = "too_many"
	CodeOneOf    = "one_of"
	CodeInvalid  = "invalid"
)

// FieldError says what is wrong with one input field. Field uses the JSON names, with
// "location.city" for nested ones and "services" for the list.
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
	// Limit is the bound that was crossed, for too_long and too_many.
	Limit int `json:"limit,omitempty"`
}

// ValidationError lists every invalid field of an input.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	parts := make([]string, len(v))
	for i, f := range v {
		parts[i] = f.Field + ": " + f.Code
	}
	return "invalid input: " + strings.Join(parts, ", ")
}

// Normalize trims every field, drops empty and repeated services, and lower-cases the language.
func (in *Input) Normalize() {
	for _, p := range []*string{&in.BusinessName, &in.Sector, &in.Location.City, &in.Location.Country,
		&in.Location.Region, &in.Vision, &in.Mission, &in.TargetAudience, &in.Differentiation,
		&in.ValueProposition, &in.Tone} {
		*p = strings.TrimSpace(*p)
	}
	in.Language = Language(strings.ToLower(strings.TrimSpace(string(in.Language))))
	seen := map[string]bool{}
	services := in.Services[:0:0]
	for _, s := range in.Services {
		s = strings.TrimSpace(s)
		key := fold(s)
		if s == "" || seen[key] {
			continue
		}
		seen[key] = true
		services = append(services, s)
	}
	in.Services = services
}

// Validate checks a normalized input against the bounds. It returns nil when the input is valid.
func (in Input) Validate() ValidationError {
	var errs ValidationError
	text := func(field, value string, required bool, max int) {
		switch {
		case value == "" && required:
			errs = append(errs, FieldError{Field: field, Code: CodeRequired})
		case utf8.RuneCountInString(value) > max:
			errs = append(errs, FieldError{Field: field, Code: CodeTooLong, Limit: max})
		case !printable(value):
			errs = append(errs, FieldError{Field: field, Code: CodeInvalid})
		}
	}
	text("business_name", in.BusinessName, true, MaxNameLength)
	text("sector", in.Sector, true, MaxPlaceLength)
	text("location.city", in.Location.City, true, MaxPlaceLength)
	text("location.country", in.Location.Country, true, MaxPlaceLength)
	text("location.region", in.Location.Region, false, MaxPlaceLength)
	text("vision", in.Vision, false, MaxTextLength)
	text("mission", in.Mission, false, MaxTextLength)
	text("target_audience", in.TargetAudience, false, MaxTextLength)
	text("differentiation", in.Differentiation, false, MaxTextLength)
	text("value_proposition", in.ValueProposition, false, MaxTextLength)
	text("tone", in.Tone, false, MaxToneLength)
	if len(in.Services) > MaxServices {
		errs = append(errs, FieldError{Field: "services", Code: CodeTooMany, Limit: MaxServices})
	}
	for _, s := range in.Services {
		if utf8.RuneCountInString(s) > MaxServiceLength {
			errs = append(errs, FieldError{Field: "services", Code: CodeTooLong, Limit: MaxServiceLength})
			break
		}
		if !printable(s) {
			errs = append(errs, FieldError{Field: "services", Code: CodeInvalid})
			break
		}
	}
	if in.Language != English && in.Language != French {
		errs = append(errs, FieldError{Field: "language", Code: CodeOneOf})
	}
	return errs
}

// printable refuses control characters other than line breaks and tabs, and invalid UTF-8.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return false
		}
	}
	return true
}
