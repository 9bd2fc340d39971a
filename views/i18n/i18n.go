// Package i18n is Genesis's one message catalogue: every string a person reads on a page, in a
// fragment or in an error comes from here, in English and in French. Messages are typed fields, so
// a template cannot name a key that does not exist, and a test checks that both languages fill
// every field with the same format verbs.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is a language of the interface.
type Lang string

const (
	EN Lang = "en"
	FR Lang = "fr"
)

// Langs lists the interface languages, the default first.
func Langs() []Lang { return []Lang{EN, FR} }

// ParseLang returns the language a tag such as "fr-SN" names, or false.
func ParseLang(tag string) (Lang, bool) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	for _, l := range Langs() {
		if string(l) == base {
			return l, true
		}
	}
	return "", false
}

// Messages is every message of the interface in one language.
type Messages struct {
	Lang       Lang
	LangName   string // the language's own name, for the switcher
	Common     Common
	Landing    Landing
	Auth       Auth
	Section    SectionText
	Brief      BriefText
	Export     ExportText
	Units      Units
	Errors     Errors
	Validation Validation
	Admin      AdminText
	Website    WebsiteText
	Settings   SettingsText
}

// Catalogue holds the messages of every language. It is built once and only read.
type Catalogue struct {
	byLang map[Lang]*Messages
}

// New builds the catalogue.
func New() *Catalogue {
	return &Catalogue{byLang: map[Lang]*Messages{
		EN: english(),
		FR: french(),
	}}
}

// For returns the messages of lang, English when the language is unknown.
func (c *Catalogue) For(lang Lang) *Messages {
	if m, ok := c.byLang[lang]; ok {
		return m
	}
	return c.byLang[EN]
}

// Negotiate picks the interface language from an Accept-Language header, by quality.
func (c *Catalogue) Negotiate(acceptLanguage string) Lang {
	best, bestQ := EN, -1.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if l, ok := ParseLang(tag); ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

func english() *Messages {
	return &Messages{
		Lang:       EN,
		LangName:   "English",
		Common:     commonEN(),
		Landing:    landingEN(),
		Auth:       authEN(),
		Section:    sectionEN(),
		Brief:      briefEN(),
		Export:     exportEN(),
		Units:      unitsEN(),
		Errors:     errorsEN(),
		Validation: validationEN(),
		Admin:      adminEN(),
		Website:    websiteEN(),
		Settings:   settingsEN(),
	}
}

func french() *Messages {
	return &Messages{
		Lang:       FR,
		LangName:   "Français",
		Common:     commonFR(),
		Landing:    landingFR(),
		Auth:       authFR(),
		Section:    sectionFR(),
		Brief:      briefFR(),
		Export:     exportFR(),
		Units:      unitsFR(),
		Errors:     errorsFR(),
		Validation: validationFR(),
		Admin:      adminFR(),
		Website:    websiteFR(),
		Settings:   settingsFR(),
	}
}

// F formats a catalogue message that takes arguments; catalogue tests keep the verbs of both
// languages the same, so a message formats alike in each.
func F(format string, args ...any) string { return fmt.Sprintf(format, args...) }
