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
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`; port 0 picks a free one")
	data := fs.String("data", "./data", "data `folder`")
	taxFile := fs.String("taxonomy", "", "extra taxonomy `file` laid over the embedded one")
	rate := fs.Float64("rate", api.DefaultRateLimit.PerSecond, "requests per second allowed per API key; 0 turns limiting off")
	burst := fs.Int("burst", api.DefaultRateLimit.Burst, "requests a key may send at once before the rate applies")
	maxUpload := fs.Int64("max-upload", 32<<20, "largest upload request, in `bytes`")
	callbackSecret := fs.String("callback-secret", "", "HMAC `key` signing job callbacks; empty: unsigned")
	allowPrivate := fs.Bool("allow-private-callbacks", false, "let job callback URLs point at loopback, private and link-local addresses")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	asOfFlag := fs.String("as-of", "", "`date` uploads are parsed with and rankings count experience to, YYYY-MM-DD or YYYY-MM (default: the current date, UTC)")
	jobBatch := fs.Int("job-batch", jobrunner.DefaultCommitBatch, "most batch-job items committed (and indexed) together; a crash redoes at most this many, progress advances by up to this many")
	if err := bindEnv(fs, "addr", "data", "taxonomy", "rate", "burst", "max-upload", "callback-secret", "allow-private-callbacks", "log-level", "as-of", "job-batch"); err != nil {
		return err
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: skillmatch serve [--addr 127.0.0.1:8080] [--data ./data] [--taxonomy FILE] [--rate N] [--burst N] [--max-upload BYTES] [--job-batch N] [--callback-secret KEY] [--allow-private-callbacks] [--as-of DATE] [--log-level LEVEL]\n\nHTTP API and web UI; prints a first admin key on a fresh data folder.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return badFlags(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	if *jobBatch <= 0 {
		return fmt.Errorf("--job-batch %d: want 1 or more: %w", *jobBatch, errUsage)
	}
	if *rate < 0 || *burst < 0 || *maxUpload <= 0 {
		return fmt.Errorf("--rate %v, --burst %d, --max-upload %d: want rate and burst of 0 or more and a positive upload limit: %w", *rate, *burst, *maxUpload, errUsage)
	}
	clock, err := asOfClock(*asOfFlag)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level %q: %w", *logLevel, errUsage)
	}
	logHandler := slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})
	logger := slog.New(logHandler)

	tax, err := loadTaxonomy(*taxFile)
	if err != nil {
		return err
	}
	logger.Info("config", "addr", *addr, "data", *data, "taxonomy", *taxFile, "taxonomy_version", tax.Version,
		"rate_per_key", *rate, "callback_secret", mask(*callbackSecret), "allow_private_callbacks", *allowPrivate, "burst", *burst, "max_upload", *maxUpload, "as_of", *asOfFlag, "log_level", level.String())

	store, err := openStore(ctx, *data, tax, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	pool, err := document.NewPool(document.PoolOptions{})
	if err != nil {
		return fmt.Errorf("start document workers: %w", err)
	}
	defer pool.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	base := "http://" + ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		logger.Warn("listening beyond this machine over plain HTTP: API keys cross the network in clear text; put a TLS proxy in front", "addr", ln.Addr().String())
	}
	if err := firstAdminKey(ctx, store, base, *data, stdout); err != nil {
		return err
	}

	// One ranker for the API's matches and the batch jobs: candidates a job
	// stores are ranked by the API at once.
	ranker := role.NewRanker(tax)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	runner, err := jobrunner.NewRunner(jobrunner.Config{
		Store:                 store,
		Pool:                  pool,
		Taxonomy:              tax,
		Logger:                logger,
		CallbackSecret:        []byte(*callbackSecret),
		AllowPrivateCallbacks: *allowPrivate,
		CommitBatch:           *jobBatch,
		AsOf:                  clock,
		OnCandidate:           func(c index.Candidate) { ranker.Add(c.ID, c.Profile) },
		Metrics:               reg,
	})
	if err != nil {
		return err
	}

	handler, err := api.New(ctx, api.Config{
		Store:     store,
		Decoder:   pool,
		Taxonomy:  tax,
		Logger:    logger,
		Limits:    api.Limits{MaxUpload: *maxUpload},
		RateLimit: api.RateLimit{PerSecond: *rate, Burst: *burst},
		Metrics:   reg,
		Web:       web.FS,
		Ranker:    ranker,
		Jobs:      runner,
		AsOf:      clock,
	})
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
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large uploads on slow links
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logHandler, slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "skillmatch: serving %s (web UI %s/ , API %s/api/v1 , health %s/readyz)\n", base, base, base, base)
	logger.Info("listening", "addr", ln.Addr().String())

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
