package views

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"

	"genesis/agents"
	"genesis/views/i18n"
	"genesis/views/i18n/i18ntest"
)

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
		lang  i18n.Lang
		input agents.Input
	}{
		{i18n.FR, agents.Input{
			BusinessName: "Salon Awa", Sector: "Coiffure", Language: agents.French, Tone: "chaleureux",
			Location: agents.Location{City: "Dakar", Country: "Sénégal"},
			Vision:   "Des coiffures qui durent, pour toutes les femmes de Dakar.",
			Services: []string{"Tresses", "Coiffure de mariage", "Soins du cuir chevelu"},
		}},
		{i18n.EN, agents.Input{
			BusinessName: "Mama Put Bakery", Sector: "Bakery", Language: agents.English, Tone: "warm",
			Location: agents.Location{City: "Lagos", Country: "Nigeria"},
			Vision:   "Fresh bread for every home in Lagos.",
			Services: []string{"Bread", "Cakes", "Catering"},
		}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			m := c.For(tc.lang)
			checker, err := i18ntest.New(c, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
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
				for _, p := range checker.HTML(buf.String()) {
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
				for _, p := range checker.Text(line) {
					t.Errorf("Markdown line %d: %s", i+1, p)
				}
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
		"landing":          LandingPage(),
		"signup":           SignupPage(AuthForm{Name: "Awa", Errors: FieldErrors{"email": m.Validation.Email, "password": i18n.F(m.Validation.TooShort, MinPasswordLength)}, FormError: m.Auth.EmailTaken}),
		"login":            LoginPage(AuthForm{Email: "awa@example.com", FormError: m.Auth.BadCredentials}),
		"error page":       ErrorPage(404, m.Errors.NotFound),
		"error alert":      ErrorAlert(m.Errors.Conflict),
		"dashboard":        DashboardPage(DashboardProps{Rows: rows, Next: "cursor", Now: now, Notice: m.Brief.Deleted}),
		"empty":            DashboardPage(DashboardProps{Now: now}),
		"new brief":        NewBriefPage(form),
		"field errors":     FieldErrorsOOB([]string{"business_name", "services"}, form.Errors, m.Brief.DraftSaved),
		"brief":            BriefPage(BriefPageProps{Brief: b, Now: now, State: "d2.d2.d2.d2.d2", Notice: i18n.F(m.Brief.Extended, m.Date(b.ExpiresAt))}),
		"generating":       BriefPage(BriefPageProps{Brief: &generating, Now: now, State: "r0.q0.f1.d2.d2"}),
		"expired":          ExpiryNote(b.CreatedAt, now),
		"extended":         ExpiryNote(b.ExpiresAt, now),
		"announcement":     Announcement(agents.LogoCreation, agents.StatusDone),
		"confidence":       Confidence(b, true),
		"history":          SectionHistory(b.ID, agents.LogoCreation, history),
		"no history":       SectionHistory(b.ID, agents.LogoCreation, nil),
		"history page":     SectionHistoryPage(b, agents.LogoCreation, history),
		"site unready":     WebsitePanel(website(WebsiteProps{})),
		"site ready":       WebsitePanel(website(WebsiteProps{Ready: true, AddLanguage: true})),
		"site pending":     WebsitePanel(website(WebsiteProps{Ready: true, Refresh: true, Publication: &Publication{Status: PublicationPending, Attempts: 2, At: now}})),
		"site online":      WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationPublished, URL: "https://salon.example/", Attempts: 1, At: published}})),
		"site sent":        WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationPublished, Attempts: 1, At: published}})),
		"site refused":     WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "status", HTTPStatus: 502, Attempts: 5, At: published}})),
		"site timeout":     WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "timeout", Attempts: 5, At: published}})),
		"site stopped":     WebsitePanel(website(WebsiteProps{Ready: true, Publication: &Publication{Status: PublicationFailed, Reason: "interrupted", Attempts: 1, At: published}})),
		"site page":        WebsitePage(website(WebsiteProps{Ready: true})),
		"settings":         SettingsPage(SettingsForm{Name: "Awa", Email: "awa@example.com", Language: m.Lang, Saved: true}),
		"settings bad":     SettingsPage(SettingsForm{Email: "awa@example.com", Language: m.Lang, Errors: FieldErrors{"name": m.Validation.Required}, FormError: m.Errors.Validation}),
		"admin":            AdminOverviewPage(AdminOverviewProps{Briefs: 1234567, StoredBytes: 5 << 20, Users: 12, Generating: 1, Done: 1000, Failed: 0, Policy: "allkeys-lru", EvictionUnsafe: true, Audit: audit}),
		"admin no log":     AdminOverviewPage(AdminOverviewProps{Policy: "noeviction"}),
		"sessions":         AdminSessionsPage(AdminSessionsProps{Filter: AdminSessionFilter{Owner: "x", Status: "failed", Sort: "expiry", Order: "asc"}, Errors: FieldErrors{"from": m.Admin.BadDate, "to": m.Admin.BadRange, "owner": m.Admin.NoSuchOwner}, Sectors: []string{"Coiffure"}, Notice: m.Admin.NoticeDeleted, Results: AdminSessionsResults{Rows: sessionRows, Next: "/admin/sessions?cursor=x", First: "/admin/sessions", Now: now, Notice: m.Admin.NoSuchOwner}}),
		"no sessions":      AdminSessionsResultsView(AdminSessionsResults{Now: now}),
		"session":          AdminSessionPage(AdminSessionProps{ID: b.ID, OwnerID: "u1", OwnerEmail: "awa@example.com", BusinessName: b.Input.BusinessName, Sector: b.Input.Sector, City: "Dakar", Country: "Sénégal", Language: string(b.Input.Language), Status: "failed", CreatedAt: b.CreatedAt, ExpiresAt: b.ExpiresAt, StoredBytes: 48213, HistoryBytes: 1024, Versions: 7, Sections: sectionStates, Files: files, Audit: audit, ExtendChoices: []int{7, 30, 90, 365}, Notice: i18n.F(m.Admin.NoticeExtended, m.DateTime(b.ExpiresAt)), Now: now}),
		"orphan":           AdminSessionPage(AdminSessionProps{ID: "x", Status: "done", Now: now}),
		"users":            AdminUsersPage(AdminUsersProps{Rows: []AdminUserRow{{ID: "u1", Email: "awa@example.com", Name: "Awa", Admin: true, Self: true, Briefs: 3, CreatedAt: b.CreatedAt}, {ID: "u2", Email: "moussa@example.com", Name: "Moussa", Admin: true, Briefs: 1, CreatedAt: b.CreatedAt}, {ID: "u3", Email: "fatou@example.com", Name: "Fatou", Briefs: 0, CreatedAt: b.CreatedAt}}, Next: "/admin/users?cursor=x", Notice: m.Admin.NoticeRole}),
		"no users":         AdminUsersPage(AdminUsersProps{}),
		"redis":            AdminRedisPage(AdminRedisProps{Mode: "cluster", Version: "7.0.15", Nodes: 3, UsedMemory: 3 << 20, MaxMemory: 1 << 30, Policy: "allkeys-lru", EvictionUnsafe: true, EvictedKeys: 12, ExpiredKeys: 3400, AOFEnabled: true, AOFLastRewrite: "ok", AOFLastWriteOK: false, Clients: 4, OpsPerSec: 1500, KeysPerDB: []DBKeys{{DB: "db0", Keys: 123456}}, Briefs: 1000, StoredBytes: 5 << 20, Daily: []DayCount{{Day: b.CreatedAt, Count: 1}, {Day: now, Count: 7}}, Agents: []AgentLatency{{Section: agents.LogoCreation, Runs: 1, Mean: 120 * time.Millisecond, P95: 200 * time.Millisecond}, {Section: agents.MarketResearch, Runs: 40, Mean: 4 * time.Millisecond, P95: 9 * time.Millisecond}}}),
		"redis standalone": AdminRedisPage(AdminRedisProps{Mode: "standalone", Version: "7.0.15", Policy: "noeviction"}),
	}
}
