package agents

import (
	"context"
	"sync"
	"testing"
	"time"

	"genesis/storage"
	"genesis/storage/redistest"
)

func benchInput(i int) Input {
	in := testInput()
	in.BusinessName = in.BusinessName + " " + string(rune('A'+i%26))
	return in
}

// BenchmarkBuiltinBrief is the wall time of a full builtin brief: the five agents concurrently, as
// the orchestrator runs them, without storage.
func BenchmarkBuiltinBrief(b *testing.B) {
	k := mustLoadKnowledge(b)
	p := NewBuiltin(k)
	if _, err := p.Generate(context.Background(), Request{Section: LogoCreation, Input: testInput()}); err != nil {
		b.Fatal(err) // parses the fonts once, as a running server has
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		var wg sync.WaitGroup
		for _, s := range Sections() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := p.Generate(context.Background(), Request{Section: s, Input: benchInput(i), Variation: i}); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/brief")
}

// BenchmarkOrchestratedBrief is a brief from creation to its last section stored, through Redis:
// with the builtin agents, and with a provider that takes 300 ms per agent (the older service ran
// agents one after the other, so 5 × 300 ms).
func BenchmarkOrchestratedBrief(b *testing.B) {
	k := mustLoadKnowledge(b)
	for _, tc := range []struct {
		name     string
		provider Provider
	}{
		{"builtin", NewBuiltin(k)},
		{"300ms-per-agent", &fakeProvider{name: "slow", delay: 300 * time.Millisecond}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			rdb, _ := redistest.FromEnv(b)
			store := storage.New(rdb, storage.Options{Prefix: redistest.Prefix(b), TTL: time.Hour})
			o := New(Config{Store: store, Primary: tc.provider, Holder: "bench"})
			o.Start()
			defer o.Stop(context.Background())
			ctx := context.Background()
			var worst time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				sum, err := o.Create(ctx, "bench-owner", benchInput(i))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := o.Wait(ctx, sum.ID); err != nil {
					b.Fatal(err)
				}
				worst = max(worst, time.Since(start))
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/brief")
			b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms/brief")
		})
	}
}
