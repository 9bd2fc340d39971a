package views

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/a-h/templ"
	"golang.org/x/net/html"

	"genesis/agents"
	"genesis/views/i18n"
)

// foreignText is a message of the other language that a page must not show: the catalogue's text
// for a field in that language, when it differs from the page language's text for the same field.
type foreignText struct {
	path string
	text string
	re   *regexp.Regexp
}

// verbPattern matches the format verbs the catalogue's messages use.
var verbPattern = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// foreignTexts walks both languages' catalogues field by field, by reflection, and returns the
// messages of other that differ from page's and that page's language does not use anywhere else
// either (English "%s million" is French too). A message with format verbs becomes a pattern whose
// arguments match anything; messages of fewer than three letters, or whose fixed words are fewer than
// four letters, say too little to be told apart from other text and are left out. Fields that are
// not messages (the language code, Go time layouts) have their own types or are equal in both.
func foreignTexts(t *testing.T, other, page *i18n.Messages) []foreignText {
	t.Helper()
	own := map[string]bool{}
	var collect func(v reflect.Value)
	collect = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			collect(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				collect(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				collect(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				collect(v.MapIndex(k))
			}
		case reflect.String:
			own[v.String()] = true
		}
	}
	collect(reflect.ValueOf(page))
	var out []foreignText
	var walk func(path string, o, p reflect.Value)
	walk = func(path string, o, p reflect.Value) {
		switch o.Kind() {
		case reflect.Pointer:
			walk(path, o.Elem(), p.Elem())
		case reflect.Struct:
			for i := range o.NumField() {
				walk(path+"."+o.Type().Field(i).Name, o.Field(i), p.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range min(o.Len(), p.Len()) {
				walk(fmt.Sprintf("%s[%d]", path, i), o.Index(i), p.Index(i))
			}
		case reflect.Map:
			for _, k := range o.MapKeys() {
				if pv := p.MapIndex(k); pv.IsValid() {
					walk(fmt.Sprintf("%s[%v]", path, k), o.MapIndex(k), pv)
				}
			}
		case reflect.String:
			if o.Type() != reflect.TypeFor[string]() || own[o.String()] {
				return
			}
			if ft, ok := textPattern(path, o.String()); ok {
				out = append(out, ft)
			}
		}
	}
	walk("Messages", reflect.ValueOf(other), reflect.ValueOf(page))
	if len(out) < 300 {
		t.Fatalf("only %d messages differ between the languages: the catalogue walk is broken", len(out))
	}
	return out
}

// textPattern compiles a message into a pattern that finds it inside a longer text, on word
// boundaries; format verbs match any argument.
func textPattern(path, msg string) (foreignText, bool) {
	parts := verbPattern.Split(strings.ReplaceAll(msg, "%%", "%"), -1)
	letters := 0
	for _, p := range parts {
		for _, r := range p {
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if letters < 3 || (len(parts) > 1 && letters < 4) {
		return foreignText{}, false
	}
	var expr strings.Builder
	for i, p := range parts {
		if i > 0 {
			expr.WriteString(`.+?`)
		}
		expr.WriteString(regexp.QuoteMeta(spaces.ReplaceAllString(p, " ")))
	}
	e := expr.String()
	if first := []rune(strings.TrimSpace(msg)); len(first) > 0 && isWord(first[0]) {
		e = `(?:^|[^\p{L}\p{N}_])` + e
	}
	if r := []rune(strings.TrimSpace(msg)); len(r) > 0 && isWord(r[len(r)-1]) {
		e += `(?:$|[^\p{L}\p{N}_])`
	}
	return foreignText{path: path, text: msg, re: regexp.MustCompile(e)}, true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// spaces are runs of white space, no-break spaces included: a reader sees one space.
var spaces = regexp.MustCompile(`[\s\x{00a0}\x{202f}]+`)

// collapse folds a text's white space as a reader sees it.
func collapse(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// leftovers are signs of a message that was not filled in: fmt's complaints, verbs and the date
// layouts' placeholders.
var leftovers = regexp.MustCompile(`%!|%[sdvq]|\{day\}|\{month\}`)

// rawCodes are values Genesis stores for machines, which a page must name in words: provider and
// section ids, the orchestrator's failure reasons, and (as a whole text) statuses, logo concepts
// and language codes.
var (
	rawCodes      = regexp.MustCompile(`\bbuiltin\b|generation (failed|timed out)|\b(market_research|content_generation|logo_creation|seo_optimization|template_selection|value_proposition)\b`)
	rawWholeCodes = regexp.MustCompile(`^(queued|running|done|failed|generating|monogram|wordmark|emblem|en|fr)$`)
)

// peopleAttrs are the attributes people read or hear.
var peopleAttrs = []string{"title", "aria-label", "alt", "placeholder"}

// findForeign lists every text of page's HTML meant for people that shows a foreign message.
// Elements marked with another language (the switcher names each language in itself) and
// machine text (code, pre, script, style) are skipped.
func findForeign(page, lang string, foreign []foreignText) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	check := func(where, text string) {
		text = collapse(text)
		if text == "" {
			return
		}
		if leftovers.MatchString(text) {
			problems = append(problems, fmt.Sprintf("%s %q is a message not filled in", where, text))
		}
		if rawCodes.MatchString(text) || rawWholeCodes.MatchString(text) {
			problems = append(problems, fmt.Sprintf("%s %q shows a stored code instead of words", where, text))
		}
		for _, f := range foreign {
			if f.re.MatchString(text) {
				problems = append(problems, fmt.Sprintf("%s %q shows %s %q", where, text, f.path, f.text))
			}
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			check("text in <"+n.Parent.Data+">", n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "code", "pre", "template":
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Val != lang {
					return
				}
			}
			for _, a := range n.Attr {
				for _, want := range peopleAttrs {
					if a.Key == want {
						check("<"+n.Data+" "+a.Key+">", a.Val)
					}
				}
				// A <button>'s value is sent, not shown; an input button shows its value.
				if a.Key == "value" && n.Data == "input" && isButtonInput(n) {
					check("<"+n.Data+" value>", a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problems
}

func isButtonInput(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" {
			return a.Val == "submit" || a.Val == "button" || a.Val == "reset"
		}
	}
	return false
}

// TestPagesSpeakOneLanguage renders every page and partial in French, with a brief the builtin
// agents wrote in French, and fails when any text or attribute meant for people shows an English
// message of the catalogue that French says differently; then the same the other way round.
func TestPagesSpeakOneLanguage(t *testing.T) {
	c := i18n.New()
	k, err := agents.LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	writer := agents.NewBuiltin(k)
	for _, tc := range []struct {
		lang, other i18n.Lang
		input       agents.Input
	}{
		{i18n.FR, i18n.EN, agents.Input{
			BusinessName: "Salon Awa", Sector: "Coiffure", Language: agents.French, Tone: "chaleureux",
			Location: agents.Location{City: "Dakar", Country: "Sénégal"},
			Vision:   "Des coiffures qui durent, pour toutes les femmes de Dakar.",
			Services: []string{"Tresses", "Coiffure de mariage", "Soins du cuir chevelu"},
		}},
		{i18n.EN, i18n.FR, agents.Input{
			BusinessName: "Mama Put Bakery", Sector: "Bakery", Language: agents.English, Tone: "warm",
			Location: agents.Location{City: "Lagos", Country: "Nigeria"},
			Vision:   "Fresh bread for every home in Lagos.",
			Services: []string{"Bread", "Cakes", "Catering"},
		}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			m := c.For(tc.lang)
			foreign := foreignTexts(t, c.For(tc.other), m)
			b := writtenBrief(t, writer, tc.input)
			pages := everyPage(m, b)
			names := make([]string, 0, len(pages))
			for name := range pages {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				ctx := WithPage(context.Background(), &Page{
					Msg: m, Catalogue: c, CSRFToken: "token", RequestID: "req-1", Path: "/admin/sessions", Here: "/briefs",
					User:  &User{Name: "Awa", Email: "awa@example.com", Admin: true},
					Asset: func(n string) string { return "/static/" + n },
				})
				var buf bytes.Buffer
				if err := pages[name].Render(ctx, &buf); err != nil {
					t.Fatalf("%s: render: %v", name, err)
				}
				if buf.Len() == 0 {
					t.Errorf("%s rendered nothing", name)
				}
				for _, p := range findForeign(buf.String(), string(tc.lang), foreign) {
					t.Errorf("%s: %s", name, p)
				}
			}
			// The Markdown export is a document for people too; its code blocks (the JSON-LD) are not.
			inCode := false
			for i, line := range strings.Split(Markdown(m, b), "\n") {
				if strings.HasPrefix(line, "```") {
					inCode = !inCode
					continue
				}
				if inCode {
					continue
				}
				for _, f := range foreign {
					if f.re.MatchString(collapse(line)) {
						t.Errorf("Markdown line %d %q shows %s %q", i+1, line, f.path, f.text)
					}
				}
			}
		})
	}
}

// TestForeignTextsFindLeftovers checks the checker: it must catch English left in a French page,
// in text and in attributes, formatted or not, and let French and other-language marked text be.
func TestForeignTextsFindLeftovers(t *testing.T) {
	c := i18n.New()
	foreign := foreignTexts(t, c.For(i18n.EN), c.For(i18n.FR))
	for _, tc := range []struct {
		name, html string
		want       bool
	}{
		{"French", `<p>Mes dossiers</p><button aria-label="Régénérer Logo">Régénérer</button>`, false},
		{"plain English", `<p>My briefs</p>`, true},
		{"English inside a sentence", `<p>Voir · Show older briefs ·</p>`, true},
		{"formatted English", `<span>Créé le 3 mars · Created 2 March</span>`, true},
		{"English attribute", `<img alt="Download SVG">`, true},
		{"English button value", `<input type="submit" value="Log in">`, true},
		{"marked as English", `<button lang="en">English</button><span lang="en">My briefs</span>`, false},
		{"code is not prose", `<pre><code>{"Sessions": "My briefs"}</code></pre>`, false},
		{"unfilled message", `<p>Créé le %s</p>`, true},
		{"stored code", `<p>Rédigé par builtin</p>`, true},
		{"stored status", `<td>failed</td>`, true},
		{"same word in both", `<p>Services</p>`, false},
		{"a French message that reads like English", `<p>1,4 million de clients</p>`, false},
		{"word inside a longer word", `<p>Texte courant</p>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := findForeign("<!DOCTYPE html><html lang=\"fr\"><body>"+tc.html+"</body></html>", "fr", foreign)
			if (len(got) > 0) != tc.want {
				t.Errorf("found %q, want problems: %v", got, tc.want)
			}
		})
	}
}

// writtenBrief is a brief whose five sections the builtin agents wrote, done, with the marks a
// card can carry: a restored version and a fallback.
func writtenBrief(t *testing.T, writer *agents.Builtin, in agents.Input) *agents.Brief {
	t.Helper()
	now := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	b := &agents.Brief{
		ID: "b1d2e3f4a5b6c7d8", OwnerID: "u1", Input: in, Status: "done", Sections: map[agents.Section]*agents.SectionView{},
		CreatedAt: now, UpdatedAt: now, ExpiresAt: now.Add(7 * 24 * time.Hour), StoredBytes: 48213, Versions: 7,
	}
	for _, s := range agents.Sections() {
		r, err := writer.Generate(context.Background(), agents.Request{Section: s, Input: in})
		if err != nil {
			t.Fatalf("write %s: %v", s, err)
		}
		b.Sections[s] = &agents.SectionView{
			Name:   s,
			State:  agents.SectionState{Status: agents.StatusDone, Version: 2, GeneratedAt: now, Provider: "builtin"},
			File:   &agents.SectionFile{GeneratedAt: now, Provider: "builtin", RestoredFrom: 1},
			Result: resultPointer(r),
		}
	}
	b.Sections[agents.SEOOptimization].State.Fallback = true
	b.Sections[agents.SEOOptimization].State.Provider = "openai:gpt-4o-mini"
	return b
}

// resultPointer turns a provider's result into the pointer the views expect, as decoding does.
func resultPointer(r any) any {
	switch v := r.(type) {
	case agents.MarketResearchResult:
		return &v
	case agents.ContentGenerationResult:
		return &v
	case agents.LogoCreationResult:
		return &v
	case agents.SEOOptimizationResult:
		return &v
	case agents.TemplateSelectionResult:
		return &v
	}
	return r
}

// everyPage is every page and partial of the app, in each state that shows different words.
func everyPage(m *i18n.Messages, b *agents.Brief) map[string]templ.Component {
	now := b.CreatedAt.Add(26 * time.Hour)
	sectionStates := make([]AdminSectionState, 0, 5)
	for i, s := range agents.Sections() {
		st := AdminSectionState{Section: s, Status: agents.StatusDone, Since: now}
		if i == 1 {
			st = AdminSectionState{Section: s, Status: agents.StatusFailed, Since: now, Error: "generation timed out"}
		}
		sectionStates = append(sectionStates, st)
	}
	statuses := map[agents.Section]agents.Status{}
	for i, s := range agents.Sections() {
		statuses[s] = []agents.Status{agents.StatusDone, agents.StatusRunning, agents.StatusQueued, agents.StatusFailed, agents.StatusDone}[i]
	}

	generating := *b
	generating.Sections = map[agents.Section]*agents.SectionView{}
	for i, s := range agents.Sections() {
		v := *b.Section(s)
		switch i {
		case 0:
			v.State = agents.SectionState{Status: agents.StatusRunning, Since: now.Add(-12 * time.Second)}
			v.Result, v.File = nil, nil
		case 1:
			v.State = agents.SectionState{Status: agents.StatusQueued}
			v.Result, v.File = nil, nil
		case 2:
			v.State = agents.SectionState{Status: agents.StatusFailed, Error: "generation failed", Version: 1, Provider: "builtin"}
			v.Result = nil
		}
		generating.Sections[s] = &v
	}

	rows := []BriefRow{
		{ID: b.ID, BusinessName: b.Input.BusinessName, Sector: b.Input.Sector, City: b.Input.Location.City, Country: b.Input.Location.Country, Sections: statuses, CreatedAt: b.CreatedAt, ExpiresAt: b.ExpiresAt},
		{ID: "old", BusinessName: "Ancien", Sections: statuses, CreatedAt: b.CreatedAt.AddDate(0, -1, 0), ExpiresAt: b.CreatedAt},
	}
	form := BriefForm{
		Input: b.Input, ServicesText: strings.Join(b.Input.Services, "\n"), DraftRestored: true,
		Errors:    FieldErrors{"business_name": m.Validation.Required, "services": i18n.F(m.Validation.TooMany, agents.MaxServices)},
		FormError: m.Errors.Validation, Sectors: []string{"Coiffure"}, Countries: []string{"Sénégal"},
	}
	history := []HistoryVersion{{Version: 2, GeneratedAt: now, Provider: "builtin", Instruction: "plus court"}, {Version: 1, GeneratedAt: b.CreatedAt, Provider: "builtin"}}
	audit := []AuditRow{
		{At: now, Actor: "admin@example.com", Action: AuditExtend, Target: b.ID, TargetURL: "/admin/sessions/" + b.ID, Detail: "30"},
		{At: now, Actor: "admin@example.com", Action: AuditDelete, Target: "gone", Detail: "Ancien"},
		{At: now, Actor: "admin@example.com", Action: AuditRerun, Target: b.ID, Detail: "seo_optimization"},
		{At: now, Actor: "admin@example.com", Action: AuditGrant, Target: "u2", Detail: "moussa@example.com"},
		{At: now, Actor: "admin@example.com", Action: AuditRevoke, Target: "u2", Detail: "moussa@example.com"},
	}
	sessionRows := []AdminSessionRow{{ID: b.ID, OwnerEmail: "awa@example.com", BusinessName: b.Input.BusinessName, Sector: b.Input.Sector, Status: "generating", Sections: statuses, CreatedAt: b.CreatedAt, ExpiresAt: b.ExpiresAt, StoredBytes: 48213, Versions: 7}}
	files := []AdminFile{
		{Name: "input", Version: 1, Size: 400, StoredSize: 400, UpdatedAt: now, Content: `{"business_name": "Salon Awa"}`, JSON: true},
		{Name: "logo_creation", Version: 3, Size: 20480, StoredSize: 6144, UpdatedAt: now, Content: "not json", History: []AdminFile{{Name: "logo_creation", Version: 2, Size: 20000, StoredSize: 6000, UpdatedAt: b.CreatedAt, Content: "{}", JSON: true}}},
	}
	website := func(p WebsiteProps) WebsiteProps {
		p.BriefID, p.BusinessName, p.Language = b.ID, b.Input.BusinessName, b.Input.Language
		return p
	}
	published := now.Add(-time.Hour)
	return map[string]templ.Component{
		"landing":       LandingPage(),
		"signup":        SignupPage(AuthForm{Name: "Awa", Errors: FieldErrors{"email": m.Validation.Email, "password": i18n.F(m.Validation.TooShort, MinPasswordLength)}, FormError: m.Auth.EmailTaken}),
		"login":         LoginPage(AuthForm{Email: "awa@example.com", FormError: m.Auth.BadCredentials}),
		"error page":    ErrorPage(404, m.Errors.NotFound),
		"error alert":   ErrorAlert(m.Errors.Conflict),
		"dashboard":     DashboardPage(DashboardProps{Rows: rows, Next: "cursor", Now: now, Notice: m.Brief.Deleted}),
		"empty":         DashboardPage(DashboardProps{Now: now}),
		"new brief":     NewBriefPage(form),
		"field errors":  FieldErrorsOOB([]string{"business_name", "services"}, form.Errors, m.Brief.DraftSaved),
		"brief":         BriefPage(BriefPageProps{Brief: b, Now: now, State: "d2.d2.d2.d2.d2", Notice: i18n.F(m.Brief.Extended, m.Date(b.ExpiresAt))}),
		"generating":    BriefPage(BriefPageProps{Brief: &generating, Now: now, State: "r0.q0.f1.d2.d2"}),
		"expired":       ExpiryNote(b.CreatedAt, now),
		"extended":      ExpiryNote(b.ExpiresAt, now),
		"announcement":  Announcement(agents.LogoCreation, agents.StatusDone),
		"confidence":    Confidence(b, true),
		"history":       SectionHistory(b.ID, agents.LogoCreation, history),
		"no history":    SectionHistory(b.ID, agents.LogoCreation, nil),
		"history page":  SectionHistoryPage(b, agents.LogoCreation, history),
		"site unready":  WebsitePanel(website(WebsiteProps{})),
		"site ready":    WebsitePanel(website(WebsiteProps{Ready: true, AddLanguage: true})),
		"site pending":  WebsitePanel(website(WebsiteProps{Ready: true, Refresh: true, Publication: &Publication{Status: PublicationPending, Attempts: 2, At: now}})),
		"site online":   WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationPublished, URL: "https://salon.example/", Attempts: 1, At: published}})),
		"site sent":     WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationPublished, Attempts: 1, At: published}})),
		"site refused":  WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "status", HTTPStatus: 502, Attempts: 5, At: published}})),
		"site timeout":  WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "timeout", Attempts: 5, At: published}})),
		"site stopped":  WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "interrupted", Attempts: 1, At: published}})),
		"site page":     WebsitePage(website(WebsiteProps{Ready: true})),
		"settings":      SettingsPage(SettingsForm{Name: "Awa", Email: "awa@example.com", Language: m.Lang, Saved: true}),
		"settings bad":  SettingsPage(SettingsForm{Email: "awa@example.com", Language: m.Lang, Errors: FieldErrors{"name": m.Validation.Required}, FormError: m.Errors.Validation}),
		"admin":         AdminOverviewPage(AdminOverviewProps{Briefs: 1234567, StoredBytes: 5 << 20, Users: 12, Generating: 1, Done: 1000, Failed: 0, Policy: "allkeys-lru", EvictionUnsafe: true, Audit: audit}),
		"admin no log":  AdminOverviewPage(AdminOverviewProps{Policy: "noeviction"}),
		"sessions":      AdminSessionsPage(AdminSessionsProps{Filter: AdminSessionFilter{Owner: "x", Status: "failed", Sort: "expiry", Order: "asc"}, Errors: FieldErrors{"from": m.Admin.BadDate, "to": m.Admin.BadRange, "owner": m.Admin.NoSuchOwner}, Sectors: []string{"Coiffure"}, Notice: m.Admin.NoticeDeleted, Results: AdminSessionsResults{Rows: sessionRows, Next: "/admin/sessions?cursor=x", First: "/admin/sessions", Now: now, Notice: m.Admin.NoSuchOwner}}),
		"no sessions":   AdminSessionsResultsView(AdminSessionsResults{Now: now}),
		"session":       AdminSessionPage(AdminSessionProps{ID: b.ID, OwnerID: "u1", OwnerEmail: "awa@example.com", BusinessName: b.Input.BusinessName, Sector: b.Input.Sector, City: "Dakar", Country: "Sénégal", Language: string(b.Input.Language), Status: "failed", CreatedAt: b.CreatedAt, ExpiresAt: b.ExpiresAt, StoredBytes: 48213, HistoryBytes: 1024, Versions: 7, Sections: sectionStates, Files: files, Audit: audit, ExtendChoices: []int{7, 30, 90, 365}, Notice: i18n.F(m.Admin.NoticeExtended, m.DateTime(b.ExpiresAt)), Now: now}),
		"orphan":        AdminSessionPage(AdminSessionProps{ID: "x", Status: "done", Now: now}),
		"users":         AdminUsersPage(AdminUsersProps{Rows: []AdminUserRow{{ID: "u1", Email: "awa@example.com", Name: "Awa", Admin: true, Self: true, Briefs: 3, CreatedAt: b.CreatedAt}, {ID: "u2", Email: "moussa@example.com", Name: "Moussa", Admin: true, Briefs: 1, CreatedAt: b.CreatedAt}, {ID: "u3", Email: "fatou@example.com", Name: "Fatou", Briefs: 0, CreatedAt: b.CreatedAt}}, Next: "/admin/users?cursor=x", Notice: m.Admin.NoticeRole}),
		"no users":      AdminUsersPage(AdminUsersProps{}),
		"redis":         AdminRedisPage(AdminRedisProps{Mode: "cluster", Version: "7.0.15", Nodes: 3, UsedMemory: 3 << 20, MaxMemory: 1 << 30, Policy: "allkeys-lru", EvictionUnsafe: true, EvictedKeys: 12, ExpiredKeys: 3400, AOFEnabled: true, AOFLastRewrite: "ok", AOFLastWriteOK: false, Clients: 4, OpsPerSec: 1500, KeysPerDB: []DBKeys{{DB: "db0", Keys: 123456}}, Briefs: 1000, StoredBytes: 5 << 20, Daily: []DayCount{{Day: b.CreatedAt, Count: 1}, {Day: now, Count: 7}}, Agents: []AgentLatency{{Section: agents.LogoCreation, Runs: 1, Mean: 120 * time.Millisecond, P95: 200 * time.Millisecond}, {Section: agents.MarketResearch, Runs: 40, Mean: 4 * time.Millisecond, P95: 9 * time.Millisecond}}}),
		"redis standalone": AdminRedisPage(AdminRedisProps{Mode: "standalone", Version: "7.0.15", Policy: "noeviction"}),
	}
}
