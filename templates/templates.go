// Package templates holds the site's pages as html/template files, embedded
// in the binary and parsed once at start.
//
// layout.html is the frame of every page; files named _*.html hold shared
// pieces (form fields, the error summary); every other file is a page that
// defines "title" and "content".
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
)

//go:embed *.html
var files embed.FS

// Renderer renders pages by name.
type Renderer struct {
	pages map[string]*template.Template
}

// New parses every page with the layout and shared pieces, using funcs in
// the templates, and fails if any page in required is missing.
func New(funcs template.FuncMap, required ...string) (*Renderer, error) {
	shared, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "layout.html", "_*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(files, "*.html")
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	for _, file := range names {
		if file == "layout.html" || strings.HasPrefix(file, "_") {
			continue
		}
		t, err := template.Must(shared.Clone()).ParseFS(files, file)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", file, err)
		}
		r.pages[strings.TrimSuffix(file, path.Ext(file))] = t
	}
	for _, name := range required {
		if _, ok := r.pages[name]; !ok {
			return nil, fmt.Errorf("templates: page %q is missing (templates/%s.html)", name, name)
		}
	}
	return r, nil
}

// Render writes the named page. It renders into a buffer first so that a
// template error never sends half a page.
func (r *Renderer) Render(w io.Writer, name string, data any) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("templates: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Pages lists the names of the parsed pages.
func (r *Renderer) Pages() []string {
	names := make([]string, 0, len(r.pages))
	for name := range r.pages {
		names = append(names, name)
	}
	return names
}
