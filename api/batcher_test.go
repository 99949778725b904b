package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/index"
)

// countingStore is the real store, counting its store writes
// (AddCandidates, or StoreCandidates when the batcher indexes apart).
type countingStore struct {
	*index.Store
	calls, docs atomic.Int64
	hold        chan struct{} // non-nil: the first AddCandidates waits until it is closed
	held        sync.Once
	heldDocs    atomic.Int64 // documents of the held write
}

func (c *countingStore) AddCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error) {
	if c.hold != nil {
		c.held.Do(func() { c.heldDocs.Store(int64(len(in))); <-c.hold })
	}
	c.calls.Add(1)
	c.docs.Add(int64(len(in)))
	return c.Store.AddCandidates(ctx, in)
}

func (c *countingStore) StoreCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error) {
	c.calls.Add(1)
	c.docs.Add(int64(len(in)))
	return c.Store.StoreCandidates(ctx, in)
}

// TestBatcherGroupsConcurrentAdds: 40 concurrent adds are all stored, each
// gets its own candidate back, duplicates resolve to the first, and they
// take fewer store writes than documents.
func TestBatcherGroupsConcurrentAdds(t *testing.T) {
	st, err := index.Open(context.Background(), t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The first write is held until every other add has queued behind it,
	// so grouping does not depend on how fast a write is.
	cs := &countingStore{Store: st, hold: make(chan struct{})}
	b := &batcher{store: cs, maxBatch: 64}
	const n = 40
	var wg sync.WaitGroup
	got := make([]index.Candidate, n)
	created := make([]bool, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			doc := i % 30 // ten documents are sent twice
			text := fmt.Sprintf("Document %d\nPython and Django", doc)
			got[i], created[i], errs[i] = b.add(false, fmt.Sprintf("d%d.txt", i), []byte(text), engine.Resume{Format: "text", Text: text})
		}(i)
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		b.mu.Lock()
		queued := len(b.queue) + int(cs.heldDocs.Load())
		b.mu.Unlock()
		if queued == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d adds in the held write or queued behind it, want %d", queued, n)
		}
		time.Sleep(time.Millisecond)
	}
	close(cs.hold)
	wg.Wait()
	byDoc := map[int]string{}
	newCount := 0
	for i := 0; i < n; i++ {
		if errs[i] != nil {
			t.Fatalf("add %d: %v", i, errs[i])
		}
		if created[i] {
			newCount++
		}
		doc := i % 30
		if id, ok := byDoc[doc]; ok && id != got[i].ID {
			t.Errorf("document %d stored twice: %s and %s", doc, id, got[i].ID)
		}
		byDoc[doc] = got[i].ID
	}
	if count, _ := st.CountCandidates(context.Background()); count != 30 || newCount != 30 {
		t.Errorf("stored %d, created %d; want 30 and 30", count, newCount)
	}
	t.Logf("%d documents in %d AddCandidates calls", cs.docs.Load(), cs.calls.Load())
	if cs.calls.Load() >= n {
		t.Errorf("%d writes for %d concurrent documents; want them grouped", cs.calls.Load(), n)
	}
	// The last writer stops on its own once the queue is empty.
	deadline := time.Now().Add(5 * time.Second)
	for {
		b.mu.Lock()
		writing, queued := b.writing, len(b.queue)
		b.mu.Unlock()
		if !writing && queued == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("batcher still writing=%v with %d queued", writing, queued)
		}
		time.Sleep(time.Millisecond)
	}
}

// add stores one candidate through b.addAll, batched with whatever else is
// waiting. announced says the upload was announced (it is then no longer
// coming).
func (b *batcher) add(announced bool, file string, original []byte, profile engine.Resume) (index.Candidate, bool, error) {
	n := 0
	if announced {
		n = 1
	}
	r := b.addAll(n, []index.NewCandidate{{File: file, Original: original, Profile: profile}})[0]
	return r.out.Candidate, r.out.Created, r.err
}

// waitOrFail fails the test when done is not closed within a minute — the
// sign of a writer waiting for an upload that will never come.
func waitOrFail(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s: still waiting after a minute", what)
	}
}

// TestBatcherGathersAnnouncedUploads: uploads announced while a writer takes
// its batch are waited for and written with it — one store write for all —
// and a withdrawn announcement (an upload that failed to decode) or nothing
// announced at all never holds a writer back, however long its linger.
func TestBatcherGathersAnnouncedUploads(t *testing.T) {
	st, err := index.Open(context.Background(), t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &countingStore{Store: st}
	b, err := newBatcher(cs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.linger = time.Hour // only a bug makes a writer wait it out
	add := func(i int, announced bool) error {
		text := fmt.Sprintf("Document %d\nGo and Kubernetes", i)
		_, created, err := b.add(announced, fmt.Sprintf("g%d.txt", i), []byte(text), engine.Resume{Format: "text", Text: text})
		if err == nil && !created {
			err = fmt.Errorf("document %d not created", i)
		}
		return err
	}

	// Nothing announced: a lone upload is written at once.
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := add(0, false); err != nil {
			t.Error(err)
		}
	}()
	waitOrFail(t, done, "lone upload")

	// Six announced, one withdrawn, five arrive one after another: the first
	// to arrive writes all five in one store write.
	cs.calls.Store(0)
	const n = 5
	for i := 0; i <= n; i++ {
		b.announce()
	}
	var wg sync.WaitGroup
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := add(i, true); err != nil {
				t.Error(err)
			}
		}(i)
		time.Sleep(2 * time.Millisecond)
	}
	b.withdraw()
	done = make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	waitOrFail(t, done, "announced uploads")
	if got := cs.calls.Load(); got != 1 {
		t.Errorf("%d announced uploads took %d store writes, want 1", n, got)
	}
	if count, _ := st.CountCandidates(context.Background()); count != n+1 {
		t.Errorf("stored %d, want %d", count, n+1)
	}
	b.mu.Lock()
	coming := b.coming
	b.mu.Unlock()
	if coming != 0 {
		t.Errorf("coming = %d after every announcement was added or withdrawn, want 0", coming)
	}
}

// TestFailedUploadWithdraws: an upload that fails to decode withdraws its
// announcement, so the next upload's writer does not wait for it.
func TestFailedUploadWithdraws(t *testing.T) {
	e := newEnv(t, "", nil)
	defer e.close()
	e.s.batch.linger = time.Hour // a leaked announcement would hold the next write this long
	if status, body := e.upload(e.reader, []string{"scan.bin"}, [][]byte{{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00}}); status < 400 || status >= 500 {
		t.Fatalf("undecodable upload = %d %.200s, want a 4xx", status, body)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if status, body := e.upload(e.reader, []string{"next.txt"}, [][]byte{[]byte("Next Applicant\nSkills: Python, Go\n")}); status != http.StatusCreated {
			t.Errorf("next upload = %d %.200s, want 201", status, body)
		}
	}()
	waitOrFail(t, done, "upload after a failed one")
}

// splitRecorder is the real store (a splitStore), recording the order of
// store writes, index batches, searches and deletes, so the test sees when
// index batches are made and that searches and deletes wait for them.
type splitRecorder struct {
	*index.Store
	mu       sync.Mutex
	events   []string
	failNext bool // the next IndexPending fails
}

func (r *splitRecorder) record(e string) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *splitRecorder) took() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.events
	r.events = nil
	return out
}

func (r *splitRecorder) StoreCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error) {
	res, err := r.Store.StoreCandidates(ctx, in)
	r.record(fmt.Sprintf("store %d", len(in)))
	return res, err
}

func (r *splitRecorder) IndexPending(ctx context.Context) (int, error) {
	r.mu.Lock()
	fail := r.failNext
	r.failNext = false
	r.mu.Unlock()
	if fail {
		r.record("index failed") // the candidates stay pending in the store
		return 0, errors.New("index closed")
	}
	n, err := r.Store.IndexPending(ctx)
	r.record(fmt.Sprintf("index %d", n))
	return n, err
}

func (r *splitRecorder) Search(ctx context.Context, req index.SearchRequest) (index.SearchResult, error) {
	r.record("search")
	return r.Store.Search(ctx, req)
}

func (r *splitRecorder) DeleteCandidate(ctx context.Context, id string) error {
	r.record("delete")
	return r.Store.DeleteCandidate(ctx, id)
}

// TestUploadsIndexedInBatches: with a store that can commit without
// indexing, an upload is answered after the commit alone; the index batch
// comes later, holding every upload since the last one (duplicates not
// again), and a search or a delete makes the pending uploads searchable
// before it reads the index.
func TestUploadsIndexedInBatches(t *testing.T) {
	var rec *splitRecorder
	e := newEnv(t, "", func(c *Config) {
		rec = &splitRecorder{Store: c.Store.(*index.Store)}
		c.Store = rec
	})
	defer e.close()
	if e.s.batch.split == nil {
		t.Fatal("a Store with StoreCandidates and IndexPending is not used as a splitStore")
	}
	e.s.batch.indexLinger = time.Hour // only searches and deletes index here
	rec.took()
	var ids []string
	for i, text := range []string{"First Applicant\nSkills: Python, Go\n", "Second Applicant\nSkills: Java\n", "First Applicant\nSkills: Python, Go\n"} {
		status, body := e.upload(e.reader, []string{fmt.Sprintf("r%d.txt", i)}, [][]byte{[]byte(text)})
		if status != http.StatusCreated && status != http.StatusOK {
			t.Fatalf("upload %d = %d %.200s", i, status, body)
		}
		var resp struct{ Candidates []struct{ ID string } }
		json.Unmarshal(body, &resp)
		ids = append(ids, resp.Candidates[0].ID)
	}
	if diff := cmp.Diff([]string{"store 1", "store 1"}, rec.took()); diff != "" {
		t.Errorf("events of three uploads (one a duplicate found before parsing) (-want +got):\n%s", diff)
	}
	var s searchResp
	e.getJSON("/api/v1/candidates?q=python", e.reader, &s)
	if diff := cmp.Diff([]string{"index 2", "search"}, rec.took()); diff != "" {
		t.Errorf("events of a search after the uploads (-want +got):\n%s", diff)
	}
	if s.Total != 1 || len(s.Hits) != 1 || s.Hits[0].ID != ids[0] {
		t.Errorf("search python after the uploads = %+v, want the first upload (committed unindexed, indexed by the search)", s)
	}
	e.getJSON("/api/v1/candidates?q=java", e.reader, &s)
	if diff := cmp.Diff([]string{"search"}, rec.took()); diff != "" {
		t.Errorf("events of a search with nothing pending (-want +got):\n%s", diff)
	}
	// A batch job commits its candidates to the store without the batcher
	// and indexes them when it ends: a search meanwhile does not wait for
	// them, and the next upload's index batch takes them along.
	job, err := rec.Store.StoreCandidates(context.Background(), []index.NewCandidate{{File: "job.txt", Original: []byte("job item"),
		Profile: resume.Parse("Job Applicant\nSkills: Kotlin\n", e.tax, resume.Options{})}})
	if err != nil {
		t.Fatal(err)
	}
	e.getJSON("/api/v1/candidates?q=kotlin", e.reader, &s)
	if ev := rec.took(); !slices.Equal(ev, []string{"search"}) || s.Total != 0 {
		t.Errorf("a search during a job: events %v (want [search]), %d hits (want 0: not indexed yet)", ev, s.Total)
	}
	if status, body := e.upload(e.reader, []string{"kt.txt"}, [][]byte{[]byte("Other Applicant\nSkills: Kotlin\n")}); status != http.StatusCreated {
		t.Fatalf("upload = %d %.200s", status, body)
	}
	e.getJSON("/api/v1/candidates?q=kotlin", e.reader, &s)
	if diff := cmp.Diff([]string{"store 1", "index 2", "search"}, rec.took()); diff != "" {
		t.Errorf("events of an upload and a search after a job's commit (-want +got):\n%s", diff)
	}
	if s.Total != 2 || len(s.Hits) != 2 || (s.Hits[0].ID != job[0].Candidate.ID && s.Hits[1].ID != job[0].Candidate.ID) {
		t.Errorf("search kotlin after the upload = %+v, want the upload and the job's candidate", s)
	}
	// A delete does not index what is pending first: the store drops a
	// pending candidate it deletes, so the index never gets it back.
	status, body := e.upload(e.reader, []string{"third.txt"}, [][]byte{[]byte("Third Applicant\nSkills: Rust\n")})
	if status != http.StatusCreated {
		t.Fatalf("third upload = %d %.200s", status, body)
	}
	var third struct{ Candidates []struct{ ID string } }
	json.Unmarshal(body, &third)
	for _, id := range []string{ids[1], third.Candidates[0].ID} {
		if status, _, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+id, e.admin, "", nil); status != http.StatusNoContent {
			t.Fatalf("delete %s = %d, want 204", id, status)
		}
	}
	if diff := cmp.Diff([]string{"store 1", "delete", "delete"}, rec.took()); diff != "" {
		t.Errorf("events of an upload then deletes of an indexed and a pending candidate (-want +got):\n%s", diff)
	}
	// The batcher still counts the upload; the store dropped it, so the
	// search's index batch indexes nothing.
	e.getJSON("/api/v1/candidates?q=rust", e.reader, &s)
	if ev := rec.took(); !slices.Equal(ev, []string{"index 0", "search"}) || s.Total != 0 {
		t.Errorf("search for the deleted pending upload: events %v (want [index 0 search]), %d hits (want 0)", ev, s.Total)
	}
	// A failed index batch is retried by the next search, not by a timer.
	e.s.batch.indexLinger = time.Hour
	rec.mu.Lock()
	rec.failNext = true
	rec.mu.Unlock()
	if status, body := e.upload(e.reader, []string{"retry.txt"}, [][]byte{[]byte("Retry Applicant\nSkills: Go\n")}); status != http.StatusCreated {
		t.Fatalf("upload = %d %.200s", status, body)
	}
	e.getJSON("/api/v1/candidates?q=go", e.reader, &s)
	e.getJSON("/api/v1/candidates?q=retry", e.reader, &s)
	if diff := cmp.Diff([]string{"store 1", "index failed", "search", "index 1", "search"}, rec.took()); diff != "" {
		t.Errorf("events of a failed index batch (-want +got):\n%s", diff)
	}
	// Without a search, the linger makes the batch.
	e.s.batch.indexLinger = time.Millisecond
	if status, body := e.upload(e.reader, []string{"fourth.txt"}, [][]byte{[]byte("Fourth Applicant\nSkills: Go\n")}); status != http.StatusCreated {
		t.Fatalf("fourth upload = %d %.200s", status, body)
	}
	deadline := time.Now().Add(time.Minute)
	var got []string
	for len(got) < 2 && time.Now().Before(deadline) {
		got = append(got, rec.took()...)
		time.Sleep(time.Millisecond)
	}
	if diff := cmp.Diff([]string{"store 1", "index 1"}, got); diff != "" {
		t.Errorf("events of an upload left alone (-want +got):\n%s", diff)
	}
}

// TestMultiFileUploadOneWrite: the files of one upload are stored in one
// store write; a file repeated within the request comes back as a duplicate
// of the first, and an undecodable one as its own error.
func TestMultiFileUploadOneWrite(t *testing.T) {
	var cs *countingStore
	e := newEnv(t, "", func(c *Config) {
		cs = &countingStore{Store: c.Store.(*index.Store)}
		c.Store = cs
	})
	defer e.close()
	a := []byte("Alpha Applicant\nSkills: Python, Django\n")
	b := []byte("Beta Applicant\nSkills: Java, Spring\n")
	status, body := e.upload(e.reader, []string{"a.txt", "b.txt", "a-again.txt", "bad.bin"}, [][]byte{a, b, a, {0x00, 0x01, 0x02, 0xff, 0xfe, 0x00}})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %.300s, want 201", status, body)
	}
	var resp struct {
		Candidates []struct {
			ID        string
			File      string
			Duplicate bool
		}
		Errors []fileError
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	type row struct {
		File      string
		Duplicate bool
	}
	var got []row
	for _, c := range resp.Candidates {
		got = append(got, row{c.File, c.Duplicate})
	}
	want := []row{{"a.txt", false}, {"b.txt", false}, {"a.txt", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
	if len(resp.Candidates) == 3 && resp.Candidates[2].ID != resp.Candidates[0].ID {
		t.Errorf("repeated file got id %s, want the first's %s", resp.Candidates[2].ID, resp.Candidates[0].ID)
	}
	if len(resp.Errors) != 1 || resp.Errors[0].File != "bad.bin" {
		t.Errorf("errors = %+v, want one for bad.bin", resp.Errors)
	}
	if calls, docs := cs.calls.Load(), cs.docs.Load(); calls != 1 || docs != 3 {
		t.Errorf("%d store writes of %d documents, want 1 of 3", calls, docs)
	}
}
