package api

import (
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes is the route table: every route the server answers, with the
// middleware that guards it. Everything under /api and /metrics needs a key
// (a test walks this table and fails on a route that answers without one);
// health checks and the static web UI do not.
func (s *server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.requestID, s.accessLog, s.observe, s.recoverPanic)

	r.GET("/livez", s.livez)
	r.GET("/readyz", s.readyz)
	// Some load balancers probe with HEAD: the same answer without a body.
	r.HEAD("/livez", s.livez)
	r.HEAD("/readyz", s.readyz)
	r.GET("/metrics", s.authenticate, gin.WrapH(promhttp.HandlerFor(s.cfg.Metrics, promhttp.HandlerOpts{})))

	admin := s.requireRole(roleAdmin)
	// Runtime profiles for operators measuring a live server (admin keys).
	r.GET("/debug/pprof/:name", s.authenticate, admin, s.pprof)

	upload := s.bodyCap(s.cfg.Limits.MaxUpload)
	body := s.bodyCap(s.cfg.Limits.MaxBody)

	v1 := r.Group("/api/v1", s.authenticate, s.rateLimit)
	v1.GET("/openapi.json", s.openAPI)

	// Routes that show a candidate read ?blind= (blindParam) first.
	v1.POST("/candidates", upload, s.blindParam, s.uploadCandidates)
	v1.GET("/candidates", s.blindParam, s.searchCandidates)
	v1.GET("/candidates/:id", s.blindParam, s.getCandidate)
	v1.GET("/candidates/:id/file", s.blindParam, s.downloadOriginal)
	v1.DELETE("/candidates/:id", admin, s.deleteCandidate)

	v1.POST("/roles", body, s.createRole)
	v1.POST("/roles/preview", body, s.previewRole)
	v1.GET("/roles", s.listRoles)
	v1.GET("/roles/:id", s.getRole)
	v1.PUT("/roles/:id", body, s.updateRole)
	v1.GET("/roles/:id/matches", s.blindParam, s.matches)

	v1.GET("/taxonomy/skills", s.suggestSkills)

	v1.POST("/keys", admin, body, s.createKey)
	v1.GET("/keys", admin, s.listKeys)
	v1.DELETE("/keys/:id", admin, s.revokeKey)
	v1.GET("/audit", admin, s.listAudit)

	// Batch jobs (issue 7) register their routes here, under the same auth
	// and rate limit; see jobs_routes.go.
	s.jobRoutes(v1)

	r.NoRoute(s.notFoundOrStatic)
	r.NoMethod(s.methodNotAllowed)
	return r
}
