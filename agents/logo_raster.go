package agents

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/vector"
)

// Limits of what RasterizeSVG accepts. They are far above what the logo agent emits and bound the
// work a hostile document can cause.
const (
	MaxRasterSize   = 2048    // largest output edge in pixels
	maxSVGBytes     = 1 << 20 // document size
	maxSVGShapes    = 512     // drawn elements
	maxSVGSegments  = 200_000 // path pieces over all elements
	maxSVGDepth     = 32      // element nesting
	maxSVGMagnitude = 1e7     // largest absolute number anywhere
	maxTransform    = 1e12    // largest composed scale or offset
	// Rasterising costs about one unit per pixel of each shape's bounding box and per pixel row or
	// column an edge spans; a document needing more than this many canvases' worth is refused.
	maxRasterCanvases = 48
	rasterWorkFloor   = 1 << 21
)

const svgNamespace = "http://www.w3.org/2000/svg"

// ErrUnsupportedSVG wraps every refusal of RasterizeSVG: anything outside the small SVG subset the
// logo agent writes.
var ErrUnsupportedSVG = errors.New("unsupported svg")

func svgUnsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupportedSVG, fmt.Sprintf(format, args...))
}

// svgAffine is the subset of SVG transforms the logos use: scale then translate.
type svgAffine struct{ sx, sy, tx, ty float64 }

func svgIdentity() svgAffine { return svgAffine{sx: 1, sy: 1} }

func (m svgAffine) bounded() bool {
	for _, v := range [...]float64{m.sx, m.sy, m.tx, m.ty} {
		if math.IsNaN(v) || math.Abs(v) > maxTransform {
			return false
		}
	}
	return true
}

func (m svgAffine) apply(p logoPt) logoPt { return logoPt{m.sx*p.X + m.tx, m.sy*p.Y + m.ty} }

// then returns m applied after inner.
func (m svgAffine) then(inner svgAffine) svgAffine {
	return svgAffine{sx: m.sx * inner.sx, sy: m.sy * inner.sy, tx: m.sx*inner.tx + m.tx, ty: m.sy*inner.ty + m.ty}
}

// rasterSeg is a path piece in user space after transforms: 'M', 'L', 'Q', 'C' or 'Z'.
type rasterSeg struct {
	op byte
	p  [3]logoPt
}

// rasterShape is one filled element.
type rasterShape struct {
	segs []rasterSeg
	fill color.NRGBA
}

// svgScene is a parsed document: its viewBox and shapes in paint order.
type svgScene struct {
	minX, minY, w, h float64
	shapes           []rasterShape
}

// svgStyle is the inherited fill state.
type svgStyle struct {
	m       svgAffine
	fill    color.NRGBA
	hasFill bool // false for fill="none"
	opacity float64
}

// RasterizeSVG draws svg at size×size pixels, keeping the aspect ratio of its viewBox (centred, as
// SVG's default xMidYMid meet) on a transparent background. It reads only the subset the logo agent
// writes — svg, g, path (M L H V Q C Z, absolute and relative), rect, circle, ellipse, title, desc;
// fill, fill-opacity and translate/scale transforms — and rejects anything else with an error
// wrapping ErrUnsupportedSVG.
func RasterizeSVG(svg string, size int) (image.Image, error) {
	if err := checkRasterSize(size); err != nil {
		return nil, err
	}
	sc, err := parseSVG(svg)
	if err != nil {
		return nil, err
	}
	return sc.render(size)
}

// LogoPNG rasterises svg to a size×size PNG.
func LogoPNG(svg string, size int) ([]byte, error) {
	img, err := RasterizeSVG(svg, size)
	if err != nil {
		return nil, err
	}
	return encodeLogoPNG(img)
}

// Favicon file names FaviconSet returns.
const (
	FaviconICO     = "favicon.ico"
	Favicon32      = "favicon-32.png"
	AppleTouchIcon = "apple-touch-icon.png"
	Icon192        = "icon-192.png"
	Icon512        = "icon-512.png"
)

// FaviconSet renders svg as the usual favicon files: an ICO holding 16, 32 and 48 px PNGs, a 32 px
// PNG, the 180 px Apple touch icon and the 192/512 px web-manifest icons. The monogram is the
// concept made for these sizes.
func FaviconSet(svg string) (map[string][]byte, error) {
	sc, err := parseSVG(svg)
	if err != nil {
		return nil, err
	}
	pngAt := map[int][]byte{}
	for _, s := range []int{16, 32, 48, 180, 192, 512} {
		img, err := sc.render(s)
		if err != nil {
			return nil, err
		}
		b, err := encodeLogoPNG(img)
		if err != nil {
			return nil, fmt.Errorf("favicon %d px: %w", s, err)
		}
		pngAt[s] = b
	}
	ico, err := icoContainer([]int{16, 32, 48}, [][]byte{pngAt[16], pngAt[32], pngAt[48]})
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		FaviconICO:     ico,
		Favicon32:      pngAt[32],
		AppleTouchIcon: pngAt[180],
		Icon192:        pngAt[192],
		Icon512:        pngAt[512],
	}, nil
}

func checkRasterSize(size int) error {
	if size < 1 || size > MaxRasterSize {
		return fmt.Errorf("raster size %d: want 1..%d", size, MaxRasterSize)
	}
	return nil
}

// encodeLogoPNG uses the fastest compression: logos are flat colours, and measured on 512 px
// logos it is about twice as fast as the default for files about 5% larger.
func encodeLogoPNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return b.Bytes(), nil
}

// icoContainer wraps PNG images in an ICO container (PNG entries are read by every browser and by
// Windows since Vista).
func icoContainer(sizes []int, pngs [][]byte) ([]byte, error) {
	var b bytes.Buffer
	le := binary.LittleEndian
	var hdr [6]byte
	le.PutUint16(hdr[2:], 1) // type: icon
	le.PutUint16(hdr[4:], uint16(len(pngs)))
	b.Write(hdr[:])
	offset := 6 + 16*len(pngs)
	for i, p := range pngs {
		if sizes[i] < 1 || sizes[i] > 256 {
			return nil, fmt.Errorf("ico entry %d px: want 1..256", sizes[i])
		}
		var e [16]byte
		e[0], e[1] = byte(sizes[i]%256), byte(sizes[i]%256) // 0 means 256
		le.PutUint16(e[4:], 1)                              // colour planes
		le.PutUint16(e[6:], 32)                             // bits per pixel
		le.PutUint32(e[8:], uint32(len(p)))
		le.PutUint32(e[12:], uint32(offset))
		b.Write(e[:])
		offset += len(p)
	}
	for _, p := range pngs {
		b.Write(p)
	}
	return b.Bytes(), nil
}

// parseSVG reads the document into a scene, refusing anything outside the subset.
func parseSVG(svg string) (*svgScene, error) {
	if len(svg) > maxSVGBytes {
		return nil, svgUnsupported("document of %d bytes exceeds %d", len(svg), maxSVGBytes)
	}
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	var sc *svgScene
	var stack []svgStyle
	var names []string // open elements
	textOK := 0        // > 0 inside title or desc
	segments := 0
	done := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || sc != nil {
				return nil, svgUnsupported("processing instruction %q", t.Target)
			}
		case xml.Directive:
			return nil, svgUnsupported("directive <!%s>", svgSnippet(string(t)))
		case xml.Comment:
		case xml.CharData:
			if textOK == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, svgUnsupported("text outside title or desc")
			}
		case xml.EndElement:
			names = names[:len(names)-1]
			if t.Name.Local == "title" || t.Name.Local == "desc" {
				textOK--
			}
			if len(stack) > 0 && (t.Name.Local == "svg" || t.Name.Local == "g") {
				stack = stack[:len(stack)-1]
			}
			if len(names) == 0 {
				done = true
			}
		case xml.StartElement:
			if done {
				return nil, svgUnsupported("content after the root element")
			}
			if t.Name.Space != svgNamespace {
				return nil, svgUnsupported("element %q outside the SVG namespace", t.Name.Local)
			}
			if len(names) >= maxSVGDepth {
				return nil, svgUnsupported("nesting deeper than %d", maxSVGDepth)
			}
			if textOK > 0 {
				return nil, svgUnsupported("element <%s> inside title or desc", t.Name.Local)
			}
			names = append(names, t.Name.Local)
			if sc == nil {
				if t.Name.Local != "svg" {
					return nil, svgUnsupported("root element <%s>, want <svg>", t.Name.Local)
				}
				s, st, err := parseSVGRoot(t)
				if err != nil {
					return nil, err
				}
				sc, stack = s, []svgStyle{st}
				continue
			}
			parent := stack[len(stack)-1]
			switch t.Name.Local {
			case "title", "desc":
				if len(t.Attr) > 0 {
					return nil, svgUnsupported("attributes on <%s>", t.Name.Local)
				}
				textOK++
			case "g":
				st, err := parseSVGAttrs(t, parent, nil)
				if err != nil {
					return nil, err
				}
				stack = append(stack, st)
			case "path", "rect", "circle", "ellipse":
				if len(sc.shapes) >= maxSVGShapes {
					return nil, svgUnsupported("more than %d shapes", maxSVGShapes)
				}
				geo := map[string]string{}
				st, err := parseSVGAttrs(t, parent, geo)
				if err != nil {
					return nil, err
				}
				segs, err := svgShapeSegments(t.Name.Local, geo, st.m, maxSVGSegments-segments)
				if err != nil {
					return nil, err
				}
				segments += len(segs)
				if st.hasFill && st.opacity > 0 && len(segs) > 0 {
					f := st.fill
					f.A = uint8(math.Round(float64(f.A) * st.opacity))
					sc.shapes = append(sc.shapes, rasterShape{segs: segs, fill: f})
				}
			default:
				return nil, svgUnsupported("element <%s>", t.Name.Local)
			}
		}
	}
	if sc == nil || !done {
		return nil, svgUnsupported("no complete <svg> element")
	}
	return sc, nil
}

func svgSnippet(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// parseSVGRoot reads the <svg> element: its namespace declaration, viewBox or width/height, and the
// fill it passes down.
func parseSVGRoot(t xml.StartElement) (*svgScene, svgStyle, error) {
	sc := &svgScene{}
	var width, height float64
	var viewBox string
	rest := xml.StartElement{Name: t.Name}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			if a.Value != svgNamespace {
				return nil, svgStyle{}, svgUnsupported("namespace %q", a.Value)
			}
		case a.Name.Space == "" && a.Name.Local == "viewBox":
			viewBox = a.Value
		case a.Name.Space == "" && (a.Name.Local == "width" || a.Name.Local == "height"):
			v, err := parseSVGNumber(strings.TrimSuffix(strings.TrimSpace(a.Value), "px"))
			if err != nil || v <= 0 {
				return nil, svgStyle{}, svgUnsupported("%s %q", a.Name.Local, a.Value)
			}
			if a.Name.Local == "width" {
				width = v
			} else {
				height = v
			}
		case a.Name.Space == "" && (a.Name.Local == "role" || a.Name.Local == "aria-label" || a.Name.Local == "version"):
		default:
			rest.Attr = append(rest.Attr, a)
		}
	}
	st, err := parseSVGAttrs(rest, svgStyle{m: svgIdentity(), fill: color.NRGBA{A: 255}, hasFill: true, opacity: 1}, nil)
	if err != nil {
		return nil, svgStyle{}, err
	}
	if st.m != svgIdentity() {
		return nil, svgStyle{}, svgUnsupported("transform on <svg>")
	}
	if viewBox != "" {
		nums, err := parseSVGNumbers(viewBox)
		if err != nil || len(nums) != 4 {
			return nil, svgStyle{}, svgUnsupported("viewBox %q", viewBox)
		}
		sc.minX, sc.minY, sc.w, sc.h = nums[0], nums[1], nums[2], nums[3]
	} else {
		sc.w, sc.h = width, height
	}
	if !(sc.w > 0 && sc.h > 0) {
		return nil, svgStyle{}, svgUnsupported("no positive viewBox or width and height")
	}
	return sc, st, nil
}

// parseSVGAttrs reads presentation attributes into the style inherited from parent. Geometry
// attributes go to geo when the element takes them; any other attribute is refused, which also
// keeps out event handlers, links and styles.
func parseSVGAttrs(t xml.StartElement, parent svgStyle, geo map[string]string) (svgStyle, error) {
	st := parent
	allowed := svgGeometryAttrs(t.Name.Local)
	for _, a := range t.Attr {
		if a.Name.Space != "" {
			return st, svgUnsupported("attribute %s:%s on <%s>", a.Name.Space, a.Name.Local, t.Name.Local)
		}
		switch name := a.Name.Local; {
		case name == "fill":
			c, ok, err := parseSVGFill(a.Value)
			if err != nil {
				return st, err
			}
			st.fill, st.hasFill = c, ok
		case name == "fill-opacity":
			v, err := parseSVGNumber(a.Value)
			if err != nil {
				return st, svgUnsupported("fill-opacity %q", a.Value)
			}
			st.opacity = paletteClamp(v)
		case name == "transform":
			m, err := parseSVGTransform(a.Value)
			if err != nil {
				return st, err
			}
			st.m = parent.m.then(m)
			if !st.m.bounded() {
				return st, svgUnsupported("transform %q scales too far", svgSnippet(a.Value))
			}
		case geo != nil && allowed[name]:
			geo[name] = a.Value
		default:
			return st, svgUnsupported("attribute %q on <%s>", name, t.Name.Local)
		}
	}
	return st, nil
}

func svgGeometryAttrs(element string) map[string]bool {
	switch element {
	case "path":
		return map[string]bool{"d": true}
	case "rect":
		return map[string]bool{"x": true, "y": true, "width": true, "height": true, "rx": true, "ry": true}
	case "circle":
		return map[string]bool{"cx": true, "cy": true, "r": true}
	case "ellipse":
		return map[string]bool{"cx": true, "cy": true, "rx": true, "ry": true}
	}
	return nil
}

// parseSVGFill reads "#rgb", "#rrggbb" or "none" (ok false).
func parseSVGFill(s string) (color.NRGBA, bool, error) {
	s = strings.TrimSpace(s)
	if s == "none" {
		return color.NRGBA{}, false, nil
	}
	if len(s) == 4 && s[0] == '#' {
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false, svgUnsupported("fill %q", svgSnippet(s))
	}
	c, err := ParseHex(s)
	if err != nil {
		return color.NRGBA{}, false, svgUnsupported("fill %q", s)
	}
	return color.NRGBA{c.R, c.G, c.B, 255}, true, nil
}

// parseSVGTransform reads a list of translate(x [y]) and scale(x [y]).
func parseSVGTransform(s string) (svgAffine, error) {
	m := svgIdentity()
	rest := strings.TrimSpace(s)
	for rest != "" {
		open := strings.IndexByte(rest, '(')
		end := strings.IndexByte(rest, ')')
		if open < 0 || end < open {
			return m, svgUnsupported("transform %q", svgSnippet(s))
		}
		name := strings.TrimSpace(rest[:open])
		args, err := parseSVGNumbers(rest[open+1 : end])
		if err != nil {
			return m, svgUnsupported("transform %q", svgSnippet(s))
		}
		var t svgAffine
		switch {
		case name == "translate" && (len(args) == 1 || len(args) == 2):
			t = svgAffine{sx: 1, sy: 1, tx: args[0]}
			if len(args) == 2 {
				t.ty = args[1]
			}
		case name == "scale" && (len(args) == 1 || len(args) == 2):
			t = svgAffine{sx: args[0], sy: args[0]}
			if len(args) == 2 {
				t.sy = args[1]
			}
		default:
			return m, svgUnsupported("transform %q", svgSnippet(s))
		}
		m = m.then(t)
		if !m.bounded() {
			return m, svgUnsupported("transform %q scales too far", svgSnippet(s))
		}
		rest = strings.TrimLeft(rest[end+1:], " \t\r\n,")
	}
	return m, nil
}

// svgShapeSegments turns an element's geometry into path pieces in user space.
func svgShapeSegments(element string, geo map[string]string, m svgAffine, budget int) ([]rasterSeg, error) {
	num := func(name string, def float64, required bool) (float64, error) {
		s, ok := geo[name]
		if !ok {
			if required {
				return 0, svgUnsupported("<%s> without %s", element, name)
			}
			return def, nil
		}
		v, err := parseSVGNumber(strings.TrimSpace(s))
		if err != nil {
			return 0, svgUnsupported("<%s> %s %q", element, name, svgSnippet(s))
		}
		return v, nil
	}
	var c shapeContour
	switch element {
	case "path":
		return parseSVGPath(geo["d"], m, budget)
	case "rect":
		x, err1 := num("x", 0, false)
		y, err2 := num("y", 0, false)
		w, err3 := num("width", 0, true)
		h, err4 := num("height", 0, true)
		rx, err5 := num("rx", -1, false)
		ry, err6 := num("ry", -1, false)
		if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
			return nil, err
		}
		if w < 0 || h < 0 {
			return nil, svgUnsupported("<rect> with negative size")
		}
		if w == 0 || h == 0 {
			return nil, nil
		}
		switch {
		case rx < 0 && ry < 0:
			rx = 0
		case rx < 0:
			rx = ry
		}
		c = shapeRoundRect(x, y, w, h, rx)
	case "circle", "ellipse":
		cx, err1 := num("cx", 0, false)
		cy, err2 := num("cy", 0, false)
		var rx, ry float64
		var err3, err4 error
		if element == "circle" {
			rx, err3 = num("r", 0, true)
			ry = rx
		} else {
			rx, err3 = num("rx", 0, true)
			ry, err4 = num("ry", 0, true)
		}
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, err
		}
		if rx < 0 || ry < 0 {
			return nil, svgUnsupported("<%s> with negative radius", element)
		}
		if rx == 0 || ry == 0 {
			return nil, nil
		}
		c = shapeEllipse(logoPt{cx, cy}, rx, ry)
	}
	segs := []rasterSeg{{op: 'M', p: [3]logoPt{m.apply(c.start)}}}
	for _, s := range c.segs {
		rs := rasterSeg{op: s.op}
		for i := range s.p {
			rs.p[i] = m.apply(s.p[i])
		}
		segs = append(segs, rs)
	}
	return append(segs, rasterSeg{op: 'Z'}), nil
}

// parseSVGPath reads path data with M, L, H, V, Q, C and Z in absolute and relative forms.
func parseSVGPath(d string, m svgAffine, budget int) ([]rasterSeg, error) {
	sc := svgNumScanner{s: d}
	segs := make([]rasterSeg, 0, min(len(d)/12, budget)+1) // a piece takes about 12 bytes
	var cur, start logoPt
	var cmd byte
	started := false
	for {
		sc.skipSeparators()
		if sc.done() {
			break
		}
		if c := sc.s[sc.i]; svgPathLetter(c) {
			cmd = c
			sc.i++
			if !strings.ContainsRune("MmLlHhVvQqCcZz", rune(c)) {
				return nil, svgUnsupported("path command %q", string(c))
			}
		} else if cmd == 0 {
			return nil, svgUnsupported("path data must start with a command")
		} else if cmd == 'Z' || cmd == 'z' {
			return nil, svgUnsupported("numbers after a close command")
		}
		if !started && cmd != 'M' && cmd != 'm' {
			return nil, svgUnsupported("path data must start with M")
		}
		if len(segs) >= budget {
			return nil, svgUnsupported("more than %d path segments", maxSVGSegments)
		}
		rel := cmd >= 'a'
		base := logoPt{}
		if rel {
			base = cur
		}
		point := func() (logoPt, error) {
			x, err := sc.number()
			if err != nil {
				return logoPt{}, err
			}
			y, err := sc.number()
			if err != nil {
				return logoPt{}, err
			}
			return logoPt{base.X + x, base.Y + y}, nil
		}
		var seg rasterSeg
		switch cmd {
		case 'M', 'm':
			p, err := point()
			if err != nil {
				return nil, err
			}
			if started {
				segs = append(segs, rasterSeg{op: 'Z'})
			}
			seg = rasterSeg{op: 'M', p: [3]logoPt{p}}
			cur, start, started = p, p, true
			// Further pairs after a move are lines.
			if cmd == 'M' {
				cmd = 'L'
			} else {
				cmd = 'l'
			}
		case 'L', 'l':
			p, err := point()
			if err != nil {
				return nil, err
			}
			seg, cur = rasterSeg{op: 'L', p: [3]logoPt{p}}, p
		case 'H', 'h', 'V', 'v':
			v, err := sc.number()
			if err != nil {
				return nil, err
			}
			p := cur
			switch cmd {
			case 'H':
				p.X = v
			case 'h':
				p.X += v
			case 'V':
				p.Y = v
			default:
				p.Y += v
			}
			seg, cur = rasterSeg{op: 'L', p: [3]logoPt{p}}, p
		case 'Q', 'q':
			c1, err := point()
			if err != nil {
				return nil, err
			}
			p, err := point()
			if err != nil {
				return nil, err
			}
			seg, cur = rasterSeg{op: 'Q', p: [3]logoPt{c1, p}}, p
		case 'C', 'c':
			c1, err := point()
			if err != nil {
				return nil, err
			}
			c2, err := point()
			if err != nil {
				return nil, err
			}
			p, err := point()
			if err != nil {
				return nil, err
			}
			seg, cur = rasterSeg{op: 'C', p: [3]logoPt{c1, c2, p}}, p
		case 'Z', 'z':
			seg, cur = rasterSeg{op: 'Z'}, start
		}
		for i := range seg.p {
			seg.p[i] = m.apply(seg.p[i])
		}
		segs = append(segs, seg)
	}
	if started {
		segs = append(segs, rasterSeg{op: 'Z'})
	}
	return segs, nil
}

func svgPathLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// svgNumScanner reads SVG numbers: "-1.5e3", ".5.5" (two numbers), "1-2" (two numbers).
type svgNumScanner struct {
	s string
	i int
}

func (n *svgNumScanner) done() bool { return n.i >= len(n.s) }

func (n *svgNumScanner) skipSeparators() {
	for n.i < len(n.s) {
		switch n.s[n.i] {
		case ' ', ',', '\n', '\t', '\r':
			n.i++
		default:
			return
		}
	}
}

func (n *svgNumScanner) number() (float64, error) {
	n.skipSeparators()
	start := n.i
	neg := false
	if n.i < len(n.s) && (n.s[n.i] == '+' || n.s[n.i] == '-') {
		neg = n.s[n.i] == '-'
		n.i++
	}
	// Mantissa and decimals are gathered on the way: with at most 15 digits and no exponent the
	// value is the exact quotient of two exactly represented numbers, so correctly rounded
	// without strconv (most numbers in a path are like "-12.5").
	var mant int64
	digits, decimals := 0, 0
	for n.i < len(n.s) && n.s[n.i] >= '0' && n.s[n.i] <= '9' {
		mant = mant*10 + int64(n.s[n.i]-'0')
		n.i++
		digits++
	}
	if n.i < len(n.s) && n.s[n.i] == '.' {
		n.i++
		for n.i < len(n.s) && n.s[n.i] >= '0' && n.s[n.i] <= '9' {
			mant = mant*10 + int64(n.s[n.i]-'0')
			n.i++
			digits++
			decimals++
		}
	}
	if digits == 0 {
		return 0, svgUnsupported("number expected at %d in %q", start, svgSnippet(n.s))
	}
	exponent := false
	if n.i < len(n.s) && (n.s[n.i] == 'e' || n.s[n.i] == 'E') {
		j := n.i + 1
		if j < len(n.s) && (n.s[j] == '+' || n.s[j] == '-') {
			j++
		}
		k := j
		for k < len(n.s) && n.s[k] >= '0' && n.s[k] <= '9' {
			k++
		}
		if k > j {
			n.i, exponent = k, true
		}
	}
	if exponent || digits > 15 {
		return svgFiniteNumber(n.s[start:n.i])
	}
	v := float64(mant) / math.Pow10(decimals) // exact powers up to 1e22
	if neg {
		v = -v
	}
	if math.Abs(v) > maxSVGMagnitude {
		return 0, svgUnsupported("number %q", svgSnippet(n.s[start:n.i]))
	}
	return v, nil
}

func svgFiniteNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > maxSVGMagnitude {
		return 0, svgUnsupported("number %q", svgSnippet(s))
	}
	return v, nil
}

// parseSVGNumber reads exactly one number.
func parseSVGNumber(s string) (float64, error) {
	sc := svgNumScanner{s: s}
	v, err := sc.number()
	if err != nil {
		return 0, err
	}
	sc.skipSeparators()
	if !sc.done() {
		return 0, svgUnsupported("number %q", svgSnippet(s))
	}
	return v, nil
}

func parseSVGNumbers(s string) ([]float64, error) {
	sc := svgNumScanner{s: s}
	var out []float64
	for len(out) < 8 {
		sc.skipSeparators()
		if sc.done() {
			return out, nil
		}
		v, err := sc.number()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return nil, svgUnsupported("too many numbers in %q", svgSnippet(s))
}

// render paints the scene at size×size. Each shape is rasterised over its own bounding box only.
func (sc *svgScene) render(size int) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	fs := float64(size)
	s := math.Min(fs/sc.w, fs/sc.h)
	ox := (fs-sc.w*s)/2 - sc.minX*s
	oy := (fs-sc.h*s)/2 - sc.minY*s
	// Points far outside the canvas are pulled in; that only bends shapes reaching several canvases
	// away, and keeps the rasteriser's fixed-point maths and row loops bounded.
	lim := 4 * fs
	clampDev := func(v float64) float64 {
		if math.IsNaN(v) {
			return 0
		}
		return math.Min(math.Max(v, -lim), lim+fs)
	}
	dev := func(p logoPt) logoPt { return logoPt{clampDev(p.X*s + ox), clampDev(p.Y*s + oy)} }
	// The floor lets small icons of long lettering through: their cost is per segment, not per pixel.
	budget := maxRasterCanvases*fs*fs + rasterWorkFloor
	var z vector.Rasterizer
	canvas := img.Bounds()
	var pts []rasterSeg
	for _, sh := range sc.shapes {
		pts = pts[:0]
		bb := logoEmptyBox()
		var cur, start logoPt
		// The rasteriser walks every row an edge spans (above the canvas too) and every column it
		// crosses, so each drawn piece costs about its height plus its clipped width.
		spend := func(b logoBox) { budget -= b.h() + math.Min(b.w(), fs) }
		for _, sg := range sh.segs {
			d := rasterSeg{op: sg.op}
			seg := logoEmptyBox()
			seg.add(cur)
			for j := range rasterSegPoints(sg.op) {
				d.p[j] = dev(sg.p[j])
				bb.add(d.p[j])
				seg.add(d.p[j])
			}
			switch sg.op {
			case 'M':
				cur, start = d.p[0], d.p[0]
			case 'Z':
				seg.add(start)
				spend(seg)
				cur = start
			default:
				spend(seg)
				cur = d.p[rasterSegPoints(sg.op)-1]
			}
			pts = append(pts, d)
		}
		if bb.empty() {
			continue
		}
		r := image.Rect(int(math.Floor(bb.X0)), int(math.Floor(bb.Y0)), int(math.Ceil(bb.X1))+1, int(math.Ceil(bb.Y1))+1).Intersect(canvas)
		if r.Empty() {
			continue
		}
		budget -= float64(r.Dx() * r.Dy())
		if budget < 0 {
			return nil, svgUnsupported("too complex to rasterise at %d px", size)
		}
		z.Reset(r.Dx(), r.Dy())
		fx, fy := float32(r.Min.X), float32(r.Min.Y)
		at := func(p logoPt) (float32, float32) { return float32(p.X) - fx, float32(p.Y) - fy }
		open := false
		for _, sg := range pts {
			switch sg.op {
			case 'M':
				if open {
					z.ClosePath()
				}
				z.MoveTo(at(sg.p[0]))
			case 'L':
				z.LineTo(at(sg.p[0]))
			case 'Q':
				bx, by := at(sg.p[0])
				cx, cy := at(sg.p[1])
				z.QuadTo(bx, by, cx, cy)
			case 'C':
				bx, by := at(sg.p[0])
				cx, cy := at(sg.p[1])
				dx, dy := at(sg.p[2])
				z.CubeTo(bx, by, cx, cy, dx, dy)
			case 'Z':
				if open {
					z.ClosePath()
				}
				open = false
				continue
			}
			open = true
		}
		if open {
			z.ClosePath()
		}
		z.Draw(img, r, image.NewUniform(sh.fill), image.Point{})
	}
	return img, nil
}

func rasterSegPoints(op byte) int {
	switch op {
	case 'M', 'L':
		return 1
	case 'Q':
		return 2
	case 'C':
		return 3
	}
	return 0
}
