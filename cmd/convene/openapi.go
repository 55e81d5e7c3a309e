package main

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openapiDoc is the OpenAPI 3 description of /api/v1, kept in step with
// the routes by TestOpenAPIMatchesRoutes.
//
//go:embed openapi.json
var openapiDoc []byte

// openAPI serves the API's description.
func (s *server) openAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", openapiDoc)
}
