package site

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func TestCheckSVG(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg"`
	for _, tc := range []struct {
		name  string
		svg   string
		ok    bool
		ratio float64
	}{
		{"fixture", fixtureLogo, true, 2},
		{"use inside", `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="100"><defs><path id="p" d="M0 0h1"/></defs><use xlink:href="#p"/></svg>`, true, 0.5},
		{"gradient by id", `<svg ` + ns + ` viewBox="0 0 10 10"><style>.a{fill:url(#g)}</style><rect class="a" width="10" height="10"/></svg>`, true, 1},
		{"xml declaration", `<?xml version="1.0" encoding="UTF-8"?><svg ` + ns + ` viewBox="0 0 10 10"/>`, true, 1},
		{"empty", ``, false, 0},
		{"not xml", `<svg ` + ns + `><rect></svg>`, false, 0},
		{"no namespace", `<svg viewBox="0 0 10 10"/>`, false, 0},
		{"html root", `<html ` + ns + `/>`, false, 0},
		{"script", `<svg ` + ns + `><script>alert(1)</script></svg>`, false, 0},
		{"script other case", `<svg ` + ns + `><SCRIPT>alert(1)</SCRIPT></svg>`, false, 0},
		{"onload", `<svg ` + ns + ` onload="alert(1)"/>`, false, 0},
		{"foreignObject", `<svg ` + ns + `><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, false, 0},
		{"external image", `<svg ` + ns + `><image href="https://evil.example/x.png"/></svg>`, false, 0},
		{"external use", `<svg ` + ns + `><use href="https://evil.example/s.svg#x"/></svg>`, false, 0},
		{"javascript link", `<svg ` + ns + `><a href="javascript:alert(1)"><rect/></a></svg>`, false, 0},
		{"animation rewrites href", `<svg ` + ns + `><set attributeName="href" to="javascript:alert(1)"/></svg>`, false, 0},
		{"css import", `<svg ` + ns + `><style>@import url(https://evil.example/x.css);</style></svg>`, false, 0},
		{"css url", `<svg ` + ns + `><rect style="fill:url(https://evil.example/x)"/></svg>`, false, 0},
		{"doctype entity", `<!DOCTYPE svg [<!ENTITY x "y">]><svg ` + ns + `/>`, false, 0},
		{"processing instruction", `<?xml-stylesheet href="https://evil.example/x.css"?><svg ` + ns + `/>`, false, 0},
		{"two roots", `<svg ` + ns + `/><svg ` + ns + `/>`, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ratio, err := checkSVG([]byte(tc.svg))
			if (err == nil) != tc.ok {
				t.Fatalf("checkSVG ok = %v (%v), want %v", err == nil, err, tc.ok)
			}
			if tc.ok && ratio != tc.ratio {
				t.Errorf("ratio = %v, want %v", ratio, tc.ratio)
			}
		})
	}
}

// TestUnsafeLogoReplaced: a logo that fails the check never reaches the site; a monogram does.
func TestUnsafeLogoReplaced(t *testing.T) {
	b := englishBrief("artisan-warm")
	b.Logo.PrimaryLogo.SVG = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`
	logo, _ := build(t, b).File(logoPath)
	if bytes.Contains(logo.Body, []byte("script")) {
		t.Fatalf("unsafe logo served:\n%s", logo.Body)
	}
	if _, err := checkSVG(logo.Body); err != nil {
		t.Fatalf("monogram fails the check: %v\n%s", err, logo.Body)
	}
	if !bytes.Contains(logo.Body, []byte(">MT</text>")) {
		t.Errorf("monogram lacks the initials:\n%s", logo.Body)
	}
}

func pngOf(t *testing.T, size int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for i := range size {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testFavicons(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"favicon.ico":          {0, 0, 1, 0, 1, 0, 16, 16, 0, 0},
		"icon-192.png":         pngOf(t, 192),
		"icon-512.png":         pngOf(t, 512),
		"apple-touch-icon.png": pngOf(t, 180),
	}
}

func TestFavicons(t *testing.T) {
	b := englishBrief("community-hub")
	b.FaviconSet = testFavicons(t)
	bundle := build(t, b)
	for name, typ := range map[string]string{"favicon.ico": typeICO, "icon-192.png": typePNG, "icon-512.png": typePNG, "apple-touch-icon.png": typePNG} {
		f, ok := bundle.File(name)
		if !ok || f.ContentType != typ || !bytes.Equal(f.Body, b.FaviconSet[name]) {
			t.Errorf("%s: ok %v, type %q", name, ok, f.ContentType)
		}
	}
	idx, _ := bundle.File("index.html")
	for _, want := range []string{
		`<link rel="apple-touch-icon" type="image/png" sizes="180x180" href="apple-touch-icon.png">`,
		`<link rel="icon" type="image/x-icon" sizes="any" href="favicon.ico">`,
		`<link rel="icon" type="image/png" sizes="192x192" href="icon-192.png">`,
	} {
		if !strings.Contains(string(idx.Body), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	m, _ := bundle.File("site.webmanifest")
	if !strings.Contains(string(m.Body), `"src": "icon-512.png"`) || !strings.Contains(string(m.Body), `"sizes": "512x512"`) {
		t.Errorf("manifest lacks the 512 icon:\n%s", m.Body)
	}
	for _, p := range pages() {
		checkPage(t, bundle, p.File, "en", nil, true)
	}

	for name, body := range map[string][]byte{
		"../favicon.ico": {0, 0, 1, 0},
		"Favicon.ico":    {0, 0, 1, 0},
		"index.html":     []byte("<p>"),
		"icon.png":       []byte("not a png"),
		"favicon.ico":    []byte("GIF89a"),
		"icon.svg":       []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
	} {
		b := englishBrief("community-hub")
		b.FaviconSet = map[string][]byte{name: body}
		if _, err := Build(t.Context(), b); err == nil {
			t.Errorf("favicon %q accepted", name)
		}
	}
}
