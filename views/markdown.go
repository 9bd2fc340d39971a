package views

import (
	"fmt"
	"strings"

	"genesis/agents"
	"genesis/views/i18n"
)

// Markdown renders a brief as a Markdown document in the reader's language, for export. Generated
// text is escaped so it cannot turn into markup or HTML where the file is shown.
func Markdown(m *i18n.Messages, b *agents.Brief) string {
	md := &mdWriter{m: m}
	e := m.Export
	in := b.Input
	md.h(1, in.BusinessName)
	md.p(placeLine(in.Sector, in.Location.City, in.Location.Country))
	md.h(2, e.Input)
	md.facts([][2]string{
		{m.Brief.Vision, in.Vision}, {m.Brief.Mission, in.Mission}, {m.Brief.TargetAudience, in.TargetAudience},
		{m.Brief.Differentiation, in.Differentiation}, {m.Brief.ValueProposition, in.ValueProposition},
		{m.Brief.Services, strings.Join(in.Services, ", ")}, {m.Brief.Tone, in.Tone},
	})
	for _, s := range agents.Sections() {
		v := b.Section(s)
		md.h(2, sectionTitle(m, s))
		if v.Result == nil {
			md.p(e.NotReady)
			continue
		}
		switch r := v.Result.(type) {
		case *agents.MarketResearchResult:
			marketMarkdown(md, m, r)
		case *agents.ContentGenerationResult:
			contentMarkdown(md, m, r)
		case *agents.LogoCreationResult:
			logoMarkdown(md, m, r)
		case *agents.SEOOptimizationResult:
			seoMarkdown(md, m, r)
		case *agents.TemplateSelectionResult:
			templateMarkdown(md, m, r)
		}
		md.p("_" + md.esc(i18n.F(e.GeneratedBy, providerName(m, v.State.Provider), int(v.State.Version))) + "_")
	}
	return md.String()
}

func marketMarkdown(md *mdWriter, m *i18n.Messages, r *agents.MarketResearchResult) {
	e, t := m.Export, m.Section.Market
	ms := r.MarketSizeEstimation
	md.h(3, t.Size)
	md.p(ms.Estimation)
	md.facts([][2]string{{e.Formula, ms.Calculation.Formula}, {"", ms.ConfidenceLevel}, {"", ms.GrowthPotential}, {"", ms.MarketMaturity}, {"", ms.MarketSegment}})
	md.h(3, t.Competitors)
	for _, c := range r.MainCompetitors {
		md.li(fmt.Sprintf("**%s** (%s %s). %s %s. %s %s.", md.esc(c.Name), md.esc(labelColon(m, t.Share)), md.esc(c.MarketShare),
			md.esc(labelColon(m, t.Strengths)), md.esc(strings.Join(c.Strengths, ", ")), md.esc(labelColon(m, t.Weaknesses)), md.esc(strings.Join(c.Weaknesses, ", "))))
	}
	md.end()
	md.h(3, t.Opportunities)
	for _, o := range r.MarketOpportunities {
		md.li(md.esc(o.Opportunity) + " — " + md.esc(strings.Join(nonEmpty(o.PotentialImpact, o.Difficulty, o.Timeframe), " · ")))
	}
	md.end()
	md.h(3, t.Pricing)
	md.facts([][2]string{{"", r.PricingInsights.AveragePriceRange}, {"", r.PricingInsights.PricingModel}, {"", r.PricingInsights.PriceSensitivity}})
	md.list(e.Differentiate, r.DifferentiationSuggestion)
	md.list(e.Culture, append(append(append([]string{}, r.CulturalInsights.KeyValues...), r.CulturalInsights.LocalPreferences...), r.CulturalInsights.TrustFactors...))
	md.list(t.Risks, r.RiskFactors)
	md.list(t.SuccessFactors, r.SuccessFactors)
}

func contentMarkdown(md *mdWriter, m *i18n.Messages, r *agents.ContentGenerationResult) {
	e := m.Export
	h := r.Homepage
	md.h(3, e.Homepage)
	md.p("**" + md.esc(h.Hero.Title) + "**")
	md.p(h.Hero.Subtitle)
	md.p(h.Hero.Paragraph)
	md.p(h.ValueProposition.MainValue)
	for _, b := range h.ValueProposition.Benefits {
		md.li(md.esc(b))
	}
	md.end()
	md.p(h.ValueProposition.WhyChooseUs)
	md.p(h.ServicesTeaser)
	md.h(3, e.About)
	md.p(r.About.Story)
	md.list("", r.About.Values)
	md.p(r.About.TeamIntro)
	md.p(r.About.CommunityImpact)
	md.h(3, e.Services)
	md.p(r.Services.Intro)
	for _, s := range r.Services.Services {
		md.li("**" + md.esc(s.Name) + "** — " + md.esc(s.Description) + " " + md.esc(s.PricingInfo))
	}
	md.end()
	md.h(3, e.Contact)
	md.p(r.Contact.Headline)
	md.p(r.Contact.Message)
	md.facts([][2]string{{"", r.Contact.Address}, {"", r.Contact.Hours}, {"", strings.Join(r.Contact.Channels, ", ")}})
	md.h(3, m.Section.Content.Strategy)
	md.facts([][2]string{{"", r.ContentStrategy.ToneOfVoice}, {"", strings.Join(r.ContentStrategy.KeyThemes, ", ")}, {"", strings.Join(r.ContentStrategy.ContentPillars, ", ")}})
}

func logoMarkdown(md *mdWriter, m *i18n.Messages, r *agents.LogoCreationResult) {
	t := m.Section.Logo
	md.h(3, t.Concepts)
	for _, l := range append([]agents.Logo{r.PrimaryLogo}, r.Alternatives...) {
		md.li("**" + md.esc(conceptName(m, l.Concept)) + "** — " + md.esc(l.Description))
	}
	md.end()
	md.h(3, t.Palette)
	for _, c := range r.ColorPalette {
		md.li(fmt.Sprintf("`%s` %s (%s) — %s / %s", c.Hex, md.esc(c.Name), md.esc(c.Role), md.esc(m.Ratio(c.ContrastOnWhite)), md.esc(m.Ratio(c.ContrastOnBlack))))
	}
	md.end()
	md.h(3, t.Guidelines)
	md.facts([][2]string{{"", r.BrandGuidelines.Typography.Heading}, {"", r.BrandGuidelines.Typography.Body}, {"", r.BrandGuidelines.Typography.Notes}, {"", r.BrandGuidelines.ClearSpace}})
	md.list("", r.BrandGuidelines.Usage)
}

func seoMarkdown(md *mdWriter, m *i18n.Messages, r *agents.SEOOptimizationResult) {
	e, t := m.Export, m.Section.SEO
	keywords := func(ks []agents.Keyword) []string {
		out := make([]string, len(ks))
		for i, k := range ks {
			out[i] = k.Keyword
		}
		return out
	}
	md.list(t.PrimaryKeywords, keywords(r.PrimaryKeywords))
	md.list(t.SecondaryKeywords, keywords(r.SecondaryKeywords))
	md.facts([][2]string{{t.MetaTitle, r.MetaTitle}, {t.MetaDescription, r.MetaDescription}})
	md.list(e.Headings, append([]string{r.HeadingStructure.H1}, r.HeadingStructure.H2Sections...))
	md.list(e.LocalSEO, append([]string{r.LocalSEO.OptimizedFor}, r.LocalSEO.LocalKeywords...))
	md.h(3, e.StructuredData)
	md.code(r.StructuredData)
}

func templateMarkdown(md *mdWriter, m *i18n.Messages, r *agents.TemplateSelectionResult) {
	e := m.Export
	md.h(3, e.Template)
	md.p("**" + md.esc(r.PrimaryTemplate.Name) + "**")
	md.list("", r.PrimaryTemplate.Reasons)
	md.h(3, e.Alternatives)
	for _, a := range r.Alternatives {
		md.li("**" + md.esc(a.Name) + "** — " + md.esc(strings.Join(a.Reasons, " ")))
	}
	md.end()
	c := r.Customizations
	md.facts([][2]string{
		{m.Section.Template.Colors, strings.Join(nonEmpty(c.Colors.Primary, c.Colors.Secondary, c.Colors.Accent, c.Colors.Background, c.Colors.Text), ", ")},
		{m.Section.Template.Fonts, strings.Join(nonEmpty(c.Fonts.Heading, c.Fonts.Body), ", ")},
		{e.SectionOrder, strings.Join(siteSectionNames(m, c.SectionOrder), " → ")},
	})
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// mdWriter builds a Markdown document.
type mdWriter struct {
	m      *i18n.Messages
	b      strings.Builder
	inList bool
}

func (w *mdWriter) String() string { return strings.TrimSpace(w.b.String()) + "\n" }

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)

// esc makes generated text literal: no emphasis, links, headings or HTML.
func (w *mdWriter) esc(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

func (w *mdWriter) h(level int, text string) {
	w.end()
	fmt.Fprintf(&w.b, "%s %s\n\n", strings.Repeat("#", level), w.esc(text))
}

func (w *mdWriter) p(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	w.end()
	w.b.WriteString(w.esc(text) + "\n\n")
}

func (w *mdWriter) li(text string) {
	w.inList = true
	w.b.WriteString("- " + text + "\n")
}

func (w *mdWriter) end() {
	if w.inList {
		w.b.WriteString("\n")
		w.inList = false
	}
}

func (w *mdWriter) list(title string, items []string) {
	items = nonEmpty(items...)
	if len(items) == 0 {
		return
	}
	if title != "" {
		w.h(3, title)
	}
	for _, it := range items {
		w.li(w.esc(it))
	}
	w.end()
}

func (w *mdWriter) facts(pairs [][2]string) {
	for _, kv := range pairs {
		if strings.TrimSpace(kv[1]) == "" {
			continue
		}
		if kv[0] == "" {
			w.li(w.esc(kv[1]))
		} else {
			w.li("**" + w.esc(labelColon(w.m, kv[0])) + "** " + w.esc(kv[1]))
		}
	}
	w.end()
}

func (w *mdWriter) code(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	w.end()
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	w.b.WriteString(fence + "\n" + text + "\n" + fence + "\n\n")
}

func siteSectionNames(m *i18n.Messages, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = siteSectionName(m, id)
	}
	return out
}
