// Package agents holds the business brief domain: the owner's input, the five sections the agents
// write, the providers that produce them and the orchestrator that runs them.
package agents

import "time"

// Section names one agent's part of a brief. The names are the older service's, kept so API clients
// recognise them.
type Section string

const (
	MarketResearch    Section = "market_research"
	ContentGeneration Section = "content_generation"
	LogoCreation      Section = "logo_creation"
	SEOOptimization   Section = "seo_optimization"
	TemplateSelection Section = "template_selection"
)

// Sections lists every section in the order a brief presents them.
func Sections() []Section {
	return []Section{MarketResearch, ContentGeneration, LogoCreation, SEOOptimization, TemplateSelection}
}

// ParseSection returns the section called name, or false when no agent writes it.
func ParseSection(name string) (Section, bool) {
	for _, s := range Sections() {
		if string(s) == name {
			return s, true
		}
	}
	return "", false
}

// Language is a content language of a brief.
type Language string

const (
	English Language = "en"
	French  Language = "fr"
)

// briefLanguage is the language a section is written in: French when asked, English otherwise.
func briefLanguage(l Language) Language {
	if l == French {
		return French
	}
	return English
}

// Location is where the business operates.
type Location struct {
	City    string `json:"city"`
	Country string `json:"country"`
	Region  string `json:"region,omitempty"`
}

// Input is what the owner tells Genesis about the business, once.
type Input struct {
	BusinessName     string   `json:"business_name"`
	Sector           string   `json:"sector"`
	Location         Location `json:"location"`
	Vision           string   `json:"vision"`
	Mission          string   `json:"mission"`
	TargetAudience   string   `json:"target_audience"`
	Differentiation  string   `json:"differentiation"`
	ValueProposition string   `json:"value_proposition"`
	Services         []string `json:"services"`
	Language         Language `json:"language"`
	Tone             string   `json:"tone"`
}

// Status is where a section is in its life.
type Status string

const (
	StatusQueued  Status = "queued"
	StatusRunning Status = "running"
	StatusDone    Status = "done"
	StatusFailed  Status = "failed"
)

// InProgress says the section is waiting for or undergoing a generation.
func (s Status) InProgress() bool { return s == StatusQueued || s == StatusRunning }

// SectionState describes the latest generation of one section.
type SectionState struct {
	Status         Status    `json:"status"`
	Version        int64     `json:"version"`
	GeneratedAt    time.Time `json:"generated_at,omitzero"`
	Provider       string    `json:"provider,omitempty"`
	Fallback       bool      `json:"fallback"`
	FallbackReason string    `json:"fallback_reason,omitempty"`
	Error          string    `json:"error,omitempty"`
	// Since is when the status last changed: a running section shows how long it has been running.
	Since time.Time `json:"-"`
}

// --- market_research ---

type MarketResearchResult struct {
	MarketSizeEstimation      MarketSizeEstimation `json:"market_size_estimation"`
	MainCompetitors           []Competitor         `json:"main_competitors"`
	MarketOpportunities       []Opportunity        `json:"market_opportunities"`
	PricingInsights           PricingInsights      `json:"pricing_insights"`
	DifferentiationSuggestion []string             `json:"differentiation_suggestions"`
	CulturalInsights          CulturalInsights     `json:"cultural_insights"`
	RiskFactors               []string             `json:"risk_factors"`
	SuccessFactors            []string             `json:"success_factors"`
}

// MarketSizeEstimation shows its arithmetic: the estimate is population × segment share × spend,
// and every factor is kept so a reader can check it.
type MarketSizeEstimation struct {
	Estimation      string           `json:"estimation"`
	ConfidenceLevel string           `json:"confidence_level"`
	GrowthPotential string           `json:"growth_potential"`
	MarketMaturity  string           `json:"market_maturity"`
	MarketSegment   string           `json:"market_segment"`
	Calculation     MarketArithmetic `json:"calculation"`
}

type MarketArithmetic struct {
	Population          int64   `json:"population"`
	PopulationScope     string  `json:"population_scope"`
	SegmentShare        float64 `json:"segment_share"`
	Customers           int64   `json:"customers"`
	AnnualSpendPerBuyer float64 `json:"annual_spend_per_customer"`
	Currency            string  `json:"currency"`
	AnnualMarketValue   float64 `json:"annual_market_value"`
	Formula             string  `json:"formula"`
}

type Competitor struct {
	Name        string   `json:"name"`
	Strengths   []string `json:"strengths"`
	Weaknesses  []string `json:"weaknesses"`
	MarketShare string   `json:"market_share"`
}

type Opportunity struct {
	Opportunity     string `json:"opportunity"`
	PotentialImpact string `json:"potential_impact"`
	Difficulty      string `json:"difficulty"`
	Timeframe       string `json:"timeframe"`
}

type PricingInsights struct {
	AveragePriceRange string `json:"average_price_range"`
	PricingModel      string `json:"pricing_model"`
	PriceSensitivity  string `json:"price_sensitivity"`
}

type CulturalInsights struct {
	KeyValues        []string `json:"key_values"`
	LocalPreferences []string `json:"local_preferences"`
	TrustFactors     []string `json:"trust_factors"`
}

// --- content_generation ---

type ContentGenerationResult struct {
	Homepage           Homepage        `json:"homepage"`
	About              About           `json:"about"`
	Services           ServicesPage    `json:"services"`
	Contact            Contact         `json:"contact"`
	LanguagesGenerated []Language      `json:"languages_generated"`
	ContentStrategy    ContentStrategy `json:"content_strategy"`
}

type Homepage struct {
	Hero             Hero              `json:"hero"`
	ValueProposition HomepageValueProp `json:"value_proposition"`
	ServicesTeaser   string            `json:"services_teaser"`
}

// Hero limits: title ≤ 60 characters, subtitle ≤ 120 (counted in runes).
type Hero struct {
	Title        string `json:"title"`
	Subtitle     string `json:"subtitle"`
	Paragraph    string `json:"paragraph"`
	PrimaryCTA   string `json:"primary_cta"`
	SecondaryCTA string `json:"secondary_cta"`
}

type HomepageValueProp struct {
	MainValue   string   `json:"main_value"`
	Benefits    []string `json:"benefits"`
	WhyChooseUs string   `json:"why_choose_us"`
}

type About struct {
	Story           string   `json:"story"`
	Values          []string `json:"values"`
	TeamIntro       string   `json:"team_intro"`
	CommunityImpact string   `json:"community_impact"`
	CallToAction    string   `json:"call_to_action"`
}

type ServicesPage struct {
	Intro    string        `json:"intro"`
	Services []ServiceCopy `json:"services"`
}

type ServiceCopy struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Benefits    []string `json:"benefits"`
	PricingInfo string   `json:"pricing_info"`
	CTA         string   `json:"cta"`
}

type Contact struct {
	Headline     string   `json:"headline"`
	Message      string   `json:"message"`
	Address      string   `json:"address"`
	Hours        string   `json:"hours"`
	Channels     []string `json:"channels"`
	CallToAction string   `json:"call_to_action"`
}

type ContentStrategy struct {
	ToneOfVoice    string   `json:"tone_of_voice"`
	KeyThemes      []string `json:"key_themes"`
	ContentPillars []string `json:"content_pillars"`
}

// --- logo_creation ---

type LogoCreationResult struct {
	PrimaryLogo     Logo            `json:"primary_logo"`
	Alternatives    []Logo          `json:"alternatives"`
	ColorPalette    []PaletteColor  `json:"color_palette"`
	BrandGuidelines BrandGuidelines `json:"brand_guidelines"`
}

// Logo is one concept: monogram, wordmark or emblem. SVG is a self-contained document: text is
// outlined to paths, nothing is referenced from outside, nothing runs.
type Logo struct {
	Concept     string `json:"concept"`
	Description string `json:"description"`
	SVG         string `json:"svg"`
}

type PaletteColor struct {
	Hex             string  `json:"hex"`
	Role            string  `json:"role"`
	Name            string  `json:"name"`
	ContrastOnWhite float64 `json:"contrast_on_white"`
	ContrastOnBlack float64 `json:"contrast_on_black"`
	WCAGOnWhite     string  `json:"wcag_on_white"`
	WCAGOnBlack     string  `json:"wcag_on_black"`
}

type BrandGuidelines struct {
	Typography Typography `json:"typography"`
	Usage      []string   `json:"usage"`
	ClearSpace string     `json:"clear_space"`
}

type Typography struct {
	Heading string `json:"heading"`
	Body    string `json:"body"`
	Notes   string `json:"notes"`
}

// --- seo_optimization ---

type SEOOptimizationResult struct {
	PrimaryKeywords   []Keyword        `json:"primary_keywords"`
	SecondaryKeywords []Keyword        `json:"secondary_keywords"`
	MetaTitle         string           `json:"meta_title"`
	MetaDescription   string           `json:"meta_description"`
	HeadingStructure  HeadingStructure `json:"heading_structure"`
	LocalSEO          LocalSEO         `json:"local_seo"`
	StructuredData    string           `json:"structured_data"`
}

type Keyword struct {
	Keyword string  `json:"keyword"`
	Score   float64 `json:"score"`
	Intent  string  `json:"intent"`
}

type HeadingStructure struct {
	H1         string   `json:"h1"`
	H2Sections []string `json:"h2_sections"`
}

type LocalSEO struct {
	OptimizedFor  string   `json:"optimized_for"`
	LocalKeywords []string `json:"local_keywords"`
}

// --- template_selection ---

type TemplateSelectionResult struct {
	PrimaryTemplate TemplateChoice   `json:"primary_template"`
	Alternatives    []TemplateChoice `json:"alternatives"`
	Customizations  Customizations   `json:"customizations"`
}

type TemplateChoice struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

type Customizations struct {
	Colors       TemplateColors `json:"colors"`
	Fonts        TemplateFonts  `json:"fonts"`
	SectionOrder []string       `json:"section_order"`
}

type TemplateColors struct {
	Primary    string `json:"primary"`
	Secondary  string `json:"secondary"`
	Accent     string `json:"accent"`
	Background string `json:"background"`
	Text       string `json:"text"`
}

type TemplateFonts struct {
	Heading string `json:"heading"`
	Body    string `json:"body"`
}
