package agents

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Weights of the score components. The look weighs only when the instruction asks for one.
const (
	weightSector       = 0.35
	weightTone         = 0.25
	weightConnectivity = 0.20
	weightFeatures     = 0.12
	weightLook         = 0.30
	// tiePoints: templates scoring within this many points of the best are equally good; the
	// variation chooses among them.
	tiePoints = 3.0
	// alternativesShown is how many runners-up the result lists.
	alternativesShown = 3
)

// templateSelection scores every template of the catalogue against the brief, picks the best and
// explains each score, then adapts the template's colours, fonts and sections to the business.
func (b *Builtin) templateSelection(req Request) (TemplateSelectionResult, error) {
	if len(b.k.Templates) == 0 {
		return TemplateSelectionResult{}, errors.New("template agent: the template catalogue is empty")
	}
	s := b.newSiteBrief(req)
	ranked := make([]scoredTemplate, 0, len(b.k.Templates))
	for _, t := range b.k.Templates {
		ranked = append(ranked, s.score(t))
	}
	slices.SortStableFunc(ranked, func(a, c scoredTemplate) int {
		return cmp.Or(cmp.Compare(c.score, a.score), cmp.Compare(a.template.ID, c.template.ID))
	})
	chosen, tied := s.pick(ranked)

	primary := s.choice(ranked[chosen])
	if tied > 1 {
		primary.Reasons = append(primary.Reasons, s.say("reason_tie",
			"points", strconv.Itoa(int(tiePoints)), "template", ranked[chosen].template.Name.In(s.lang)))
	}
	alternatives := make([]TemplateChoice, 0, alternativesShown)
	for i, r := range ranked {
		if i != chosen && len(alternatives) < alternativesShown {
			alternatives = append(alternatives, s.choice(r))
		}
	}
	t := ranked[chosen].template
	return TemplateSelectionResult{
		PrimaryTemplate: primary,
		Alternatives:    alternatives,
		Customizations: Customizations{
			Colors:       s.colors(t),
			Fonts:        TemplateFonts{Heading: t.Fonts.Heading, Body: t.Fonts.Body},
			SectionOrder: s.sectionOrder(t),
		},
	}, nil
}

func templateSlots() phraseSlots {
	return phraseSlots{labels: []string{"and", "or", "fallback_sector", "reason_sector", "reason_sector_generic", "reason_sector_unknown",
		"reason_tone_match", "reason_tone_neutral", "reason_tone_neutral_other", "reason_tone_mismatch",
		"reason_net_light", "reason_net_mobile", "reason_net_heavy", "reason_net_good", "reason_net_unknown_light",
		"reason_net_unknown_heavy", "reason_catalog_yes", "reason_catalog_no", "reason_booking_yes",
		"reason_booking_no", "reason_features_none", "reason_bolder_yes", "reason_bolder_no", "reason_minimal_yes",
		"reason_minimal_no", "reason_tie"}}
}

// siteBrief is what template selection needs to know about the business.
type siteBrief struct {
	phrases PhraseBank
	lang    Language
	hints   Hints
	rng     *rand.Rand

	tone      ToneProfile
	toneGiven bool

	sector      SectorProfile
	sectorKnown bool
	sectorLabel string

	countryLabel string
	internet     float64 // share of people online; negative when the country is unknown

	ownerServices int
	needsCatalog  bool
	needsBooking  bool
	hasLocation   bool
}

func (b *Builtin) newSiteBrief(req Request) siteBrief {
	in := req.Input
	lang := briefLanguage(in.Language)
	hints := ParseHints(req.Instruction)
	tone := b.k.Phrases.resolveTone(in.Tone, hints)
	sector, sectorKnown := b.k.Sector(in.Sector)
	country, countryKnown := b.k.Country(in.Location.Country)

	s := siteBrief{
		phrases:     b.k.Phrases,
		lang:        lang,
		hints:       hints,
		rng:         seededFor(req),
		tone:        tone,
		toneGiven:   tone.ID != toneDefault,
		sector:      sector,
		sectorKnown: sectorKnown,
		sectorLabel: cmp.Or(sectorName(sector, sectorKnown, in.Sector, lang), b.k.Phrases.label("fallback_sector", lang)),
		internet:    -1,
		hasLocation: cleanText(in.Location.City+in.Location.Region+in.Location.Country) != "",
	}
	s.countryLabel = cleanText(in.Location.Country)
	if countryKnown {
		s.countryLabel = country.Name.In(lang)
		if country.InternetUse > 0 {
			s.internet = country.InternetUse
		}
	}
	var offers []string
	for _, svc := range in.Services {
		if svc = cleanText(svc); svc != "" {
			offers = append(offers, svc)
		}
	}
	s.ownerServices = len(offers)
	s.needsCatalog = len(offers) >= 4
	s.needsBooking = takesAppointments(append(offers, in.Sector, sector.ID, sector.Name.EN, sector.Name.FR))
	return s
}

// sectorName is the sector as the reasons name it: the catalogue's name, or the owner's word.
func sectorName(sector SectorProfile, known bool, owner string, lang Language) string {
	if known && sector.Name.In(lang) != "" {
		return sector.Name.In(lang)
	}
	return cleanText(owner)
}

// takesAppointments reports whether the business sells time slots (hair, care, lessons, shoots)
// rather than goods, judged from its services and sector.
func takesAppointments(texts []string) bool {
	stems := []string{"appoint", "booking", "reserv", "rendez-vous", "rdv", "consult", "session", "seance",
		"lesson", "cours", "class", "coaching", "treatment", "soin", "massage", "haircut", "coupe", "coiff",
		"hair", "salon", "spa", "barber", "tress", "braid", "manucure", "manicure", "clinic", "clinique",
		"dentist", "dentaire", "physio", "tutor", "formation", "training", "photo", "shoot", "wedding",
		"mariage", "event", "evenement"}
	for _, t := range texts {
		if containsAny(fold(t), stems...) {
			return true
		}
	}
	return false
}

// component is one part of a template's score and the sentence that explains it.
type component struct {
	weight, value float64
	reason        string
}

type scoredTemplate struct {
	template   TemplateProfile
	components []component
	score      float64 // 0..100, one decimal
}

// score rates one template: the weighted mean of its components, out of 100.
func (s siteBrief) score(t TemplateProfile) scoredTemplate {
	parts := []component{s.sectorFit(t), s.toneFit(t), s.connectivityFit(t), s.featuresFit(t)}
	if s.hints.Bolder || s.hints.Minimal {
		parts = append(parts, s.lookFit(t))
	}
	var sum, weights float64
	for _, p := range parts {
		sum += p.weight * p.value
		weights += p.weight
	}
	return scoredTemplate{template: t, components: parts, score: math.Round(1000*sum/weights) / 10}
}

func (s siteBrief) sectorFit(t TemplateProfile) component {
	affinity, ok := s.sector.TemplateAffinity[t.ID]
	if !ok {
		return component{weightSector, 0.5, s.say("reason_sector_unknown", "sector", s.sectorLabel)}
	}
	affinity = min(max(affinity, 0), 1)
	label := "reason_sector"
	if !s.sectorKnown {
		label = "reason_sector_generic" // the generic profile's affinities stand in
	}
	return component{weightSector, affinity, s.say(label, "sector", s.sectorLabel, "score", percent(affinity))}
}

func (s siteBrief) toneFit(t TemplateProfile) component {
	suits := slices.Contains(t.Tones, s.tone.ID)
	tones := s.toneNames(t.Tones)
	switch {
	case s.toneGiven && suits:
		return component{weightTone, 1, s.say("reason_tone_match", "tone", s.tone.Name.In(s.lang))}
	case s.toneGiven:
		return component{weightTone, 0.2, s.say("reason_tone_mismatch", "tones", tones, "tone", s.tone.Name.In(s.lang))}
	case suits:
		return component{weightTone, 1, s.say("reason_tone_neutral")}
	}
	return component{weightTone, 0.6, s.say("reason_tone_neutral_other", "tones", tones)}
}

// toneNames lists a template's tones by name, without the neutral one: "warm or bold".
func (s siteBrief) toneNames(ids []string) string {
	var names []string
	for _, id := range ids {
		if id != toneDefault {
			names = append(names, s.phrases.toneByID(id).Name.In(s.lang))
		}
	}
	return joinList(names, s.phrases.label("or", s.lang))
}

// connectivityFit rewards light, mobile-first pages as fewer people are online: below 25 % online
// lightness is all that counts, above 75 % it does not count at all.
func (s siteBrief) connectivityFit(t TemplateProfile) component {
	lightness := 0.15
	if t.LowBandwidth {
		lightness += 0.5
	}
	if t.MobileFirst {
		lightness += 0.35
	}
	if t.ImageHeavy {
		lightness -= 0.15
	}
	name := t.Name.In(s.lang)
	light := t.LowBandwidth || t.MobileFirst
	if s.internet < 0 {
		value := 0.5*lightness + 0.5*0.6
		if light {
			return component{weightConnectivity, value, s.say("reason_net_unknown_light", "template", name)}
		}
		return component{weightConnectivity, value, s.say("reason_net_unknown_heavy", "template", name)}
	}
	need := min(max((0.75-s.internet)/0.5, 0), 1)
	value := need*lightness + (1-need)*0.6
	reason := "reason_net_heavy"
	switch {
	case s.internet >= 0.75:
		reason = "reason_net_good"
	case t.LowBandwidth:
		reason = "reason_net_light"
	case t.MobileFirst:
		reason = "reason_net_mobile"
	}
	return component{weightConnectivity, value, s.say(reason, "internet", percent(s.internet),
		"country", s.countryLabel, "template", name)}
}

// featuresFit checks the template has the catalogue and booking sections the business needs.
func (s siteBrief) featuresFit(t TemplateProfile) component {
	name := t.Name.In(s.lang)
	if !s.needsCatalog && !s.needsBooking {
		return component{weightFeatures, 0.6, s.say("reason_features_none")}
	}
	var met, needs float64
	var reasons []string
	if s.needsCatalog {
		needs++
		key := "reason_catalog_no"
		if t.SupportsCatalog {
			met++
			key = "reason_catalog_yes"
		}
		reasons = append(reasons, s.say(key, "n", strconv.Itoa(s.ownerServices), "template", name))
	}
	if s.needsBooking {
		needs++
		key := "reason_booking_no"
		if t.SupportsBooking {
			met++
			key = "reason_booking_yes"
		}
		reasons = append(reasons, s.say(key, "template", name))
	}
	return component{weightFeatures, met / needs, strings.Join(reasons, " ")}
}

// lookFit honours "bolder" and "simpler" instructions through the template's style.
func (s siteBrief) lookFit(t TemplateProfile) component {
	name := t.Name.In(s.lang)
	boldness := map[string]float64{"bold": 1, "playful": 1, "fresh": 0.5, "modern": 0.5, "warm": 0.3}
	simplicity := map[string]float64{"minimal": 1, "modern": 1, "elegant": 0.75, "friendly": 0.4, "fresh": 0.3}
	var values []float64
	var reasons []string
	if s.hints.Bolder {
		v := boldness[t.Style]
		values = append(values, v)
		reasons = append(reasons, s.say(pickKey(v >= 0.75, "reason_bolder_yes", "reason_bolder_no"), "template", name))
	}
	if s.hints.Minimal {
		v := simplicity[t.Style]
		values = append(values, v)
		reasons = append(reasons, s.say(pickKey(v >= 0.75, "reason_minimal_yes", "reason_minimal_no"), "template", name))
	}
	var sum float64
	for _, v := range values {
		sum += v
	}
	return component{weightLook, sum / float64(len(values)), strings.Join(reasons, " ")}
}

// pick chooses among the templates tied with the best (ranked is best first) and reports how many
// were tied; the variation decides, so a regeneration may present another of equal merit.
func (s siteBrief) pick(ranked []scoredTemplate) (chosen, tied int) {
	tied = 1
	for tied < len(ranked) && ranked[0].score-ranked[tied].score < tiePoints {
		tied++
	}
	return s.rng.IntN(tied), tied
}

func (s siteBrief) choice(r scoredTemplate) TemplateChoice {
	reasons := make([]string, 0, len(r.components))
	for _, c := range r.components {
		reasons = append(reasons, c.reason)
	}
	return TemplateChoice{ID: r.template.ID, Name: r.template.Name.In(s.lang), Score: r.score, Reasons: reasons}
}

// say fills a label with key/value pairs.
func (s siteBrief) say(label string, pairs ...string) string {
	facts := make(map[string]string, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		facts[pairs[i]] = pairs[i+1]
	}
	return fill(s.phrases.label(label, s.lang), facts, s.lang)
}

func pickKey(yes bool, ifYes, ifNo string) string {
	if yes {
		return ifYes
	}
	return ifNo
}

func percent(share float64) string { return strconv.Itoa(int(math.Round(share * 100))) }

// --- sections ---

// sectionOrder adapts the template's sections to the brief: no price list without the owner's
// services, no map without a location, heavy galleries after the offer where few are online, and
// the section the instruction focuses on right after the hero.
func (s siteBrief) sectionOrder(t TemplateProfile) []string {
	order := slices.Clone(t.SectionOrder)
	if s.ownerServices == 0 {
		order = slices.DeleteFunc(order, func(id string) bool { return id == "pricing" })
	}
	if !s.hasLocation {
		order = slices.DeleteFunc(order, func(id string) bool { return id == "map" })
	}
	if s.internet >= 0 && s.internet < 0.5 {
		order = moveBefore(order, "gallery", "contact")
	}
	if focused := focusedSection(s.hints.Focus); focused != "" {
		order = moveAfter(order, focused, "hero")
	}
	if !slices.Contains(order, "contact") {
		order = append(order, "contact")
	}
	return moveToFront(order, "hero")
}

// focusedSection maps an instruction's focus ("focus on prices", "accent sur l'équipe") to a section.
func focusedSection(focus string) string {
	if focus == "" {
		return ""
	}
	sections := []struct {
		id    string
		words []string
	}{
		{"pricing", []string{"price", "pricing", "prix", "tarif"}},
		{"services", []string{"service", "prestation", "offer", "offre", "product", "produit"}},
		{"about", []string{"about", "story", "histoire", "team", "equipe", "propos"}},
		{"testimonials", []string{"testimonial", "review", "avis", "temoignage"}},
		{"gallery", []string{"gallery", "galerie", "photo", "portfolio"}},
		{"faq", []string{"faq", "question"}},
		{"map", []string{"map", "carte", "plan", "direction", "acces"}},
	}
	f := fold(focus)
	for _, sec := range sections {
		if containsAny(f, sec.words...) {
			return sec.id
		}
	}
	return ""
}

func moveToFront(order []string, id string) []string {
	rest := slices.DeleteFunc(slices.Clone(order), func(x string) bool { return x == id })
	return append([]string{id}, rest...)
}

// moveAfter puts id right after anchor, adding id when the template lacks it.
func moveAfter(order []string, id, anchor string) []string {
	rest := slices.DeleteFunc(slices.Clone(order), func(x string) bool { return x == id })
	at := slices.Index(rest, anchor) + 1
	return slices.Insert(rest, at, id)
}

// moveBefore puts id right before anchor when both are present.
func moveBefore(order []string, id, anchor string) []string {
	if !slices.Contains(order, id) || !slices.Contains(order, anchor) {
		return order
	}
	rest := slices.DeleteFunc(slices.Clone(order), func(x string) bool { return x == id })
	return slices.Insert(rest, slices.Index(rest, anchor), id)
}

// --- colours ---

// colors takes primary, secondary and accent from a known sector's brand colours (a variation may
// swap the first two), falling back to a palette matching the template's style. The sector's very light
// or very dark colours become the background (dark for the bold style). Text is set so its contrast
// on the background is at least WCAG AA (4.5:1), and the primary colour is darkened or lightened
// until it reads on the background as large text (3:1).
func (s siteBrief) colors(t TemplateProfile) TemplateColors {
	var brand, light, dark []RGB
	if s.sectorKnown {
		brand, light, dark = sortColors(validColors(s.sector.Colors))
	}
	if len(brand) == 0 {
		brand, _, _ = sortColors(validColors(stylePalette(t.Style)))
	}
	if len(brand) >= 2 && s.rng.IntN(2) == 1 {
		brand[0], brand[1] = brand[1], brand[0]
	}
	primary := brand[0]
	secondary, accent := rotateHue(primary, 30), rotateHue(primary, 180)
	if len(brand) >= 2 {
		secondary = brand[1]
	}
	if len(brand) >= 3 {
		accent = brand[2]
	}

	background, text := firstOr(light, mix(White, primary, 0.05)), firstOr(dark, mix(Black, primary, 0.2))
	if t.Style == "bold" {
		background, text = firstOr(dark, mix(RGB{17, 17, 17}, primary, 0.12)), firstOr(light, mix(White, primary, 0.08))
	}
	if Contrast(text, background) < 4.5 {
		text = bestOf(background, Black, White)
	}
	primary = readableOn(primary, background, text, 3)
	return TemplateColors{
		Primary:    primary.Hex(),
		Secondary:  secondary.Hex(),
		Accent:     accent.Hex(),
		Background: background.Hex(),
		Text:       text.Hex(),
	}
}

// sortColors splits colours into brand colours, near-whites and near-blacks, keeping their order.
func sortColors(colors []RGB) (brand, light, dark []RGB) {
	for _, c := range colors {
		switch l := c.Luminance(); {
		case l >= 0.7:
			light = append(light, c)
		case l <= 0.02:
			dark = append(dark, c)
		default:
			brand = append(brand, c)
		}
	}
	return brand, light, dark
}

func firstOr(colors []RGB, fallback RGB) RGB {
	if len(colors) > 0 {
		return colors[0]
	}
	return fallback
}

// stylePalette is used when the sector has no colours: three colours that suit the template's style.
func stylePalette(style string) []string {
	switch style {
	case "warm":
		return []string{"#8b4513", "#d2a679", "#c0392b"}
	case "bold":
		return []string{"#e63946", "#1d3557", "#ffb703"}
	case "minimal":
		return []string{"#1f4e79", "#5b7c99", "#2a9d8f"}
	case "elegant":
		return []string{"#5e3a5e", "#b08d57", "#2f2f2f"}
	case "fresh":
		return []string{"#2e7d32", "#8bc34a", "#f9a825"}
	case "modern":
		return []string{"#3949ab", "#00acc1", "#ff7043"}
	case "playful":
		return []string{"#d81b60", "#8e24aa", "#fdd835"}
	}
	return []string{"#00796b", "#ffb300", "#5c6bc0"}
}

func validColors(hexes []string) []RGB {
	var out []RGB
	for _, h := range hexes {
		if c, err := ParseHex(h); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// readableOn moves c towards toward until it reaches ratio against background, in at most ten steps.
func readableOn(c, background, toward RGB, ratio float64) RGB {
	for step := 0; step < 10 && Contrast(c, background) < ratio; step++ {
		c = mix(c, toward, 0.2)
	}
	return c
}

// bestOf returns whichever candidate contrasts most with background.
func bestOf(background RGB, candidates ...RGB) RGB {
	best := candidates[0]
	for _, c := range candidates[1:] {
		if Contrast(c, background) > Contrast(best, background) {
			best = c
		}
	}
	return best
}

// mix blends b into a: t=0 gives a, t=1 gives b.
func mix(a, b RGB, t float64) RGB {
	blend := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return RGB{blend(a.R, b.R), blend(a.G, b.G), blend(a.B, b.B)}
}

// rotateHue turns c around the colour wheel by degrees, keeping saturation and lightness.
func rotateHue(c RGB, degrees float64) RGB {
	h, s, l := toHSL(c)
	return fromHSL(math.Mod(h+degrees+360, 360), s, l)
}

func toHSL(c RGB) (h, s, l float64) {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	hi, lo := max(r, g, b), min(r, g, b)
	l = (hi + lo) / 2
	if hi == lo {
		return 0, 0, l
	}
	d := hi - lo
	s = d / (1 - math.Abs(2*l-1))
	switch hi {
	case r:
		h = math.Mod((g-b)/d+6, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return h * 60, s, l
}

func fromHSL(h, s, l float64) RGB {
	chroma := (1 - math.Abs(2*l-1)) * s
	x := chroma * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - chroma/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = chroma, x, 0
	case h < 120:
		r, g, b = x, chroma, 0
	case h < 180:
		r, g, b = 0, chroma, x
	case h < 240:
		r, g, b = 0, x, chroma
	case h < 300:
		r, g, b = x, 0, chroma
	default:
		r, g, b = chroma, 0, x
	}
	channel := func(v float64) uint8 { return uint8(math.Round(min(max(v+m, 0), 1) * 255)) }
	return RGB{channel(r), channel(g), channel(b)}
}
