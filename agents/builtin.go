package agents

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// Builtin is the provider that needs no network: real algorithms over the embedded knowledge data,
// deterministic for a given request.
type Builtin struct {
	k *Knowledge
	// logos parses the embedded fonts once, on first use, and keeps their glyph outlines.
	logos func() (*logoFonts, error)
}

// NewBuiltin returns the builtin provider over k.
func NewBuiltin(k *Knowledge) *Builtin {
	return &Builtin{k: k, logos: sync.OnceValues(newLogoFonts)}
}

// Name is recorded as the provider of every section it writes.
func (b *Builtin) Name() string { return "builtin" }

// Generate writes one section.
func (b *Builtin) Generate(ctx context.Context, req Request) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch req.Section {
	case MarketResearch:
		return b.marketResearch(req)
	case ContentGeneration:
		return b.contentGeneration(req)
	case LogoCreation:
		return b.logoCreation(req)
	case SEOOptimization:
		return b.seoOptimization(req)
	case TemplateSelection:
		return b.templateSelection(req)
	}
	return nil, fmt.Errorf("builtin: unknown section %q", req.Section)
}

// Hints is what the builtin understands of an owner's regeneration instruction, in either language.
type Hints struct {
	Formal  bool
	Casual  bool
	Shorter bool
	Longer  bool
	Bolder  bool
	Minimal bool
	Focus   string // a topic named after "focus on" / "mettre l'accent sur"
}

// ParseHints reads an instruction such as "more formal, focus on delivery" or "plus court".
func ParseHints(instruction string) Hints {
	s := fold(instruction)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	h := Hints{
		Formal:  has("formal", "formel", "professional", "professionnel", "serious", "serieux"),
		Casual:  has("casual", "friendly", "warm", "decontracte", "chaleureux", "amical", "fun"),
		Shorter: has("short", "concise", "brief", "court", "concis", "bref"),
		Longer:  has("longer", "more detail", "detailed", "plus long", "detaille"),
		Bolder:  has("bold", "vibrant", "bright", "audacieux", "vif", "colorful", "colore"),
		Minimal: has("minimal", "simple", "sobre", "clean", "epure"),
	}
	for _, marker := range []string{"focus on ", "focus ", "emphasize ", "emphasise ", "mettre l'accent sur ", "accent sur ", "insister sur ", "axer sur "} {
		if i := strings.Index(s, marker); i >= 0 {
			rest := s[i+len(marker):]
			if j := strings.IndexAny(rest, ",.;!"); j >= 0 {
				rest = rest[:j]
			}
			h.Focus = strings.TrimSpace(rest)
			break
		}
	}
	return h
}
