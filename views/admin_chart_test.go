package views

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"genesis/agents"
	"genesis/views/i18n"
)

func TestNiceCeil(t *testing.T) {
	for _, tc := range []struct{ in, want int64 }{{0, 1}, {1, 1}, {2, 2}, {3, 5}, {7, 10}, {11, 20}, {180, 200}, {501, 1000}} {
		if got := niceCeil(tc.in); got != tc.want {
			t.Errorf("niceCeil(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestDailyChart(t *testing.T) {
	m := i18n.New().For(i18n.FR)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var days []DayCount
	for i, n := range []int64{0, 3, 7, 1, 0, 0, 4, 2} {
		days = append(days, DayCount{Day: day.AddDate(0, 0, i), Count: n})
	}
	c := newDailyChart(m, days)
	var labels, heights []string
	for _, b := range c.Bars {
		labels = append(labels, b.Label)
		heights = append(heights, b.H)
	}
	// The last day and every seventh before it are labelled; bars scale to the axis top (10).
	if diff := cmp.Diff([]string{"1\u00a0mars", "", "", "", "", "", "", "8\u00a0mars"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0.0", "54.0", "126.0", "18.0", "0.0", "0.0", "72.0", "36.0"}, heights); diff != "" {
		t.Errorf("bar heights (-want +got):\n%s", diff)
	}
	var ticks []string
	for _, tk := range c.Ticks {
		ticks = append(ticks, tk.Label)
	}
	if diff := cmp.Diff([]string{"0", "5", "10"}, ticks); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
	if got := c.Bars[2].Title; got != "3 mars 2026 : 7 dossiers" {
		t.Errorf("bar title %q", got)
	}
	if one := newDailyChart(m, days[:1]); len(one.Ticks) != 2 {
		t.Errorf("an empty chart has %d ticks, want 0 and 1", len(one.Ticks))
	}
}

func TestLatencyChart(t *testing.T) {
	m := i18n.New().For(i18n.EN)
	c := newLatencyChart(m, []AgentLatency{
		{Section: agents.LogoCreation, Runs: 4, Mean: 100 * time.Millisecond, P95: 200 * time.Millisecond},
		{Section: agents.MarketResearch, Runs: 2, Mean: 2500 * time.Microsecond, P95: 5 * time.Millisecond},
	})
	got := []string{c.Bars[0].W, c.Bars[0].MarkX, c.Bars[1].W, c.Bars[1].Value, c.Bars[0].Title}
	want := []string{"150.0", "450.0", "3.8", "2.5 ms · p95 5.0 ms", "Logo: mean 100 ms, 95th percentile 200 ms, 4 runs"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("latency chart (-want +got):\n%s", diff)
	}
}

func TestByteSize(t *testing.T) {
	en, fr := i18n.New().For(i18n.EN), i18n.New().For(i18n.FR)
	for _, tc := range []struct {
		n      int64
		en, fr string
	}{
		{512, "512\u00a0B", "512\u00a0o"},
		{1536, "1.5\u00a0KB", "1,5\u00a0Ko"},
		{5 << 20, "5.0\u00a0MB", "5,0\u00a0Mo"},
	} {
		if got := byteSize(en, tc.n); got != tc.en {
			t.Errorf("byteSize(en, %d) = %q, want %q", tc.n, got, tc.en)
		}
		if got := byteSize(fr, tc.n); got != tc.fr {
			t.Errorf("byteSize(fr, %d) = %q, want %q", tc.n, got, tc.fr)
		}
	}
}
