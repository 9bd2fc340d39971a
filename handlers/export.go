package handlers

import (
	"archive/zip"
	"bytes"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/views"
)

// apiBrief is a brief in the older service's JSON shape: the API's GET /brief/{id} and the JSON
// export both answer with it.
type apiBrief struct {
	ID                string                          `json:"id"`
	Status            string                          `json:"status"`
	BusinessBrief     agents.Input                    `json:"business_brief"`
	MarketResearch    *agents.MarketResearchResult    `json:"market_research"`
	ContentGeneration *agents.ContentGenerationResult `json:"content_generation"`
	LogoCreation      *agents.LogoCreationResult      `json:"logo_creation"`
	SEOOptimization   *agents.SEOOptimizationResult   `json:"seo_optimization"`
	TemplateSelection *agents.TemplateSelectionResult `json:"template_selection"`
	Sections          map[string]agents.SectionState  `json:"sections"`
	OverallConfidence float64                         `json:"overall_confidence"`
	IsReadyForWebsite bool                            `json:"is_ready_for_website"`
	CreatedAt         time.Time                       `json:"created_at"`
	UpdatedAt         time.Time                       `json:"updated_at"`
	ExpiresAt         time.Time                       `json:"expires_at"`
}

func briefJSON(b *agents.Brief) apiBrief {
	out := apiBrief{
		ID:                b.ID,
		Status:            string(b.Status),
		BusinessBrief:     b.Input,
		MarketResearch:    b.MarketResearch(),
		ContentGeneration: b.Content(),
		LogoCreation:      b.Logo(),
		SEOOptimization:   b.SEO(),
		TemplateSelection: b.Template(),
		Sections:          map[string]agents.SectionState{},
		OverallConfidence: b.OverallConfidence(),
		IsReadyForWebsite: b.ReadyForWebsite(),
		CreatedAt:         b.CreatedAt,
		UpdatedAt:         b.UpdatedAt,
		ExpiresAt:         b.ExpiresAt,
	}
	for _, s := range agents.Sections() {
		out.Sections[string(s)] = b.Section(s).State
	}
	return out
}

// exportName is a file name for downloads: the business name, made safe.
func exportName(b *agents.Brief, ext string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(b.Input.BusinessName) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		case sb.Len() > 0 && !strings.HasSuffix(sb.String(), "-"):
			sb.WriteByte('-')
		}
	}
	name := strings.Trim(sb.String(), "-")
	if name == "" {
		name = "brief"
	}
	return name + "-" + b.ID[:8] + ext
}

func (s *Server) exportJSON(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	c.Attachment(exportName(b, ".json"))
	return c.JSON(briefJSON(b))
}

func (s *Server) exportMarkdown(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	c.Attachment(exportName(b, ".md"))
	c.Set(fiber.HeaderContentType, "text/markdown; charset=utf-8")
	return c.SendString(views.Markdown(s.msg(c), b))
}

// logoFile serves a logo concept as SVG or PNG (512 px), or the favicon set as a zip. SVG from the
// agents is served as an image with a CSP that lets nothing in it run or load.
func (s *Server) logoFile(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	logo := b.Logo()
	if logo == nil {
		return fiber.ErrNotFound
	}
	file := c.Params("file")
	c.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	if c.Query("download") != "" {
		c.Attachment(exportName(b, "-"+file))
	}
	if file == "favicon.zip" {
		set, err := agents.FaviconSet(faviconSource(logo))
		if err != nil {
			return err
		}
		archive, err := zipFiles(set)
		if err != nil {
			return err
		}
		c.Attachment(exportName(b, "-favicons.zip"))
		c.Set(fiber.HeaderContentType, "application/zip")
		return c.Send(archive)
	}
	concept, ext, _ := strings.Cut(file, ".")
	var svg string
	for _, l := range append([]agents.Logo{logo.PrimaryLogo}, logo.Alternatives...) {
		if l.Concept == concept {
			svg = l.SVG
		}
	}
	if svg == "" {
		return fiber.ErrNotFound
	}
	switch ext {
	case "svg":
		c.Set(fiber.HeaderContentType, "image/svg+xml")
		return c.SendString(svg)
	case "png":
		png, err := agents.LogoPNG(svg, 512)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "image/png")
		return c.Send(png)
	}
	return fiber.ErrNotFound
}

// faviconSource is the concept that stays legible at 16 px: the monogram, else the primary logo.
func faviconSource(l *agents.LogoCreationResult) string {
	for _, c := range append([]agents.Logo{l.PrimaryLogo}, l.Alternatives...) {
		if c.Concept == agents.ConceptMonogram {
			return c.SVG
		}
	}
	return l.PrimaryLogo.SVG
}

// zipFiles packs named files, in name order and with a fixed time, so the same files make the
// same archive.
func zipFiles(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
