package views

import (
	"math"
	"strconv"

	"genesis/views/i18n"
)

// Charts are drawn on the server as SVG: geometry here, markup in admin_redis.templ. They scale
// with their viewBox, so no size is fixed in CSS.

// Daily chart geometry, in viewBox units.
const (
	dailyWidth  = 640
	dailyHeight = 220
	dailyLeft   = 40 // room for the y axis labels
	dailyRight  = 24 // room for the last day's label
	dailyTop    = 12
	dailyBottom = 28 // room for the day labels
)

type chartTick struct {
	Y     string
	Label string
}

type dailyBar struct {
	X, Y, W, H string
	// LabelX is where the bar's day label is centred; Label is "" for days left unlabelled.
	LabelX string
	Label  string
	Title  string
}

type dailyChart struct {
	ViewBox string
	BaseY   string
	Left    string
	Right   string
	Bars    []dailyBar
	Ticks   []chartTick
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// niceCeil rounds n up to 1, 2 or 5 times a power of ten, so axis labels are round numbers.
func niceCeil(n int64) int64 {
	if n <= 1 {
		return 1
	}
	p := int64(math.Pow(10, math.Floor(math.Log10(float64(n)))))
	for _, f := range []int64{1, 2, 5, 10} {
		if f*p >= n {
			return f * p
		}
	}
	return 10 * p
}

// newDailyChart lays out one bar per day; every seventh day, counted back from the last, is
// labelled so the most recent day always is.
func newDailyChart(m *i18n.Messages, days []DayCount) dailyChart {
	var most int64
	for _, d := range days {
		most = max(most, d.Count)
	}
	top := niceCeil(most)
	plotW := float64(dailyWidth - dailyLeft - dailyRight)
	plotH := float64(dailyHeight - dailyTop - dailyBottom)
	base := float64(dailyTop) + plotH
	c := dailyChart{
		ViewBox: "0 0 " + strconv.Itoa(dailyWidth) + " " + strconv.Itoa(dailyHeight),
		BaseY:   coord(base),
		Left:    coord(dailyLeft),
		Right:   coord(dailyWidth - dailyRight),
	}
	ticks := []int64{0, top / 2, top}
	if top < 2 {
		ticks = []int64{0, top}
	}
	for _, v := range ticks {
		c.Ticks = append(c.Ticks, chartTick{Y: coord(base - plotH*float64(v)/float64(top)), Label: m.Number(v)})
	}
	if len(days) == 0 {
		return c
	}
	slot := plotW / float64(len(days))
	w := math.Max(1, slot*0.7)
	for i, d := range days {
		h := plotH * float64(d.Count) / float64(top)
		x := float64(dailyLeft) + slot*float64(i) + (slot-w)/2
		bar := dailyBar{
			X: coord(x), Y: coord(base - h), W: coord(w), H: coord(h),
			LabelX: coord(x + w/2),
			Title:  i18n.F(m.Plural(d.Count, m.Admin.DailyBarOne, m.Admin.DailyBar), m.Date(d.Day), d.Count),
		}
		if (len(days)-1-i)%7 == 0 {
			bar.Label = shortDay(m, d.Day)
		}
		c.Bars = append(c.Bars, bar)
	}
	return c
}

// Latency chart geometry, in viewBox units: a label column, then the bars, then the values.
const (
	latencyWidth  = 640
	latencyRow    = 34
	latencyLabelW = 150
	latencyPlotW  = 300
	latencyBarH   = 14
)

type latencyBar struct {
	Y, TextY       string
	W              string
	MarkX          string
	MarkY1, MarkY2 string
	Label, Value   string
	Title          string
}

type latencyChart struct {
	ViewBox string
	PlotX   string
	ValueX  string
	Bars    []latencyBar
}

// newLatencyChart draws each agent's mean as a bar and its 95th percentile as a mark, on one
// scale: the slowest 95th percentile spans the plot.
func newLatencyChart(m *i18n.Messages, agents []AgentLatency) latencyChart {
	height := max(1, len(agents)) * latencyRow
	c := latencyChart{
		ViewBox: "0 0 " + strconv.Itoa(latencyWidth) + " " + strconv.Itoa(height),
		PlotX:   coord(latencyLabelW),
		ValueX:  coord(latencyLabelW + latencyPlotW + 10),
	}
	var slowest float64
	for _, a := range agents {
		slowest = math.Max(slowest, math.Max(float64(a.P95), float64(a.Mean)))
	}
	if slowest == 0 {
		slowest = 1
	}
	for i, a := range agents {
		top := float64(i*latencyRow) + (latencyRow-latencyBarH)/2
		markX := latencyLabelW + latencyPlotW*float64(a.P95)/slowest
		c.Bars = append(c.Bars, latencyBar{
			Y:      coord(top),
			TextY:  coord(top + latencyBarH - 2),
			W:      coord(math.Max(1, latencyPlotW*float64(a.Mean)/slowest)),
			MarkX:  coord(markX),
			MarkY1: coord(top - 4),
			MarkY2: coord(top + latencyBarH + 4),
			Label:  sectionTitle(m, a.Section),
			Value:  i18n.F(m.Admin.LatencyValue, millis(m, a.Mean), millis(m, a.P95)),
			Title:  i18n.F(m.Plural(int64(a.Runs), m.Admin.LatencyBarOne, m.Admin.LatencyBar), sectionTitle(m, a.Section), millis(m, a.Mean), millis(m, a.P95), a.Runs),
		})
	}
	return c
}
