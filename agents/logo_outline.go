package agents

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomediumitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/gofont/gosmallcaps"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// glyphGrid is the resolution glyph outlines are written at, in steps per em: 0.15 user units for
// the largest lettering, well under a pixel at any export size.
const glyphGrid = 1000

// logoFace is one embedded font the logos are outlined from.
type logoFace struct {
	name string // as the brand guidelines name it
	font *sfnt.Font
	// ppem is one em in design units, so LoadGlyph and GlyphAdvance return exact design units.
	ppem fixed.Int26_6
	// em converts a 26.6 value in design units to ems.
	em     float64
	glyphs *glyphCache
}

// logoFonts holds the parsed Go fonts and their outlined glyphs. An sfnt.Font is safe for
// concurrent use as long as each call has its own sfnt.Buffer, and the glyph caches lock, so one
// logoFonts can serve every request.
type logoFonts struct {
	regular, medium, mediumItalic, bold, smallcaps logoFace
}

// newLogoFonts parses the embedded fonts (a few microseconds each: sfnt reads tables lazily).
func newLogoFonts() (*logoFonts, error) {
	var lf logoFonts
	for _, f := range []struct {
		into *logoFace
		name string
		ttf  []byte
	}{
		{&lf.regular, "Go Regular", goregular.TTF},
		{&lf.medium, "Go Medium", gomedium.TTF},
		{&lf.mediumItalic, "Go Medium Italic", gomediumitalic.TTF},
		{&lf.bold, "Go Bold", gobold.TTF},
		{&lf.smallcaps, "Go Smallcaps", gosmallcaps.TTF},
	} {
		ft, err := sfnt.Parse(f.ttf)
		if err != nil {
			return nil, fmt.Errorf("parse font %s: %w", f.name, err)
		}
		upem := int(ft.UnitsPerEm())
		if upem <= 0 {
			return nil, fmt.Errorf("parse font %s: no units per em", f.name)
		}
		*f.into = logoFace{
			name: f.name, font: ft, ppem: fixed.I(upem), em: 1 / (64 * float64(upem)),
			glyphs: &glyphCache{m: map[rune]*logoGlyph{}},
		}
	}
	return &lf, nil
}

// has reports whether the face draws r.
func (f logoFace) has(buf *sfnt.Buffer, r rune) bool {
	gi, err := f.font.GlyphIndex(buf, r)
	return err == nil && gi != 0
}

// capHeight is the height of capital letters in ems.
func (f logoFace) capHeight(buf *sfnt.Buffer) float64 {
	m, err := f.font.Metrics(buf, f.ppem, font.HintingNone)
	if err != nil || m.CapHeight <= 0 {
		return 0.72
	}
	return float64(m.CapHeight) * f.em
}

// logoGlyph is one glyph outlined once: path data relative to its origin on the glyph grid.
type logoGlyph struct {
	index   sfnt.GlyphIndex
	advance float64 // ems
	ink     logoBox // ems, bounds of every contour point; empty for blank glyphs
	// first is where the first contour starts; body is the relative path data after that move,
	// ending closed at end, the start of the last contour.
	first, end [2]int64
	body       []byte
}

// glyphCache holds the glyphs of one face. It only keeps glyphs the face has, so it is bounded by
// the font's glyph count.
type glyphCache struct {
	mu sync.RWMutex
	m  map[rune]*logoGlyph
}

// glyph returns r outlined, or nil when the face has no glyph for it.
func (f logoFace) glyph(buf *sfnt.Buffer, r rune) (*logoGlyph, error) {
	f.glyphs.mu.RLock()
	g, ok := f.glyphs.m[r]
	f.glyphs.mu.RUnlock()
	if ok {
		return g, nil
	}
	gi, err := f.font.GlyphIndex(buf, r)
	if err != nil {
		return nil, fmt.Errorf("glyph index %q in %s: %w", r, f.name, err)
	}
	if gi == 0 {
		return nil, nil
	}
	adv, err := f.font.GlyphAdvance(buf, gi, f.ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("advance %q in %s: %w", r, f.name, err)
	}
	segs, err := f.font.LoadGlyph(buf, gi, f.ppem, nil)
	if err != nil {
		return nil, fmt.Errorf("load glyph %q in %s: %w", r, f.name, err)
	}
	g = &logoGlyph{index: gi, advance: float64(adv) * f.em, ink: logoEmptyBox()}
	toGrid := func(v fixed.Int26_6) int64 { return int64(math.Round(float64(v) * f.em * glyphGrid)) }
	// The first move is kept apart so lines can join glyphs with one relative move each.
	p := svgPath{whole: true, started: true, last: 'm'}
	pts := make([]int64, 0, 6)
	for i, s := range segs {
		pts = pts[:0]
		for j := range glyphSegPoints(s.Op) {
			x, y := toGrid(s.Args[j].X), toGrid(s.Args[j].Y)
			pts = append(pts, x, y)
			g.ink.add(logoPt{float64(x) / glyphGrid, float64(y) / glyphGrid})
		}
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if i == 0 {
				g.first = [2]int64{pts[0], pts[1]}
				p.cur, p.start = g.first, g.first
				continue
			}
			p.close()
			p.moveToG(pts[0], pts[1])
		case sfnt.SegmentOpLineTo:
			p.lineToG(pts[0], pts[1])
		case sfnt.SegmentOpQuadTo:
			p.quadToG(pts[0], pts[1], pts[2], pts[3])
		case sfnt.SegmentOpCubeTo:
			p.cubeToG(pts[0], pts[1], pts[2], pts[3], pts[4], pts[5])
		}
	}
	if len(segs) > 0 {
		p.close()
		g.body, g.end = p.b, p.cur
	}
	f.glyphs.mu.Lock()
	f.glyphs.m[r] = g
	f.glyphs.mu.Unlock()
	return g, nil
}

func glyphSegPoints(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	}
	return 1
}

// logoLetterFallback spells letters the Go fonts lack (African Latin, mostly) with ones they have.
// Letters with diacritics are handled by compatibility decomposition before this is asked.
func logoLetterFallback(r rune) string {
	switch r {
	case 'Ɓ':
		return "B"
	case 'ɓ':
		return "b"
	case 'Ɗ':
		return "D"
	case 'ɗ':
		return "d"
	case 'Ƙ':
		return "K"
	case 'ƙ':
		return "k"
	case 'Ƴ':
		return "Y"
	case 'ƴ':
		return "y"
	case 'Ɛ', 'Ǝ':
		return "E"
	case 'ɛ', 'ǝ':
		return "e"
	case 'Ɔ':
		return "O"
	case 'ɔ':
		return "o"
	case 'Ɲ':
		return "Ny"
	case 'ɲ':
		return "ny"
	case 'Ʋ':
		return "V"
	case 'ʋ':
		return "v"
	case 'Ɣ':
		return "G"
	case 'ɣ':
		return "g"
	case 'Ʒ':
		return "Z"
	case 'ʒ':
		return "z"
	case 'Ɩ':
		return "I"
	case 'ɩ':
		return "i"
	case 'Ƒ':
		return "F"
	case 'ẞ':
		return "SS"
	case 'ʼ':
		return "'"
	}
	return ""
}

// logoRenderable rewrites s with only what face can draw: letters it has are kept, others are
// decomposed ("ǹ" → "n") or spelled with a close letter ("Ɛ" → "E"); the rest is left out.
// Whitespace collapses to single spaces. dropped reports whether any letter or digit was lost.
func logoRenderable(face logoFace, buf *sfnt.Buffer, s string) (out string, dropped bool) {
	var b strings.Builder
	space := false
	emit := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	// Composed first, so a letter typed with a combining accent keeps it where the font has the
	// accented letter ("e" + U+0301 → "é").
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Cs, unicode.Co):
			continue
		case face.has(buf, r):
			emit(r)
			continue
		}
		ok := false
		if d := norm.NFKD.String(string(r)); d != string(r) {
			for _, dr := range d {
				if unicode.Is(unicode.Mn, dr) || unicode.IsSpace(dr) {
					continue
				}
				if face.has(buf, dr) {
					emit(dr)
					ok = true
				}
			}
		}
		if !ok {
			if sub := logoLetterFallback(r); sub != "" {
				for _, sr := range sub {
					emit(sr)
				}
				ok = true
			}
		}
		if !ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			dropped = true
		}
	}
	return b.String(), dropped
}

// logoHasLetters reports whether s holds a letter or digit, i.e. is worth setting as a name.
func logoHasLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// logoPt is a point in ems (for outlines) or user units (for drawings); y grows downwards.
type logoPt struct{ X, Y float64 }

// logoBox is an axis-aligned rectangle; an empty box has X0 > X1.
type logoBox struct{ X0, Y0, X1, Y1 float64 }

func logoEmptyBox() logoBox { return logoBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *logoBox) add(p logoPt) {
	b.X0, b.Y0 = min(b.X0, p.X), min(b.Y0, p.Y)
	b.X1, b.Y1 = max(b.X1, p.X), max(b.Y1, p.Y)
}

func (b logoBox) empty() bool { return b.X0 > b.X1 }
func (b logoBox) w() float64  { return b.X1 - b.X0 }
func (b logoBox) h() float64  { return b.Y1 - b.Y0 }

// placedGlyph is a glyph at its pen position in a line, in ems.
type placedGlyph struct {
	g *logoGlyph
	x float64
}

// glyphOutline is a line of text set from x = 0 on the baseline y = 0, in ems.
type glyphOutline struct {
	glyphs  []placedGlyph
	advance float64 // pen position after the last glyph
	ink     logoBox // bounds of every contour point; curves stay inside their control points
}

// shape sets text in face with tracking (extra ems between letters) and the font's kerning. Runes
// the face lacks are skipped; callers pass text cleaned by logoRenderable.
func (f logoFace) shape(buf *sfnt.Buffer, text string, tracking float64) (glyphOutline, error) {
	o := glyphOutline{ink: logoEmptyBox(), glyphs: make([]placedGlyph, 0, len(text))}
	var prev sfnt.GlyphIndex
	pen := 0.0
	for _, r := range text {
		g, err := f.glyph(buf, r)
		if err != nil {
			return glyphOutline{}, err
		}
		if g == nil {
			continue
		}
		if prev != 0 {
			k, err := f.font.Kern(buf, prev, g.index, f.ppem, font.HintingNone)
			if err != nil && !errors.Is(err, sfnt.ErrNotFound) {
				return glyphOutline{}, fmt.Errorf("kern in %s: %w", f.name, err)
			}
			pen += float64(k)*f.em + tracking
		}
		o.glyphs = append(o.glyphs, placedGlyph{g, pen})
		if !g.ink.empty() {
			o.ink.add(logoPt{pen + g.ink.X0, g.ink.Y0})
			o.ink.add(logoPt{pen + g.ink.X1, g.ink.Y1})
		}
		pen += g.advance
		prev = g.index
	}
	o.advance = pen
	if o.ink.empty() {
		o.ink = logoBox{}
	}
	return o, nil
}

// appendTo writes the outline on the glyph grid with its origin (pen start, baseline) at grid
// point (x, y).
func (o glyphOutline) appendTo(p *svgPath, x, y int64) {
	for _, pg := range o.glyphs {
		if len(pg.g.body) == 0 {
			continue
		}
		ox := x + int64(math.Round(pg.x*glyphGrid))
		p.moveToG(ox+pg.g.first[0], y+pg.g.first[1])
		p.b = append(p.b, pg.g.body...)
		p.cur = [2]int64{ox + pg.g.end[0], y + pg.g.end[1]}
		p.start, p.last = p.cur, 'z'
	}
}

// logoTextBlock is text fitted into a box: its lines, the size they are set at and where.
type logoTextBlock struct {
	lines     []glyphOutline
	size      float64  // user units per em
	baselines []logoPt // origin of each line
	capHeight float64  // in user units
	ink       logoBox  // in user units
}

// draw writes the block as one path placed by a transform, so glyph outlines are reused as they
// are instead of being rescaled point by point.
func (t logoTextBlock) draw(d *svgDoc, fill RGB) {
	origin := t.baselines[0]
	origin.X, origin.Y = math.Round(origin.X*svgPathGrid)/svgPathGrid, math.Round(origin.Y*svgPathGrid)/svgPathGrid
	k := t.size / glyphGrid
	p := svgPath{whole: true}
	for i, l := range t.lines {
		l.appendTo(&p, int64(math.Round((t.baselines[i].X-origin.X)/k)), int64(math.Round((t.baselines[i].Y-origin.Y)/k)))
	}
	d.textPath(fill, origin, k, &p)
}

// logoMaxFitWords bounds the line-breaking search; words past it stay on the last line.
const logoMaxFitWords = 32

// fitText sets text centred in area at the largest size up to maxSize, on at most maxLines lines
// broken between words so the widest line is as narrow as possible. More lines are only used when
// they let the text grow by the factor gain (a single line reads better).
func (f logoFace) fitText(buf *sfnt.Buffer, text string, tracking float64, area logoBox, maxSize float64, maxLines int, gain float64) (logoTextBlock, error) {
	words := strings.Fields(text)
	if len(words) > logoMaxFitWords {
		words = append(words[:logoMaxFitWords-1], strings.Join(words[logoMaxFitWords-1:], " "))
	}
	if len(words) == 0 {
		return logoTextBlock{}, errors.New("fit text: nothing to set")
	}
	widths := make([]float64, len(words))
	for i, w := range words {
		o, err := f.shape(buf, w, tracking)
		if err != nil {
			return logoTextBlock{}, err
		}
		widths[i] = o.advance
	}
	sp, err := f.shape(buf, " ", 0)
	if err != nil {
		return logoTextBlock{}, err
	}
	space := sp.advance + 2*tracking // tracking before and after the space
	capH := f.capHeight(buf)
	const leading = 1.18 // baseline to baseline, in ems

	bestSize, bestBreaks := -1.0, []int(nil)
	for n := 1; n <= min(maxLines, len(words)); n++ {
		breaks, widest := logoBalanceLines(widths, space, n)
		// Height from the first line's cap height to the last line's descenders.
		height := capH + float64(n-1)*leading + 0.22
		size := math.Min(maxSize, math.Min(area.w()/widest, area.h()/height))
		if bestSize < 0 || size > bestSize*gain {
			bestSize, bestBreaks = size, breaks
		}
	}

	tb := logoTextBlock{size: bestSize, capHeight: capH * bestSize, ink: logoEmptyBox()}
	n := len(bestBreaks) + 1
	visual := capH*bestSize + float64(n-1)*leading*bestSize
	top := area.Y0 + (area.h()-visual)/2
	start := 0
	for i := range n {
		end := len(words)
		if i < len(bestBreaks) {
			end = bestBreaks[i]
		}
		o, err := f.shape(buf, strings.Join(words[start:end], " "), tracking)
		if err != nil {
			return logoTextBlock{}, err
		}
		start = end
		x := area.X0 + (area.w()-o.ink.w()*bestSize)/2 - o.ink.X0*bestSize
		y := top + capH*bestSize + float64(i)*leading*bestSize
		tb.lines = append(tb.lines, o)
		tb.baselines = append(tb.baselines, logoPt{x, y})
		tb.ink.add(logoPt{x + o.ink.X0*bestSize, y + o.ink.Y0*bestSize})
		tb.ink.add(logoPt{x + o.ink.X1*bestSize, y + o.ink.Y1*bestSize})
	}
	return tb, nil
}

// logoBalanceLines splits words (given their widths) into n lines minimising the widest line. It
// returns the index of the first word of each line after the first, and that widest width.
func logoBalanceLines(widths []float64, space float64, n int) ([]int, float64) {
	m := len(widths)
	lineW := func(i, j int) float64 { // words i..j-1
		w := 0.0
		for k := i; k < j; k++ {
			w += widths[k]
		}
		return w + space*float64(j-i-1)
	}
	// cost[k][j]: best widest line setting the first j words on k lines.
	cost := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range cost {
		cost[k] = make([]float64, m+1)
		from[k] = make([]int, m+1)
		for j := range cost[k] {
			cost[k][j] = math.Inf(1)
		}
	}
	cost[0][0] = 0
	for k := 1; k <= n; k++ {
		for j := k; j <= m; j++ {
			for i := k - 1; i < j; i++ {
				if c := math.Max(cost[k-1][i], lineW(i, j)); c < cost[k][j] {
					cost[k][j], from[k][j] = c, i
				}
			}
		}
	}
	breaks := make([]int, n-1)
	j := m
	for k := n; k > 1; k-- {
		j = from[k][j]
		breaks[k-2] = j
	}
	return breaks, cost[n][m]
}
