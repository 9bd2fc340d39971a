// Package i18ntest finds, for tests, what a page in one language shows of another: the messages
// of the other languages' catalogues, messages left unfilled, and codes Genesis stores for
// machines where people should read words. Page tests and browser tests share it.
package i18ntest

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"genesis/views/i18n"
)

// Checker knows the messages a page in one language must not show. It is not safe for concurrent
// use: it remembers the texts it has checked, since pages repeat most of theirs.
type Checker struct {
	lang    i18n.Lang
	foreign []foreignText
	seen    map[string][]string
}

// foreignText is a message of another language: the catalogue's text for a field in that language,
// when the page's language writes it differently everywhere in its own catalogue.
type foreignText struct {
	path string
	text string
	re   *regexp.Regexp
	// literal is the message's longest fixed part: a text without it cannot match, and looking
	// for it is much cheaper than running the pattern.
	literal string
}

// New returns the checker of pages in lang: it walks every language's catalogue field by field, by
// reflection, and keeps the messages lang does not use anywhere (English "%s million" is French
// too). A message with format verbs becomes a pattern whose arguments match anything; messages of
// fewer than three letters, or whose fixed words are fewer than four letters, say too little to be
// told apart from other text and are left out. Fields that are not messages (the language code)
// have their own types.
func New(c *i18n.Catalogue, lang i18n.Lang) (*Checker, error) {
	own := map[string]bool{}
	walk(reflect.ValueOf(c.For(lang)), "Messages", func(_, s string) { own[s] = true })
	k := &Checker{lang: lang, seen: map[string][]string{}}
	for _, other := range i18n.Langs() {
		if other == lang {
			continue
		}
		walk(reflect.ValueOf(c.For(other)), "Messages", func(path, s string) {
			if own[s] {
				return
			}
			if ft, ok := textPattern(path, s); ok {
				k.foreign = append(k.foreign, ft)
			}
		})
	}
	if len(k.foreign) < 300 {
		return nil, fmt.Errorf("only %d messages differ between the languages: the catalogue walk is broken", len(k.foreign))
	}
	return k, nil
}

// walk calls fn with every message string under v, and its path in the catalogue.
func walk(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			walk(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		for _, key := range v.MapKeys() {
			walk(v.MapIndex(key), fmt.Sprintf("%s[%v]", path, key), fn)
		}
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() {
			fn(path, v.String())
		}
	}
}

// verbPattern matches the format verbs the catalogue's messages use.
var verbPattern = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// textPattern compiles a message into a pattern that finds it inside a longer text, on word
// boundaries; format verbs match any argument.
func textPattern(path, msg string) (foreignText, bool) {
	parts := verbPattern.Split(strings.ReplaceAll(msg, "%%", "%"), -1)
	letters := 0
	for _, p := range parts {
		for _, r := range p {
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if letters < 3 || (len(parts) > 1 && letters < 4) {
		return foreignText{}, false
	}
	var expr strings.Builder
	literal := ""
	for i, p := range parts {
		if i > 0 {
			expr.WriteString(`.+?`)
		}
		p = spaces.ReplaceAllString(p, " ")
		expr.WriteString(regexp.QuoteMeta(p))
		if len(strings.TrimSpace(p)) > len(literal) {
			literal = strings.TrimSpace(p)
		}
	}
	e := expr.String()
	trimmed := []rune(strings.TrimSpace(msg))
	if len(trimmed) > 0 && isWord(trimmed[0]) {
		e = `(?:^|[^\p{L}\p{N}_])` + e
	}
	if len(trimmed) > 0 && isWord(trimmed[len(trimmed)-1]) {
		e += `(?:$|[^\p{L}\p{N}_])`
	}
	return foreignText{path: path, text: msg, re: regexp.MustCompile(e), literal: literal}, true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// spaces are runs of white space, no-break spaces included: a reader sees one space.
var spaces = regexp.MustCompile(`[\s\x{00a0}\x{202f}]+`)

// Collapse folds a text's white space as a reader sees it.
func Collapse(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// unfilled are signs of a message that was not filled in: fmt's complaints, verbs and the date
// layouts' placeholders.
var unfilled = regexp.MustCompile(`%!|%[sdvq]|\{day\}|\{month\}`)

// rawCodes are values Genesis stores for machines, which a page must name in words: provider and
// section ids, the orchestrator's failure reasons, and (as a whole text) statuses, logo concepts
// and language codes.
var (
	rawCodes      = regexp.MustCompile(`\bbuiltin\b|generation (failed|timed out)|\b(market_research|content_generation|logo_creation|seo_optimization|template_selection|value_proposition)\b`)
	rawWholeCodes = regexp.MustCompile(`^(queued|running|done|failed|generating|monogram|wordmark|emblem|en|fr)$`)
)

// brands are product names that stay as they are in every language, even when one of their words
// is also a message ("Business").
var brands = regexp.MustCompile(`Google Business(?: Profile)?`)

// Text lists what is wrong with one text a person reads.
func (k *Checker) Text(text string) []string {
	text = Collapse(brands.ReplaceAllString(text, "·"))
	if text == "" {
		return nil
	}
	if problems, ok := k.seen[text]; ok {
		return problems
	}
	problems := k.check(text)
	k.seen[text] = problems
	return problems
}

func (k *Checker) check(text string) []string {
	var problems []string
	if unfilled.MatchString(text) {
		problems = append(problems, fmt.Sprintf("%q is a message not filled in", text))
	}
	if rawCodes.MatchString(text) || rawWholeCodes.MatchString(text) {
		problems = append(problems, fmt.Sprintf("%q shows a stored code instead of words", text))
	}
	for _, f := range k.foreign {
		if strings.Contains(text, f.literal) && f.re.MatchString(text) {
			problems = append(problems, fmt.Sprintf("%q shows %s %q", text, f.path, f.text))
		}
	}
	return problems
}

// peopleAttrs are the attributes people read or hear.
var peopleAttrs = []string{"title", "aria-label", "alt", "placeholder"}

// HTML lists what is wrong in a page or fragment: every text and attribute meant for people.
// Elements marked with another language (the switcher names each language in itself) and
// machine text (code, pre, script, style) are skipped.
func (k *Checker) HTML(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	check := func(where, text string) {
		for _, p := range k.Text(text) {
			problems = append(problems, where+" "+p)
		}
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			check("text in <"+n.Parent.Data+">", n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "code", "pre", "template":
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Val != string(k.lang) {
					return
				}
			}
			for _, a := range n.Attr {
				for _, want := range peopleAttrs {
					if a.Key == want {
						check("<"+n.Data+" "+a.Key+">", a.Val)
					}
				}
				// A <button>'s value is sent, not shown; an input button shows its value.
				if a.Key == "value" && n.Data == "input" && isButtonInput(n) {
					check("<"+n.Data+" value>", a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return problems
}

func isButtonInput(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" {
			return a.Val == "submit" || a.Val == "button" || a.Val == "reset"
		}
	}
	return false
}
