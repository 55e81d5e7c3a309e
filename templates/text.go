package templates

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// webAddress finds bare http and https addresses in text.
var webAddress = regexp.MustCompile(`https?://[^\s<>"]+`)

// blankLine separates paragraphs.
var blankLine = regexp.MustCompile(`\n[ \t]*\n\s*`)

// Paragraphs shows text that people typed (a summary, a description, a
// reason) as they wrote it: blank lines separate paragraphs, a single line
// break stays a line break, and bare web addresses become links. Nothing
// typed is taken as HTML: every part is escaped. It is the template
// function "paragraphs", used wherever such text is shown.
func Paragraphs(text string) template.HTML {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for _, para := range blankLine.Split(strings.TrimSpace(text), -1) {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(linkAddresses(strings.TrimSpace(line)))
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// linkAddresses escapes a line and makes its web addresses links; a
// full stop, comma or closing bracket after an address ends the sentence,
// not the address.
func linkAddresses(line string) string {
	var b strings.Builder
	last := 0
	for _, m := range webAddress.FindAllStringIndex(line, -1) {
		start, end := m[0], m[1]
		addr := line[start:end]
		for len(addr) > 0 && strings.ContainsRune(".,;:!?'", rune(addr[len(addr)-1])) ||
			strings.HasSuffix(addr, ")") && strings.Count(addr, "(") < strings.Count(addr, ")") {
			addr = addr[:len(addr)-1]
		}
		b.WriteString(html.EscapeString(line[last:start]))
		if len(addr) > len("https://") {
			b.WriteString(`<a href="` + html.EscapeString(addr) + `" rel="nofollow noopener">` + html.EscapeString(addr) + `</a>`)
		} else {
			b.WriteString(html.EscapeString(addr))
		}
		last = start + len(addr)
	}
	b.WriteString(html.EscapeString(line[last:]))
	return b.String()
}
