package i18ntest

import (
	"testing"

	"genesis/views/i18n"
)

// TestCheckerFindsLeftovers checks the checker: it must catch English left in a French page, in
// text and in attributes, formatted or not, and let French and other-language marked text be.
func TestCheckerFindsLeftovers(t *testing.T) {
	k, err := New(i18n.New(), i18n.FR)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, html string
		want       bool
	}{
		{"French", `<p>Mes dossiers</p><button aria-label="Régénérer Logo">Régénérer</button>`, false},
		{"plain English", `<p>My briefs</p>`, true},
		{"English inside a sentence", `<p>Voir · Show older briefs ·</p>`, true},
		{"formatted English", `<span>Créé le 3 mars · Created 2 March</span>`, true},
		{"English attribute", `<img alt="Download SVG">`, true},
		{"English input button", `<input type="submit" value="Log in">`, true},
		{"a button's value is not shown", `<button name="lang" value="en">Anglais</button>`, false},
		{"marked as English", `<button lang="en">English</button><span lang="en">My briefs</span>`, false},
		{"code is not prose", `<pre><code>{"Sessions": "My briefs"}</code></pre>`, false},
		{"unfilled message", `<p>Créé le %s</p>`, true},
		{"stored code", `<p>Rédigé par builtin</p>`, true},
		{"stored status", `<td>failed</td>`, true},
		{"same word in both", `<p>Services</p>`, false},
		{"a French message that reads like English", `<p>1,4 million de clients</p>`, false},
		{"word inside a longer word", `<p>Texte courant</p>`, false},
		{"a brand", `<p>Créer une fiche Google Business avec photos</p>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := k.HTML(`<!DOCTYPE html><html lang="fr"><body>` + tc.html + `</body></html>`)
			if (len(got) > 0) != tc.want {
				t.Errorf("found %q, want problems: %v", got, tc.want)
			}
		})
	}
}
