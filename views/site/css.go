package site

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
)

// themeCSS holds the shared base stylesheet and one stylesheet per theme, written by hand.
//
//go:embed themes/*.css
var themeCSS embed.FS

// fonts are a site's two CSS font-family values.
type fonts struct {
	Heading, Body string
}

// stylesheet is assets/site.css: the brief's colours and fonts as custom properties, then the
// base rules every theme shares, then the theme's own rules.
func (s *site) stylesheet() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "/* Genesis site theme %q: colours and fonts from the brief, then base and theme rules. */\n", s.theme.ID)
	b.WriteString(":root {\n")
	s.colours.css(&b)
	fmt.Fprintf(&b, "  --font-heading: %s;\n  --font-body: %s;\n}\n\n", s.fonts.Heading, s.fonts.Body)
	for _, name := range []string{"themes/base.css", "themes/" + s.theme.ID + ".css"} {
		raw, err := themeCSS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("site stylesheet: %w", err)
		}
		b.Write(raw)
		b.WriteString("\n")
	}
	return []byte(b.String()), nil
}

var (
	fontNamePattern  = regexp.MustCompile(`^-?[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$`)
	fontIdentPattern = regexp.MustCompile(`^-?[A-Za-z_][A-Za-z0-9_-]*$`)
)

// genericFamily reports whether name is a CSS generic font family keyword.
func genericFamily(name string) bool {
	switch name {
	case "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
		"ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong":
		return true
	}
	return false
}

// fontStack turns the brief's font-family text into a CSS value, or returns fallback (a theme's
// stack) when the text is anything but a plain list of family names: it lands in a stylesheet,
// so nothing else (url(), braces, semicolons, escapes) may pass. Sites use installed fonts only;
// a stack that does not end in a generic family gets the fallback's.
func fontStack(s, fallback string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 400 {
		return fallback
	}
	parts := strings.Split(s, ",")
	if len(parts) > 12 {
		return fallback
	}
	out := make([]string, 0, len(parts)+1)
	for _, p := range parts {
		p = strings.TrimSpace(p)
		quoted := len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0]
		if quoted {
			p = strings.TrimSpace(p[1 : len(p)-1])
		}
		if !fontNamePattern.MatchString(p) {
			return fallback
		}
		switch {
		case !quoted && genericFamily(strings.ToLower(p)):
			out = append(out, strings.ToLower(p))
		case !quoted && fontIdentPattern.MatchString(p) && !cssWideKeyword(p):
			out = append(out, p)
		default:
			out = append(out, "'"+p+"'")
		}
	}
	if !genericFamily(out[len(out)-1]) {
		fb := strings.Split(fallback, ",")
		out = append(out, strings.TrimSpace(fb[len(fb)-1]))
	}
	return strings.Join(out, ", ")
}

func cssWideKeyword(s string) bool {
	switch strings.ToLower(s) {
	case "inherit", "initial", "unset", "revert", "revert-layer", "default":
		return true
	}
	return false
}
