package agents

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mustLoadKnowledge loads the embedded data the builtin agents read.
func mustLoadKnowledge(t testing.TB) *Knowledge {
	t.Helper()
	k, err := LoadKnowledge()
	if err != nil {
		t.Fatalf("LoadKnowledge: %v", err)
	}
	return k
}

// africanCountryCodes are the ISO 3166-1 codes of the 54 member states of the African Union
// recognised by the UN.
var africanCountryCodes = []string{
	"DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG", "CD", "CI", "DJ", "EG", "GQ", "ER",
	"SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR", "LY", "MG", "MW", "ML", "MR", "MU", "MA", "MZ",
	"NA", "NE", "NG", "RW", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "SD", "TZ", "TG", "TN", "UG", "ZM", "ZW",
}

var templateIDs = []string{"artisan-warm", "bold-urban", "clean-professional", "elegant-boutique",
	"fresh-market", "tech-modern", "community-hub", "vibrant-creative"}

func TestKnowledgeCoverage(t *testing.T) {
	k := mustLoadKnowledge(t)
	if len(africanCountryCodes) != 54 {
		t.Fatalf("the list of African countries has %d codes, want 54", len(africanCountryCodes))
	}
	var sectors, countries []string
	for _, s := range k.Sectors {
		sectors = append(sectors, s.ID)
	}
	for _, c := range k.Countries {
		countries = append(countries, c.Code)
	}
	if n := len(sectors) - 1; n < 30 || !slices.Contains(sectors, "generic") {
		t.Errorf("%d sectors besides generic (generic present: %v), want at least 30 plus generic", n, slices.Contains(sectors, "generic"))
	}
	if n := len(countries) - 1; n < 60 || !slices.Contains(countries, "XX") {
		t.Errorf("%d countries besides XX (XX present: %v), want at least 60 plus XX", n, slices.Contains(countries, "XX"))
	}
	var missing []string
	for _, code := range africanCountryCodes {
		if !slices.Contains(countries, code) {
			missing = append(missing, code)
		}
	}
	if len(missing) > 0 {
		t.Errorf("African countries missing: %v", missing)
	}
	for _, code := range []string{"US", "GB", "FR", "BE", "CA", "DE", "ES", "IT", "BR", "IN", "CN"} {
		if !slices.Contains(countries, code) {
			t.Errorf("major country %s missing", code)
		}
	}
}

// sectorTexts lists every bilingual phrase of a sector profile with where it sits.
func sectorTexts(s SectorProfile) map[string]Text {
	out := map[string]Text{"name": s.Name, "price_sensitivity": s.PriceSensitivity, "color_mood": s.ColorMood}
	addAll := func(field string, ts Texts) {
		for i, x := range ts {
			out[field+"["+strconv.Itoa(i)+"]"] = x
		}
	}
	addAll("pricing_models", s.PricingModels)
	addAll("risks", s.Risks)
	addAll("success_factors", s.SuccessFactors)
	addAll("values", s.Values)
	addAll("differentiators", s.Differentiators)
	for i, seg := range s.Segments {
		out["segments["+strconv.Itoa(i)+"].name"] = seg.Name
	}
	for i, c := range s.CompetitorArchetypes {
		out["competitors["+strconv.Itoa(i)+"].name"] = c.Name
		addAll("competitors["+strconv.Itoa(i)+"].strengths", c.Strengths)
		addAll("competitors["+strconv.Itoa(i)+"].weaknesses", c.Weaknesses)
	}
	for i, o := range s.Opportunities {
		out["opportunities["+strconv.Itoa(i)+"]"] = o.Opportunity
	}
	for tier, band := range s.PriceRanges {
		out["price_ranges."+string(tier)+".unit"] = band.Unit
	}
	return out
}

func TestSectorProfilesAreComplete(t *testing.T) {
	k := mustLoadKnowledge(t)
	tiers := []IncomeTier{LowIncome, LowerMiddleIncome, UpperMiddleIncome, HighIncome}
	levels := []string{"low", "medium", "high"}
	schemaType := regexp.MustCompile(`^[A-Z][A-Za-z]+$`)
	seen := map[string]bool{}
	for _, s := range k.Sectors {
		t.Run(s.ID, func(t *testing.T) {
			if seen[s.ID] {
				t.Errorf("duplicate sector id")
			}
			seen[s.ID] = true
			for where, x := range sectorTexts(s) {
				if strings.TrimSpace(x.EN) == "" || strings.TrimSpace(x.FR) == "" {
					t.Errorf("%s: want both languages, got %+v", where, x)
				}
			}
			if s.ID != "generic" && len(s.Aliases) < 3 {
				t.Errorf("%d aliases, want at least 3 in both languages", len(s.Aliases))
			}
			if len(s.Vocabulary.EN) < 6 || len(s.Vocabulary.FR) < 6 {
				t.Errorf("vocabulary has %d English and %d French words, want at least 6 each", len(s.Vocabulary.EN), len(s.Vocabulary.FR))
			}
			if len(s.Segments) == 0 {
				t.Errorf("no customer segment")
			}
			for _, seg := range s.Segments {
				if seg.Share <= 0 || seg.Share > 1 {
					t.Errorf("segment %q share %v outside (0, 1]", seg.Name.EN, seg.Share)
				}
				prev := 0.0
				for _, tier := range tiers {
					v := seg.AnnualSpendUSD[tier]
					if v <= 0 || v < prev {
						t.Errorf("segment %q spend for %s is %v; want positive and not below the poorer tier (%v)", seg.Name.EN, tier, v, prev)
					}
					prev = v
				}
			}
			if n := len(s.CompetitorArchetypes); n < 3 || n > 5 {
				t.Errorf("%d competitor archetypes, want 3 to 5", n)
			}
			total := 0.0
			for _, c := range s.CompetitorArchetypes {
				total += c.MarketShare
				if c.MarketShare <= 0 || c.MarketShare > 1 || len(c.Strengths) == 0 || len(c.Weaknesses) == 0 {
					t.Errorf("competitor %q: share %v, %d strengths, %d weaknesses", c.Name.EN, c.MarketShare, len(c.Strengths), len(c.Weaknesses))
				}
			}
			if total > 1.0001 {
				t.Errorf("competitor shares add up to %v, more than the whole market", total)
			}
			for _, tier := range tiers {
				band, ok := s.PriceRanges[tier]
				if !ok || band.Low <= 0 || band.High <= band.Low {
					t.Errorf("price range for %s: %+v; want 0 < low < high", tier, band)
				}
			}
			if len(s.PricingModels) == 0 || len(s.Risks) < 3 || len(s.SuccessFactors) < 3 || len(s.Values) < 3 || len(s.Differentiators) < 3 {
				t.Errorf("lists too short: %d pricing models, %d risks, %d success factors, %d values, %d differentiators",
					len(s.PricingModels), len(s.Risks), len(s.SuccessFactors), len(s.Values), len(s.Differentiators))
			}
			if len(s.Opportunities) < 3 {
				t.Errorf("%d opportunities, want at least 3", len(s.Opportunities))
			}
			for _, o := range s.Opportunities {
				if !slices.Contains(levels, o.Impact) || !slices.Contains(levels, o.Difficulty) || o.Months <= 0 {
					t.Errorf("opportunity %q: impact %q, difficulty %q, months %d", o.Opportunity.EN, o.Impact, o.Difficulty, o.Months)
				}
			}
			if !slices.Contains([]string{"low", "moderate", "high"}, s.Growth) || !slices.Contains([]string{"emerging", "growing", "mature"}, s.Maturity) {
				t.Errorf("growth %q, maturity %q", s.Growth, s.Maturity)
			}
			if n := len(s.Colors); n < 3 || n > 5 {
				t.Errorf("%d colours, want 3 to 5", n)
			}
			for _, c := range s.Colors {
				if _, err := ParseHex(c); err != nil {
					t.Errorf("colour: %v", err)
				}
			}
			var keys []string
			for id, v := range s.TemplateAffinity {
				keys = append(keys, id)
				if v < 0 || v > 1 {
					t.Errorf("affinity %s = %v outside [0, 1]", id, v)
				}
			}
			if diff := cmp.Diff(slices.Sorted(slices.Values(templateIDs)), slices.Sorted(slices.Values(keys))); diff != "" {
				t.Errorf("template affinity keys (-want +got):\n%s", diff)
			}
			if !schemaType.MatchString(s.SchemaType) {
				t.Errorf("schema type %q", s.SchemaType)
			}
		})
	}
}

// Every alias must lead to its own sector: an alias that an earlier sector captures is dead data.
func TestEverySectorAliasFindsItsSector(t *testing.T) {
	k := mustLoadKnowledge(t)
	for _, s := range k.Sectors {
		for _, alias := range s.Aliases {
			if got, ok := k.Sector(alias); !ok || got.ID != s.ID {
				t.Errorf("Sector(%q) = %s, %v; want %s", alias, got.ID, ok, s.ID)
			}
		}
	}
}

func TestCountryProfilesAreComplete(t *testing.T) {
	k := mustLoadKnowledge(t)
	code := regexp.MustCompile(`^[A-Z]{2}$`)
	currency := regexp.MustCompile(`^[A-Z]{3}$`)
	tiers := []IncomeTier{LowIncome, LowerMiddleIncome, UpperMiddleIncome, HighIncome}
	names := map[string]string{}
	for _, c := range k.Countries {
		t.Run(c.Code, func(t *testing.T) {
			if !code.MatchString(c.Code) || !currency.MatchString(c.Currency) {
				t.Errorf("code %q, currency %q", c.Code, c.Currency)
			}
			for _, name := range append([]string{c.Code, c.Name.EN, c.Name.FR}, c.Aliases...) {
				if other, ok := names[fold(name)]; ok && other != c.Code {
					t.Errorf("name %q also names %s", name, other)
				}
				names[fold(name)] = c.Code
			}
			texts := map[string]Text{"name": c.Name, "name_in": c.NameIn}
			for field, ts := range map[string]Texts{"cultural_values": c.CulturalValues, "trust_factors": c.TrustFactors,
				"preferences": c.Preferences, "payment_methods": c.PaymentMethods} {
				if len(ts) < 2 {
					t.Errorf("%s has %d entries, want at least 2", field, len(ts))
				}
				for i, x := range ts {
					texts[field+"["+strconv.Itoa(i)+"]"] = x
				}
			}
			for where, x := range texts {
				if strings.TrimSpace(x.EN) == "" || strings.TrimSpace(x.FR) == "" {
					t.Errorf("%s: want both languages, got %+v", where, x)
				}
			}
			if (c.Currency == "XOF" || c.Currency == "XAF") && c.CurrencySymbol != "FCFA" {
				t.Errorf("%s shown as %q, want FCFA", c.Currency, c.CurrencySymbol)
			}
			if c.USDRate <= 0 || c.Population <= 0 || c.GDPPerCapitaUSD <= 0 || len(c.Languages) == 0 || c.Region == "" {
				t.Errorf("rate %v, population %d, GDP %v, languages %v, region %q", c.USDRate, c.Population, c.GDPPerCapitaUSD, c.Languages, c.Region)
			}
			if c.UrbanShare <= 0 || c.UrbanShare > 1 || c.InternetUse < 0 || c.InternetUse > 1 || c.MobileUse <= 0 || c.MobileUse > 3 {
				t.Errorf("urban %v, internet %v, mobile %v", c.UrbanShare, c.InternetUse, c.MobileUse)
			}
			if !slices.Contains(tiers, c.Tier) {
				t.Errorf("tier %q", c.Tier)
			}
			// The tier is the World Bank's (by GNI), so only gross mismatches with GDP are errors.
			if (c.Tier == HighIncome && c.GDPPerCapitaUSD < 10000) || (c.Tier == LowIncome && c.GDPPerCapitaUSD > 2000) {
				t.Errorf("tier %s does not fit a GDP per person of %v", c.Tier, c.GDPPerCapitaUSD)
			}
			if c.Code != "XX" && len(c.MajorCities) == 0 {
				t.Errorf("no major city")
			}
			for _, city := range c.MajorCities {
				if city.Name == "" || city.Population <= 0 || city.Population >= c.Population {
					t.Errorf("city %+v in a country of %d people", city, c.Population)
				}
			}
			for alias, target := range c.CityAliases {
				if !slices.ContainsFunc(c.MajorCities, func(city City) bool { return city.Name == target }) {
					t.Errorf("city alias %q points to %q, which is not a major city", alias, target)
				}
			}
		})
	}
}

func TestSectorMatching(t *testing.T) {
	k := mustLoadKnowledge(t)
	tests := []struct {
		text      string
		wantID    string
		wantKnown bool
	}{
		{"Bakery", "bakery", true},
		{"boulangerie", "bakery", true},
		{"Pâtisserie fine", "bakery", true},
		{"PATISSERIE", "bakery", true},
		{"Boulangerie-Pâtisserie", "bakery", true},
		{"Salon de coiffure", "hair_salon", true},
		{"Barbershop & braids", "hair_salon", true},
		{"Institut de beauté", "beauty_spa", true},
		{"Onglerie", "beauty_spa", true},
		{"Maquis", "restaurant", true},
		{"Fast food restaurant", "restaurant", true},
		{"Traiteur", "catering", true},
		{"Café", "coffee_shop", true},
		{"Épicerie fine", "grocery", true},
		{"Couturière", "fashion", true},
		{"Pharmacie de garde", "pharmacy", true},
		{"Cabinet dentaire", "dental", true},
		{"Clinique médicale", "health_clinic", true},
		{"Expert-comptable", "accounting", true},
		{"Cabinet d'avocats", "legal", true},
		{"Agence immobilière", "real_estate", true},
		{"Soutien scolaire", "education", true},
		{"Garage automobile", "auto_repair", true},
		{"BTP", "construction", true},
		{"Réparation de téléphones", "electronics_repair", true},
		{"Développement web", "it_services", true},
		{"Imprimerie", "printing", true},
		{"Photocopie et reprographie", "printing", true},
		{"Photographe de mariage", "photography", true},
		{"Événementiel", "events", true},
		{"Maison d'hôtes", "hotel", true},
		{"Agence de voyages", "travel", true},
		{"Pressing", "cleaning", true},
		{"Livraison à moto", "logistics", true},
		{"Mobile money agent", "mobile_money", true},
		{"Élevage de poulets", "agriculture", true},
		{"Artisanat", "crafts", true},
		{"Menuiserie", "furniture", true},
		{"Bijouterie", "jewelry", true},
		{"quantum teleportation", "generic", false},
		{"", "generic", false},
	}
	for _, tt := range tests {
		got, known := k.Sector(tt.text)
		if got.ID != tt.wantID || known != tt.wantKnown {
			t.Errorf("Sector(%q) = %s, %v; want %s, %v", tt.text, got.ID, known, tt.wantID, tt.wantKnown)
		}
	}
}

func TestCountryMatching(t *testing.T) {
	k := mustLoadKnowledge(t)
	tests := []struct {
		text      string
		wantCode  string
		wantKnown bool
	}{
		{"Senegal", "SN", true},
		{"Sénégal", "SN", true},
		{"sn", "SN", true},
		{"Côte d'Ivoire", "CI", true},
		{"Cote d'Ivoire", "CI", true},
		{"Ivory Coast", "CI", true},
		{"CÔTE D'IVOIRE", "CI", true},
		{"RDC", "CD", true},
		{"Congo", "CG", true},
		{"États-Unis", "US", true},
		{"USA", "US", true},
		{"Royaume-Uni", "GB", true},
		{"Maroc", "MA", true},
		{"Afrique du Sud", "ZA", true},
		{"Swaziland", "SZ", true},
		{"Cap-Vert", "CV", true},
		{"Égypte", "EG", true},
		{"  Nigeria ", "NG", true},
		{"Niger", "NE", true},
		{"Narnia", "XX", false},
		{"", "XX", false},
	}
	for _, tt := range tests {
		got, known := k.Country(tt.text)
		if got.Code != tt.wantCode || known != tt.wantKnown {
			t.Errorf("Country(%q) = %s, %v; want %s, %v", tt.text, got.Code, known, tt.wantCode, tt.wantKnown)
		}
	}
}

func TestResolvePlace(t *testing.T) {
	k := mustLoadKnowledge(t)
	type place struct {
		Country                           string
		CountryKnown, FromCity, CityKnown bool
		City                              string
	}
	tests := []struct {
		loc  Location
		want place
	}{
		{Location{City: "Le Caire", Country: "Égypte"}, place{"EG", true, false, true, "Cairo"}},
		{Location{City: "Plateau, Dakar", Country: "Senegal"}, place{"SN", true, false, true, "Dakar"}},
		{Location{City: "thies", Country: "SN"}, place{"SN", true, false, true, "Thiès"}},
		{Location{City: "Port Harcourt", Country: "Nigeria"}, place{"NG", true, false, true, "Port Harcourt"}},
		{Location{City: "Kaolack", Country: "Sénégal"}, place{"SN", true, false, false, "Kaolack"}},
		{Location{City: "Dakar"}, place{"SN", true, true, true, "Dakar"}},
		{Location{City: "Bruxelles", Country: "Narnia"}, place{"BE", true, true, true, "Brussels"}},
		{Location{City: "Atlantis", Country: "Narnia"}, place{"XX", false, false, false, "Atlantis"}},
		{Location{}, place{"XX", false, false, false, ""}},
	}
	for _, tt := range tests {
		p := resolvePlace(k, tt.loc)
		got := place{p.Country.Code, p.CountryKnown, p.CountryFromCity, p.CityKnown, p.CityLabel}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("resolvePlace(%+v) (-want +got):\n%s", tt.loc, diff)
		}
	}
}
