package pages

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/convene/convene/events"
)

// Charts of the report pages, drawn on the server as SVG. Each has a
// title and description for screen readers and a table beside it on the
// page with the same figures; nothing is told by colour alone (bars carry
// their numbers or words, lines differ in dash and marker). Hidden
// figures are drawn as words, never as bars.

const chartFont = `font-family="inherit" font-size="18"`

func svgOpen(b *strings.Builder, w, h int, title, desc string) {
	id := fmt.Sprintf("c%x", len(title)*7919+len(desc)*104729+w*31+h)
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`, w, h, id, id)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, template.HTMLEscapeString(title), id, template.HTMLEscapeString(desc))
}

// distributionChart draws how responses spread over a 1–5 scale as
// horizontal bars, each labelled with its count or why it is hidden.
func distributionChart(title, low, high string, d events.Distribution) template.HTML {
	max := 1
	for _, f := range d.Counts {
		if f.Show() && f.Value > max {
			max = f.Value
		}
	}
	var desc []string
	for i, f := range d.Counts {
		desc = append(desc, fmt.Sprintf("%d: %s", i+1, f.String()))
	}
	const w, left, barW, rowH = 440, 150, 230, 34
	h := rowH*5 + 10
	var b strings.Builder
	svgOpen(&b, w, h, title, strings.Join(desc, "; "))
	for i, f := range d.Counts {
		y := 5 + i*rowH
		label := fmt.Sprint(i + 1)
		if i == 0 {
			label = "1 " + low
		} else if i == 4 {
			label = "5 " + high
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" %s>%s</text>`, left-10, y+21, chartFont, template.HTMLEscapeString(label))
		if !f.Show() {
			fmt.Fprintf(&b, `<text x="%d" y="%d" %s font-style="italic">%s</text>`, left, y+21, chartFont, f.String())
			continue
		}
		bw := f.Value * barW / max
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="24" fill="#1d70b8"/>`, left, y+4, bw)
		fmt.Fprintf(&b, `<text x="%d" y="%d" %s>%d</text>`, left+bw+8, y+21, chartFont, f.Value)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// trendChart draws the mean usefulness and networking value of each event
// (or hub) over time on the 1–5 scale; a mean not shown leaves a gap.
func trendChart(rows []events.ReportRow, loc *time.Location) template.HTML {
	const w, h, left, right, top, bottom = 480, 320, 30, 20, 20, 90
	n := len(rows)
	x := func(i int) float64 {
		if n <= 1 {
			return float64(left+w-right) / 2
		}
		return float64(left) + float64(i)*float64(w-left-right)/float64(n-1)
	}
	y := func(v float64) float64 { return float64(top) + (5-v)*float64(h-top-bottom)/4 }
	shown := 0
	for _, r := range rows {
		if r.MeanUsefulness != nil {
			shown++
		}
	}
	var b strings.Builder
	svgOpen(&b, w, h, "Mean usefulness and networking value over time",
		fmt.Sprintf("%d events; %d with enough responses to show a mean. The table below gives each value.", n, shown))
	for v := 1; v <= 5; v++ {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#b1b4b6"/><text x="%d" y="%.1f" text-anchor="end" %s>%d</text>`,
			left, w-right, y(float64(v)), y(float64(v)), left-8, y(float64(v))+5, chartFont, v)
	}
	series := []struct {
		pick   func(events.ReportRow) events.Rate
		dash   string
		marker string
		colour string
	}{
		{func(r events.ReportRow) events.Rate { return r.MeanUsefulness }, "", "circle", "#1d70b8"},
		{func(r events.ReportRow) events.Rate { return r.MeanNetworking }, "6 4", "square", "#d4351c"},
	}
	for _, s := range series {
		var path strings.Builder
		pen := "M"
		for i, r := range rows {
			v := s.pick(r)
			if v == nil {
				pen = "M"
				continue
			}
			fmt.Fprintf(&path, "%s%.1f %.1f ", pen, x(i), y(*v))
			pen = "L"
			if s.marker == "circle" {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>`, x(i), y(*v), s.colour)
			} else {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="9" height="9" fill="%s"/>`, x(i)-4.5, y(*v)-4.5, s.colour)
			}
		}
		if path.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="%s"/>`, path.String(), s.colour, s.dash)
		}
	}
	if n > 0 {
		first, last := rows[0], rows[n-1]
		fmt.Fprintf(&b, `<text x="%d" y="%d" %s>%s</text>`, left, h-bottom+22, chartFont, template.HTMLEscapeString(rowLabel(first, loc)))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" %s>%s</text>`, w-right, h-bottom+22, chartFont, template.HTMLEscapeString(rowLabel(last, loc)))
	}
	// Legend: the line's dash and marker say which is which.
	fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="5" fill="#1d70b8"/><text x="%d" y="%d" %s>Usefulness (solid line, circles)</text>`, left+6, h-40, left+16, h-34, chartFont)
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="9" height="9" fill="#d4351c"/><text x="%d" y="%d" %s>Networking value (dashed, squares)</text>`, left+2, h-14, left+16, h-6, chartFont)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func rowLabel(r events.ReportRow, loc *time.Location) string {
	if r.StartsAt.IsZero() {
		return r.Label
	}
	return r.StartsAt.In(loc).Format("2 Jan 2006")
}

// attendanceChart draws, for each event (or hub), registrations and
// attendance as a pair of bars: registrations outlined, attendance solid,
// each with its number, or the words when hidden.
func attendanceChart(rows []events.ReportRow, loc *time.Location) template.HTML {
	const w, rowH, top = 480, 70, 64
	most, shown := 1, 0
	for _, r := range rows {
		for _, f := range []events.Figure{r.Registered, r.Attended} {
			if f.Show() {
				shown++
			}
			if f.Show() && f.Value > most {
				most = f.Value
			}
		}
	}
	if shown == 0 {
		return template.HTML(`<p>Every figure here is hidden to protect the people counted; the totals above and the table below say why.</p>`)
	}
	h := rowH*len(rows) + top
	var b strings.Builder
	svgOpen(&b, w, h, "Registrations and attendance", fmt.Sprintf("%d rows; the table below gives each value.", len(rows)))
	fmt.Fprintf(&b, `<rect x="2" y="6" width="14" height="14" fill="#fff" stroke="#0b0c0c" stroke-width="2"/><text x="24" y="19" %s>Registered (outlined bar)</text>`, chartFont)
	fmt.Fprintf(&b, `<rect x="2" y="32" width="14" height="14" fill="#0b0c0c"/><text x="24" y="45" %s>Attended (solid bar)</text>`, chartFont)
	barMax := w - 70
	for i, r := range rows {
		y := top + i*rowH
		label := r.Label
		if !r.StartsAt.IsZero() {
			label = rowLabel(r, loc) + ": " + r.Label
		}
		fmt.Fprintf(&b, `<text x="0" y="%d" %s font-weight="700">%s</text>`, y+14, chartFont, template.HTMLEscapeString(label))
		for j, f := range []events.Figure{r.Registered, r.Attended} {
			by := y + 22 + j*20
			if !f.Show() {
				fmt.Fprintf(&b, `<text x="2" y="%d" %s font-style="italic">%s</text>`, by+14, chartFont, f.String())
				continue
			}
			bw := max(f.Value*barMax/most, 1)
			if j == 0 {
				fmt.Fprintf(&b, `<rect x="1" y="%d" width="%d" height="16" fill="#fff" stroke="#0b0c0c" stroke-width="2"/>`, by, bw)
			} else {
				fmt.Fprintf(&b, `<rect x="1" y="%d" width="%d" height="16" fill="#0b0c0c"/>`, by, bw)
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" %s>%d</text>`, bw+8, by+14, chartFont, f.Value)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
