package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDoc is the OpenAPI 3 document of every route. It is written by hand
// next to the route table; TestOpenAPICoversEveryRoute fails when a route is
// missing from it.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *server) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDoc)
}
