package agents

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
)

// paletteHSL is a colour as hue (degrees, 0..360), saturation and lightness (0..1). Palette moves (hue
// shifts, "bolder", "more minimal") are easiest to express here.
type paletteHSL struct{ h, s, l float64 }

func paletteHSLOf(c RGB) paletteHSL {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	hi, lo := max(r, g, b), min(r, g, b)
	l := (hi + lo) / 2
	if hi == lo {
		return paletteHSL{0, 0, l}
	}
	d := hi - lo
	s := d / (1 - math.Abs(2*l-1))
	var h float64
	switch hi {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return paletteHSL{paletteWrapHue(h * 60), paletteClamp(s), l}
}

func (c paletteHSL) rgb() RGB {
	s, l := paletteClamp(c.s), paletteClamp(c.l)
	ch := (1 - math.Abs(2*l-1)) * s
	hp := paletteWrapHue(c.h) / 60
	x := ch * (1 - math.Abs(math.Mod(hp, 2)-1))
	var r, g, b float64
	switch {
	case hp < 1:
		r, g = ch, x
	case hp < 2:
		r, g = x, ch
	case hp < 3:
		g, b = ch, x
	case hp < 4:
		g, b = x, ch
	case hp < 5:
		r, b = x, ch
	default:
		r, b = ch, x
	}
	m := l - ch/2
	to := func(v float64) uint8 { return uint8(math.Round(paletteClamp(v+m) * 255)) }
	return RGB{to(r), to(g), to(b)}
}

func paletteWrapHue(h float64) float64 {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	return h
}

func paletteClamp(v float64) float64 { return math.Min(1, math.Max(0, v)) }

// paletteDarken lowers lightness just enough for c to reach ratio against every background. Lightness
// is monotonic in luminance for a fixed hue and saturation, so a bisection finds the lightest
// colour that passes; black always passes against the light backgrounds this is used with.
func paletteDarken(c paletteHSL, ratio float64, backgrounds ...RGB) paletteHSL {
	passes := func(l float64) bool {
		rgb := paletteHSL{c.h, c.s, l}.rgb()
		for _, bg := range backgrounds {
			if Contrast(rgb, bg) < ratio {
				return false
			}
		}
		return true
	}
	if passes(c.l) {
		return c
	}
	lo, hi := 0.0, c.l // lo passes, hi does not
	for range 24 {
		mid := (lo + hi) / 2
		if passes(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	c.l = lo
	return c
}

// Palette roles, in the order the palette lists them.
const (
	paletteRolePrimary      = "primary"
	paletteRoleSecondary    = "secondary"
	paletteRoleAccent       = "accent"
	paletteRoleHighlight    = "highlight"
	paletteRoleNeutralDark  = "neutral-dark"
	paletteRoleNeutralLight = "neutral-light"
)

// Minimum contrast ratios the palette guarantees (WCAG 2: 4.5 is AA for text, 7 is AAA, 3 is the
// floor for meaningful graphics).
const (
	paletteTextContrast    = 4.5
	paletteBodyContrast    = 7
	paletteGraphicContrast = 3
	// paletteAccentVisible keeps a decorative accent from vanishing on white.
	paletteAccentVisible = 2
)

// logoPalette is the brand palette and the colours the logo drawings use.
type logoPalette struct {
	primary, secondary, accent, dark, light RGB
	colors                                  []PaletteColor
	names                                   map[RGB]Text // as the palette lists them, both languages
}

// ref names a palette colour in a sentence as the palette does: "Deep Teal (#0f5e63)",
// lower-cased in French where colour names are common nouns.
func (pal logoPalette) ref(c RGB, lang Language) string {
	n, ok := pal.names[c]
	if !ok {
		n = Text{paletteColorName(c, English), paletteColorName(c, French)}
	}
	name := n.In(lang)
	if lang == French {
		name = strings.ToLower(name)
	}
	return name + " (" + c.Hex() + ")"
}

// paletteFallbackColors are used when the sector profile names no colours: calm, saturated brand
// hues that all survive darkening to AA text.
func paletteFallbackColors() [8]string {
	return [8]string{"#1f6f8b", "#2e7d32", "#6a4c93", "#b03a2e", "#c2571a", "#00796b", "#283593", "#8e3b46"}
}

// logoNameHash is a stable hash of the business name, independent of variation, so a name keeps its
// own hue shift across regenerations.
func logoNameHash(name string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(fold(name)))
	return h.Sum32()
}

// deriveLogoPalette builds 4–6 colours from the sector's colours, shifted by the name's hash and the
// request's variation. Minimal drops the secondary colour and mutes saturation; Bolder saturates
// and adds a highlight.
func deriveLogoPalette(sector SectorProfile, name string, variation int, rng *rand.Rand, hints Hints, lang Language) logoPalette {
	// Sector palettes list their neutrals (cream, white, charcoal) among the colours; the brand
	// colours come from the chromatic ones, the neutrals are derived from the primary below.
	var base, neutrals []paletteHSL
	for _, hex := range sector.Colors {
		c, err := ParseHex(hex)
		if err != nil {
			continue
		}
		if x := paletteHSLOf(c); x.s >= 0.2 && x.l >= 0.12 && x.l <= 0.88 {
			base = append(base, x)
		} else {
			neutrals = append(neutrals, x)
		}
	}
	if len(base) == 0 {
		base = neutrals
	}
	nh := logoNameHash(name)
	if len(base) == 0 {
		fallback := paletteFallbackColors()
		c, _ := ParseHex(fallback[nh%uint32(len(fallback))])
		base = append(base, paletteHSLOf(c))
	}
	// The strongest sector colour leads the first generation; regenerations may lead with another
	// of the first three and always move the hue a noticeable amount.
	lead := 0
	jitter := rng.Float64()*10 - 5
	if variation > 0 {
		lead = rng.IntN(min(3, len(base)))
		jitter = (12 + rng.Float64()*18) * float64(1-2*rng.IntN(2))
	}
	// The name moves the hue by up to 12°: its own colour, still recognisably the sector's.
	shift := float64(int(nh%25)-12) + jitter
	at := func(i int) paletteHSL {
		c := base[(lead+i)%len(base)]
		c.h = paletteWrapHue(c.h + shift)
		return c
	}

	p := at(0)
	// A near-grey sector colour would give a lifeless brand; give it some colour.
	p.s = math.Max(p.s, 0.35)
	p.l = math.Min(math.Max(p.l, 0.25), 0.55)
	switch {
	case hints.Bolder:
		p.s = math.Min(0.95, math.Max(p.s, 0.7)*1.15)
	case hints.Minimal:
		p.s *= 0.55
	}
	if hints.Formal {
		p.l *= 0.85
	}

	light := paletteHSL{p.h, 0.3, 0.965}
	dark := paletteHSL{p.h, 0.25, 0.13}
	switch {
	case hints.Bolder:
		light, dark = paletteHSL{p.h, 0.5, 0.95}, paletteHSL{p.h, 0.35, 0.12}
	case hints.Minimal:
		light, dark = paletteHSL{p.h, 0.08, 0.97}, paletteHSL{p.h, 0.06, 0.12}
	}
	lightRGB := light.rgb()
	dark = paletteDarken(dark, paletteBodyContrast, lightRGB, White)
	// Primary carries headings and the logo lettering on white or on neutral-light.
	if d := paletteDarken(p, paletteTextContrast, lightRGB, White); p.h > 40 && p.h < 72 && p.l-d.l > 0.08 {
		// Darkened yellows turn olive; warming them first keeps them gold and brown.
		p.h -= math.Min(14, p.h-32)
	}
	p = paletteDarken(p, paletteTextContrast, lightRGB, White)

	var sec paletteHSL
	if len(base) > 1 {
		sec = at(1)
	} else {
		offset := 30.0
		if rng.IntN(2) == 0 {
			offset = 150
		}
		sec = paletteHSL{p.h + offset*float64(1-2*rng.IntN(2)), p.s * 0.9, 0.42}
	}
	sec.h = paletteWrapHue(sec.h)
	sec.s = math.Max(sec.s, 0.3)
	sec.l = math.Min(math.Max(sec.l, 0.2), 0.6)
	if paletteHueDistance(sec.h, p.h) < 18 && math.Abs(sec.l-p.l) < 0.1 {
		sec.h = paletteWrapHue(sec.h + 35)
	}
	sec = paletteDarken(sec, paletteGraphicContrast, White)

	var acc paletteHSL
	if len(base) > 2 {
		acc = at(2)
	} else {
		acc = paletteHSL{p.h + 180 + rng.Float64()*60 - 30, 0.75, 0.52}
	}
	acc.h = paletteWrapHue(acc.h)
	acc.l = math.Min(math.Max(acc.l, 0.35), 0.62)
	switch {
	case hints.Bolder:
		acc.s, acc.l = 0.92, 0.55
	case hints.Minimal:
		acc.s = math.Min(acc.s, 0.45)
	default:
		acc.s = math.Max(acc.s, 0.6)
	}
	if paletteHueDistance(acc.h, p.h) < 25 {
		acc.h = paletteWrapHue(acc.h + 150)
	}
	acc = paletteDarken(acc, paletteAccentVisible, White)

	pal := logoPalette{primary: p.rgb(), secondary: sec.rgb(), accent: acc.rgb(), dark: dark.rgb(), light: lightRGB, names: map[RGB]Text{}}
	usedEN, usedFR := map[string]bool{}, map[string]bool{}
	add := func(role string, c RGB) {
		n := Text{paletteColorName(c, English), paletteColorName(c, French)}
		if role == paletteRoleNeutralDark {
			n = Text{paletteInkName(c, English), paletteInkName(c, French)}
		}
		// Two colours of one palette never share a name.
		if usedEN[n.EN] {
			n.EN += " (" + role + ")"
		}
		if usedFR[n.FR] {
			n.FR += " (" + role + ")"
		}
		usedEN[n.EN], usedFR[n.FR] = true, true
		if _, ok := pal.names[c]; !ok {
			pal.names[c] = n
		}
		pc := logoPaletteColor(role, c, lang)
		pc.Name = n.In(lang)
		pal.colors = append(pal.colors, pc)
	}
	add(paletteRolePrimary, pal.primary)
	if hints.Minimal {
		// Minimal palettes draw secondary shapes in the primary colour.
		pal.secondary = pal.primary
	} else {
		add(paletteRoleSecondary, pal.secondary)
	}
	add(paletteRoleAccent, pal.accent)
	if hints.Bolder {
		hl := paletteDarken(paletteHSL{acc.h + 40, 0.95, 0.6}, paletteAccentVisible, White)
		add(paletteRoleHighlight, hl.rgb())
	}
	add(paletteRoleNeutralDark, pal.dark)
	add(paletteRoleNeutralLight, pal.light)
	return pal
}

func paletteHueDistance(a, b float64) float64 {
	d := math.Abs(paletteWrapHue(a) - paletteWrapHue(b))
	return math.Min(d, 360-d)
}

// logoPaletteColor describes c with its contrast against white and black. Ratios are truncated (not
// rounded) to two decimals so a shown 4.50 always means AA: WCAG thresholds are not rounded.
func logoPaletteColor(role string, c RGB, lang Language) PaletteColor {
	p := PaletteColor{Hex: c.Hex(), Role: role, Name: paletteColorName(c, lang)}
	p.rateContrast(c)
	return p
}

// rateContrast sets p's contrasts against white and black, whoever chose the colour c: the
// figures truncated, the ratings from the exact ratios.
func (p *PaletteColor) rateContrast(c RGB) {
	onWhite, onBlack := Contrast(c, White), Contrast(c, Black)
	p.ContrastOnWhite, p.ContrastOnBlack = paletteTruncContrast(onWhite), paletteTruncContrast(onBlack)
	p.WCAGOnWhite, p.WCAGOnBlack = WCAGRating(onWhite), WCAGRating(onBlack)
}

func paletteTruncContrast(v float64) float64 { return math.Floor(v*100+1e-9) / 100 }

// paletteHueNames divide the colour wheel; each entry covers hues up to its limit. French colour nouns are
// all masculine, so the shade words below agree with every one of them.
func paletteHueNames() [16]struct {
	upTo float64
	name Text
} {
	return [16]struct {
		upTo float64
		name Text
	}{
		{10, Text{"Red", "Rouge"}},
		{22, Text{"Vermilion", "Vermillon"}},
		{38, Text{"Orange", "Orange"}},
		{50, Text{"Amber", "Ambre"}},
		{64, Text{"Gold", "Or"}},
		{85, Text{"Chartreuse", "Vert anis"}},
		{150, Text{"Green", "Vert"}},
		{172, Text{"Jade", "Jade"}},
		{195, Text{"Teal", "Bleu canard"}},
		{215, Text{"Azure", "Azur"}},
		{240, Text{"Blue", "Bleu"}},
		{262, Text{"Indigo", "Indigo"}},
		{285, Text{"Violet", "Violet"}},
		{320, Text{"Plum", "Pourpre"}},
		{345, Text{"Magenta", "Magenta"}},
		{360, Text{"Crimson", "Cramoisi"}},
	}
}

// paletteColorName gives a short human name such as "Deep Teal" / "Bleu canard profond".
func paletteColorName(c RGB, lang Language) string {
	x := paletteHSLOf(c)
	if x.s < 0.15 || (x.l > 0.9 && x.s < 0.5) || x.l < 0.08 {
		var n Text
		switch {
		case x.l < 0.2:
			n = Text{"Charcoal", "Anthracite"}
		case x.l < 0.4:
			n = Text{"Slate", "Gris ardoise"}
		case x.l < 0.65:
			n = Text{"Grey", "Gris"}
		case x.l < 0.85:
			n = Text{"Silver", "Gris perle"}
		case x.h >= 20 && x.h < 90 && x.s > 0.05:
			n = Text{"Ivory", "Ivoire"}
		default:
			n = Text{"Snow", "Blanc neige"}
		}
		return n.In(lang)
	}
	hue := paletteHueName(x.h)
	var shade Text
	switch {
	case x.l < 0.25:
		shade = Text{"Deep", "profond"}
	case x.l < 0.4:
		shade = Text{"Dark", "foncé"}
	case x.l > 0.82:
		shade = Text{"Pale", "pâle"}
	case x.l > 0.65:
		shade = Text{"Soft", "doux"}
	case x.s > 0.85:
		shade = Text{"Vivid", "vif"}
	}
	if shade.EN == "" {
		return hue.In(lang)
	}
	if lang == French {
		return hue.FR + " " + shade.FR
	}
	return shade.EN + " " + hue.EN
}

func paletteHueName(h float64) Text {
	names := paletteHueNames()
	for _, hn := range names {
		if h < hn.upTo {
			return hn.name
		}
	}
	return names[len(names)-1].name
}

// paletteInkName names the near-black text colour after the hue it is tinted with: "Teal Ink".
func paletteInkName(c RGB, lang Language) string {
	x := paletteHSLOf(c)
	if x.s < 0.05 {
		return Text{"Ink", "Encre"}.In(lang)
	}
	hue := paletteHueName(x.h)
	if lang == French {
		return "Encre " + strings.ToLower(hue.FR)
	}
	return hue.EN + " Ink"
}
