package views

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"
	"github.com/google/go-cmp/cmp"

	"genesis/agents"
	"genesis/views/i18n"
)

// TestBriefPageGolden pins the brief page and each of its section cards, in a brief where every
// state a card can show appears once: done, running, queued, failed, and a fallback.
// `go test ./views -update` rewrites testdata/brief/.
func TestBriefPageGolden(t *testing.T) {
	k, err := agents.LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	in := agents.Input{
		BusinessName: "Mama Put Bakery", Sector: "Bakery", Location: agents.Location{City: "Lagos", Country: "Nigeria"},
		Services: []string{"Bread", "Celebration cakes"}, Language: agents.English, Tone: "warm",
	}
	b := writtenBrief(t, agents.NewBuiltin(k), in)
	now := b.CreatedAt.Add(90 * time.Second)
	b.Sections[agents.ContentGeneration].State.Status = agents.StatusRunning
	b.Sections[agents.ContentGeneration].State.Since = now.Add(-12 * time.Second)
	b.Sections[agents.TemplateSelection] = &agents.SectionView{Name: agents.TemplateSelection, State: agents.SectionState{Status: agents.StatusQueued}}
	b.Sections[agents.LogoCreation].State.Status = agents.StatusFailed
	b.Sections[agents.LogoCreation].State.Error = "generation timed out"

	cat := i18n.New()
	ctx := WithPage(context.Background(), &Page{
		Msg: cat.For(i18n.EN), Catalogue: cat, CSRFToken: "token", RequestID: "req-1", Path: "/briefs/" + b.ID, Here: "/briefs/" + b.ID,
		User:  &User{Name: "Adaeze", Email: "adaeze@example.com"},
		Asset: func(n string) string { return "/static/" + n },
	})
	render := func(c templ.Component) string {
		var buf bytes.Buffer
		if err := c.Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	MatchGolden(t, filepath.Join("testdata", "brief", "page.html"), render(BriefPage(BriefPageProps{Brief: b, Now: now, State: "d2.r2.f2.d2.q0"})))
	for _, s := range agents.Sections() {
		MatchGolden(t, filepath.Join("testdata", "brief", "card_"+string(s)+".html"), render(SectionCard(b, s, now)))
	}
}

// update rewrites the golden files under testdata/ instead of comparing with them.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// MatchGolden compares got with the golden file at path, or rewrites it under -update. It is
// exported for the package's external tests, which share this test binary and its flag.
func MatchGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./views -update): %v", err)
	}
	// Split at tag boundaries so a difference reads as lines, not as one long line.
	if diff := cmp.Diff(strings.Split(string(want), "><"), strings.Split(got, "><")); diff != "" {
		t.Errorf("%s differs (-want +got); run go test ./views -update if the change is meant:\n%s", path, diff)
	}
}
