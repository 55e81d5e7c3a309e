package pages

import (
	"fmt"
	"html/template"

	"github.com/convene/convene/events"
)

// reportFuncs format a report's rates and means for pages: a figure that
// is not shown says so in words.
func reportFuncs() map[string]any {
	return map[string]any{
		"closes": closingText,
		// dict passes several named values to a shared template.
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"percent": func(r events.Rate) template.HTML {
			if r == nil {
				return notShown
			}
			return template.HTML(fmt.Sprintf("%.0f%%", *r*100))
		},
		"mean": func(r events.Rate) template.HTML {
			if r == nil {
				return notShown
			}
			return template.HTML(fmt.Sprintf("%.1f", *r))
		},
		// fig is a count as published: the number, or in words why not.
		"fig": func(f events.Figure) template.HTML {
			if f.Show() {
				return template.HTML(fmt.Sprint(f.Value))
			}
			return template.HTML(`<span class="figure-words">` + f.String() + `</span>`)
		},
	}
}

// notShown stands for a rate or mean over fewer than 5 people.
const notShown = template.HTML(`<span class="figure-words">not shown: fewer than 5</span>`)
