package agents

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const llmTestKey = "sk-test-secret-4f9a"

// llmReply is one answer of the fake server. content is wrapped in a chat completion; body, when
// set, is sent as it is instead.
type llmReply struct {
	status  int
	content string
	body    string
	delay   time.Duration
	header  map[string]string
}

// llmServer is a fake chat-completions server on loopback: request n gets reply n (the last one
// repeats) and every request is kept.
type llmServer struct {
	*httptest.Server
	mu       sync.Mutex
	replies  []llmReply
	requests []*http.Request
	bodies   [][]byte
}

func newLLMServer(t *testing.T, replies ...llmReply) *llmServer {
	t.Helper()
	s := &llmServer{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		reply := s.replies[min(len(s.requests), len(s.replies)-1)]
		s.requests = append(s.requests, r)
		s.bodies = append(s.bodies, body)
		s.mu.Unlock()
		if reply.delay > 0 {
			select {
			case <-time.After(reply.delay):
			case <-r.Context().Done():
				return
			}
		}
		for k, v := range reply.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		if reply.status == 0 {
			reply.status = http.StatusOK
		}
		w.WriteHeader(reply.status)
		if reply.body != "" {
			w.Write([]byte(reply.body))
			return
		}
		w.Write(completion(reply.content))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *llmServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// completion wraps content as a chat-completions reply.
func completion(content string) []byte {
	raw, err := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
	})
	if err != nil {
		panic(err)
	}
	return raw
}

// answer is a model answer: v encoded as JSON.
func answer(v any) llmReply {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return llmReply{content: string(raw)}
}

func llmTemplates() []TemplateProfile {
	return []TemplateProfile{
		{ID: "artisan-warm", Name: Text{EN: "Artisan Warm", FR: "Artisan chaleureux"}, Style: "warm", Tones: []string{"warm"},
			Description: Text{EN: "Warm tones for makers."}, SectionOrder: []string{"hero", "about", "services", "contact"}},
		{ID: "clean-professional", Name: Text{EN: "Clean Professional", FR: "Professionnel épuré"}, Style: "minimal",
			Description: Text{EN: "Plain and trustworthy."}, SectionOrder: []string{"hero", "services", "faq", "contact"}},
		{ID: "fresh-market", Name: Text{EN: "Fresh Market", FR: "Marché frais"}, Style: "playful",
			Description: Text{EN: "Bright, for food."}, SectionOrder: []string{"hero", "services", "pricing", "contact", "map"}},
	}
}

func newTestOpenAI(t *testing.T, srv *llmServer, timeout time.Duration) *OpenAI {
	t.Helper()
	o, err := NewOpenAI(OpenAIConfig{BaseURL: srv.URL + "/v1/", Model: "test-model", APIKey: llmTestKey,
		Timeout: timeout, RetryDelay: time.Millisecond, Templates: llmTemplates()})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

const (
	llmSVGMonogram = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>MP</title>` +
		`<circle cx="50" cy="50" r="48" fill="#7a3e1d"/><path d="M30 70 L30 30 L50 55 L70 30 L70 70 Z" fill="#ffffff"/></svg>`
	llmSVGWordmark = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 80"><rect x="0" y="0" width="300" height="80" rx="8" fill="#f5e6d3"/>` +
		`<g transform="translate(10 10) scale(2)"><path d="M0 0 h10 v30 h-10 z M15 0 q10 15 0 30" fill="#7a3e1d"/></g></svg>`
	llmSVGEmblem = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><desc>A loaf in a ring</desc>` +
		`<ellipse cx="60" cy="60" rx="56" ry="56" fill="#7a3e1d"/><ellipse cx="60" cy="66" rx="30" ry="18" fill="#f5e6d3" fill-opacity="0.9"/></svg>`
)

// The answers below are what a well-behaved model sends: computed fields left out.

func marketAnswer() *MarketResearchResult {
	return &MarketResearchResult{
		MarketSizeEstimation: MarketSizeEstimation{
			Estimation: "About 300,000 households buy fresh bread weekly.", ConfidenceLevel: "medium",
			GrowthPotential: "high", MarketMaturity: "growing", MarketSegment: "urban households",
			Calculation: MarketArithmetic{Population: 15_000_000, PopulationScope: "Lagos metropolitan area",
				SegmentShare: 0.02, AnnualSpendPerBuyer: 50_000, Currency: "NGN"},
		},
		MainCompetitors: []Competitor{{Name: "Supermarket bakeries", Strengths: []string{"reach"},
			Weaknesses: []string{"less fresh"}, MarketShare: "30%"}},
		MarketOpportunities: []Opportunity{{Opportunity: "Office delivery", PotentialImpact: "high",
			Difficulty: "medium", Timeframe: "6 months"}},
		PricingInsights: PricingInsights{AveragePriceRange: "800-1,500 NGN a loaf", PricingModel: "per item",
			PriceSensitivity: "high"},
		DifferentiationSuggestion: []string{"Bake twice a day"},
		CulturalInsights: CulturalInsights{KeyValues: []string{"family"}, LocalPreferences: []string{"soft bread"},
			TrustFactors: []string{"word of mouth"}},
		RiskFactors:    []string{"flour prices"},
		SuccessFactors: []string{"consistent quality"},
	}
}

func contentAnswer() *ContentGenerationResult {
	return &ContentGenerationResult{
		Homepage: Homepage{
			Hero: Hero{Title: "Fresh bread in Lagos", Subtitle: "Baked twice a day", Paragraph: "Come early.",
				PrimaryCTA: "Order now", SecondaryCTA: "See our breads"},
			ValueProposition: HomepageValueProp{MainValue: "Fresh every morning", Benefits: []string{"Warm bread"},
				WhyChooseUs: "We bake close to you."},
			ServicesTeaser: "Bread and cakes.",
		},
		About: About{Story: "A family bakery.", Values: []string{"care"}, TeamIntro: "Our bakers.",
			CommunityImpact: "Local flour.", CallToAction: "Visit us"},
		Services: ServicesPage{Intro: "What we bake.", Services: []ServiceCopy{{Name: "Bread",
			Description: "Daily loaves.", Benefits: []string{"soft"}, PricingInfo: "Per loaf.", CTA: "Order"}}},
		Contact: Contact{Headline: "Find us", Message: "We answer fast.", Channels: []string{"WhatsApp"},
			CallToAction: "Write to us"},
		ContentStrategy: ContentStrategy{ToneOfVoice: "warm", KeyThemes: []string{"freshness"},
			ContentPillars: []string{"recipes"}},
	}
}

func logoAnswer() *LogoCreationResult {
	return &LogoCreationResult{
		PrimaryLogo: Logo{Concept: ConceptMonogram, Description: "The initials.", SVG: llmSVGMonogram},
		Alternatives: []Logo{
			{Concept: ConceptWordmark, Description: "The name.", SVG: llmSVGWordmark},
			{Concept: ConceptEmblem, Description: "A loaf.", SVG: llmSVGEmblem},
		},
		ColorPalette: []PaletteColor{
			{Hex: "#000000", Role: "text", Name: "Black"},
			{Hex: "#ffffff", Role: "background", Name: "White"},
			{Hex: "#767676", Role: "accent", Name: "Grey"},
		},
		BrandGuidelines: BrandGuidelines{Typography: Typography{Heading: "Georgia, serif", Body: "'Trebuchet MS', sans-serif"},
			Usage: []string{"Keep the logo on light backgrounds"}, ClearSpace: "Half the logo's height."},
	}
}

func seoAnswer() *SEOOptimizationResult {
	return &SEOOptimizationResult{
		PrimaryKeywords:   []Keyword{{Keyword: "bakery lagos", Score: 0.9, Intent: "local"}},
		SecondaryKeywords: []Keyword{{Keyword: "fresh bread", Score: 0.5, Intent: "transactional"}},
		MetaTitle:         "Mama Put Bakery – fresh bread in Lagos",
		MetaDescription:   "Bread and cakes baked twice a day in Lagos.",
		HeadingStructure:  HeadingStructure{H1: "Fresh bread in Lagos", H2Sections: []string{"Our breads"}},
		LocalSEO:          LocalSEO{OptimizedFor: "Lagos, Nigeria", LocalKeywords: []string{"bakery near me"}},
		StructuredData: `{ "@context": "https://schema.org", "@type": "Bakery", "name": "Mama <Put> & Co",
			"address": {"@type": "PostalAddress", "addressLocality": "Lagos"} }`,
	}
}

func templateAnswer() *TemplateSelectionResult {
	return &TemplateSelectionResult{
		PrimaryTemplate: TemplateChoice{ID: "fresh-market", Score: 82.5, Reasons: []string{"Made for food."}},
		Alternatives:    []TemplateChoice{{ID: "artisan-warm", Score: 75, Reasons: []string{"Warm."}}},
		Customizations: Customizations{
			Colors: TemplateColors{Primary: "#7a3e1d", Secondary: "#f5e6d3", Accent: "#e0a030",
				Background: "#ffffff", Text: "#222222"},
			Fonts:        TemplateFonts{Heading: "Georgia, serif", Body: "system-ui, sans-serif"},
			SectionOrder: []string{"hero", "services", "pricing", "contact"},
		},
	}
}

func TestOpenAIValidAnswers(t *testing.T) {
	market := marketAnswer()
	market.MarketSizeEstimation.Calculation.Customers = 300_000
	market.MarketSizeEstimation.Calculation.AnnualMarketValue = 15_000_000_000
	market.MarketSizeEstimation.Calculation.Formula = "population × segment share × annual spend per customer: " +
		"15,000,000 × 0.02 = 300,000 customers; 300,000 × 50,000 NGN = 15,000,000,000 NGN"
	content := contentAnswer()
	content.LanguagesGenerated = []Language{English}
	logo := logoAnswer()
	logo.ColorPalette[0].ContrastOnWhite, logo.ColorPalette[0].WCAGOnWhite = 21, "AAA"
	logo.ColorPalette[0].ContrastOnBlack, logo.ColorPalette[0].WCAGOnBlack = 1, "fail"
	logo.ColorPalette[1].ContrastOnWhite, logo.ColorPalette[1].WCAGOnWhite = 1, "fail"
	logo.ColorPalette[1].ContrastOnBlack, logo.ColorPalette[1].WCAGOnBlack = 21, "AAA"
	logo.ColorPalette[2].ContrastOnWhite, logo.ColorPalette[2].WCAGOnWhite = 4.54, "AA"
	logo.ColorPalette[2].ContrastOnBlack, logo.ColorPalette[2].WCAGOnBlack = 4.62, "AA"
	// #0078d7 is 4.4989:1 on white: shown as 4.49 and rated below AA, never rounded up into AA.
	nearAA := logoAnswer()
	nearAA.ColorPalette[2].Hex = "#0078d7"
	nearAAWant := logoAnswer()
	nearAAWant.ColorPalette = slices.Clone(logo.ColorPalette)
	nearAAWant.ColorPalette[2].Hex = "#0078d7"
	nearAAWant.ColorPalette[2].ContrastOnWhite, nearAAWant.ColorPalette[2].WCAGOnWhite = 4.49, "AA Large"
	nearAAWant.ColorPalette[2].ContrastOnBlack, nearAAWant.ColorPalette[2].WCAGOnBlack = 4.66, "AA"
	seo := seoAnswer()
	// Re-encoded compactly, with < > & escaped so it stays inert inside a script element.
	seo.StructuredData = `{"@context":"https://schema.org","@type":"Bakery","address":{"@type":"PostalAddress",` +
		`"addressLocality":"Lagos"},"name":"Mama \u003cPut\u003e \u0026 Co"}`
	tmpl := templateAnswer()
	tmpl.PrimaryTemplate.Name = "Fresh Market"
	tmpl.Alternatives[0].Name = "Artisan Warm"

	// A model that gives structured_data as an object, not a string, is understood too.
	seoObject := map[string]any{}
	raw, _ := json.Marshal(seoAnswer())
	json.Unmarshal(raw, &seoObject)
	seoObject["structured_data"] = map[string]any{"@context": "https://schema.org", "@type": "Bakery",
		"name": "Mama <Put> & Co", "address": map[string]any{"@type": "PostalAddress", "addressLocality": "Lagos"}}

	tests := []struct {
		name    string
		section Section
		reply   llmReply
		want    any
	}{
		{"market research", MarketResearch, answer(marketAnswer()), market},
		{"content", ContentGeneration, answer(contentAnswer()), content},
		{"logo", LogoCreation, answer(logoAnswer()), logo},
		{"logo colour just under AA", LogoCreation, answer(nearAA), nearAAWant},
		{"seo", SEOOptimization, answer(seoAnswer()), seo},
		{"seo with structured data as an object", SEOOptimization, answer(seoObject), seo},
		{"template", TemplateSelection, answer(templateAnswer()), tmpl},
		{"answer in a code fence", ContentGeneration, llmReply{content: "```json\n" + answer(contentAnswer()).content + "\n```"}, content},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newLLMServer(t, tc.reply)
			o := newTestOpenAI(t, srv, 2*time.Second)
			got, err := o.Generate(context.Background(), Request{Section: tc.section, Input: testInput()})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if n := srv.count(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestOpenAIFrenchArithmetic(t *testing.T) {
	srv := newLLMServer(t, answer(marketAnswer()))
	o := newTestOpenAI(t, srv, 2*time.Second)
	in := testInput()
	in.Language = French
	got, err := o.Generate(context.Background(), Request{Section: MarketResearch, Input: in})
	if err != nil {
		t.Fatal(err)
	}
	want := "population × part du segment × dépense annuelle par client : 15\u00a0000\u00a0000 × 0,02 = 300\u00a0000 clients ; " +
		"300\u00a0000 × 50\u00a0000 NGN = 15\u00a0000\u00a0000\u00a0000 NGN"
	if diff := cmp.Diff(want, got.(*MarketResearchResult).MarketSizeEstimation.Calculation.Formula); diff != "" {
		t.Errorf("formula (-want +got):\n%s", diff)
	}
}

func TestOpenAIRetries(t *testing.T) {
	valid := answer(contentAnswer())
	tests := []struct {
		name     string
		replies  []llmReply
		wantErr  string // "" for success
		requests int
	}{
		{"500 then a valid answer", []llmReply{{status: 500, body: `{"error":{"message":"overloaded"}}`}, valid}, "", 2},
		{"429 then a valid answer", []llmReply{{status: 429, header: map[string]string{"Retry-After": "0"}, body: "{}"}, valid}, "", 2},
		{"timeout then a valid answer", []llmReply{{delay: time.Second}, valid}, "", 2},
		{"malformed JSON then a valid answer", []llmReply{{content: `{"homepage": {`}, valid}, "", 2},
		{"malformed JSON twice", []llmReply{{content: `{"homepage": {"hero": `}},
			"language model: the answer was not valid JSON (twice)", 2},
		{"a reply that is not JSON", []llmReply{{body: "<html>bad gateway</html>"}},
			"language model: the reply was not valid JSON (twice)", 2},
		{"a reply without choices", []llmReply{{body: `{"choices":[]}`}},
			"language model: the reply held no answer (twice)", 2},
		{"a truncated answer", []llmReply{{body: `{"choices":[{"message":{"content":"{\"homepage\":"},"finish_reason":"length"}]}`}},
			"language model: the answer was cut off before its JSON ended (twice)", 2},
		{"timeout twice", []llmReply{{delay: time.Second}},
			"language model: no answer within 100ms (twice)", 2},
		{"500 twice", []llmReply{{status: 500, body: "{}"}},
			"language model: HTTP 500 (twice)", 2},
		{"timeout then 503", []llmReply{{delay: time.Second}, {status: 503, body: "{}"}},
			"language model: no answer within 100ms, then HTTP 503", 2},
		{"401 is not retried", []llmReply{{status: 401, body: `{"error":{"message":"Incorrect API key provided: ` + llmTestKey + `"}}`}},
			"language model: HTTP 401 (the API key was refused)", 1},
		{"400 is not retried", []llmReply{{status: 400, body: `{"error":{"message":"bad"}}`}},
			"language model: HTTP 400", 1},
		{"404 is not retried", []llmReply{{status: 404, body: "{}"}},
			"language model: HTTP 404 (check the base URL and the model name)", 1},
		{"429 with a long Retry-After is not retried", []llmReply{{status: 429, header: map[string]string{"Retry-After": "3600"}, body: "{}"}},
			"language model: HTTP 429 (rate limited)", 1},
		{"a reply over 1 MiB", []llmReply{{body: `{"choices":[{"message":{"content":"` + strings.Repeat("a", 1<<20) + `"}}]}`}},
			"language model: the reply was larger than 1 MiB", 1},
		{"a refusal", []llmReply{{body: `{"choices":[{"message":{"content":null,"refusal":"I can't"}}]}`}},
			"language model: the model refused to answer", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newLLMServer(t, tc.replies...)
			o := newTestOpenAI(t, srv, 100*time.Millisecond)
			got, err := o.Generate(context.Background(), Request{Section: ContentGeneration, Input: testInput()})
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("error %q, want success", err)
			case tc.wantErr == "" && got == nil:
				t.Fatal("no result")
			case tc.wantErr != "" && (err == nil || err.Error() != tc.wantErr):
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), llmTestKey) || strings.Contains(err.Error(), "127.0.0.1")) {
				t.Errorf("error %q repeats the key or the server address", err)
			}
			if n := srv.count(); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

// Answers that break the schema or a limit are refused, not repaired, and not asked again.
func TestOpenAIRejectsBadAnswers(t *testing.T) {
	title := func(n int) string { return strings.Repeat("é", n) } // runes, not bytes, are counted
	content := func(f func(*ContentGenerationResult)) llmReply { a := contentAnswer(); f(a); return answer(a) }
	seo := func(f func(*SEOOptimizationResult)) llmReply { a := seoAnswer(); f(a); return answer(a) }
	logo := func(f func(*LogoCreationResult)) llmReply { a := logoAnswer(); f(a); return answer(a) }
	market := func(f func(*MarketResearchResult)) llmReply { a := marketAnswer(); f(a); return answer(a) }
	tmpl := func(f func(*TemplateSelectionResult)) llmReply { a := templateAnswer(); f(a); return answer(a) }
	svg := func(body string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + body + `</svg>`
	}
	const prefix = "language model: the answer broke the rules: "
	tests := []struct {
		name    string
		section Section
		reply   llmReply
		wantErr string
	}{
		{"hero title of 60 characters is fine", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Homepage.Hero.Title = title(60) }), ""},
		{"hero title over 60", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Homepage.Hero.Title = title(61) }),
			prefix + "homepage.hero.title is 61 characters, more than 60"},
		{"subtitle over 120", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Homepage.Hero.Subtitle = title(121) }),
			prefix + "homepage.hero.subtitle is 121 characters, more than 120"},
		{"missing field", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.About.Story = " " }),
			prefix + "about.story is missing"},
		{"missing list", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Services.Services = nil }),
			prefix + "services.services is missing"},
		{"missing field in a list item", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Services.Services[0].Name = "" }),
			prefix + "services.services[0].name is missing"},
		{"control characters", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.About.Story = "a\x00b" }),
			prefix + "about.story holds control characters"},
		{"several problems", ContentGeneration,
			content(func(a *ContentGenerationResult) { a.Homepage.Hero.Title, a.About.Story = "", "" }),
			prefix + "homepage.hero.title is missing (and 1 more)"},
		{"a field of the wrong type", ContentGeneration, llmReply{content: `{"homepage":{"hero":{"title":5}}}`},
			"language model: the answer did not follow the schema (homepage.hero.title was a JSON number)"},
		{"an array instead of an object", ContentGeneration, llmReply{content: `[1,2]`},
			"language model: the answer did not follow the schema (the answer was a JSON array)"},
		{"meta title over 60", SEOOptimization,
			seo(func(a *SEOOptimizationResult) { a.MetaTitle = title(61) }),
			prefix + "meta_title is 61 characters, more than 60"},
		{"meta description over 160", SEOOptimization,
			seo(func(a *SEOOptimizationResult) { a.MetaDescription = title(161) }),
			prefix + "meta_description is 161 characters, more than 160"},
		{"keyword score over 1", SEOOptimization,
			seo(func(a *SEOOptimizationResult) { a.PrimaryKeywords[0].Score = 7 }),
			prefix + "primary_keywords[0].score is outside 0 to 1"},
		{"structured data that is not JSON-LD", SEOOptimization,
			seo(func(a *SEOOptimizationResult) { a.StructuredData = `{"name":"x"}` }),
			prefix + "structured_data has no schema.org @context"},
		{"structured data that is not JSON", SEOOptimization,
			seo(func(a *SEOOptimizationResult) { a.StructuredData = `</script><script>alert(1)</script>` }),
			prefix + "structured_data is not a JSON object"},
		{"six competitors", MarketResearch,
			market(func(a *MarketResearchResult) {
				for range 5 {
					a.MainCompetitors = append(a.MainCompetitors, a.MainCompetitors[0])
				}
			}),
			prefix + "main_competitors has 6 items, more than 5"},
		{"a segment share over 1", MarketResearch,
			market(func(a *MarketResearchResult) { a.MarketSizeEstimation.Calculation.SegmentShare = 30 }),
			prefix + "market_size_estimation.calculation.segment_share is outside 0.0001 to 1"},
		{"a script in the logo", LogoCreation,
			logo(func(a *LogoCreationResult) {
				a.PrimaryLogo.SVG = svg(`<script>alert(1)</script><rect width="10" height="10"/>`)
			}),
			prefix + "primary_logo.svg contains a script"},
		{"an event attribute", LogoCreation,
			logo(func(a *LogoCreationResult) {
				a.Alternatives[1].SVG = svg(`<rect width="10" height="10" onclick="x()"/>`)
			}),
			prefix + "alternatives[1].svg has an on* event attribute"},
		{"an event attribute after a newline, in capitals", LogoCreation,
			logo(func(a *LogoCreationResult) {
				a.PrimaryLogo.SVG = `<svg xmlns="http://www.w3.org/2000/svg"` + "\n" + `ONLOAD = "x()" viewBox="0 0 10 10"></svg>`
			}),
			prefix + "primary_logo.svg has an on* event attribute"},
		{"an external link", LogoCreation,
			logo(func(a *LogoCreationResult) {
				a.PrimaryLogo.SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` +
					`<image xlink:href="https://evil.example/x.png" width="10" height="10"/></svg>`
			}),
			prefix + "primary_logo.svg links to another resource"},
		{"an external url() reference", LogoCreation,
			logo(func(a *LogoCreationResult) {
				a.PrimaryLogo.SVG = svg(`<rect width="10" height="10" fill="url(https://evil.example/p.svg#g)"/>`)
			}),
			prefix + "primary_logo.svg refers to an external resource"},
		{"a DOCTYPE", LogoCreation,
			logo(func(a *LogoCreationResult) { a.PrimaryLogo.SVG = `<!DOCTYPE svg [<!ENTITY a "b">]>` + svg("") }),
			prefix + "primary_logo.svg declares a DOCTYPE or entities"},
		{"text instead of outlines", LogoCreation,
			logo(func(a *LogoCreationResult) { a.PrimaryLogo.SVG = svg(`<text x="1" y="8">MP</text>`) }),
			prefix + "primary_logo.svg uses SVG features outside the subset Genesis draws"},
		{"not XML", LogoCreation,
			logo(func(a *LogoCreationResult) { a.PrimaryLogo.SVG = `<svg><rect></svg>` }),
			prefix + "primary_logo.svg is not well-formed XML"},
		{"a palette colour that is not hex", LogoCreation,
			logo(func(a *LogoCreationResult) { a.ColorPalette[2].Hex = "grey" }),
			prefix + "color_palette[2].hex is not a #rrggbb colour"},
		{"a font list that could end a CSS declaration", LogoCreation,
			logo(func(a *LogoCreationResult) { a.BrandGuidelines.Typography.Body = "serif;} body{display:none" }),
			prefix + "brand_guidelines.typography.body is not a plain font-family list"},
		{"a template outside the catalogue", TemplateSelection,
			tmpl(func(a *TemplateSelectionResult) { a.PrimaryTemplate.ID = "neon-dream" }),
			prefix + "primary_template.id is not one of artisan-warm, clean-professional, fresh-market"},
		{"a template chosen twice", TemplateSelection,
			tmpl(func(a *TemplateSelectionResult) { a.Alternatives[0].ID = "fresh-market" }),
			prefix + "alternatives[0].id repeats a template already chosen"},
		{"an unknown page section", TemplateSelection,
			tmpl(func(a *TemplateSelectionResult) { a.Customizations.SectionOrder[1] = "blog" }),
			prefix + "customizations.section_order[1] is not one of hero, about, services, contact, faq, pricing, map"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newLLMServer(t, tc.reply)
			o := newTestOpenAI(t, srv, 2*time.Second)
			got, err := o.Generate(context.Background(), Request{Section: tc.section, Input: testInput()})
			if tc.wantErr == "" {
				if err != nil || got == nil {
					t.Fatalf("error %v, want success", err)
				}
				return
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if n := srv.count(); n != 1 {
				t.Errorf("%d requests, want 1: a broken rule is not retried", n)
			}
		})
	}
}

func TestOpenAIRequest(t *testing.T) {
	schemaHints := map[Section][]string{
		MarketResearch: {`"main_competitors":{"type":"array"`, `"maxItems":5`,
			`"segment_share":{"type":"number","minimum":0.0001,"maximum":1`},
		ContentGeneration: {`"hero":{"type":"object","properties":{"title":{"type":"string","maxLength":60`,
			`"subtitle":{"type":"string","maxLength":120`},
		LogoCreation: {`"svg":{"type":"string","maxLength":65536`, `"hex":{"type":"string","pattern":"^#[0-9a-fA-F]{6}$"}`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="...">`},
		SEOOptimization: {`"meta_title":{"type":"string","maxLength":60`, `"meta_description":{"type":"string","maxLength":160`,
			`"structured_data":{"type":"string"`},
		TemplateSelection: {`"id":{"type":"string","enum":["artisan-warm","clean-professional","fresh-market"]}`,
			"- fresh-market: Fresh Market; playful;"},
	}
	// What Genesis computes itself is not asked for.
	computed := []string{"contrast_on_white", "wcag_on_black", "annual_market_value", "languages_generated",
		`"enum":["artisan-warm","clean-professional","fresh-market"]},"name"`}
	for _, s := range Sections() {
		t.Run(string(s), func(t *testing.T) {
			srv := newLLMServer(t, llmReply{status: 400, body: "{}"})
			o := newTestOpenAI(t, srv, 2*time.Second)
			in := testInput()
			in.Language, in.Tone = French, "chaleureux"
			o.Generate(context.Background(), Request{Section: s, Input: in, Variation: 2, Instruction: "plus formel"})
			if srv.count() != 1 {
				t.Fatalf("%d requests, want 1", srv.count())
			}
			r := srv.requests[0]
			if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
				t.Errorf("request %s %s, want POST /v1/chat/completions", r.Method, r.URL.Path)
			}
			if got := r.Header.Get("Authorization"); got != "Bearer "+llmTestKey {
				t.Errorf("Authorization %q, want the bearer key", got)
			}
			if got := r.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type %q", got)
			}
			var body struct {
				Model          string `json:"model"`
				ResponseFormat struct {
					Type string `json:"type"`
				} `json:"response_format"`
				Messages []chatMessage `json:"messages"`
			}
			if err := json.Unmarshal(srv.bodies[0], &body); err != nil {
				t.Fatal(err)
			}
			if body.Model != "test-model" || body.ResponseFormat.Type != "json_object" {
				t.Errorf("model %q, response_format %q", body.Model, body.ResponseFormat.Type)
			}
			if len(body.Messages) != 2 || body.Messages[0].Role != "system" || body.Messages[1].Role != "user" {
				t.Fatalf("messages %+v, want system then user", body.Messages)
			}
			system, user := body.Messages[0].Content, body.Messages[1].Content
			for _, hint := range schemaHints[s] {
				if !strings.Contains(system, hint) {
					t.Errorf("system prompt lacks %s", hint)
				}
			}
			for _, c := range computed {
				if strings.Contains(system, c) {
					t.Errorf("system prompt asks for %s, which Genesis computes", c)
				}
			}
			for _, want := range []string{string(s), `"business_name": "Mama Put Bakery"`, `"city": "Lagos"`,
				"French (fr)", "Tone: chaleureux.", `"plus formel"`, "Variation 2"} {
				if !strings.Contains(user, want) {
					t.Errorf("user prompt lacks %q:\n%s", want, user)
				}
			}
		})
	}
}

func TestOpenAIStopsWithItsContext(t *testing.T) {
	srv := newLLMServer(t, llmReply{delay: 5 * time.Second})
	o := newTestOpenAI(t, srv, 2*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := o.Generate(ctx, Request{Section: SEOOptimization, Input: testInput()})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the context's deadline", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned after %v, want soon after the context ended", d)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("%d requests, want 1: no retry once the caller has given up", n)
	}
}

func TestNewOpenAIConfig(t *testing.T) {
	tests := []struct {
		name         string
		cfg          OpenAIConfig
		wantEndpoint string
		wantErr      bool
	}{
		{"root with a slash", OpenAIConfig{BaseURL: "https://api.example.com/v1/", Model: "m"}, "https://api.example.com/v1/chat/completions", false},
		{"full endpoint", OpenAIConfig{BaseURL: "http://127.0.0.1:8080/v1/chat/completions", Model: "m"}, "http://127.0.0.1:8080/v1/chat/completions", false},
		{"no scheme", OpenAIConfig{BaseURL: "api.example.com/v1", Model: "m"}, "", true},
		{"ftp", OpenAIConfig{BaseURL: "ftp://api.example.com/v1", Model: "m"}, "", true},
		{"query", OpenAIConfig{BaseURL: "https://api.example.com/v1?key=" + llmTestKey, Model: "m"}, "", true},
		{"no model", OpenAIConfig{BaseURL: "https://api.example.com/v1", Model: " "}, "", true},
		{"key with a newline", OpenAIConfig{BaseURL: "https://api.example.com/v1", Model: "m", APIKey: llmTestKey + "\nX-Evil: 1"}, "", true},
		{"negative timeout", OpenAIConfig{BaseURL: "https://api.example.com/v1", Model: "m", Timeout: -time.Second}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := NewOpenAI(tc.cfg)
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				if strings.Contains(err.Error(), llmTestKey) {
					t.Errorf("error %q repeats the key", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.endpoint != tc.wantEndpoint || o.timeout != 20*time.Second || o.Name() != "openai:m" {
				t.Errorf("endpoint %q, timeout %v, name %q", o.endpoint, o.timeout, o.Name())
			}
			if len(o.templates) < 8 {
				t.Errorf("%d templates, want the embedded catalogue", len(o.templates))
			}
		})
	}
}

// With the language model down, every section is still written, by the fallback, and says why.
func TestOrchestratorFallsBackFromOpenAI(t *testing.T) {
	srv := newLLMServer(t, llmReply{status: 500, body: `{"error":"down"}`})
	o := newTestOpenAI(t, srv, 100*time.Millisecond)
	r := newRig(t, Config{Primary: o, Fallback: &fakeProvider{name: "builtin"}, AgentTimeout: 2 * time.Second})
	sum, err := r.orch.Create(context.Background(), "owner-1", testInput())
	if err != nil {
		t.Fatal(err)
	}
	b := r.waitDone(t, sum.ID)
	type state struct {
		Status                   Status
		Provider, FallbackReason string
		Fallback                 bool
	}
	want := state{Status: StatusDone, Provider: "builtin", Fallback: true, FallbackReason: "language model: HTTP 500 (twice)"}
	for _, s := range Sections() {
		st := b.Section(s).State
		got := state{Status: st.Status, Provider: st.Provider, FallbackReason: st.FallbackReason, Fallback: st.Fallback}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s state (-want +got):\n%s", s, diff)
		}
	}
	if n := srv.count(); n != 2*len(Sections()) {
		t.Errorf("%d requests, want two per section", n)
	}
	if got := b.OverallConfidence(); got > 0.61 {
		t.Errorf("overall confidence %v with every section a fallback", got)
	}
}
