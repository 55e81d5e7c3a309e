package pages

import (
	"fmt"
	"strings"
)

// barChart is a horizontal bar chart drawn as server-rendered SVG: each
// bar has its label and value written above it in words, so that nothing
// is told by colour or length alone, and every chart on a page has a table
// beside it with the same figures. Widths are percentages of the chart's
// width, so bars scale with the screen while the text keeps its size.
type barChart struct {
	// ID names the chart's elements (caption, table).
	ID string
	// Caption says what the chart shows.
	Caption string
	// Bars are the rows, in the order shown.
	Bars []bar
}

// bar is one row of a barChart.
type bar struct {
	// Label names the row ("Safeguarding"); Text is its value in words
	// ("12 requests: 3 open, 2 accepted").
	Label, Text string
	// Width is the bar's length as a percentage of the longest possible.
	Width float64
	// Marked draws the bar with a hatched pattern and a warning sign
	// before its label, for a row the text also calls out (the two
	// organisations that dominate).
	Marked bool
}

// chartRowHeight is the height of one row (label line and bar) in pixels.
const chartRowHeight = 46

// Height is the SVG's height in pixels.
func (c barChart) Height() int { return len(c.Bars)*chartRowHeight + 4 }

// LabelY, BarY are the vertical positions of row i's text and bar.
func (c barChart) LabelY(i int) int { return i*chartRowHeight + 16 }
func (c barChart) BarY(i int) int   { return i*chartRowHeight + 22 }

// WidthAttr is a bar's width as an SVG percentage; a bar for a value above
// zero is never thinner than a sliver, so that it can be seen.
func (b bar) WidthAttr() string {
	w := b.Width
	if w > 0 && w < 0.5 {
		w = 0.5
	}
	return fmt.Sprintf("%.1f%%", w)
}

// Summary says in one line what the chart shows, for screen readers that
// announce the image: its caption and first rows.
func (c barChart) Summary() string {
	var parts []string
	for i, b := range c.Bars {
		if i == 3 {
			parts = append(parts, "and more in the table below")
			break
		}
		text := b.Label + ": " + b.Text
		if b.Marked {
			text += ", one of the two largest"
		}
		parts = append(parts, text)
	}
	if len(parts) == 0 {
		return c.Caption + ": nothing to show."
	}
	return c.Caption + ". " + strings.Join(parts, "; ") + "."
}

// shorten cuts a label to n characters with an ellipsis, for labels that
// would not fit a phone's width; the table gives it in full.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
