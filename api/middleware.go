package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
)

// Keys of values the middleware leaves on the gin.Context.
const (
	ctxRequestID  = "skillmatch.request_id"
	ctxKey        = "skillmatch.key"
	ctxRetryAfter = "skillmatch.retry_after"
	ctxBlind      = "skillmatch.blind"
)

// Key roles. An admin may do everything; a recruiter everything but creating
// keys, deleting candidates and reading the audit log.
const (
	roleAdmin     = "admin"
	roleRecruiter = "recruiter"
)

// requestID gives every request an id: the caller's X-Request-Id when it is
// short and plain, a random one otherwise. It is echoed in the response
// header, the access log and every error body.
func (s *server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-Id")
	if !plainID(id) {
		var b [12]byte
		rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(ctxRequestID, id)
	c.Header("X-Request-Id", id)
	c.Next()
}

func plainID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func requestIDOf(c *gin.Context) string { return c.GetString(ctxRequestID) }

// routeOf is the route template ("/api/v1/candidates/:id"), never the raw
// path, so logs and metric labels carry no ids and no query text.
func routeOf(c *gin.Context) string {
	if p := c.FullPath(); p != "" {
		return p
	}
	if c.Request.Method == http.MethodGet && !strings.HasPrefix(c.Request.URL.Path, "/api/") {
		return "static"
	}
	return "unmatched"
}

// accessLog writes one JSON line per request: id, method, route template,
// status, latency, sizes and the key id. Never the query string, the body or
// anything else that could carry personal data.
func (s *server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	route := routeOf(c)
	if route == "/livez" || route == "/readyz" || route == "/metrics" {
		level = slog.LevelDebug
	}
	if !s.log.Enabled(c.Request.Context(), level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("request_id", requestIDOf(c)),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.Int("status", c.Writer.Status()),
		slog.Float64("latency_ms", float64(time.Since(start).Microseconds())/1000),
		slog.Int64("bytes_in", max(c.Request.ContentLength, 0)),
		slog.Int("bytes_out", max(c.Writer.Size(), 0)),
	}
	if k, ok := keyOf(c); ok {
		attrs = append(attrs, slog.String("key_id", k.ID))
	}
	s.log.LogAttrs(c.Request.Context(), level, "request", attrs...)
}

// observe records request counts and latencies by route template.
func (s *server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.metrics.observe(c.Request.Method, routeOf(c), c.Writer.Status(), time.Since(start))
}

// recoverPanic turns a handler panic into a logged 500 so one bad request
// cannot take the server down.
func (s *server) recoverPanic(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if r == http.ErrAbortHandler {
				panic(r)
			}
			s.fail(c, fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
		}
	}()
	c.Next()
}

// authenticate requires "Authorization: Bearer KEY" with a known key:
// 401 when it is missing or unknown.
func (s *server) authenticate(c *gin.Context) {
	h := c.GetHeader("Authorization")
	key, ok := strings.CutPrefix(h, "Bearer ")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		s.fail(c, fmt.Errorf("missing API key: send the header \"Authorization: Bearer KEY\": %w", errUnauthorized))
		return
	}
	k, err := s.cfg.Store.Authenticate(c.Request.Context(), key)
	if errors.Is(err, engine.ErrNotFound) {
		s.fail(c, fmt.Errorf("unknown API key: %w", errUnauthorized))
		return
	}
	if err != nil {
		s.fail(c, fmt.Errorf("authenticate: %w", err))
		return
	}
	c.Set(ctxKey, k)
	c.Next()
}

func keyOf(c *gin.Context) (index.APIKey, bool) {
	v, ok := c.Get(ctxKey)
	if !ok {
		return index.APIKey{}, false
	}
	k, ok := v.(index.APIKey)
	return k, ok
}

// requireRole answers 403 unless the authenticated key has the role (admin
// keys pass every check).
func (s *server) requireRole(want string) gin.HandlerFunc {
	return func(c *gin.Context) {
		k, _ := keyOf(c)
		if k.Role != want && k.Role != roleAdmin {
			s.fail(c, fmt.Errorf("this needs an %s key; yours is a %s key: %w", want, k.Role, errForbidden))
			return
		}
		c.Next()
	}
}

// rateLimit answers 429 with Retry-After when the key's bucket is empty.
func (s *server) rateLimit(c *gin.Context) {
	k, _ := keyOf(c)
	if ok, wait := s.limiter.allow(k.ID, time.Now()); !ok {
		secs := int(wait/time.Second) + 1
		c.Set(ctxRetryAfter, fmt.Sprint(secs))
		s.fail(c, fmt.Errorf("too many requests for this key; retry in %d s: %w", secs, errRateLimited))
		return
	}
	c.Next()
}

// bodyCap limits the request body to n bytes; reading past it fails with
// *http.MaxBytesError, which fail maps to 413. A declared Content-Length
// over the cap is refused before reading anything.
func (s *server) bodyCap(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			s.fail(c, fmt.Errorf("request body of %d bytes is over the limit of %d bytes: %w", c.Request.ContentLength, n, engine.ErrTooLarge))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// blindParam reads ?blind= for every API route: a value boolParam does not
// know is refused with 400 rather than read as "not blind", so a typo never
// shows identities the caller asked to hide.
func (s *server) blindParam(c *gin.Context) {
	asked, err := boolParam(c, "blind")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set(ctxBlind, asked)
	c.Next()
}

// blind reports whether the response must hide identities: a blind key
// always does; any key may ask with ?blind=1 (see blindParam).
func blind(c *gin.Context) bool {
	k, _ := keyOf(c)
	return k.Blind || c.GetBool(ctxBlind)
}

// withTimeout is the context for quick checks that must not hang a probe.
func withTimeout(c *gin.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), d)
}
