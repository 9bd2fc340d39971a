package agents

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func generateMarket(t testing.TB, b *Builtin, req Request) MarketResearchResult {
	t.Helper()
	req.Section = MarketResearch
	out, err := b.Generate(context.Background(), req)
	if err != nil {
		t.Fatalf("market %+v: %v", req.Input, err)
	}
	return out.(MarketResearchResult)
}

func TestMarketArithmeticIsConsistent(t *testing.T) {
	k := mustLoadKnowledge(t)
	b := NewBuiltin(k)
	tests := []struct {
		name           string
		in             Input
		wantPopulation int64
		wantCurrency   string
		wantConfidence string
	}{
		{"bakery in Lagos", Input{Sector: "Bakery", Location: Location{City: "Lagos", Country: "Nigeria"}, Language: English},
			15_400_000, "NGN", "medium-high"},
		{"salon in Dakar, in French", Input{Sector: "salon de coiffure", Location: Location{City: "Dakar", Country: "Sénégal"}, Language: French},
			4_000_000, "XOF", "moyenne à élevée"},
		{"city not among the major ones", Input{Sector: "pharmacy", Location: Location{City: "Ikorodu", Country: "Nigeria"}, Language: English},
			int64(math.Round(224e6 * 0.54)), "NGN", "medium"},
		{"unknown sector", Input{Sector: "quantum teleportation", Location: Location{City: "Nairobi", Country: "Kenya"}, Language: English},
			4_400_000, "KES", "low"},
		{"unknown sector and country", Input{Sector: "quantum teleportation", Location: Location{City: "Atlantis", Country: "Narnia"}, Language: English},
			int64(math.Round(10e6 * 0.55)), "USD", "very low"},
		{"country inferred from the city", Input{Sector: "hotel", Location: Location{City: "Marrakech"}, Language: French},
			1_000_000, "MAD", "moyenne à élevée"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := generateMarket(t, b, Request{Input: tt.in}).MarketSizeEstimation
			c := got.Calculation
			if c.Population != tt.wantPopulation || c.Currency != tt.wantCurrency || got.ConfidenceLevel != tt.wantConfidence {
				t.Errorf("population %d, currency %s, confidence %q; want %d, %s, %q",
					c.Population, c.Currency, got.ConfidenceLevel, tt.wantPopulation, tt.wantCurrency, tt.wantConfidence)
			}
			if want := int64(math.Round(float64(c.Population) * c.SegmentShare)); c.Customers != want {
				t.Errorf("customers %d, want population × share = %d", c.Customers, want)
			}
			if want := float64(c.Customers) * c.AnnualSpendPerBuyer; c.AnnualMarketValue != want {
				t.Errorf("annual value %v, want customers × spend = %v", c.AnnualMarketValue, want)
			}
			if c.AnnualSpendPerBuyer <= 0 || c.PopulationScope == "" {
				t.Errorf("spend %v, scope %q", c.AnnualSpendPerBuyer, c.PopulationScope)
			}
			lang := briefLanguage(tt.in.Language)
			for _, figure := range []string{groupDigits(c.Population, lang), groupDigits(c.Customers, lang), amountText(c.AnnualMarketValue, lang)} {
				if !strings.Contains(c.Formula, figure) {
					t.Errorf("formula %q does not show %s", c.Formula, figure)
				}
			}
			if !strings.Contains(got.Estimation, c.PopulationScope) {
				t.Errorf("estimation %q does not state its scope %q", got.Estimation, c.PopulationScope)
			}
		})
	}
}

// The spend is the segment's figure for the country's income tier, converted at the country's rate
// and rounded like a price.
func TestMarketSpendFollowsTheCountryTier(t *testing.T) {
	k := mustLoadKnowledge(t)
	b := NewBuiltin(k)
	bakery, _ := k.Sector("bakery")
	for _, country := range []string{"NE", "SN", "ZA", "FR"} {
		c, _ := k.Country(country)
		got := generateMarket(t, b, Request{Input: Input{Sector: "bakery", Location: Location{City: c.MajorCities[0].Name, Country: country}}})
		want := niceRound(bakery.Segments[0].AnnualSpendUSD[c.Tier] * c.USDRate)
		if spend := got.MarketSizeEstimation.Calculation.AnnualSpendPerBuyer; spend != want {
			t.Errorf("%s (%s, %v per USD): spend %v, want %v", country, c.Tier, c.USDRate, spend, want)
		}
	}
}

func TestMarketIsDeterministicPerVariation(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	inputs := []Input{
		{BusinessName: "Mama Bisi Bakery", Sector: "Bakery", Location: Location{City: "Lagos", Country: "Nigeria"},
			Services: []string{"Custom cakes", "Meat pies"}, Differentiation: "Cakes made with local fruit", Language: English},
		{BusinessName: "Salon Awa", Sector: "salon de coiffure", Location: Location{City: "Dakar", Country: "Sénégal"},
			Services: []string{"Tresses"}, Language: French},
		{BusinessName: "Zorg", Sector: "quantum teleportation", Location: Location{Country: "Narnia"}},
	}
	for _, in := range inputs {
		first := generateMarket(t, b, Request{Input: in})
		if diff := cmp.Diff(first, generateMarket(t, b, Request{Input: in})); diff != "" {
			t.Errorf("%s: same request, different result (-first +second):\n%s", in.BusinessName, diff)
		}
		for v := 1; v <= 3; v++ {
			other := generateMarket(t, b, Request{Input: in, Variation: v})
			if cmp.Equal(first, other) {
				t.Errorf("%s: variation %d gives the same result as variation 0", in.BusinessName, v)
			}
			// The estimate is arithmetic over public figures: it must not move with the variation.
			if diff := cmp.Diff(first.MarketSizeEstimation.Calculation, other.MarketSizeEstimation.Calculation); diff != "" {
				t.Errorf("%s: variation %d changed the arithmetic (-v0 +v%d):\n%s", in.BusinessName, v, v, diff)
			}
		}
	}
}

func TestMarketHonoursInstructions(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	restaurant := Input{BusinessName: "Chez Fatou", Sector: "restaurant", Location: Location{City: "Abidjan", Country: "Côte d'Ivoire"},
		Differentiation: "Home-style attiéké", Services: []string{"Lunch", "Catering"}}
	tests := []struct {
		name        string
		lang        Language
		instruction string
		wantFirst   string // the first opportunity must contain it
	}{
		{"focus in English", English, "focus on delivery", "delivery"},
		{"focus in French", French, "mettre l'accent sur la livraison", "ivraison"},
	}
	for _, tt := range tests {
		in := restaurant
		in.Language = tt.lang
		got := generateMarket(t, b, Request{Input: in, Instruction: tt.instruction})
		if len(got.MarketOpportunities) == 0 || !strings.Contains(got.MarketOpportunities[0].Opportunity, tt.wantFirst) {
			t.Errorf("%s: first opportunity %+v, want one about %q", tt.name, got.MarketOpportunities, tt.wantFirst)
		}
	}
	normal := generateMarket(t, b, Request{Input: restaurant})
	shorter := generateMarket(t, b, Request{Input: restaurant, Instruction: "shorter please"})
	lengths := func(r MarketResearchResult) []int {
		return []int{len(r.MainCompetitors), len(r.MarketOpportunities), len(r.DifferentiationSuggestion), len(r.RiskFactors), len(r.SuccessFactors)}
	}
	for i, n := range lengths(shorter) {
		if n >= lengths(normal)[i] {
			t.Errorf("shorter lists %v, normal %v: want every list shorter", lengths(shorter), lengths(normal))
			break
		}
	}
}

func TestMarketUsesTheOwnersWordsAndPlace(t *testing.T) {
	b := NewBuiltin(mustLoadKnowledge(t))
	got := generateMarket(t, b, Request{Input: Input{BusinessName: "Salon Awa", Sector: "coiffure",
		Location: Location{City: "Dakar", Country: "Sénégal"}, Differentiation: "Produits naturels",
		ValueProposition: "Des coiffures qui tiennent", Language: French}})
	if len(got.DifferentiationSuggestion) < 2 || !strings.Contains(got.DifferentiationSuggestion[0], "« Produits naturels »") ||
		!strings.Contains(got.DifferentiationSuggestion[1], "« Des coiffures qui tiennent »") {
		t.Errorf("differentiation does not start from the owner's words: %q", got.DifferentiationSuggestion)
	}
	for _, c := range got.MainCompetitors {
		if !strings.HasSuffix(c.Name, " à Dakar") || !strings.HasPrefix(c.MarketShare, "environ ") {
			t.Errorf("competitor %+v not named for Dakar in French", c)
		}
	}
	if !strings.Contains(got.PricingInsights.AveragePriceRange, "FCFA") {
		t.Errorf("price range %q not in FCFA", got.PricingInsights.AveragePriceRange)
	}
	payments := got.CulturalInsights.LocalPreferences[len(got.CulturalInsights.LocalPreferences)-1]
	if !strings.Contains(payments, "Wave") {
		t.Errorf("payment preferences %q miss Wave", payments)
	}
}

// Random and hostile inputs never break the section's shape.
func TestMarketShapeHoldsForRandomInputs(t *testing.T) {
	k := mustLoadKnowledge(t)
	b := NewBuiltin(k)
	r := rand.New(rand.NewPCG(3, 5))
	for i := range 200 {
		req := Request{Input: chaosInput(r, k), Variation: r.IntN(4), Instruction: []string{"", "shorter", "longer", "focus on price"}[r.IntN(4)]}
		got := generateMarket(t, b, req)
		est := got.MarketSizeEstimation
		if est.Estimation == "" || est.ConfidenceLevel == "" || est.GrowthPotential == "" || est.MarketMaturity == "" || est.MarketSegment == "" {
			t.Errorf("input %d: incomplete estimation %+v", i, est)
		}
		if n := len(got.MainCompetitors); n < 2 || n > 5 {
			t.Errorf("input %d: %d competitors, want 2..5", i, n)
		}
		if len(got.MarketOpportunities) < 2 || len(got.RiskFactors) < 2 || len(got.SuccessFactors) < 2 || len(got.DifferentiationSuggestion) < 2 {
			t.Errorf("input %d: lists too short: %+v", i, got)
		}
		if got.PricingInsights.AveragePriceRange == "" || got.PricingInsights.PricingModel == "" {
			t.Errorf("input %d: pricing %+v", i, got.PricingInsights)
		}
		for _, s := range got.DifferentiationSuggestion {
			if strings.ContainsAny(s, "\n\r\t") || len([]rune(s)) > 400 {
				t.Errorf("input %d: suggestion not one bounded line: %q", i, s)
			}
		}
	}
}

func TestNumberFormatting(t *testing.T) {
	tests := []struct {
		name string
		got  func(Language) string
		want Text // in English and in French
	}{
		{"percent", func(l Language) string { return percentText(0.55, l) }, Text{"55%", "55 %"}},
		{"small percent", func(l Language) string { return percentText(0.004, l) }, Text{"0.4%", "0,4 %"}},
		{"tiny percent", func(l Language) string { return percentText(0.0005, l) }, Text{"0.05%", "0,05 %"}},
		{"people", func(l Language) string { return peopleText(15_400_000, l) }, Text{"15.4 million people", "15,4 millions d'habitants"}},
		{"few people", func(l Language) string { return peopleText(850_000, l) }, Text{"850,000 people", "850\u202f000 habitants"}},
		{"naira", func(l Language) string {
			return moneyText(108_000, CountryProfile{Currency: "NGN", CurrencySymbol: "₦"}, l, false)
		}, Text{"₦108,000", "108\u202f000\u00a0₦"}},
		{"fcfa", func(l Language) string {
			return moneyText(1.7e9, CountryProfile{Currency: "XOF", CurrencySymbol: "FCFA"}, l, true)
		}, Text{"1.7 billion\u00a0FCFA", "1,7 milliard\u00a0FCFA"}},
		{"shilling", func(l Language) string {
			return moneyText(1200, CountryProfile{Currency: "KES", CurrencySymbol: "KSh"}, l, false)
		}, Text{"KSh 1,200", "1\u202f200\u00a0KSh"}},
		{"trillions", func(l Language) string {
			return moneyText(2.5e12, CountryProfile{Currency: "USD", CurrencySymbol: "$"}, l, true)
		}, Text{"$2.5 trillion", "2\u202f500 milliards\u00a0$"}},
		{"cents", func(l Language) string {
			return moneyText(0.3, CountryProfile{Currency: "USD", CurrencySymbol: "$"}, l, false)
		}, Text{"$0.30", "0,30\u00a0$"}},
	}
	for _, tt := range tests {
		got := Text{tt.got(English), tt.got(French)}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, r := range []struct{ in, want float64 }{{465, 450}, {180, 180}, {108_500, 110_000}, {0.3, 0.3}, {12.4, 12}, {0, 0}} {
		if got := niceRound(r.in); got != r.want {
			t.Errorf("niceRound(%v) = %v, want %v", r.in, got, r.want)
		}
	}
}
