package agents

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length limits search engines display; the result never exceeds them.
const (
	metaTitleMaxRunes       = 60
	metaDescriptionMaxRunes = 160
	headingMaxRunes         = 70
	keywordMaxRunes         = 80
	businessNameMaxRunes    = 60
)

// seoOptimization builds keywords from the sector's search vocabulary × the location × the owner's
// services, scores and ranks them, and writes the meta tags, headings and schema.org JSON-LD around
// the best ones.
func (b *Builtin) seoOptimization(req Request) (SEOOptimizationResult, error) {
	p := newSEOPlanner(b.k, req)
	ranked := p.rankedKeywords()
	primary, secondary := p.split(ranked)
	// One description for the meta tag and the JSON-LD: each call draws its own sentence order.
	description := p.metaDescription()
	structured, err := p.structuredData(description)
	if err != nil {
		return SEOOptimizationResult{}, err
	}
	return SEOOptimizationResult{
		PrimaryKeywords:   primary,
		SecondaryKeywords: secondary,
		MetaTitle:         p.metaTitle(),
		MetaDescription:   description,
		HeadingStructure:  p.headings(),
		LocalSEO:          p.localSEO(ranked),
		StructuredData:    structured,
	}, nil
}

// seoPlanner holds the cleaned inputs every part of the SEO section uses.
type seoPlanner struct {
	in          Input
	lang        Language
	sector      SectorProfile
	sectorKnown bool
	place       marketPlace
	hints       Hints
	rng         *rand.Rand
	name        string   // the business name on one line, at most businessNameMaxRunes
	vocabulary  []string // the sector's search words in the brief's language, most specific first
	services    []string // the owner's services, short and deduplicated
	city        string   // city as searched, empty when unknown
	country     string   // country as searched, empty when unknown
}

func newSEOPlanner(k *Knowledge, req Request) *seoPlanner {
	in := req.Input
	lang := briefLanguage(in.Language)
	sector, sectorKnown := k.Sector(in.Sector)
	place := resolvePlace(k, in.Location)
	vocabulary := sector.Vocabulary.EN
	if lang == French {
		vocabulary = sector.Vocabulary.FR
	}
	if len(vocabulary) == 0 {
		vocabulary = []string{strings.ToLower(sector.Name.In(lang))}
	}
	country := ""
	if place.CountryKnown {
		country = place.Country.Name.In(lang)
	} else {
		country = truncateAtWord(oneLine(in.Location.Country), 40)
	}
	return &seoPlanner{
		in:          in,
		lang:        lang,
		sector:      sector,
		sectorKnown: sectorKnown,
		place:       place,
		hints:       ParseHints(req.Instruction),
		rng:         rngFor(req),
		name:        truncateAtWord(oneLine(in.BusinessName), businessNameMaxRunes),
		vocabulary:  vocabulary,
		services:    ownerServices(in.Services, 8),
		city:        place.CityLabel,
		country:     country,
	}
}

func (p *seoPlanner) say(en, fr string) string { return Text{EN: en, FR: fr}.In(p.lang) }

// where is "in Lagos" / "à Dakar", or the country ("in Nigeria", "au Sénégal"), or empty.
func (p *seoPlanner) where() string {
	switch {
	case p.city != "":
		return p.say("in ", "à ") + p.city
	case p.place.CountryKnown:
		return p.place.Country.NameIn.In(p.lang)
	}
	return ""
}

// mainTerm is what the business is, as customers search for it.
func (p *seoPlanner) mainTerm() string {
	if !p.sectorKnown && len(p.services) > 0 {
		return p.services[0]
	}
	return p.vocabulary[0]
}

// --- keywords ---

// Keyword intents, written in the brief's language.
var keywordIntents = map[string]Text{
	"local":         {EN: "local", FR: "locale"},
	"transactional": {EN: "transactional", FR: "transactionnelle"},
	"commercial":    {EN: "commercial", FR: "commerciale"},
	"navigational":  {EN: "navigational", FR: "navigationnelle"},
}

// seoCandidate is a keyword with what makes it valuable.
type seoCandidate struct {
	keyword string
	topic   string // the vocabulary term, service or brand it is built on
	intent  string // a key of keywordIntents
	score   float64
	local   bool
}

// candidateTraits say what a keyword contains; the score adds them up.
type candidateTraits struct {
	city, country, nearMe, service, brand bool
	price                                 bool    // asks for a price: ready to buy
	quality                               bool    // asks for the best: comparing
	relevance                             float64 // 0..1, how central the topic is to the sector
}

func (t candidateTraits) score(keyword string) float64 {
	// Longer phrases are more specific, up to four words; beyond that they are rarely searched.
	words := len(strings.Fields(keyword))
	s := 0.15 + 0.05*float64(min(max(words-1, 0), 3)) + 0.15*t.relevance
	switch {
	case t.city:
		s += 0.3
	case t.country:
		s += 0.15
	}
	if t.nearMe {
		s += 0.2
	}
	if t.service {
		s += 0.2
	}
	if t.brand {
		s += 0.25
	}
	if t.price {
		s += 0.05
	}
	return s
}

func (t candidateTraits) intent() string {
	switch {
	case t.brand:
		return "navigational"
	case t.price:
		return "transactional"
	case t.quality:
		return "commercial"
	case t.city || t.country || t.nearMe:
		return "local"
	}
	return "commercial"
}

// rankedKeywords generates every keyword, drops duplicates (ignoring case, accents and punctuation)
// and overlong ones, and sorts by score; a small jitter from the request reorders near ties.
func (p *seoPlanner) rankedKeywords() []seoCandidate {
	var out []seoCandidate
	seen := map[string]bool{}
	add := func(keyword, topic string, t candidateTraits) {
		keyword = strings.ToLower(strings.Join(strings.Fields(keyword), " "))
		key := wordsOnly(keyword)
		if key == "" || seen[key] || utf8.RuneCountInString(keyword) > keywordMaxRunes {
			return
		}
		seen[key] = true
		out = append(out, seoCandidate{keyword: keyword, topic: topic, intent: t.intent(),
			score: t.score(keyword), local: t.city || t.country || t.nearMe})
	}
	nearMe := p.say("near me", "près de chez moi")
	in := p.say("in", "à")
	// Services first: a service that is also a sector word keeps the service's score.
	for _, s := range p.services {
		if p.city != "" {
			add(s+" "+p.city, s, candidateTraits{city: true, service: true, relevance: 0.8})
			add(s+" "+in+" "+p.city, s, candidateTraits{city: true, service: true, relevance: 0.8})
		}
		add(s+" "+nearMe, s, candidateTraits{nearMe: true, service: true, relevance: 0.8})
		add(p.say(s+" price", "prix "+s), s, candidateTraits{service: true, price: true, relevance: 0.8})
		add(s, s, candidateTraits{service: true, relevance: 0.8})
	}
	for i, term := range p.vocabulary {
		rel := 1 - float64(i)/float64(len(p.vocabulary))
		if p.city != "" {
			add(term+" "+p.city, term, candidateTraits{city: true, relevance: rel})
			add(term+" "+in+" "+p.city, term, candidateTraits{city: true, relevance: rel})
			if i < 2 {
				best := p.say("best "+term+" in "+p.city, term+" de qualité à "+p.city)
				add(best, term, candidateTraits{city: true, quality: true, relevance: rel})
			}
		}
		if p.country != "" {
			add(term+" "+p.country, term, candidateTraits{country: true, relevance: rel})
		}
		add(term+" "+nearMe, term, candidateTraits{nearMe: true, relevance: rel})
		add(term, term, candidateTraits{relevance: rel})
	}
	if p.name != "" {
		add(p.name, p.name, candidateTraits{brand: true})
		if p.city != "" {
			add(p.name+" "+p.city, p.name, candidateTraits{brand: true, city: true})
		}
	}
	for i := range out {
		jittered := out[i].score + 0.06*(p.rng.Float64()-0.5)
		out[i].score = math.Round(min(max(jittered, 0), 1)*100) / 100
	}
	slices.SortStableFunc(out, func(x, y seoCandidate) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.keyword, y.keyword))
	})
	return focusFirst(out, p.hints.Focus, func(c seoCandidate) string { return c.keyword })
}

// split takes the primary keywords, one per topic so they cover the business rather than repeat one
// phrase, and the next best as secondary.
func (p *seoPlanner) split(ranked []seoCandidate) (primary, secondary []Keyword) {
	nPrimary, nSecondary := 6, 10
	switch {
	case p.hints.Shorter:
		nPrimary, nSecondary = 5, 8
	case p.hints.Longer:
		nPrimary, nSecondary = 8, 15
	}
	topics := map[string]bool{}
	var rest []seoCandidate
	for _, c := range ranked {
		if len(primary) < nPrimary && !topics[c.topic] {
			topics[c.topic] = true
			primary = append(primary, p.keyword(c))
			continue
		}
		rest = append(rest, c)
	}
	for _, c := range rest {
		if len(primary) < nPrimary {
			primary = append(primary, p.keyword(c))
		} else if len(secondary) < nSecondary {
			secondary = append(secondary, p.keyword(c))
		}
	}
	return primary, secondary
}

func (p *seoPlanner) keyword(c seoCandidate) Keyword {
	return Keyword{Keyword: c.keyword, Score: c.score, Intent: keywordIntents[c.intent].In(p.lang)}
}

// --- meta tags and headings ---

// metaTitle tries the title patterns from a request-chosen start and keeps the first that fits in
// 60 runes; when none fits it shortens the best one at a word boundary.
func (p *seoPlanner) metaTitle() string {
	term := capitalizeFirstRune(p.mainTerm())
	where := p.where()
	termWhere := strings.TrimSpace(term + " " + where)
	var options []string
	if p.name != "" {
		patterns := []string{p.name + " | " + termWhere, termWhere + " | " + p.name, p.name + " – " + termWhere}
		start := p.rng.IntN(len(patterns))
		options = append(patterns[start:], patterns[:start]...)
		options = append(options, p.name+" | "+term, termWhere, p.name)
	} else {
		options = []string{termWhere, term}
	}
	for _, o := range options {
		if utf8.RuneCountInString(o) <= metaTitleMaxRunes {
			return o
		}
	}
	return truncateAtWord(options[0], metaTitleMaxRunes)
}

// metaDescription is whole sentences added while they fit in 160 runes; the first is shortened at
// a word boundary if it alone is too long.
func (p *seoPlanner) metaDescription() string {
	what := strings.TrimSpace(p.mainTerm() + " " + p.where())
	first := capitalizeFirstRune(what) + "."
	if p.name != "" {
		first = p.name + p.say(": ", " : ") + what + "."
	}
	var middle []string
	if s := ownerServices(p.services, 3); len(s) > 0 {
		for i := range s {
			s[i] = midSentence(s[i])
		}
		middle = append(middle, p.say("Services: ", "Nos services : ")+joinAnd(s, p.lang)+".")
	}
	for _, text := range []string{p.in.ValueProposition, p.in.Mission} {
		if t := oneLine(text); t != "" {
			middle = append(middle, sentence(t))
			break
		}
	}
	p.rng.Shuffle(len(middle), func(i, j int) { middle[i], middle[j] = middle[j], middle[i] })
	calls := []Text{
		{EN: "Call or message us today.", FR: "Appelez-nous ou écrivez-nous dès aujourd'hui."},
		{EN: "Order or book online today.", FR: "Commandez ou réservez dès aujourd'hui."},
		{EN: "Visit us or message us on WhatsApp.", FR: "Passez nous voir ou écrivez-nous sur WhatsApp."},
	}
	call := calls[p.rng.IntN(len(calls))].In(p.lang)
	text := truncateAtWord(first, metaDescriptionMaxRunes)
	for _, s := range append(middle, call) {
		if utf8.RuneCountInString(text)+1+utf8.RuneCountInString(s) <= metaDescriptionMaxRunes {
			text += " " + s
		}
	}
	return text
}

// sentence ends text with a full stop unless it already ends with punctuation.
func sentence(text string) string {
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(".!?…", last) {
		return capitalizeFirstRune(text)
	}
	return capitalizeFirstRune(text) + "."
}

func (p *seoPlanner) headings() HeadingStructure {
	termWhere := strings.TrimSpace(capitalizeFirstRune(p.mainTerm()) + " " + p.where())
	h1 := termWhere
	if p.name != "" {
		h1 = p.name + " — " + termWhere
	}
	pick := func(options ...Text) string { return options[p.rng.IntN(len(options))].In(p.lang) }
	h2 := []string{pick(Text{EN: "Our services", FR: "Nos services"}, Text{EN: "What we offer", FR: "Ce que nous proposons"})}
	topics := p.services
	if len(topics) == 0 {
		topics = p.vocabulary[1:]
	}
	nTopics := 3
	switch {
	case p.hints.Shorter:
		nTopics = 2
	case p.hints.Longer:
		nTopics = 5
	}
	for _, t := range topics[:min(len(topics), nTopics)] {
		h2 = append(h2, strings.TrimSpace(capitalizeFirstRune(t)+" "+p.where()))
	}
	if p.name != "" {
		h2 = append(h2, pick(Text{EN: "Why choose " + p.name, FR: "Pourquoi choisir " + p.name},
			Text{EN: "Why customers choose us", FR: "Pourquoi nos clients nous choisissent"}))
	} else {
		h2 = append(h2, p.say("Why customers choose us", "Pourquoi nos clients nous choisissent"))
	}
	h2 = append(h2, pick(Text{EN: "What our customers say", FR: "Ce que disent nos clients"},
		Text{EN: "Customer reviews", FR: "Avis de nos clients"}))
	if where := p.where(); where != "" {
		h2 = append(h2, p.say("Visit us ", "Venez nous voir ")+where)
	} else {
		h2 = append(h2, p.say("Contact us", "Contactez-nous"))
	}
	for i := range h2 {
		h2[i] = truncateAtWord(h2[i], headingMaxRunes)
	}
	return HeadingStructure{H1: truncateAtWord(h1, headingMaxRunes), H2Sections: h2}
}

func (p *seoPlanner) localSEO(ranked []seoCandidate) LocalSEO {
	var places []string
	for _, s := range []string{p.city, p.country} {
		if s != "" {
			places = append(places, s)
		}
	}
	optimizedFor := strings.Join(places, ", ")
	if optimizedFor == "" {
		optimizedFor = p.say("No location given: add your city to appear in local searches",
			"Aucune localisation indiquée : ajoutez votre ville pour apparaître dans les recherches locales")
	}
	n := 8
	if p.hints.Shorter {
		n = 5
	}
	var local []string
	for _, c := range ranked {
		if c.local && len(local) < n {
			local = append(local, c.keyword)
		}
	}
	return LocalSEO{OptimizedFor: optimizedFor, LocalKeywords: local}
}

// --- structured data ---

// jsonLDBusiness is the schema.org LocalBusiness (or subtype) description of the business.
type jsonLDBusiness struct {
	Context            string         `json:"@context"`
	Type               string         `json:"@type"`
	Name               string         `json:"name"`
	Description        string         `json:"description,omitempty"`
	Slogan             string         `json:"slogan,omitempty"`
	Address            *jsonLDAddress `json:"address,omitempty"`
	AreaServed         *jsonLDPlace   `json:"areaServed,omitempty"`
	KnowsLanguage      string         `json:"knowsLanguage"`
	CurrenciesAccepted string         `json:"currenciesAccepted,omitempty"`
	PriceRange         string         `json:"priceRange,omitempty"`
	MakesOffer         []jsonLDOffer  `json:"makesOffer,omitempty"`
}

type jsonLDAddress struct {
	Type            string `json:"@type"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	AddressCountry  string `json:"addressCountry,omitempty"`
}

type jsonLDPlace struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type jsonLDOffer struct {
	Type        string        `json:"@type"`
	ItemOffered jsonLDService `json:"itemOffered"`
}

type jsonLDService struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// structuredData is compact JSON-LD. encoding/json escapes <, > and & so the document is safe inside
// a <script type="application/ld+json"> element.
func (p *seoPlanner) structuredData(description string) (string, error) {
	schemaType := p.sector.SchemaType
	if schemaType == "" {
		schemaType = "LocalBusiness"
	}
	name := p.name
	if name == "" {
		name = p.sector.Name.In(p.lang)
	}
	doc := jsonLDBusiness{
		Context:       "https://schema.org",
		Type:          schemaType,
		Name:          name,
		Description:   description,
		Slogan:        truncateAtWord(oneLine(p.in.ValueProposition), 160),
		KnowsLanguage: string(p.lang),
	}
	region := truncateAtWord(oneLine(p.in.Location.Region), 60)
	countryCode := p.country
	if p.place.CountryKnown {
		countryCode = p.place.Country.Code
	}
	if p.city != "" || region != "" || countryCode != "" {
		doc.Address = &jsonLDAddress{Type: "PostalAddress", AddressLocality: p.city, AddressRegion: region, AddressCountry: countryCode}
	}
	switch {
	case p.city != "":
		doc.AreaServed = &jsonLDPlace{Type: "City", Name: p.city}
	case p.country != "":
		doc.AreaServed = &jsonLDPlace{Type: "Country", Name: p.country}
	}
	if p.place.CountryKnown {
		doc.CurrenciesAccepted = p.place.Country.Currency
		doc.PriceRange = priceRangeText(p.sector, p.place.Country, p.lang, false)
	}
	for _, s := range p.services {
		doc.MakesOffer = append(doc.MakesOffer, jsonLDOffer{Type: "Offer", ItemOffered: jsonLDService{Type: "Service", Name: s}})
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("seo structured data: %w", err)
	}
	return string(raw), nil
}

// --- text helpers shared with the market agent ---

// oneLine makes owner text safe for one-line use: valid UTF-8, no control or formatting characters
// (newlines, bidi overrides), single spaces.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// truncateAtWord shortens s to at most limit runes, ellipsis included. It ends on a whole word: the
// cut moves back to the last space when that keeps at least half the text, else the word is cut.
func truncateAtWord(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	if limit <= 1 {
		return string(r[:max(limit, 0)])
	}
	kept := r[:limit-1]
	wordEnds := unicode.IsSpace(r[limit-1]) || unicode.IsPunct(r[limit-1])
	if i := lastSpaceIndex(kept); !wordEnds && i >= len(kept)/2 {
		kept = kept[:i]
	}
	trimmed := strings.TrimRightFunc(string(kept), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—|/·", r)
	})
	if trimmed == "" {
		trimmed = string(r[:limit-1])
	}
	return trimmed + "…"
}

func lastSpaceIndex(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if unicode.IsSpace(r[i]) {
			return i
		}
	}
	return -1
}
