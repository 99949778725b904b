package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// TestMain lets the document pool re-execute this test binary as its worker.
func TestMain(m *testing.M) {
	if document.IsWorker() {
		os.Exit(document.ServeWorker())
	}
	os.Exit(m.Run())
}

const backendRole = `title: Python Backend Developer
required:
  - Python
  - any: [Django, Flask]
  - any: [AWS, Azure, GCP]
plus: [Docker, PostgreSQL]
`

var asOf = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// fixture is a real store in a temp dir, a real document pool, and a stored role.
type fixture struct {
	store  *index.Store
	pool   *document.Pool
	tax    *taxonomy.Taxonomy
	roleID string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	tax := taxonomy.Default()
	st, err := index.Open(ctx, t.TempDir(), index.Options{TaxonomyVersion: tax.Version})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pool, err := document.NewPool(document.PoolOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	ro, err := role.Parse([]byte(backendRole), "role.yaml", tax)
	if err != nil {
		t.Fatal(err)
	}
	ro, err = st.PutRole(ctx, ro)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{store: st, pool: pool, tax: tax, roleID: ro.ID}
}

func (f *fixture) runner(t *testing.T, mod func(*Config)) *Runner {
	t.Helper()
	cfg := Config{Store: f.store, Pool: f.pool, Taxonomy: f.tax, AsOf: func() time.Time { return asOf },
		CallbackBackoff: time.Millisecond, AllowPrivateCallbacks: true} // callbacks go to httptest servers on loopback
	if mod != nil {
		mod(&cfg)
	}
	r, err := NewRunner(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// start runs r until the test ends.
func start(t *testing.T, r *Runner) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); r.Wait() }) }
	t.Cleanup(stop)
	return stop
}

// resumes reads testdata/resumes/*.txt of the repository.
func resumes(t testing.TB) []Upload {
	t.Helper()
	paths, _ := filepath.Glob("../../testdata/resumes/*.txt")
	if len(paths) == 0 {
		t.Fatal("no testdata/resumes/*.txt")
	}
	var out []Upload
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Upload{Name: filepath.Base(p), Data: data})
	}
	return out
}

// waitFor polls the job until cond holds or ten seconds pass.
func waitFor(t *testing.T, r *Runner, id string, what string, cond func(index.Job) bool) index.Job {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		job, err := r.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if cond(job) {
			return job
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s: waited 10s for %s; now %+v", id, what, job)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func ended(j index.Job) bool {
	return j.Status == StatusSucceeded || j.Status == StatusFailed || j.Status == StatusCanceled
}

// counter returns the value of a counter series with the given label.
func counter(t *testing.T, reg *prometheus.Registry, name, label, value string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func TestRunnerScoresAJob(t *testing.T) {
	f := newFixture(t)
	reg := prometheus.NewRegistry()
	r := f.runner(t, func(c *Config) { c.Metrics = reg })
	ctx := context.Background()
	files := resumes(t)
	var senior []byte
	for _, u := range files {
		if u.Name == "python-django-aws-senior.txt" {
			senior = u.Data
		}
	}
	files = append(files,
		Upload{Name: "photo.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		Upload{Name: "bundle.zip", Data: makeZip(t,
			entry{name: "../../escape/python-django-aws-senior.txt", data: senior}, // same bytes as a file above
			entry{name: "inner.zip", data: makeZip(t, entry{name: "x.txt", data: []byte("x")})})},
	)
	job, created, err := r.Submit(ctx, Request{RoleID: f.roleID, Files: files, KeyID: "k1"})
	if err != nil || !created {
		t.Fatalf("Submit = %v, created %v", err, created)
	}
	if job.Status != StatusQueued || job.Total != len(resumes(t))+3 {
		t.Fatalf("submitted job = %+v, want queued with %d items", job, len(resumes(t))+3)
	}
	start(t, r)
	job = waitFor(t, r, job.ID, "the end", ended)
	if job.Status != StatusSucceeded || job.Done != len(resumes(t))+1 || job.Failed != 2 || job.Done+job.Failed != job.Total {
		t.Fatalf("finished job = %+v, want succeeded, %d done, 2 failed", job, len(resumes(t))+1)
	}

	for _, c := range []struct {
		name, label, value string
		want               int
	}{
		{"skillmatch_job_items_total", "outcome", "done", job.Done},
		{"skillmatch_job_items_total", "outcome", "failed", job.Failed},
		{"skillmatch_jobs_ended_total", "status", "succeeded", 1},
	} {
		if got := counter(t, reg, c.name, c.label, c.value); got != float64(c.want) {
			t.Errorf("%s{%s=%q} = %v, want %d", c.name, c.label, c.value, got, c.want)
		}
	}

	res, err := r.Results(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	var files2 []string
	for i, x := range res.Results {
		files2 = append(files2, x.File)
		if x.Rank != i+1 || x.CandidateID == "" || len(x.Match) == 0 {
			t.Errorf("result %d = rank %d, candidate %q, %d bytes of match", i, x.Rank, x.CandidateID, len(x.Match))
		}
		if i > 0 && x.Score > res.Results[i-1].Score {
			t.Errorf("results not best first: %s %.1f after %.1f", x.File, x.Score, res.Results[i-1].Score)
		}
	}
	if got := files2[0]; got != "python-django-aws-senior.txt" {
		t.Errorf("best result = %s, want python-django-aws-senior.txt (ranking %v)", got, files2)
	}
	rank := func(name string) int {
		for i, n := range files2 {
			if n == name {
				return i
			}
		}
		return -1
	}
	if rank("accountant.txt") < rank("junior-django.txt") {
		t.Errorf("accountant ranked above junior-django: %v", files2)
	}
	// The zip entry with the same bytes is the same candidate, not a second one.
	var ids []string
	for _, x := range res.Results {
		if x.File == "python-django-aws-senior.txt" {
			ids = append(ids, x.CandidateID)
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] {
		t.Errorf("the same resume twice got candidates %v, want one id twice", ids)
	}
	if n, _ := f.store.CountCandidates(ctx); n != len(resumes(t)) {
		t.Errorf("store holds %d candidates, want %d", n, len(resumes(t)))
	}
	wantErrs := []ItemError{{File: "photo.png", Code: "unsupported_format"}, {File: "inner.zip", Code: "unsupported_format"}}
	for i := range res.Errors {
		if res.Errors[i].Message == "" {
			t.Errorf("error of %s has no message", res.Errors[i].File)
		}
		res.Errors[i].Message = ""
	}
	if diff := cmp.Diff(wantErrs, res.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	// The flattened JSON carries the match's explanation next to the ids.
	b, _ := json.Marshal(res.Results[0])
	var top map[string]any
	json.Unmarshal(b, &top)
	for _, k := range []string{"file", "candidate_id", "score", "rank", "requirements"} {
		if _, ok := top[k]; !ok {
			t.Errorf("result JSON has no %q: %s", k, b)
		}
	}
}

// TestJobCandidatesSearchable: a job's candidates are committed with its
// results and indexed once it has ended — by then the store's own search
// finds every one of them, with no IndexPending left to anyone else.
func TestJobCandidatesSearchable(t *testing.T) {
	f := newFixture(t)
	r := f.runner(t, nil)
	ctx := context.Background()
	files := resumes(t)
	job, _, err := r.Submit(ctx, Request{RoleID: f.roleID, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	stop := start(t, r)
	job = waitFor(t, r, job.ID, "the end", ended)
	stop() // the runner indexes after setting the status; Wait waits for it
	res, err := f.store.Search(ctx, index.SearchRequest{Limit: 100, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if int(res.Total) != len(files) || job.Done != len(files) {
		t.Fatalf("search finds %d candidates after a job of %d (%d done), want all", res.Total, len(files), job.Done)
	}
	if n, err := f.store.IndexPending(ctx); n != 0 || err != nil {
		t.Errorf("IndexPending after the job = %d, %v; want nothing left", n, err)
	}
}

func TestSubmitRefuses(t *testing.T) {
	f := newFixture(t)
	r := f.runner(t, nil)
	one := []Upload{{Name: "a.txt", Data: []byte("Python developer")}}
	tests := []struct {
		name string
		req  Request
		want error
	}{
		{"no role", Request{Files: one}, engine.ErrInvalid},
		{"unknown role", Request{RoleID: "nope", Files: one}, engine.ErrInvalid},
		{"no files", Request{RoleID: f.roleID}, engine.ErrInvalid},
		{"bad callback", Request{RoleID: f.roleID, Files: one, CallbackURL: "file:///etc/passwd"}, engine.ErrInvalid},
		{"too many files", Request{RoleID: f.roleID, Files: make([]Upload, 6000)}, engine.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := r.Submit(context.Background(), tt.req); !errors.Is(err, tt.want) {
				t.Errorf("Submit = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	r := f.runner(t, nil)
	ctx := context.Background()
	req := Request{RoleID: f.roleID, Files: resumes(t)[:2], IdempotencyKey: "retry-1", KeyID: "k1"}
	first, created, err := r.Submit(ctx, req)
	if err != nil || !created {
		t.Fatalf("first Submit = %v, created %v", err, created)
	}
	again, created, err := r.Submit(ctx, req)
	if err != nil || created || again.ID != first.ID {
		t.Errorf("retried Submit = job %s, created %v, %v; want job %s, not created", again.ID, created, err, first.ID)
	}
	req.KeyID = "k2" // another client may use the same key for its own job
	other, created, err := r.Submit(ctx, req)
	if err != nil || !created || other.ID == first.ID {
		t.Errorf("Submit by another key = job %s, created %v, %v; want a new job", other.ID, created, err)
	}
	req.KeyID, req.IdempotencyKey = "k1", ""
	third, created, err := r.Submit(ctx, req)
	if err != nil || !created || third.ID == first.ID {
		t.Errorf("Submit without a key = job %s, created %v, %v; want a new job", third.ID, created, err)
	}
}

// gate wraps the real pool so a test can hold items inside the worker: each
// Decode waits for a token.
type gate struct {
	Decoder
	tokens  chan struct{}
	entered atomic.Int32
}

func (g *gate) Decode(ctx context.Context, data []byte, name string) (document.Document, error) {
	g.entered.Add(1)
	<-g.tokens
	return g.Decoder.Decode(ctx, data, name)
}

func TestCancel(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	g := &gate{Decoder: f.pool, tokens: make(chan struct{}, 100)}
	r := f.runner(t, func(c *Config) { c.Pool = g; c.Workers = 1 })

	queued, _, err := r.Submit(ctx, Request{RoleID: f.roleID, Files: resumes(t)})
	if err != nil {
		t.Fatal(err)
	}
	running, _, err := r.Submit(ctx, Request{RoleID: f.roleID, Files: resumes(t)})
	if err != nil {
		t.Fatal(err)
	}
	// Cancel the first before the runner starts: it never runs.
	if j, err := r.Cancel(ctx, queued.ID); err != nil || j.Status != StatusCanceled {
		t.Fatalf("Cancel(queued) = %+v, %v", j, err)
	}
	start(t, r)
	g.tokens <- struct{}{} // one item of the second job goes through
	waitFor(t, r, running.ID, "one item done", func(j index.Job) bool { return j.Done == 1 })
	for g.entered.Load() < 2 { // the worker holds the next item
		time.Sleep(time.Millisecond)
	}
	if _, err := r.Cancel(ctx, running.ID); err != nil {
		t.Fatal(err)
	}
	close(g.tokens) // the item in hand is finished, no other is started
	job := waitFor(t, r, running.ID, "canceled and settled", func(j index.Job) bool { return j.Done+j.Failed == 2 })
	time.Sleep(50 * time.Millisecond)
	job, _ = r.Get(ctx, running.ID)
	if job.Status != StatusCanceled || job.Done != 2 {
		t.Errorf("canceled running job = %+v, want canceled with 2 done (the one in hand finished)", job)
	}
	if j, _ := r.Get(ctx, queued.ID); j.Done+j.Failed != 0 {
		t.Errorf("job canceled while queued ran %d items", j.Done+j.Failed)
	}
	if _, err := r.Cancel(ctx, running.ID); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("Cancel twice = %v, want ErrConflict", err)
	}
	if _, err := r.Cancel(ctx, "nope"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("Cancel(unknown) = %v, want ErrNotFound", err)
	}
}

// TestResumeAfterShutdown stops a runner mid-job and starts a new one on the
// same store: the job ends with every item finished exactly once.
func TestResumeAfterShutdown(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	g := &gate{Decoder: f.pool, tokens: make(chan struct{}, 100)}
	first := f.runner(t, func(c *Config) { c.Pool = g })
	files := resumes(t)
	job, _, err := first.Submit(ctx, Request{RoleID: f.roleID, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	stop := start(t, first)
	g.tokens <- struct{}{}
	g.tokens <- struct{}{}
	waitFor(t, first, job.ID, "two items done", func(j index.Job) bool { return j.Done >= 2 })
	go func() { // release whatever the workers hold while stopping
		for range 10 {
			g.tokens <- struct{}{}
		}
	}()
	stop()
	paused, _ := first.Get(ctx, job.ID)
	if paused.Status != StatusRunning || paused.Done+paused.Failed >= paused.Total {
		t.Fatalf("after shutdown job = %+v, want still running with items left", paused)
	}

	second := f.runner(t, nil)
	start(t, second)
	done := waitFor(t, second, job.ID, "the end", ended)
	if done.Status != StatusSucceeded || done.Done != len(files) || done.Failed != 0 {
		t.Fatalf("resumed job = %+v, want succeeded with %d done", done, len(files))
	}
	res, err := second.Results(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, x := range res.Results {
		got = append(got, x.File)
	}
	for _, u := range files {
		want = append(want, u.Name)
	}
	sort.Strings(got)
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results: each file exactly once (-want +got):\n%s", diff)
	}
}

func TestCallback(t *testing.T) {
	f := newFixture(t)
	secret := []byte("shared-secret")
	var calls atomic.Int32
	got := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !Verify(secret, body, r.Header.Get(SignatureHeader)) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if calls.Add(1) < 3 { // the first two tries fail
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		got <- body
	}))
	defer srv.Close()
	r := f.runner(t, func(c *Config) { c.CallbackSecret = secret })
	start(t, r)
	job, _, err := r.Submit(context.Background(), Request{RoleID: f.roleID, Files: resumes(t)[:3], CallbackURL: srv.URL + "/hook"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case body := <-got:
		var cb Callback
		if err := json.Unmarshal(body, &cb); err != nil {
			t.Fatal(err)
		}
		want := Callback{ID: job.ID, Status: StatusSucceeded, Total: 3, Done: 3, ResultsURL: "/api/v1/jobs/" + job.ID + "/results"}
		if diff := cmp.Diff(want, cb); diff != "" {
			t.Errorf("callback body (-want +got):\n%s", diff)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no verified callback after 10s (%d tries)", calls.Load())
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("callback tries = %d, want 3", n)
	}
}

// The default runner refuses callback URLs into the server's own networks
// when the job is submitted.
func TestSubmitRefusesPrivateCallbacks(t *testing.T) {
	f := newFixture(t)
	r := f.runner(t, func(c *Config) { c.AllowPrivateCallbacks = false })
	for _, target := range []string{"http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/"} {
		_, _, err := r.Submit(context.Background(), Request{RoleID: f.roleID, Files: resumes(t)[:1], CallbackURL: target})
		if !errors.Is(err, engine.ErrInvalid) || !errors.Is(err, errBlockedAddress) {
			t.Errorf("Submit with callback %s: err = %v, want a blocked address (ErrInvalid)", target, err)
		}
	}
}

// A callback is owed from the moment its job ends: a process that dies
// before sending it, or while retrying, sends it after the restart — the
// same body with the same signature, its attempts counted across both.
func TestCallbackSurvivesRestart(t *testing.T) {
	f := newFixture(t)
	secret := []byte("shared-secret")
	var up atomic.Bool
	type call struct{ body, sig string }
	calls := make(chan call, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		calls <- call{string(body), r.Header.Get(SignatureHeader)}
		if !up.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	// First process: the job ends, the first try fails, the process stops
	// before the second try.
	first := f.runner(t, func(c *Config) { c.CallbackSecret, c.CallbackBackoff = secret, time.Second })
	stop := start(t, first)
	job, _, err := first.Submit(ctx, Request{RoleID: f.roleID, Files: resumes(t)[:2], CallbackURL: srv.URL + "/hook"})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, first, job.ID, "a first callback attempt", func(j index.Job) bool { return j.Callback != nil && j.Callback.Attempts == 1 })
	stop()
	got, err := f.store.GetJob(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cb := got.Callback; cb.Status != index.CallbackPending || cb.LastStatus != http.StatusServiceUnavailable || cb.LastError == "" || !cb.NextAt.After(cb.UpdatedAt) {
		t.Fatalf("callback after the first process = %+v; want pending, last answer 503, a next attempt due", cb)
	}
	firstCall := <-calls

	// Second process: the receiver is back; the callback is delivered.
	up.Store(true)
	second := f.runner(t, func(c *Config) { c.CallbackSecret = secret })
	start(t, second)
	done := waitFor(t, second, job.ID, "the callback delivered", func(j index.Job) bool {
		return j.Callback != nil && j.Callback.Status == index.CallbackDelivered
	})
	if cb := done.Callback; cb.Attempts != 2 || cb.LastStatus != http.StatusOK || cb.LastError != "" {
		t.Errorf("delivered callback = %+v; want 2 attempts, last answer 200", cb)
	}
	secondCall := <-calls
	if secondCall != firstCall || !Verify(secret, []byte(secondCall.body), secondCall.sig) {
		t.Errorf("retry after restart sent %+v, first try %+v; want the same signed body", secondCall, firstCall)
	}
	var cb Callback
	if err := json.Unmarshal([]byte(secondCall.body), &cb); err != nil || cb.ID != job.ID || cb.Status != StatusSucceeded || cb.Done != 2 {
		t.Errorf("callback body = %+v, %v", cb, err)
	}

	// A job that got its final status from a process that died before
	// sending anything: the next start sends it.
	queued, _, err := second.Submit(ctx, Request{RoleID: f.roleID, Files: resumes(t)[:1], CallbackURL: srv.URL + "/hook2"})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, second, queued.ID, "the end", ended)
	<-calls
	orphan, _, err := f.store.CreateJob(ctx, index.Job{RoleID: f.roleID, CallbackURL: srv.URL + "/orphan"},
		[]index.JobInput{{File: "x.txt", Error: "invalid: refused"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.SetJobStatus(ctx, orphan.ID, StatusFailed, "no file of the job could be read"); err != nil {
		t.Fatal(err)
	}
	third := f.runner(t, nil)
	start(t, third)
	waitFor(t, third, orphan.ID, "the orphan callback delivered", func(j index.Job) bool {
		return j.Callback != nil && j.Callback.Status == index.CallbackDelivered && j.Callback.Attempts == 1
	})
}

func TestItemErrorRoundTrip(t *testing.T) {
	for _, err := range []error{
		fmt.Errorf("zip entry larger than 10 bytes: %w", engine.ErrTooLarge),
		fmt.Errorf("nested zip archives are not accepted: %w", engine.ErrUnsupportedFormat),
	} {
		s := encodeItemError(err)
		back := decodeItemError(s)
		if back.Error() != err.Error() || !errors.Is(back, errors.Unwrap(err)) {
			t.Errorf("decode(encode(%v)) = %v (%q)", err, back, s)
		}
		if code, _ := splitItemError(s); !strings.Contains(s, code+": ") {
			t.Errorf("code %q not at the front of %q", code, s)
		}
	}
}

// TestRedoAfterCrashBeforeFinish covers the window between storing a batch's
// candidates and finishing its items: a process killed there leaves the
// candidates stored and the items pending. The next run redoes the items,
// finds the same candidates, and stores nothing twice.
func TestRedoAfterCrashBeforeFinish(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.runner(t, nil)
	files := resumes(t)[:4]
	job, _, err := r.Submit(ctx, Request{RoleID: f.roleID, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	// What the dead process had committed: the first two candidates, with
	// the profiles it parsed.
	pending, err := f.store.PendingItems(ctx, job.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var early []index.NewCandidate
	for _, it := range pending[:2] {
		o := r.work(ctx, role.Role{}, it)
		if o.err != nil {
			t.Fatal(o.err)
		}
		early = append(early, index.NewCandidate{File: it.File, StoredHash: it.Hash, Profile: o.profile})
	}
	stored, err := f.store.AddCandidates(ctx, early)
	if err != nil {
		t.Fatal(err)
	}

	start(t, r)
	done := waitFor(t, r, job.ID, "the end", ended)
	if done.Status != StatusSucceeded || done.Done != len(files) || done.Failed != 0 {
		t.Fatalf("job = %+v, want succeeded with %d done", done, len(files))
	}
	if n, _ := f.store.CountCandidates(ctx); n != len(files) {
		t.Errorf("store holds %d candidates, want %d", n, len(files))
	}
	res, _ := r.Results(ctx, job.ID)
	byFile := map[string]string{}
	for _, x := range res.Results {
		byFile[x.File] = x.CandidateID
	}
	for i, s := range stored {
		if got := byFile[pending[i].File]; got != s.Candidate.ID {
			t.Errorf("%s: result names candidate %q, want the one stored before the crash %q", pending[i].File, got, s.Candidate.ID)
		}
	}
}
