// Package site turns a business brief into a small static website: four pages, a sitemap, robots
// rules, a stylesheet, the logo, the favicon set and a web app manifest. Each template of the
// catalogue is its own theme (components in theme_*.templ, a stylesheet in themes/), filled with the
// brief's content, palette, fonts and section order.
//
// Everything in a brief is generated text and is treated as untrusted: it reaches HTML only through
// templ's escaping, CSS only after validation (colours, font names), the JSON-LD only after it
// parses as JSON and is re-escaped, and the logo only as a separate SVG file that passed a
// whitelist check. Sites make no external requests and carry no JavaScript.
package site

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"genesis/agents"
)

// Brief is what a site is built from: the brief's sections and where the site will live.
type Brief struct {
	Input    agents.Input
	Content  agents.ContentGenerationResult
	Logo     agents.LogoCreationResult
	SEO      agents.SEOOptimizationResult
	Template agents.TemplateSelectionResult

	// BaseURL is the absolute http(s) URL the site is published at, such as
	// "https://bakery.example/". With it pages get canonical, og:url and hreflang links; without
	// it (previews, downloads whose home is not known yet) they omit them, and the sitemap, which
	// must hold absolute URLs, uses PlaceholderBaseURL.
	BaseURL string
	// Alternates are versions of the same site in other languages. The site's own language is
	// Input.Language (English when empty).
	Alternates []Alternate
	// FaviconSet maps a file name at the site's root to its bytes: "favicon.ico", "icon-192.png",
	// "icon-512.png", "apple-touch-icon.png", "icon.svg". Optional; without it the logo is the icon.
	FaviconSet map[string][]byte
	// Year is the copyright year in the footer; zero means the current year.
	Year int
}

// Alternate is the same site in another language.
type Alternate struct {
	Language agents.Language
	// URL is the absolute http(s) URL of that version's home page; its other pages have the same
	// file names ("about.html", …) under it.
	URL string
}

// PlaceholderBaseURL stands in for BaseURL in sitemap.xml and robots.txt when the brief has none:
// the sitemap protocol accepts only absolute URLs, and a reserved example domain can never point at
// someone else's site. Publishing with a real BaseURL replaces it.
const PlaceholderBaseURL = "https://example.com/"

// File is one file of a site.
type File struct {
	Path        string // slash-separated, relative to the site's root
	ContentType string
	Body        []byte
}

// Bundle is a whole site, its files in a fixed order: the four pages, sitemap.xml, robots.txt,
// site.webmanifest, assets/site.css, assets/logo.svg, then the favicon set by name.
type Bundle []File

// File returns the file at path.
func (b Bundle) File(path string) (File, bool) {
	for _, f := range b {
		if f.Path == path {
			return f, true
		}
	}
	return File{}, false
}

// Zip writes the bundle as a zip archive, entries in bundle order with fixed timestamps and modes:
// the same bundle gives the same bytes.
func (b Bundle) Zip(w io.Writer) error {
	// One fixed modification time for every entry, so the same site always zips to the same bytes.
	modified := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(w)
	for _, f := range b {
		h := &zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: modified}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.Path, err)
		}
		if _, err := fw.Write(f.Body); err != nil {
			return fmt.Errorf("zip %s: %w", f.Path, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

// Content types of a site's files.
const (
	typeHTML     = "text/html; charset=utf-8"
	typeXML      = "application/xml; charset=utf-8"
	typeText     = "text/plain; charset=utf-8"
	typeCSS      = "text/css; charset=utf-8"
	typeSVG      = "image/svg+xml"
	typePNG      = "image/png"
	typeICO      = "image/x-icon"
	typeManifest = "application/manifest+json"
)

// Build renders the site of b. It fails only on inputs a caller controls (BaseURL, Alternates,
// FaviconSet) or when ctx ends; gaps in the generated sections are left out of the pages, an
// unknown template renders with the default theme (see ThemeFor), and a logo that is not a safe,
// self-contained SVG is replaced by a monogram drawn from the business name.
func Build(ctx context.Context, b Brief) (Bundle, error) {
	s, err := newSite(b)
	if err != nil {
		return nil, err
	}
	var bundle Bundle
	for _, p := range pages() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("build site: %w", err)
		}
		var buf bytes.Buffer
		if err := pageComponent(s.view(p)).Render(ctx, &buf); err != nil {
			return nil, fmt.Errorf("render %s: %w", p.File, err)
		}
		bundle = append(bundle, File{Path: p.File, ContentType: typeHTML, Body: buf.Bytes()})
	}
	manifest, err := s.manifest()
	if err != nil {
		return nil, err
	}
	css, err := s.stylesheet()
	if err != nil {
		return nil, err
	}
	bundle = append(bundle,
		File{Path: "sitemap.xml", ContentType: typeXML, Body: s.sitemap()},
		File{Path: "robots.txt", ContentType: typeText, Body: s.robots()},
		File{Path: "site.webmanifest", ContentType: typeManifest, Body: manifest},
		File{Path: "assets/site.css", ContentType: typeCSS, Body: css},
		File{Path: logoPath, ContentType: typeSVG, Body: s.logo.SVG},
	)
	for _, ic := range s.icons {
		bundle = append(bundle, File{Path: ic.Name, ContentType: ic.ContentType, Body: ic.Body})
	}
	return bundle, nil
}
