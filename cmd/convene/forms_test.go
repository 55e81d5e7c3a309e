package main

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// MustForm reads the values a browser would submit from the form whose
// action is action: text inputs, checked boxes and radios, selected
// options and textareas.
func MustForm(tb testing.TB, page, action string) url.Values {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	var form *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "form" && attr(n, "action") == action {
			form = n
			break
		}
	}
	if form == nil {
		tb.Fatalf("no form with action %q on the page", action)
	}
	values := url.Values{}
	for n := range form.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		name := attr(n, "name")
		if name == "" {
			continue
		}
		switch n.Data {
		case "input":
			switch attr(n, "type") {
			case "checkbox", "radio":
				if hasAttr(n, "checked") {
					values.Add(name, attr(n, "value"))
				}
			default:
				values.Add(name, attr(n, "value"))
			}
		case "textarea":
			var text strings.Builder
			for c := range n.Descendants() {
				if c.Type == html.TextNode {
					text.WriteString(c.Data)
				}
			}
			values.Add(name, text.String())
		case "select":
			for o := range n.Descendants() {
				if o.Type == html.ElementNode && o.Data == "option" && hasAttr(o, "selected") {
					values.Add(name, attr(o, "value"))
				}
			}
		}
	}
	return values
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// decodeFlash reads a confirmation cookie's value.
func decodeFlash(v string) string {
	b, _ := base64.RawURLEncoding.DecodeString(v)
	return string(b)
}
