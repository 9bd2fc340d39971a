package handlers

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/views/site"
)

// A brief's website is written in the brief's content language. On the owner's request it also
// carries a version in the other language, in a folder named for that language ("en/", "fr/"),
// each version linking to the other (hreflang when the site has an absolute address).
//
// The second version's words are written when the site is built, by the builtin content and SEO
// agents, from the brief's input in that language: deterministic for a given brief, so the same
// brief always gives the same site. The owner's free text (vision, mission, audience, difference,
// value proposition) is in the brief's language and is left out of the second version, where the
// agents' own phrases stand in; names, place, services and tone are kept. The logo and the template
// are the same in both.

// fieldSiteAddLanguage keeps the second language the owner asked for; "" for none.
const fieldSiteAddLanguage = "website:add_language"

// siteAddLanguage is the second language a brief's site carries, or "" for none.
func siteAddLanguage(fields map[string]string, own agents.Language) agents.Language {
	l := agents.Language(fields[fieldSiteAddLanguage])
	if (l == agents.English || l == agents.French) && l != siteLanguage(own) {
		return l
	}
	return ""
}

// siteLanguage is the language a site is written in: the brief's, English when it names none.
func siteLanguage(l agents.Language) agents.Language {
	if l == agents.French {
		return agents.French
	}
	return agents.English
}

// addLanguageChoice reads the website form's request for a second language: the brief's other
// language, or "" for none.
func addLanguageChoice(v string, own agents.Language) agents.Language {
	return siteAddLanguage(map[string]string{fieldSiteAddLanguage: strings.TrimSpace(v)}, own)
}

// buildSite builds the site of in, with its version in second when that is not "".
func (st *sites) buildSite(ctx context.Context, b *agents.Brief, in site.Brief, second agents.Language) (site.Bundle, error) {
	if second == "" || st.writer == nil {
		return site.Build(ctx, in)
	}
	folder := string(second) + "/"
	other, err := st.translate(ctx, b, in, second)
	if err != nil {
		return nil, err
	}
	in.Alternates = []site.Alternate{{Language: second, URL: st.alternateURL(in.BaseURL, folder)}}
	other.Alternates = []site.Alternate{{Language: siteLanguage(b.Input.Language), URL: st.alternateURL(in.BaseURL, "../")}}
	if in.BaseURL != "" {
		other.BaseURL = in.BaseURL + folder
	}
	main, err := site.Build(ctx, in)
	if err != nil {
		return nil, err
	}
	version, err := site.Build(ctx, other)
	if err != nil {
		return nil, fmt.Errorf("build %s version: %w", second, err)
	}
	return mergeVersion(main, version, folder, in.BaseURL != ""), nil
}

// alternateURL is the address of the other version: under the base URL when the site has one,
// else relative to the page (the preview and the zip know no address).
func (st *sites) alternateURL(base, rel string) string {
	if base == "" {
		return rel
	}
	if rel == "../" {
		return base
	}
	return base + rel
}

// translate is the site's input written again in lang by the builtin agents.
func (st *sites) translate(ctx context.Context, b *agents.Brief, in site.Brief, lang agents.Language) (site.Brief, error) {
	src := b.Input
	src.Language = lang
	src.Vision, src.Mission, src.TargetAudience, src.Differentiation, src.ValueProposition = "", "", "", "", ""
	content, err := st.writeSection(ctx, b, agents.ContentGeneration, src)
	if err != nil {
		return site.Brief{}, err
	}
	seo, err := st.writeSection(ctx, b, agents.SEOOptimization, src)
	if err != nil {
		return site.Brief{}, err
	}
	out := in
	out.Input = src
	out.Content = *content.(*agents.ContentGenerationResult)
	out.SEO = *seo.(*agents.SEOOptimizationResult)
	return out, nil
}

// writeSection has the builtin agent write one section for src, with the variation and
// instruction of the brief's current version of it, so a regenerated section changes both
// languages alike.
func (st *sites) writeSection(ctx context.Context, b *agents.Brief, s agents.Section, src agents.Input) (any, error) {
	req := agents.Request{Section: s, Input: src}
	if f := b.Section(s).File; f != nil {
		req.Variation, req.Instruction = f.Variation, f.Instruction
	}
	r, err := st.writer.Generate(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("write %s in %s for brief %s: %w", s, src.Language, b.ID, err)
	}
	switch v := r.(type) {
	case agents.ContentGenerationResult:
		return &v, nil
	case agents.SEOOptimizationResult:
		return &v, nil
	case *agents.ContentGenerationResult, *agents.SEOOptimizationResult:
		return v, nil
	}
	return nil, fmt.Errorf("write %s in %s for brief %s: unexpected result %T", s, src.Language, b.ID, r)
}

// mergeVersion puts the other version's files under folder. Robots rules live only at the root;
// with an absolute address, the root sitemap lists the other version's pages too (with their
// alternates), otherwise the folder's sitemap would only repeat the placeholder address.
func mergeVersion(main, version site.Bundle, folder string, absolute bool) site.Bundle {
	var extra []byte
	others := make(site.Bundle, 0, len(version))
	for _, f := range version {
		switch f.Path {
		case "robots.txt":
			continue
		case "sitemap.xml":
			if absolute {
				extra = sitemapEntries(f.Body)
			}
			continue
		}
		f.Path = folder + f.Path
		others = append(others, f)
	}
	out := make(site.Bundle, 0, len(main)+len(others))
	for _, f := range main {
		if f.Path == "sitemap.xml" && len(extra) > 0 {
			f.Body = bytes.Replace(f.Body, []byte("</urlset>"), slices.Concat(extra, []byte("</urlset>")), 1)
		}
		out = append(out, f)
	}
	return append(out, others...)
}

// sitemapEntries are the <url> entries of a sitemap the site package wrote.
func sitemapEntries(sitemap []byte) []byte {
	start := bytes.Index(sitemap, []byte("  <url>"))
	end := bytes.LastIndex(sitemap, []byte("</urlset>"))
	if start < 0 || end < start {
		return nil
	}
	return sitemap[start:end]
}

// chooseSiteLanguages keeps the website form's choice of a second language on the brief, before
// the site is built: the brief page's form says it with its checkbox, every time.
func (s *Server) chooseSiteLanguages(c *fiber.Ctx) error {
	sess := briefOf(c)
	in, err := agents.BriefFrom(*sess)
	if err != nil {
		return err
	}
	choice := string(addLanguageChoice(c.FormValue("add_language"), in.Input.Language))
	if sess.Fields[fieldSiteAddLanguage] == choice {
		return nil
	}
	if _, err := s.briefs.UpdateFields(c.UserContext(), sess.ID, map[string]string{fieldSiteAddLanguage: choice}); err != nil {
		return err
	}
	if sess.Fields == nil {
		sess.Fields = map[string]string{}
	}
	sess.Fields[fieldSiteAddLanguage] = choice
	return nil
}
