// Package api owns skillmatch's HTTP surface: the Gin router and its one
// route table, the handlers (decode → validate → act → respond), the
// middleware (request ids, JSON access logs, metrics, API-key auth, rate
// limits, body caps), the mapping from engine errors to HTTP statuses, the
// OpenAPI document, and serving the embedded web UI it is given.
//
// Gin types never leave this package: handlers pass c.Request.Context() to
// the store, the document decoder and the engine. api must not import
// database/sql, go-sqlite3 or bleve; it reaches storage only through the
// Store interface below, which *index.Store satisfies.
package api

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// Store is what the API needs from persistent storage. *index.Store
// implements it. Errors wrap the engine sentinels: engine.ErrNotFound for
// unknown ids and keys, engine.ErrInvalid for bad queries, engine.ErrConflict
// for clashes; anything else is an internal error.
type Store interface {
	AddCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error)
	GetCandidate(ctx context.Context, id string) (index.Candidate, error)
	FindByHash(ctx context.Context, sha256hex string) (index.Candidate, error)
	OriginalFile(ctx context.Context, id string) (name string, data []byte, err error)
	DeleteCandidate(ctx context.Context, id string) error
	ForEachCandidate(ctx context.Context, fn func(index.Candidate) error) error
	CountCandidates(ctx context.Context) (int, error)
	Search(ctx context.Context, req index.SearchRequest) (index.SearchResult, error)
	// SearchGeneration changes whenever Search could answer differently.
	SearchGeneration() uint64

	PutRole(ctx context.Context, r role.Role) (role.Role, error)
	GetRole(ctx context.Context, id string) (role.Role, error)
	ListRoles(ctx context.Context) ([]role.Role, error)

	CreateAPIKey(ctx context.Context, role, name string, blind bool) (key string, k index.APIKey, err error)
	Authenticate(ctx context.Context, key string) (index.APIKey, error)
	ListAPIKeys(ctx context.Context) ([]index.APIKey, error)
	DeleteAPIKey(ctx context.Context, id string) error

	Audit(ctx context.Context, e index.AuditEntry) error
	ListAudit(ctx context.Context, limit int) ([]index.AuditEntry, error)
}

// Decoder turns uploaded bytes into document text. *document.Pool
// implements it; errors wrap engine.ErrUnsupportedFormat, ErrUnreadable or
// ErrTooLarge.
type Decoder interface {
	Decode(ctx context.Context, data []byte, filename string) (document.Document, error)
}

// Limits caps what one request may send.
type Limits struct {
	// MaxUpload caps the whole body of an upload request (all files), in
	// bytes. Default 32 MiB.
	MaxUpload int64
	// MaxBody caps every other request body (roles, keys), in bytes.
	// Default 1 MiB.
	MaxBody int64
	// MaxFiles caps the number of files in one upload. Default 100.
	MaxFiles int
}

// RateLimit is a per-key token bucket: PerSecond requests refill the bucket
// of Burst. A zero PerSecond disables limiting.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// DefaultRateLimit is generous enough for a recruiter's browser uploading a
// folder one file per request, and stops a runaway script.
var DefaultRateLimit = RateLimit{PerSecond: 50, Burst: 200}

// Config is everything the API is built from. Store, Decoder and Taxonomy
// are required.
type Config struct {
	Store    Store
	Decoder  Decoder
	Taxonomy *taxonomy.Taxonomy
	// Ranker is the in-memory ranker behind GET /roles/{id}/matches. New
	// warms it from Store.ForEachCandidate and keeps it current on uploads
	// and deletes; anything else that stores candidates in the same Store
	// (batch jobs) must Add them to the same Ranker, with the whole profile
	// (the Ranker keeps the text's header lines for the title check; without
	// them stored candidates would score lower than `rank` scores the same
	// resume: TestSameScoreEverywhere in cmd/skillmatch).
	// Nil: New makes one.
	Ranker    *role.Ranker
	Logger    *slog.Logger // default: discard
	Limits    Limits
	RateLimit RateLimit
	// AsOf is the server's clock: the date "Present" means when parsing
	// uploads, and the date GET /roles/{id}/matches counts experience to,
	// so a current job keeps counting after upload. Default time.Now.
	AsOf func() time.Time
	// Metrics is the registry /metrics serves; the API registers its HTTP
	// metrics on it. Default: a new registry.
	Metrics *prometheus.Registry
	// Web is the static web UI served at / (index.html) and below. Nil: no UI.
	Web fs.FS
	// RankCache is how many recent rankings GET /roles/{id}/matches keeps
	// (an LRU keyed by role id+version, options and the ranker's state; see
	// rankCache). Default 256; negative disables the cache.
	RankCache int
	// Jobs runs the batch jobs behind /api/v1/jobs (issue 7; see
	// jobs_handlers.go). Nil: those routes answer 404.
	Jobs JobRunner
}

// New builds the API handler. It warms the ranker from the store, so it does
// I/O under ctx; an error means the store could not be read.
func New(ctx context.Context, cfg Config) (http.Handler, error) {
	s, err := newServer(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return s.router, nil
}

// server holds the API's dependencies and in-memory state.
type server struct {
	cfg     Config
	log     *slog.Logger
	live    *liveSet
	batch   *batcher
	ranks   *rankCache
	found   searchCache
	roles   roleCache
	limiter *limiter
	metrics *httpMetrics
	router  *gin.Engine
}

func newServer(ctx context.Context, cfg Config) (*server, error) {
	if cfg.Store == nil || cfg.Decoder == nil || cfg.Taxonomy == nil {
		return nil, fmt.Errorf("api: Store, Decoder and Taxonomy are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Limits.MaxUpload <= 0 {
		cfg.Limits.MaxUpload = 32 << 20
	}
	if cfg.Limits.MaxBody <= 0 {
		cfg.Limits.MaxBody = 1 << 20
	}
	if cfg.Limits.MaxFiles <= 0 {
		cfg.Limits.MaxFiles = 100
	}
	if cfg.AsOf == nil {
		cfg.AsOf = time.Now
	}
	if cfg.Metrics == nil {
		cfg.Metrics = prometheus.NewRegistry()
	}
	if cfg.RankCache == 0 {
		cfg.RankCache = 256
	}
	if cfg.Ranker == nil {
		cfg.Ranker = role.NewRanker(cfg.Taxonomy)
	}
	live, err := warm(ctx, cfg.Store, cfg.Ranker)
	if err != nil {
		return nil, err
	}
	m, err := newHTTPMetrics(cfg.Metrics, live)
	if err != nil {
		return nil, err
	}
	batch, err := newBatcher(cfg.Store, cfg.Metrics, cfg.Logger)
	if err != nil {
		return nil, err
	}
	s := &server{
		cfg:     cfg,
		log:     cfg.Logger,
		live:    live,
		batch:   batch,
		ranks:   newRankCache(cfg.RankCache),
		limiter: newLimiter(cfg.RateLimit),
		metrics: m,
	}
	s.router = s.routes()
	if err := s.warnUnknownRoleSkills(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// warnUnknownRoleSkills logs a warning for every stored role naming skills
// the taxonomy does not know — a server restarted without the --taxonomy
// overlay it was started with would otherwise score those requirements 0
// without a word. Role ids and skill names only: no personal data.
func (s *server) warnUnknownRoleSkills(ctx context.Context) error {
	roles, err := s.cfg.Store.ListRoles(ctx)
	if err != nil {
		return fmt.Errorf("check stored roles against the taxonomy: %w", err)
	}
	for _, ro := range roles {
		var unknown []string
		for _, q := range slices.Concat(ro.Required, ro.Plus) {
			for _, name := range q.Skills {
				if _, ok := s.cfg.Taxonomy.Lookup(name); !ok && !slices.Contains(unknown, name) {
					unknown = append(unknown, name)
				}
			}
		}
		if len(unknown) > 0 {
			s.log.Warn("stored role names skills the taxonomy does not know; they match no candidate (was the server started with another --taxonomy?)",
				"role_id", ro.ID, "role_version", ro.Version, "taxonomy_version", s.cfg.Taxonomy.Version, "skills", unknown)
		}
	}
	return nil
}
