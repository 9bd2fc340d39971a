package site

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	"genesis/agents"
)

var formatVerb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestSiteTextEveryLanguage fails when a label is missing in a language or when the languages
// disagree on the format verbs a label takes.
func TestSiteTextEveryLanguage(t *testing.T) {
	en := reflect.ValueOf(textFor(agents.English))
	fr := reflect.ValueOf(textFor(agents.French))
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		e, f := en.Field(i).String(), fr.Field(i).String()
		if e == "" {
			t.Errorf("%s: English label is empty", name)
		}
		if f == "" {
			t.Errorf("%s: French label is empty", name)
		}
		if ev, fv := formatVerb.FindAllString(e, -1), formatVerb.FindAllString(f, -1); !slices.Equal(ev, fv) {
			t.Errorf("%s: verbs differ: en %v, fr %v", name, ev, fv)
		}
	}
	if textFor("de") != textFor(agents.English) {
		t.Errorf("an unknown language does not fall back to English")
	}
}
