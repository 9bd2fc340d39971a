package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Units name durations, singular and plural, so relative times read naturally in each language,
// and say how the language writes dates and numbers.
type Units struct {
	Second, Seconds string
	Minute, Minutes string
	Hour, Hours     string
	Day, Days       string
	In              string // "%s" is a duration: "in %s", "dans %s"
	Ago             string // "%s ago", "il y a %s"
	JustNow         string
	Expired         string
	DateLayout      string // Go time layout for a date; {day} and {month} are the language's
	DateTimeLayout  string // Go time layout for a date and time, in UTC (owners span time zones)
	FirstOfMonth    string // the first day of a month as dates write it: "1", "1er"
	Months          []string
	// Numbers: the separator between groups of three digits, the decimal mark, and how a
	// percentage and an amount with its currency are written.
	GroupSeparator   string
	DecimalSeparator string
	Percent          string // "%s" is the number
	Money            string // "%s" is the amount, "%s" the currency
}

func unitsEN() Units {
	return Units{
		Second: "second", Seconds: "seconds",
		Minute: "minute", Minutes: "minutes",
		Hour: "hour", Hours: "hours",
		Day: "day", Days: "days",
		In: "in %s", Ago: "%s ago", JustNow: "just now", Expired: "expired",
		DateLayout: "{day} {month} 2006", DateTimeLayout: "{day} {month} 2006, 15:04 UTC",
		FirstOfMonth:     "1",
		Months:           []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		GroupSeparator:   ",",
		DecimalSeparator: ".",
		Percent:          "%s%%",
		Money:            "%s\u00a0%s",
	}
}

func unitsFR() Units {
	return Units{
		Second: "seconde", Seconds: "secondes",
		Minute: "minute", Minutes: "minutes",
		Hour: "heure", Hours: "heures",
		Day: "jour", Days: "jours",
		In: "dans %s", Ago: "il y a %s", JustNow: "à l’instant", Expired: "expiré",
		DateLayout: "{day} {month} 2006", DateTimeLayout: "{day} {month} 2006 à 15:04 UTC",
		FirstOfMonth: "1er",
		Months:       []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		// French typography groups digits with narrow no-break spaces and puts one before "%", so a
		// number never breaks across lines.
		GroupSeparator:   "\u202f",
		DecimalSeparator: ",",
		Percent:          "%s\u202f%%",
		Money:            "%s\u00a0%s",
	}
}

// Plural picks the form of a message for n things: French uses the singular for 0 and 1, English
// only for 1.
func (m *Messages) Plural(n int64, one, many string) string {
	if n == 1 || (m.Lang == FR && n == 0) {
		return one
	}
	return many
}

// Duration says d in its largest whole unit: "3 days", "1 heure".
func (m *Messages) Duration(d time.Duration) string {
	u := m.Units
	say := func(n int64, one, many string) string {
		return strconv.FormatInt(n, 10) + " " + m.Plural(n, one, many)
	}
	switch {
	case d >= 48*time.Hour:
		return say(int64(math.Round(d.Hours()/24)), u.Day, u.Days)
	case d >= 2*time.Hour:
		return say(int64(math.Round(d.Hours())), u.Hour, u.Hours)
	case d >= 2*time.Minute:
		return say(int64(math.Round(d.Minutes())), u.Minute, u.Minutes)
	}
	return say(int64(d/time.Second), u.Second, u.Seconds)
}

// Until says how far t is from now: "in 6 days", "dans 6 jours", or "expired" once past.
func (m *Messages) Until(t, now time.Time) string {
	if !t.After(now) {
		return m.Units.Expired
	}
	return F(m.Units.In, m.Duration(t.Sub(now)))
}

// Since says how long ago t was: "3 minutes ago", "il y a 3 minutes".
func (m *Messages) Since(t, now time.Time) string {
	d := now.Sub(t)
	if d < 5*time.Second {
		return m.Units.JustNow
	}
	return F(m.Units.Ago, m.Duration(d))
}

// Date formats a date in the language: "27 November 2026", "1er novembre 2026".
func (m *Messages) Date(t time.Time) string { return m.layout(t, m.Units.DateLayout) }

// DateTime formats a date and time in the language.
func (m *Messages) DateTime(t time.Time) string { return m.layout(t, m.Units.DateTimeLayout) }

func (m *Messages) layout(t time.Time, layout string) string {
	t = t.UTC()
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = m.Units.FirstOfMonth
	}
	// The placeholders hold no layout digits, so Format leaves them for the words to replace. The
	// day is digits or "1er", so replacing the month after it cannot touch what the day put in.
	s := strings.ReplaceAll(t.Format(layout), "{day}", day)
	return strings.ReplaceAll(s, "{month}", m.Units.Months[t.Month()-1])
}

// Number groups digits the way the language does: "1,234,567" and "1 234 567".
func (m *Messages) Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(m.Units.GroupSeparator)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// Decimal writes x with at most decimals digits after the mark, trailing zeros dropped:
// "1,234.5" / "1 234,5".
func (m *Messages) Decimal(x float64, decimals int) string { return m.fixed(x, decimals, true) }

// Fixed writes x with exactly decimals digits after the mark: "0.70" / "0,70".
func (m *Messages) Fixed(x float64, decimals int) string { return m.fixed(x, decimals, false) }

func (m *Messages) fixed(x float64, decimals int, trim bool) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if trim && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return s
	}
	out := m.Number(n)
	if n == 0 && strings.HasPrefix(whole, "-") {
		out = "-0"
	}
	if frac == "" {
		return out
	}
	return out + m.Units.DecimalSeparator + frac
}

// Percent writes a share of one as a percentage, keeping two significant digits of small shares:
// "12%", "2.5%", "0.35%" / "12 %", "2,5 %".
func (m *Messages) Percent(share float64) string {
	p := share * 100
	decimals := 0
	switch a := math.Abs(p); {
	case a == 0 || a >= 10:
	case a >= 1:
		decimals = 1
	default:
		decimals = max(1, -int(math.Floor(math.Log10(a)))+1)
	}
	return F(m.Units.Percent, m.Decimal(p, decimals))
}

// Money writes an amount in full with its currency: "45,000 NGN", "25 000 FCFA"; cents only when
// the amount has them.
func (m *Messages) Money(x float64, currency string) string {
	decimals := 0
	if x != math.Trunc(x) && math.Abs(x) < 1e12 {
		decimals = 2
	}
	return F(m.Units.Money, m.fixed(x, decimals, false), CurrencyName(currency))
}

// Approx writes a large amount in words, one decimal: "83.1 billion NGN", "1,2 milliard FCFA".
// Amounts under a million are written in full.
func (m *Messages) Approx(x float64, currency string) string {
	t := m.Section.Numbers
	scales := []struct {
		at        float64
		one, many string
	}{
		{1e12, t.TrillionOne, t.TrillionMany},
		{1e9, t.BillionOne, t.BillionMany},
		{1e6, t.MillionOne, t.MillionMany},
	}
	for _, s := range scales {
		// 999.96 million rounds to one decimal as "1,000 million": write it as "1 billion".
		if math.Abs(x) >= s.at*0.99995 {
			v := math.Round(x/s.at*10) / 10
			word := s.many
			if math.Abs(v) < 2 {
				word = s.one
			}
			return F(m.Units.Money, F(word, m.Decimal(v, 1)), CurrencyName(currency))
		}
	}
	return m.Money(math.Round(x), currency)
}

// Ratio writes a contrast ratio: "4.52:1" / "4,52:1".
func (m *Messages) Ratio(r float64) string {
	return F(m.Section.Numbers.Ratio, m.Decimal(r, 2))
}

// CurrencyName is how people write a currency: the CFA francs of West (XOF) and Central (XAF)
// Africa as "FCFA", others by their ISO code.
func CurrencyName(code string) string {
	switch code {
	case "XOF", "XAF":
		return "FCFA"
	}
	return code
}
