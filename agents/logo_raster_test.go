package agents

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func testSVGDoc(viewBox, body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="` + viewBox + `">` + body + `</svg>`
}

func TestRasterizeSVGPixels(t *testing.T) {
	red := color.NRGBA{255, 0, 0, 255}
	blue := color.NRGBA{0, 0, 255, 255}
	none := color.NRGBA{}
	type probe struct {
		x, y int
		want color.NRGBA
	}
	tests := []struct {
		name   string
		svg    string
		size   int
		probes []probe
	}{
		{"rect", testSVGDoc("0 0 10 10", `<rect width="5" height="10" fill="#ff0000"/>`), 10,
			[]probe{{2, 5, red}, {7, 5, none}}},
		{"short hex and default black", testSVGDoc("0 0 10 10", `<rect width="5" height="10" fill="#f00"/><rect x="5" width="5" height="10"/>`), 10,
			[]probe{{2, 5, red}, {7, 5, color.NRGBA{0, 0, 0, 255}}}},
		{"wide viewBox is letterboxed", testSVGDoc("0 0 20 10", `<rect width="20" height="10" fill="#0000ff"/>`), 10,
			[]probe{{5, 5, blue}, {5, 0, none}, {5, 9, none}}},
		{"viewBox origin", testSVGDoc("10 10 10 10", `<rect x="10" y="10" width="5" height="10" fill="#0000ff"/>`), 10,
			[]probe{{2, 5, blue}, {7, 5, none}}},
		{"width and height without viewBox", `<svg xmlns="http://www.w3.org/2000/svg" width="10px" height="10"><rect width="5" height="10" fill="#f00"/></svg>`, 20,
			[]probe{{5, 10, red}, {15, 10, none}}},
		{"translate", testSVGDoc("0 0 10 10", `<g transform="translate(5 0)"><rect width="5" height="10" fill="#0000ff"/></g>`), 10,
			[]probe{{7, 5, blue}, {2, 5, none}}},
		{"scale then translate", testSVGDoc("0 0 10 10", `<g transform="translate(5,0) scale(0.5 1)"><rect width="10" height="10" fill="#0000ff"/></g>`), 10,
			[]probe{{7, 5, blue}, {2, 5, none}}},
		{"nested groups inherit fill", testSVGDoc("0 0 10 10", `<g fill="#ff0000"><g transform="translate(5)"><rect width="5" height="10"/></g></g>`), 10,
			[]probe{{7, 5, red}, {2, 5, none}}},
		{"fill none", testSVGDoc("0 0 10 10", `<rect width="10" height="10" fill="none"/>`), 10,
			[]probe{{5, 5, none}}},
		{"fill-opacity", testSVGDoc("0 0 10 10", `<rect width="10" height="10" fill="#ff0000" fill-opacity="0.5"/>`), 10,
			[]probe{{5, 5, color.NRGBA{255, 0, 0, 128}}}},
		{"relative path with H and V", testSVGDoc("0 0 10 10", `<path fill="#f00" d="m5 0 h5 v10 H5 z"/>`), 10,
			[]probe{{7, 5, red}, {2, 5, none}}},
		{"hole by opposite winding", testSVGDoc("0 0 10 10", `<path fill="#f00" d="M0 0L10 0L10 10L0 10ZM3 3L3 7L7 7L7 3Z"/>`), 10,
			[]probe{{1, 1, red}, {5, 5, none}}},
		{"implicit lines after move", testSVGDoc("0 0 10 10", `<path fill="#f00" d="M0 0 10 0 10 10 0 10"/>`), 10,
			[]probe{{5, 5, red}}},
		{"quadratic and cubic", testSVGDoc("0 0 10 10", `<path fill="#00f" d="M0 10Q5-10 10 10ZM0 0c0 0 10 0 10 0"/>`), 20,
			[]probe{{10, 14, blue}, {1, 1, none}}},
		{"circle", testSVGDoc("0 0 10 10", `<circle cx="5" cy="5" r="4" fill="#f00"/>`), 10,
			[]probe{{5, 5, red}, {0, 0, none}}},
		{"ellipse", testSVGDoc("0 0 10 10", `<ellipse cx="5" cy="5" rx="5" ry="2" fill="#f00"/>`), 10,
			[]probe{{5, 5, red}, {5, 1, none}}},
		{"rounded rect corners", testSVGDoc("0 0 10 10", `<rect width="10" height="10" rx="5" fill="#f00"/>`), 20,
			[]probe{{10, 10, red}, {0, 0, none}}},
		{"title, desc, comment, xml declaration", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>a &amp; b</title><desc>d</desc><!-- c --><rect width="10" height="10" fill="#f00"/></svg>`, 10,
			[]probe{{5, 5, red}}},
	}
	for _, tt := range tests {
		img, err := RasterizeSVG(tt.svg, tt.size)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := img.Bounds(); got != image.Rect(0, 0, tt.size, tt.size) {
			t.Errorf("%s: bounds %v", tt.name, got)
		}
		for _, p := range tt.probes {
			got := color.NRGBAModel.Convert(img.At(p.x, p.y)).(color.NRGBA)
			if !logoColorsClose(got, p.want) {
				t.Errorf("%s: pixel (%d,%d) = %v, want %v", tt.name, p.x, p.y, got, p.want)
			}
		}
	}
}

func logoColorsClose(a, b color.NRGBA) bool {
	near := func(x, y uint8) bool { return int(x)-int(y) <= 2 && int(y)-int(x) <= 2 }
	if a.A == 0 && b.A == 0 {
		return true
	}
	return near(a.R, b.R) && near(a.G, b.G) && near(a.B, b.B) && near(a.A, b.A)
}

func TestRasterizeSVGRejects(t *testing.T) {
	many := strings.Repeat(`<rect width="1" height="1"/>`, maxSVGShapes+1)
	deep := strings.Repeat("<g>", maxSVGDepth+1) + strings.Repeat("</g>", maxSVGDepth+1)
	tests := []struct {
		name        string
		svg         string
		unsupported bool // false: malformed XML, refused by the parser itself
	}{
		{"script element", testSVGDoc("0 0 10 10", `<script>alert(1)</script>`), true},
		{"event handler", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"></svg>`, true},
		{"event handler on a shape", testSVGDoc("0 0 10 10", `<rect width="1" height="1" onclick="x()"/>`), true},
		{"image", testSVGDoc("0 0 10 10", `<image href="https://example.com/a.png" width="1" height="1"/>`), true},
		{"xlink href", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><use xlink:href="#a"/></svg>`, true},
		{"href on a shape", testSVGDoc("0 0 10 10", `<path d="M0 0L1 1Z" href="#x"/>`), true},
		{"foreignObject", testSVGDoc("0 0 10 10", `<foreignObject width="1" height="1"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`), true},
		{"style element", testSVGDoc("0 0 10 10", `<style>rect{fill:red}</style>`), true},
		{"style attribute", testSVGDoc("0 0 10 10", `<rect width="1" height="1" style="fill:red"/>`), true},
		{"link", testSVGDoc("0 0 10 10", `<a href="javascript:alert(1)"><rect width="1" height="1"/></a>`), true},
		{"text", testSVGDoc("0 0 10 10", `<text>hello</text>`), true},
		{"arc command", testSVGDoc("0 0 10 10", `<path d="M0 0A1 1 0 0 1 5 5Z"/>`), true},
		{"smooth curve command", testSVGDoc("0 0 10 10", `<path d="M0 0S1 1 5 5Z"/>`), true},
		{"path not starting with a move", testSVGDoc("0 0 10 10", `<path d="L5 5Z"/>`), true},
		{"numbers after close", testSVGDoc("0 0 10 10", `<path d="M0 0L5 5Z 1 2"/>`), true},
		{"odd number of coordinates", testSVGDoc("0 0 10 10", `<path d="M0 0L5"/>`), true},
		{"NaN", testSVGDoc("0 0 10 10", `<path d="M0 0LNaN 5Z"/>`), true},
		{"overflowing number", testSVGDoc("0 0 10 10", `<path d="M0 0L1e400 5Z"/>`), true},
		{"huge number", testSVGDoc("0 0 10 10", `<circle r="1e9"/>`), true},
		{"runaway scale", testSVGDoc("0 0 10 10", strings.Repeat(`<g transform="scale(1000000)">`, 3)+strings.Repeat(`</g>`, 3)), true},
		{"rotate", testSVGDoc("0 0 10 10", `<g transform="rotate(45)"></g>`), true},
		{"matrix", testSVGDoc("0 0 10 10", `<g transform="matrix(1 0 0 1 0 0)"></g>`), true},
		{"paint server", testSVGDoc("0 0 10 10", `<rect width="1" height="1" fill="url(#g)"/>`), true},
		{"named colour", testSVGDoc("0 0 10 10", `<rect width="1" height="1" fill="red"/>`), true},
		{"bad hex", testSVGDoc("0 0 10 10", `<rect width="1" height="1" fill="#ggg"/>`), true},
		{"rect without width", testSVGDoc("0 0 10 10", `<rect height="1"/>`), true},
		{"negative radius", testSVGDoc("0 0 10 10", `<circle r="-1"/>`), true},
		{"no namespace", `<svg viewBox="0 0 10 10"></svg>`, true},
		{"other namespace", `<svg xmlns="http://example.com/ns" viewBox="0 0 10 10"></svg>`, true},
		{"other root", `<html xmlns="http://www.w3.org/2000/svg"></html>`, true},
		{"nested svg", testSVGDoc("0 0 10 10", `<svg viewBox="0 0 1 1"/>`), true},
		{"doctype", `<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>`, true},
		{"stray text", testSVGDoc("0 0 10 10", `hello`), true},
		{"element in title", testSVGDoc("0 0 10 10", `<title><rect width="1" height="1"/></title>`), true},
		{"zero viewBox", testSVGDoc("0 0 0 10", ``), true},
		{"viewBox with three numbers", testSVGDoc("0 0 10", ``), true},
		{"no size at all", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`, true},
		{"too many shapes", testSVGDoc("0 0 10 10", many), true},
		{"too deep", testSVGDoc("0 0 10 10", deep), true},
		{"empty", ``, true},
		{"unclosed", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`, false},
		{"mismatched tags", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g></svg></g>`, false},
		{"undefined entity", testSVGDoc("0 0 10 10", `<title>&x;</title>`), false},
		{"two roots", testSVGDoc("0 0 10 10", ``) + testSVGDoc("0 0 10 10", ``), true},
	}
	for _, tt := range tests {
		img, err := RasterizeSVG(tt.svg, 16)
		if err == nil {
			t.Errorf("%s: accepted (%v)", tt.name, img.Bounds())
			continue
		}
		if got := errors.Is(err, ErrUnsupportedSVG); got != tt.unsupported {
			t.Errorf("%s: errors.Is(%v, ErrUnsupportedSVG) = %v, want %v", tt.name, err, got, tt.unsupported)
		}
	}
	for _, size := range []int{0, -1, MaxRasterSize + 1} {
		if _, err := RasterizeSVG(testSVGDoc("0 0 1 1", ""), size); err == nil {
			t.Errorf("size %d accepted", size)
		}
	}
}

func TestRasterizeSVGBoundsWork(t *testing.T) {
	// Many long edges far above the canvas cost rows without drawing anything; the work estimate
	// must refuse the document instead of spending seconds on it.
	var d strings.Builder
	d.WriteString("M0 -1000000")
	for i := range 20000 {
		fmt.Fprintf(&d, "L%d 10 L%d -1000000", i%10, i%10)
	}
	svg := testSVGDoc("0 0 10 10", `<path d="`+d.String()+`Z"/>`)
	if _, err := RasterizeSVG(svg, 512); !errors.Is(err, ErrUnsupportedSVG) {
		t.Errorf("costly document: err = %v, want ErrUnsupportedSVG", err)
	}
}

func TestLogoPNG(t *testing.T) {
	res := logoGenerate(t, NewBuiltin(logoTestKnowledge()), Request{Input: logoTestInput()})
	// The primary logo only: the PNG path is the same for every concept, and the random-input
	// test rasterises all of them.
	for _, l := range []Logo{res.PrimaryLogo} {
		b, err := LogoPNG(l.SVG, 512)
		if err != nil {
			t.Fatalf("%s: %v", l.Concept, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: decode: %v", l.Concept, err)
		}
		if got := img.Bounds(); got != image.Rect(0, 0, 512, 512) {
			t.Errorf("%s: PNG bounds %v, want 512×512", l.Concept, got)
		}
		if logoInkedPixels(img) < 512*512/50 {
			t.Errorf("%s: PNG is nearly blank", l.Concept)
		}
	}
}

func TestFaviconSet(t *testing.T) {
	res := logoGenerate(t, NewBuiltin(logoTestKnowledge()), Request{Input: logoTestInput(), Instruction: "monogram"})
	set, err := FaviconSet(res.PrimaryLogo.SVG)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{AppleTouchIcon, FaviconICO, Favicon32, Icon192, Icon512}
	slices.Sort(want)
	if diff := cmp.Diff(want, slices.Sorted(maps.Keys(set))); diff != "" {
		t.Errorf("favicon files (-want +got):\n%s", diff)
	}
	for name, size := range map[string]int{Favicon32: 32, AppleTouchIcon: 180, Icon192: 192, Icon512: 512} {
		img, err := png.Decode(bytes.NewReader(set[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := img.Bounds().Dx(); got != size || img.Bounds().Dy() != size {
			t.Errorf("%s: %v, want %d px", name, img.Bounds(), size)
		}
	}

	ico := set[FaviconICO]
	le := binary.LittleEndian
	if len(ico) < 6 || le.Uint16(ico[0:]) != 0 || le.Uint16(ico[2:]) != 1 || le.Uint16(ico[4:]) != 3 {
		t.Fatalf("ICO header % x", ico[:min(6, len(ico))])
	}
	for i, size := range []int{16, 32, 48} {
		e := ico[6+16*i : 6+16*(i+1)]
		if int(e[0]) != size || int(e[1]) != size || e[2] != 0 || e[3] != 0 || le.Uint16(e[4:]) != 1 || le.Uint16(e[6:]) != 32 {
			t.Errorf("ICO entry %d: % x", i, e)
		}
		n, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if off < 6+16*3 || off+n > len(ico) {
			t.Fatalf("ICO entry %d: %d bytes at %d outside %d", i, n, off, len(ico))
		}
		img, err := png.Decode(bytes.NewReader(ico[off : off+n]))
		if err != nil {
			t.Fatalf("ICO entry %d: %v", i, err)
		}
		if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("ICO entry %d: %v, want %d px", i, img.Bounds(), size)
		}
	}
	if _, err := FaviconSet("<svg/>"); err == nil {
		t.Error("FaviconSet accepted an invalid document")
	}
}

func FuzzRasterizeSVG(f *testing.F) {
	res := logoGenerate(f, NewBuiltin(logoTestKnowledge()), Request{Input: logoTestInput()})
	for _, l := range logoAll(res) {
		f.Add(l.SVG, uint8(24))
	}
	f.Add(testSVGDoc("0 0 10 10", `<path fill="#f00" d="m5 0 h5 v10 H5 z"/>`), uint8(10))
	f.Add(testSVGDoc("-5 -5 10 10", `<g transform="translate(1e6) scale(1e-6)"><circle r="1e6"/></g>`), uint8(16))
	f.Add(testSVGDoc("0 0 1e-9 1e-9", `<rect width="1e7" height="1" fill="#abc" fill-opacity="2"/>`), uint8(3))
	f.Add(testSVGDoc("0 0 10 10", `<path d="M0 0Q1e7-1e7 5 5C-1e7 1e7 1e7 1e7 0 0zm.5.5-1-1"/>`), uint8(64))
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>`, uint8(8))
	f.Add(`<svg`, uint8(1))
	f.Fuzz(func(t *testing.T, svg string, size uint8) {
		img, err := RasterizeSVG(svg, int(size))
		if err != nil {
			return
		}
		if b := img.Bounds(); b.Dx() != int(size) || b.Dy() != int(size) {
			t.Fatalf("bounds %v for size %d", b, size)
		}
	})
}

func TestSVGNumberMatchesParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteByte('-')
		}
		for range rng.IntN(9) {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		if rng.IntN(2) == 0 {
			b.WriteByte('.')
			for range 1 + rng.IntN(9) {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		if rng.IntN(8) == 0 {
			b.WriteString("e-")
			b.WriteByte(byte('0' + rng.IntN(5)))
		}
		s := b.String()
		want, werr := strconv.ParseFloat(s, 64)
		got, gerr := parseSVGNumber(s)
		if werr != nil || math.Abs(want) > maxSVGMagnitude {
			if gerr == nil {
				t.Errorf("parseNumber(%q) = %v, want an error", s, got)
			}
			continue
		}
		if gerr != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", s, got, gerr, want)
		}
	}
}

func BenchmarkLogoPNG512(b *testing.B) {
	res := logoGenerate(b, NewBuiltin(logoTestKnowledge()), Request{Input: logoTestInput()})
	for b.Loop() {
		for _, l := range logoAll(res) {
			if _, err := LogoPNG(l.SVG, 512); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkFaviconSet(b *testing.B) {
	res := logoGenerate(b, NewBuiltin(logoTestKnowledge()), Request{Input: logoTestInput(), Instruction: "monogram"})
	for b.Loop() {
		if _, err := FaviconSet(res.PrimaryLogo.SVG); err != nil {
			b.Fatal(err)
		}
	}
}
