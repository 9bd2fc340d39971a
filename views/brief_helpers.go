package views

import (
	"strings"
	"time"

	"genesis/agents"
	"genesis/views/i18n"
)

// sectionTitle is a section's name for people.
func sectionTitle(m *i18n.Messages, s agents.Section) string {
	switch s {
	case agents.MarketResearch:
		return m.Section.MarketResearch
	case agents.ContentGeneration:
		return m.Section.ContentGeneration
	case agents.LogoCreation:
		return m.Section.LogoCreation
	case agents.SEOOptimization:
		return m.Section.SEOOptimization
	case agents.TemplateSelection:
		return m.Section.TemplateSelection
	}
	return string(s)
}

// statusText is a section status for people.
func statusText(m *i18n.Messages, s agents.Status) string {
	switch s {
	case agents.StatusRunning:
		return m.Brief.StatusRunning
	case agents.StatusDone:
		return m.Brief.StatusDone
	case agents.StatusFailed:
		return m.Brief.StatusFailed
	}
	return m.Brief.StatusQueued
}

// statusClass colours a status badge; the text says the status too, colour is never alone.
func statusClass(s agents.Status) string {
	switch s {
	case agents.StatusRunning:
		return "border-amber-300 bg-amber-50 text-amber-900"
	case agents.StatusDone:
		return "border-teal-300 bg-teal-50 text-teal-900"
	case agents.StatusFailed:
		return "border-red-300 bg-red-50 text-red-900"
	}
	return "border-slate-300 bg-slate-50 text-slate-700"
}

// placeLine joins the parts of "Bakery · Lagos, Nigeria" that are known.
func placeLine(sector, city, country string) string {
	place := strings.Trim(strings.Join([]string{city, country}, ", "), ", ")
	switch {
	case sector == "":
		return place
	case place == "":
		return sector
	}
	return sector + " · " + place
}

// optionalLabel marks a label as optional in words, not only by the absence of a star.
func optionalLabel(m *i18n.Messages, label string) string {
	return label + " (" + m.Brief.Optional + ")"
}

// elapsedSeconds is the time since a section started, in seconds; the page script keeps it ticking.
func elapsedSeconds(m *i18n.Messages, since, now time.Time) string {
	return i18n.F(m.Brief.ElapsedSeconds, max(0, int(now.Sub(since).Seconds())))
}

// expiresText says when a brief expires, or that it has.
func expiresText(m *i18n.Messages, expires, now time.Time) string {
	if !expires.After(now) {
		return m.Brief.ExpiredLabel
	}
	return i18n.F(m.Brief.Expires, m.Until(expires, now))
}

// providerName names who wrote a section: the built-in agent, or the configured model
// ("openai:<model>") by its model's name.
func providerName(m *i18n.Messages, provider string) string {
	if provider == "builtin" {
		return m.Brief.ProviderBuiltin
	}
	if _, model, ok := strings.Cut(provider, ":"); ok && model != "" {
		return i18n.F(m.Brief.ProviderModel, model)
	}
	return provider
}

// failureText says why a section failed. The orchestrator stores a short English reason meant for
// logs; people read the catalogue's sentence for it.
func failureText(m *i18n.Messages, reason string) string {
	if strings.Contains(reason, "timed out") {
		return m.Brief.FailedTimeout
	}
	return m.Brief.FailedGeneric
}

// quoted quotes the owner's words the way the page's language does.
func quoted(m *i18n.Messages, s string) string { return i18n.F(m.Brief.Quoted, s) }

// briefLanguageName names a brief's content language as the form's language choice does.
func briefLanguageName(m *i18n.Messages, code string) string {
	switch agents.Language(code) {
	case agents.English:
		return m.Brief.LanguageNames[0]
	case agents.French:
		return m.Brief.LanguageNames[1]
	}
	return code
}

// liveEvents names the live stream's events, one per section card.
func liveEvents() string {
	names := make([]string, 0, len(agents.Sections()))
	for _, s := range agents.Sections() {
		names = append(names, "section-"+string(s))
	}
	return strings.Join(names, ",")
}
