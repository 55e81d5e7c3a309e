package api

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// OpenAPIDocument is the OpenAPI 3 description of /api/v1, kept in step with
// the routes by TestOpenAPIMatchesRoutes.
//
//go:embed openapi.json
var OpenAPIDocument []byte

// OpenAPI serves the API's description.
func (s *Handler) OpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", OpenAPIDocument)
}
