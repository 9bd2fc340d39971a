package views

import (
	"strconv"
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

func generating(s agents.Status) bool {
	return s == agents.StatusQueued || s == agents.StatusRunning
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
func elapsedSeconds(since, now time.Time) string {
	return strconv.Itoa(max(0, int(now.Sub(since).Seconds()))) + " s"
}
