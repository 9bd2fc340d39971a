package agents

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func selectTemplate(t *testing.T, b *Builtin, req Request) TemplateSelectionResult {
	t.Helper()
	req.Section = TemplateSelection
	res, err := b.templateSelection(req)
	if err != nil {
		t.Fatalf("template selection: %v", err)
	}
	return res
}

func catalogueIDs() []string {
	return []string{"artisan-warm", "bold-urban", "clean-professional", "elegant-boutique", "fresh-market",
		"tech-modern", "community-hub", "vibrant-creative"}
}

func sectionIDs() []string {
	return []string{"hero", "value_proposition", "services", "about", "testimonials", "gallery", "pricing", "faq",
		"contact", "map"}
}

func TestTemplateCatalogue(t *testing.T) {
	k := testKnowledge(t)
	var ids []string
	looks := map[string]string{}
	for _, tp := range k.Templates {
		ids = append(ids, tp.ID)
		if tp.Name.EN == "" || tp.Name.FR == "" || tp.Description.EN == "" || tp.Description.FR == "" {
			t.Errorf("%s: name and description need both languages", tp.ID)
		}
		if len(tp.Strengths) < 2 || slices.ContainsFunc(tp.Strengths, func(s Text) bool { return s.EN == "" || s.FR == "" }) {
			t.Errorf("%s: want at least two strengths in both languages", tp.ID)
		}
		if len(tp.Tones) == 0 || slices.ContainsFunc(tp.Tones, func(id string) bool { return k.Phrases.toneByID(id).ID != id }) {
			t.Errorf("%s: tones %q must be tone ids of the phrase bank", tp.ID, tp.Tones)
		}
		for _, font := range []string{tp.Fonts.Heading, tp.Fonts.Body} {
			if font == "" || strings.Contains(font, "url(") || strings.Contains(font, "//") || strings.Contains(font, "@") {
				t.Errorf("%s: font %q must be a local font stack", tp.ID, font)
			}
			if !strings.HasSuffix(font, "serif") && !strings.HasSuffix(font, "sans-serif") && !strings.HasSuffix(font, "monospace") {
				t.Errorf("%s: font stack %q must end with a generic family", tp.ID, font)
			}
		}
		if len(tp.SectionOrder) == 0 || tp.SectionOrder[0] != "hero" || !slices.Contains(tp.SectionOrder, "contact") {
			t.Errorf("%s: sections %q must start with hero and include contact", tp.ID, tp.SectionOrder)
		}
		for _, s := range tp.SectionOrder {
			if !slices.Contains(sectionIDs(), s) {
				t.Errorf("%s: unknown section %q", tp.ID, s)
			}
		}
		look := strings.Join([]string{tp.Style, tp.Fonts.Heading, strings.Join(tp.SectionOrder, ",")}, "|")
		if other, ok := looks[look]; ok {
			t.Errorf("%s looks exactly like %s", tp.ID, other)
		}
		looks[look] = tp.ID
	}
	if diff := cmp.Diff(catalogueIDs(), ids); diff != "" {
		t.Errorf("catalogue ids (-want +got):\n%s", diff)
	}
}

func TestTemplateSelectionExplainsItsChoice(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	lowBandwidth := bakeryLagos()
	lowBandwidth.Location = Location{City: "Niamey", Country: "Niger"}
	lowBandwidth.Tone = ""
	tests := []struct {
		name        string
		input       Input
		instruction string
		want        []string // acceptable primary templates (close scores tie); nil when any is
		wantStyles  []string
	}{
		{"warm bakery", bakeryLagos(), "", []string{"artisan-warm", "fresh-market"}, nil},
		{"warm salon in French", salonDakar(), "", []string{"elegant-boutique"}, nil},
		{"bolder salon", salonDakar(), "plus audacieux", nil, []string{"bold", "playful"}},
		{"simpler bakery", bakeryLagos(), "more minimal", nil, []string{"minimal", "modern", "fresh", "elegant"}},
		{"bakery where few are online", lowBandwidth, "", nil, nil},
		{"unknown everything", Input{BusinessName: "Zed", Language: English}, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := selectTemplate(t, b, Request{Input: tt.input, Instruction: tt.instruction})
			p := res.PrimaryTemplate
			if tt.want != nil && !slices.Contains(tt.want, p.ID) {
				t.Errorf("primary template %s, want one of %q; reasons: %q", p.ID, tt.want, p.Reasons)
			}
			if tt.wantStyles != nil {
				tp, _ := b.k.Template(p.ID)
				if !slices.Contains(tt.wantStyles, tp.Style) {
					t.Errorf("primary %s has style %q, want one of %q", p.ID, tp.Style, tt.wantStyles)
				}
			}
			if n := len(res.Alternatives); n < 2 || n > 3 {
				t.Errorf("%d alternatives, want 2 or 3", n)
			}
			for _, c := range append([]TemplateChoice{p}, res.Alternatives...) {
				if !slices.Contains(catalogueIDs(), c.ID) || c.Name == "" {
					t.Errorf("choice %+v is not a catalogue template", c)
				}
				if len(c.Reasons) < 4 || slices.Contains(c.Reasons, "") {
					t.Errorf("%s: reasons %q do not explain every score component", c.ID, c.Reasons)
				}
				if c.Score <= 0 || c.Score > 100 {
					t.Errorf("%s: score %v out of 0..100", c.ID, c.Score)
				}
				if c.ID != p.ID && c.Score > p.Score+tiePoints {
					t.Errorf("alternative %s (%v) beats the primary %s (%v) by more than a tie", c.ID, c.Score, p.ID, p.Score)
				}
			}
			if slices.ContainsFunc(res.Alternatives, func(c TemplateChoice) bool { return c.ID == p.ID }) {
				t.Errorf("primary %s also listed as an alternative", p.ID)
			}
		})
	}
}

func TestTemplateSelectionFollowsConnectivity(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	in := Input{BusinessName: "Zed", Sector: "zzz", Language: English, Location: Location{City: "Niamey", Country: "Niger"}}
	res := selectTemplate(t, b, Request{Input: in})
	tp, _ := b.k.Template(res.PrimaryTemplate.ID)
	if !tp.LowBandwidth || !tp.MobileFirst {
		t.Errorf("17%% online: primary %s is not light and mobile-first", tp.ID)
	}
	if !slices.ContainsFunc(res.PrimaryTemplate.Reasons, func(r string) bool { return strings.Contains(r, "17%") }) {
		t.Errorf("reasons %q do not cite the share of people online", res.PrimaryTemplate.Reasons)
	}
}

func TestTemplateReasonsAreInTheBriefLanguage(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	english := []string{"the", "and", "for", "with", "sector", "fit", "tone", "connectivity", "online", "bookings", "look"}
	for _, instruction := range []string{"", "plus audacieux", "plus sobre, mettre l'accent sur les prix"} {
		for variation := range 3 {
			res := selectTemplate(t, b, Request{Input: salonDakar(), Instruction: instruction, Variation: variation})
			for _, c := range append([]TemplateChoice{res.PrimaryTemplate}, res.Alternatives...) {
				for _, reason := range append(c.Reasons, c.Name) {
					if word := firstForbiddenWord(reason, english); word != "" {
						t.Errorf("%q: reason %q contains %q", instruction, reason, word)
					}
				}
			}
		}
	}
}

func TestTemplateSectionOrder(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	noServices := bakeryLagos()
	noServices.Services = nil
	nowhere := bakeryLagos()
	nowhere.Location = Location{}
	tests := []struct {
		name        string
		input       Input
		instruction string
		check       func(order []string) string
	}{
		{"no services, no price list", noServices, "", func(o []string) string {
			return failIf(slices.Contains(o, "pricing"), "pricing kept without services")
		}},
		{"no location, no map", nowhere, "", func(o []string) string {
			return failIf(slices.Contains(o, "map"), "map kept without a location")
		}},
		{"focus on prices", bakeryLagos(), "focus on prices", func(o []string) string {
			return failIf(len(o) < 2 || o[1] != "pricing", "pricing not right after the hero")
		}},
		{"accent sur l'équipe", salonDakar(), "mettre l'accent sur l'équipe", func(o []string) string {
			return failIf(len(o) < 2 || o[1] != "about", "about not right after the hero")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for variation := range 4 {
				order := selectTemplate(t, b, Request{Input: tt.input, Instruction: tt.instruction, Variation: variation}).Customizations.SectionOrder
				if msg := tt.check(order); msg != "" {
					t.Errorf("variation %d: %s: %q", variation, msg, order)
				}
				if order[0] != "hero" || !slices.Contains(order, "contact") {
					t.Errorf("variation %d: %q must start with hero and include contact", variation, order)
				}
				for _, s := range order {
					if !slices.Contains(sectionIDs(), s) {
						t.Errorf("variation %d: unknown section %q", variation, s)
					}
				}
			}
		})
	}
}

func failIf(failed bool, msg string) string {
	if failed {
		return msg
	}
	return ""
}

// TestTemplateColorsAreReadable checks text on background reaches WCAG AA (4.5:1) and the primary
// colour reads as large text (3:1), for every template and for hostile sector colours.
func TestTemplateColorsAreReadable(t *testing.T) {
	k := testKnowledge(t)
	b := NewBuiltin(k)
	r := rand.New(rand.NewPCG(15, 16))
	palettes := [][]string{{"#ffffff"}, {"#000000", "#111111"}, {"#ffff00", "#00ff00", "#00ffff"}, {"not a colour"}, nil,
		{"#777777", "#808080", "#898989"}}
	for range 20 {
		palettes = append(palettes, []string{RGB{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256))}.Hex()})
	}
	for i, palette := range palettes {
		k.Sectors[0].Colors = palette
		for _, instruction := range []string{"", "bolder", "minimal"} {
			for variation := range 3 {
				res := selectTemplate(t, b, Request{Input: bakeryLagos(), Instruction: instruction, Variation: variation})
				c := res.Customizations.Colors
				background, text, primary := mustHex(t, c.Background), mustHex(t, c.Text), mustHex(t, c.Primary)
				mustHex(t, c.Secondary)
				mustHex(t, c.Accent)
				if ratio := Contrast(text, background); ratio < 4.5 {
					t.Errorf("palette %d %q, %q, variation %d: text %s on %s contrast %.2f < 4.5", i, palette, instruction, variation, c.Text, c.Background, ratio)
				}
				if ratio := Contrast(primary, background); ratio < 3 {
					t.Errorf("palette %d %q, %q, variation %d: primary %s on %s contrast %.2f < 3", i, palette, instruction, variation, c.Primary, c.Background, ratio)
				}
			}
		}
	}
}

func mustHex(t *testing.T, hex string) RGB {
	t.Helper()
	c, err := ParseHex(hex)
	if err != nil {
		t.Fatalf("colour %q: %v", hex, err)
	}
	return c
}

func TestTemplateSelectionIsDeterministicPerVariation(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	for _, in := range []Input{bakeryLagos(), salonDakar(), {BusinessName: "Zed", Language: French}} {
		first := selectTemplate(t, b, Request{Input: in})
		if diff := cmp.Diff(first, selectTemplate(t, b, Request{Input: in})); diff != "" {
			t.Errorf("%s: same request, different result (-first +again):\n%s", in.BusinessName, diff)
		}
		looks := map[string]bool{}
		for variation := range 8 {
			res := selectTemplate(t, b, Request{Input: in, Variation: variation})
			looks[res.PrimaryTemplate.ID+" "+res.Customizations.Colors.Primary] = true
		}
		if len(looks) < 2 {
			t.Errorf("%s: eight variations gave one look: %v", in.BusinessName, looks)
		}
	}
}

func TestTemplateFontsComeFromTheTemplate(t *testing.T) {
	b := NewBuiltin(testKnowledge(t))
	res := selectTemplate(t, b, Request{Input: salonDakar()})
	tp, _ := b.k.Template(res.PrimaryTemplate.ID)
	want := TemplateFonts{Heading: tp.Fonts.Heading, Body: tp.Fonts.Body}
	if diff := cmp.Diff(want, res.Customizations.Fonts); diff != "" {
		t.Errorf("fonts (-want +got):\n%s", diff)
	}
}

func TestRotateHueKeepsLightness(t *testing.T) {
	tests := []struct {
		in      string
		degrees float64
		want    string
	}{
		{"#ff0000", 120, "#00ff00"},
		{"#ff0000", 240, "#0000ff"},
		{"#808080", 90, "#808080"},
		{"#c8742c", 360, "#c8742c"},
	}
	for _, tt := range tests {
		if got := rotateHue(mustHex(t, tt.in), tt.degrees).Hex(); got != tt.want {
			t.Errorf("rotateHue(%s, %v) = %s, want %s", tt.in, tt.degrees, got, tt.want)
		}
	}
}

func BenchmarkTemplateSelection(b *testing.B) {
	k := mustLoadKnowledge(b)
	builtin := NewBuiltin(k)
	for b.Loop() {
		if _, err := builtin.templateSelection(Request{Section: TemplateSelection, Input: salonDakar()}); err != nil {
			b.Fatal(err)
		}
	}
}
