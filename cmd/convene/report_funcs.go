package main

import (
	"fmt"

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
		"percent": func(r events.Rate) string {
			if r == nil {
				return "not shown (fewer than 5)"
			}
			return fmt.Sprintf("%.0f%%", *r*100)
		},
		"mean": func(r events.Rate) string {
			if r == nil {
				return "not shown (fewer than 5)"
			}
			return fmt.Sprintf("%.1f", *r)
		},
	}
}
