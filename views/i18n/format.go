package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Units name durations, singular and plural, so relative times read naturally in each language.
type Units struct {
	Second, Seconds string
	Minute, Minutes string
	Hour, Hours     string
	Day, Days       string
	In              string // "%s" is a duration: "in %s", "dans %s"
	Ago             string // "%s ago", "il y a %s"
	JustNow         string
	Expired         string
	DateLayout      string // Go time layout for a date
	DateTimeLayout  string // Go time layout for a date and time
	Months          []string
}

func unitsEN() Units {
	return Units{
		Second: "second", Seconds: "seconds",
		Minute: "minute", Minutes: "minutes",
		Hour: "hour", Hours: "hours",
		Day: "day", Days: "days",
		In: "in %s", Ago: "%s ago", JustNow: "just now", Expired: "expired",
		DateLayout: "2 {month} 2006", DateTimeLayout: "2 {month} 2006, 15:04",
		Months: []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
}

func unitsFR() Units {
	return Units{
		Second: "seconde", Seconds: "secondes",
		Minute: "minute", Minutes: "minutes",
		Hour: "heure", Hours: "heures",
		Day: "jour", Days: "jours",
		In: "dans %s", Ago: "il y a %s", JustNow: "à l’instant", Expired: "expiré",
		DateLayout: "2 {month} 2006", DateTimeLayout: "2 {month} 2006 à 15:04",
		Months: []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	}
}

// Duration says d in its largest whole unit: "3 days", "1 heure".
func (m *Messages) Duration(d time.Duration) string {
	u := m.Units
	plural := func(n int64, one, many string) string {
		// French uses the singular for 0 and 1; English only for 1.
		if n == 1 || (m.Lang == FR && n == 0) {
			return strconv.FormatInt(n, 10) + " " + one
		}
		return strconv.FormatInt(n, 10) + " " + many
	}
	switch {
	case d >= 48*time.Hour:
		return plural(int64(math.Round(d.Hours()/24)), u.Day, u.Days)
	case d >= 2*time.Hour:
		return plural(int64(math.Round(d.Hours())), u.Hour, u.Hours)
	case d >= 2*time.Minute:
		return plural(int64(math.Round(d.Minutes())), u.Minute, u.Minutes)
	}
	return plural(int64(d/time.Second), u.Second, u.Seconds)
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

// Date formats a date in the language: "27 November 2026", "27 novembre 2026".
func (m *Messages) Date(t time.Time) string { return m.layout(t, m.Units.DateLayout) }

// DateTime formats a date and time in the language.
func (m *Messages) DateTime(t time.Time) string { return m.layout(t, m.Units.DateTimeLayout) }

func (m *Messages) layout(t time.Time, layout string) string {
	return strings.Replace(t.Format(layout), "{month}", m.Units.Months[t.Month()-1], 1)
}

// Number groups digits the way the language does: "1,234,567" and "1 234 567" (narrow no-break
// spaces, as French typography wants).
func (m *Messages) Number(n int64) string {
	sep := ","
	if m.Lang == FR {
		sep = "\u202f"
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
