package agents

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// chaosPieces are the kinds of text owners (and attackers) type: plain and accented words, scripts
// other than Latin, emoji, combining marks, invisible and bidi characters, line breaks, markup,
// JSON-breaking quotes, invalid UTF-8 and words too long for any limit.
var chaosPieces = []string{
	"Bakery", "boulangerie", "Pâtisserie", "Chez Fatou", "Awa's", "Élégance", "coiffure", "Lagos", "Dakar",
	"مخبز", "面包店", "Ёлка", "🥖", "🎂✨", "e\u0301", "\u200d", "\u202e", "\u00a0", "\n", "\t", "\r\n",
	"<script>alert(1)</script>", `"quoted" \ back\slash`, "\xff\xfe", "&amp;", "–—…", "   ",
	strings.Repeat("a", 120), strings.Repeat("très-long-mot-", 20), strings.Repeat("🙂", 80),
}

// chaosText joins random pieces up to about maxRunes runes.
func chaosText(r *rand.Rand, maxRunes int) string {
	var b strings.Builder
	limit := r.IntN(maxRunes + 1)
	for utf8.RuneCountInString(b.String()) < limit {
		b.WriteString(chaosPieces[r.IntN(len(chaosPieces))])
		if r.IntN(3) > 0 {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// chaosInput mixes real sectors, countries and cities with random text.
func chaosInput(r *rand.Rand, k *Knowledge) Input {
	pick := func(real func() string, maxRunes int) string {
		if r.IntN(2) == 0 {
			return real()
		}
		return chaosText(r, maxRunes)
	}
	sector := func() string {
		s := k.Sectors[r.IntN(len(k.Sectors))]
		if len(s.Aliases) == 0 {
			return s.Name.EN
		}
		return s.Aliases[r.IntN(len(s.Aliases))]
	}
	country := k.Countries[r.IntN(len(k.Countries))]
	city := func() string {
		if len(country.MajorCities) == 0 {
			return ""
		}
		return country.MajorCities[r.IntN(len(country.MajorCities))].Name
	}
	var services []string
	for range r.IntN(12) {
		services = append(services, chaosText(r, 150))
	}
	return Input{
		BusinessName:     chaosText(r, 400),
		Sector:           pick(sector, 80),
		Location:         Location{City: pick(city, 120), Country: pick(func() string { return country.Name.FR }, 120), Region: chaosText(r, 60)},
		Vision:           chaosText(r, 300),
		Mission:          chaosText(r, 600),
		TargetAudience:   chaosText(r, 200),
		Differentiation:  chaosText(r, 400),
		ValueProposition: chaosText(r, 400),
		Services:         services,
		Language:         []Language{English, French, "", "de"}[r.IntN(4)],
		Tone:             chaosText(r, 30),
	}
}

func generateSEO(t testing.TB, b *Builtin, req Request) SEOOptimizationResult {
	t.Helper()
	req.Section = SEOOptimization
	out, err := b.Generate(context.Background(), req)
	if err != nil {
		t.Fatalf("seo %+v: %v", req.Input, err)
	}
	return out.(SEOOptimizationResult)
}

func TestSEOLimitsHoldForRandomInputs(t *testing.T) {
	k := mustLoadKnowledge(t)
	b := NewBuiltin(k)
	r := rand.New(rand.NewPCG(7, 11))
	instructions := []string{"", "shorter", "more detail please", "focus on delivery", "plus court", "mettre l'accent sur la livraison"}
	for i := range 1000 {
		req := Request{Input: chaosInput(r, k), Variation: r.IntN(5), Instruction: instructions[r.IntN(len(instructions))]}
		got := generateSEO(t, b, req)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("input %d (%q in %q): "+format, append([]any{i, req.Input.BusinessName, req.Input.Location.City}, args...)...)
		}
		runes := utf8.RuneCountInString
		if n := runes(got.MetaTitle); n == 0 || n > 60 || !utf8.ValidString(got.MetaTitle) {
			fail("meta title %q has %d runes, want 1..60", got.MetaTitle, n)
		}
		if n := runes(got.MetaDescription); n == 0 || n > 160 || !utf8.ValidString(got.MetaDescription) {
			fail("meta description %q has %d runes, want 1..160", got.MetaDescription, n)
		}
		if n := runes(got.HeadingStructure.H1); n == 0 || n > 70 {
			fail("h1 %q has %d runes, want 1..70", got.HeadingStructure.H1, n)
		}
		for _, h := range got.HeadingStructure.H2Sections {
			if n := runes(h); n == 0 || n > 70 {
				fail("h2 %q has %d runes, want 1..70", h, n)
			}
		}
		if n := len(got.PrimaryKeywords); n < 5 || n > 8 {
			fail("%d primary keywords, want 5..8", n)
		}
		if n := len(got.SecondaryKeywords); n < 8 || n > 15 {
			fail("%d secondary keywords, want 8..15", n)
		}
		seen := map[string]bool{}
		for _, kw := range slices.Concat(got.PrimaryKeywords, got.SecondaryKeywords) {
			key := wordsOnly(kw.Keyword)
			if key == "" || seen[key] || runes(kw.Keyword) > 80 || kw.Score < 0 || kw.Score > 1 || kw.Intent == "" {
				fail("keyword %+v: empty, duplicate, too long or badly scored", kw)
			}
			seen[key] = true
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(got.StructuredData), &doc); err != nil {
			fail("structured data is not JSON: %v\n%s", err, got.StructuredData)
		} else if doc["@context"] != "https://schema.org" || doc["@type"] == "" || doc["name"] == "" {
			fail("structured data lacks @context, @type or name: %s", got.StructuredData)
		}
		if strings.Contains(got.StructuredData, "<") {
			fail("structured data contains a raw '<', unsafe in a script element: %s", got.StructuredData)
		}
	}
}

func TestSEOKeywordsComeFromVocabularyLocationAndServices(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	tests := []struct {
		name string
		in   Input
		want []string // keywords that must appear among primary or secondary
	}{
		{"english bakery in Lagos", Input{BusinessName: "Mama Bisi Bakery", Sector: "Bakery", Location: Location{City: "Lagos", Country: "Nigeria"},
			Services: []string{"Custom cakes", "Meat pies"}, Language: English},
			[]string{"bakery in lagos", "custom cakes in lagos", "meat pies lagos", "mama bisi bakery lagos"}},
		{"french hair salon in Dakar", Input{BusinessName: "Salon Awa", Sector: "Salon de coiffure", Location: Location{City: "Dakar", Country: "Sénégal"},
			Services: []string{"Tresses", "Pose de perruque"}, Language: French},
			[]string{"salon de coiffure à dakar", "tresses à dakar", "salon awa dakar"}},
		{"country only", Input{BusinessName: "Kofi Prints", Sector: "printing", Location: Location{Country: "Ghana"}, Language: English},
			[]string{"printing services ghana", "kofi prints"}},
	}
	for _, tt := range tests {
		got := generateSEO(t, b, Request{Input: tt.in})
		var keywords []string
		for _, kw := range slices.Concat(got.PrimaryKeywords, got.SecondaryKeywords) {
			keywords = append(keywords, kw.Keyword)
		}
		for _, w := range tt.want {
			if !slices.Contains(keywords, w) {
				t.Errorf("%s: %q missing from %q", tt.name, w, keywords)
			}
		}
	}
}

func TestSEOKeywordsAreDeduplicatedAcrossCaseAndAccents(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	got := generateSEO(t, b, Request{Input: Input{BusinessName: "Douceurs", Sector: "pâtisserie",
		Location: Location{City: "Abidjan", Country: "Côte d'Ivoire"},
		Services: []string{"Gâteaux", "gateaux", "GÂTEAUX ", "Pièce montée", "piece montee"}, Language: French}})
	count := map[string]int{}
	for _, kw := range slices.Concat(got.PrimaryKeywords, got.SecondaryKeywords) {
		count[wordsOnly(kw.Keyword)]++
	}
	for key, n := range count {
		if n > 1 {
			t.Errorf("%q appears %d times", key, n)
		}
	}
	if count["gateaux abidjan"]+count["gateaux a abidjan"] == 0 {
		t.Errorf("no keyword for the service in the city: %v", count)
	}
}

func TestSEOStructuredData(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	type offer struct {
		ItemOffered struct{ Name string } `json:"itemOffered"`
	}
	type address struct{ AddressLocality, AddressCountry string }
	type area struct {
		Type string `json:"@type"`
		Name string
	}
	type doc struct {
		Context            string `json:"@context"`
		Type               string `json:"@type"`
		Name               string
		Address            address
		AreaServed         area
		KnowsLanguage      string
		CurrenciesAccepted string
		MakesOffer         []offer
	}
	offers := func(names ...string) []offer {
		var out []offer
		for _, n := range names {
			var o offer
			o.ItemOffered.Name = n
			out = append(out, o)
		}
		return out
	}
	tests := []struct {
		name string
		in   Input
		want doc
	}{
		{"bakery in Lagos", Input{BusinessName: "Mama Bisi Bakery", Sector: "Bakery", Location: Location{City: "Lagos", Country: "Nigeria"},
			Services: []string{"Custom cakes", "Meat pies"}, Language: English},
			doc{Context: "https://schema.org", Type: "Bakery", Name: "Mama Bisi Bakery",
				Address:    address{"Lagos", "NG"},
				AreaServed: area{"City", "Lagos"}, KnowsLanguage: "en", CurrenciesAccepted: "NGN",
				MakesOffer: offers("Custom cakes", "Meat pies")}},
		{"hair salon in Dakar", Input{BusinessName: "Salon Awa", Sector: "coiffure", Location: Location{City: "Dakar", Country: "Sénégal"},
			Services: []string{"Tresses"}, Language: French},
			doc{Context: "https://schema.org", Type: "HairSalon", Name: "Salon Awa",
				Address:    address{"Dakar", "SN"},
				AreaServed: area{"City", "Dakar"}, KnowsLanguage: "fr", CurrenciesAccepted: "XOF",
				MakesOffer: offers("Tresses")}},
		{"unknown sector and place", Input{BusinessName: "Zorg & <Co>", Sector: "quantum teleportation", Location: Location{Country: "Narnia"}, Language: English},
			doc{Context: "https://schema.org", Type: "LocalBusiness", Name: "Zorg & <Co>",
				Address:    address{"", "Narnia"},
				AreaServed: area{"Country", "Narnia"}, KnowsLanguage: "en"}},
	}
	for _, tt := range tests {
		got := generateSEO(t, b, Request{Input: tt.in})
		var d doc
		if err := json.Unmarshal([]byte(got.StructuredData), &d); err != nil {
			t.Fatalf("%s: %v in %s", tt.name, err, got.StructuredData)
		}
		if diff := cmp.Diff(tt.want, d); diff != "" {
			t.Errorf("%s: structured data (-want +got):\n%s", tt.name, diff)
		}
		var described struct{ Description string }
		if err := json.Unmarshal([]byte(got.StructuredData), &described); err != nil || described.Description != got.MetaDescription {
			t.Errorf("%s: structured data describes %q, the meta tag %q", tt.name, described.Description, got.MetaDescription)
		}
	}
}

func TestSEOIsDeterministicPerVariation(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	in := Input{BusinessName: "Mama Bisi Bakery", Sector: "Bakery", Location: Location{City: "Lagos", Country: "Nigeria"},
		Services: []string{"Custom cakes", "Meat pies", "Bread delivery"}, ValueProposition: "Fresh every morning", Language: English}
	first := generateSEO(t, b, Request{Input: in})
	if diff := cmp.Diff(first, generateSEO(t, b, Request{Input: in})); diff != "" {
		t.Errorf("same request, different result (-first +second):\n%s", diff)
	}
	for v := 1; v <= 3; v++ {
		if cmp.Equal(first, generateSEO(t, b, Request{Input: in, Variation: v})) {
			t.Errorf("variation %d gives the same result as variation 0", v)
		}
	}
}

func TestSEOShorterInstruction(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	in := Input{BusinessName: "Salon Awa", Sector: "coiffure", Location: Location{City: "Dakar", Country: "Sénégal"},
		Services: []string{"Tresses", "Pose de perruque", "Soins"}, Language: French}
	normal := generateSEO(t, b, Request{Input: in})
	shorter := generateSEO(t, b, Request{Input: in, Instruction: "plus court"})
	if len(shorter.PrimaryKeywords) >= len(normal.PrimaryKeywords) || len(shorter.HeadingStructure.H2Sections) >= len(normal.HeadingStructure.H2Sections) {
		t.Errorf("shorter: %d primary keywords and %d h2, normal: %d and %d", len(shorter.PrimaryKeywords),
			len(shorter.HeadingStructure.H2Sections), len(normal.PrimaryKeywords), len(normal.HeadingStructure.H2Sections))
	}
}

func TestTruncateAtWord(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"Short title", 60, "Short title"},
		{"Mama Bisi Bakery – the best bread and cakes in the whole of Lagos", 30, "Mama Bisi Bakery – the best…"},
		{"Salon Awa, coiffure, tresses", 20, "Salon Awa, coiffure…"},
		{strings.Repeat("x", 70), 10, "xxxxxxxxx…"},
		{"🙂🙂🙂🙂", 3, "🙂🙂…"},
		{"abc", 1, "a"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		got := truncateAtWord(tt.in, tt.limit)
		if got != tt.want || utf8.RuneCountInString(got) > max(tt.limit, 0) {
			t.Errorf("truncateAtWord(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Chez\nFatou\t ", "Chez Fatou"},
		{"a\u202eb\u200dc", "a b c"},
		{"bad\xffbyte", "badbyte"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
