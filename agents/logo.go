package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

// Logo concepts, as Logo.Concept names them.
const (
	ConceptMonogram = "monogram"
	ConceptWordmark = "wordmark"
	ConceptEmblem   = "emblem"
)

// Canvas sizes in SVG user units. Monogram and emblem are square; the wordmark is wide so long names
// stay legible. RasterizeSVG keeps the aspect ratio inside its square output.
const (
	logoSquareCanvas   = 512
	logoWordmarkWidth  = 960
	logoWordmarkHeight = 320
	// logoNameRunes bounds the lettering of wordmark and emblem; longer names are shortened at a
	// word boundary (and such names get the monogram as primary anyway).
	logoNameRunes  = 80
	logoTitleRunes = 120
)

// logoCreation draws three logo concepts with their palette and brand guidelines. Parsing the
// fonts takes microseconds; a logoFonts kept across requests (it is safe for concurrent use) also
// keeps the outlined glyphs and halves the agent's time.
func (b *Builtin) logoCreation(req Request) (LogoCreationResult, error) {
	fonts, err := b.logos()
	if err != nil {
		return LogoCreationResult{}, fmt.Errorf("logo creation: %w", err)
	}
	var sector SectorProfile
	if b.k != nil {
		sector, _ = b.k.Sector(req.Input.Sector)
	}
	return fonts.logos(req, sector)
}

// logoBrief is what every concept of one request shares.
type logoBrief struct {
	lang    Language
	hints   Hints
	rng     *rand.Rand
	buf     *sfnt.Buffer
	title   string // accessible name, the owner's spelling
	display string // the name as the fonts can draw it
	pal     logoPalette
	motif   logoMotif
	// specific is false when the sector suggested no symbol and the motif is abstract.
	specific bool
	notes    []Text // said in every description: substitutions, shortening
	mood     Text   // what the sector's colours convey, from the knowledge data
}

// logoConcept is one drawn concept before it becomes a Logo.
type logoConcept struct {
	logo Logo
	font string // font the lettering is outlined from
	// clearSpace is the minimum free margin around the logo on a 512 px export, and what it measures.
	clearSpace     int
	clearSpaceRule Text
}

func (lf *logoFonts) logos(req Request, sector SectorProfile) (LogoCreationResult, error) {
	in := req.Input
	lb := &logoBrief{lang: briefLanguage(in.Language), hints: ParseHints(req.Instruction), rng: rngFor(req), buf: &sfnt.Buffer{}}
	lb.display, lb.notes = lf.displayName(lb.buf, in, sector, lb.lang)
	lb.title = logoTitle(in.BusinessName)
	if lb.title == "" {
		lb.title = lb.display
	}
	lb.pal = deriveLogoPalette(sector, in.BusinessName, req.Variation, lb.rng, lb.hints, lb.lang)
	lb.motif, lb.specific = logoSectorMotif(sector, in.Sector, in.BusinessName)
	lb.mood = sector.ColorMood

	mono, err := lf.monogram(lb)
	if err != nil {
		return LogoCreationResult{}, fmt.Errorf("monogram: %w", err)
	}
	word, err := lf.wordmark(lb)
	if err != nil {
		return LogoCreationResult{}, fmt.Errorf("wordmark: %w", err)
	}
	emb, err := lf.emblem(lb)
	if err != nil {
		return LogoCreationResult{}, fmt.Errorf("emblem: %w", err)
	}

	primary, reason := logoChoosePrimary(lb.display, lb.specific, lb.hints, req.Instruction)
	concepts := []*logoConcept{mono, word, emb}
	var res LogoCreationResult
	var main *logoConcept
	for _, c := range concepts {
		for _, n := range lb.notes {
			c.logo.Description += " " + n.In(lb.lang)
		}
		if c.logo.Concept == primary {
			c.logo.Description += " " + reason.In(lb.lang)
		}
		c.logo.Description = logoTypeset(c.logo.Description, lb.lang)
		if c.logo.Concept == primary {
			res.PrimaryLogo, main = c.logo, c
			continue
		}
		res.Alternatives = append(res.Alternatives, c.logo)
	}
	res.ColorPalette = lb.pal.colors
	res.BrandGuidelines = logoGuidelines(lb, main, mono, word, emb)
	return res, nil
}

// displayName is the name as the fonts can draw it. When nothing of it can be drawn (a script the
// Go fonts do not cover) the sector's name stands in, and the notes say so.
func (lf *logoFonts) displayName(buf *sfnt.Buffer, in Input, sector SectorProfile, lang Language) (string, []Text) {
	var notes []Text
	name, dropped := logoRenderable(lf.bold, buf, in.BusinessName)
	if !logoHasLetters(name) {
		name = ""
		for _, alt := range []string{sector.Name.In(lang), in.Sector, Text{"Brand", "Marque"}.In(lang)} {
			if s, _ := logoRenderable(lf.bold, buf, alt); logoHasLetters(s) {
				name = s
				break
			}
		}
		notes = append(notes, Text{
			fmt.Sprintf("The embedded font has no letters for the name as written, so the lettering shows “%s” instead.", name),
			fmt.Sprintf("La police intégrée n'a pas les lettres du nom tel qu'il est écrit : le lettrage affiche « %s » à la place.", name),
		})
	} else if dropped {
		notes = append(notes, Text{
			"Letters the embedded font lacks are left out of the lettering.",
			"Les lettres absentes de la police intégrée sont omises du lettrage.",
		})
	}
	if short := logoLimitRunes(name, logoNameRunes); short != name {
		name = short
		notes = append(notes, Text{"The name is shortened to fit.", "Le nom est abrégé pour tenir dans le logo."})
	}
	return name, notes
}

// logoTitle is the accessible name: the owner's spelling with whitespace collapsed and control
// and format characters (bidi overrides, zero-width marks) removed.
func logoTitle(name string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, name)
	return logoLimitRunes(strings.Join(strings.Fields(clean), " "), logoTitleRunes)
}

// logoLimitRunes cuts s to at most n runes, at a word boundary when one is near, ending with "…".
func logoLimitRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	for i := len(r) - 1; i > n*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

// logoInitials takes the first letter of the first two significant words: articles, "de", "and",
// company forms and bare numbers are skipped, and French elisions ("L'Atelier") count from the
// word itself.
func logoInitials(name string) []rune {
	skip := map[string]bool{
		"the": true, "a": true, "an": true, "and": true, "of": true, "for": true, "le": true, "la": true, "les": true,
		"de": true, "du": true, "des": true, "et": true, "au": true, "aux": true, "en": true, "un": true, "une": true,
		"sa": true, "sas": true, "sarl": true, "ltd": true, "llc": true, "inc": true, "co": true, "cie": true, "ets": true,
	}
	var all, sig []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' }) {
		lw := strings.ToLower(w)
		for _, el := range []string{"l'", "d'", "l’", "d’", "qu'", "qu’"} {
			if strings.HasPrefix(lw, el) && len(w) > len(el) {
				w = w[len(el):]
				break
			}
		}
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		all = append(all, w)
		numeric := strings.IndexFunc(w, unicode.IsLetter) < 0
		if !skip[fold(w)] && !numeric {
			sig = append(sig, w)
		}
	}
	if len(sig) == 0 {
		sig = all
	}
	var out []rune
	for _, w := range sig {
		if len(out) == 2 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
	}
	if len(out) == 0 {
		// Only symbols: take the first one the name has.
		for _, r := range name {
			if !unicode.IsSpace(r) {
				return []rune{r}
			}
		}
	}
	return out
}

// logoChoosePrimary picks the concept that suits the name best: initials for long names, the name
// itself for short ones, the emblem when the sector has a clear symbol. The instruction may name a
// concept, or ask for something bolder (emblem), more minimal (wordmark) or shorter (monogram).
func logoChoosePrimary(display string, specific bool, h Hints, instruction string) (string, Text) {
	ins := fold(instruction)
	for _, c := range []struct {
		concept string
		words   []string
	}{
		{ConceptMonogram, []string{"monogram", "initial"}},
		{ConceptWordmark, []string{"wordmark", "word mark", "logotype", "lettering", "lettrage", "full name", "nom complet"}},
		{ConceptEmblem, []string{"emblem", "embleme", "symbol", "icon", "pictogram", "picto"}},
	} {
		for _, w := range c.words {
			if strings.Contains(ins, w) {
				return c.concept, Text{"Primary choice, as the instruction asked.", "Choix principal, comme demandé."}
			}
		}
	}
	letters, words := 0, len(strings.Fields(display))
	for _, r := range display {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	long := letters > 22 || words >= 4
	switch {
	case long:
		return ConceptMonogram, Text{"Primary choice: a long name is easiest to recognise by its initials.", "Choix principal : un nom long se reconnaît mieux à ses initiales."}
	case h.Shorter:
		return ConceptMonogram, Text{"Primary choice: the most compact of the three, as asked.", "Choix principal : le plus compact des trois, comme demandé."}
	case h.Bolder && specific:
		return ConceptEmblem, Text{"Primary choice: the boldest of the three, as asked.", "Choix principal : le plus affirmé des trois, comme demandé."}
	case h.Minimal:
		return ConceptWordmark, Text{"Primary choice: the simplest of the three, as asked.", "Choix principal : le plus sobre des trois, comme demandé."}
	case letters <= 12:
		return ConceptWordmark, Text{"Primary choice: a short name reads best set in full.", "Choix principal : un nom court se lit mieux écrit en entier."}
	case specific:
		return ConceptEmblem, Text{"Primary choice: the sector has a strong visual symbol.", "Choix principal : le secteur a un symbole visuel fort."}
	}
	return ConceptWordmark, Text{"Primary choice: the name is short enough to carry the brand on its own.", "Choix principal : le nom est assez court pour porter la marque à lui seul."}
}

func logoQuoted(s string, lang Language) string {
	if lang == French {
		return "« " + s + " »"
	}
	return "“" + s + "”"
}

// monogram sets the initials in a geometric badge.
func (lf *logoFonts) monogram(lb *logoBrief) (*logoConcept, error) {
	face := lf.bold
	if lb.hints.Minimal {
		face = lf.medium
	}
	initials := logoInitials(lb.display)
	for i, r := range initials {
		if u := unicode.ToUpper(r); face.has(lb.buf, u) {
			initials[i] = u
		}
	}
	text := string(initials)

	shapes := []struct {
		id   string
		name Text
		// letter box as fractions of the badge radius, and a vertical nudge for the optical centre
		w, h, dy float64
	}{
		{"circle", Text{"circular badge", "badge rond"}, 1.12, 0.6, 0},
		{"rounded", Text{"rounded-square badge", "badge carré aux coins arrondis"}, 1.2, 0.64, 0},
		{"hexagon", Text{"hexagonal badge", "badge hexagonal"}, 1.04, 0.6, 0},
		{"shield", Text{"shield", "écusson"}, 1.02, 0.56, -0.08},
	}
	shape := shapes[lb.rng.IntN(len(shapes))]
	styles := []string{"solid", "ring", "halo", "dot"}
	style := styles[lb.rng.IntN(len(styles))]
	switch {
	case lb.hints.Minimal:
		style = "ring"
	case lb.hints.Bolder:
		style = []string{"halo", "dot"}[lb.rng.IntN(2)]
	}

	c := logoPt{logoSquareCanvas / 2, logoSquareCanvas / 2}
	const r = 224.0
	badge := func(r float64) shapeContour {
		switch shape.id {
		case "rounded":
			return shapeRoundRect(c.X-0.9*r, c.Y-0.9*r, 1.8*r, 1.8*r, 0.32*r)
		case "hexagon":
			return shapeRegular(c, r, 6, -math.Pi/2)
		case "shield":
			return shapeShield(c, r)
		}
		return shapeCircle(c, r)
	}
	pal := lb.pal
	d := newSVGDoc(logoSquareCanvas, logoSquareCanvas, lb.title)
	letterColor := pal.light
	boxScale := 1.0
	switch style {
	case "ring":
		d.shapes(pal.primary, badge(r), badge(0.86*r).reversed())
		letterColor, boxScale = pal.primary, 0.86
	case "halo":
		d.shapes(pal.primary, badge(r))
		d.shapes(pal.accent, badge(0.86*r), badge(0.82*r).reversed())
		boxScale = 0.86
	default:
		d.shapes(pal.primary, badge(r))
	}

	o, err := face.shape(lb.buf, text, 0.02)
	if err != nil {
		return nil, err
	}
	capH := face.capHeight(lb.buf)
	boxH := shape.h * r * boxScale
	if len(initials) == 1 {
		boxH *= 1.15
	}
	size := math.Min(shape.w*r*boxScale/math.Max(o.ink.w(), 0.01), boxH/capH)
	x := c.X - (o.ink.X0+o.ink.w()/2)*size
	y := c.Y + shape.dy*r + capH*size/2
	logoTextBlock{lines: []glyphOutline{o}, size: size, baselines: []logoPt{{x, y}}}.draw(d, letterColor)
	if style == "dot" {
		d.shapes(pal.accent, shapeCircle(logoPolar(c, 0.8*r, math.Pi/4), 0.15*r))
	}

	lang := lb.lang
	what := Text{"the initials", "les initiales"}
	if len(initials) == 1 {
		what = Text{"the initial", "l'initiale"}
	}
	var look Text
	switch style {
	case "ring":
		look = Text{"outlined in " + pal.ref(pal.primary, English), "cerclé " + logoFrDe(pal.ref(pal.primary, French))}
	case "halo":
		look = Text{
			"filled with " + pal.ref(pal.primary, English) + " and an inner ring of " + pal.ref(pal.accent, English),
			"rempli " + logoFrDe(pal.ref(pal.primary, French)) + " avec un anneau intérieur " + pal.ref(pal.accent, French),
		}
	case "dot":
		look = Text{
			"filled with " + pal.ref(pal.primary, English) + " and a " + pal.ref(pal.accent, English) + " dot",
			"rempli " + logoFrDe(pal.ref(pal.primary, French)) + " avec une pastille " + pal.ref(pal.accent, French),
		}
	default:
		look = Text{"filled with " + pal.ref(pal.primary, English), "rempli " + logoFrDe(pal.ref(pal.primary, French))}
	}
	desc := Text{
		fmt.Sprintf("Monogram: %s %s in %s on a %s %s. Compact and legible down to 16 px — for the favicon, social avatars and stamps.",
			what.EN, logoQuoted(text, English), face.name, shape.name.EN, look.EN),
		fmt.Sprintf("Monogramme : %s %s en %s sur un %s %s. Compact et lisible jusqu'à 16 px — pour le favicon, les avatars de réseaux sociaux et les tampons.",
			what.FR, logoQuoted(text, French), face.name, shape.name.FR, look.FR),
	}
	return &logoConcept{
		logo:           Logo{Concept: ConceptMonogram, Description: desc.In(lang), SVG: d.String()},
		font:           face.name,
		clearSpace:     int(math.Round(0.25 * 2 * r)),
		clearSpaceRule: Text{"a quarter of the badge's width", "un quart de la largeur du badge"},
	}, nil
}

// wordmark sets the whole name, fitted to the canvas, with an optional accent stroke.
func (lf *logoFonts) wordmark(lb *logoBrief) (*logoConcept, error) {
	h := lb.hints
	face, tracking := lf.medium, 0.0
	switch {
	case h.Formal:
		face, tracking = lf.smallcaps, 0.06
	case h.Bolder:
		face, tracking = lf.bold, -0.01
	case h.Minimal:
		face, tracking = lf.regular, 0.03
	case h.Casual:
		face = lf.mediumItalic
	}
	accents := []string{"underline", "bar", "dot", "overline", "none"}
	accent := accents[lb.rng.IntN(len(accents))]
	switch {
	case h.Minimal:
		accent = "none"
	case h.Bolder && accent == "none":
		accent = "underline"
	}
	pal := lb.pal
	textColor := pal.primary
	if lb.rng.IntN(3) == 0 && !h.Bolder {
		textColor = pal.dark
	}

	area := logoBox{60, 40, logoWordmarkWidth - 60, logoWordmarkHeight - 40}
	switch accent {
	case "underline", "bar":
		area.Y1 -= 44
	case "overline":
		area.Y0 += 44
	case "dot":
		area.X1 -= 40
	}
	tb, err := face.fitText(lb.buf, lb.display, tracking, area, 150, 3, 1.4)
	if err != nil {
		return nil, err
	}
	d := newSVGDoc(logoWordmarkWidth, logoWordmarkHeight, lb.title)
	tb.draw(d, textColor)
	thick := math.Max(6, 0.07*tb.size)
	last := tb.baselines[len(tb.baselines)-1]
	switch accent {
	case "underline":
		d.shapes(pal.accent, shapeRect(tb.ink.X0, last.Y+0.3*tb.size, tb.ink.w(), thick))
	case "bar":
		d.shapes(pal.accent, shapeRect(tb.ink.X0, last.Y+0.3*tb.size, math.Max(tb.ink.w()*0.28, 3*thick), thick*1.4))
	case "overline":
		first := tb.baselines[0]
		d.shapes(pal.accent, shapeRect(tb.ink.X0, first.Y-tb.capHeight-0.28*tb.size-thick, tb.ink.w(), thick))
	case "dot":
		lastLine := tb.lines[len(tb.lines)-1]
		rad := math.Max(5, 0.09*tb.size)
		d.shapes(pal.accent, shapeCircle(logoPt{last.X + lastLine.advance*tb.size + rad*1.4, last.Y - rad}, rad))
	}

	lang := lb.lang
	style := map[string]Text{
		"underline": {"underlined in " + pal.ref(pal.accent, English), "souligné " + logoFrDe(pal.ref(pal.accent, French))},
		"bar":       {"with a short " + pal.ref(pal.accent, English) + " bar", "avec une courte barre " + pal.ref(pal.accent, French)},
		"dot":       {"finished with a " + pal.ref(pal.accent, English) + " dot", "ponctué d'un point " + pal.ref(pal.accent, French)},
		"overline":  {"under a " + pal.ref(pal.accent, English) + " rule", "sous un filet " + pal.ref(pal.accent, French)},
		"none":      {"without ornament", "sans ornement"},
	}[accent]
	spacing := Text{}
	if tracking > 0.02 {
		spacing = Text{" with open letter-spacing", " à l'approche élargie"}
	}
	desc := Text{
		fmt.Sprintf("Wordmark: %s set in %s%s, %s, %s. The name itself becomes the brand — best for the website header, signage and packaging.",
			logoQuoted(lb.display, English), face.name, spacing.EN, pal.ref(textColor, English), style.EN),
		fmt.Sprintf("Logotype : %s composé en %s%s, %s, %s. Le nom devient la marque — idéal pour l'en-tête du site, l'enseigne et les emballages.",
			logoQuoted(lb.display, French), face.name, spacing.FR, pal.ref(textColor, French), style.FR),
	}
	return &logoConcept{
		logo:           Logo{Concept: ConceptWordmark, Description: desc.In(lang), SVG: d.String()},
		font:           face.name,
		clearSpace:     int(math.Round(tb.capHeight * logoSquareCanvas / logoWordmarkWidth)),
		clearSpaceRule: Text{"the height of its capital letters", "la hauteur de ses capitales"},
	}, nil
}

// emblem draws the sector's mark with the name beneath it.
func (lf *logoFonts) emblem(lb *logoBrief) (*logoConcept, error) {
	h := lb.hints
	pal := lb.pal
	containers := []string{"disc", "solid", "tile", "open"}
	container := containers[lb.rng.IntN(len(containers))]
	switch {
	case h.Minimal:
		container = "open"
	case h.Bolder:
		container = "solid"
	}
	d := newSVGDoc(logoSquareCanvas, logoSquareCanvas, lb.title)
	c := logoPt{logoSquareCanvas / 2, 186}
	ink := motifInk{main: pal.primary, second: pal.secondary, accent: pal.accent, detail: pal.light}
	markR := 100.0
	var holder RGB
	var holderName Text
	switch container {
	case "disc":
		d.shapes(pal.light, shapeCircle(c, 150))
		d.shapes(pal.primary, shapeRing(c, 150, 141)...)
		holder, holderName = pal.light, Text{"a disc", "un disque"}
	case "solid":
		d.shapes(pal.primary, shapeCircle(c, 150))
		ink = motifInk{main: pal.light, second: pal.accent, accent: pal.accent, detail: pal.primary}
		holder, holderName = pal.primary, Text{"a disc", "un disque"}
	case "tile":
		d.shapes(pal.secondary, shapeRoundRect(c.X-148, c.Y-148, 296, 296, 64))
		ink = motifInk{main: pal.light, second: pal.accent, accent: pal.accent, detail: pal.secondary}
		holder, holderName = pal.secondary, Text{"a rounded tile", "une tuile arrondie"}
		markR = 104
	default:
		markR = 140
	}
	drawMotif(d, lb.motif, c, markR, ink)

	face := lf.bold
	switch {
	case h.Formal:
		face = lf.smallcaps
	case h.Minimal:
		face = lf.medium
	}
	nameColor := pal.dark
	if lb.rng.IntN(2) == 0 {
		nameColor = pal.primary
	}
	tb, err := face.fitText(lb.buf, lb.display, 0.01, logoBox{40, 358, logoSquareCanvas - 40, 478}, 76, 2, 1.15)
	if err != nil {
		return nil, err
	}
	tb.draw(d, nameColor)

	lang := lb.lang
	mark := motifName(lb.motif)
	where := Text{"in " + pal.ref(ink.main, English), "en " + pal.ref(ink.main, French)}
	if container != "open" {
		where.EN += " on " + holderName.EN + " of " + pal.ref(holder, English)
		where.FR += " sur " + holderName.FR + " " + pal.ref(holder, French)
	}
	desc := Text{
		fmt.Sprintf("Emblem: a geometric mark — %s — %s, above %s set in %s. A symbol people remember — for signage, uniforms, stickers and the app icon.",
			mark.EN, where.EN, logoQuoted(lb.display, English), face.name),
		fmt.Sprintf("Emblème : un motif géométrique — %s — %s, au-dessus de %s composé en %s. Un symbole qui se retient — pour l'enseigne, les uniformes, les autocollants et l'icône d'application.",
			mark.FR, where.FR, logoQuoted(lb.display, French), face.name),
	}
	if !lb.specific {
		desc.EN += " The sector suggests no obvious symbol, so the mark is abstract."
		desc.FR += " Le secteur n'évoque pas de symbole évident : le motif est abstrait."
	}
	return &logoConcept{
		logo:           Logo{Concept: ConceptEmblem, Description: desc.In(lang), SVG: d.String()},
		font:           face.name,
		clearSpace:     int(math.Round(tb.capHeight)),
		clearSpaceRule: Text{"the height of the name's capital letters", "la hauteur des capitales du nom"},
	}, nil
}

// logoConceptRef names a concept with its article ("the monogram", "l'emblème"); of gives the French
// "du monogramme" / "de l'emblème" form.
func logoConceptRef(concept string, lang Language, of bool) string {
	if lang != French {
		return "the " + concept
	}
	switch {
	case concept == ConceptEmblem && of:
		return "de l'emblème"
	case concept == ConceptEmblem:
		return "l'emblème"
	case concept == ConceptMonogram && of:
		return "du monogramme"
	case concept == ConceptMonogram:
		return "le monogramme"
	case of:
		return "du logotype"
	}
	return "le logotype"
}

// logoFontsUsed names the fonts of the three concepts, each once: "Go Bold for the monogram and
// the emblem, Go Medium for the wordmark".
func logoFontsUsed(lang Language, concepts ...*logoConcept) string {
	var fonts []string
	uses := map[string][]string{}
	for _, c := range concepts {
		if _, ok := uses[c.font]; !ok {
			fonts = append(fonts, c.font)
		}
		uses[c.font] = append(uses[c.font], logoConceptRef(c.logo.Concept, lang, false))
	}
	if len(fonts) == 1 {
		return fonts[0]
	}
	and, sep := " and ", ", "
	if lang == French {
		and = " et "
	}
	parts := make([]string, len(fonts))
	for i, f := range fonts {
		u := uses[f]
		list := strings.Join(u[:len(u)-1], sep)
		if list != "" {
			list += and
		}
		list += u[len(u)-1]
		if lang == French {
			parts[i] = f + " pour " + list
		} else {
			parts[i] = f + " for " + list
		}
	}
	return strings.Join(parts, sep)
}

// logoClause readies a sentence from the knowledge data to follow a colon: first letter lower-cased
// (unless it starts an acronym), final full stop ensured.
func logoClause(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	s = string(r)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// logoRatingFR says a WCAG rating in French; the levels themselves are international.
func logoRatingFR(rating string) string {
	switch rating {
	case "AA Large":
		return "AA pour les grands textes"
	case "fail":
		return "insuffisant"
	}
	return rating
}

// logoRatio writes a contrast ratio the way the language writes decimals: "4.52:1", "4,52:1".
func logoRatio(v float64, lang Language) string {
	s := strconv.FormatFloat(v, 'f', 2, 64) + ":1"
	if lang == French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// logoTypeset applies French spacing: a no-break space before ":" and inside « », a narrow one
// before ";", "!" and "?", so the punctuation never wraps onto its own line.
func logoTypeset(s string, lang Language) string {
	if lang != French {
		return s
	}
	return strings.NewReplacer(" :", "\u00a0:", " ;", "\u202f;", " !", "\u202f!", " ?", "\u202f?", "« ", "«\u00a0", " »", "\u00a0»").Replace(s)
}

// logoFrDe is the French "de" before a word, elided before a vowel ("d'ambre").
func logoFrDe(s string) string {
	if r, _ := utf8.DecodeRuneInString(fold(s)); strings.ContainsRune("aeiouy", r) {
		return "d'" + s
	}
	return "de " + s
}

// logoGuidelines writes the brand rules with the palette's real contrast figures.
func logoGuidelines(lb *logoBrief, main, mono, word, emb *logoConcept) BrandGuidelines {
	lang, pal := lb.lang, lb.pal
	var others []string
	for _, c := range []*logoConcept{mono, word, emb} {
		if c != main {
			others = append(others, c.logo.Concept)
		}
	}
	ratio := func(fg, bg RGB) (float64, string) {
		v := Contrast(fg, bg)
		return paletteTruncContrast(v), WCAGRating(v)
	}
	bodyR, bodyW := ratio(pal.dark, pal.light)
	headR, headW := ratio(pal.primary, pal.light)
	accR, accW := ratio(pal.accent, White)
	en := func(v float64) string { return logoRatio(v, English) }
	fr := func(v float64) string { return logoRatio(v, French) }

	t := Typography{
		Heading: word.font,
		Body:    "Go Regular",
		Notes: Text{
			fmt.Sprintf("All logo lettering is converted to outlines from the Go font family (%s), open-source under a BSD licence, so the files need no installed font and look the same everywhere. Use %s for headings and Go Regular for body text.",
				logoFontsUsed(English, mono, word, emb), word.font),
			fmt.Sprintf("Tout le lettrage du logo est vectorisé à partir de la famille Go (%s), libre sous licence BSD : les fichiers n'ont besoin d'aucune police installée et s'affichent partout à l'identique. Utilisez %s pour les titres et Go Regular pour le texte courant.",
				logoFontsUsed(French, mono, word, emb), word.font),
		}.In(lang),
	}

	usage := []Text{
		{
			fmt.Sprintf("Use %s as the main logo; %s and %s are alternatives for other formats (square spaces, very small sizes).",
				logoConceptRef(main.logo.Concept, English, false), logoConceptRef(others[0], English, false), logoConceptRef(others[1], English, false)),
			fmt.Sprintf("Utilisez %s comme logo principal ; %s et %s servent aux autres formats (espaces carrés, très petites tailles).",
				logoConceptRef(main.logo.Concept, French, false), logoConceptRef(others[0], French, false), logoConceptRef(others[1], French, false)),
		},
		{
			fmt.Sprintf("Body text in %s on %s: contrast %s (%s). Headings and links in %s on the same background: %s (%s).",
				pal.ref(pal.dark, English), pal.ref(pal.light, English), en(bodyR), bodyW, pal.ref(pal.primary, English), en(headR), headW),
			fmt.Sprintf("Texte courant en %s sur %s : contraste de %s (%s). Titres et liens en %s sur le même fond : %s (%s).",
				pal.ref(pal.dark, French), pal.ref(pal.light, French), fr(bodyR), logoRatingFR(bodyW), pal.ref(pal.primary, French), fr(headR), logoRatingFR(headW)),
		},
	}
	if mood := logoClause(lb.mood.In(lang)); mood != "" {
		usage = append(usage, Text{"Colour cues of the sector: " + mood, "Codes couleur du secteur : " + mood})
	}
	if accR < paletteTextContrast {
		usage = append(usage, Text{
			fmt.Sprintf("Keep the accent %s for shapes, highlights and large elements: at %s on white (%s) it is not for body text.", pal.ref(pal.accent, English), en(accR), accW),
			fmt.Sprintf("Réservez l'accent %s aux formes, aux mises en valeur et aux grands éléments : à %s sur blanc (%s), il ne convient pas au texte courant.", pal.ref(pal.accent, French), fr(accR), logoRatingFR(accW)),
		})
	} else {
		usage = append(usage, Text{
			fmt.Sprintf("The accent %s reaches %s on white (%s): use it for highlights and, sparingly, for short text.", pal.ref(pal.accent, English), en(accR), accW),
			fmt.Sprintf("L'accent %s atteint %s sur blanc (%s) : pour les mises en valeur et, avec parcimonie, pour des textes courts.", pal.ref(pal.accent, French), fr(accR), logoRatingFR(accW)),
		})
	}
	usage = append(usage,
		Text{
			fmt.Sprintf("On dark or busy backgrounds, place the logo on a panel of %s rather than recolouring it.", pal.ref(pal.light, English)),
			fmt.Sprintf("Sur un fond sombre ou chargé, posez le logo sur un aplat %s plutôt que de changer ses couleurs.", pal.ref(pal.light, French)),
		},
		Text{
			"Minimum sizes: monogram 16 px, emblem 48 px, wordmark 120 px wide.",
			"Tailles minimales : monogramme 16 px, emblème 48 px, logotype 120 px de large.",
		},
		Text{
			"Do not stretch, rotate, outline or add shadows to the logo, and use only the colours of this palette.",
			"Ne déformez pas le logo, ne le faites pas pivoter, n'y ajoutez ni contour ni ombre, et n'utilisez que les couleurs de cette palette.",
		},
	)
	rules := make([]string, len(usage))
	for i, u := range usage {
		rules[i] = logoTypeset(u.In(lang), lang)
	}
	clear := Text{
		fmt.Sprintf("Keep a clear space around %s at least equal to %s — %d px on the 512 px export — free of text, images and edges.",
			logoConceptRef(main.logo.Concept, English, false), main.clearSpaceRule.EN, main.clearSpace),
		fmt.Sprintf("Gardez autour %s un espace libre au moins égal à %s — %d px sur l'export de 512 px — sans texte, image ni bord.",
			logoConceptRef(main.logo.Concept, French, true), main.clearSpaceRule.FR, main.clearSpace),
	}
	t.Notes = logoTypeset(t.Notes, lang)
	return BrandGuidelines{Typography: t, Usage: rules, ClearSpace: logoTypeset(clear.In(lang), lang)}
}
