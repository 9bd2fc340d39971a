package agents

import (
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// logoTestKnowledge is a small sector fixture: the embedded sector data is written separately and
// the logo agent must work with whatever profiles it gets.
func logoTestKnowledge() *Knowledge {
	return &Knowledge{Sectors: []SectorProfile{
		{ID: "generic", Name: Text{"Small business", "Petite entreprise"}},
		{ID: "bakery", Name: Text{"Bakery", "Boulangerie"}, Aliases: []string{"boulangerie", "bakery", "pastry"},
			Colors: []string{"#c8702a", "#6b3e26", "#f2c14e"}},
		{ID: "hair_salon", Name: Text{"Hair salon", "Salon de coiffure"}, Aliases: []string{"coiffure", "coiffeur", "hair"},
			Colors: []string{"#8e3b6e", "#e8a0bf"}},
		{ID: "software", Name: Text{"Software", "Logiciel"}, Aliases: []string{"software", "logiciel", "saas"},
			Colors: []string{"#1f4e8b"}},
		{ID: "construction", Name: Text{"Construction", "BTP"}, Aliases: []string{"construction", "btp", "builder"},
			Colors: []string{"#e39b1b", "#3a3a3a", "#1b6fe3"}},
	}}
}

func logoTestInput() Input {
	return Input{
		BusinessName: "Mama Ngozi Bakes",
		Sector:       "bakery",
		Location:     Location{City: "Lagos", Country: "Nigeria"},
		Services:     []string{"bread", "cakes"},
		Language:     English,
		Tone:         "warm",
	}
}

func logoGenerate(t testing.TB, b *Builtin, req Request) LogoCreationResult {
	t.Helper()
	req.Section = LogoCreation
	res, err := b.logoCreation(req)
	if err != nil {
		t.Fatalf("logoCreation(%q): %v", req.Input.BusinessName, err)
	}
	return res
}

func logoAll(res LogoCreationResult) []Logo {
	return append([]Logo{res.PrimaryLogo}, res.Alternatives...)
}

// checkLogoSVGSafe refuses anything in svg that could run or fetch: scripts, event handlers, links,
// embedded documents, styles, and text left unconverted. With full, it also parses svg with a plain
// XML decoder (RasterizeSVG parses it again, strictly, with its own allow-list).
func checkLogoSVGSafe(t *testing.T, svg string, full bool) {
	t.Helper()
	// The markup without path data (RasterizeSVG reads every number of it) and without the
	// title's text, which is the owner's and may say anything.
	var sk strings.Builder
	rest := svg
	if i, j := strings.Index(rest, "<title>"), strings.Index(rest, "</title>"); i >= 0 && j > i {
		sk.WriteString(rest[:i+len("<title>")])
		rest = rest[j:]
	}
	for {
		i := strings.Index(rest, ` d="`)
		if i < 0 {
			sk.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i+4:], '"')
		if j < 0 {
			t.Fatalf("unterminated path data:\n%s", svg)
		}
		sk.WriteString(rest[:i+4])
		rest = rest[i+4+j:]
	}
	low := strings.ToLower(sk.String())
	for _, bad := range []string{"<script", "javascript:", "url(", "<text", "<style", "<image", "<foreignobject", "<use", "href", "<!"} {
		if strings.Contains(low, bad) {
			t.Fatalf("svg contains %q:\n%s", bad, svg)
		}
	}
	if m := logoEventAttribute(low); m != "" {
		t.Fatalf("svg has an event handler attribute %q:\n%s", m, svg)
	}
	if !strings.Contains(svg, `viewBox="`) || !strings.Contains(svg, `width="`) || !strings.Contains(svg, `height="`) {
		t.Fatalf("svg lacks viewBox, width or height:\n%s", svg)
	}
	if !full {
		return
	}
	dec := xml.NewDecoder(strings.NewReader(svg))
	elements := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("svg is not well-formed XML: %v\n%s", err, svg)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		elements++
		if elements == 1 && (se.Name.Local != "svg" || se.Name.Space != svgNamespace) {
			t.Fatalf("root element %v, want svg in the SVG namespace", se.Name)
		}
		for _, a := range se.Attr {
			name := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(name, "on") || name == "href" || name == "style" || a.Name.Space != "" {
				t.Fatalf("svg element <%s> has attribute %v", se.Name.Local, a.Name)
			}
		}
	}
}

// logoEventAttribute finds an on…= attribute in lower-cased markup: "on" after a space or quote,
// letters, optional spaces, "=".
func logoEventAttribute(s string) string {
	for i := 0; ; {
		j := strings.Index(s[i:], "on")
		if j < 0 {
			return ""
		}
		at := i + j
		i = at + 2
		if at == 0 || !strings.ContainsRune(" \t\r\n\"'", rune(s[at-1])) {
			continue
		}
		k := i
		for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
			k++
		}
		n := k
		for n < len(s) && strings.ContainsRune(" \t\r\n", rune(s[n])) {
			n++
		}
		if k > i && n < len(s) && s[n] == '=' {
			return s[at : n+1]
		}
	}
}

// logoInkedPixels counts pixels with any coverage.
func logoInkedPixels(img image.Image) int {
	n := 0
	if rgba, ok := img.(*image.RGBA); ok {
		for i := 3; i < len(rgba.Pix); i += 4 {
			if rgba.Pix[i] > 0 {
				n++
			}
		}
		return n
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				n++
			}
		}
	}
	return n
}

// randomLogoName mixes scripts the Go fonts cover (Latin, Greek, Cyrillic), African Latin letters
// they lack, scripts they do not have at all, emoji, marks, controls, broken UTF-8 and long names.
func randomLogoName(rng *rand.Rand) string {
	pools := []string{
		"Mama Ngozi Bakes", "L'Atelier de Marie", "Chez Awa", "Boulangerie du Port SARL", "Kofi & Sons",
		"Café Crème", "Ωmega Σpa", "Жар-Птица", "Ɓàkɛ́ry Ɗangote", "Ɔsɛ Ŋkɔ", "北京烤鸭", "مخبز السلام",
		"ቡና ቤት", "नमस्ते", "🍞🥐", "Le Pain 🍞 Doré", "a\u200bb\u200dc", "\u202eevil", "x\x01y", "\xff\xfeBad",
		"ＦＵＬＬ", "ﬁne ﬂour", "e\u0301toile", "7 Eleven", "The A Team", "   ", "", "-", "&&&", "ǅemal",
	}
	switch k := rng.IntN(10); {
	case k < 4:
		return pools[rng.IntN(len(pools))]
	case k < 7:
		// random words from a mixed alphabet
		alphabet := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçœÉÀŸßØåΣλЖжƁƊƐƆŋ北京ب ሀ😀 '-&.0123456789")
		n := 1 + rng.IntN(40)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	case k < 8:
		// very long names
		var words []string
		for range 10 + rng.IntN(60) {
			words = append(words, pools[rng.IntN(5)])
		}
		return strings.Join(words, " ")
	}
	// arbitrary code points, valid or not
	var b strings.Builder
	for range 1 + rng.IntN(24) {
		b.WriteRune(rune(rng.IntN(0x30000)))
	}
	return b.String()
}

// TestLogoCreationRandomInputs checks 1,000 random requests in four parallel parts of 250. The
// parts share one logoFonts, as a Builtin does, so glyphs are outlined once.
func TestLogoCreationRandomInputs(t *testing.T) {
	k := logoTestKnowledge()
	lf, err := newLogoFonts()
	if err != nil {
		t.Fatal(err)
	}
	for part := range 4 {
		t.Run(fmt.Sprintf("part%d", part), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(2024, uint64(part)))
			for i := range 250 {
				checkRandomLogoRequest(t, k, lf, rng, part*250+i)
			}
		})
	}
}

func checkRandomLogoRequest(t *testing.T, k *Knowledge, lf *logoFonts, rng *rand.Rand, i int) {
	t.Helper()
	sectors := []string{"bakery", "boulangerie", "coiffure", "Hair salon", "software", "BTP", "restaurant", "garage", "", "北京", "unknown trade"}
	instructions := []string{"", "bolder", "more minimal", "plus sobre", "more formal", "casual and fun", "use the monogram", "emblème", "wordmark please"}
	in := logoTestInput()
	in.BusinessName = randomLogoName(rng)
	in.Sector = sectors[rng.IntN(len(sectors))]
	in.Language = []Language{English, French}[rng.IntN(2)]
	req := Request{Section: LogoCreation, Input: in, Variation: rng.IntN(6), Instruction: instructions[rng.IntN(len(instructions))]}
	sector, _ := k.Sector(in.Sector)
	res, err := lf.logos(req, sector)
	if err != nil {
		t.Fatalf("input %d %q: %v", i, in.BusinessName, err)
	}

	logos := logoAll(res)
	concepts := map[string]bool{}
	for _, l := range logos {
		concepts[l.Concept] = true
		// Every SVG is parsed as XML by RasterizeSVG below; a quarter also by a plain decoder.
		checkLogoSVGSafe(t, l.SVG, i%4 == 0)
		if l.Description == "" || !utf8.ValidString(l.Description) {
			t.Fatalf("input %d %q: %s description empty or invalid: %q", i, in.BusinessName, l.Concept, l.Description)
		}
		img, err := RasterizeSVG(l.SVG, 40)
		if err != nil {
			t.Fatalf("input %d %q: rasterise %s: %v\n%s", i, in.BusinessName, l.Concept, err, l.SVG)
		}
		if logoInkedPixels(img) < 4 {
			t.Fatalf("input %d %q: %s rasterises blank", i, in.BusinessName, l.Concept)
		}
	}
	if len(logos) != 3 || len(concepts) != 3 {
		t.Fatalf("input %d: want three distinct concepts, got %+v", i, concepts)
	}
	wantPrefix := map[Language]string{English: "Monogram:", French: "Monogramme\u00a0:"}[in.Language]
	for _, l := range logos {
		if l.Concept == ConceptMonogram && !strings.HasPrefix(l.Description, wantPrefix) {
			t.Fatalf("input %d (%s): monogram description %q", i, in.Language, l.Description)
		}
	}
	checkLogoPalette(t, logoPaletteFromResult(t, res), ParseHints(req.Instruction))
	g := res.BrandGuidelines
	if g.Typography.Heading == "" || g.Typography.Body == "" || g.Typography.Notes == "" || len(g.Usage) < 4 || g.ClearSpace == "" {
		t.Fatalf("input %d: incomplete guidelines %+v", i, g)
	}
}

// logoPaletteFromResult rebuilds the drawing colours from the published palette so the property
// test checks what users see.
func logoPaletteFromResult(t *testing.T, res LogoCreationResult) logoPalette {
	t.Helper()
	pal := logoPalette{colors: res.ColorPalette}
	for _, c := range res.ColorPalette {
		rgb, err := ParseHex(c.Hex)
		if err != nil {
			t.Fatal(err)
		}
		switch c.Role {
		case paletteRolePrimary:
			pal.primary = rgb
		case paletteRoleSecondary:
			pal.secondary = rgb
		case paletteRoleAccent:
			pal.accent = rgb
		case paletteRoleNeutralDark:
			pal.dark = rgb
		case paletteRoleNeutralLight:
			pal.light = rgb
		}
	}
	if pal.secondary == (RGB{}) {
		pal.secondary = pal.primary
	}
	return pal
}

func TestLogoCreationDeterministic(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	for _, in := range []Input{logoTestInput(), {BusinessName: "L'Atelier de Marie", Sector: "coiffure", Language: French}} {
		req := Request{Input: in, Variation: 2, Instruction: "plus audacieux"}
		first, second := logoGenerate(t, b, req), logoGenerate(t, b, req)
		if diff := cmp.Diff(first, second); diff != "" {
			t.Errorf("%q: same request gave different logos (-first +second):\n%s", in.BusinessName, diff)
		}
		// Each variation must look different from every other: every SVG carries the palette.
		seen := map[string]int{}
		for v := range 6 {
			res := logoGenerate(t, b, Request{Input: in, Variation: v})
			for _, l := range logoAll(res) {
				if prev, ok := seen[l.SVG]; ok {
					t.Errorf("%q: variation %d repeats the %s of variation %d", in.BusinessName, v, l.Concept, prev)
				}
				seen[l.SVG] = v
			}
		}
	}
}

func TestLogoHintsChangeTheLogos(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	in := logoTestInput()
	in.BusinessName = "Sunrise Golden Loaves"
	get := func(instruction string) LogoCreationResult {
		return logoGenerate(t, b, Request{Input: in, Instruction: instruction})
	}
	plain, bold, minimal := get(""), get("make it bolder"), get("plus sobre")
	if len(bold.ColorPalette) != 6 || len(minimal.ColorPalette) != 4 || len(plain.ColorPalette) != 5 {
		t.Errorf("palette sizes plain %d, bolder %d, minimal %d: want 5, 6, 4", len(plain.ColorPalette), len(bold.ColorPalette), len(minimal.ColorPalette))
	}
	if bold.PrimaryLogo.Concept != ConceptEmblem || minimal.PrimaryLogo.Concept != ConceptWordmark {
		t.Errorf("primary concepts bolder %s, minimal %s: want emblem, wordmark", bold.PrimaryLogo.Concept, minimal.PrimaryLogo.Concept)
	}
	if !strings.Contains(minimal.PrimaryLogo.Description, "Go Regular") || !strings.Contains(minimal.PrimaryLogo.Description, "without ornament") {
		t.Errorf("minimal wordmark: %q", minimal.PrimaryLogo.Description)
	}
	formal := get("more formal")
	for _, l := range logoAll(formal) {
		if l.Concept == ConceptWordmark && !strings.Contains(l.Description, "Go Smallcaps") {
			t.Errorf("formal wordmark: %q", l.Description)
		}
	}
}

func TestLogoChoosePrimary(t *testing.T) {
	tests := []struct {
		name        string
		display     string
		specific    bool
		hints       Hints
		instruction string
		want        string
	}{
		{"short name", "Ola", true, Hints{}, "", ConceptWordmark},
		{"long name", "Boulangerie Patisserie du Grand Marché Central", true, Hints{}, "", ConceptMonogram},
		{"four words", "A B C D", false, Hints{}, "", ConceptMonogram},
		{"medium name with a symbol", "Sunrise Golden Loaves", true, Hints{}, "", ConceptEmblem},
		{"medium name without a symbol", "Sunrise Golden Widgets", false, Hints{}, "", ConceptWordmark},
		{"bolder", "Ola", true, Hints{Bolder: true}, "bolder", ConceptEmblem},
		{"minimal", "Sunrise Golden Loaves", true, Hints{Minimal: true}, "minimal", ConceptWordmark},
		{"shorter", "Sunrise Golden Loaves", true, Hints{Shorter: true}, "shorter", ConceptMonogram},
		{"asked for the monogram", "Ola", true, Hints{}, "use the monogram", ConceptMonogram},
		{"asked for the emblem in French", "Boulangerie Patisserie du Grand Marché Central", true, Hints{}, "plutôt l'emblème", ConceptEmblem},
		{"asked for the wordmark", "Sunrise Golden Loaves", true, Hints{}, "the full name please", ConceptWordmark},
	}
	for _, tt := range tests {
		got, reason := logoChoosePrimary(tt.display, tt.specific, tt.hints, tt.instruction)
		if got != tt.want || reason.EN == "" || reason.FR == "" {
			t.Errorf("%s: choosePrimary = %s (%q), want %s", tt.name, got, reason.EN, tt.want)
		}
	}
}

func TestLogoInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Mama Ngozi Bakes", "MN"},
		{"L'Atelier de Marie", "AM"},
		{"l’atelier", "a"},
		{"Boulangerie du Port SARL", "BP"},
		{"The Green Grocer", "GG"},
		{"Kofi", "K"},
		{"Kofi Co 2", "K"},
		{"7 Eleven", "E"},
		{"2024", "2"},
		{"Жар-Птица", "ЖП"},
		{"& Co", "C"},
	}
	for _, tt := range tests {
		if got := string(logoInitials(tt.name)); got != tt.want {
			t.Errorf("logoInitials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLogoRenderable(t *testing.T) {
	lf, err := newLogoFonts()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in      string
		want    string
		dropped bool
	}{
		{"Café Crème", "Café Crème", false},
		{"Ɓàkɛ́ry Ɗangote", "Bàkery Dangote", false},
		{"Ɲama", "Nyama", false},
		{"北京 Bakery", "Bakery", true},
		{"ＦＵＬＬ", "FULL", false},
		{"ﬁne", "ﬁne", false}, // the Go fonts draw the ligature itself
		{"①ℌ", "1H", false},
		{"𝜯au", "Τau", false},
		{"a\u200bb", "ab", false},
		{"  x \t  y ", "x y", false},
		{"Ωmega Жар", "Ωmega Жар", false},
		{"🍞 Bread", "Bread", false},
		{"e\u0301toile", "étoile", false},
		{"ǹ\u0323", "n", false},
		{"北京", "", true},
	}
	var buf sfnt.Buffer
	for _, tt := range tests {
		got, dropped := logoRenderable(lf.bold, &buf, tt.in)
		if got != tt.want || dropped != tt.dropped {
			t.Errorf("logoRenderable(%q) = %q, %v; want %q, %v", tt.in, got, dropped, tt.want, tt.dropped)
		}
	}
}

func TestLogoUnrenderableNameFallsBack(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	in := logoTestInput()
	in.BusinessName, in.Language = "北京烤鸭", French
	res := logoGenerate(t, b, Request{Input: in})
	for _, l := range logoAll(res) {
		if !strings.Contains(l.Description, "«\u00a0Boulangerie\u00a0»") {
			t.Errorf("%s description does not say what the lettering shows: %q", l.Concept, l.Description)
		}
		// The owner's spelling stays the accessible name.
		if !strings.Contains(l.SVG, "<title>北京烤鸭</title>") {
			t.Errorf("%s title lost the name", l.Concept)
		}
	}
}

func TestLogoTextIsOutlinedWithTheFont(t *testing.T) {
	lf, err := newLogoFonts()
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	o, err := lf.bold.shape(&buf, "HI", 0)
	if err != nil {
		t.Fatal(err)
	}
	// Go Bold: H and I are straight-sided; cap height 1480 of 2048 units.
	if o.ink.Y0 > -0.72 || o.ink.Y0 < -0.73 || o.ink.Y1 != 0 || o.advance <= o.ink.X1 {
		t.Errorf("outline of HI: ink %+v advance %.3f", o.ink, o.advance)
	}
	p := svgPath{whole: true}
	o.appendTo(&p, 10, 100)
	if d := p.String(); strings.Count(strings.ToLower(d), "m") != 2 || strings.Count(d, "z") != 2 {
		t.Errorf("HI should be two closed contours, got %q", d)
	}
	sp, _ := lf.bold.shape(&buf, "H I", 0)
	space, _ := lf.bold.shape(&buf, " ", 0)
	if diff := sp.advance - o.advance - space.advance; diff > 1e-9 || diff < -1e-9 {
		t.Errorf("advance of %q is not the sum of its glyphs", "H I")
	}
}

// TestLogoLetteringMatchesTheFont draws text through the SVG (glyph grid, transform, relative
// path data, RasterizeSVG) and straight from the font's outlines, and compares the pixels.
func TestLogoLetteringMatchesTheFont(t *testing.T) {
	lf, err := newLogoFonts()
	if err != nil {
		t.Fatal(err)
	}
	const text, size, x0, y0 = "Agé&Q ßø", 60.0, 12.0, 90.0
	for _, face := range []logoFace{lf.regular, lf.bold, lf.mediumItalic, lf.smallcaps} {
		var buf sfnt.Buffer
		o, err := face.shape(&buf, text, 0)
		if err != nil {
			t.Fatal(err)
		}
		d := newSVGDoc(300, 120, "t")
		logoTextBlock{lines: []glyphOutline{o}, size: size, baselines: []logoPt{{x0, y0}}}.draw(d, Black)
		got, err := RasterizeSVG(d.String(), 300)
		if err != nil {
			t.Fatal(err)
		}

		want := image.NewAlpha(image.Rect(0, 0, 300, 300))
		var z vector.Rasterizer
		z.Reset(300, 300)
		ppem := fixed.I(int(size))
		pen := x0
		var prev sfnt.GlyphIndex
		for _, r := range text {
			gi, _ := face.font.GlyphIndex(&buf, r)
			if prev != 0 {
				k, _ := face.font.Kern(&buf, prev, gi, ppem, font.HintingNone)
				pen += float64(k) / 64
			}
			segs, err := face.font.LoadGlyph(&buf, gi, ppem, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The 300×120 document sits centred in the 300 px square.
			at := func(p fixed.Point26_6) (float32, float32) {
				return float32(pen + float64(p.X)/64), float32(90 + y0 + float64(p.Y)/64)
			}
			for _, s := range segs {
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					z.ClosePath()
					z.MoveTo(at(s.Args[0]))
				case sfnt.SegmentOpLineTo:
					z.LineTo(at(s.Args[0]))
				case sfnt.SegmentOpQuadTo:
					bx, by := at(s.Args[0])
					cx, cy := at(s.Args[1])
					z.QuadTo(bx, by, cx, cy)
				case sfnt.SegmentOpCubeTo:
					bx, by := at(s.Args[0])
					cx, cy := at(s.Args[1])
					dx, dy := at(s.Args[2])
					z.CubeTo(bx, by, cx, cy, dx, dy)
				}
			}
			z.ClosePath()
			adv, _ := face.font.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
			pen += float64(adv) / 64
			prev = gi
		}
		z.Draw(want, want.Bounds(), image.Opaque, image.Point{})

		rgba := got.(*image.RGBA)
		var sum, worst, inked int
		for i, a := range want.Pix {
			diff := int(rgba.Pix[4*i+3]) - int(a)
			sum += max(diff, -diff)
			worst = max(worst, diff, -diff)
			if a > 0 {
				inked++
			}
		}
		// Measured: about one level of 255 per inked pixel on average, at worst 31.
		if inked < 4000 || sum > inked*3/2 || worst > 48 {
			t.Errorf("%s: lettering differs from the font: %d inked pixels, total alpha difference %d, worst %d", face.name, inked, sum, worst)
		}
	}
}

func TestLogoLongNameFits(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	in := logoTestInput()
	in.BusinessName = strings.Repeat("Boulangerie Pâtisserie Internationale ", 8)
	res := logoGenerate(t, b, Request{Input: in})
	if res.PrimaryLogo.Concept != ConceptMonogram {
		t.Errorf("long name: primary %s, want monogram", res.PrimaryLogo.Concept)
	}
	for _, l := range logoAll(res) {
		if l.Concept != ConceptMonogram && !strings.Contains(l.Description, "…") {
			t.Errorf("%s: long name not shortened: %q", l.Concept, l.Description)
		}
		// Large exports and small icons stay within the rasteriser's work bounds.
		if l.Concept == ConceptWordmark {
			if _, err := RasterizeSVG(l.SVG, 1024); err != nil {
				t.Errorf("%s at 1024 px: %v", l.Concept, err)
			}
		}
		if _, err := FaviconSet(l.SVG); err != nil {
			t.Errorf("%s favicons: %v", l.Concept, err)
		}
		// Everything drawn stays inside the canvas.
		sc, err := parseSVG(l.SVG)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range sc.shapes {
			for _, sg := range sh.segs {
				for i := range rasterSegPoints(sg.op) {
					if p := sg.p[i]; p.X < sc.minX || p.Y < sc.minY || p.X > sc.minX+sc.w || p.Y > sc.minY+sc.h {
						t.Fatalf("%s: point %+v outside the %vx%v canvas", l.Concept, p, sc.w, sc.h)
					}
				}
			}
		}
	}
}

// BenchmarkLogoCreation is the agent as Builtin calls it today: the fonts are parsed and the
// glyphs outlined on every call.
func BenchmarkLogoCreation(b *testing.B) {
	bi := NewBuiltin(logoTestKnowledge())
	req := Request{Section: LogoCreation, Input: logoTestInput()}
	for b.Loop() {
		if _, err := bi.logoCreation(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLogoCreationSharedFonts is the agent with one logoFonts kept across requests, as a
// Builtin holding it would run.
func BenchmarkLogoCreationSharedFonts(b *testing.B) {
	lf, err := newLogoFonts()
	if err != nil {
		b.Fatal(err)
	}
	sector, _ := logoTestKnowledge().Sector("bakery")
	req := Request{Section: LogoCreation, Input: logoTestInput()}
	for v := 0; b.Loop(); v++ {
		req.Variation = v % 8
		if _, err := lf.logos(req, sector); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLogoEventAttribute(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<svg onload="x">`, "onload="},
		{`<rect fill="#fff" onclick = "x"/>`, "onclick ="},
		{`<path d="m1 2" fill="#000"/>`, ""},
		{`<g transform="translate(1 2)"><title>salon on a hill</title>`, ""},
		{`<a x='1'onmouseover='y'>`, "onmouseover="},
	}
	for _, tt := range tests {
		if got := logoEventAttribute(tt.in); got != tt.want {
			t.Errorf("eventAttribute(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLogoFrenchTypography(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	in := logoTestInput()
	in.BusinessName, in.Language = "L'Atelier de Marie", French
	res := logoGenerate(t, b, Request{Input: in})
	texts := append([]string{res.BrandGuidelines.ClearSpace, res.BrandGuidelines.Typography.Notes}, res.BrandGuidelines.Usage...)
	for _, l := range logoAll(res) {
		texts = append(texts, l.Description)
	}
	for _, s := range texts {
		for _, bad := range []string{" :", " ;", "« ", " »", "Monogram:", "Wordmark", "Emblem:"} {
			if strings.Contains(s, bad) {
				t.Errorf("French text has %q: %q", bad, s)
			}
		}
	}
	if got := strings.Join(res.BrandGuidelines.Usage, " "); !strings.Contains(got, ":1") || logoHasDecimalPoint(got) {
		t.Errorf("French ratios should use a decimal comma: %q", got)
	}
}

// logoHasDecimalPoint reports a digit, a point and a digit, as in "4.52".
func logoHasDecimalPoint(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

func TestLogoDescriptionsNameThePaletteColours(t *testing.T) {
	b := NewBuiltin(logoTestKnowledge())
	for _, lang := range []Language{English, French} {
		for v := range 8 {
			in := logoTestInput()
			in.Language = lang
			res := logoGenerate(t, b, Request{Input: in, Variation: v})
			texts := res.BrandGuidelines.Usage
			for _, l := range logoAll(res) {
				texts = append(texts, l.Description)
			}
			all := strings.Join(texts, " ")
			for _, c := range res.ColorPalette {
				name := c.Name
				if lang == French {
					name = strings.ToLower(name)
				}
				if strings.Contains(all, "("+c.Hex+")") && !strings.Contains(all, name+" ("+c.Hex+")") {
					t.Errorf("%s v%d: %s is mentioned but not as %q", lang, v, c.Hex, name)
				}
			}
		}
	}
}

func TestLogoSectorMotif(t *testing.T) {
	tests := []struct {
		name     string
		sector   SectorProfile
		text     string
		want     logoMotif
		specific bool
	}{
		{"known id", SectorProfile{ID: "bakery"}, "", motifWheat, true},
		{"known id wins over words", SectorProfile{ID: "construction", Aliases: []string{"plumbing"}}, "", motifHouse, true},
		{"new sector by its name", SectorProfile{ID: "plumbing", Name: Text{"Plumbing services", "Plomberie"}}, "", motifDrop, true},
		{"name before aliases", SectorProfile{ID: "x", Name: Text{"Wedding planning", ""}, Aliases: []string{"decor"}}, "", motifHeart, true},
		{"generic profile: the owner's words", SectorProfile{ID: "generic", Name: Text{"Local business", ""}}, "boulangerie artisanale", motifWheat, true},
		{"generic profile says nothing itself", SectorProfile{ID: "generic", Name: Text{"Local business", ""}}, "widgets", motifOrbits, false},
		{"nothing at all", SectorProfile{}, "", motifOrbits, false},
	}
	for _, tt := range tests {
		m, specific := logoSectorMotif(tt.sector, tt.text, "Ola")
		if tt.specific {
			if m != tt.want || !specific {
				t.Errorf("%s: got %s, %v; want %s", tt.name, m, specific, tt.want)
			}
			continue
		}
		if specific || (m != motifOrbits && m != motifFacets) {
			t.Errorf("%s: got %s, %v; want an abstract mark", tt.name, m, specific)
		}
	}
}

// TestLogoEverySectorHasAMark guards the embedded sector data: a sector added without a mark of
// its own would get an abstract one.
func TestLogoEverySectorHasAMark(t *testing.T) {
	k := mustLoadKnowledge(t)
	for _, s := range k.Sectors {
		if s.ID == "generic" {
			continue
		}
		if m, specific := logoSectorMotif(s, "", "Ola"); !specific {
			t.Errorf("sector %s has no mark (got %s); add it to motifBySectorID", s.ID, m)
		}
	}
}

func TestLogoFontsUsed(t *testing.T) {
	c := func(concept, font string) *logoConcept { return &logoConcept{logo: Logo{Concept: concept}, font: font} }
	tests := []struct {
		lang     Language
		concepts []*logoConcept
		want     string
	}{
		{English, []*logoConcept{c(ConceptMonogram, "Go Bold"), c(ConceptWordmark, "Go Bold"), c(ConceptEmblem, "Go Bold")}, "Go Bold"},
		{English, []*logoConcept{c(ConceptMonogram, "Go Bold"), c(ConceptWordmark, "Go Medium"), c(ConceptEmblem, "Go Bold")},
			"Go Bold for the monogram and the emblem, Go Medium for the wordmark"},
		{French, []*logoConcept{c(ConceptMonogram, "Go Bold"), c(ConceptWordmark, "Go Smallcaps"), c(ConceptEmblem, "Go Medium")},
			"Go Bold pour le monogramme, Go Smallcaps pour le logotype, Go Medium pour l'emblème"},
	}
	for _, tt := range tests {
		if got := logoFontsUsed(tt.lang, tt.concepts...); got != tt.want {
			t.Errorf("logoFontsUsed = %q, want %q", got, tt.want)
		}
	}
}
