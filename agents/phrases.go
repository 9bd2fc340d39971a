package agents

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PhraseBank is data/phrases.json: the content agent's wording in English and French.
//
// Patterns name facts in braces — {name}, {services}, {in_place} — and fill replaces them. French
// patterns are written so that any owner's words fit: bare nouns follow "en", "Côté" or a colon, and
// fill repairs the joins the owner's words create (elision "d'Abidjan", contraction "au Caire").
type PhraseBank struct {
	Tones []ToneProfile `json:"tones"`
	// Copy holds the slots whose wording changes with the tone: slot → tone id → alternatives.
	Copy map[string]TonedPatterns `json:"copy"`
	// Lists hold wording that does not change with the tone: hours, content pillars, default services.
	Lists map[string]Patterns `json:"lists"`
	// Labels are single phrases: channel names, fallbacks, the template agent's reasons.
	Labels map[string]Text `json:"labels"`
}

// ToneProfile is one voice the copy can take.
type ToneProfile struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
	// Aliases are words in either language that ask for this tone ("warm", "chaleureux"), written
	// folded: lower case, without accents ("serieux").
	Aliases []string `json:"aliases"`
	// Voice describes how copy in this tone sounds; it becomes the content strategy's tone of voice.
	Voice Text `json:"voice"`
}

// TonedPatterns maps a tone id to its alternatives.
type TonedPatterns map[string]Patterns

// Patterns are interchangeable alternatives in both languages.
type Patterns struct {
	EN []string `json:"en"`
	FR []string `json:"fr"`
}

// In returns the alternatives in lang.
func (p Patterns) In(lang Language) []string {
	if lang == French {
		return p.FR
	}
	return p.EN
}

// The tones every copy slot is written in.
const (
	toneDefault      = "default"
	toneWarm         = "warm"
	toneProfessional = "professional"
	toneBold         = "bold"
)

// copyFor returns the alternatives of slot in tone, or in the default tone when that tone has none.
func (p PhraseBank) copyFor(slot, tone string, lang Language) []string {
	toned := p.Copy[slot]
	if alts := toned[tone].In(lang); len(alts) > 0 {
		return alts
	}
	return toned[toneDefault].In(lang)
}

// toneByID returns the tone with id, or the default tone.
func (p PhraseBank) toneByID(id string) ToneProfile {
	for _, t := range p.Tones {
		if t.ID == id {
			return t
		}
	}
	for _, t := range p.Tones {
		if t.ID == toneDefault {
			return t
		}
	}
	return ToneProfile{ID: toneDefault}
}

// toneOf reads the owner's free-text tone ("warm but professional", "chaleureux"): the tone named
// first wins, the default tone when none is named.
func (p PhraseBank) toneOf(text string) ToneProfile {
	words := strings.FieldsFunc(fold(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	for _, w := range words {
		for _, t := range p.Tones {
			if slices.Contains(t.Aliases, w) {
				return t
			}
		}
	}
	return p.toneByID(toneDefault)
}

// resolveTone is the tone a section is written in: the owner's tone, unless the regeneration
// instruction asks for another.
func (p PhraseBank) resolveTone(ownerTone string, h Hints) ToneProfile {
	switch {
	case h.Formal:
		return p.toneByID(toneProfessional)
	case h.Casual:
		return p.toneByID(toneWarm)
	case h.Bolder:
		return p.toneByID(toneBold)
	}
	return p.toneOf(ownerTone)
}

// label returns the label name in lang, or "" when the bank lacks it.
func (p PhraseBank) label(name string, lang Language) string {
	return p.Labels[name].In(lang)
}

// phraseSlots names what an agent reads from the phrase bank.
type phraseSlots struct {
	copy, lists, labels []string
}

// require reports the first slot the bank lacks in either language, so a broken phrases.json stops
// LoadKnowledge instead of producing empty copy.
func (p PhraseBank) require(s phraseSlots) error {
	for _, lang := range []Language{English, French} {
		for _, slot := range s.copy {
			if len(p.copyFor(slot, toneDefault, lang)) == 0 {
				return fmt.Errorf("phrase bank: copy slot %q has no %s wording", slot, lang)
			}
		}
		for _, list := range s.lists {
			if len(p.Lists[list].In(lang)) == 0 {
				return fmt.Errorf("phrase bank: list %q has no %s wording", list, lang)
			}
		}
		for _, label := range s.labels {
			if t, ok := p.Labels[label]; !ok || (lang == French && t.FR == "") || t.EN == "" {
				return fmt.Errorf("phrase bank: label %q has no %s wording", label, lang)
			}
		}
	}
	return nil
}

// --- filling patterns ---

// placeholders lists the names a pattern refers to, in order.
func placeholders(pattern string) []string {
	var names []string
	rest := pattern
	for len(rest) > 0 {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			break
		}
		names = append(names, rest[open+1:open+end])
		rest = rest[open+end+1:]
	}
	return names
}

// usable reports whether every placeholder of pattern has a value.
func usable(pattern string, facts map[string]string) bool {
	for _, name := range placeholders(pattern) {
		if facts[name] == "" {
			return false
		}
	}
	return true
}

// fill replaces the placeholders of pattern with facts and finishes the sentence typographically.
// A placeholder without a value is left as it is, so a test can spot it.
func fill(pattern string, facts map[string]string, lang Language) string {
	return finish(substitute(pattern, facts, lang), lang)
}

// substitute replaces the placeholders of pattern with facts, repairing each join.
func substitute(pattern string, facts map[string]string, lang Language) string {
	var out string
	rest := pattern
	for len(rest) > 0 {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			break
		}
		out += rest[:open]
		name := rest[open+1 : open+end]
		if value, ok := facts[name]; ok && value != "" {
			if trimmed := strings.TrimRight(out, " "); strings.HasSuffix(fold(trimmed), fold(value)) {
				// The owner's words already said it ("women in Dakar" + "in Dakar"): say it once.
				out = trimmed
			} else {
				out = joinValue(out, value, lang)
			}
		} else {
			out += rest[open : open+end+1]
		}
		rest = rest[open+end+1:]
	}
	return out + rest
}

// joinValue appends value to text, repairing the join: French "de le" → "du", "à les" → "aux",
// "de Abidjan" → "d'Abidjan", "que il" → "qu'il"; English "a apple" → "an apple".
func joinValue(text, value string, lang Language) string {
	if lang == French {
		text, value = contractFrench(text, value)
		return elideFrench(text, value) + value
	}
	return articleEnglish(text, value) + value
}

// contractFrench turns "de le X" into "du X", "à les X" into "aux X" and so on.
func contractFrench(text, value string) (string, string) {
	contractions := []struct{ prep, article, merged string }{
		{"de", "le", "du"}, {"de", "les", "des"}, {"à", "le", "au"}, {"à", "les", "aux"},
	}
	lowerValue := strings.ToLower(value)
	for _, c := range contractions {
		if !strings.HasPrefix(lowerValue, c.article+" ") {
			continue
		}
		before, ok := cutTrailingWord(text, c.prep)
		if !ok {
			continue
		}
		merged := c.merged
		if startsUpper(text[len(before):]) {
			merged = capitalizeFirst(merged)
		}
		return before + merged + " ", value[len(c.article)+1:]
	}
	return text, value
}

// elideFrench drops the vowel of "de", "que", "le", "la", "ne", "je", "se" before a vowel sound.
func elideFrench(text, value string) string {
	if !startsWithVowelSound(value, French) {
		return text
	}
	for _, w := range []string{"de", "que", "le", "la", "ne", "je", "se", "me", "te", "jusque", "lorsque", "puisque"} {
		if before, ok := cutTrailingWord(text, w); ok {
			word := strings.TrimSuffix(text[len(before):], " ")
			return before + word[:len(word)-1] + "'"
		}
	}
	return text
}

// articleEnglish turns a trailing "a " into "an " before a vowel sound.
func articleEnglish(text, value string) string {
	if !startsWithVowelSound(value, English) {
		return text
	}
	if before, ok := cutTrailingWord(text, "a"); ok {
		if startsUpper(text[len(before):]) {
			return before + "An "
		}
		return before + "an "
	}
	return text
}

// cutTrailingWord reports whether text ends with word followed by one space (case-insensitively,
// at a word boundary) and returns the text before that word.
func cutTrailingWord(text, word string) (string, bool) {
	tail := word + " "
	if len(text) < len(tail) || !strings.EqualFold(text[len(text)-len(tail):], tail) {
		return "", false
	}
	before := text[:len(text)-len(tail)]
	if before == "" {
		return before, true
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	if unicode.IsLetter(last) || unicode.IsDigit(last) {
		return "", false
	}
	return before, true
}

// startsWithVowelSound reports whether s starts with a sound that takes "d'" / "l'" in French or
// "an" in English, ignoring accents and case. French keeps the full article before an aspirated h
// ("le hockey") and a few words ("de Ouagadougou"); English says "an hour" but "a hotel", "a union".
func startsWithVowelSound(s string, lang Language) bool {
	word := firstWordFolded(s)
	if word == "" {
		return false
	}
	if lang == French {
		for _, full := range []string{"ouagadougou", "ouidah", "oui", "onze", "ouistiti", "hockey", "huit", "hall",
			"hamac", "hamburger", "hammam", "hanche", "handicap", "hangar", "hareng", "haricot", "hasard", "haut",
			"haute", "hauts", "hautes", "hausse", "heros", "hibou", "hip-hop", "homard", "honte", "hors", "hot-dog",
			"hotte", "hutte", "hyene", "honduras", "hollande", "hongrois"} {
			if word == full {
				return false
			}
		}
		return strings.ContainsRune("aeiouh", rune(word[0]))
	}
	for _, h := range []string{"hour", "hours", "honest", "honour", "honor", "heir"} {
		if word == h {
			return true
		}
	}
	switch {
	case strings.HasPrefix(word, "uni"), strings.HasPrefix(word, "use"), strings.HasPrefix(word, "usu"),
		strings.HasPrefix(word, "eu"), strings.HasPrefix(word, "one"), strings.HasPrefix(word, "once"):
		return false
	}
	return strings.ContainsRune("aeiou", rune(word[0]))
}

// firstWordFolded is the first word of s, lower-cased and without accents. Only the first word is
// folded: owner texts can be long, and folding is the costly part.
func firstWordFolded(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '-' })
	if end >= 0 {
		s = s[:end]
	}
	return fold(s)
}

// finish tidies spacing and punctuation and capitalises each sentence. French takes a
// non-breaking space before high punctuation, so "prix :" never wraps apart; English takes none.
func finish(s string, lang Language) string {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == ' ' && (next == ',' || next == '.' || next == ')' || (len(out) > 0 && out[len(out)-1] == '(')):
			continue
		case r == ' ' && (next == ':' || next == '%') && lang == French:
			out = append(out, '\u00a0')
		case r == ' ' && (next == ';' || next == '!' || next == '?') && lang == French:
			out = append(out, '\u202f')
		case r == ' ' && (next == ':' || next == ';' || next == '!' || next == '?' || next == '%'):
			continue
		case r == ',' && (next == '.' || (len(out) > 0 && out[len(out)-1] == '.')):
			continue
		default:
			out = append(out, r)
		}
	}
	return capitalizeSentences(strings.TrimSpace(string(out)))
}

// capitalizeSentences upper-cases the first letter of s and of every sentence after . ! or ?.
func capitalizeSentences(s string) string {
	rs := []rune(s)
	start := true
	for i, r := range rs {
		switch {
		case start && unicode.IsLetter(r):
			rs[i] = unicode.ToUpper(r)
			start = false
		case start && !unicode.IsSpace(r) && r != '\u202f' && r != '\u00a0' && r != '"' && r != '«' && r != '(':
			start = false
		case r == '.' || r == '!' || r == '?':
			start = i+1 < len(rs) && rs[i+1] == ' '
		}
	}
	return string(rs)
}

// --- word-level helpers ---

// cleanText makes owner input safe to embed: valid UTF-8, no control characters, single spaces.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// clause is owner text ready to sit inside a sentence: no trailing punctuation, first letter
// lowered when it is an ordinary word ("We bake" → "we bake", "Lagos" and "SEO" kept). keep lists
// names that must stay capitalised.
func clause(s string, keep ...string) string {
	s = strings.TrimRight(cleanText(s), " .!?;:,…")
	return lowerFirstWord(s, keep)
}

// lowerFirstWord lowers the first letter when the first word is capitalised like an ordinary word
// (only its first letter upper-case), is not one of the proper names in keep, and does not open a
// capitalised name ("Orange Money", "Lagos State").
func lowerFirstWord(s string, keep []string) string {
	first, rest, _ := strings.Cut(s, " ")
	if first == "" || startsUpper(rest) {
		return s
	}
	for _, name := range keep {
		for _, w := range strings.Fields(name) {
			if strings.EqualFold(strings.Trim(w, ",.;:!?"), strings.Trim(first, ",.;:!?")) {
				return s
			}
		}
	}
	rs := []rune(first)
	if !unicode.IsUpper(rs[0]) {
		return s
	}
	for _, r := range rs[1:] {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return s
		}
	}
	if len(rs) == 1 && rs[0] != 'A' && rs[0] != 'À' {
		return s // "I", "X": a lone capital is a name or a pronoun
	}
	return string(unicode.ToLower(rs[0])) + s[utf8.RuneLen(rs[0]):]
}

// capitalizeFirst upper-cases the first rune of s.
func capitalizeFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// joinList writes "a, b and c" with the language's conjunction.
func joinList(items []string, conjunction string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conjunction + " " + items[len(items)-1]
}

// frenchDeterminers start noun phrases that already carry their article.
func frenchDeterminers() []string {
	return []string{"le", "la", "les", "l'", "un", "une", "des", "du", "nos", "vos", "leurs", "ces", "tous",
		"toutes", "tout", "toute", "chaque", "certains", "certaines", "plusieurs", "quelques", "mes", "ses",
		"notre", "votre", "leur", "ceux", "celles", "celle", "celui", "d'", "de", "aux", "au"}
}

// withFrenchArticle gives a bare French noun phrase its definite article so it reads after "pour",
// "de" or "à": "familles" → "les familles", "clientèle aisée" → "la clientèle aisée".
func withFrenchArticle(s string) string {
	lower := strings.ToLower(s)
	for _, d := range frenchDeterminers() {
		if strings.HasPrefix(lower, d+" ") || (strings.HasSuffix(d, "'") && strings.HasPrefix(lower, d)) {
			return s
		}
	}
	first := firstWordFolded(s)
	switch {
	case first == "":
		return s
	case strings.HasSuffix(first, "s") || strings.HasSuffix(first, "x") || strings.HasSuffix(first, "z"):
		return "les " + s
	case startsWithVowelSound(s, French):
		return "l'" + s
	case frenchLooksFeminine(first):
		return "la " + s
	}
	return "le " + s
}

// frenchLooksFeminine guesses the gender of a French noun from its ending; right for the usual
// audience words (clientèle, jeunesse, population, communauté, public, personnel).
func frenchLooksFeminine(noun string) bool {
	for _, masculine := range []string{"isme", "ment", "age", "ege", "eme", "aire", "ome", "monde", "groupe", "peuple"} {
		if strings.HasSuffix(noun, masculine) {
			return false
		}
	}
	return strings.HasSuffix(noun, "e") || strings.HasSuffix(noun, "ion") || strings.HasSuffix(noun, "te")
}

// withoutArticle drops a leading article so a noun fits bare frames ("Côté tresses", "Tresses by").
func withoutArticle(s string, lang Language) string {
	articles := []string{"the ", "a ", "an "}
	if lang == French {
		articles = []string{"les ", "le ", "la ", "l'", "des ", "du ", "un ", "une "}
	}
	lower := strings.ToLower(s)
	for _, a := range articles {
		if strings.HasPrefix(lower, a) && len(s) > len(a) {
			return s[len(a):]
		}
	}
	return s
}

// inPlace is "in Lagos" / "à Dakar" / "au Sénégal" / "dans la région de Thiès" for the most
// precise place known, or "" when nothing is known.
func inPlace(city, region, country string, lang Language) string {
	if lang == French {
		switch {
		case city != "":
			return substitute("à {p}", map[string]string{"p": city}, French)
		case region != "":
			return substitute("dans la région de {p}", map[string]string{"p": region}, French)
		case country != "":
			return frenchCountryPreposition(country) + " " + country
		}
		return ""
	}
	switch {
	case city != "":
		return "in " + city
	case region != "":
		return "in " + region
	case country != "":
		return "in " + englishCountryName(country)
	}
	return ""
}

// frenchCountryPreposition chooses "au", "en", "aux" or "à" for a French country name: feminine
// and vowel-initial names take "en", plural ones "aux", most islands and city-states "à".
func frenchCountryPreposition(country string) string {
	name := fold(country)
	for _, island := range []string{"madagascar", "maurice", "cuba", "chypre", "malte", "singapour", "djibouti",
		"bahrein", "sao tome-et-principe", "sao tome", "monaco", "oman", "taiwan", "hong kong", "porto rico"} {
		if name == island {
			return "à"
		}
	}
	for _, masculine := range []string{"mexique", "cambodge", "mozambique", "zimbabwe", "belize", "royaume-uni",
		"suriname", "zaire", "laos", "honduras"} {
		if name == masculine {
			return "au"
		}
	}
	if name == "haiti" {
		return "en"
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) == 0 {
		return "à"
	}
	last := words[len(words)-1]
	switch {
	case strings.HasSuffix(name, "s"):
		return "aux"
	case strings.HasPrefix(name, "republique") || startsWithVowelSound(name, French):
		return "en"
	case strings.HasSuffix(words[0], "e") || strings.HasSuffix(last, "e"):
		return "en"
	}
	return "au"
}

// placeName is the place as a noun inside a sentence: a city as it is, a country with the article
// its language gives it ("le Sénégal", "la Côte d'Ivoire", "the Gambia").
func placeName(city, region, country string, lang Language) string {
	switch {
	case city != "":
		return city
	case region != "":
		return region
	case country == "":
		return ""
	case lang != French:
		return englishCountryName(country)
	}
	switch frenchCountryPreposition(country) {
	case "au":
		return "le " + country
	case "aux":
		return "les " + country
	case "en":
		if startsWithVowelSound(country, French) {
			return "l'" + country
		}
		return "la " + country
	}
	return country
}

// englishCountryName adds "the" where English uses it: "the United States", "the Gambia".
func englishCountryName(country string) string {
	name := fold(country)
	if strings.HasPrefix(name, "the ") {
		return country
	}
	for _, prefix := range []string{"united ", "republic", "democratic republic", "central african republic",
		"czech republic", "dominican republic"} {
		if strings.HasPrefix(name, prefix) {
			return "the " + country
		}
	}
	for _, plural := range []string{"netherlands", "philippines", "comoros", "maldives", "bahamas", "gambia",
		"seychelles", "solomon islands", "marshall islands", "uae", "uk", "us", "usa", "drc"} {
		if name == plural {
			return "the " + country
		}
	}
	return country
}

// fitRunes returns s when it has at most limit runes; otherwise s cut at a word boundary, with
// dangling little words ("de", "and") dropped and an ellipsis added, never more than limit runes.
func fitRunes(s string, limit int, lang Language) string {
	if limit <= 0 {
		return ""
	}
	rs := []rune(s)
	if len(rs) <= limit {
		return s
	}
	cut := rs[:limit-1]
	if space := lastIndexRune(cut, ' '); space > (limit-1)/2 {
		cut = cut[:space]
	}
	cut = dropDanglingWords(cut, lang)
	if len(cut) == 0 {
		cut = rs[:limit-1]
	}
	return string(cut) + "…"
}

func lastIndexRune(rs []rune, r rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// dropDanglingWords removes trailing punctuation and words that cannot end a phrase.
func dropDanglingWords(rs []rune, lang Language) []rune {
	dangling := []string{"a", "an", "the", "of", "in", "for", "and", "or", "to", "with", "at", "by", "on",
		"our", "your", "from", "is", "are"}
	if lang == French {
		dangling = []string{"à", "de", "d'", "des", "du", "le", "la", "les", "l'", "un", "une", "et", "ou", "pour",
			"avec", "en", "au", "aux", "sur", "par", "notre", "votre", "nos", "vos", "qui", "que", "qu'", "est", "sont"}
	}
	for range 8 { // a phrase never ends in more than a few such words
		rs = []rune(strings.TrimRight(string(rs), " ,;:—–-(\u00a0\u202f"))
		space := lastIndexRune(rs, ' ')
		last := strings.ToLower(string(rs[space+1:]))
		found := false
		for _, d := range dangling {
			if last == d || (strings.HasSuffix(d, "'") && strings.HasSuffix(last, d)) {
				found = true
				break
			}
		}
		if !found || space < 0 {
			return rs
		}
		rs = rs[:space]
	}
	return rs
}
