package agents

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// svgDoc writes one self-contained SVG document in the subset RasterizeSVG reads: a title and path
// elements with fill presentation attributes (lettering also with a translate/scale transform).
// Nothing references anything outside it and nothing runs.
type svgDoc struct{ b strings.Builder }

func newSVGDoc(w, h int, title string) *svgDoc {
	d := &svgDoc{}
	d.b.Grow(8 << 10)
	ws, hs := strconv.Itoa(w), strconv.Itoa(h)
	d.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + ws + " " + hs + `" width="` + ws + `" height="` + hs + `" role="img">`)
	d.b.WriteString("\n<title>")
	// EscapeText also replaces characters XML cannot carry, so any name makes a valid document.
	_ = xml.EscapeText(&d.b, []byte(title))
	d.b.WriteString("</title>\n")
	return d
}

func (d *svgDoc) path(fill RGB, p *svgPath) { d.pathAlpha(fill, 1, p) }

func (d *svgDoc) pathAlpha(fill RGB, opacity float64, p *svgPath) {
	if p.empty() {
		return
	}
	d.b.WriteString(`<path fill="` + fill.Hex() + `"`)
	if opacity < 1 {
		d.b.WriteString(` fill-opacity="` + strconv.FormatFloat(opacity, 'f', 2, 64) + `"`)
	}
	d.b.WriteString(` d="`)
	d.b.Write(p.b)
	d.b.WriteString("\"/>\n")
}

// shapes draws contours into one path element.
func (d *svgDoc) shapes(fill RGB, cs ...shapeContour) {
	var p svgPath
	for _, c := range cs {
		c.appendTo(&p)
	}
	d.path(fill, &p)
}

// textPath writes lettering drawn on the glyph grid, scaled by k and moved to origin.
func (d *svgDoc) textPath(fill RGB, origin logoPt, k float64, p *svgPath) {
	if p.empty() {
		return
	}
	var n svgPath
	n.b = append(n.b, `<path fill="`+fill.Hex()+`" transform="translate(`...)
	n.num(svgGridOf(origin.X))
	n.b = append(n.b, ' ')
	n.num(svgGridOf(origin.Y))
	n.b = append(n.b, ") scale("...)
	n.b = strconv.AppendFloat(n.b, k, 'g', 6, 64)
	n.b = append(n.b, `)" d="`...)
	d.b.Write(n.b)
	d.b.Write(p.b)
	d.b.WriteString("\"/>\n")
}

func (d *svgDoc) String() string { return d.b.String() + "</svg>\n" }

// shapeSeg is one piece of a contour: a line ('L'), quadratic ('Q') or cubic ('C') to p[n-1].
type shapeSeg struct {
	op byte
	p  [3]logoPt
}

// shapeContour is a closed outline. Holes are contours of the opposite direction (non-zero fill).
type shapeContour struct {
	start logoPt
	segs  []shapeSeg
}

func (c *shapeContour) lineTo(p logoPt) { c.segs = append(c.segs, shapeSeg{op: 'L', p: [3]logoPt{p}}) }
func (c *shapeContour) quadTo(c1, p logoPt) {
	c.segs = append(c.segs, shapeSeg{op: 'Q', p: [3]logoPt{c1, p}})
}
func (c *shapeContour) cubeTo(c1, c2, p logoPt) {
	c.segs = append(c.segs, shapeSeg{op: 'C', p: [3]logoPt{c1, c2, p}})
}

func (s shapeSeg) end() logoPt {
	switch s.op {
	case 'Q':
		return s.p[1]
	case 'C':
		return s.p[2]
	}
	return s.p[0]
}

func (c *shapeContour) lines(pts ...logoPt) {
	for _, q := range pts {
		c.lineTo(q)
	}
}

func shapePolygon(pts ...logoPt) shapeContour {
	c := shapeContour{start: pts[0]}
	c.lines(pts[1:]...)
	return c
}

func (a logoPt) add(b logoPt) logoPt             { return logoPt{a.X + b.X, a.Y + b.Y} }
func (a logoPt) sub(b logoPt) logoPt             { return logoPt{a.X - b.X, a.Y - b.Y} }
func (a logoPt) scale(k float64) logoPt          { return logoPt{a.X * k, a.Y * k} }
func (a logoPt) lerp(b logoPt, t float64) logoPt { return a.add(b.sub(a).scale(t)) }
func (a logoPt) perp() logoPt                    { return logoPt{-a.Y, a.X} }

func (a logoPt) unit() logoPt {
	n := math.Hypot(a.X, a.Y)
	if n == 0 {
		return logoPt{}
	}
	return a.scale(1 / n)
}

func logoPolar(c logoPt, r, angle float64) logoPt {
	return logoPt{c.X + r*math.Cos(angle), c.Y + r*math.Sin(angle)}
}

// appendTo writes the contour, closed.
func (c shapeContour) appendTo(p *svgPath) {
	p.moveTo(c.start.X, c.start.Y)
	for _, s := range c.segs {
		switch s.op {
		case 'L':
			p.lineTo(s.p[0].X, s.p[0].Y)
		case 'Q':
			p.quadTo(s.p[0].X, s.p[0].Y, s.p[1].X, s.p[1].Y)
		case 'C':
			p.cubeTo(s.p[0].X, s.p[0].Y, s.p[1].X, s.p[1].Y, s.p[2].X, s.p[2].Y)
		}
	}
	p.close()
}

// reversed runs the same outline the other way round, turning a shape into a hole.
func (c shapeContour) reversed() shapeContour {
	ends := make([]logoPt, len(c.segs)+1)
	ends[0] = c.start
	for i, s := range c.segs {
		ends[i+1] = s.end()
	}
	r := shapeContour{start: ends[len(ends)-1]}
	for i := len(c.segs) - 1; i >= 0; i-- {
		s := c.segs[i]
		to := ends[i]
		switch s.op {
		case 'L':
			r.lineTo(to)
		case 'Q':
			r.quadTo(s.p[0], to)
		case 'C':
			r.cubeTo(s.p[1], s.p[0], to)
		}
	}
	return r
}

// bezierKappa places cubic control points so four cubics draw a circle (error under 0.03%).
const bezierKappa = 0.5522847498

// shapeEllipse is clockwise on screen (y down), starting at its rightmost point.
func shapeEllipse(c logoPt, rx, ry float64) shapeContour {
	kx, ky := rx*bezierKappa, ry*bezierKappa
	e := shapeContour{start: logoPt{c.X + rx, c.Y}}
	e.cubeTo(logoPt{c.X + rx, c.Y + ky}, logoPt{c.X + kx, c.Y + ry}, logoPt{c.X, c.Y + ry})
	e.cubeTo(logoPt{c.X - kx, c.Y + ry}, logoPt{c.X - rx, c.Y + ky}, logoPt{c.X - rx, c.Y})
	e.cubeTo(logoPt{c.X - rx, c.Y - ky}, logoPt{c.X - kx, c.Y - ry}, logoPt{c.X, c.Y - ry})
	e.cubeTo(logoPt{c.X + kx, c.Y - ry}, logoPt{c.X + rx, c.Y - ky}, logoPt{c.X + rx, c.Y})
	return e
}

func shapeCircle(c logoPt, r float64) shapeContour { return shapeEllipse(c, r, r) }

// shapeRoundRect is clockwise with corner radius rad.
func shapeRoundRect(x, y, w, h, rad float64) shapeContour {
	rad = math.Min(rad, math.Min(w, h)/2)
	k := rad * (1 - bezierKappa)
	c := shapeContour{start: logoPt{x + rad, y}}
	c.lineTo(logoPt{x + w - rad, y})
	c.cubeTo(logoPt{x + w - k, y}, logoPt{x + w, y + k}, logoPt{x + w, y + rad})
	c.lineTo(logoPt{x + w, y + h - rad})
	c.cubeTo(logoPt{x + w, y + h - k}, logoPt{x + w - k, y + h}, logoPt{x + w - rad, y + h})
	c.lineTo(logoPt{x + rad, y + h})
	c.cubeTo(logoPt{x + k, y + h}, logoPt{x, y + h - k}, logoPt{x, y + h - rad})
	c.lineTo(logoPt{x, y + rad})
	c.cubeTo(logoPt{x, y + k}, logoPt{x + k, y}, logoPt{x + rad, y})
	return c
}

func shapeRect(x, y, w, h float64) shapeContour {
	return shapePolygon(logoPt{x, y}, logoPt{x + w, y}, logoPt{x + w, y + h}, logoPt{x, y + h})
}

// shapeRegular is a regular polygon with n corners on radius r, the first at angle a0.
func shapeRegular(c logoPt, r float64, n int, a0 float64) shapeContour {
	pts := make([]logoPt, n)
	for i := range pts {
		pts[i] = logoPolar(c, r, a0+2*math.Pi*float64(i)/float64(n))
	}
	return shapePolygon(pts...)
}

// shapeStar has n points between radii outer and inner, the first pointing up.
func shapeStar(c logoPt, outer, inner float64, n int) shapeContour {
	pts := make([]logoPt, 2*n)
	for i := range pts {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		pts[i] = logoPolar(c, r, -math.Pi/2+math.Pi*float64(i)/float64(n))
	}
	return shapePolygon(pts...)
}

// shapeLens is a leaf shape from a to b whose widest point is width across.
func shapeLens(a, b logoPt, width float64) shapeContour {
	mid := a.lerp(b, 0.5)
	n := b.sub(a).unit().perp().scale(width) // a quadratic bulges half its control offset
	c := shapeContour{start: a}
	c.quadTo(mid.add(n), b)
	c.quadTo(mid.sub(n), a)
	return c
}

// shapeBar is a straight stroke from a to b, width across, drawn as a filled quadrilateral.
func shapeBar(a, b logoPt, width float64) shapeContour {
	n := b.sub(a).unit().perp().scale(width / 2)
	return shapePolygon(a.add(n), b.add(n), b.sub(n), a.sub(n))
}

// shapeRing is a circular band between radii outer and inner.
func shapeRing(c logoPt, outer, inner float64) []shapeContour {
	return []shapeContour{shapeCircle(c, outer), shapeCircle(c, inner).reversed()}
}

// shapeShield is a crest shape fitting a circle of radius r around c.
func shapeShield(c logoPt, r float64) shapeContour {
	x0, x1 := c.X-0.84*r, c.X+0.84*r
	top, side := c.Y-0.9*r, c.Y+0.12*r
	s := shapeContour{start: logoPt{x0, top}}
	s.quadTo(logoPt{c.X, top - 0.14*r}, logoPt{x1, top})
	s.lineTo(logoPt{x1, side})
	s.cubeTo(logoPt{x1, c.Y + 0.62*r}, logoPt{c.X + 0.42*r, c.Y + 0.86*r}, logoPt{c.X, c.Y + r})
	s.cubeTo(logoPt{c.X - 0.42*r, c.Y + 0.86*r}, logoPt{x0, c.Y + 0.62*r}, logoPt{x0, side})
	s.lineTo(logoPt{x0, top})
	return s
}

// svgPath builds compact SVG path data: relative commands on an integer grid, repeated command
// letters left out. Shapes use a grid of 1/10 user unit (a tenth of a pixel on a 512 px export);
// glyph outlines use 1/1000 em and are placed with a transform. Steps are taken between grid
// points, so rounding never accumulates along a contour.
type svgPath struct {
	b []byte
	// cur and start are the current point and the subpath start, in grid steps.
	cur, start [2]int64
	last       byte // last command letter written
	started    bool // the first, absolute move is written
	// whole writes grid steps as integers; otherwise they are tenths of a user unit.
	whole bool
}

// svgPathGrid is the number of shape grid steps per user unit.
const svgPathGrid = 10

func svgGridOf(v float64) int64 { return int64(math.Round(v * svgPathGrid)) }

// num appends a grid value with integer arithmetic (formatting floats dominated the agent's time).
func (p *svgPath) num(n int64) {
	if n < 0 {
		p.b = append(p.b, '-')
		n = -n
	}
	if p.whole {
		p.b = strconv.AppendInt(p.b, n, 10)
		return
	}
	if n >= svgPathGrid || n == 0 {
		p.b = strconv.AppendInt(p.b, n/svgPathGrid, 10)
	}
	if f := n % svgPathGrid; f != 0 {
		p.b = append(p.b, '.', byte('0'+f))
	}
}

// cmd writes a command letter (unless it repeats) and its numbers, separated by a space or by
// the minus sign of the next number.
func (p *svgPath) cmd(c byte, ns ...int64) {
	if c != p.last || c == 'm' || c == 'M' {
		p.b = append(p.b, c)
	} else if len(ns) > 0 && ns[0] >= 0 {
		p.b = append(p.b, ' ')
	}
	p.last = c
	for i, n := range ns {
		if i > 0 && n >= 0 {
			p.b = append(p.b, ' ')
		}
		p.num(n)
	}
}

func (p *svgPath) moveToG(x, y int64) {
	if !p.started {
		p.started = true
		p.cur, p.start = [2]int64{x, y}, [2]int64{x, y}
		p.cmd('M', x, y)
		return
	}
	dx, dy := x-p.cur[0], y-p.cur[1]
	p.cur, p.start = [2]int64{x, y}, [2]int64{x, y}
	p.cmd('m', dx, dy)
}

func (p *svgPath) lineToG(x, y int64) {
	dx, dy := x-p.cur[0], y-p.cur[1]
	p.cur = [2]int64{x, y}
	switch {
	case dy == 0:
		p.cmd('h', dx)
	case dx == 0:
		p.cmd('v', dy)
	default:
		p.cmd('l', dx, dy)
	}
}

func (p *svgPath) quadToG(x1, y1, x, y int64) {
	c := p.cur
	p.cur = [2]int64{x, y}
	p.cmd('q', x1-c[0], y1-c[1], x-c[0], y-c[1])
}

func (p *svgPath) cubeToG(x1, y1, x2, y2, x, y int64) {
	c := p.cur
	p.cur = [2]int64{x, y}
	p.cmd('c', x1-c[0], y1-c[1], x2-c[0], y2-c[1], x-c[0], y-c[1])
}

func (p *svgPath) moveTo(x, y float64) { p.moveToG(svgGridOf(x), svgGridOf(y)) }
func (p *svgPath) lineTo(x, y float64) { p.lineToG(svgGridOf(x), svgGridOf(y)) }
func (p *svgPath) quadTo(x1, y1, x, y float64) {
	p.quadToG(svgGridOf(x1), svgGridOf(y1), svgGridOf(x), svgGridOf(y))
}
func (p *svgPath) cubeTo(x1, y1, x2, y2, x, y float64) {
	p.cubeToG(svgGridOf(x1), svgGridOf(y1), svgGridOf(x2), svgGridOf(y2), svgGridOf(x), svgGridOf(y))
}

func (p *svgPath) close() {
	p.b = append(p.b, 'z')
	p.last = 'z'
	p.cur = p.start
}

func (p *svgPath) empty() bool    { return len(p.b) == 0 }
func (p *svgPath) String() string { return string(p.b) }
