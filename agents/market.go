package agents

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// marketResearch sizes the market from public figures (population in scope × segment share × annual
// spend for the country's income tier) and fills the rest of the section from the sector and country
// profiles. Numbers do not depend on the variation; picks, order and wording do.
func (b *Builtin) marketResearch(req Request) (MarketResearchResult, error) {
	a := newMarketAnalyst(b.k, req)
	return MarketResearchResult{
		MarketSizeEstimation:      a.sizeEstimation(),
		MainCompetitors:           a.competitors(),
		MarketOpportunities:       a.opportunities(),
		PricingInsights:           a.pricing(),
		DifferentiationSuggestion: a.differentiation(),
		CulturalInsights:          a.culture(),
		RiskFactors:               a.risks(),
		SuccessFactors:            a.successFactors(),
	}, nil
}

// marketAnalyst holds what every part of the market section reads: the resolved sector and place,
// the owner's hints and the request's generator. Methods draw from rng in a fixed order, so a request
// always yields the same section.
type marketAnalyst struct {
	in          Input
	lang        Language
	sector      SectorProfile
	sectorKnown bool
	place       marketPlace
	hints       Hints
	rng         *rand.Rand
}

func newMarketAnalyst(k *Knowledge, req Request) *marketAnalyst {
	sector, sectorKnown := k.Sector(req.Input.Sector)
	return &marketAnalyst{
		in:          req.Input,
		lang:        briefLanguage(req.Input.Language),
		sector:      sector,
		sectorKnown: sectorKnown,
		place:       resolvePlace(k, req.Input.Location),
		hints:       ParseHints(req.Instruction),
		rng:         rngFor(req),
	}
}

// say picks the phrase for the brief's language.
func (a *marketAnalyst) say(en, fr string) string {
	if a.lang == French {
		return fr
	}
	return en
}

// count is how many items a list gets: the owner can ask for shorter or longer sections.
func (a *marketAnalyst) count(normal int) int {
	switch {
	case a.hints.Shorter:
		return max(2, normal-2)
	case a.hints.Longer:
		return normal + 2
	}
	return normal
}

// --- where the business is ---

// marketPlace is the business's location resolved against the country data.
type marketPlace struct {
	Country      CountryProfile
	CountryKnown bool
	// CountryFromCity is set when the owner's country was blank or unknown and the city named one.
	CountryFromCity bool
	City            City // the matching major city; zero when the city is not among them
	CityKnown       bool
	// CityLabel is the city to print: the data's spelling when known, else the owner's words.
	CityLabel string
}

// resolvePlace finds the country and, when it is one of the country's major cities, the city. An
// unknown or blank country is inferred from the city when a country lists it (the first in the data).
func resolvePlace(k *Knowledge, loc Location) marketPlace {
	cityText := truncateAtWord(oneLine(loc.City), 60)
	country, known := k.Country(oneLine(loc.Country))
	p := marketPlace{Country: country, CountryKnown: known, CityLabel: cityText}
	if known {
		p.City, p.CityKnown = findMajorCity(country, cityText)
	} else if cityText != "" {
		for _, c := range k.Countries {
			if city, ok := findMajorCity(c, cityText); ok {
				p.Country, p.CountryKnown, p.CountryFromCity = c, true, true
				p.City, p.CityKnown = city, true
				break
			}
		}
	}
	if p.CityKnown {
		p.CityLabel = p.City.Name
	}
	return p
}

// findMajorCity matches the owner's city ("Dakar", "Plateau, Dakar", "Le Caire") against the
// country's major cities and their other spellings, comparing whole words without accents. The
// longest spelling found wins, so "Port Harcourt" beats a shorter name it contains.
func findMajorCity(c CountryProfile, text string) (City, bool) {
	key := " " + wordsOnly(text) + " "
	best, bestLen := -1, 0
	consider := func(spelling, name string) {
		s := wordsOnly(spelling)
		if s == "" || len(s) <= bestLen || !strings.Contains(key, " "+s+" ") {
			return
		}
		if i := slices.IndexFunc(c.MajorCities, func(city City) bool { return city.Name == name }); i >= 0 {
			best, bestLen = i, len(s)
		}
	}
	for _, city := range c.MajorCities {
		consider(city.Name, city.Name)
	}
	for _, alias := range slices.Sorted(maps.Keys(c.CityAliases)) {
		consider(alias, c.CityAliases[alias])
	}
	if best < 0 {
		return City{}, false
	}
	return c.MajorCities[best], true
}

// wordsOnly folds text and keeps its letters and digits as single-space separated words.
func wordsOnly(s string) string {
	return strings.Join(strings.FieldsFunc(fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// here is "in Lagos", "à Dakar" or, without a city, "in Nigeria", "au Sénégal", "in your market".
func (a *marketAnalyst) here() string {
	if a.place.CityLabel != "" {
		return a.say("in ", "à ") + a.place.CityLabel
	}
	return a.place.Country.NameIn.In(a.lang)
}

// --- market size ---

func (a *marketAnalyst) sizeEstimation() MarketSizeEstimation {
	calc, segment := a.arithmetic()
	return MarketSizeEstimation{
		Estimation:      a.estimationText(calc, segment),
		ConfidenceLevel: a.confidence(),
		GrowthPotential: a.growthPotential(),
		MarketMaturity:  a.maturity(),
		MarketSegment: fmt.Sprintf("%s (%s)", segment.Name.In(a.lang),
			a.say(percentText(segment.Share, a.lang)+" of the population in scope",
				percentText(segment.Share, a.lang)+" de la population du périmètre")),
		Calculation: calc,
	}
}

// arithmetic computes customers = population × share and value = customers × spend, the spend being
// the segment's annual spend for the country's income tier in local currency, rounded as prices are.
func (a *marketAnalyst) arithmetic() (MarketArithmetic, CustomerSegment) {
	segment := a.targetSegment()
	population, scope := a.populationInScope()
	c := a.place.Country
	spend := niceRound(spendFor(segment, c.Tier) * c.USDRate)
	customers := int64(math.Round(float64(population) * segment.Share))
	value := float64(customers) * spend
	formula := fmt.Sprintf(a.say("%s: %s × %s = %s; %s × %s %s = %s %s", "%s : %s × %s = %s ; %s × %s %s = %s %s"),
		a.say("population × segment share × annual spend per customer",
			"population × part du segment × dépense annuelle par client"),
		groupDigits(population, a.lang), decimalText(segment.Share, a.lang),
		groupDigits(customers, a.lang)+a.say(" customers", " clients"),
		groupDigits(customers, a.lang), amountText(spend, a.lang), c.Currency,
		amountText(value, a.lang), c.Currency)
	return MarketArithmetic{
		Population:          population,
		PopulationScope:     scope,
		SegmentShare:        segment.Share,
		Customers:           customers,
		AnnualSpendPerBuyer: spend,
		Currency:            c.Currency,
		AnnualMarketValue:   value,
		Formula:             formula,
	}, segment
}

// spendFor is a segment's annual spend for a tier; a tier missing from the data falls back to the
// nearest one below, then above.
func spendFor(s CustomerSegment, tier IncomeTier) float64 {
	order := []IncomeTier{LowIncome, LowerMiddleIncome, UpperMiddleIncome, HighIncome}
	at := max(0, slices.Index(order, tier))
	for d := 0; d < len(order); d++ {
		for _, i := range []int{at - d, at + d} {
			if i >= 0 && i < len(order) {
				if v, ok := s.AnnualSpendUSD[order[i]]; ok && v > 0 {
					return v
				}
			}
		}
	}
	return 0
}

// targetSegment is the sector segment whose name shares the most words with the owner's target
// audience; the sector's first (main) segment when nothing overlaps.
func (a *marketAnalyst) targetSegment() CustomerSegment {
	segments := a.sector.Segments
	if len(segments) == 0 {
		return CustomerSegment{Name: Text{EN: "All customers", FR: "Tous les clients"}, Share: 0.1,
			AnnualSpendUSD: map[IncomeTier]float64{LowerMiddleIncome: 50}}
	}
	audience := significantWords(a.in.TargetAudience)
	best, bestScore := 0, 0
	for i, s := range segments {
		score := 0
		for w := range significantWords(s.Name.EN + " " + s.Name.FR) {
			if audience[w] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return segments[best]
}

// significantWords are the folded words of at least four letters, cut to a five-letter stem so
// "families" meets "family" and "ménages" meets "ménage".
func significantWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(wordsOnly(s)) {
		if utf8.RuneCountInString(w) >= 4 {
			out[stem(w)] = true
		}
	}
	return out
}

func stem(w string) string {
	r := []rune(w)
	return string(r[:min(5, len(r))])
}

// populationInScope is the city's population when the city is known, else the country's urban
// population; the scope says which, in the brief's language.
func (a *marketAnalyst) populationInScope() (int64, string) {
	p, c := a.place, a.place.Country
	if p.CityKnown {
		scope := a.say("the city of "+p.City.Name, "la ville "+frenchOf(p.City.Name))
		if p.CountryFromCity {
			scope += a.say(" (country inferred from the city)", " (pays déduit de la ville)")
		}
		return p.City.Population, scope
	}
	urban := int64(math.Round(float64(c.Population) * c.UrbanShare))
	if !p.CountryKnown {
		return urban, a.say("an assumed urban market; country not recognised",
			"un marché urbain supposé ; pays non reconnu")
	}
	return urban, fmt.Sprintf(a.say("urban areas %s, %s of %s", "zones urbaines %s, %s de %s"),
		c.NameIn.In(a.lang), percentText(c.UrbanShare, a.lang), peopleText(c.Population, a.lang))
}

func (a *marketAnalyst) estimationText(calc MarketArithmetic, segment CustomerSegment) string {
	c := a.place.Country
	value := moneyText(calc.AnnualMarketValue, c, a.lang, true)
	customers := countText(calc.Customers, a.lang, "potential customers", "de clients potentiels", "clients potentiels")
	spend := moneyText(calc.AnnualSpendPerBuyer, c, a.lang, false)
	share := percentText(calc.SegmentShare, a.lang)
	population := peopleText(calc.Population, a.lang)
	templates := []Text{
		{EN: "About %[1]s a year: %[2]s each spending about %[3]s a year, that is %[4]s of %[5]s (%[6]s). Segment: %[7]s.",
			FR: "Environ %[1]s par an : %[2]s dépensant chacun environ %[3]s par an, soit %[4]s de %[5]s (%[6]s). Segment : %[7]s."},
		{EN: "Estimated annual market: %[1]s. %[2]s (%[4]s of %[5]s, %[6]s) spend about %[3]s each per year. Segment: %[7]s.",
			FR: "Marché annuel estimé : %[1]s. %[2]s (%[4]s de %[5]s, %[6]s) dépensent environ %[3]s chacun par an. Segment : %[7]s."},
		{EN: "%[2]s × %[3]s a year ≈ %[1]s annually — %[4]s of %[5]s (%[6]s). Segment: %[7]s.",
			FR: "%[2]s × %[3]s par an ≈ %[1]s par an — %[4]s de %[5]s (%[6]s). Segment : %[7]s."},
	}
	text := fmt.Sprintf(templates[a.rng.IntN(len(templates))].In(a.lang),
		value, customers, spend, share, population, calc.PopulationScope, segment.Name.In(a.lang))
	if !a.sectorKnown {
		text += a.say(" The sector was not recognised, so a generic profile was used: treat this as an order of magnitude.",
			" Le secteur n'a pas été reconnu : un profil générique a été utilisé, à prendre comme un ordre de grandeur.")
	}
	if !a.place.CountryKnown {
		text += a.say(" The country was not recognised: population and spending are generic assumptions.",
			" Le pays n'a pas été reconnu : population et dépenses sont des hypothèses génériques.")
	} else if !a.place.CityKnown && a.place.CityLabel != "" {
		text += fmt.Sprintf(a.say(" %s is not among the cities with known figures, so the whole urban population is used: your local market is smaller.",
			" %s ne fait pas partie des villes dont les chiffres sont connus : la population urbaine entière est utilisée, votre marché local est plus petit."),
			a.place.CityLabel)
	}
	return text
}

// confidence is honest about what was matched: a top-down estimate from public averages is at best
// medium-high, and each unknown (city, country, sector) lowers it.
func (a *marketAnalyst) confidence() string {
	points := 0
	if a.sectorKnown {
		points += 2
	}
	if a.place.CountryKnown {
		points += 2
	}
	if a.place.CityKnown {
		points++
	}
	switch {
	case points >= 5:
		return a.say("medium-high", "moyenne à élevée")
	case points == 4:
		return a.say("medium", "moyenne")
	case points >= 2:
		return a.say("low", "faible")
	}
	return a.say("very low", "très faible")
}

func (a *marketAnalyst) growthPotential() string {
	c := a.place.Country
	levels := []string{"low", "moderate", "high"}
	level := max(0, slices.Index(levels, a.sector.Growth))
	urbanising := a.place.CountryKnown && c.UrbanShare < 0.5 && (c.Tier == LowIncome || c.Tier == LowerMiddleIncome)
	if urbanising {
		level = min(level+1, 2)
	}
	label := []Text{{EN: "Low", FR: "Faible"}, {EN: "Moderate", FR: "Modéré"}, {EN: "High", FR: "Élevé"}}[level].In(a.lang)
	reasons := []string{[]Text{
		{EN: "demand in the sector is stable", FR: "la demande du secteur est stable"},
		{EN: "the sector grows steadily", FR: "le secteur croît régulièrement"},
		{EN: "the sector is growing fast", FR: "le secteur croît rapidement"},
	}[max(0, slices.Index(levels, a.sector.Growth))].In(a.lang)}
	if a.place.CountryKnown {
		if urbanising {
			reasons = append(reasons, fmt.Sprintf(a.say("%s of people %s live in towns and cities, a share that keeps rising",
				"%s de la population %s vit en ville, une part qui augmente"), percentText(c.UrbanShare, a.lang), c.NameIn.In(a.lang)))
		}
		if c.InternetUse < 0.5 {
			reasons = append(reasons, fmt.Sprintf(a.say("only %s are online, so digital channels are still opening up",
				"seuls %s sont en ligne : les canaux numériques restent à conquérir"), percentText(c.InternetUse, a.lang)))
		} else {
			reasons = append(reasons, fmt.Sprintf(a.say("%s are online, so customers can find you on the web",
				"%s sont en ligne : les clients peuvent vous trouver sur le web"), percentText(c.InternetUse, a.lang)))
		}
	}
	return label + " — " + strings.Join(reasons, a.say("; ", " ; ")) + "."
}

func (a *marketAnalyst) maturity() string {
	switch a.sector.Maturity {
	case "emerging":
		return a.say("Emerging: few established players, and customers still need to learn what you offer.",
			"Émergent : peu d'acteurs établis, et les clients doivent encore découvrir l'offre.")
	case "mature":
		return a.say("Mature: many established competitors; growth comes from taking share with a clearer promise.",
			"Mature : de nombreux concurrents établis ; la croissance passe par une promesse plus claire qui prend des parts de marché.")
	}
	return a.say("Growing: demand rises faster than the supply of good providers.",
		"En croissance : la demande augmente plus vite que l'offre de prestataires de qualité.")
}

// --- competitors ---

func (a *marketAnalyst) competitors() []Competitor {
	type ranked struct {
		arch  CompetitorArchetype
		score float64
	}
	rs := make([]ranked, len(a.sector.CompetitorArchetypes))
	for i, arch := range a.sector.CompetitorArchetypes {
		rs[i] = ranked{arch, arch.MarketShare * (0.85 + 0.3*a.rng.Float64())}
	}
	slices.SortStableFunc(rs, func(x, y ranked) int { return cmp.Compare(y.score, x.score) })
	out := make([]Competitor, 0, len(rs))
	for _, r := range rs {
		out = append(out, Competitor{
			Name:        r.arch.Name.In(a.lang) + " " + a.here(),
			Strengths:   shuffled(a.rng, r.arch.Strengths.In(a.lang)),
			Weaknesses:  shuffled(a.rng, r.arch.Weaknesses.In(a.lang)),
			MarketShare: a.say("about ", "environ ") + percentText(r.arch.MarketShare, a.lang),
		})
	}
	out = focusFirst(out, a.hints.Focus, func(c Competitor) string {
		return c.Name + " " + strings.Join(c.Strengths, " ") + " " + strings.Join(c.Weaknesses, " ")
	})
	return out[:min(len(out), a.count(4), 5)]
}

// --- opportunities ---

// crossSectorIdeas apply to any business; they join the sector's own ideas when the country suits.
var crossSectorIdeas = []struct {
	idea OpportunityIdea
	// when decides whether the idea suits the country.
	when func(CountryProfile) bool
}{
	{OpportunityIdea{Opportunity: Text{
		EN: "Accept mobile-money payments and show your merchant number everywhere",
		FR: "Accepter le paiement mobile et afficher votre numéro marchand partout"},
		Impact: "medium", Difficulty: "low", Months: 1, NeedsDigital: true},
		func(c CountryProfile) bool {
			return c.Code != "XX" && c.MobileUse >= 0.6 && (c.Tier == LowIncome || c.Tier == LowerMiddleIncome)
		}},
	{OpportunityIdea{Opportunity: Text{
		EN: "Claim a Google Business Profile with photos, prices and opening hours",
		FR: "Créer une fiche Google Business avec photos, prix et horaires"},
		Impact: "medium", Difficulty: "low", Months: 1, NeedsDigital: true},
		func(c CountryProfile) bool { return c.InternetUse >= 0.3 }},
	{OpportunityIdea{Opportunity: Text{
		EN: "Partner with complementary local businesses for cross-referrals",
		FR: "S'associer à des commerces locaux complémentaires pour s'envoyer des clients"},
		Impact: "medium", Difficulty: "low", Months: 2},
		func(CountryProfile) bool { return true }},
}

func (a *marketAnalyst) opportunities() []Opportunity {
	c := a.place.Country
	ideas := slices.Clone(a.sector.Opportunities)
	for _, x := range crossSectorIdeas {
		duplicate := slices.ContainsFunc(ideas, func(o OpportunityIdea) bool {
			return o.Opportunity.EN == x.idea.Opportunity.EN
		})
		if x.when(c) && !duplicate {
			ideas = append(ideas, x.idea)
		}
	}
	reach := digitalReach(c)
	type scored struct {
		idea  OpportunityIdea
		score float64
	}
	ss := make([]scored, len(ideas))
	for i, idea := range ideas {
		s := levelValue(idea.Impact) * (1.25 - 0.25*levelValue(idea.Difficulty)) * speedFactor(idea.Months)
		if idea.NeedsDigital {
			s *= 0.4 + 0.6*reach
		}
		ss[i] = scored{idea, s * (0.9 + 0.2*a.rng.Float64())}
	}
	slices.SortStableFunc(ss, func(x, y scored) int { return cmp.Compare(y.score, x.score) })
	out := make([]Opportunity, 0, len(ss))
	for _, s := range ss {
		out = append(out, Opportunity{
			Opportunity:     s.idea.Opportunity.In(a.lang),
			PotentialImpact: a.impactText(s.idea, reach),
			Difficulty:      levelLabel(s.idea.Difficulty, a.lang, true),
			Timeframe:       timeframeText(s.idea.Months, a.lang),
		})
	}
	out = focusFirst(out, a.hints.Focus, func(o Opportunity) string { return o.Opportunity })
	return out[:min(len(out), a.count(4))]
}

// digitalReach is the share of people an online idea can reach: internet use and mobile
// subscriptions (capped, as many people hold two SIMs) weigh equally.
func digitalReach(c CountryProfile) float64 {
	return (c.InternetUse + min(c.MobileUse, 1.2)/1.2) / 2
}

// impactText is the idea's impact, one level lower for online ideas where few people are reached,
// with the reach stated so the reader sees why.
func (a *marketAnalyst) impactText(idea OpportunityIdea, reach float64) string {
	level := idea.Impact
	if !idea.NeedsDigital {
		return levelLabel(level, a.lang, false)
	}
	if reach < 0.35 {
		level = map[string]string{"high": "medium", "medium": "low", "low": "low"}[level]
	}
	return fmt.Sprintf(a.say("%s — %s of people online", "%s — %s de la population en ligne"),
		levelLabel(level, a.lang, false), percentText(a.place.Country.InternetUse, a.lang))
}

// levelValue maps low/medium/high to 1/2/3 (medium when unknown).
func levelValue(level string) float64 {
	switch level {
	case "low":
		return 1
	case "high":
		return 3
	}
	return 2
}

// levelLabel names a level; feminine is for French nouns such as "difficulté".
func levelLabel(level string, lang Language, feminine bool) string {
	en := map[string]string{"low": "Low", "medium": "Medium", "high": "High"}
	fr := map[string]string{"low": "Faible", "medium": "Moyen", "high": "Élevé"}
	if feminine {
		fr = map[string]string{"low": "Faible", "medium": "Moyenne", "high": "Élevée"}
	}
	if _, ok := en[level]; !ok {
		level = "medium"
	}
	if lang == French {
		return fr[level]
	}
	return en[level]
}

func speedFactor(months int) float64 {
	switch {
	case months <= 2:
		return 1
	case months <= 6:
		return 0.9
	}
	return 0.8
}

func timeframeText(months int, lang Language) string {
	spans := []struct {
		upTo   int
		en, fr string
	}{
		{1, "within a month", "en moins d'un mois"},
		{3, "1–3 months", "1 à 3 mois"},
		{6, "3–6 months", "3 à 6 mois"},
		{12, "6–12 months", "6 à 12 mois"},
	}
	for _, s := range spans {
		if months <= s.upTo {
			return Text{EN: s.en, FR: s.fr}.In(lang)
		}
	}
	return Text{EN: "over a year", FR: "plus d'un an"}.In(lang)
}

// --- pricing ---

func (a *marketAnalyst) pricing() PricingInsights {
	return PricingInsights{
		AveragePriceRange: priceRangeText(a.sector, a.place.Country, a.lang, true),
		PricingModel:      strings.Join(shuffled(a.rng, a.sector.PricingModels.In(a.lang)), a.say("; ", " ; ")),
		PriceSensitivity:  a.priceSensitivity(),
	}
}

// priceRangeText converts the sector's price band for the country's tier into local currency:
// "₦150 – ₦15,000 per item", with the unit when withUnit.
func priceRangeText(s SectorProfile, c CountryProfile, lang Language, withUnit bool) string {
	band, ok := s.PriceRanges[c.Tier]
	if !ok {
		band = s.PriceRanges[LowerMiddleIncome]
	}
	text := moneyText(niceRound(band.Low*c.USDRate), c, lang, false) + " – " +
		moneyText(niceRound(band.High*c.USDRate), c, lang, false)
	if unit := band.Unit.In(lang); withUnit && unit != "" {
		text += " " + unit
	}
	return text
}

func (a *marketAnalyst) priceSensitivity() string {
	text := sentence(a.sector.PriceSensitivity.In(a.lang))
	c := a.place.Country
	if !a.place.CountryKnown {
		return text
	}
	tier := map[IncomeTier]Text{
		LowIncome:         {EN: "a low-income country", FR: "pays à faible revenu"},
		LowerMiddleIncome: {EN: "a lower-middle-income country", FR: "pays à revenu intermédiaire inférieur"},
		UpperMiddleIncome: {EN: "an upper-middle-income country", FR: "pays à revenu intermédiaire supérieur"},
		HighIncome:        {EN: "a high-income country", FR: "pays à revenu élevé"},
	}[c.Tier]
	advice := map[IncomeTier]Text{
		LowIncome: {EN: "keep small sizes and an entry price most people can afford",
			FR: "proposez des petits formats et un prix d'entrée accessible au plus grand nombre"},
		LowerMiddleIncome: {EN: "offer an entry-level option next to a premium one",
			FR: "proposez une offre d'entrée de gamme à côté d'une offre premium"},
		UpperMiddleIncome: {EN: "many customers trade up for quality and convenience",
			FR: "beaucoup de clients montent en gamme pour la qualité et la commodité"},
		HighIncome: {EN: "compete on quality, convenience and service rather than price",
			FR: "misez sur la qualité, la commodité et le service plutôt que sur le prix"},
	}[c.Tier]
	gdp := moneyText(niceRound(c.GDPPerCapitaUSD), CountryProfile{Currency: "USD", CurrencySymbol: "$"}, a.lang, false)
	return fmt.Sprintf(a.say("%s %s, %s (GDP about %s per person): %s.", "%s %s, %s (PIB d'environ %s par habitant) : %s."),
		text, capitalizeFirstRune(c.NameIn.In(a.lang)), tier.In(a.lang), gdp, advice.In(a.lang))
}

// --- differentiation, culture, risks, success ---

func (a *marketAnalyst) differentiation() []string {
	var owner []string
	if d := truncateAtWord(oneLine(a.in.Differentiation), 120); d != "" {
		owner = append(owner, fmt.Sprintf(a.say(
			"Lead with what sets you apart — “%s” — on your shop front, website and social posts, and back it with proof (photos, numbers, reviews)",
			"Mettre en avant ce qui vous distingue — « %s » — sur votre devanture, votre site et vos publications, preuves à l'appui (photos, chiffres, avis)"), d))
	}
	if v := truncateAtWord(oneLine(a.in.ValueProposition), 120); v != "" {
		owner = append(owner, fmt.Sprintf(a.say(
			"Turn your promise “%s” into a guarantee customers can check, and repeat it in every message",
			"Transformer votre promesse « %s » en garantie vérifiable par vos clients, et la répéter dans chaque message"), v))
	}
	if services := ownerServices(a.in.Services, 2); len(services) == 2 {
		owner = append(owner, fmt.Sprintf(a.say(
			"Bundle %s and %s into one package with a single, clear price",
			"Regrouper %s et %s dans une offre unique à prix clair"), midSentence(services[0]), midSentence(services[1])))
	}
	pool := shuffled(a.rng, a.sector.Differentiators.In(a.lang))
	c := a.place.Country
	if a.place.CountryKnown {
		if names := languageNames(c.Languages, 2, a.lang); len(names) == 2 {
			pool = append(pool, fmt.Sprintf(a.say(
				"Serve customers and post in %s: speaking their language builds trust",
				"Accueillir vos clients et publier en %s : parler leur langue crée la confiance"), joinAnd(names, a.lang)))
		}
		switch {
		case c.InternetUse < 0.4 && c.MobileUse >= 0.8:
			pool = append(pool, a.say(
				"Make WhatsApp and calls your main order channels: most customers have a mobile phone but few browse the web",
				"Faire de WhatsApp et des appels vos principaux canaux de commande : la plupart des clients ont un mobile mais peu naviguent sur le web"))
		case c.InternetUse >= 0.7:
			pool = append(pool, fmt.Sprintf(a.say(
				"Stand out online with a fast website, real reviews and online booking: %s of people are online",
				"Se distinguer en ligne avec un site rapide, de vrais avis et la réservation en ligne : %s de la population est en ligne"),
				percentText(c.InternetUse, a.lang)))
		}
	}
	out := append(owner, pool...)
	out = focusFirst(out, a.hints.Focus, func(s string) string { return s })
	return out[:min(len(out), a.count(5))]
}

func (a *marketAnalyst) culture() CulturalInsights {
	c := a.place.Country
	n := a.count(3)
	prefs := shuffled(a.rng, c.Preferences.In(a.lang))
	prefs = prefs[:min(len(prefs), n)]
	if payments := c.PaymentMethods.In(a.lang); len(payments) > 0 {
		prefs = append(prefs, a.say("Common payment methods: ", "Moyens de paiement courants : ")+
			strings.Join(payments, ", "))
	}
	values := shuffled(a.rng, c.CulturalValues.In(a.lang))
	trust := shuffled(a.rng, c.TrustFactors.In(a.lang))
	focus := func(s string) string { return s }
	return CulturalInsights{
		KeyValues:        focusFirst(values, a.hints.Focus, focus)[:min(len(values), n)],
		LocalPreferences: focusFirst(prefs, a.hints.Focus, focus),
		TrustFactors:     focusFirst(trust, a.hints.Focus, focus)[:min(len(trust), n)],
	}
}

func (a *marketAnalyst) risks() []string {
	out := shuffled(a.rng, a.sector.Risks.In(a.lang))
	c := a.place.Country
	if a.place.CountryKnown {
		if c.Tier == LowIncome {
			out = append(out, a.say("Low purchasing power: demand drops quickly when prices rise",
				"Pouvoir d'achat faible : la demande baisse vite quand les prix montent"))
		}
		if c.InternetUse < 0.3 {
			out = append(out, fmt.Sprintf(a.say("Only %s of people are online: digital marketing alone will not reach most customers",
				"Seuls %s de la population sont en ligne : le marketing numérique seul ne touchera pas la plupart des clients"),
				percentText(c.InternetUse, a.lang)))
		}
	} else {
		out = append(out, a.say("Country not recognised: the figures use a generic market profile, so check them locally",
			"Pays non reconnu : les chiffres reposent sur un profil de marché générique, à vérifier sur place"))
	}
	if !a.sectorKnown {
		out = append(out, a.say("Sector not recognised: these risks are generic; name your sector for specific ones",
			"Secteur non reconnu : ces risques sont génériques ; précisez votre secteur pour des risques spécifiques"))
	}
	out = focusFirst(out, a.hints.Focus, func(s string) string { return s })
	return out[:min(len(out), a.count(5))]
}

func (a *marketAnalyst) successFactors() []string {
	out := shuffled(a.rng, a.sector.SuccessFactors.In(a.lang))
	if trust := a.place.Country.TrustFactors.In(a.lang); len(trust) > 0 {
		out = append(out, a.say("Earn trust the local way: ", "Gagner la confiance à la manière locale : ")+
			lowerFirstRune(trust[a.rng.IntN(len(trust))]))
	}
	out = focusFirst(out, a.hints.Focus, func(s string) string { return s })
	return out[:min(len(out), a.count(5))]
}

// --- shared helpers for the market and SEO agents ---

// shuffled returns a shuffled copy of items.
func shuffled[T any](rng *rand.Rand, items []T) []T {
	out := slices.Clone(items)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// focusFirst moves the items about the owner's focus topic ("delivery") to the front, keeping order
// otherwise.
func focusFirst[T any](items []T, focus string, text func(T) string) []T {
	stems := focusStems(focus)
	if len(stems) == 0 {
		return items
	}
	var hit, rest []T
	for _, it := range items {
		if matchesAnyStem(text(it), stems) {
			hit = append(hit, it)
		} else {
			rest = append(rest, it)
		}
	}
	return append(hit, rest...)
}

// focusTranslations lets a focus given in one language find items written in the other.
var focusTranslations = map[string][]string{
	"deliv": {"livra"}, "livra": {"deliv"},
	"price": {"prix", "prici"}, "prix": {"price", "prici"},
	"onlin": {"ligne", "digit", "numer", "web"}, "ligne": {"onlin", "digit", "web"},
	"digit": {"numer", "onlin"}, "numer": {"digit", "onlin"},
	"quali": {"quali"}, "custo": {"clien"}, "clien": {"custo"},
	"touri": {"touri"}, "payme": {"paiem", "mobil"}, "paiem": {"payme", "mobil"},
}

func focusStems(focus string) []string {
	var stems []string
	for w := range significantWords(focus) {
		stems = append(stems, w)
		stems = append(stems, focusTranslations[w]...)
	}
	slices.Sort(stems)
	return slices.Compact(stems)
}

func matchesAnyStem(text string, stems []string) bool {
	for _, w := range strings.Fields(wordsOnly(text)) {
		for _, s := range stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

// ownerServices are the owner's services as one-line phrases, at most n, each kept short.
func ownerServices(services []string, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range services {
		s = truncateAtWord(oneLine(s), 40)
		if s == "" || seen[wordsOnly(s)] {
			continue
		}
		seen[wordsOnly(s)] = true
		out = append(out, s)
		if len(out) == n {
			break
		}
	}
	return out
}

// languageNamesByCode names the languages of the country data.
var languageNamesByCode = map[string]Text{
	"aa": {"Afar", "afar"}, "af": {"Afrikaans", "afrikaans"}, "ak": {"Akan (Twi)", "akan (twi)"},
	"am": {"Amharic", "amharique"}, "ar": {"Arabic", "arabe"}, "bci": {"Baoulé", "baoulé"},
	"bem": {"Bemba", "bemba"}, "ber": {"Tamazight", "tamazight"}, "bm": {"Bambara", "bambara"},
	"bn": {"Bengali", "bengali"}, "ca": {"Catalan", "catalan"}, "cri": {"Forro", "forro"},
	"crs": {"Seychellois Creole", "créole seychellois"}, "de": {"German", "allemand"},
	"dje": {"Zarma", "zarma"}, "dyu": {"Dioula", "dioula"}, "ee": {"Ewe", "éwé"}, "en": {"English", "anglais"},
	"es": {"Spanish", "espagnol"}, "eu": {"Basque", "basque"}, "fan": {"Fang", "fang"}, "ff": {"Fula", "peul"},
	"fon": {"Fon", "fon"}, "fr": {"French", "français"}, "gaa": {"Ga", "ga"}, "gl": {"Galician", "galicien"},
	"ha": {"Hausa", "haoussa"}, "hi": {"Hindi", "hindi"}, "ht": {"Haitian Creole", "créole haïtien"},
	"ig": {"Igbo", "igbo"}, "it": {"Italian", "italien"}, "ja": {"Japanese", "japonais"},
	"kbp": {"Kabiyè", "kabiyè"}, "kea": {"Cape Verdean Creole", "créole capverdien"}, "kg": {"Kikongo", "kikongo"},
	"kmb": {"Kimbundu", "kimbundu"}, "kri": {"Krio", "krio"}, "lg": {"Luganda", "luganda"},
	"ln": {"Lingala", "lingala"}, "lua": {"Tshiluba", "tshiluba"}, "man": {"Malinké", "malinké"},
	"mfe": {"Mauritian Creole", "créole mauricien"}, "mg": {"Malagasy", "malgache"}, "mnk": {"Mandinka", "mandinka"},
	"mos": {"Mooré", "mooré"}, "mr": {"Marathi", "marathi"}, "nd": {"Ndebele", "ndébélé"}, "ng": {"Oshiwambo", "oshiwambo"},
	"nl": {"Dutch", "néerlandais"}, "ny": {"Chichewa", "chichewa"}, "om": {"Afaan Oromo", "afaan oromo"},
	"pcm": {"Pidgin", "pidgin"}, "pov": {"Kriol", "kriol"}, "pt": {"Portuguese", "portugais"},
	"rn": {"Kirundi", "kirundi"}, "rw": {"Kinyarwanda", "kinyarwanda"}, "sg": {"Sango", "sango"},
	"sn": {"Shona", "shona"}, "so": {"Somali", "somali"}, "ss": {"siSwati", "siswati"}, "st": {"Sesotho", "sesotho"},
	"sus": {"Soussou", "soussou"}, "sw": {"Swahili", "swahili"}, "ta": {"Tamil", "tamoul"}, "te": {"Telugu", "télougou"},
	"ti": {"Tigrinya", "tigrigna"}, "tn": {"Setswana", "setswana"}, "tr": {"Turkish", "turc"},
	"ts": {"Tsonga", "tsonga"}, "umb": {"Umbundu", "umbundu"}, "vmw": {"Makhuwa", "makhuwa"},
	"wes": {"Cameroonian Pidgin", "pidgin camerounais"}, "wo": {"Wolof", "wolof"}, "xh": {"Xhosa", "xhosa"},
	"yo": {"Yoruba", "yoruba"}, "zdj": {"Comorian", "comorien"}, "zh": {"Chinese", "chinois"}, "zu": {"Zulu", "zoulou"},
}

// languageNames names the first n languages of codes that have a name.
func languageNames(codes []string, n int, lang Language) []string {
	var out []string
	for _, code := range codes {
		if name, ok := languageNamesByCode[code]; ok && len(out) < n {
			out = append(out, name.In(lang))
		}
	}
	return out
}

// joinAnd joins items as "a, b and c" / "a, b et c".
func joinAnd(items []string, lang Language) string {
	return joinList(items, Text{EN: "and", FR: "et"}.In(lang))
}

// frenchOf is "de Lagos" or, before a vowel or a mute h, "d'Abidjan".
func frenchOf(name string) string {
	if first := []rune(fold(name)); len(first) > 0 && strings.ContainsRune("aeiouyh", first[0]) {
		return "d'" + name
	}
	return "de " + name
}

func capitalizeFirstRune(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// midSentence lower-cases the first letter of a phrase placed inside a sentence ("Custom cakes" →
// "custom cakes"), leaving acronyms and names written in capitals ("SEO audit", "DJ") alone.
func midSentence(s string) string {
	r := []rune(s)
	if len(r) > 1 && (unicode.IsUpper(r[1]) || !unicode.IsLetter(r[1])) {
		return s
	}
	return lowerFirstRune(s)
}

func lowerFirstRune(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// --- numbers and money ---

// niceRound rounds to a figure people quote: two significant digits below 3×10ⁿ, steps of 5×10ⁿ⁻¹
// above (465 → 450, 108,500 → 110,000, 0.3 → 0.3).
func niceRound(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	mag := math.Pow(10, math.Floor(math.Log10(x)))
	step := mag / 10
	if x >= 3*mag {
		step = mag / 2
	}
	r := math.Round(x/step) * step
	// Clean the binary noise of the division so 0.3 stays 0.3, not 0.30000000000000004.
	return math.Round(r*1e6) / 1e6
}

// groupDigits writes n with thousands separators: "15,400,000" / "15 400 000".
func groupDigits(n int64, lang Language) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	// French groups with a narrow no-break space, so a number never breaks across lines.
	sep := Text{EN: ",", FR: "\u202f"}.In(lang)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// amountText writes an amount in full: whole when it is whole, else with two decimals.
func amountText(x float64, lang Language) string {
	if x >= 1e15 || x == math.Trunc(x) {
		return groupDigits(int64(math.Round(x)), lang)
	}
	whole := math.Trunc(x)
	cents := int64(math.Round((x - whole) * 100))
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	return fmt.Sprintf("%s%s%02d", groupDigits(int64(whole), lang), Text{EN: ".", FR: ","}.In(lang), cents)
}

// decimalText writes a share as a decimal: "0.55" / "0,55".
func decimalText(x float64, lang Language) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang == French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percentText writes a share as a percentage with two significant digits for small shares:
// "55%", "0.4%", "0.05%" / "55 %", "0,4 %".
func percentText(share float64, lang Language) string {
	p := share * 100
	decimals := 0
	switch {
	case p == 0 || p >= 10:
	case p >= 1:
		decimals = 1
	default:
		decimals = max(1, -int(math.Floor(math.Log10(p)))+1)
	}
	s := strconv.FormatFloat(p, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if lang == French {
		return strings.Replace(s, ".", ",", 1) + " %"
	}
	return s + "%"
}

// scaledText writes large numbers with a word: "15.4 million", "1.7 billion" / "15,4 millions",
// "1 700 milliards". The bool is false when the number is small enough to write in full.
func scaledText(x float64, lang Language) (string, bool) {
	type scale struct {
		at             float64
		en, fr, frMany string
	}
	scales := []scale{{1e12, "trillion", "milliards", "milliards"}, {1e9, "billion", "milliard", "milliards"}, {1e6, "million", "million", "millions"}}
	for _, s := range scales {
		if x < s.at {
			continue
		}
		m := x / s.at
		if lang == French && s.at == 1e12 {
			m, s.fr = x/1e9, "milliards" // French says "1 700 milliards" rather than "1,7 billion"
		}
		var digits string
		switch {
		case m >= 100:
			digits = groupDigits(int64(math.Round(m)), lang)
		case m >= 10:
			digits = strings.TrimSuffix(strconv.FormatFloat(math.Round(m*10)/10, 'f', 1, 64), ".0")
		default:
			digits = strings.TrimRight(strings.TrimRight(strconv.FormatFloat(math.Round(m*100)/100, 'f', 2, 64), "0"), ".")
		}
		if lang == French {
			word := s.fr
			if m >= 2 {
				word = s.frMany
			}
			return strings.Replace(digits, ".", ",", 1) + " " + word, true
		}
		return digits + " " + s.en, true
	}
	return "", false
}

// countText is a number of things: "8.5 million potential customers", "14,000 potential customers" /
// "8,5 millions de clients potentiels", "14 000 clients potentiels".
func countText(n int64, lang Language, en, frAfterScale, fr string) string {
	if s, ok := scaledText(float64(n), lang); ok {
		return s + " " + Text{EN: en, FR: frAfterScale}.In(lang)
	}
	return groupDigits(n, lang) + " " + Text{EN: en, FR: fr}.In(lang)
}

// peopleText is "15.4 million people" / "15,4 millions d'habitants".
func peopleText(n int64, lang Language) string {
	return countText(n, lang, "people", "d'habitants", "habitants")
}

// suffixCurrencies are written after the amount in English too ("70,000 FCFA").
var suffixCurrencies = []string{"XOF", "XAF", "KMF", "GNF", "DJF", "BIF", "RWF", "CDF", "MGA", "MRU", "CVE", "STN"}

// moneyText writes an amount in the country's currency: "₦108,000", "KSh 1,200", "70,000 FCFA",
// "1.7 billion FCFA" / "108 000 ₦". scaled writes large amounts with a word.
func moneyText(x float64, c CountryProfile, lang Language, scaled bool) string {
	amount := amountText(x, lang)
	if scaled {
		if s, ok := scaledText(x, lang); ok {
			amount = s
		}
	}
	symbol := c.CurrencySymbol
	if symbol == "" {
		symbol = c.Currency
	}
	if lang == French || slices.Contains(suffixCurrencies, c.Currency) {
		return amount + "\u00a0" + symbol
	}
	last, _ := utf8.DecodeLastRuneInString(symbol)
	if unicode.IsLetter(last) {
		return symbol + " " + amount
	}
	return symbol + amount
}
