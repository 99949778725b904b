package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// livez answers 200 while the process serves HTTP at all.
func (s *server) livez(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 when the store answers within two seconds, 503
// otherwise. It needs no key, so it says nothing but the count.
func (s *server) readyz(c *gin.Context) {
	ctx, cancel := withTimeout(c, 2*time.Second)
	defer cancel()
	n, err := s.cfg.Store.CountCandidates(ctx)
	if err != nil {
		s.log.Warn("not ready", "request_id", requestIDOf(c), "error", err.Error())
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "candidates": n})
}
