package views

import (
	"genesis/agents"
	"genesis/views/i18n"
)

// PublicationReason says, in the reader's language, why publishing a website failed.
func PublicationReason(m *i18n.Messages, pub Publication) string {
	switch pub.Reason {
	case "timeout":
		return m.Website.ReasonTimeout
	case "status":
		return i18n.F(m.Website.ReasonStatus, pub.HTTPStatus)
	case "interrupted":
		return m.Website.ReasonInterrupted
	}
	return m.Website.ReasonUnreachable
}

// otherLanguage is the language a site's second version is written in: the brief's other one.
func otherLanguage(l agents.Language) agents.Language {
	if l == agents.French {
		return agents.English
	}
	return agents.French
}
