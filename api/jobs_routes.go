package api

import "github.com/gin-gonic/gin"

// jobRoutes registers the batch-job routes of issue 7 under /api/v1, behind
// the same auth and rate limit as the rest; handlers are in jobs_handlers.go.
func (s *server) jobRoutes(v1 *gin.RouterGroup) {
	v1.POST("/jobs", s.jobBodyCap, s.createJob)
	v1.GET("/jobs/:id", s.getJob)
	v1.GET("/jobs/:id/results", s.jobResults)
	v1.POST("/jobs/:id/cancel", s.cancelJob)
}
