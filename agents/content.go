package agents

import (
	"cmp"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Hero limits, in runes.
const (
	heroTitleMax    = 60
	heroSubtitleMax = 120
)

// contentGeneration writes the website copy — homepage, about, services and contact — in the brief's
// language and the owner's tone, from the owner's own words over the phrase bank.
func (b *Builtin) contentGeneration(req Request) (ContentGenerationResult, error) {
	w := b.newCopywriter(req)
	return ContentGenerationResult{
		Homepage:           w.homepage(),
		About:              w.about(),
		Services:           w.servicesPage(),
		Contact:            w.contact(),
		LanguagesGenerated: []Language{w.lang},
		ContentStrategy:    w.strategy(),
	}, nil
}

func contentSlots() phraseSlots {
	return phraseSlots{
		copy: []string{"hero_title", "hero_subtitle", "hero_intro", "hero_detail", "hero_more", "primary_cta",
			"secondary_cta", "main_value", "benefits", "why_choose_us", "services_teaser", "story_opening",
			"story_mission", "story_vision", "story_difference", "values", "team_intro", "community_impact",
			"about_cta", "services_intro", "service_description", "service_benefits", "service_pricing",
			"service_cta", "contact_headline", "contact_message", "contact_cta"},
		lists: []string{"default_services", "hours", "content_pillars", "default_themes", "focus_subtitle",
			"focus_value", "focus_benefit", "payments_line", "whatsapp_cta"},
		labels: []string{"fallback_place", "fallback_in_place", "fallback_audience", "fallback_sector",
			"fallback_name", "address_unknown", "and", "or", "channel_phone", "channel_whatsapp", "channel_sms",
			"channel_email", "channel_form", "channel_mobile_money", "channel_visit", "voice_shorter",
			"voice_longer", "voice_focus"},
	}
}

// copywriter holds everything one content generation knows: the owner's facts in sentence-ready
// form, the tone, the hints, and the seeded generator that chooses among alternatives.
type copywriter struct {
	phrases PhraseBank
	lang    Language
	tone    ToneProfile
	hints   Hints
	rng     *rand.Rand
	// heroTurn rotates the hero through its alternatives: it moves by one per variation, so every
	// regeneration shows a different headline.
	heroTurn uint
	// offsets start each repeated slot (one per service) at a random alternative, then cycle.
	offsets map[string]int

	facts map[string]string // placeholder values
	// keep lists the proper names (business, places) that stay capitalised inside sentences.
	keep     []string
	services []string // display names: the owner's, or the sector's defaults
	country  CountryProfile
	// countryKnown is false when the country was not recognised; its figures are then unknown.
	countryKnown bool
	sector       SectorProfile
	sectorKnown  bool
	address      string
	hasCity      bool
}

func (b *Builtin) newCopywriter(req Request) *copywriter {
	in := req.Input
	p := b.k.Phrases
	lang := briefLanguage(in.Language)
	hints := ParseHints(req.Instruction)
	sector, sectorKnown := b.k.Sector(in.Sector)
	country, countryKnown := b.k.Country(in.Location.Country)
	first := req
	first.Variation = 0
	w := &copywriter{
		phrases:      p,
		lang:         lang,
		tone:         p.resolveTone(in.Tone, hints),
		hints:        hints,
		rng:          seededFor(req),
		heroTurn:     uint(seededFor(first).IntN(1<<16)) + uint(max(req.Variation, 0)),
		offsets:      map[string]int{},
		country:      country,
		countryKnown: countryKnown,
		sector:       sector,
		sectorKnown:  sectorKnown,
	}
	w.learnFacts(in, req.Instruction)
	return w
}

// learnFacts turns the owner's input into placeholder values that read well inside sentences.
func (w *copywriter) learnFacts(in Input, instruction string) {
	name := cleanText(in.BusinessName)
	if name == "" {
		name = w.label("fallback_name")
	}
	city, region := cleanText(in.Location.City), cleanText(in.Location.Region)
	country := cleanText(in.Location.Country)
	if w.countryKnown {
		country = w.country.Name.In(w.lang)
	}
	keep := []string{name, city, region, country}
	w.keep = keep
	place := placeName(city, region, country, w.lang)
	w.hasCity = city != ""
	w.address = joinUnique(", ", city, region, country)

	w.facts = map[string]string{
		"name":       name,
		"sector":     w.sectorPhrase(in.Sector, keep),
		"place":      cmp.Or(place, w.label("fallback_place")),
		"in_place":   cmp.Or(inPlace(city, region, country, w.lang), w.label("fallback_in_place")),
		"audience":   w.audiencePhrase(in.TargetAudience, keep),
		"value_prop": clause(in.ValueProposition, keep...),
		"mission":    clause(in.Mission, keep...),
		"vision":     clause(in.Vision, keep...),
		"difference": clause(in.Differentiation, keep...),
		"payments":   w.paymentsPhrase(false),
	}
	focus := w.focusPhrase(instruction)
	w.services = w.serviceNames(in.Services, focus)
	mids := make([]string, 0, 3)
	for _, s := range w.services[:min(3, len(w.services))] {
		mids = append(mids, w.serviceMid(s, keep))
	}
	w.facts["services"] = joinList(mids, w.label("and"))
	w.facts["first_service"] = mids[0]
	w.facts["focus"] = ""
	if focus != "" {
		w.facts["focus"] = focus
		if w.lang == French {
			w.facts["focus"] = withFrenchArticle(focus)
		}
	}
}

// sectorPhrase is the sector as a lower-case noun phrase: the catalogue's name in the brief's
// language when the sector is known, else the owner's own word.
func (w *copywriter) sectorPhrase(ownerSector string, keep []string) string {
	s := cleanText(ownerSector)
	if w.sectorKnown && w.sector.Name.In(w.lang) != "" {
		s = w.sector.Name.In(w.lang)
	}
	if s == "" || utf8.RuneCountInString(s) > 50 {
		return w.label("fallback_sector")
	}
	return lowerOrdinaryWords(strings.TrimRight(s, " .!?;:,"), keep)
}

// audiencePhrase is the target audience ready to follow "for" / "pour".
func (w *copywriter) audiencePhrase(audience string, keep []string) string {
	a := clause(audience, keep...)
	if a == "" {
		return w.label("fallback_audience")
	}
	if w.lang == French {
		return withFrenchArticle(a)
	}
	return a
}

// paymentsPhrase lists how people pay in the country ("cash or Orange Money"), "" when unknown.
// Only mobile money methods when mobileOnly.
func (w *copywriter) paymentsPhrase(mobileOnly bool) string {
	if !w.countryKnown {
		return ""
	}
	var items []string
	for _, m := range w.country.PaymentMethods {
		text := cleanText(m.In(w.lang))
		if text == "" || (mobileOnly && !isMobileMoney(m)) {
			continue
		}
		if isGenericPayment(text) {
			text = lowerFirstWord(text, nil) // "Cash" is a word, "Wave" and "M-Pesa" are names
		}
		items = append(items, text)
	}
	return joinList(items, w.label("or"))
}

// isGenericPayment reports whether a payment method is an ordinary noun rather than a brand.
func isGenericPayment(method string) bool {
	switch firstWordFolded(method) {
	case "cash", "especes", "liquide", "bank", "banque", "card", "cards", "carte", "cartes", "cheque", "check",
		"virement", "transfer", "credit", "debit", "mobile", "paiement", "payment":
		return true
	}
	return false
}

// isMobileMoney reports whether a payment method is paid from a phone.
func isMobileMoney(m Text) bool {
	return containsAny(fold(m.EN+" "+m.FR), "mobile", "m-pesa", "mpesa", "momo", "wave", "orange money",
		"airtel money", "mvola", "moov", "opay", "paga", "ecocash", "free money", "wizall")
}

// focusPhrase is the topic the instruction asked to put forward, as the owner spelt it, at most six
// words long: a focus is a topic, not a paragraph.
func (w *copywriter) focusPhrase(instruction string) string {
	words := strings.Fields(w.hints.Focus)
	return originalSpelling(cleanText(instruction), strings.Join(words[:min(len(words), 6)], " "))
}

// originalSpelling finds folded (accent-free, lower-case) text at a word start in s and returns it
// with its accents, so "mettre l'accent sur la qualité" gives "la qualité", not "la qualite".
func originalSpelling(s, folded string) string {
	if folded == "" {
		return ""
	}
	rs := []rune(s)
	n := utf8.RuneCountInString(folded)
	for i := 0; i+n <= len(rs); i++ {
		if i > 0 && rs[i-1] != ' ' {
			continue
		}
		if candidate := string(rs[i : i+n]); fold(candidate) == folded {
			return candidate
		}
	}
	return folded
}

// serviceNames are the owner's services, cleaned and without duplicates, the focused one first;
// when the owner named none, the sector's most searched offers or general defaults.
func (w *copywriter) serviceNames(owner []string, focus string) []string {
	var names []string
	seen := map[string]bool{}
	for _, s := range owner {
		s = capitalizeFirst(cleanText(s))
		if s == "" || seen[fold(s)] {
			continue
		}
		seen[fold(s)] = true
		names = append(names, s)
	}
	if len(names) == 0 {
		names = w.defaultServices()
	}
	if focus == "" {
		return names
	}
	for i, s := range names {
		if f := fold(withoutArticle(focus, w.lang)); strings.Contains(fold(s), f) || strings.Contains(f, fold(s)) {
			return append([]string{s}, append(names[:i:i], names[i+1:]...)...)
		}
	}
	return names
}

// defaultServices offers a known sector's search vocabulary as services, skipping generic queries;
// the generic profile's words ("services") would read as placeholders, so it gets written defaults.
func (w *copywriter) defaultServices() []string {
	if !w.sectorKnown {
		return w.phrases.Lists["default_services"].In(w.lang)
	}
	vocabulary := w.sector.Vocabulary.EN
	if w.lang == French {
		vocabulary = w.sector.Vocabulary.FR
	}
	var names []string
	for _, v := range vocabulary {
		f := fold(v)
		if f == "" || f == fold(w.sector.Name.In(w.lang)) || f == "services" || f == "service" ||
			utf8.RuneCountInString(v) > 40 ||
			containsAny(f, "near me", "pres de", "cheap", "pas cher", "best", "meilleur", "open now", "ouvert") {
			continue
		}
		names = append(names, capitalizeFirst(cleanText(v)))
		if len(names) == 3 {
			return names
		}
	}
	if len(names) > 0 {
		return names
	}
	return w.phrases.Lists["default_services"].In(w.lang)
}

// serviceMid is a service name as it reads inside a sentence.
func (w *copywriter) serviceMid(name string, keep []string) string {
	return lowerFirstWord(withoutArticle(name, w.lang), keep)
}

// seededFor is rngFor(req) reseeded through a mixer. rngFor's generators for neighbouring
// variations start with correlated low bits (the variation only moves the second PCG word), which
// made every "one of two" choice agree across regenerations.
func seededFor(req Request) *rand.Rand {
	r := rngFor(req)
	return rand.New(rand.NewPCG(mix64(r.Uint64()), mix64(r.Uint64())))
}

// mix64 is the splitmix64 finaliser: every input bit flips about half of the output bits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// --- choosing and filling wording ---

func (w *copywriter) label(name string) string { return w.phrases.label(name, w.lang) }

// factsWith returns the facts plus extra key/value pairs.
func (w *copywriter) factsWith(extra []string) map[string]string {
	if len(extra) == 0 {
		return w.facts
	}
	facts := make(map[string]string, len(w.facts)+len(extra)/2)
	for k, v := range w.facts {
		facts[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		facts[extra[i]] = extra[i+1]
	}
	return facts
}

// usableOf keeps the alternatives whose every placeholder has a value.
func usableOf(alternatives []string, facts map[string]string) []string {
	var out []string
	for _, a := range alternatives {
		if usable(a, facts) {
			out = append(out, a)
		}
	}
	return out
}

// say fills one randomly chosen alternative of a copy slot.
func (w *copywriter) say(slot string, extra ...string) string {
	return w.choose(w.phrases.copyFor(slot, w.tone.ID, w.lang), extra)
}

// sayList fills one randomly chosen alternative of a list.
func (w *copywriter) sayList(list string, extra ...string) string {
	return w.choose(w.phrases.Lists[list].In(w.lang), extra)
}

func (w *copywriter) choose(alternatives []string, extra []string) string {
	facts := w.factsWith(extra)
	alts := usableOf(alternatives, facts)
	if len(alts) == 0 {
		return ""
	}
	return fill(alts[w.rng.IntN(len(alts))], facts, w.lang)
}

// cycle fills the i-th alternative of slot counting from a random start, so a slot repeated for
// each service varies from one service to the next.
func (w *copywriter) cycle(slot string, i int, extra ...string) string {
	facts := w.factsWith(extra)
	alts := usableOf(w.phrases.copyFor(slot, w.tone.ID, w.lang), facts)
	if len(alts) == 0 {
		return ""
	}
	start, ok := w.offsets[slot]
	if !ok {
		start = w.rng.IntN(len(alts))
		w.offsets[slot] = start
	}
	return fill(alts[(start+i)%len(alts)], facts, w.lang)
}

// distinct fills up to n different alternatives, in random order.
func (w *copywriter) distinct(alternatives []string, n int, extra ...string) []string {
	facts := w.factsWith(extra)
	alts := usableOf(alternatives, facts)
	out := make([]string, 0, n)
	for _, i := range w.rng.Perm(len(alts)) {
		if len(out) == n {
			break
		}
		out = append(out, fill(alts[i], facts, w.lang))
	}
	return out
}

// fitted fills the alternatives and returns one that fits in limit runes, rotating with the
// variation; when none fits, the shortest, cut at a word boundary.
func (w *copywriter) fitted(alternatives []string, limit int) string {
	alts := usableOf(alternatives, w.facts)
	var fitting []string
	shortest := ""
	for _, a := range alts {
		text := fill(a, w.facts, w.lang)
		if utf8.RuneCountInString(text) <= limit {
			fitting = append(fitting, text)
		}
		if shortest == "" || utf8.RuneCountInString(text) < utf8.RuneCountInString(shortest) {
			shortest = text
		}
	}
	if len(fitting) > 0 {
		return fitting[w.heroTurn%uint(len(fitting))]
	}
	if shortest == "" {
		shortest = w.facts["name"]
	}
	return fitRunes(shortest, limit, w.lang)
}

// count scales a list length with the Shorter / Longer hints.
func (w *copywriter) count(normal int) int {
	switch {
	case w.hints.Shorter:
		return max(normal-1, 1)
	case w.hints.Longer:
		return normal + 1
	}
	return normal
}

// --- pages ---

func (w *copywriter) homepage() Homepage {
	return Homepage{
		Hero:             w.hero(),
		ValueProposition: w.valueProposition(),
		ServicesTeaser:   w.say("services_teaser"),
	}
}

func (w *copywriter) hero() Hero {
	subtitles := w.phrases.copyFor("hero_subtitle", w.tone.ID, w.lang)
	if w.facts["focus"] != "" {
		subtitles = w.phrases.Lists["focus_subtitle"].In(w.lang)
	}
	return Hero{
		Title:        w.fitted(w.phrases.copyFor("hero_title", w.tone.ID, w.lang), heroTitleMax),
		Subtitle:     w.fitted(subtitles, heroSubtitleMax),
		Paragraph:    w.heroParagraph(),
		PrimaryCTA:   w.say("primary_cta"),
		SecondaryCTA: w.say("secondary_cta"),
	}
}

func (w *copywriter) heroParagraph() string {
	sentences := []string{w.say("hero_intro")}
	if !w.hints.Shorter {
		sentences = append(sentences, w.say("hero_detail"))
	}
	if w.hints.Longer {
		sentences = append(sentences, w.say("hero_more"))
	}
	return joinSentences(sentences)
}

func (w *copywriter) valueProposition() HomepageValueProp {
	main := w.say("main_value")
	benefits := w.distinct(w.phrases.copyFor("benefits", w.tone.ID, w.lang), w.count(3))
	if w.facts["focus"] != "" {
		main = joinSentences([]string{w.sayList("focus_value"), main})
		focused := w.sayList("focus_benefit")
		benefits = append([]string{focused}, benefits[:max(len(benefits)-1, 0)]...)
	}
	return HomepageValueProp{MainValue: main, Benefits: benefits, WhyChooseUs: w.say("why_choose_us")}
}

func (w *copywriter) about() About {
	return About{
		Story:           w.story(),
		Values:          w.values(),
		TeamIntro:       w.say("team_intro"),
		CommunityImpact: w.say("community_impact"),
		CallToAction:    w.say("about_cta"),
	}
}

// story opens with the business and tells, in the owner's words, its mission, vision and
// difference; the Shorter hint keeps the first of those only.
func (w *copywriter) story() string {
	sentences := []string{w.say("story_opening")}
	for _, part := range []struct{ slot, fact string }{
		{"story_mission", "mission"}, {"story_vision", "vision"}, {"story_difference", "difference"},
	} {
		if w.facts[part.fact] == "" {
			continue
		}
		sentences = append(sentences, w.say(part.slot))
		if w.hints.Shorter {
			break
		}
	}
	if w.hints.Longer {
		sentences = append(sentences, w.say("hero_more"))
	}
	return joinSentences(sentences)
}

// values are the sector's values first, completed from the tone's own.
func (w *copywriter) values() []string {
	n := w.count(4)
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if v = cleanText(v); v != "" && !seen[fold(v)] && len(out) < n {
			seen[fold(v)] = true
			out = append(out, capitalizeFirst(v))
		}
	}
	sectorValues := w.sector.Values.In(w.lang)
	for _, v := range sectorValues[:min(2, len(sectorValues))] {
		add(v)
	}
	for _, v := range w.distinct(w.phrases.copyFor("values", w.tone.ID, w.lang), n) {
		add(v)
	}
	return out
}

func (w *copywriter) servicesPage() ServicesPage {
	page := ServicesPage{Intro: w.say("services_intro")}
	for i, name := range w.services {
		page.Services = append(page.Services, ServiceCopy{
			Name:        name,
			Description: w.cycle("service_description", i, "service", w.serviceMid(name, w.keep)),
			Benefits:    w.distinct(w.phrases.copyFor("service_benefits", w.tone.ID, w.lang), w.count(2)+1),
			PricingInfo: joinSentences([]string{w.cycle("service_pricing", i), w.sayList("payments_line")}),
			CTA:         w.cycle("service_cta", i),
		})
	}
	return page
}

func (w *copywriter) contact() Contact {
	channels := w.channels()
	cta := w.say("contact_cta")
	if len(channels) > 0 && channels[0] == w.label("channel_whatsapp") {
		cta = w.sayList("whatsapp_cta")
	}
	return Contact{
		Headline:     w.say("contact_headline"),
		Message:      w.say("contact_message"),
		Address:      cmp.Or(w.address, w.label("address_unknown")),
		Hours:        w.sayList("hours"),
		Channels:     channels,
		CallToAction: cta,
	}
}

// channels lists how customers reach the business, most used in the country first: WhatsApp and
// the phone where few people are online, e-mail and a web form where most are; mobile money where
// the country pays that way.
func (w *copywriter) channels() []string {
	internet := -1.0 // unknown
	if w.countryKnown && w.country.InternetUse > 0 {
		internet = w.country.InternetUse
	}
	mostlyOffline := internet >= 0 && internet < 0.5
	whatsApp := !(w.countryKnown && whatsAppIsRare(w.country.Code))

	mobileMoney := w.paymentsPhrase(true)
	var out []string
	add := func(ok bool, label string) {
		if ok {
			out = append(out, fill(w.label(label), w.factsWith([]string{"payments", mobileMoney}), w.lang))
		}
	}
	add(whatsApp && internet < 0.75, "channel_whatsapp")
	add(true, "channel_phone")
	add(internet >= 0 && internet < 0.35, "channel_sms")
	add(internet < 0 || internet >= 0.4, "channel_email")
	add(internet >= 0.6, "channel_form")
	add(whatsApp && internet >= 0.75, "channel_whatsapp")
	add(mobileMoney != "", "channel_mobile_money")
	add(w.hasCity && (mostlyOffline || internet < 0), "channel_visit")
	return out
}

// whatsAppIsRare names countries where another messenger or SMS dominates.
func whatsAppIsRare(code string) bool {
	switch strings.ToUpper(code) {
	case "US", "CA", "CN", "JP", "KR", "TW", "VN", "TH":
		return true
	}
	return false
}

func (w *copywriter) strategy() ContentStrategy {
	voice := []string{w.tone.Voice.In(w.lang)}
	if w.hints.Shorter {
		voice = append(voice, w.label("voice_shorter"))
	}
	if w.hints.Longer {
		voice = append(voice, w.label("voice_longer"))
	}
	if w.facts["focus"] != "" {
		voice = append(voice, fill(w.label("voice_focus"), w.facts, w.lang))
	}
	return ContentStrategy{
		ToneOfVoice:    joinSentences(voice),
		KeyThemes:      w.keyThemes(),
		ContentPillars: w.distinct(w.phrases.Lists["content_pillars"].In(w.lang), w.count(4)),
	}
}

// keyThemes are short noun phrases: the focus, the sector's values, the first services and one
// of the country's values, topped up with general themes.
func (w *copywriter) keyThemes() []string {
	n := w.count(4) + 1
	var candidates []string
	if focus := w.facts["focus"]; focus != "" {
		candidates = append(candidates, capitalizeFirst(withoutArticle(focus, w.lang)))
	}
	sectorValues := w.sector.Values.In(w.lang)
	candidates = append(candidates, sectorValues[:min(2, len(sectorValues))]...)
	candidates = append(candidates, w.services[:min(2, len(w.services))]...)
	if w.countryKnown {
		if values := w.country.CulturalValues.In(w.lang); len(values) > 0 {
			candidates = append(candidates, values[w.rng.IntN(len(values))])
		}
	}
	candidates = append(candidates, w.phrases.Lists["default_themes"].In(w.lang)...)

	var themes []string
	seen := map[string]bool{}
	for _, c := range candidates {
		if c = capitalizeFirst(cleanText(c)); c != "" && !seen[fold(c)] && len(themes) < n {
			seen[fold(c)] = true
			themes = append(themes, c)
		}
	}
	return themes
}

// --- small text helpers ---

// joinSentences joins non-empty sentences with a space.
func joinSentences(sentences []string) string {
	var kept []string
	for _, s := range sentences {
		if s = strings.TrimSpace(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, " ")
}

// lowerOrdinaryWords lowers every ordinary capitalised word: "Hair & Beauty" → "hair & beauty",
// while "IT Services" keeps "IT".
func lowerOrdinaryWords(s string, keep []string) string {
	words := strings.Fields(s)
	for i, word := range words {
		words[i] = lowerFirstWord(word, keep)
	}
	return strings.Join(words, " ")
}

// joinUnique joins the distinct non-empty values with sep.
func joinUnique(sep string, values ...string) string {
	var kept []string
	seen := map[string]bool{}
	for _, v := range values {
		if v != "" && !seen[fold(v)] {
			seen[fold(v)] = true
			kept = append(kept, v)
		}
	}
	return strings.Join(kept, sep)
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
