package index

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

func newJob(t *testing.T, s *Store, idem string, files ...string) Job {
	t.Helper()
	var inputs []JobInput
	for _, f := range files {
		inputs = append(inputs, JobInput{File: f, Data: []byte("resume " + f)})
	}
	j, created, err := s.CreateJob(context.Background(), Job{RoleID: "role-1", KeyID: "key-1", IdempotencyKey: idem}, inputs)
	if err != nil || !created {
		t.Fatalf("CreateJob = created %v, %v", created, err)
	}
	return j
}

func TestJobs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	j := newJob(t, s, "idem-1", "a.pdf", "b.pdf", "c.pdf")
	if j.Status != JobQueued || j.Total != 3 || j.Done != 0 {
		t.Errorf("new job = %+v", j)
	}

	// A retried creation with the same idempotency key returns the same job.
	same, created, err := s.CreateJob(ctx, Job{RoleID: "role-1", KeyID: "key-1", IdempotencyKey: "idem-1"},
		[]JobInput{{File: "x", Data: []byte("x")}})
	if err != nil || created || same.ID != j.ID {
		t.Errorf("retried CreateJob = %s, created %v, %v; want existing %s", same.ID, created, err, j.ID)
	}
	// ... but another key's request with the same idempotency key is its own job.
	other, created, err := s.CreateJob(ctx, Job{RoleID: "role-1", KeyID: "key-2", IdempotencyKey: "idem-1"},
		[]JobInput{{File: "x", Data: []byte("x")}})
	if err != nil || !created || other.ID == j.ID {
		t.Errorf("CreateJob by another key = %s, created %v, %v", other.ID, created, err)
	}

	pending, err := s.PendingItems(ctx, j.ID, 2)
	if err != nil || len(pending) != 2 || pending[0].Seq != 0 || pending[1].File != "b.pdf" {
		t.Fatalf("PendingItems = %+v, %v", pending, err)
	}
	data, err := s.Blob(ctx, pending[0].Hash)
	if err != nil || string(data) != "resume a.pdf" {
		t.Errorf("Blob = %q, %v", data, err)
	}
	if err := s.SetJobStatus(ctx, j.ID, JobRunning, ""); err != nil {
		t.Fatal(err)
	}

	done := pending[0]
	done.Status, done.CandidateID, done.Score, done.Result = ItemDone, "cand-1", 87.5, []byte(`{"score":87.5}`)
	// Finishing the same item twice (a worker redoing its last item after a
	// crash), even concurrently, counts it once.
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.FinishItem(ctx, done); err != nil {
				t.Errorf("FinishItem: %v", err)
			}
		}()
	}
	wg.Wait()
	failed := pending[1]
	failed.Status, failed.Error = ItemFailed, "unreadable document"
	for range 2 {
		if err := s.FinishItem(ctx, failed); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.GetJob(ctx, j.ID)
	if err != nil || got.Done != 1 || got.Failed != 1 || got.Status != JobRunning {
		t.Errorf("job after finishing = %+v, %v; want done 1, failed 1, running", got, err)
	}

	// Restart: the job is unfinished and only its third item is pending.
	s.Close()
	s = openTest(t, dir)
	unfinished, err := s.UnfinishedJobs(ctx)
	if err != nil || len(unfinished) != 2 || unfinished[0].ID != j.ID {
		t.Errorf("UnfinishedJobs = %+v, %v", unfinished, err)
	}
	pending, err = s.PendingItems(ctx, j.ID, 0)
	if err != nil || len(pending) != 1 || pending[0].File != "c.pdf" {
		t.Fatalf("PendingItems after restart = %+v, %v", pending, err)
	}
	last := pending[0]
	last.Status, last.CandidateID, last.Score = ItemDone, "cand-3", 40
	if err := s.FinishItem(ctx, last); err != nil {
		t.Fatal(err)
	}
	if err := s.SetJobStatus(ctx, j.ID, JobSucceeded, ""); err != nil {
		t.Fatal(err)
	}
	results, err := s.JobResults(ctx, j.ID)
	if err != nil || len(results) != 3 {
		t.Fatalf("JobResults = %+v, %v", results, err)
	}
	if r := results[0]; r.Status != ItemDone || r.CandidateID != "cand-1" || r.Score != 87.5 || string(r.Result) != `{"score":87.5}` {
		t.Errorf("result 0 = %+v", r)
	}
	if r := results[1]; r.Status != ItemFailed || r.Error != "unreadable document" {
		t.Errorf("result 1 = %+v", r)
	}
	got, _ = s.GetJob(ctx, j.ID)
	if got.Done+got.Failed != got.Total || got.Status != JobSucceeded {
		t.Errorf("finished job = %+v", got)
	}
	if unfinished, _ := s.UnfinishedJobs(ctx); len(unfinished) != 1 || unfinished[0].ID != other.ID {
		t.Errorf("UnfinishedJobs after success = %+v", unfinished)
	}
}

func TestJobErrors(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	j := newJob(t, s, "", "a.pdf")
	x := []byte("x")
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"no role", second(s.CreateJob(ctx, Job{}, []JobInput{{File: "a", Data: x}})), engine.ErrInvalid},
		{"no items", second(s.CreateJob(ctx, Job{RoleID: "r"}, nil)), engine.ErrInvalid},
		{"get unknown job", second(s.GetJob(ctx, "nope")), engine.ErrNotFound},
		{"results of unknown job", second(s.JobResults(ctx, "nope")), engine.ErrNotFound},
		{"status of unknown job", s.SetJobStatus(ctx, "nope", JobFailed, "x"), engine.ErrNotFound},
		{"unknown status", s.SetJobStatus(ctx, j.ID, "paused", ""), engine.ErrInvalid},
		{"finish unknown item", s.FinishItem(ctx, JobItem{JobID: j.ID, Seq: 99, Status: ItemDone}), engine.ErrNotFound},
		{"finish as pending", s.FinishItem(ctx, JobItem{JobID: j.ID, Seq: 0, Status: ItemPending}), engine.ErrInvalid},
		{"blob path traversal", second(s.Blob(ctx, "../skillmatch.db")), engine.ErrInvalid},
		{"blob unknown", second(s.Blob(ctx, ContentHash([]byte("nothing")))), engine.ErrNotFound},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
}

// second returns the error of a call returning (value, error) or (value,
// bool, error).
func second[T any](v T, rest ...any) error {
	if len(rest) == 0 {
		return nil
	}
	err, _ := rest[len(rest)-1].(error)
	return err
}

// A job's inputs are kept while their items are pending and afterwards only
// as candidates' originals; deleting a candidate keeps the bytes a pending
// item still needs.
func TestJobOriginalsLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	good, bad := []byte("%PDF good resume"), []byte("%PDF unreadable")
	c, _, err := s.AddCandidate(ctx, "good.pdf", good, profile("Good resume, Python", 12, "python"))
	if err != nil {
		t.Fatal(err)
	}
	j, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, []JobInput{
		{File: "good.pdf", Data: good},
		{File: "bad.pdf", Data: bad},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCandidate(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Blob(ctx, ContentHash(good)); err != nil {
		t.Errorf("Blob of a deleted candidate's bytes that a pending item needs: %v", err)
	}
	c, _, err = s.AddCandidate(ctx, "good.pdf", good, profile("Good resume, Python", 12, "python"))
	if err != nil {
		t.Fatal(err)
	}
	err = s.FinishItems(ctx, []JobItem{
		{JobID: j.ID, Seq: 0, Status: ItemDone, CandidateID: c.ID},
		{JobID: j.ID, Seq: 1, Status: ItemFailed, Error: "unreadable: no text"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Blob(ctx, ContentHash(good)); err != nil {
		t.Errorf("Blob of a candidate's original after its item finished: %v", err)
	}
	if _, err := s.Blob(ctx, ContentHash(bad)); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("Blob of a failed item's input after it finished: err = %v, want ErrNotFound", err)
	}
	if n := countOriginals(t, s); n != 1 {
		t.Errorf("originals = %d, want 1", n)
	}
}

// CreateJob names each item's input by its ContentHash, stores the same
// bytes given twice as one original, and stores nothing for a refused input.
func TestCreateJobHashesInputs(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	a, b := []byte("%PDF resume a"), []byte("%PDF resume b")
	j, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, []JobInput{
		{File: "a.pdf", Data: a},
		{File: "b.pdf", Data: b},
		{File: "a-again.pdf", Data: a},
		{File: "huge.pdf", Data: []byte("never stored"), Error: "too_large: file over 10 MB"},
	})
	if err != nil {
		t.Fatal(err)
	}
	items, err := s.PendingItems(ctx, j.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, it := range items {
		got = append(got, [2]string{it.File, it.Hash})
	}
	want := [][2]string{{"a.pdf", ContentHash(a)}, {"b.pdf", ContentHash(b)}, {"a-again.pdf", ContentHash(a)}, {"huge.pdf", ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (file, hash) (-want +got):\n%s", diff)
	}
	if n := countOriginals(t, s); n != 2 {
		t.Errorf("originals = %d, want 2", n)
	}
	if data, err := s.Blob(ctx, ContentHash(a)); err != nil || string(data) != string(a) {
		t.Errorf("Blob(a) = %q, %v", data, err)
	}
}

// An item refused before storing (over a cap) has no file: it is stored
// pending with its reason, for the job runner to fail with that reason.
func TestJobRefusedItem(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	data := []byte("fine resume")
	j, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, []JobInput{
		{File: "ok.pdf", Data: data},
		{File: "huge.pdf", Error: "file over 10 MB"},
	})
	if err != nil {
		t.Fatalf("CreateJob: %v", err)
	}
	items, err := s.PendingItems(ctx, j.ID, 0)
	if err != nil || len(items) != 2 {
		t.Fatalf("PendingItems = %+v, %v", items, err)
	}
	if it := items[1]; it.Hash != "" || it.Error != "file over 10 MB" || it.Status != ItemPending {
		t.Errorf("refused item = %+v", it)
	}
}

// A job's candidate names its already stored input by hash instead of
// passing the bytes again; a hash that names nothing is refused.
func TestAddCandidatesStoredHash(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	data := []byte("%PDF a job input")
	if _, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, []JobInput{{File: "in.pdf", Data: data}}); err != nil {
		t.Fatal(err)
	}
	res, err := s.AddCandidates(ctx, []NewCandidate{{File: "in.pdf", StoredHash: ContentHash(data), Profile: profile("A job input, Python", 12, "python")}})
	if err != nil {
		t.Fatal(err)
	}
	if c := res[0].Candidate; !res[0].Created || c.Hash != ContentHash(data) || c.Size != int64(len(data)) {
		t.Errorf("AddCandidates by stored hash = %+v, created %v", c, res[0].Created)
	}
	if _, got, err := s.OriginalFile(ctx, res[0].Candidate.ID); err != nil || string(got) != string(data) {
		t.Errorf("OriginalFile = %q, %v", got, err)
	}
	_, err = s.AddCandidates(ctx, []NewCandidate{{File: "x.pdf", StoredHash: ContentHash([]byte("never stored")), Profile: profile("Other text", 1)}})
	if !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("AddCandidates with an unknown stored hash: err = %v, want ErrInvalid", err)
	}
}

// A job with a callback URL owes its callback from the transaction that gives
// it a final status; attempts are recorded, the first body is kept.
func TestJobCallbackRecord(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	data := []byte("resume")
	j, _, err := s.CreateJob(ctx, Job{RoleID: "r", CallbackURL: "https://ats.example.com/hook"},
		[]JobInput{{File: "a.pdf", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetJobStatus(ctx, j.ID, JobRunning, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetJob(ctx, j.ID); got.Callback != nil {
		t.Errorf("running job has a callback record %+v", got.Callback)
	}
	if err := s.SetJobStatus(ctx, j.ID, JobSucceeded, ""); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingCallbacks(ctx)
	if err != nil || len(pending) != 1 || pending[0].JobID != j.ID || pending[0].URL != j.CallbackURL || pending[0].Attempts != 0 || pending[0].Body != nil {
		t.Fatalf("PendingCallbacks = %+v, %v; want the job's, no attempt yet", pending, err)
	}
	cb := pending[0]
	cb.Attempts, cb.LastStatus, cb.LastError, cb.Body = 1, 503, "status 503", []byte(`{"first":true}`)
	cb.NextAt = time.Now().Add(time.Minute)
	if err := s.RecordCallbackAttempt(ctx, cb); err != nil {
		t.Fatal(err)
	}
	cb.Attempts, cb.Status, cb.LastStatus, cb.LastError, cb.Body = 2, CallbackDelivered, 200, "", []byte(`{"second":true}`)
	if err := s.RecordCallbackAttempt(ctx, cb); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetJob(ctx, j.ID)
	if err != nil || got.Callback == nil {
		t.Fatalf("GetJob = %+v, %v", got, err)
	}
	if c := got.Callback; c.Status != CallbackDelivered || c.Attempts != 2 || c.LastStatus != 200 || string(c.Body) != `{"first":true}` {
		t.Errorf("callback record = %+v; want delivered after 2 attempts, the first body kept", c)
	}
	if pending, _ := s.PendingCallbacks(ctx); len(pending) != 0 {
		t.Errorf("PendingCallbacks after delivery = %+v", pending)
	}
	// A later final status does not owe a second callback.
	if err := s.SetJobStatus(ctx, j.ID, JobFailed, "x"); err != nil {
		t.Fatal(err)
	}
	if pending, _ := s.PendingCallbacks(ctx); len(pending) != 0 {
		t.Errorf("PendingCallbacks after another final status = %+v", pending)
	}
}
