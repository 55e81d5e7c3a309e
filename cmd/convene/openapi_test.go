package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/cmd/convene/web"
)

// loadOpenAPI parses the embedded document.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIDocument)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	return doc
}

// TestOpenAPIDocumentIsValid checks openapi.json against the OpenAPI 3
// specification, that every operation says what it is and who may call it,
// and that the file keeps its two-space layout.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := loadOpenAPI(t)
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			name := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", name)
			}
			if op.Summary == "" || op.Description == "" {
				t.Errorf("%s needs a summary and a description saying who may call it", name)
			}
		}
	}

	var compact, tidy bytes.Buffer
	if err := json.Compact(&compact, api.OpenAPIDocument); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&tidy, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	tidy.WriteByte('\n')
	if !bytes.Equal(tidy.Bytes(), api.OpenAPIDocument) {
		t.Error("openapi.json is not laid out with a two-space indent and a final newline")
	}
}

// routeParam matches an Echo path parameter such as :slug.
var routeParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// TestOpenAPIMatchesRoutes checks that every /api/v1 route is documented
// and that every documented operation is a registered route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	routed := map[string]bool{}
	for _, r := range routes(&web.Server{}) {
		if r.path == "/api/v1" || strings.HasPrefix(r.path, "/api/v1/") {
			routed[r.method+" "+routeParam.ReplaceAllString(r.path, "{$1}")] = true
		}
	}
	if len(routed) == 0 {
		t.Fatal("no /api/v1 routes are registered")
	}

	documented := map[string]bool{}
	doc := loadOpenAPI(t)
	for _, path := range doc.Paths.InMatchingOrder() {
		for method := range doc.Paths.Value(path).Operations() {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}

	if missing := minus(routed, documented); len(missing) > 0 {
		t.Errorf("routes not documented in openapi.json:\n\t%s", strings.Join(missing, "\n\t"))
	}
	if extra := minus(documented, routed); len(extra) > 0 {
		t.Errorf("operations in openapi.json with no registered route:\n\t%s", strings.Join(extra, "\n\t"))
	}
}

// minus lists the keys of a that are not in b, sorted.
func minus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
