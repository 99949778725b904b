// Package jobs owns batch scoring jobs: accepting a job (resume files or a zip
// of them, with caps and untrusted names), persisting it and its items
// through the store before answering, running the items with bounded
// parallelism — decode in the document pool, parse, score against the role,
// store the candidate, commit the item's result; the candidates are indexed
// for search once the job has ended, so its ranking comes first — and
// telling the client when it ends (a signed callback, retried with backoff, owed durably from the
// moment the job ends; callback URLs into the server's own networks are
// refused unless allowed).
//
// A job survives restarts and crashes: every item is committed with its
// result (in batches; see DefaultCommitBatch), Start resumes queued and running jobs, and the store's
// FinishItems counts an item once however often it is finished, so an item
// redone after a kill -9 is neither lost nor counted twice.
//
// jobs uses net/http only as a client, for callbacks, and the Prometheus
// client for its metrics. It must not import gin
// (HTTP handlers live in package api), bleve or database/sql (storage is the
// index package, reached through the Store interface below).
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// Job statuses, as stored and as the API shows them.
const (
	StatusQueued    = "queued"
	StatusRunning   = "running"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
	StatusCanceled  = "canceled"
)

// Item statuses.
const (
	itemPending = "pending"
	itemDone    = "done"
	itemFailed  = "failed"
)

// Store is what the runner needs from persistent storage; *index.Store
// implements it. FinishItems commits a batch of items in one transaction and
// must be idempotent: finishing an item that is no longer pending changes
// nothing.
type Store interface {
	CreateJob(ctx context.Context, job index.Job, inputs []index.JobInput) (index.Job, bool, error)
	GetJob(ctx context.Context, id string) (index.Job, error)
	PendingItems(ctx context.Context, jobID string, limit int) ([]index.JobItem, error)
	FinishItems(ctx context.Context, items []index.JobItem) error
	SetJobStatus(ctx context.Context, id, status, errMsg string) error
	PendingCallbacks(ctx context.Context) ([]index.JobCallback, error)
	RecordCallbackAttempt(ctx context.Context, cb index.JobCallback) error
	UnfinishedJobs(ctx context.Context) ([]index.Job, error)
	JobResults(ctx context.Context, id string) ([]index.JobItem, error)
	Blob(ctx context.Context, hash string) ([]byte, error)
	GetRole(ctx context.Context, id string) (role.Role, error)
	// StoreCandidates commits candidates to SQLite without the search
	// index; IndexPending indexes every candidate so committed (see
	// index.Store). A job's candidates are indexed after its results are
	// committed (see Runner.indexPending).
	StoreCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error)
	IndexPending(ctx context.Context) (int, error)
}

// Decoder turns document bytes into text; *document.Pool implements it,
// decoding PDF and DOCX in a child process. Errors wrap
// engine.ErrUnsupportedFormat, ErrUnreadable or ErrTooLarge.
type Decoder interface {
	Decode(ctx context.Context, data []byte, filename string) (document.Document, error)
}

// Config is what a Runner is built from. Store, Pool and Taxonomy are required.
type Config struct {
	Store    Store
	Pool     Decoder
	Taxonomy *taxonomy.Taxonomy
	Logger   *slog.Logger // default: discard
	// Workers is how many items are decoded and scored at once. Default
	// document.DefaultWorkers; the pool should have at least as many workers.
	Workers int
	// CommitBatch is the most items committed together (one
	// StoreCandidates, one FinishItems). Default DefaultCommitBatch. A
	// crash loses at most one batch of work (redone on the next start);
	// progress (done, failed) advances a batch at a time.
	CommitBatch int
	// HTTPClient sends callbacks. Default: a client with a 30 s timeout.
	// Redirects are never followed: the callback goes to the URL given.
	// Unless AllowPrivateCallbacks, its Transport must be nil or an
	// *http.Transport: a copy of it dials through an address guard and no
	// proxy.
	HTTPClient *http.Client
	// AllowPrivateCallbacks lets callback URLs point at loopback, private,
	// link-local and reserved addresses. Off (the default), such a
	// callback_url is refused when the job is submitted, and every
	// connection a callback makes is checked again when it is dialed, so a
	// name that later resolves inward (DNS rebinding) is refused too.
	AllowPrivateCallbacks bool
	// CallbackSecret is the HMAC-SHA256 key of the X-Skillmatch-Signature
	// header. Empty: callbacks are sent unsigned.
	CallbackSecret []byte
	// CallbackAttempts caps the tries of one callback (default 6);
	// CallbackBackoff is the wait before the second, doubled after each
	// failure (default 1 s, so 1+2+4+8+16 s). Callbacks are durable: owed
	// from the moment a job ends (recorded with its final status), every
	// attempt recorded, and resumed by the next Start with the same body,
	// signature and backoff.
	CallbackAttempts int
	CallbackBackoff  time.Duration
	// AsOf is the date "Present" means when parsing. Default time.Now.
	AsOf func() time.Time
	// Limits caps the files of one job. Zero fields take DefaultLimits.
	Limits Limits
	// OnCandidate, when set, is called after a job stores a candidate (new
	// or existing), e.g. to keep the API's in-memory ranker current.
	OnCandidate func(c index.Candidate)
	// Metrics, when set, gets the runner's Prometheus series
	// (skillmatch_job_*, skillmatch_jobs_*).
	Metrics prometheus.Registerer
}

// Request is a job to create.
type Request struct {
	RoleID string
	// Files are the uploads; a zip archive among them is expanded (see Expand).
	Files       []Upload
	CallbackURL string // optional
	// IdempotencyKey, when set, makes a retried Submit by the same KeyID
	// return the job the first one created.
	IdempotencyKey string
	KeyID          string // the API key that asked
}

// Runner accepts jobs and runs them. Its methods are safe for concurrent use.
type Runner struct {
	cfg    Config
	log    *slog.Logger
	notify notifier
	wake   chan struct{}
	m      *metrics

	mu      sync.Mutex
	started bool
	life    context.Context    // Start's context: callbacks are sent within it
	sending map[string]bool    // jobs whose callback is being delivered
	current string             // id of the job being run, "" when idle
	stopJob context.CancelFunc // cancels the current job's item feed

	// unindexedText is the text of the candidates this runner committed
	// since it last indexed them (committer goroutine only).
	unindexedText int
	wg            sync.WaitGroup // dispatcher and callbacks
}

// NewRunner checks cfg and fills its defaults. Nothing runs until Start.
func NewRunner(cfg Config) (*Runner, error) {
	if cfg.Store == nil || cfg.Pool == nil || cfg.Taxonomy == nil {
		return nil, errors.New("jobs: Store, Pool and Taxonomy are required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.CommitBatch <= 0 {
		cfg.CommitBatch = DefaultCommitBatch
	}
	if cfg.Workers <= 0 {
		cfg.Workers = document.DefaultWorkers
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	client := *cfg.HTTPClient
	client.CheckRedirect = noRedirects
	if !cfg.AllowPrivateCallbacks {
		t, err := guardedTransport(client.Transport)
		if err != nil {
			return nil, err
		}
		client.Transport = t
	}
	if cfg.CallbackAttempts <= 0 {
		cfg.CallbackAttempts = 6
	}
	if cfg.CallbackBackoff <= 0 {
		cfg.CallbackBackoff = time.Second
	}
	if cfg.AsOf == nil {
		cfg.AsOf = time.Now
	}
	cfg.Limits = cfg.Limits.withDefaults()
	m, err := newMetrics(cfg.Metrics)
	if err != nil {
		return nil, fmt.Errorf("jobs: metrics: %w", err)
	}
	return &Runner{
		cfg:     cfg,
		log:     cfg.Logger,
		m:       m,
		notify:  notifier{client: &client, secret: cfg.CallbackSecret, attempts: cfg.CallbackAttempts, backoff: cfg.CallbackBackoff},
		wake:    make(chan struct{}, 1),
		sending: map[string]bool{},
	}, nil
}

// Start runs jobs in the background until ctx is done: first the queued and
// running jobs a previous process left (resumed where they stopped), then
// each new one in submission order, one job at a time with Workers items in
// parallel. When ctx is done the runner stops taking items; items already
// being worked on are finished and committed (an item boundary), the rest
// stay pending for the next Start. Wait blocks until that is over.
func (r *Runner) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started {
		return errors.New("jobs: runner already started")
	}
	r.started = true
	r.life = ctx
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.resumeCallbacks(ctx)
		r.loop(ctx)
	}()
	return nil
}

// Wait blocks until the runner started by Start has stopped, with its
// callbacks delivered, given up, or left pending for the next Start.
func (r *Runner) Wait() { r.wg.Wait() }

// Submit validates and persists a job with its items and originals, and wakes
// the runner. It returns the job and whether it was created; false means the
// IdempotencyKey was used before by the same key, and the job returned is
// that first one.
//
// Errors: no role_id, an unknown role, or a bad callback URL wrap
// engine.ErrInvalid; too many files or bytes wrap engine.ErrTooLarge; a zip
// that cannot be read wraps engine.ErrUnreadable.
func (r *Runner) Submit(ctx context.Context, req Request) (index.Job, bool, error) {
	if strings.TrimSpace(req.RoleID) == "" {
		return index.Job{}, false, fmt.Errorf("role_id is required: %w", engine.ErrInvalid)
	}
	if _, err := r.cfg.Store.GetRole(ctx, req.RoleID); err != nil {
		if errors.Is(err, engine.ErrNotFound) {
			return index.Job{}, false, fmt.Errorf("role_id %q: no such role: %w", req.RoleID, engine.ErrInvalid)
		}
		return index.Job{}, false, err
	}
	if req.CallbackURL != "" {
		if err := CheckCallbackURL(req.CallbackURL); err != nil {
			return index.Job{}, false, err
		}
		if !r.cfg.AllowPrivateCallbacks {
			if err := checkTarget(ctx, net.DefaultResolver, req.CallbackURL); err != nil {
				return index.Job{}, false, err
			}
		}
	}
	if len(req.IdempotencyKey) > 200 {
		return index.Job{}, false, fmt.Errorf("Idempotency-Key longer than 200 characters: %w", engine.ErrInvalid)
	}
	files, err := Expand(req.Files, r.cfg.Limits)
	if err != nil {
		return index.Job{}, false, err
	}
	inputs := make([]index.JobInput, len(files))
	for i, f := range files {
		inputs[i] = index.JobInput{File: f.Name, Data: f.Data}
		if f.Err != nil {
			// Refused before parsing: the item keeps its reason and no
			// original; the worker finishes it as failed.
			inputs[i] = index.JobInput{File: f.Name, Error: encodeItemError(f.Err)}
		}
	}
	job := index.Job{
		RoleID:         req.RoleID,
		Status:         StatusQueued,
		Total:          len(inputs),
		CallbackURL:    req.CallbackURL,
		IdempotencyKey: req.IdempotencyKey,
		KeyID:          req.KeyID,
	}
	job, created, err := r.cfg.Store.CreateJob(ctx, job, inputs)
	if err != nil {
		return index.Job{}, false, err
	}
	if created {
		r.log.Info("job queued", "job", job.ID, "role", job.RoleID, "items", job.Total)
		r.poke()
	}
	return job, created, nil
}

// Limits returns the caps on the files of one job.
func (r *Runner) Limits() Limits { return r.cfg.Limits }

// Get returns a job with its progress. Unknown ids wrap engine.ErrNotFound.
func (r *Runner) Get(ctx context.Context, id string) (index.Job, error) {
	return r.cfg.Store.GetJob(ctx, id)
}

// Cancel stops a queued or running job: no new item is started, items being
// worked on are committed, the rest stay pending and the job is not resumed.
// The callback, if any, is sent with status "canceled". Unknown ids wrap
// engine.ErrNotFound; a job that already ended wraps engine.ErrConflict.
func (r *Runner) Cancel(ctx context.Context, id string) (index.Job, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	job, err := r.cfg.Store.GetJob(ctx, id)
	if err != nil {
		return index.Job{}, err
	}
	if job.Status != StatusQueued && job.Status != StatusRunning {
		return job, fmt.Errorf("job %s already %s: %w", id, job.Status, engine.ErrConflict)
	}
	if err := r.cfg.Store.SetJobStatus(ctx, id, StatusCanceled, "canceled by request"); err != nil {
		return index.Job{}, err
	}
	r.m.ended.WithLabelValues(StatusCanceled).Inc()
	if r.current == id {
		r.stopJob() // the job's runner sends the callback when its workers are done
	} else if job.CallbackURL != "" {
		r.callback(id)
	}
	return r.cfg.Store.GetJob(ctx, id)
}

// poke wakes the dispatcher without blocking.
func (r *Runner) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// loop runs unfinished jobs oldest first until ctx is done.
func (r *Runner) loop(ctx context.Context) {
	retry := time.Second
	for ctx.Err() == nil {
		jobs, err := r.cfg.Store.UnfinishedJobs(ctx)
		if err == nil && len(jobs) > 0 {
			err = r.runJob(ctx, jobs[0])
		}
		if ctx.Err() != nil {
			return
		}
		wait := time.Duration(0)
		switch {
		case err != nil:
			// The store failed; try again later rather than spin.
			r.log.Error("job runner", "error", err.Error(), "retry_in", retry.String())
			wait, retry = retry, min(2*retry, time.Minute)
		case len(jobs) == 0:
			wait, retry = time.Hour, time.Second
		default:
			retry = time.Second
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// runJob works through one job's pending items and sets its final status.
// It returns early, leaving the job running, when ctx is done.
func (r *Runner) runJob(ctx context.Context, job index.Job) error {
	ro, err := r.cfg.Store.GetRole(ctx, job.RoleID)
	if errors.Is(err, engine.ErrNotFound) {
		return r.finish(ctx, job.ID, StatusFailed, fmt.Sprintf("role %s no longer exists", job.RoleID))
	}
	if err != nil {
		return err
	}
	jobCtx, stop := context.WithCancel(ctx)
	defer stop()
	// Claim the job under the lock Cancel takes, so a cancel that came
	// after the job was listed is not overwritten by "running".
	r.mu.Lock()
	fresh, err := r.cfg.Store.GetJob(ctx, job.ID)
	if err == nil && fresh.Status == StatusQueued {
		err = r.cfg.Store.SetJobStatus(ctx, job.ID, StatusRunning, "")
	}
	if err != nil || (fresh.Status != StatusQueued && fresh.Status != StatusRunning) {
		r.mu.Unlock()
		return err
	}
	r.current, r.stopJob = job.ID, stop
	r.mu.Unlock()
	if fresh.Status == StatusQueued {
		r.log.Info("job running", "job", job.ID, "items", fresh.Total)
	} else {
		r.log.Info("job resumed", "job", job.ID, "done", fresh.Done, "failed", fresh.Failed, "items", fresh.Total)
	}
	r.m.running.Set(1)
	defer r.m.running.Set(0)
	defer func() {
		r.mu.Lock()
		r.current, r.stopJob = "", nil
		r.mu.Unlock()
	}()

	for {
		items, err := r.cfg.Store.PendingItems(jobCtx, job.ID, 0) // all: item rows are small, the originals stay on disk
		if err != nil && jobCtx.Err() == nil {
			return err
		}
		if jobCtx.Err() != nil {
			break
		}
		if len(items) == 0 {
			break
		}
		if err := r.runItems(jobCtx, ro, job.ID, items); err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		r.log.Info("job paused at an item boundary", "job", job.ID)
		return nil // the store indexes what is pending when it closes
	}
	if jobCtx.Err() != nil { // canceled: Cancel has set the status
		r.log.Info("job canceled", "job", job.ID)
		r.callback(job.ID)
		r.indexPending(ctx, job.ID)
		return nil
	}
	done, err := r.cfg.Store.GetJob(ctx, job.ID)
	if err != nil {
		return err
	}
	status, msg := StatusSucceeded, ""
	if done.Done == 0 && done.Failed > 0 {
		status, msg = StatusFailed, "no file of the job could be read"
	}
	err = r.finish(ctx, job.ID, status, msg)
	r.indexPending(ctx, job.ID)
	return err
}

// indexPendingText bounds the text of a running job's candidates kept in
// memory for the search index: past it, the committer indexes them before
// going on (so a long job's candidates become searchable in steps).
const indexPendingText = 32 << 20

// indexPending adds the candidates committed so far to the search index
// (index.Store.IndexPending). A job's results come first: its candidates
// are committed to SQLite with its items and indexed once the job has
// ended (or every indexPendingText bytes of text), so the ranking a
// recruiter waits for does not wait for search indexing. Until then they
// are stored but not yet searchable (searches do not wait for them; an
// upload's index batch takes them along), a crash leaves them to the next
// Open's reconciliation, and Close indexes them. A failure is logged: they
// stay pending for the next call.
func (r *Runner) indexPending(ctx context.Context, jobID string) {
	r.unindexedText = 0
	if _, err := r.cfg.Store.IndexPending(ctx); err != nil {
		r.log.Warn("job candidates stored but not indexed yet", "job", jobID, "error", err.Error())
	}
}

// finish sets a job's final status, unless it was canceled meanwhile, and
// sends its callback.
func (r *Runner) finish(ctx context.Context, id, status, msg string) error {
	r.mu.Lock()
	job, err := r.cfg.Store.GetJob(ctx, id)
	if err == nil && job.Status == StatusCanceled {
		status = StatusCanceled // canceled at the last moment; Cancel counted it
	} else if err == nil {
		err = r.cfg.Store.SetJobStatus(ctx, id, status, msg)
		r.m.ended.WithLabelValues(status).Inc()
	}
	r.mu.Unlock()
	if err != nil {
		return err
	}
	r.log.Info("job ended", "job", id, "status", status, "done", job.Done, "failed", job.Failed, "items", job.Total)
	r.callback(id)
	return nil
}

// A batch is committed when it holds Config.CommitBatch items or commitText
// bytes of extracted text, or commitWait after its first item, whichever
// comes first. A crash loses at most that much work, which is redone on the
// next start. Batches are large by default: each is one SQLite transaction
// for its candidates and one for its items (the search index takes the
// job's candidates after it ends, see indexPending); when each batch was
// also an index segment, 256-item batches cost ~10-25% more CPU per
// candidate than 1,024-item ones.
const (
	DefaultCommitBatch = 1024
	commitText         = 32 << 20
	commitWait         = 2 * time.Second
)

// outcome is one worked item on its way to the committer. The original is
// not carried: it is stored already, under the item's hash.
type outcome struct {
	item    index.JobItem
	profile engine.Resume
	match   []byte
	score   float64
	err     error
}

// runItems decodes and scores items on Workers goroutines and commits them
// from one goroutine in batches: the candidates of a batch are stored with
// one StoreCandidates, then its items are finished with one FinishItems. A
// crash between the two leaves the items pending; redoing them finds the
// candidates stored already (same bytes), and an item is finished once.
func (r *Runner) runItems(ctx context.Context, ro role.Role, jobID string, items []index.JobItem) error {
	// Work started on an item is finished even if ctx ends meanwhile: that
	// is what "stops at an item boundary" means.
	work := context.WithoutCancel(ctx)
	feed := make(chan index.JobItem)
	commitBatch := r.cfg.CommitBatch
	results := make(chan outcome, commitBatch) // workers go on while a batch commits
	var workers sync.WaitGroup
	for range r.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for it := range feed {
				if ctx.Err() != nil { // canceled after the item was handed over: leave it pending
					continue
				}
				start := time.Now()
				o := r.work(work, ro, it)
				r.m.item.Observe(since(start))
				results <- o
			}
		}()
	}
	go func() {
		defer close(feed)
		for _, it := range items {
			if ctx.Err() != nil {
				return
			}
			select {
			case feed <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		workers.Wait()
		close(results)
	}()

	var commitErr error
	batch := make([]outcome, 0, commitBatch)
	for open := true; open; {
		o, ok := <-results
		if !ok {
			break
		}
		batch = append(batch[:0], o)
		text := len(o.profile.Text)
		// Gather a batch: one StoreCandidates of many documents costs the
		// index far less (one segment to merge) than many of a few.
		wait := time.NewTimer(commitWait)
	gather:
		for len(batch) < commitBatch && text < commitText {
			select {
			case o, ok := <-results:
				if !ok {
					open = false
					break gather
				}
				batch = append(batch, o)
				text += len(o.profile.Text)
			case <-wait.C:
				break gather
			}
		}
		wait.Stop()
		if commitErr == nil {
			start := time.Now()
			commitErr = r.commit(work, jobID, batch)
			r.m.commit.Observe(since(start))
		}
	}
	return commitErr
}

// work turns one pending item into its outcome. It never fails as a whole:
// a bad document is that item's error, and so is a panic in parsing or
// scoring — otherwise one resume would take the server down, and again on
// every restart as the job resumes.
func (r *Runner) work(ctx context.Context, ro role.Role, it index.JobItem) (o outcome) {
	o = outcome{item: it}
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job item panicked", "job", it.JobID, "item", it.Seq, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			o = outcome{item: it, err: fmt.Errorf("internal error while parsing or scoring this file")}
		}
	}()
	if it.Hash == "" {
		o.err = decodeItemError(it.Error)
		return o
	}
	data, err := r.cfg.Store.Blob(ctx, it.Hash)
	if err != nil {
		o.err = fmt.Errorf("original file of the item is missing: %w", err)
		return o
	}
	doc, err := r.cfg.Pool.Decode(ctx, data, it.File)
	if err != nil {
		o.err = err
		return o
	}
	prof := resume.Parse(doc.Text, r.cfg.Taxonomy, resume.Options{AsOf: r.cfg.AsOf(), Format: doc.Format, File: it.File})
	m := role.Score(prof, ro, r.cfg.Taxonomy)
	match, err := json.Marshal(m)
	if err != nil {
		o.err = fmt.Errorf("encode match: %w", err)
		return o
	}
	o.profile, o.match, o.score = prof, match, m.Score
	return o
}

// commit stores the candidates of a batch and finishes its items.
func (r *Runner) commit(ctx context.Context, jobID string, batch []outcome) error {
	var add []index.NewCandidate
	var idx []int
	for i, o := range batch {
		if o.err == nil {
			add = append(add, index.NewCandidate{File: o.item.File, StoredHash: o.item.Hash, Profile: o.profile})
			idx = append(idx, i)
		}
	}
	var stored []index.AddResult
	if len(add) > 0 {
		var err error
		stored, err = r.cfg.Store.StoreCandidates(ctx, add)
		if err != nil {
			return fmt.Errorf("job %s: store candidates: %w", jobID, err)
		}
		for _, a := range add {
			r.unindexedText += len(a.Profile.Text)
		}
	}
	for k, i := range idx {
		batch[i].item.CandidateID = stored[k].Candidate.ID
		if r.cfg.OnCandidate != nil {
			r.cfg.OnCandidate(stored[k].Candidate)
		}
	}
	finished := make([]index.JobItem, len(batch))
	for i, o := range batch {
		it := o.item
		it.JobID = jobID
		if o.err != nil {
			it.Status, it.Error, it.Result, it.Score = itemFailed, encodeItemError(o.err), nil, 0
		} else {
			it.Status, it.Error, it.Result, it.Score = itemDone, "", o.match, o.score
		}
		finished[i] = it
	}
	if err := r.cfg.Store.FinishItems(ctx, finished); err != nil {
		return fmt.Errorf("job %s: finish %d items: %w", jobID, len(finished), err)
	}
	for _, it := range finished {
		r.m.items.WithLabelValues(it.Status).Inc()
	}
	if r.unindexedText >= indexPendingText {
		r.indexPending(ctx, jobID)
	}
	return nil
}

// callback starts delivering the job's callback, if it has one owed (see
// index.Store.SetJobStatus), in the background.
func (r *Runner) callback(id string) {
	r.mu.Lock()
	ctx := r.life
	r.mu.Unlock()
	if ctx == nil || ctx.Err() != nil {
		return // not running: the next Start resumes it
	}
	job, err := r.cfg.Store.GetJob(ctx, id)
	if err != nil || job.Callback == nil || job.Callback.Status != index.CallbackPending {
		return
	}
	r.deliver(ctx, *job.Callback)
}

// resumeCallbacks restarts the delivery of every callback still owed.
func (r *Runner) resumeCallbacks(ctx context.Context) {
	cbs, err := r.cfg.Store.PendingCallbacks(ctx)
	if err != nil {
		r.log.Error("job callbacks not resumed", "error", err.Error())
		return
	}
	for _, cb := range cbs {
		r.deliver(ctx, cb)
	}
}

// deliver sends cb in the background unless it is being sent already.
func (r *Runner) deliver(ctx context.Context, cb index.JobCallback) {
	r.mu.Lock()
	if r.sending[cb.JobID] {
		r.mu.Unlock()
		return
	}
	r.sending[cb.JobID] = true
	r.wg.Add(1)
	r.mu.Unlock()
	go func() {
		defer r.wg.Done()
		defer func() {
			r.mu.Lock()
			delete(r.sending, cb.JobID)
			r.mu.Unlock()
		}()
		if cb.Body == nil {
			job, err := r.cfg.Store.GetJob(ctx, cb.JobID)
			if err != nil {
				r.log.Warn("job callback not sent", "job", cb.JobID, "error", err.Error())
				return
			}
			cb.Body, _ = json.Marshal(Callback{
				ID: job.ID, Status: job.Status, Total: job.Total, Done: job.Done, Failed: job.Failed,
				Error: job.Error, ResultsURL: "/api/v1/jobs/" + job.ID + "/results",
			})
		}
		record := func(c index.JobCallback) error {
			// Recorded even when shutdown began during the try.
			return r.cfg.Store.RecordCallbackAttempt(context.WithoutCancel(ctx), c)
		}
		err := r.notify.deliver(ctx, &cb, record)
		switch {
		case err != nil && ctx.Err() != nil:
			r.log.Info("job callback paused until the next start", "job", cb.JobID, "tries", cb.Attempts)
		case err != nil:
			r.log.Error("job callback: recording an attempt failed", "job", cb.JobID, "error", err.Error())
		case cb.Status == index.CallbackDelivered:
			r.log.Info("job callback sent", "job", cb.JobID, "tries", cb.Attempts)
		default:
			// The URL is the client's; log the job, not where it points.
			r.log.Warn("job callback failed", "job", cb.JobID, "tries", cb.Attempts, "error", cb.LastError)
		}
	}()
}

// Result is one scored file of a job, best first.
type Result struct {
	File        string
	CandidateID string
	Score       float64
	Rank        int
	// Match is the role.Match JSON of the item.
	Match json.RawMessage
}

// MarshalJSON flattens the match into the result object, next to file,
// candidate_id, score and rank.
func (res Result) MarshalJSON() ([]byte, error) {
	fields := map[string]json.RawMessage{}
	if len(res.Match) > 0 {
		if err := json.Unmarshal(res.Match, &fields); err != nil {
			return nil, err
		}
	}
	for k, v := range map[string]any{"file": res.File, "candidate_id": res.CandidateID, "score": res.Score, "rank": res.Rank} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		fields[k] = b
	}
	return json.Marshal(fields)
}

// ItemError is one file of a job that could not be scored.
type ItemError struct {
	File    string `json:"file"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Results are a job's scored files, best first, and its failed files.
type Results struct {
	Results []Result    `json:"results"`
	Errors  []ItemError `json:"errors"`
}

// Results returns what a job has produced so far: finished items ranked by
// score (ties by file name, then position in the job), and failed items in
// job order. Unknown ids wrap engine.ErrNotFound.
func (r *Runner) Results(ctx context.Context, id string) (Results, error) {
	items, err := r.cfg.Store.JobResults(ctx, id)
	if err != nil {
		return Results{}, err
	}
	out := Results{Results: []Result{}, Errors: []ItemError{}}
	for _, it := range items {
		switch it.Status {
		case itemDone:
			out.Results = append(out.Results, Result{File: it.File, CandidateID: it.CandidateID, Score: it.Score, Match: it.Result})
		case itemFailed:
			code, msg := splitItemError(it.Error)
			out.Errors = append(out.Errors, ItemError{File: it.File, Code: code, Message: msg})
		}
	}
	sort.SliceStable(out.Results, func(i, j int) bool {
		a, b := out.Results[i], out.Results[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.File < b.File
	})
	for i := range out.Results {
		out.Results[i].Rank = i + 1
	}
	return out, nil
}

// Item errors are stored as "code: message" so the results can show a
// stable code: engine.ErrorCode's, or "internal" for the rest.
func encodeItemError(err error) string {
	code := engine.ErrorCode(err)
	if code == "" {
		code = "internal"
	}
	return code + ": " + err.Error()
}

func splitItemError(s string) (code, msg string) {
	code, msg, ok := strings.Cut(s, ": ")
	if !ok {
		return "internal", s
	}
	return code, msg
}

// decodeItemError turns a stored item error back into an error wrapping its
// category, for items refused at submission.
func decodeItemError(s string) error {
	code, msg := splitItemError(s)
	if category := engine.CodeError(code); category != nil {
		return fmt.Errorf("%s%w", strings.TrimSuffix(msg, category.Error()), category)
	}
	return errors.New(msg)
}
