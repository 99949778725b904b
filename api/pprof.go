package api

import (
	"net/http/pprof"

	"github.com/gin-gonic/gin"
)

// pprof serves the Go runtime's profiles (net/http/pprof) under
// /debug/pprof/NAME for an admin key: "profile" is a CPU profile of the
// next ?seconds=N (default 30), "trace" an execution trace, "cmdline" and
// "symbol" what go tool pprof asks for, and any other name a runtime
// profile (heap, allocs, goroutine, mutex, block, threadcreate; 404 for an
// unknown one). Profiles hold no request data, only code locations and
// sizes — but the command line may hold flags, hence admin only.
func (s *server) pprof(c *gin.Context) {
	switch name := c.Param("name"); name {
	case "profile":
		pprof.Profile(c.Writer, c.Request)
	case "trace":
		pprof.Trace(c.Writer, c.Request)
	case "cmdline":
		pprof.Cmdline(c.Writer, c.Request)
	case "symbol":
		pprof.Symbol(c.Writer, c.Request)
	default:
		pprof.Handler(name).ServeHTTP(c.Writer, c.Request)
	}
}
