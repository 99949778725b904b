package api

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/skillmatch/skillmatch/index"
)

// batcher groups concurrent uploads into one Store.AddCandidates call — one
// SQLite transaction and one bleve batch for every document that arrived
// while the previous batch was being written (group commit). bleve pays
// per batch (a segment to build and later merge), so under concurrent
// uploads this does several documents for about the price of one, and a
// lone upload is still written at once, alone.
//
// Uploads announce themselves (announce) once they are past the duplicate
// check and are being decoded and parsed. A writer about to take a batch
// waits up to linger for the announced ones to queue, so a batch holds
// every upload in flight rather than whichever happened to finish parsing
// first; with nothing announced it writes at once.
//
// There is no background goroutine: the first request to find nobody
// writing becomes the writer; when its own document is stored it hands the
// rest of the queue to a new goroutine that stops when the queue is empty.
//
// When the Store is also a splitStore, a write only commits to SQLite and
// the new candidates wait in the Store for the search index, which takes
// them in one batch (IndexPending) per indexLinger (or per indexBatch
// documents): bleve
// then builds a few large segments instead of one small segment per write,
// which later cost merges. An upload is answered once it is committed and
// in the ranker; searchable makes every answered upload searchable, and
// every reader of the search index through the API (search, delete) calls
// it first, so what the API shows is as before: an answered upload is
// found by the next search. A crash before the index batch loses nothing:
// the rows are in SQLite and the next Open indexes what the index lacks.
type batcher struct {
	store    Store
	maxBatch int
	linger   time.Duration
	sizes    prometheus.Histogram // documents per store write; nil: not observed
	log      *slog.Logger

	split       splitStore    // nil: AddCandidates indexes each write itself
	indexBatch  int           // pending documents that start an index batch at once
	indexLinger time.Duration // longest a committed upload waits for the index
	indexing    sync.Mutex    // held while an index batch is made
	pendMu      sync.Mutex
	pending     int         // documents committed since the last index batch began (the Store holds them)
	timer       *time.Timer // runs index after indexLinger; nil when none is set

	mu      sync.Mutex
	queue   []*addRequest
	writing bool
	coming  int           // announced uploads not yet queued or withdrawn
	changed chan struct{} // closed (and replaced) when queue or coming changes
}

// defaultLinger bounds how long a batch waits for announced uploads. It is
// a few times the decode + parse of a typical resume; an upload's response
// waits at most this much longer than it would alone.
const defaultLinger = 20 * time.Millisecond

// splitStore is a Store that can commit candidates without indexing them
// and index them later (see batcher). StoreCandidates is AddCandidates
// without the search index: same results, duplicates and errors, and the
// created candidates kept by the store for the index. IndexPending adds
// every candidate so kept (and not deleted since) to the search index in one
// batch and returns how many; on error they stay kept for the next call.
type splitStore interface {
	StoreCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error)
	IndexPending(ctx context.Context) (int, error)
}

// Index batching of a splitStore: a committed upload reaches the search
// index within indexLinger, and indexBatch pending documents start a batch
// at once. At 300 uploads/s that is ~150 documents per bleve segment.
const (
	defaultIndexLinger = 500 * time.Millisecond
	defaultIndexBatch  = 512
)

// newBatcher returns a batcher writing to store, with its batch-size
// histogram registered on reg (nil: none); index failures of a splitStore
// are logged to log.
func newBatcher(store Store, reg prometheus.Registerer, log *slog.Logger) (*batcher, error) {
	b := &batcher{store: store, maxBatch: 64, linger: defaultLinger, log: log,
		indexBatch: defaultIndexBatch, indexLinger: defaultIndexLinger}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if split, ok := store.(splitStore); ok {
		b.split = split
	}
	if reg != nil {
		b.sizes = prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "skillmatch_upload_batch_documents",
			Help:    "Uploaded documents per store write (one SQLite transaction and one index batch).",
			Buckets: []float64{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64},
		})
		if err := reg.Register(b.sizes); err != nil {
			return nil, err
		}
	}
	return b, nil
}

type addRequest struct {
	in   index.NewCandidate
	out  index.AddResult
	err  error
	done chan struct{}
}

// writeTimeout bounds one batch write; a client going away does not cancel
// a write that carries other clients' documents.
const writeTimeout = 2 * time.Minute

// announce says an upload is on its way to addAll: the writer may wait
// for it (see batcher). Every announce must be followed by exactly one
// addAll counting it among its announced, or a withdraw.
func (b *batcher) announce() {
	b.mu.Lock()
	b.coming++
	b.signal()
	b.mu.Unlock()
}

// withdraw cancels an announce whose upload will not be added (it failed
// to decode).
func (b *batcher) withdraw() {
	b.mu.Lock()
	b.coming--
	b.signal()
	b.mu.Unlock()
}

// signal wakes a writer waiting for announced uploads. The caller holds mu.
func (b *batcher) signal() {
	if b.changed != nil {
		close(b.changed)
		b.changed = nil
	}
}

// addAll stores the documents of one request, queued together so they go
// into one store write (when there are no more than maxBatch), and returns
// one finished request each, in order. announced of them were announced.
func (b *batcher) addAll(announced int, in []index.NewCandidate) []*addRequest {
	rs := make([]*addRequest, len(in))
	for i := range in {
		rs[i] = &addRequest{in: in[i], done: make(chan struct{})}
	}
	b.mu.Lock()
	b.coming -= announced
	b.queue = append(b.queue, rs...)
	b.signal()
	lead := !b.writing
	b.writing = true
	b.mu.Unlock()
	if lead {
		b.lead(rs[len(rs)-1])
	}
	for _, r := range rs {
		<-r.done
	}
	return rs
}

// lead writes batches until mine is written (nil: until the queue is empty),
// then passes the queue on. Batches are taken in queue order, so when mine
// is written so is everything queued before it.
func (b *batcher) lead(mine *addRequest) {
	for {
		b.mu.Lock()
		if len(b.queue) == 0 {
			b.writing = false
			b.mu.Unlock()
			return
		}
		if mine != nil && isDone(mine) {
			b.mu.Unlock()
			go b.lead(nil)
			return
		}
		b.gather()
		n := min(len(b.queue), b.maxBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		b.mu.Unlock()
		b.write(batch)
	}
}

// gather waits, up to linger, while uploads are announced and the next
// batch is not full. The caller holds mu; gather returns holding it.
func (b *batcher) gather() {
	if b.coming <= 0 || len(b.queue) >= b.maxBatch || b.linger <= 0 {
		return
	}
	timer := time.NewTimer(b.linger)
	defer timer.Stop()
	for b.coming > 0 && len(b.queue) < b.maxBatch {
		if b.changed == nil {
			b.changed = make(chan struct{})
		}
		changed := b.changed
		b.mu.Unlock()
		select {
		case <-changed:
			b.mu.Lock()
		case <-timer.C:
			b.mu.Lock()
			return
		}
	}
}

func isDone(r *addRequest) bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// write stores a batch. When the batch fails as a whole (AddCandidates
// stores nothing then), each document is tried alone so one bad document
// cannot fail the others.
func (b *batcher) write(batch []*addRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	in := make([]index.NewCandidate, len(batch))
	for i, r := range batch {
		in[i] = r.in
	}
	if b.sizes != nil {
		b.sizes.Observe(float64(len(batch)))
	}
	res, err := b.addCandidates(ctx, in)
	if err == nil && len(res) == len(batch) {
		for i, r := range batch {
			r.out = res[i]
			close(r.done)
		}
		return
	}
	for _, r := range batch {
		if len(batch) == 1 {
			r.err = err
		} else if res, err := b.addCandidates(ctx, []index.NewCandidate{r.in}); err != nil {
			r.err = err
		} else {
			r.out = res[0]
		}
		close(r.done)
	}
}

// addCandidates stores in: with a splitStore, commits it and queues the
// new candidates for the index; otherwise AddCandidates indexes them too.
func (b *batcher) addCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error) {
	if b.split == nil {
		return b.store.AddCandidates(ctx, in)
	}
	res, err := b.split.StoreCandidates(ctx, in)
	if err != nil {
		return nil, err
	}
	fresh := 0
	for _, r := range res {
		if r.Created {
			fresh++
		}
	}
	b.pendMu.Lock()
	b.pending += fresh
	switch {
	case b.pending >= b.indexBatch:
		go b.index()
	case b.pending > 0 && b.timer == nil:
		b.timer = time.AfterFunc(b.indexLinger, b.index)
	}
	b.pendMu.Unlock()
	return res, nil
}

// searchable returns once every upload answered before the call is in the
// search index (at once without a splitStore). A batch job's candidates
// are not waited for: the job runner indexes them when the job ends, so a
// search during a big job does not stall behind that batch. Candidates that fail to be
// indexed stay pending for the next try; the next Open indexes them too.
func (b *batcher) searchable() {
	if b.split != nil {
		b.index()
	}
}

// index indexes every pending candidate in one batch (Store.IndexPending:
// the uploads it counted, and whatever a batch job committed meanwhile).
// Index batches run one at a time, so when index returns, whatever was
// pending when it was called is indexed (or failed and is pending again).
func (b *batcher) index() {
	b.indexing.Lock()
	defer b.indexing.Unlock()
	b.pendMu.Lock()
	n := b.pending
	b.pending = 0
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	b.pendMu.Unlock()
	if n == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	if _, err := b.split.IndexPending(ctx); err != nil {
		// Counts only: no resume data in logs.
		// No timer is set for the retry: after Close it would fail for ever.
		b.log.Warn("stored uploads not yet searchable: indexing failed; retried with the next upload or search, and on the next start",
			"candidates", n, "err", err)
		b.pendMu.Lock()
		b.pending += n
		b.pendMu.Unlock()
	}
}
