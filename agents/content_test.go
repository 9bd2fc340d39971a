package agents

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// testKnowledge is the embedded knowledge with small fixtures in front, so the tests do not depend
// on the exact figures of the sector and country files.
func testKnowledge(t *testing.T) *Knowledge {
	t.Helper()
	k := mustLoadKnowledge(t)
	k.Sectors = append(fixtureSectors(), k.Sectors...)
	k.Countries = append(fixtureCountries(), k.Countries...)
	k.idx = k.buildIndex()
	return k
}

func fixtureSectors() []SectorProfile {
	bakery := SectorProfile{
		ID:      "fixture-bakery",
		Name:    Text{EN: "Bakery", FR: "Boulangerie"},
		Aliases: []string{"bakery", "boulangerie", "pastry"},
		Values:  Texts{{EN: "Freshness", FR: "Fraîcheur"}, {EN: "Craft", FR: "Savoir-faire"}},
		Colors:  []string{"#c8742c", "#5b3a1e", "#f2c14e"},
		TemplateAffinity: map[string]float64{"artisan-warm": 0.95, "fresh-market": 0.8, "community-hub": 0.6,
			"elegant-boutique": 0.5, "vibrant-creative": 0.4, "clean-professional": 0.3, "bold-urban": 0.3, "tech-modern": 0.1},
	}
	bakery.Vocabulary.EN = []string{"bakery", "fresh bread", "birthday cakes", "bakery near me", "pastries"}
	bakery.Vocabulary.FR = []string{"boulangerie", "pain frais", "gâteaux d'anniversaire", "boulangerie pas cher", "viennoiseries"}
	salon := SectorProfile{
		ID:      "fixture-hair",
		Name:    Text{EN: "Hair & Beauty", FR: "Coiffure et beauté"},
		Aliases: []string{"coiffure", "hair", "salon"},
		Values:  Texts{{EN: "Care", FR: "Soin"}, {EN: "Style", FR: "Style"}},
		Colors:  []string{"#7b2d5b", "#e6a4b4", "#2d2d2d"},
		TemplateAffinity: map[string]float64{"elegant-boutique": 0.9, "bold-urban": 0.75, "vibrant-creative": 0.7,
			"artisan-warm": 0.5, "community-hub": 0.4, "fresh-market": 0.2, "clean-professional": 0.3, "tech-modern": 0.2},
	}
	return []SectorProfile{bakery, salon}
}

func fixtureCountries() []CountryProfile {
	return []CountryProfile{
		{Code: "NG", Name: Text{EN: "Nigeria", FR: "Nigeria"}, InternetUse: 0.55, Tier: LowerMiddleIncome,
			PaymentMethods: Texts{{EN: "Cash", FR: "Espèces"}, {EN: "Bank transfer", FR: "Virement bancaire"}, {EN: "OPay mobile money", FR: "Mobile money OPay"}},
			CulturalValues: Texts{{EN: "Family", FR: "Famille"}}},
		{Code: "SN", Name: Text{EN: "Senegal", FR: "Sénégal"}, InternetUse: 0.58, Tier: LowerMiddleIncome,
			PaymentMethods: Texts{{EN: "Cash", FR: "Espèces"}, {EN: "Orange Money", FR: "Orange Money"}, {EN: "Wave", FR: "Wave"}},
			CulturalValues: Texts{{EN: "Teranga hospitality", FR: "Teranga"}}},
		{Code: "NE", Name: Text{EN: "Niger", FR: "Niger"}, InternetUse: 0.17, Tier: LowIncome,
			PaymentMethods: Texts{{EN: "Cash", FR: "Espèces"}, {EN: "Airtel Money", FR: "Airtel Money"}}},
		{Code: "FR", Name: Text{EN: "France", FR: "France"}, InternetUse: 0.86, Tier: HighIncome,
			PaymentMethods: Texts{{EN: "Bank card", FR: "Carte bancaire"}}},
	}
}

func bakeryLagos() Input {
	return Input{
		BusinessName: "Adjoa Bakes", Sector: "Bakery",
		Location:         Location{City: "Lagos", Country: "Nigeria"},
		Vision:           "To become Lagos' favourite neighbourhood bakery",
		Mission:          "We bake fresh bread every morning with local flour.",
		TargetAudience:   "Young families and office workers",
		Differentiation:  "Everything is baked on site before 7 am",
		ValueProposition: "Fresh bread and celebration cakes delivered across Lagos",
		Services:         []string{"Fresh bread", "Birthday cakes", "Delivery"},
		Language:         English, Tone: "warm",
	}
}

func salonDakar() Input {
	return Input{
		BusinessName: "Salon Awa", Sector: "coiffure",
		Location:         Location{City: "Dakar", Country: "Sénégal"},
		Vision:           "Devenir le salon de référence des femmes actives de Dakar",
		Mission:          "Offrir des coiffures soignées et rapides, à prix juste.",
		TargetAudience:   "femmes actives",
		Differentiation:  "Nous utilisons uniquement des produits naturels",
		ValueProposition: "Des coiffures qui tiennent, faites par des mains expertes",
		Services:         []string{"Tresses", "Coupe et brushing", "Soins du cuir chevelu", "Maquillage"},
		Language:         French, Tone: "chaleureux",
	}
}

func generateContent(t *testing.T, b *Builtin, req Request) ContentGenerationResult {
	t.Helper()
	req.Section = ContentGeneration
	res, err := b.contentGeneration(req)
	if err != nil {
		t.Fatalf("content generation: %v", err)
	}
	return res
}

// TestContentHeroLimitsHoldForRandomInputs feeds 1,000 random inputs — any length, any script,
// control characters, invalid UTF-8, empty fields — in both languages.
func TestContentHeroLimitsHoldForRandomInputs(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	r := rand.New(rand.NewPCG(4, 8))
	for i := range 1000 {
		req := Request{Input: randomInput(r), Variation: r.IntN(5), Instruction: randomInstruction(r)}
		res := generateContent(t, b, req)
		hero := res.Homepage.Hero
		for _, f := range []struct {
			name  string
			value string
			limit int
		}{{"title", hero.Title, heroTitleMax}, {"subtitle", hero.Subtitle, heroSubtitleMax}} {
			if n := utf8.RuneCountInString(f.value); n > f.limit || n == 0 || !utf8.ValidString(f.value) {
				t.Fatalf("input %d: hero %s has %d runes (limit %d, valid UTF-8 %v): %q\ninput: %+v",
					i, f.name, n, f.limit, utf8.ValidString(f.value), f.value, req.Input)
			}
		}
		if diff := cmp.Diff([]Language{req.Input.Language}, res.LanguagesGenerated); req.Input.Language != "" && diff != "" {
			t.Fatalf("input %d: languages_generated (-want +got):\n%s", i, diff)
		}
		if missing := missingServices(req.Input.Services, res.Services.Services); len(missing) > 0 {
			t.Fatalf("input %d: services %q missing from %+v", i, missing, res.Services.Services)
		}
	}
}

func randomInput(r *rand.Rand) Input {
	lang := English
	if r.IntN(2) == 0 {
		lang = French
	}
	services := make([]string, r.IntN(7))
	for i := range services {
		services[i] = randomText(r, 60)
	}
	return Input{
		BusinessName: randomText(r, 200),
		Sector:       pickOne(r, "bakery", "Boulangerie", "coiffure", "", "Hair & Beauty", randomText(r, 80)),
		Location: Location{
			City:    pickOne(r, "Lagos", "Dakar", "Le Caire", "", "Ouagadougou", randomText(r, 100)),
			Country: pickOne(r, "Nigeria", "Sénégal", "Niger", "France", "", "Côte d'Ivoire", randomText(r, 60)),
			Region:  pickOne(r, "", "Thiès", randomText(r, 40)),
		},
		Vision:           randomText(r, 500),
		Mission:          randomText(r, 500),
		TargetAudience:   randomText(r, 300),
		Differentiation:  randomText(r, 500),
		ValueProposition: randomText(r, 400),
		Services:         services,
		Language:         lang,
		Tone:             pickOne(r, "", "warm", "professionnel", "bold and fun", "chaleureux", randomText(r, 30)),
	}
}

func randomInstruction(r *rand.Rand) string {
	return pickOne(r, "", "", "more formal", "shorter", "plus long", "focus on delivery",
		"mettre l'accent sur la qualité, plus court", "bolder", "focus on "+randomText(r, 200))
}

func pickOne(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }

// randomText mixes scripts, spaces, punctuation, emoji, combining marks, control characters and
// the odd invalid byte; a tenth of the free texts (maxRunes ≥ 200) run to 2,000 runes. Short fields
// such as the sector stay short: validation bounds them long before the agents see them.
func randomText(r *rand.Rand, maxRunes int) string {
	if r.IntN(6) == 0 {
		return ""
	}
	n := r.IntN(maxRunes + 1)
	if maxRunes >= 200 && r.IntN(10) == 0 {
		n = 2000
	}
	pools := []string{
		"abcdefghijklmnopqrstuvwxyz      ",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"éèêàâçîïôûùœÉÀÇ'’-",
		".,;:!?…«»\"(){}",
		"日本語中文한국어",
		"مرحبا بكم",
		"😀🎂✂️🍞👩🏿‍🦱",
		"\u0301\u0308\u200b\u202f\u00a0",
		"\t\n\r\x00\x07",
	}
	var sb strings.Builder
	for range n {
		if r.IntN(500) == 0 {
			sb.WriteByte(0xff)
			continue
		}
		pool := []rune(pools[r.IntN(len(pools))])
		sb.WriteRune(pool[r.IntN(len(pool))])
	}
	return sb.String()
}

// missingServices returns the owner's services with no entry of the same name.
func missingServices(owner []string, got []ServiceCopy) []string {
	var missing []string
	for _, s := range owner {
		want := fold(cleanText(s))
		if want == "" {
			continue
		}
		if !slices.ContainsFunc(got, func(c ServiceCopy) bool { return fold(c.Name) == want }) {
			missing = append(missing, s)
		}
	}
	return missing
}

func TestContentEveryOwnerServiceAppears(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	tests := []struct {
		name     string
		input    Input
		services []string
		want     []string
	}{
		{"english", bakeryLagos(), []string{"fresh bread", "Birthday cakes", "Delivery"},
			[]string{"Fresh bread", "Birthday cakes", "Delivery"}},
		{"french", salonDakar(), []string{"Tresses", "coupe homme", "Soins du cuir chevelu", "Maquillage", "Manucure"},
			[]string{"Tresses", "Coupe homme", "Soins du cuir chevelu", "Maquillage", "Manucure"}},
		{"duplicates and blanks dropped", bakeryLagos(), []string{" Pain  ", "pain", "", "  ", "Gâteaux\tde fête"},
			[]string{"Pain", "Gâteaux de fête"}},
		{"no services: sector vocabulary", bakeryLagos(), nil, []string{"Fresh bread", "Birthday cakes", "Pastries"}},
		{"no services, unknown sector: defaults", Input{BusinessName: "Kora", Sector: "zzz", Language: French}, nil,
			[]string{"Conseils et devis", "Prestations sur mesure", "Suivi après-vente"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input
			in.Services = tt.services
			res := generateContent(t, b, Request{Input: in})
			var got []string
			for _, s := range res.Services.Services {
				got = append(got, s.Name)
				if s.Description == "" || s.PricingInfo == "" || s.CTA == "" || len(s.Benefits) == 0 {
					t.Errorf("service %q is incomplete: %+v", s.Name, s)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("service names (-want +got):\n%s", diff)
			}
		})
	}
}

// TestContentUsesOwnerWords checks the copy names the business, its services and its audience,
// never a generic placeholder.
func TestContentUsesOwnerWords(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	for _, in := range []Input{bakeryLagos(), salonDakar()} {
		res := generateContent(t, b, Request{Input: in})
		all := strings.Join(contentFields(res), "\n")
		for _, want := range []string{in.BusinessName, strings.ToLower(in.Services[0]), in.Location.City} {
			if !strings.Contains(strings.ToLower(all), strings.ToLower(want)) {
				t.Errorf("%s: copy never mentions %q", in.BusinessName, want)
			}
		}
		if strings.Contains(all, "{") || strings.Contains(all, "}") {
			t.Errorf("%s: unfilled placeholder in copy:\n%s", in.BusinessName, all)
		}
		if got := res.Homepage.Hero.Title; !strings.Contains(got, in.BusinessName) {
			t.Errorf("%s: hero title %q does not name the business", in.BusinessName, got)
		}
	}
}

// contentFields lists every generated sentence a reader sees.
func contentFields(res ContentGenerationResult) []string {
	h := res.Homepage
	fields := []string{h.Hero.Title, h.Hero.Subtitle, h.Hero.Paragraph, h.Hero.PrimaryCTA, h.Hero.SecondaryCTA,
		h.ValueProposition.MainValue, h.ValueProposition.WhyChooseUs, h.ServicesTeaser,
		res.About.Story, res.About.TeamIntro, res.About.CommunityImpact, res.About.CallToAction,
		res.Services.Intro, res.Contact.Headline, res.Contact.Message, res.Contact.Hours, res.Contact.CallToAction,
		res.ContentStrategy.ToneOfVoice}
	fields = append(fields, h.ValueProposition.Benefits...)
	fields = append(fields, res.About.Values...)
	fields = append(fields, res.Contact.Channels...)
	fields = append(fields, res.ContentStrategy.ContentPillars...)
	for _, s := range res.Services.Services {
		fields = append(fields, s.Description, s.PricingInfo, s.CTA)
		fields = append(fields, s.Benefits...)
	}
	return fields
}

// TestContentStaysInItsLanguage spot-checks that no word of the other language's patterns leaks
// into the copy, for every tone and with instructions.
func TestContentStaysInItsLanguage(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	english := []string{"the", "and", "our", "your", "with", "we", "you", "for", "from", "call", "today", "more",
		"learn", "about", "book", "get", "us", "of", "to", "is", "are", "every", "near", "welcome", "quote", "team"}
	french := []string{"nous", "vous", "votre", "notre", "nos", "vos", "avec", "pour", "chez", "les", "des", "est",
		"une", "et", "du", "au", "aux", "équipe", "devis", "qualité", "à"}
	sparse := Input{BusinessName: "Kora", Sector: "couture", Language: French, Services: []string{"Robes sur mesure"}}
	tests := []struct {
		name      string
		input     Input
		forbidden []string
	}{
		{"french", salonDakar(), english},
		{"french sparse", sparse, english},
		{"english", bakeryLagos(), french},
	}
	for _, tt := range tests {
		for _, tone := range []string{"", "chaleureux", "professionnel", "audacieux"} {
			for _, instruction := range []string{"", "plus long", "plus court, mettre l'accent sur les prix"} {
				if tt.input.Language == English && instruction != "" {
					instruction = "longer, focus on delivery"
				}
				in := tt.input
				in.Tone = tone
				for variation := range 3 {
					res := generateContent(t, b, Request{Input: in, Variation: variation, Instruction: instruction})
					for _, field := range contentFields(res) {
						if word := firstForbiddenWord(field, tt.forbidden); word != "" {
							t.Errorf("%s, tone %q, instruction %q: %q contains %q", tt.name, tone, instruction, field, word)
						}
					}
				}
			}
		}
	}
}

func firstForbiddenWord(text string, forbidden []string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if slices.Contains(forbidden, w) {
			return w
		}
	}
	return ""
}

func TestContentIsDeterministicPerVariation(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	for _, in := range []Input{bakeryLagos(), salonDakar(), {BusinessName: "X", Language: English}} {
		first := generateContent(t, b, Request{Input: in})
		again := generateContent(t, b, Request{Input: in})
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("%s: same request, different copy (-first +again):\n%s", in.BusinessName, diff)
		}
		previous := first
		for variation := 1; variation <= 4; variation++ {
			next := generateContent(t, b, Request{Input: in, Variation: variation})
			if next.Homepage.Hero.Title == previous.Homepage.Hero.Title && next.Homepage.Hero.Subtitle == previous.Homepage.Hero.Subtitle {
				t.Errorf("%s: variation %d shows the same hero as variation %d: %q", in.BusinessName, variation, variation-1, next.Homepage.Hero.Title)
			}
			if cmp.Equal(next, previous) {
				t.Errorf("%s: variation %d is identical to variation %d", in.BusinessName, variation, variation-1)
			}
			previous = next
		}
	}
}

func TestContentToneChangesWording(t *testing.T) {
	k := testKnowledge(t)
	b := NewBuiltin(k)
	tests := []struct {
		tone        string
		instruction string
		want        string
	}{
		{"", "", toneDefault},
		{"warm", "", toneWarm},
		{"Chaleureux et familial", "", toneWarm},
		{"warm but professional", "", toneWarm},
		{"Professionnel", "", toneProfessional},
		{"sérieux", "", toneProfessional},
		{"bold and fun", "", toneBold},
		{"audacieux", "", toneBold},
		{"warm", "more formal please", toneProfessional},
		{"professional", "plus chaleureux", toneWarm},
		{"", "bolder", toneBold},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		in := salonDakar()
		in.Tone = tt.tone
		res := generateContent(t, b, Request{Input: in, Instruction: tt.instruction})
		want := k.Phrases.toneByID(tt.want).Voice.FR
		if got := res.ContentStrategy.ToneOfVoice; !strings.HasPrefix(got, want) {
			t.Errorf("tone %q, instruction %q: tone of voice %q, want the %s voice %q", tt.tone, tt.instruction, got, tt.want, want)
		}
		seen[tt.want] = res.Homepage.ValueProposition.Benefits[0] + res.About.TeamIntro
	}
	distinct := map[string]bool{}
	for _, copy := range seen {
		distinct[copy] = true
	}
	if len(distinct) != len(seen) {
		t.Errorf("tones share wording: %q", seen)
	}
}

func TestContentHonoursInstructionHints(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	tests := []struct {
		instruction  string
		wantBenefits int
		wantFocus    string
	}{
		{"", 3, ""},
		{"shorter please", 2, ""},
		{"plus court", 2, ""},
		{"make it longer", 4, ""},
		{"focus on delivery", 3, "Delivery"},
		{"plus détaillé, mettre l'accent sur la qualité", 4, "Qualité"},
	}
	for _, tt := range tests {
		in := bakeryLagos()
		if strings.Contains(tt.instruction, "qualité") || strings.Contains(tt.instruction, "court") {
			in = salonDakar()
		}
		res := generateContent(t, b, Request{Input: in, Instruction: tt.instruction})
		if got := len(res.Homepage.ValueProposition.Benefits); got != tt.wantBenefits {
			t.Errorf("%q: %d benefits, want %d", tt.instruction, got, tt.wantBenefits)
		}
		if tt.wantFocus == "" {
			continue
		}
		if diff := cmp.Diff(tt.wantFocus, res.ContentStrategy.KeyThemes[0]); diff != "" {
			t.Errorf("%q: first key theme (-want +got):\n%s", tt.instruction, diff)
		}
		if !strings.Contains(strings.ToLower(res.Homepage.ValueProposition.MainValue), strings.ToLower(tt.wantFocus)) {
			t.Errorf("%q: main value %q does not put %q forward", tt.instruction, res.Homepage.ValueProposition.MainValue, tt.wantFocus)
		}
		if tt.wantFocus == "Delivery" && res.Services.Services[0].Name != "Delivery" {
			t.Errorf("%q: focused service not listed first: %q", tt.instruction, res.Services.Services[0].Name)
		}
	}
}

func TestContentContactSuitsTheCountry(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	tests := []struct {
		name    string
		country string
		city    string
		want    []string
	}{
		{"few online, mobile money", "Niger", "Niamey", []string{"WhatsApp", "Phone", "Text message (SMS)", "Mobile money payments (Airtel Money)", "In person, in Niamey"}},
		{"mostly online", "France", "Lyon", []string{"Phone", "Email", "Contact form on this website", "WhatsApp"}},
		{"unknown country", "", "", []string{"WhatsApp", "Phone", "Email"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bakeryLagos()
			in.Location = Location{City: tt.city, Country: tt.country}
			res := generateContent(t, b, Request{Input: in})
			if diff := cmp.Diff(tt.want, res.Contact.Channels); diff != "" {
				t.Errorf("channels (-want +got):\n%s", diff)
			}
		})
	}
	res := generateContent(t, b, Request{Input: salonDakar()})
	if diff := cmp.Diff("Dakar, Sénégal", res.Contact.Address); diff != "" {
		t.Errorf("address (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.Services.Services[0].PricingInfo, "Orange Money") {
		t.Errorf("pricing info %q does not name the country's payment methods", res.Services.Services[0].PricingInfo)
	}
}

func TestFillRepairsJoins(t *testing.T) {
	tests := []struct {
		pattern, value string
		lang           Language
		want           string
	}{
		{"le développement de {x}", "Abidjan", French, "Le développement d'Abidjan"},
		{"l'équipe de {x}", "Orion Conseil", French, "L'équipe d'Orion Conseil"},
		{"une boutique à {x}", "Le Caire", French, "Une boutique au Caire"},
		{"pour le bien de {x}", "les familles", French, "Pour le bien des familles"},
		{"ouvert à {x}", "les étudiants", French, "Ouvert aux étudiants"},
		{"tout ce que {x} propose", "Adjoa Bakes", French, "Tout ce qu'Adjoa Bakes propose"},
		{"la nouvelle énergie de {x}", "Ouagadougou", French, "La nouvelle énergie de Ouagadougou"},
		{"en matière de {x}", "hôtellerie", French, "En matière d'hôtellerie"},
		{"un club de {x}", "hockey", French, "Un club de hockey"},
		{"de {x}", "le Sénégal", French, "Du Sénégal"},
		{"prix {x} : voir", "bas", French, "Prix bas\u00a0: voir"},
		{"a {x} nearby", "office", English, "An office nearby"},
		{"a {x} nearby", "university", English, "A university nearby"},
		{"in a {x}", "hour", English, "In an hour"},
		{"{x}: fresh", "bread", English, "Bread: fresh"},
		{"ready ? {x}", "go", English, "Ready? Go"},
	}
	for _, tt := range tests {
		got := fill(tt.pattern, map[string]string{"x": tt.value}, tt.lang)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("fill(%q, %q) (-want +got):\n%s", tt.pattern, tt.value, diff)
		}
	}
}

func TestFrenchPlaces(t *testing.T) {
	tests := []struct {
		country, wantIn, wantName string
	}{
		{"Sénégal", "au Sénégal", "le Sénégal"},
		{"Côte d'Ivoire", "en Côte d'Ivoire", "la Côte d'Ivoire"},
		{"Madagascar", "à Madagascar", "Madagascar"},
		{"Comores", "aux Comores", "les Comores"},
		{"États-Unis", "aux États-Unis", "les États-Unis"},
		{"Mozambique", "au Mozambique", "le Mozambique"},
		{"Angola", "en Angola", "l'Angola"},
		{"Royaume-Uni", "au Royaume-Uni", "le Royaume-Uni"},
		{"Guinée-Bissau", "en Guinée-Bissau", "la Guinée-Bissau"},
		{"Burkina Faso", "au Burkina Faso", "le Burkina Faso"},
		{"Afrique du Sud", "en Afrique du Sud", "l'Afrique du Sud"},
		{"République démocratique du Congo", "en République démocratique du Congo", "la République démocratique du Congo"},
	}
	for _, tt := range tests {
		if got := inPlace("", "", tt.country, French); got != tt.wantIn {
			t.Errorf("inPlace(%q) = %q, want %q", tt.country, got, tt.wantIn)
		}
		if got := placeName("", "", tt.country, French); got != tt.wantName {
			t.Errorf("placeName(%q) = %q, want %q", tt.country, got, tt.wantName)
		}
	}
	if diff := cmp.Diff("in the United States", inPlace("", "", "United States", English)); diff != "" {
		t.Errorf("English country (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("dans la région d'Analamanga", inPlace("", "Analamanga", "Madagascar", French)); diff != "" {
		t.Errorf("French region (-want +got):\n%s", diff)
	}
}

func TestWithFrenchArticle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"familles", "les familles"},
		{"jeunes professionnels", "les jeunes professionnels"},
		{"clientèle aisée", "la clientèle aisée"},
		{"population locale", "la population locale"},
		{"public local", "le public local"},
		{"entreprises de Dakar", "les entreprises de Dakar"},
		{"entourage des mariés", "l'entourage des mariés"},
		{"les étudiants", "les étudiants"},
		{"tout public", "tout public"},
		{"d'anciens clients", "d'anciens clients"},
	}
	for _, tt := range tests {
		if got := withFrenchArticle(tt.in); got != tt.want {
			t.Errorf("withFrenchArticle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFitRunes(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		lang  Language
		want  string
	}{
		{"Short enough", 60, English, "Short enough"},
		{"Fresh bread and cakes for the families of Lagos and beyond", 30, English, "Fresh bread and cakes…"},
		{"Du pain frais et des gâteaux pour les familles de Dakar", 40, French, "Du pain frais et des gâteaux…"},
		{strings.Repeat("é", 100), 10, French, strings.Repeat("é", 9) + "…"},
		{"Prix : tout compris", 8, French, "Prix…"},
	}
	for _, tt := range tests {
		got := fitRunes(tt.in, tt.limit, tt.lang)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("fitRunes(%q, %d) (-want +got):\n%s", tt.in, tt.limit, diff)
		}
		if n := utf8.RuneCountInString(got); n > tt.limit {
			t.Errorf("fitRunes(%q, %d) has %d runes", tt.in, tt.limit, n)
		}
	}
}

// knownPlaceholders are the facts the agents provide.
func knownPlaceholders() []string {
	return []string{"name", "sector", "place", "in_place", "audience", "services", "first_service", "service",
		"value_prop", "mission", "vision", "difference", "focus", "payments", "points", "template", "score",
		"tone", "tones", "internet", "country", "n"}
}

// TestPhraseBankIsComplete checks every slot is written in every tone and both languages, with
// several alternatives, only known placeholders, and at least one alternative that needs no
// optional fact.
func TestPhraseBankIsComplete(t *testing.T) {
	k := testKnowledge(t)
	p := k.Phrases
	tones := []string{toneDefault, toneWarm, toneProfessional, toneBold}
	for _, id := range tones {
		tone := p.toneByID(id)
		if tone.ID != id || tone.Voice.EN == "" || tone.Voice.FR == "" || tone.Name.FR == "" {
			t.Errorf("tone %q is incomplete: %+v", id, tone)
		}
		for _, alias := range tone.Aliases {
			if fold(alias) != alias {
				t.Errorf("tone %q: alias %q must be written folded, as %q", id, alias, fold(alias))
			}
		}
	}
	always := map[string]string{"name": "N", "sector": "s", "place": "p", "in_place": "in p", "audience": "a",
		"services": "s", "first_service": "s", "service": "s"}
	for _, slot := range contentSlots().copy {
		for _, tone := range tones {
			for _, lang := range []Language{English, French} {
				alts := p.Copy[slot][tone].In(lang)
				if len(alts) < 2 {
					t.Errorf("copy %q, tone %q, %s: %d alternatives, want at least 2", slot, tone, lang, len(alts))
				}
				if len(usableOf(alts, always)) == 0 && !onlyWithItsFact(slot) {
					t.Errorf("copy %q, tone %q, %s: every alternative needs an optional fact", slot, tone, lang)
				}
				checkPlaceholders(t, "copy "+slot+"/"+tone, alts)
			}
		}
	}
	for name, list := range p.Lists {
		checkPlaceholders(t, "list "+name, list.EN)
		checkPlaceholders(t, "list "+name, list.FR)
	}
	for name, label := range p.Labels {
		checkPlaceholders(t, "label "+name, []string{label.EN, label.FR})
	}
	if err := p.require(contentSlots()); err != nil {
		t.Error(err)
	}
	if err := p.require(templateSlots()); err != nil {
		t.Error(err)
	}
}

// onlyWithItsFact names the slots written only when the owner gave that fact.
func onlyWithItsFact(slot string) bool {
	return slot == "story_mission" || slot == "story_vision" || slot == "story_difference"
}

func checkPlaceholders(t *testing.T, where string, patterns []string) {
	t.Helper()
	for _, pattern := range patterns {
		for _, name := range placeholders(pattern) {
			if !slices.Contains(knownPlaceholders(), name) {
				t.Errorf("%s: unknown placeholder {%s} in %q", where, name, pattern)
			}
		}
		if strings.Count(pattern, "{") != strings.Count(pattern, "}") {
			t.Errorf("%s: unbalanced braces in %q", where, pattern)
		}
	}
}

func BenchmarkContentGeneration(b *testing.B) {
	k := mustLoadKnowledge(b)
	builtin := NewBuiltin(k)
	for _, in := range []Input{bakeryLagos(), salonDakar()} {
		b.Run(string(in.Language), func(b *testing.B) {
			for b.Loop() {
				if _, err := builtin.contentGeneration(Request{Section: ContentGeneration, Input: in}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
