package report

import "math"

// Bar is one bar of a chart: its label, value, the value as shown, and the
// text of its <title> (what a screen reader says, and a tooltip).
type Bar struct {
	Label string
	Value float64
	Text  string
	Title string
	// Where it is drawn, in the chart's coordinates: the bar, its label
	// and its value.
	X, Y, W, H float64
	LX, LY     float64
	TX, TY     float64
}

// Chart is a bar chart drawn as inline SVG in a viewBox of Width×Height,
// which the page scales to its width.
type Chart struct {
	Title         string
	Width, Height float64
	Bars          []Bar
	Vertical      bool    // bars stand up from the base line (months)
	Base          float64 // the y of the base line of a vertical chart
}

// The geometry of the charts.
const (
	colWidth   = 640.0 // a vertical chart's width
	colHeight  = 220.0 // its bars' area
	colTop     = 18.0  // room for the values above the bars
	colBottom  = 24.0  // room for the labels below
	rowHeight  = 26.0  // one bar of a horizontal chart
	rowLabel   = 110.0 // its labels' column
	rowBars    = 420.0 // its bars' area
	rowValue   = 110.0 // its values' column
	minVisible = 1.0   // a bar of a positive value is at least this long
)

// scale is the length of value in a bar area of size, the largest
// value filling it; a positive value is never drawn shorter than
// minVisible, and a negative one (returns exceeding sales) not at all.
func scale(value, largest, size float64) float64 {
	if value <= 0 || largest <= 0 {
		return 0
	}
	return math.Max(minVisible, value/largest*size)
}

func largest(bars []Bar) float64 {
	m := 0.0
	for _, b := range bars {
		m = math.Max(m, b.Value)
	}
	return m
}

// Columns is a chart of bars standing side by side, as the months are.
func Columns(title string, bars []Bar) Chart {
	c := Chart{Title: title, Width: colWidth, Height: colTop + colHeight + colBottom, Vertical: true, Base: colTop + colHeight}
	top := largest(bars)
	slot := colWidth / math.Max(1, float64(len(bars)))
	for i, b := range bars {
		b.H = scale(b.Value, top, colHeight)
		b.W = slot * 0.7
		b.X = float64(i)*slot + slot*0.15
		b.Y = c.Base - b.H
		b.LX, b.LY = b.X+b.W/2, c.Base+16
		b.TX, b.TY = b.X+b.W/2, b.Y-4
		c.Bars = append(c.Bars, b)
	}
	return c
}

// Rows is a chart of bars one under another, labelled on the left, as the
// stores and segments are: readable on a narrow screen.
func Rows(title string, bars []Bar) Chart {
	c := Chart{Title: title, Width: rowLabel + rowBars + rowValue, Height: rowHeight * math.Max(1, float64(len(bars)))}
	top := largest(bars)
	for i, b := range bars {
		y := float64(i) * rowHeight
		b.X, b.Y, b.W, b.H = rowLabel, y+4, scale(b.Value, top, rowBars), rowHeight-8
		b.LX, b.LY = rowLabel-6, y+rowHeight/2+5
		b.TX, b.TY = rowLabel+b.W+6, y+rowHeight/2+5
		c.Bars = append(c.Bars, b)
	}
	return c
}
