package site

import (
	"fmt"
	"strings"

	"genesis/agents"
)

// Contrast targets (WCAG 2.x): body text aims for AAA and never settles below AA; every other
// foreground (links, muted text, text on colour bands and buttons) reaches AA for normal text.
const (
	contrastAA  = 4.5
	contrastAAA = 7.0
)

// colours are a site's colour custom properties. Each foreground is chosen for the backgrounds it
// is drawn on, so the themes' CSS may combine only these pairs:
//
//	Text, Muted, Link      on Bg, Surface and Tint
//	OnPrimary              on Primary     (buttons, colour bands)
//	OnSecondary            on Secondary
//	OnAccent               on Accent
//	OnDark                 on Dark        (footers, dark bands)
//	Focus outline          Focus with a FocusHalo around it, visible on any colour
//
// Border and Primary/Secondary/Accent used alone are decoration only.
type colours struct {
	Bg, Surface, Tint, Text, Muted, Link, Border string
	Primary, OnPrimary                           string
	Secondary, OnSecondary                       string
	Accent, OnAccent                             string
	Dark, OnDark                                 string
	Focus, FocusHalo                             string
	ColorScheme                                  string // "light" or "dark", for form controls and scrollbars
}

// scheme is how a theme turns a brief's palette into page colours.
type scheme struct {
	Dark bool // a dark page with light text
	// Paper is the background the theme leans towards; PaperMix is how far (0 keeps the brief's
	// background, 1 replaces it).
	Paper    agents.RGB
	PaperMix float64
	// Defaults stand in for colours the brief lacks.
	Primary, Secondary, Accent agents.RGB
}

// briefColours are the brief's five colour roles, from the template's customisations first, then
// the logo palette, each already parsed.
type briefColours struct {
	Primary, Secondary, Accent, Background, Text agents.RGB
}

func pickColours(b Brief, s scheme) briefColours {
	role := func(names ...string) string {
		for _, n := range names {
			for _, c := range b.Logo.ColorPalette {
				if strings.EqualFold(c.Role, n) {
					return c.Hex
				}
			}
		}
		return ""
	}
	cz := b.Template.Customizations.Colors
	return briefColours{
		Primary:    firstColour(s.Primary, cz.Primary, role("primary")),
		Secondary:  firstColour(s.Secondary, cz.Secondary, role("secondary", "highlight")),
		Accent:     firstColour(s.Accent, cz.Accent, role("accent", "highlight")),
		Background: firstColour(agents.White, cz.Background, role("neutral-light", "background")),
		Text:       firstColour(rgb(0x1a1a1a), cz.Text, role("neutral-dark", "text")),
	}
}

// firstColour returns the first candidate written as "#rrggbb", or fallback.
func firstColour(fallback agents.RGB, candidates ...string) agents.RGB {
	for _, c := range candidates {
		c = strings.TrimSpace(c)
		if !strings.HasPrefix(c, "#") {
			continue
		}
		if v, err := agents.ParseHex(c); err == nil {
			return v
		}
	}
	return fallback
}

// rgb spells a theme's colour as 0xrrggbb.
func rgb(v uint32) agents.RGB { return agents.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)} }

// deriveColours computes the custom properties of one site.
func deriveColours(bc briefColours, s scheme) colours {
	var bg, text agents.RGB
	if s.Dark {
		base := bc.Text
		if base.Luminance() > 0.05 {
			base = mix(bc.Primary, agents.Black, 0.8)
		}
		bg = mix(base, s.Paper, s.PaperMix)
		text = bc.Background
		if text.Luminance() < 0.7 {
			text = rgb(0xf4f4f2)
		}
	} else {
		base := bc.Background
		if base.Luminance() < 0.75 {
			base = agents.White
		}
		bg = mix(base, s.Paper, s.PaperMix)
		text = bc.Text
	}
	lift := agents.Black
	if s.Dark {
		lift = agents.White
	}
	surface := mix(mix(bg, bc.Primary, 0.05), lift, 0.03)
	tint := mix(bg, bc.Secondary, 0.16)
	pageBgs := []agents.RGB{bg, surface, tint}

	text = ensureContrast(text, pageBgs, contrastAAA)
	muted := text
	for _, t := range []float64{0.45, 0.35, 0.25, 0.15} {
		if c := mix(text, bg, t); minContrast(c, pageBgs) >= contrastAA {
			muted = c
			break
		}
	}
	dark := mix(bc.Primary, agents.Black, 0.72)
	if s.Dark {
		dark = mix(bg, agents.Black, 0.5)
	}
	focus, halo := agents.Black, agents.White
	if s.Dark {
		focus, halo = agents.White, agents.Black
	}
	scheme := "light"
	if s.Dark {
		scheme = "dark"
	}
	return colours{
		Bg:          bg.Hex(),
		Surface:     surface.Hex(),
		Tint:        tint.Hex(),
		Text:        text.Hex(),
		Muted:       muted.Hex(),
		Link:        ensureContrast(bc.Primary, pageBgs, contrastAA).Hex(),
		Border:      mix(text, bg, 0.8).Hex(),
		Primary:     bc.Primary.Hex(),
		OnPrimary:   onColour(bc.Primary, bg, text).Hex(),
		Secondary:   bc.Secondary.Hex(),
		OnSecondary: onColour(bc.Secondary, bg, text).Hex(),
		Accent:      bc.Accent.Hex(),
		OnAccent:    onColour(bc.Accent, bg, text).Hex(),
		Dark:        dark.Hex(),
		OnDark:      onColour(dark, bg, text).Hex(),
		Focus:       focus.Hex(),
		FocusHalo:   halo.Hex(),
		ColorScheme: scheme,
	}
}

// onColour picks the text colour for a band or button of colour band: the page's own text or
// background colour when one reads well on it, otherwise black or white, adjusted until AA holds.
func onColour(band, pageBg, pageText agents.RGB) agents.RGB {
	best := pageBg
	if agents.Contrast(pageText, band) > agents.Contrast(best, band) {
		best = pageText
	}
	if agents.Contrast(best, band) >= contrastAA {
		return best
	}
	return ensureContrast(best, []agents.RGB{band}, contrastAA)
}

// ensureContrast returns fg, moved towards black or white in bounded steps until it reaches min
// against every background; when no mix does, the extreme that does best.
func ensureContrast(fg agents.RGB, bgs []agents.RGB, min float64) agents.RGB {
	if minContrast(fg, bgs) >= min {
		return fg
	}
	target := agents.Black
	if minContrast(agents.White, bgs) > minContrast(agents.Black, bgs) {
		target = agents.White
	}
	const steps = 20
	for i := 1; i <= steps; i++ {
		if c := mix(fg, target, float64(i)/steps); minContrast(c, bgs) >= min {
			return c
		}
	}
	return target
}

func minContrast(fg agents.RGB, bgs []agents.RGB) float64 {
	lowest := 21.0
	for _, bg := range bgs {
		lowest = min(lowest, agents.Contrast(fg, bg))
	}
	return lowest
}

// mix blends a towards b by t (0 is a, 1 is b), channel by channel.
func mix(a, b agents.RGB, t float64) agents.RGB {
	t = max(0, min(1, t))
	ch := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return agents.RGB{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B)}
}

// css writes the colours as custom property declarations.
func (c colours) css(b *strings.Builder) {
	for _, d := range []struct{ name, value string }{
		{"bg", c.Bg}, {"surface", c.Surface}, {"tint", c.Tint}, {"text", c.Text}, {"muted", c.Muted},
		{"link", c.Link}, {"border", c.Border},
		{"primary", c.Primary}, {"on-primary", c.OnPrimary},
		{"secondary", c.Secondary}, {"on-secondary", c.OnSecondary},
		{"accent", c.Accent}, {"on-accent", c.OnAccent},
		{"dark", c.Dark}, {"on-dark", c.OnDark},
		{"focus", c.Focus}, {"focus-halo", c.FocusHalo},
	} {
		fmt.Fprintf(b, "  --c-%s: %s;\n", d.name, d.value)
	}
	fmt.Fprintf(b, "  color-scheme: %s;\n", c.ColorScheme)
}
