// Package static embeds the site's stylesheets, scripts and images and
// serves them under content-hashed URLs, so that browsers may cache them
// for a year and still see a new version at once.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
)

//go:embed css img js
var files embed.FS

// Prefix is the URL path static files are served under.
const Prefix = "/static/"

// Asset is one embedded file.
type Asset struct {
	// Name is its path inside the package, e.g. "css/site.css".
	Name string
	// Data is its content.
	Data []byte
	// ContentType is its MIME type.
	ContentType string
	// Hash is the first 10 hex digits of its SHA-256.
	Hash string
}

// served are the kinds of file pages use; anything else in the folders
// (notes such as css/STYLEGUIDE.md) is not served.
var served = map[string]bool{
	".css": true, ".js": true, ".svg": true, ".png": true, ".jpg": true, ".jpeg": true,
	".gif": true, ".webp": true, ".ico": true, ".woff": true, ".woff2": true,
}

// Files is the set of embedded assets, hashed once at start.
type Files struct {
	byName map[string]*Asset
}

// New reads and hashes every embedded file.
func New() (*Files, error) {
	f := &Files{byName: map[string]*Asset{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !served[path.Ext(name)] {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f.byName[name] = &Asset{Name: name, Data: data, ContentType: contentType(name), Hash: hex.EncodeToString(sum[:])[:10]}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return f, nil
}

// URL is the hashed address of the named file: "css/site.css" becomes
// "/static/css/site.3f2a9c1b0d.css". It panics on a name that is not
// embedded, which the template tests catch at once.
func (f *Files) URL(name string) string {
	a, ok := f.byName[name]
	if !ok {
		panic("static: no file " + name)
	}
	ext := path.Ext(name)
	return Prefix + strings.TrimSuffix(name, ext) + "." + a.Hash + ext
}

// Lookup finds the asset for a request path below Prefix. current is false
// when the hash in the path is not the file's present one (an old page
// asking for an older version): the caller serves the file but must not
// let it be cached for long.
func (f *Files) Lookup(requestPath string) (a *Asset, current bool) {
	p := strings.TrimPrefix(requestPath, Prefix)
	ext := path.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 {
		a = f.byName[p]
		return a, false
	}
	a = f.byName[stem[:dot]+ext]
	return a, a != nil && stem[dot+1:] == a.Hash
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
