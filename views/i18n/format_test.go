package i18n

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFormats: numbers, amounts, dates and relative times as each language writes them.
func TestFormats(t *testing.T) {
	c := New()
	en, fr := c.For(EN), c.For(FR)
	now := time.Date(2026, 3, 28, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		format func(m *Messages) string
		en, fr string
	}{
		{"grouping", func(m *Messages) string { return m.Number(1234567) }, "1,234,567", "1\u202f234\u202f567"},
		{"negative", func(m *Messages) string { return m.Number(-1234) }, "-1,234", "-1\u202f234"},
		{"small", func(m *Messages) string { return m.Number(999) }, "999", "999"},
		{"CFA francs", func(m *Messages) string { return m.Money(1234567, "XOF") }, "1,234,567\u00a0FCFA", "1\u202f234\u202f567\u00a0FCFA"},
		{"Central African CFA francs", func(m *Messages) string { return m.Money(25000, "XAF") }, "25,000\u00a0FCFA", "25\u202f000\u00a0FCFA"},
		{"cents", func(m *Messages) string { return m.Money(12.5, "EUR") }, "12.50\u00a0EUR", "12,50\u00a0EUR"},
		{"in words", func(m *Messages) string { return m.Approx(83_140_000_000, "NGN") }, "83.1 billion\u00a0NGN", "83,1 milliards\u00a0NGN"},
		{"decimal", func(m *Messages) string { return m.Decimal(1234.50, 2) }, "1,234.5", "1\u202f234,5"},
		{"fixed", func(m *Messages) string { return m.Fixed(0.7, 2) }, "0.70", "0,70"},
		{"percent", func(m *Messages) string { return m.Percent(0.025) }, "2.5%", "2,5\u202f%"},
		{"ratio", func(m *Messages) string { return m.Ratio(4.5) }, "4.5:1", "4,5:1"},
		{"date", func(m *Messages) string { return m.Date(now) }, "28 March 2026", "28 mars 2026"},
		{"in UTC", func(m *Messages) string {
			return m.DateTime(time.Date(2026, 3, 28, 23, 30, 0, 0, time.FixedZone("WAT", 3600)))
		}, "28 March 2026, 22:30 UTC", "28 mars 2026 à 22:30 UTC"},
		{"first of the month", func(m *Messages) string { return m.Date(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) }, "1 May 2026", "1er mai 2026"},
		{"date and time", func(m *Messages) string { return m.DateTime(now) }, "28 March 2026, 10:00 UTC", "28 mars 2026 à 10:00 UTC"},
		{"in three days", func(m *Messages) string { return m.Until(now.Add(72*time.Hour), now) }, "in 3 days", "dans 3 jours"},
		{"in one hour", func(m *Messages) string { return m.Until(now.Add(90*time.Minute), now) }, "in 90 minutes", "dans 90 minutes"},
		{"expired", func(m *Messages) string { return m.Until(now.Add(-time.Second), now) }, "expired", "expiré"},
		{"ago", func(m *Messages) string { return m.Since(now.Add(-3*time.Minute), now) }, "3 minutes ago", "il y a 3 minutes"},
		{"one second", func(m *Messages) string { return m.Duration(time.Second) }, "1 second", "1 seconde"},
		{"zero seconds", func(m *Messages) string { return m.Duration(0) }, "0 seconds", "0 seconde"},
		{"plural of none", func(m *Messages) string { return m.Plural(0, "one", "many") }, "many", "one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff([]string{tc.en, tc.fr}, []string{tc.format(en), tc.format(fr)}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
