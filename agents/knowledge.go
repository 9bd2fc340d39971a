package agents

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.json
var dataFS embed.FS

// Text is a phrase in both content languages.
type Text struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

// In returns the phrase in lang, English when lang is unknown.
func (t Text) In(lang Language) string {
	if lang == French && t.FR != "" {
		return t.FR
	}
	return t.EN
}

// Texts is a list of phrases in both languages.
type Texts []Text

// In returns every phrase in lang.
func (ts Texts) In(lang Language) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(lang)
	}
	return out
}

// IncomeTier groups countries by GDP per capita; prices and spend depend on it.
type IncomeTier string

const (
	LowIncome         IncomeTier = "low"
	LowerMiddleIncome IncomeTier = "lower_middle"
	UpperMiddleIncome IncomeTier = "upper_middle"
	HighIncome        IncomeTier = "high"
)

// SectorProfile is what Genesis knows of one line of business.
type SectorProfile struct {
	ID      string   `json:"id"`
	Name    Text     `json:"name"`
	Aliases []string `json:"aliases"` // lower-case words in either language that name the sector
	// Vocabulary is the words customers search with, most specific first.
	Vocabulary struct {
		EN []string `json:"en"`
		FR []string `json:"fr"`
	} `json:"vocabulary"`
	Segments             []CustomerSegment        `json:"segments"`
	CompetitorArchetypes []CompetitorArchetype    `json:"competitor_archetypes"`
	PricingModels        Texts                    `json:"pricing_models"`
	PriceRanges          map[IncomeTier]PriceBand `json:"price_ranges"` // in USD, converted per country
	PriceSensitivity     Text                     `json:"price_sensitivity"`
	Risks                Texts                    `json:"risks"`
	SuccessFactors       Texts                    `json:"success_factors"`
	Opportunities        []OpportunityIdea        `json:"opportunities"`
	Values               Texts                    `json:"values"`
	Growth               string                   `json:"growth"`   // low | moderate | high
	Maturity             string                   `json:"maturity"` // emerging | growing | mature
	// Colors are hex colours whose associations suit the sector, strongest first.
	Colors           []string           `json:"colors"`
	ColorMood        Text               `json:"color_mood"`
	TemplateAffinity map[string]float64 `json:"template_affinity"` // template id → 0..1
	SchemaType       string             `json:"schema_type"`       // schema.org LocalBusiness subtype
	// Differentiators are concrete ways a business of the sector can stand apart, in both languages.
	Differentiators Texts `json:"differentiators"`
}

// CustomerSegment is a share of the population that buys from the sector.
type CustomerSegment struct {
	Name  Text    `json:"name"`
	Share float64 `json:"share"` // of the population in scope, 0..1
	// AnnualSpendUSD is what one customer spends in the sector per year, by income tier.
	AnnualSpendUSD map[IncomeTier]float64 `json:"annual_spend_usd"`
}

// CompetitorArchetype is a kind of competitor every market of the sector has.
type CompetitorArchetype struct {
	Name        Text    `json:"name"`
	Strengths   Texts   `json:"strengths"`
	Weaknesses  Texts   `json:"weaknesses"`
	MarketShare float64 `json:"market_share"` // typical share, 0..1
}

// PriceBand is a typical price range for one purchase.
type PriceBand struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	Unit Text    `json:"unit"` // "per cake", "per visit"
}

// OpportunityIdea is a growth move that suits the sector.
type OpportunityIdea struct {
	Opportunity Text   `json:"opportunity"`
	Impact      string `json:"impact"`     // low | medium | high
	Difficulty  string `json:"difficulty"` // low | medium | high
	Months      int    `json:"months"`     // time to see results
	// NeedsDigital marks ideas that depend on internet use; they score with the country's internet
	// and mobile penetration.
	NeedsDigital bool `json:"needs_digital"`
}

// CountryProfile is what Genesis knows of one country. Figures are public statistics, rounded.
type CountryProfile struct {
	Code            string     `json:"code"` // ISO 3166-1 alpha-2
	Name            Text       `json:"name"`
	Aliases         []string   `json:"aliases"`
	Region          string     `json:"region"`
	Currency        string     `json:"currency"` // ISO 4217
	CurrencySymbol  string     `json:"currency_symbol"`
	USDRate         float64    `json:"usd_rate"` // units of local currency per US dollar
	Languages       []string   `json:"languages"`
	Population      int64      `json:"population"`
	UrbanShare      float64    `json:"urban_share"`
	GDPPerCapitaUSD float64    `json:"gdp_per_capita_usd"`
	InternetUse     float64    `json:"internet_use"` // share of people online, 0..1
	MobileUse       float64    `json:"mobile_use"`   // mobile subscriptions per person
	Tier            IncomeTier `json:"tier"`
	CulturalValues  Texts      `json:"cultural_values"`
	TrustFactors    Texts      `json:"trust_factors"`
	Preferences     Texts      `json:"preferences"`
	PaymentMethods  Texts      `json:"payment_methods"`
	// MajorCities are the largest cities with their population; a brief's city is looked up here.
	MajorCities []City `json:"major_cities"`
	// NameIn is the country after "in" in each language ("in the Gambia", "au Sénégal"); French
	// chooses au/en/aux/à by the name, which no rule covers.
	NameIn Text `json:"name_in"`
	// CityAliases maps other spellings of a major city to its name in MajorCities
	// ("Le Caire" → "Cairo", "Bombay" → "Mumbai").
	CityAliases map[string]string `json:"city_aliases"`
}

// City is a place with a known population.
type City struct {
	Name       string `json:"name"`
	Population int64  `json:"population"`
}

// TemplateProfile is one website template of the catalogue; each is a real site theme.
type TemplateProfile struct {
	ID          string   `json:"id"`
	Name        Text     `json:"name"`
	Description Text     `json:"description"`
	Style       string   `json:"style"` // e.g. warm, bold, minimal, elegant, playful, corporate
	Tones       []string `json:"tones"` // tones it suits
	Strengths   Texts    `json:"strengths"`
	Fonts       struct {
		Heading string `json:"heading"`
		Body    string `json:"body"`
	} `json:"fonts"`
	SectionOrder    []string `json:"section_order"`
	MobileFirst     bool     `json:"mobile_first"`
	ImageHeavy      bool     `json:"image_heavy"`
	LowBandwidth    bool     `json:"low_bandwidth"` // light pages for slow mobile networks
	SupportsBooking bool     `json:"supports_booking"`
	SupportsCatalog bool     `json:"supports_catalog"`
}

// Knowledge is the embedded data every builtin agent reads. It is loaded once and never changed.
type Knowledge struct {
	Sectors   []SectorProfile
	Countries []CountryProfile
	Templates []TemplateProfile
	Phrases   PhraseBank

	// idx holds the folded names and aliases, computed once by LoadKnowledge so matching free text
	// costs one fold of the text.
	idx *knowledgeIndex
}

type knowledgeIndex struct {
	sectorNames                   map[string]int // folded id or name → index in Sectors
	sectorAlias                   []foldedAlias
	countryNames                  map[string]int // folded code, name or alias → index in Countries
	genericSector, genericCountry int
}

type foldedAlias struct {
	alias  string
	sector int
}

// LoadKnowledge parses the embedded data files.
func LoadKnowledge() (*Knowledge, error) {
	var k Knowledge
	for _, f := range []struct {
		name string
		into any
	}{
		{"data/sectors.json", &k.Sectors},
		{"data/countries.json", &k.Countries},
		{"data/templates.json", &k.Templates},
		{"data/phrases.json", &k.Phrases},
	} {
		raw, err := dataFS.ReadFile(f.name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.name, err)
		}
		if err := json.Unmarshal(raw, f.into); err != nil {
			return nil, fmt.Errorf("parse %s: %w", f.name, err)
		}
	}
	// A phrase bank missing wording the agents read would give empty copy: refuse it here, once.
	for _, slots := range []phraseSlots{contentSlots(), templateSlots()} {
		if err := k.Phrases.require(slots); err != nil {
			return nil, fmt.Errorf("check data/phrases.json: %w", err)
		}
	}
	k.idx = k.buildIndex()
	return &k, nil
}

// index returns the folded names, building them for a Knowledge assembled by hand (tests).
func (k *Knowledge) index() *knowledgeIndex {
	if k.idx != nil {
		return k.idx
	}
	return k.buildIndex()
}

// buildIndex folds every name and alias once.
func (k *Knowledge) buildIndex() *knowledgeIndex {
	idx := &knowledgeIndex{sectorNames: map[string]int{}, countryNames: map[string]int{}}
	for i, s := range k.Sectors {
		if s.ID == "generic" {
			idx.genericSector = i
			continue
		}
		for _, n := range []string{s.ID, s.Name.EN, s.Name.FR} {
			if _, taken := idx.sectorNames[fold(n)]; !taken {
				idx.sectorNames[fold(n)] = i
			}
		}
		for _, a := range s.Aliases {
			idx.sectorAlias = append(idx.sectorAlias, foldedAlias{alias: fold(a), sector: i})
		}
	}
	for i, c := range k.Countries {
		if c.Code == "XX" {
			idx.genericCountry = i
			continue
		}
		for _, n := range append([]string{c.Code, c.Name.EN, c.Name.FR}, c.Aliases...) {
			if _, taken := idx.countryNames[fold(n)]; !taken {
				idx.countryNames[fold(n)] = i
			}
		}
	}
	return idx
}

// Sector finds the profile that best matches free text ("boulangerie", "Bakery & Pastry"). The bool
// is false when nothing matched and the generic profile is returned; callers lower their confidence.
func (k *Knowledge) Sector(text string) (SectorProfile, bool) {
	if len(k.Sectors) == 0 {
		return SectorProfile{}, false
	}
	idx := k.index()
	key := fold(text)
	if i, ok := idx.sectorNames[key]; ok {
		return k.Sectors[i], true
	}
	words := strings.FieldsFunc(key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, a := range idx.sectorAlias {
		for _, w := range words {
			if w == a.alias || (len(a.alias) > 4 && strings.HasPrefix(w, a.alias)) {
				return k.Sectors[a.sector], true
			}
		}
		if strings.Contains(a.alias, " ") && strings.Contains(key, a.alias) {
			return k.Sectors[a.sector], true
		}
	}
	return k.Sectors[idx.genericSector], false
}

// Country finds a country by code or name in either language. The bool is false when nothing
// matched and a generic profile is returned.
func (k *Knowledge) Country(text string) (CountryProfile, bool) {
	if len(k.Countries) == 0 {
		return CountryProfile{}, false
	}
	idx := k.index()
	if i, ok := idx.countryNames[fold(text)]; ok {
		return k.Countries[i], true
	}
	return k.Countries[idx.genericCountry], false
}

// Template returns the catalogue entry with id.
func (k *Knowledge) Template(id string) (TemplateProfile, bool) {
	for _, t := range k.Templates {
		if t.ID == id {
			return t, true
		}
	}
	return TemplateProfile{}, false
}

// fold lower-cases and strips accents so "Sénégal", "senegal" and "SENEGAL" compare equal.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(strings.TrimSpace(s))
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(strings.TrimSpace(out))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
