package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// logoPath is where a site keeps its logo.
const logoPath = "assets/logo.svg"

// logoFile is the logo a site serves and the size its <img> elements reserve.
type logoFile struct {
	SVG    []byte
	Width  int // at a height of logoHeight, keeping the logo's aspect ratio
	Height int
}

const logoHeight = 96

// siteLogo returns the brief's logo when it is a safe, self-contained SVG document, otherwise a
// monogram of the business name in the site's colours.
func siteLogo(svg, name string, c colours) logoFile {
	if ratio, err := checkSVG([]byte(svg)); err == nil {
		return logoFile{SVG: []byte(svg), Width: max(1, int(math.Round(logoHeight*ratio))), Height: logoHeight}
	}
	return monogram(name, c)
}

// maxSVG bounds a logo or SVG icon.
const maxSVG = 512 << 10

const svgNamespace = "http://www.w3.org/2000/svg"

// checkSVG accepts an SVG document only if, opened on its own, it can neither run anything nor
// fetch anything: no scripts, event handlers, links, foreign content, animations (they can rewrite
// attributes), embedded documents or images, references other than to its own elements ("#id"),
// no DOCTYPE or entities, and stylesheets without url() or @import. It returns the width/height ratio.
func checkSVG(doc []byte) (float64, error) {
	if len(bytes.TrimSpace(doc)) == 0 {
		return 0, errors.New("svg: empty")
	}
	if len(doc) > maxSVG {
		return 0, fmt.Errorf("svg: %d bytes, more than %d", len(doc), maxSVG)
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	ratio, depth, roots, inStyle := 1.0, 0, 0, false
	for range 200_000 {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if roots != 1 {
				return 0, errors.New("svg: no root element")
			}
			return ratio, nil
		}
		if err != nil {
			return 0, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if t.Name.Local != "svg" || t.Name.Space != svgNamespace || roots > 1 {
					return 0, errors.New("svg: root must be one <svg> in the SVG namespace")
				}
				ratio = svgRatio(t.Attr)
			}
			depth++
			if t.Name.Space != svgNamespace {
				return 0, fmt.Errorf("svg: element %s:%s outside the SVG namespace", t.Name.Space, t.Name.Local)
			}
			if forbiddenElement(strings.ToLower(t.Name.Local)) {
				return 0, fmt.Errorf("svg: <%s> is not allowed", t.Name.Local)
			}
			for _, a := range t.Attr {
				if err := checkAttr(a); err != nil {
					return 0, err
				}
			}
			inStyle = t.Name.Local == "style"
		case xml.EndElement:
			depth--
			inStyle = false
		case xml.CharData:
			if inStyle {
				if err := checkCSS(string(t)); err != nil {
					return 0, err
				}
			}
		case xml.Directive:
			return 0, errors.New("svg: DOCTYPE and other directives are not allowed")
		case xml.ProcInst:
			if t.Target != "xml" {
				return 0, fmt.Errorf("svg: processing instruction %q is not allowed", t.Target)
			}
		}
	}
	return 0, errors.New("svg: too many elements")
}

func forbiddenElement(name string) bool {
	switch name {
	case "script", "foreignobject", "iframe", "object", "embed", "audio", "video", "image", "feimage",
		"animate", "animatemotion", "animatetransform", "animatecolor", "set", "discard", "handler",
		"listener", "a":
		return true
	}
	return false
}

var cssURL = regexp.MustCompile(`(?i)url\s*\(\s*['"]?\s*([^'")\s]*)`)

func checkAttr(a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	value := strings.ToLower(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("svg: event handler %s is not allowed", a.Name.Local)
	case name == "href" || name == "src":
		if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
			return fmt.Errorf("svg: %s must point inside the document", a.Name.Local)
		}
	case strings.Contains(value, "javascript:") || strings.Contains(value, "data:"):
		return fmt.Errorf("svg: attribute %s carries a URL scheme", a.Name.Local)
	}
	return checkCSS(a.Value)
}

// checkCSS rejects style text that could fetch or run anything: url() other than url(#id),
// @import, and old script-running extensions.
func checkCSS(s string) error {
	l := strings.ToLower(s)
	if strings.Contains(l, "@import") || strings.Contains(l, "expression(") || strings.Contains(l, "behavior") || strings.Contains(l, "-moz-binding") {
		return errors.New("svg: style may not import or bind anything")
	}
	for _, m := range cssURL.FindAllStringSubmatch(s, -1) {
		if !strings.HasPrefix(m[1], "#") {
			return errors.New("svg: style url() must point inside the document")
		}
	}
	return nil
}

// svgRatio is the logo's width over height from its viewBox, else its width and height, else 1.
func svgRatio(attrs []xml.Attr) float64 {
	var w, h float64
	for _, a := range attrs {
		switch a.Name.Local {
		case "viewBox":
			f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
			if len(f) == 4 {
				vw, err1 := strconv.ParseFloat(f[2], 64)
				vh, err2 := strconv.ParseFloat(f[3], 64)
				if err1 == nil && err2 == nil && vw > 0 && vh > 0 {
					return clampRatio(vw / vh)
				}
			}
		case "width":
			w, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
		case "height":
			h, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "px"), 64)
		}
	}
	if w > 0 && h > 0 {
		return clampRatio(w / h)
	}
	return 1
}

func clampRatio(r float64) float64 { return max(0.25, min(6, r)) }

// monogram draws the business's initials on its primary colour.
func monogram(name string, c colours) logoFile {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img"><title>`)
	xmlText(&b, strings.TrimSpace(name))
	b.WriteString(`</title><rect width="120" height="120" rx="24" fill="`)
	b.WriteString(c.Primary)
	b.WriteString(`"/><text x="60" y="60" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="48" font-weight="700" fill="`)
	b.WriteString(c.OnPrimary)
	b.WriteString(`">`)
	xmlText(&b, initials(name))
	b.WriteString("</text></svg>\n")
	return logoFile{SVG: []byte(b.String()), Width: logoHeight, Height: logoHeight}
}

// initials are the first letters of the first two words of name.
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, unicode.ToUpper(r))
				break
			}
		}
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "•"
	}
	return string(out)
}

// icon is one favicon file and the <link> that announces it.
type icon struct {
	Name        string
	ContentType string
	Body        []byte
	Rel         string // "icon" or "apple-touch-icon"
	Sizes       string // "192x192", "any"
}

var iconName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}\.(ico|png|svg)$`)

// faviconSet checks the favicon files a caller gives and describes each, in name order. Names are
// plain lower-case file names at the site's root; files must be what their extension says.
func faviconSet(set map[string][]byte) ([]icon, error) {
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]icon, 0, len(names))
	for _, n := range names {
		body := set[n]
		if !iconName.MatchString(n) {
			return nil, fmt.Errorf("favicon %q: want a lower-case .ico, .png or .svg file name", n)
		}
		ic := icon{Name: n, Body: body, Rel: "icon"}
		switch n[strings.LastIndexByte(n, '.')+1:] {
		case "ico":
			if !bytes.HasPrefix(body, []byte{0, 0, 1, 0}) {
				return nil, fmt.Errorf("favicon %s: not an ICO file", n)
			}
			ic.ContentType, ic.Sizes = typeICO, "any"
		case "png":
			cfg, err := png.DecodeConfig(bytes.NewReader(body))
			if err != nil {
				return nil, fmt.Errorf("favicon %s: %w", n, err)
			}
			ic.ContentType, ic.Sizes = typePNG, fmt.Sprintf("%dx%d", cfg.Width, cfg.Height)
			if strings.HasPrefix(n, "apple-touch-icon") {
				ic.Rel = "apple-touch-icon"
			}
		case "svg":
			if _, err := checkSVG(body); err != nil {
				return nil, fmt.Errorf("favicon %s: %w", n, err)
			}
			ic.ContentType, ic.Sizes = typeSVG, "any"
		}
		out = append(out, ic)
	}
	return out, nil
}
