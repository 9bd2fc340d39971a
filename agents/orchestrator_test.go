package agents

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"genesis/storage"
	"genesis/storage/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// fakeProvider writes minimal results, after an optional delay, and can be told to fail or panic.
type fakeProvider struct {
	name  string
	delay time.Duration
	fail  func(Request) error
	mu    sync.Mutex
	calls []Request
}

var _ Provider = (*fakeProvider)(nil)

func (f *fakeProvider) Name() string { return f.name }

func (f *fakeProvider) Generate(ctx context.Context, req Request) (any, error) {
	f.mu.Lock()
	f.calls = append(f.calls, req)
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if f.fail != nil {
		if err := f.fail(req); err != nil {
			return nil, err
		}
	}
	r := newResult(req.Section)
	if c, ok := r.(*ContentGenerationResult); ok {
		c.Homepage.Hero.Title = req.Input.BusinessName
		c.Homepage.Hero.Subtitle = req.Instruction
		c.LanguagesGenerated = []Language{req.Input.Language}
		c.About.Story = f.name
		c.About.Values = []string{string(rune('a' + req.Variation))}
	}
	return r, nil
}

func (f *fakeProvider) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func testInput() Input {
	in := Input{
		BusinessName: "Mama Put Bakery", Sector: "bakery",
		Location: Location{City: "Lagos", Country: "Nigeria"},
		Services: []string{"Bread", "Cakes"}, Language: English, Tone: "warm",
	}
	in.Normalize()
	return in
}

type rig struct {
	store *storage.Store
	orch  *Orchestrator
}

func newRig(t *testing.T, cfg Config) rig {
	t.Helper()
	rdb, _ := redistest.FromEnv(t)
	store := storage.New(rdb, storage.Options{Prefix: redistest.Prefix(t), TTL: time.Hour})
	cfg.Store = store
	if cfg.Holder == "" {
		cfg.Holder = "test-" + t.Name()
	}
	o := New(cfg)
	o.Start()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		o.Stop(ctx)
	})
	return rig{store: store, orch: o}
}

func (r rig) create(t *testing.T) storage.Summary {
	t.Helper()
	sum, err := r.orch.Create(context.Background(), "owner-1", testInput())
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func (r rig) waitDone(t *testing.T, id string) Brief {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	sess, err := r.orch.Wait(ctx, id)
	if err != nil {
		t.Fatalf("wait for brief %s: %v", id, err)
	}
	b, err := BriefFrom(sess)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCreateWritesEverySection(t *testing.T) {
	p := &fakeProvider{name: "fake"}
	r := newRig(t, Config{Primary: p})

	sum := r.create(t)
	b := r.waitDone(t, sum.ID)
	if b.Status != storage.BriefDone {
		t.Fatalf("brief status %q, want done", b.Status)
	}
	for _, s := range Sections() {
		v := b.Section(s)
		if v.State.Status != StatusDone || v.State.Version != 1 || v.State.Provider != "fake" || v.State.Fallback {
			t.Errorf("%s: state %+v", s, v.State)
		}
	}
	if !b.ReadyForWebsite() {
		t.Error("a brief with every section done is not ready for a website")
	}
	if diff := cmp.Diff(testInput(), b.Input); diff != "" {
		t.Errorf("stored input (-want +got):\n%s", diff)
	}
}

func TestRegenerateTouchesOnlyTheNamedSection(t *testing.T) {
	p := &fakeProvider{name: "fake"}
	r := newRig(t, Config{Primary: p})
	ctx := context.Background()
	sum := r.create(t)
	r.waitDone(t, sum.ID)
	before, err := r.store.ReadSession(ctx, sum.ID)
	if err != nil {
		t.Fatal(err)
	}

	events, closeSub, err := r.store.Subscribe(ctx, sum.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSub()
	if err := r.orch.Regenerate(ctx, sum.ID, []Section{ContentGeneration}, "more formal"); err != nil {
		t.Fatal(err)
	}
	var statuses []Status
	for len(statuses) == 0 || statuses[len(statuses)-1] != StatusDone {
		select {
		case raw := <-events:
			var e Event
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Fatal(err)
			}
			// The creation's last events may still be arriving; storage shows the other sections
			// untouched below.
			if e.Section != ContentGeneration || (len(statuses) == 0 && e.Status != StatusQueued) {
				continue
			}
			statuses = append(statuses, e.Status)
		case <-time.After(10 * time.Second):
			t.Fatalf("no done event; got %v", statuses)
		}
	}
	if diff := cmp.Diff([]Status{StatusQueued, StatusRunning, StatusDone}, statuses); diff != "" {
		t.Errorf("status events (-want +got):\n%s", diff)
	}

	after, err := r.store.ReadSession(ctx, sum.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sections() {
		b, a := before.Files[string(s)], after.Files[string(s)]
		if s == ContentGeneration {
			if a.Version != b.Version+1 {
				t.Errorf("content_generation version %d → %d, want +1", b.Version, a.Version)
			}
			continue
		}
		if a.Version != b.Version || string(a.Data) != string(b.Data) {
			t.Errorf("%s changed during a regeneration of another section", s)
		}
	}
	brief, err := BriefFrom(after)
	if err != nil {
		t.Fatal(err)
	}
	c := brief.Content()
	if c.Homepage.Hero.Subtitle != "more formal" || c.About.Values[0] != "b" {
		t.Errorf("regeneration did not pass the instruction and the next variation: %+v", c.Homepage.Hero)
	}
}

func TestFailedProviderFallsBackHonestly(t *testing.T) {
	primary := &fakeProvider{name: "llm", fail: func(Request) error { return errors.New("upstream 500") }}
	fallback := &fakeProvider{name: "builtin"}
	r := newRig(t, Config{Primary: primary, Fallback: fallback})
	sum := r.create(t)
	b := r.waitDone(t, sum.ID)
	for _, s := range Sections() {
		st := b.Section(s).State
		if st.Status != StatusDone || !st.Fallback || st.Provider != "builtin" || st.FallbackReason == "" {
			t.Errorf("%s: %+v, want done by the builtin, marked as a fallback with its reason", s, st)
		}
	}
	if got := b.OverallConfidence(); got > 0.61 {
		t.Errorf("overall confidence %v with every section a fallback, want at most 0.6", got)
	}
}

func TestPanicsAndTimeoutsFailTheSectionOnly(t *testing.T) {
	p := &fakeProvider{name: "fake", fail: func(req Request) error {
		switch req.Section {
		case LogoCreation:
			panic("boom")
		case SEOOptimization:
			time.Sleep(300 * time.Millisecond)
		}
		return nil
	}}
	r := newRig(t, Config{Primary: p, AgentTimeout: 100 * time.Millisecond})
	sum := r.create(t)
	b := r.waitDone(t, sum.ID)
	if b.Status != storage.BriefFailed {
		t.Errorf("brief status %q, want failed", b.Status)
	}
	want := map[Section]Status{MarketResearch: StatusDone, ContentGeneration: StatusDone, LogoCreation: StatusFailed, SEOOptimization: StatusFailed, TemplateSelection: StatusDone}
	for s, st := range want {
		if got := b.Section(s).State; got.Status != st {
			t.Errorf("%s: status %s, want %s", s, got.Status, st)
		}
	}
	if got := b.Section(LogoCreation).State.Error; got != "generation failed" {
		t.Errorf("panicked section error %q: want a short message, no internals", got)
	}
	if b.ReadyForWebsite() {
		t.Error("a brief without its logo is ready for a website")
	}
}

func TestSectionsOfADeadInstanceAreTakenOver(t *testing.T) {
	rdb, _ := redistest.FromEnv(t)
	store := storage.New(rdb, storage.Options{Prefix: redistest.Prefix(t), TTL: time.Hour})
	// The first instance starts generating, then dies: its runs are abandoned mid-way.
	stuck := &fakeProvider{name: "stuck", delay: time.Minute}
	dead := New(Config{Store: store, Primary: stuck, Holder: "dead", LeaseTTL: 300 * time.Millisecond})
	sum, err := dead.Create(context.Background(), "owner-1", testInput())
	if err != nil {
		t.Fatal(err)
	}
	for stuck.callCount() < len(Sections()) {
		time.Sleep(10 * time.Millisecond)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	dead.Stop(gone)

	p := &fakeProvider{name: "survivor"}
	alive := New(Config{Store: store, Primary: p, Holder: "alive", LeaseTTL: 300 * time.Millisecond, RecoverEvery: 100 * time.Millisecond})
	alive.Start()
	defer alive.Stop(context.Background())
	r := rig{store: store, orch: alive}
	b := r.waitDone(t, sum.ID)
	for _, s := range Sections() {
		if st := b.Section(s).State; st.Status != StatusDone || st.Provider != "survivor" || st.Version != 1 {
			t.Errorf("%s: %+v, want done once by the surviving instance", s, st)
		}
	}
	if n := p.callCount(); n != len(Sections()) {
		t.Errorf("survivor generated %d sections, want each once", n)
	}
}

func TestRestoreMakesANewVersion(t *testing.T) {
	r := newRig(t, Config{Primary: &fakeProvider{name: "fake"}})
	ctx := context.Background()
	sum := r.create(t)
	r.waitDone(t, sum.ID)
	first, _ := r.store.ReadFile(ctx, sum.ID, string(ContentGeneration))
	if err := r.orch.Regenerate(ctx, sum.ID, []Section{ContentGeneration}, ""); err != nil {
		t.Fatal(err)
	}
	r.waitDone(t, sum.ID)
	history, err := r.store.FileHistory(ctx, sum.ID, string(ContentGeneration))
	if err != nil || len(history) != 1 || history[0].Version != first.Version {
		t.Fatalf("history = %d entries (%v), want version %d", len(history), err, first.Version)
	}
	restored, err := r.orch.Restore(ctx, sum.ID, ContentGeneration, history[0])
	if err != nil {
		t.Fatal(err)
	}
	if restored.Version != 3 {
		t.Errorf("restored version %d, want 3", restored.Version)
	}
	file, result, err := DecodeSection(ContentGeneration, restored.Data)
	if err != nil {
		t.Fatal(err)
	}
	if file.RestoredFrom != first.Version || result.(*ContentGenerationResult).About.Values[0] != "a" {
		t.Errorf("restored content is not version %d's", first.Version)
	}
}
