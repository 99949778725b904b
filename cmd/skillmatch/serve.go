package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/skillmatch/skillmatch/api"
	jobrunner "github.com/skillmatch/skillmatch/api/jobs"
	"github.com/skillmatch/skillmatch/api/web"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// runServe runs the HTTP API and web UI until ctx is cancelled (SIGINT or
// SIGTERM), then drains in-flight requests. On a data folder with no API
// keys it creates a first admin key and prints it once.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	logHandler := slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.level})
	logger := slog.New(logHandler)

	tax, err := loadTaxonomy(cfg.taxFile)
	if err != nil {
		return err
	}
	logger.Info("config", "addr", cfg.addr, "data", cfg.data, "taxonomy", cfg.taxFile, "taxonomy_version", tax.Version,
		"rate_per_key", cfg.rate, "callback_secret", mask(cfg.callbackSecret), "allow_private_callbacks", cfg.allowPrivate, "burst", cfg.burst, "max_upload", cfg.maxUpload, "as_of", cfg.asOf, "log_level", cfg.level.String())

	store, err := openStore(ctx, cfg.data, tax, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	if cfg.reparseStale {
		if err := reparseStale(ctx, store, tax, logger); err != nil {
			return err
		}
	} else {
		warnStaleCandidates(ctx, store, tax, cfg.data, cfg.taxFile, logger)
	}
	pool, err := document.NewPool(document.PoolOptions{})
	if err != nil {
		return fmt.Errorf("start document workers: %w", err)
	}
	defer pool.Close()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	base := "http://" + ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		logger.Warn("listening beyond this machine over plain HTTP: API keys cross the network in clear text; put a TLS proxy in front", "addr", ln.Addr().String())
	}
	if err := firstAdminKey(ctx, store, base, cfg.data, stdout); err != nil {
		return err
	}

	handler, runner, err := newServer(ctx, cfg, store, pool, tax, logger)
	if err != nil {
		return err
	}
	// Jobs resume now and stop at an item boundary on shutdown, after the
	// HTTP server has drained.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	defer func() { stopJobs(); waitJobs(runner, logger) }()
	if err := runner.Start(jobsCtx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "skillmatch: serving %s (web UI %s/ , API %s/api/v1 , health %s/readyz)\n", base, base, base, base)
	logger.Info("listening", "addr", ln.Addr().String())
	return serveHTTP(ctx, ln, handler, logHandler, logger)
}

// serveConfig is serve's configuration, from flags and their SKILLMATCH_*
// environment fallbacks, checked.
type serveConfig struct {
	addr, data, taxFile string
	rate                float64
	burst               int
	maxUpload           int64
	callbackSecret      string
	allowPrivate        bool
	level               slog.Level
	asOf                string           // as given ("" for today)
	clock               func() time.Time // the date asOf stands for
	jobBatch            int
	reparseStale        bool // derive stale candidates again before serving
}

// parseServeFlags reads serve's command line and environment. A mistake is
// a usage error (errUsage, or badFlags for the flag set's own).
func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var cfg serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen `address`; port 0 picks a free one")
	fs.StringVar(&cfg.data, "data", "./data", "data `folder`")
	fs.StringVar(&cfg.taxFile, "taxonomy", "", "extra taxonomy `file` laid over the embedded one")
	fs.Float64Var(&cfg.rate, "rate", api.DefaultRateLimit.PerSecond, "requests per second allowed per API key; 0 turns limiting off")
	fs.IntVar(&cfg.burst, "burst", api.DefaultRateLimit.Burst, "requests a key may send at once before the rate applies")
	fs.Int64Var(&cfg.maxUpload, "max-upload", 32<<20, "largest upload request, in `bytes`")
	fs.StringVar(&cfg.callbackSecret, "callback-secret", "", "HMAC `key` signing job callbacks; empty: unsigned")
	fs.BoolVar(&cfg.allowPrivate, "allow-private-callbacks", false, "let job callback URLs point at loopback, private and link-local addresses")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	fs.BoolVar(&cfg.reparseStale, "reparse-stale", false, "before serving, derive again every stored candidate read with another taxonomy (what `reindex --reparse` does offline)")
	fs.StringVar(&cfg.asOf, "as-of", "", "`date` uploads are parsed with and rankings count experience to, YYYY-MM-DD or YYYY-MM (default: the current date, UTC)")
	fs.IntVar(&cfg.jobBatch, "job-batch", jobrunner.DefaultCommitBatch, "most batch-job items committed (and indexed) together; a crash redoes at most this many, progress advances by up to this many")
	if err := bindEnv(fs, "addr", "data", "taxonomy", "rate", "burst", "max-upload", "callback-secret", "allow-private-callbacks", "log-level", "as-of", "job-batch", "reparse-stale"); err != nil {
		return cfg, err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch serve [--addr 127.0.0.1:8080] [--data ./data] [--taxonomy FILE] [--rate N] [--burst N] [--max-upload BYTES] [--job-batch N] [--callback-secret KEY] [--allow-private-callbacks] [--as-of DATE] [--reparse-stale] [--log-level LEVEL]\n\nHTTP API and web UI; prints a first admin key on a fresh data folder.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, badFlags(err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	if cfg.jobBatch <= 0 {
		return cfg, fmt.Errorf("--job-batch %d: want 1 or more: %w", cfg.jobBatch, errUsage)
	}
	if cfg.rate < 0 || cfg.burst < 0 || cfg.maxUpload <= 0 {
		return cfg, fmt.Errorf("--rate %v, --burst %d, --max-upload %d: want rate and burst of 0 or more and a positive upload limit: %w", cfg.rate, cfg.burst, cfg.maxUpload, errUsage)
	}
	var err error
	if cfg.clock, err = asOfClock(cfg.asOf); err != nil {
		return cfg, err
	}
	if err := cfg.level.UnmarshalText([]byte(*logLevel)); err != nil {
		return cfg, fmt.Errorf("--log-level %q: want debug, info, warn or error: %w", *logLevel, errUsage)
	}
	return cfg, nil
}

// newServer wires the API and the batch job runner over one store, one
// document pool and one ranker: candidates a job stores are ranked by the
// API at once. The runner is not started.
func newServer(ctx context.Context, cfg serveConfig, store *index.Store, pool *document.Pool, tax *taxonomy.Taxonomy, logger *slog.Logger) (http.Handler, *jobrunner.Runner, error) {
	ranker := role.NewRanker(tax)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	runner, err := jobrunner.NewRunner(jobrunner.Config{
		Store:                 store,
		Pool:                  pool,
		Taxonomy:              tax,
		Logger:                logger,
		CallbackSecret:        []byte(cfg.callbackSecret),
		AllowPrivateCallbacks: cfg.allowPrivate,
		CommitBatch:           cfg.jobBatch,
		AsOf:                  cfg.clock,
		OnCandidate:           func(c index.Candidate) { ranker.Add(c.ID, c.Profile) },
		Metrics:               reg,
	})
	if err != nil {
		return nil, nil, err
	}
	handler, err := api.New(ctx, api.Config{
		Store:     store,
		Decoder:   pool,
		Taxonomy:  tax,
		Logger:    logger,
		Limits:    api.Limits{MaxUpload: cfg.maxUpload},
		RateLimit: api.RateLimit{PerSecond: cfg.rate, Burst: cfg.burst},
		Metrics:   reg,
		Web:       web.FS,
		Ranker:    ranker,
		Jobs:      runner,
		AsOf:      cfg.clock,
	})
	if err != nil {
		return nil, nil, err
	}
	return handler, runner, nil
}

// serveHTTP serves handler on ln until ctx ends, then shuts down
// gracefully: in-flight requests get 20 s to finish.
func serveHTTP(ctx context.Context, ln net.Listener, handler http.Handler, logHandler slog.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large uploads on slow links
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logHandler, slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// firstAdminKey creates and prints an admin key when the store has none, so
// a fresh install can be used at once. The key is printed here only; the
// store keeps its hash.
func firstAdminKey(ctx context.Context, store *index.Store, base, dir string, stdout io.Writer) error {
	n, err := store.CountAPIKeys(ctx)
	if err != nil || n > 0 {
		return err
	}
	key, _, err := store.CreateAPIKey(ctx, "admin", "first admin key", false)
	if err != nil {
		return fmt.Errorf("create first admin key: %w", err)
	}
	fmt.Fprintf(stdout, `skillmatch: this data folder had no API keys; created an admin key.
It is shown only this once (only its hash is stored) — keep it somewhere safe:

    %s

Sign in to the web UI at %s/ with it, or call the API:
    curl -H "Authorization: Bearer %s" %s/api/v1/candidates
More keys, while the server runs (role recruiter or admin):
    curl -H "Authorization: Bearer %s" -H 'Content-Type: application/json' -d '{"role": "recruiter", "name": "NAME"}' %s/api/v1/keys
or with the server stopped: skillmatch apikey create --data %s --role recruiter --name NAME

`, key, base, key, base, key, base, shellQuote(dir))
	return nil
}

// openStore opens the data folder with the taxonomy's version and skill
// resolver, as every command that touches stored data does.
func openStore(ctx context.Context, dir string, tax *taxonomy.Taxonomy, logger *slog.Logger) (*index.Store, error) {
	return index.Open(ctx, dir, index.Options{
		Logger:          logger,
		TaxonomyVersion: tax.Version,
		ResolveSkill: func(name string) (string, bool) {
			sk, ok := tax.Lookup(name)
			return sk.ID, ok
		},
	})
}

// warnStaleCandidates logs one warning when stored candidates were read with
// a taxonomy other than tax (or before versions were recorded): their
// profiles lack what the current taxonomy would find until a reparse. Only
// the count, the version and the command to run (data folder and taxonomy
// file) are logged; a count that cannot be read is logged and the server
// starts anyway.
func warnStaleCandidates(ctx context.Context, store *index.Store, tax *taxonomy.Taxonomy, dir, taxFile string, logger *slog.Logger) {
	n, err := store.StaleCandidates(ctx)
	if err != nil {
		logger.Warn("cannot count candidates read with another taxonomy", "err", err)
		return
	}
	if n == 0 {
		return
	}
	cmd := "skillmatch reindex --reparse --data " + shellQuote(dir)
	if taxFile != "" { // the reparse must read with the same taxonomy
		cmd += " --taxonomy " + shellQuote(taxFile)
	}
	logger.Warn(fmt.Sprintf("%d stored candidates were read with another taxonomy (current %s); run `%s` with the server stopped, or start serve with --reparse-stale", n, tax.Version, cmd),
		"stale_candidates", n, "taxonomy_version", tax.Version)
}

// reparseStale derives every stored profile again with tax, as `reindex
// --reparse` does, when some were read with another taxonomy; before the
// server listens, so that it serves and ranks the new profiles only. Counts
// and times are logged, never a profile.
func reparseStale(ctx context.Context, store *index.Store, tax *taxonomy.Taxonomy, logger *slog.Logger) error {
	n, err := store.StaleCandidates(ctx)
	if err != nil || n == 0 {
		return err
	}
	logger.Info("reparsing stored candidates read with another taxonomy", "stale_candidates", n, "taxonomy_version", tax.Version)
	start := time.Now()
	last := start
	st, err := store.Reparse(ctx, deriveWith(tax), func(done, total int) {
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			logger.Info("reparse", "done", done, "total", total)
		}
	})
	if err != nil {
		return fmt.Errorf("reparse stale candidates: %w", err)
	}
	logger.Info("reparsed", "candidates", st.Candidates, "changed", st.Changed, "skills_changed", st.SkillsChanged,
		"skills_added", st.SkillsAdded, "skills_removed", st.SkillsRemoved, "index_rebuilt", st.Rebuilt, "took", time.Since(start).Round(time.Millisecond).String())
	return nil
}

// waitJobs waits for the job runner to stop after the context ends, at most
// 30 s (a callback still being retried stays owed: the next start resumes it).
func waitJobs(r *jobrunner.Runner, logger *slog.Logger) {
	done := make(chan struct{})
	go func() { r.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		logger.Warn("job runner did not stop within 30 s")
	}
}

// shellQuote quotes s for a shell command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// mask shows that a secret is set without showing it.
func mask(secret string) string {
	if secret == "" {
		return ""
	}
	return "***"
}
