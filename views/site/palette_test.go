package site

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"testing"

	"genesis/agents"
)

// contrastPairs are the foreground/background pairs the stylesheets may combine (see colours).
func contrastPairs(c colours) []struct{ name, fg, bg string } {
	return []struct{ name, fg, bg string }{
		{"text/bg", c.Text, c.Bg}, {"text/surface", c.Text, c.Surface}, {"text/tint", c.Text, c.Tint},
		{"muted/bg", c.Muted, c.Bg}, {"muted/surface", c.Muted, c.Surface}, {"muted/tint", c.Muted, c.Tint},
		{"link/bg", c.Link, c.Bg}, {"link/surface", c.Link, c.Surface}, {"link/tint", c.Link, c.Tint},
		{"on-primary", c.OnPrimary, c.Primary}, {"on-secondary", c.OnSecondary, c.Secondary},
		{"on-accent", c.OnAccent, c.Accent}, {"on-dark", c.OnDark, c.Dark},
		{"focus/halo", c.Focus, c.FocusHalo},
	}
}

func checkContrast(t *testing.T, label string, c colours) {
	t.Helper()
	for _, p := range contrastPairs(c) {
		fg, err1 := agents.ParseHex(p.fg)
		bg, err2 := agents.ParseHex(p.bg)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s %s: bad colours %q %q", label, p.name, p.fg, p.bg)
		}
		if r := agents.Contrast(fg, bg); r < contrastAA {
			t.Errorf("%s %s: %s on %s is %.2f:1, below AA", label, p.name, p.fg, p.bg, r)
		}
	}
}

// TestContrastEveryTheme: whatever palette a brief brings, hard ones included, every pair the
// stylesheets use reaches WCAG AA, in every theme.
func TestContrastEveryTheme(t *testing.T) {
	palettes := []agents.TemplateColors{
		{Primary: "#b5542d", Secondary: "#e0a458", Accent: "#5c7a3a", Background: "#fff8ec", Text: "#3b2a20"},
		{Primary: "#ffff00", Secondary: "#00ffff", Accent: "#ff00ff", Background: "#777777", Text: "#888888"},
		{Primary: "#767676", Secondary: "#777777", Accent: "#787878", Background: "#000000", Text: "#ffffff"},
		{Primary: "#ffffff", Secondary: "#fefefe", Accent: "#000000", Background: "#ffffff", Text: "#ffffff"},
		{},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	hex := func() string { return fmt.Sprintf("#%06x", rng.IntN(1<<24)) }
	for range 40 {
		palettes = append(palettes, agents.TemplateColors{Primary: hex(), Secondary: hex(), Accent: hex(), Background: hex(), Text: hex()})
	}
	for _, id := range Themes() {
		th, _ := themeByID(id)
		for i, p := range palettes {
			b := englishBrief(id)
			b.Template.Customizations.Colors = p
			checkContrast(t, fmt.Sprintf("%s palette %d", id, i), deriveColours(pickColours(b, th.Scheme), th.Scheme))
		}
	}
}

// TestStylesheetCarriesColours: site.css declares the derived colours and fonts, and every
// var() it uses is declared.
func TestStylesheetCarriesColours(t *testing.T) {
	declared := regexp.MustCompile(`(?m)^\s+(--[a-z-]+):`)
	used := regexp.MustCompile(`var\((--[a-z-]+)\)`)
	for _, id := range Themes() {
		b := englishBrief(id)
		css, _ := build(t, b).File("assets/site.css")
		decl := map[string]bool{}
		for _, m := range declared.FindAllStringSubmatch(string(css.Body), -1) {
			decl[m[1]] = true
		}
		for _, m := range used.FindAllStringSubmatch(string(css.Body), -1) {
			if !decl[m[1]] {
				t.Errorf("%s: var(%s) used but not declared", id, m[1])
			}
		}
		th, _ := themeByID(id)
		c := deriveColours(pickColours(b, th.Scheme), th.Scheme)
		if want := "--c-primary: " + c.Primary + ";"; !regexp.MustCompile(regexp.QuoteMeta(want)).Match(css.Body) {
			t.Errorf("%s: site.css lacks %s", id, want)
		}
		if want := "--font-heading: Georgia, 'Times New Roman', serif;"; !regexp.MustCompile(regexp.QuoteMeta(want)).Match(css.Body) {
			t.Errorf("%s: site.css lacks the brief's heading font", id)
		}
	}
}

func TestColoursFromPaletteWhenNoCustomisation(t *testing.T) {
	b := englishBrief("clean-professional")
	b.Template.Customizations.Colors = agents.TemplateColors{}
	th, _ := themeByID("clean-professional")
	if got := pickColours(b, th.Scheme).Primary.Hex(); got != "#b5542d" {
		t.Errorf("primary = %s, want the palette's #b5542d", got)
	}
	b.Logo.ColorPalette = nil
	if got := pickColours(b, th.Scheme).Primary.Hex(); got != th.Scheme.Primary.Hex() {
		t.Errorf("primary = %s, want the theme's %s", got, th.Scheme.Primary.Hex())
	}
}
