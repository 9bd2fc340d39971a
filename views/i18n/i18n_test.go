package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestEveryMessageInEveryLanguage fails when a message is missing in one language, or when the two
// languages disagree on the format verbs a message takes.
func TestEveryMessageInEveryLanguage(t *testing.T) {
	c := New()
	en := reflect.ValueOf(*c.For(EN))
	for _, lang := range Langs() {
		if lang == EN {
			continue
		}
		other := reflect.ValueOf(*c.For(lang))
		compare(t, string(lang), "Messages", en, other)
	}
}

func compare(t *testing.T, lang, path string, en, other reflect.Value) {
	t.Helper()
	switch en.Kind() {
	case reflect.Struct:
		for i := range en.NumField() {
			compare(t, lang, path+"."+en.Type().Field(i).Name, en.Field(i), other.Field(i))
		}
	case reflect.String:
		e, o := en.String(), other.String()
		if e == "" {
			t.Errorf("%s: English message is empty", path)
		}
		if o == "" {
			t.Errorf("%s: %s message is empty", path, lang)
		}
		if ev, ov := verb.FindAllString(e, -1), verb.FindAllString(o, -1); !slices.Equal(ev, ov) {
			t.Errorf("%s: verbs differ: en %v, %s %v", path, ev, lang, ov)
		}
	case reflect.Slice, reflect.Array:
		if en.Len() != other.Len() {
			t.Errorf("%s: en has %d items, %s has %d", path, en.Len(), lang, other.Len())
			return
		}
		for i := range en.Len() {
			compare(t, lang, fmt.Sprintf("%s[%d]", path, i), en.Index(i), other.Index(i))
		}
	case reflect.Map:
		for _, k := range en.MapKeys() {
			if !other.MapIndex(k).IsValid() {
				t.Errorf("%s[%v]: missing in %s", path, k, lang)
				continue
			}
			compare(t, lang, fmt.Sprintf("%s[%v]", path, k), en.MapIndex(k), other.MapIndex(k))
		}
		for _, k := range other.MapKeys() {
			if !en.MapIndex(k).IsValid() {
				t.Errorf("%s[%v]: missing in en", path, k)
			}
		}
	case reflect.Pointer:
		if en.IsNil() || other.IsNil() {
			t.Errorf("%s: nil in en (%v) or %s (%v)", path, en.IsNil(), lang, other.IsNil())
			return
		}
		compare(t, lang, path, en.Elem(), other.Elem())
	default:
		t.Errorf("%s: a %s is not a message; the catalogue holds strings, structs, slices and maps", path, en.Kind())
	}
}

func TestNegotiate(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		header string
		want   Lang
	}{
		{"", EN},
		{"fr-SN,fr;q=0.9,en;q=0.8", FR},
		{"en-GB,en;q=0.9,fr;q=0.8", EN},
		{"de-DE,fr;q=0.5", FR},
		{"de", EN},
		{"en;q=0.2,fr-CA;q=0.7", FR},
	} {
		if got := c.Negotiate(tc.header); got != tc.want {
			t.Errorf("Negotiate(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
}
