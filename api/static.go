package api

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
)

// notFoundOrStatic answers every path outside the route table: a JSON 404
// under /api, and otherwise a file of the web UI (index.html for /), which
// needs no key: the page asks for one and sends it with its API calls.
func (s *server) notFoundOrStatic(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || s.cfg.Web == nil || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		s.fail(c, fmt.Errorf("no route %s %s: %w", c.Request.Method, p, engine.ErrNotFound))
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "index.html"
	}
	if st, err := fs.Stat(s.cfg.Web, name); err != nil || st.IsDir() {
		s.fail(c, fmt.Errorf("no file %s: %w", p, engine.ErrNotFound))
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	http.ServeFileFS(c.Writer, c.Request, s.cfg.Web, name)
}

func (s *server) methodNotAllowed(c *gin.Context) {
	c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{
		Error:     errorDetail{Code: "method_not_allowed", Message: fmt.Sprintf("%s is not allowed on %s", c.Request.Method, c.Request.URL.Path)},
		RequestID: requestIDOf(c),
	})
}
