package handlers

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"genesis/agents"
)

func TestQuantile(t *testing.T) {
	buckets := map[float64]uint64{0.1: 50, 0.2: 90, 0.4: 100, math.Inf(1): 100}
	for _, tc := range []struct {
		q    float64
		want float64
	}{
		{0.5, 0.1},   // exactly at a bucket's bound
		{0.25, 0.05}, // half way into the first bucket, from 0
		{0.7, 0.15},  // half way into the second
		{0.95, 0.3},  // half way into the third
		{1, 0.4},
	} {
		if got := quantile(tc.q, 100, buckets); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	// Samples past the last finite bound are reported at that bound.
	if got := quantile(0.99, 10, map[float64]uint64{1: 5, math.Inf(1): 10}); got != 1 {
		t.Errorf("quantile in the +Inf bucket = %v, want the last finite bound 1", got)
	}
}

func TestAgentLatencies(t *testing.T) {
	m := NewMetrics(nil)
	for _, d := range []time.Duration{2 * time.Millisecond, 4 * time.Millisecond} {
		m.AgentRun(agents.SEOOptimization, "builtin", "done", d)
	}
	m.AgentRun(agents.SEOOptimization, "openai", "failed", 6*time.Millisecond)
	m.AgentRun(agents.MarketResearch, "builtin", "done", 700*time.Microsecond)
	got, err := m.AgentLatencies()
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].P95 = got[i].P95.Round(10 * time.Microsecond)
	}
	want := []AgentLatency{
		{Section: agents.MarketResearch, Runs: 1, Mean: 700 * time.Microsecond, P95: 980 * time.Microsecond},
		{Section: agents.SEOOptimization, Runs: 3, Mean: 4 * time.Millisecond, P95: 9250 * time.Microsecond},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("agent latencies, in the sections' order (-want +got):\n%s", diff)
	}
}
