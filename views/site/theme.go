package site

import "github.com/a-h/templ"

// pricingStyle is how a theme lays out the price list.
type pricingStyle int

const (
	pricingTable pricingStyle = iota // a two-column table
	pricingMenu                      // a menu with dotted leaders
	pricingPlans                     // side-by-side plan cards
)

// theme is one site design. Header, hero, service list and footer are the theme's own components;
// the other sections share markup that each theme's stylesheet dresses differently.
type theme struct {
	ID string
	// Order is the home page's section order when the brief gives none (the catalogue's order).
	Order []string
	// HeadingFont and BodyFont are system font stacks used when the brief's fonts are unusable.
	HeadingFont, BodyFont string
	Scheme                scheme
	Pricing               pricingStyle
	Header                func(v *view) templ.Component
	Hero                  func(v *view) templ.Component
	// Services lists the services: a teaser on the home page, everything on the services page
	// (full), where the cards sit directly under the page's h1.
	Services func(v *view, full bool) templ.Component
	Footer   func(v *view) templ.Component
}

// defaultTheme renders templates the catalogue does not know.
const defaultTheme = "clean-professional"

// themes are the site designs, one per template of the catalogue, in the catalogue's order.
func themes() []theme {
	return []theme{
		{
			ID:          "artisan-warm",
			Order:       []string{"hero", "about", "services", "gallery", "testimonials", "pricing", "contact", "map"},
			HeadingFont: "ui-serif, Georgia, Cambria, 'Times New Roman', serif",
			BodyFont:    "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
			Scheme: scheme{Paper: rgb(0xf7efe2), PaperMix: 0.75,
				Primary: rgb(0x8a4b2a), Secondary: rgb(0xd9a441), Accent: rgb(0x5b7b4a)},
			Pricing: pricingMenu,
			Header:  artisanHeader, Hero: artisanHero, Services: artisanServices, Footer: artisanFooter,
		},
		{
			ID:          "bold-urban",
			Order:       []string{"hero", "services", "pricing", "gallery", "testimonials", "contact"},
			HeadingFont: "Impact, Haettenschweiler, 'Arial Narrow Bold', 'Franklin Gothic Bold', sans-serif",
			BodyFont:    "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
			Scheme: scheme{Dark: true, Paper: rgb(0x101010), PaperMix: 0.6,
				Primary: rgb(0xe63946), Secondary: rgb(0xffd166), Accent: rgb(0x06d6a0)},
			Pricing: pricingPlans,
			Header:  urbanHeader, Hero: urbanHero, Services: urbanServices, Footer: urbanFooter,
		},
		{
			ID:          "clean-professional",
			Order:       []string{"hero", "value_proposition", "services", "about", "testimonials", "faq", "contact"},
			HeadingFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
			BodyFont:    "ui-serif, Georgia, Cambria, 'Times New Roman', serif",
			Scheme: scheme{Paper: rgb(0xffffff), PaperMix: 0.9,
				Primary: rgb(0x1f4e79), Secondary: rgb(0x5b8db8), Accent: rgb(0x2a9d8f)},
			Pricing: pricingTable,
			Header:  proHeader, Hero: proHero, Services: proServices, Footer: proFooter,
		},
		{
			ID:          "elegant-boutique",
			Order:       []string{"hero", "gallery", "about", "services", "pricing", "testimonials", "contact"},
			HeadingFont: "Didot, 'Bodoni MT', 'Palatino Linotype', 'Book Antiqua', Palatino, serif",
			BodyFont:    "'Gill Sans', 'Gill Sans MT', Calibri, 'Trebuchet MS', sans-serif",
			Scheme: scheme{Paper: rgb(0xfbf8f4), PaperMix: 0.6,
				Primary: rgb(0x6d2e46), Secondary: rgb(0xc9a96e), Accent: rgb(0xa26769)},
			Pricing: pricingMenu,
			Header:  boutiqueHeader, Hero: boutiqueHero, Services: boutiqueServices, Footer: boutiqueFooter,
		},
		{
			ID:          "fresh-market",
			Order:       []string{"hero", "services", "pricing", "value_proposition", "about", "contact", "map"},
			HeadingFont: "ui-rounded, 'SF Pro Rounded', 'Arial Rounded MT Bold', 'Trebuchet MS', sans-serif",
			BodyFont:    "Verdana, Geneva, Tahoma, sans-serif",
			Scheme: scheme{Paper: rgb(0xf4faf0), PaperMix: 0.6,
				Primary: rgb(0x2e7d32), Secondary: rgb(0xf9a825), Accent: rgb(0xe65100)},
			Pricing: pricingPlans,
			Header:  marketHeader, Hero: marketHero, Services: marketServices, Footer: marketFooter,
		},
		{
			ID:          "tech-modern",
			Order:       []string{"hero", "value_proposition", "services", "pricing", "faq", "about", "contact"},
			HeadingFont: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
			BodyFont:    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
			Scheme: scheme{Paper: rgb(0xf6f8fb), PaperMix: 0.7,
				Primary: rgb(0x2563eb), Secondary: rgb(0x0ea5e9), Accent: rgb(0x7c3aed)},
			Pricing: pricingPlans,
			Header:  techHeader, Hero: techHero, Services: techServices, Footer: techFooter,
		},
		{
			ID:          "community-hub",
			Order:       []string{"hero", "about", "services", "testimonials", "faq", "contact", "map"},
			HeadingFont: "'Trebuchet MS', 'Lucida Grande', 'Lucida Sans Unicode', 'DejaVu Sans', sans-serif",
			BodyFont:    "Verdana, Geneva, 'DejaVu Sans', Tahoma, sans-serif",
			Scheme: scheme{Paper: rgb(0xfffaf2), PaperMix: 0.55,
				Primary: rgb(0xc2410c), Secondary: rgb(0x0f766e), Accent: rgb(0xfacc15)},
			Pricing: pricingTable,
			Header:  hubHeader, Hero: hubHero, Services: hubServices, Footer: hubFooter,
		},
		{
			ID:          "vibrant-creative",
			Order:       []string{"hero", "gallery", "services", "about", "testimonials", "pricing", "contact"},
			HeadingFont: "'Arial Rounded MT Bold', ui-rounded, 'SF Pro Rounded', 'Trebuchet MS', sans-serif",
			BodyFont:    "'Segoe UI', system-ui, -apple-system, Roboto, sans-serif",
			Scheme: scheme{Paper: rgb(0xfffdf8), PaperMix: 0.4,
				Primary: rgb(0xd6246e), Secondary: rgb(0xffb703), Accent: rgb(0x3a86ff)},
			Pricing: pricingPlans,
			Header:  vibrantHeader, Hero: vibrantHero, Services: vibrantServices, Footer: vibrantFooter,
		},
	}
}

// Themes lists the ids of the site themes: one per template of the catalogue.
func Themes() []string {
	all := themes()
	ids := make([]string, 0, len(all))
	for _, th := range all {
		ids = append(ids, th.ID)
	}
	return ids
}

// ThemeFor returns the theme a template id renders with: the id itself when it names a theme,
// otherwise the default theme.
func ThemeFor(templateID string) string {
	if _, ok := themeByID(templateID); ok {
		return templateID
	}
	return defaultTheme
}

func themeByID(id string) (theme, bool) {
	for _, th := range themes() {
		if th.ID == id {
			return th, true
		}
	}
	return theme{}, false
}
