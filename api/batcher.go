package api

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/skillmatch/skillmatch/engine"
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
type batcher struct {
	store    Store
	maxBatch int
	linger   time.Duration
	sizes    prometheus.Histogram // documents per store write; nil: not observed

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

// newBatcher returns a batcher writing to store, with its batch-size
// histogram registered on reg (nil: none).
func newBatcher(store Store, reg prometheus.Registerer) (*batcher, error) {
	b := &batcher{store: store, maxBatch: 64, linger: defaultLinger}
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

// announce says an upload is on its way to add: the writer may wait for
// it (see batcher). Every announce must be followed by exactly one add(…,
// true) or withdraw.
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

// add stores one candidate, batched with whatever else is waiting.
// announced says the upload was announced (it is then no longer coming).
func (b *batcher) add(announced bool, file string, original []byte, profile engine.Resume) (index.Candidate, bool, error) {
	r := &addRequest{in: index.NewCandidate{File: file, Original: original, Profile: profile}, done: make(chan struct{})}
	b.mu.Lock()
	if announced {
		b.coming--
	}
	b.queue = append(b.queue, r)
	b.signal()
	lead := !b.writing
	b.writing = true
	b.mu.Unlock()
	if lead {
		b.lead(r)
	}
	<-r.done
	return r.out.Candidate, r.out.Created, r.err
}

// lead writes batches until mine is written (nil: until the queue is empty),
// then passes the queue on.
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
	res, err := b.store.AddCandidates(ctx, in)
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
		} else {
			r.out.Candidate, r.out.Created, r.err = b.store.AddCandidate(ctx, r.in.File, r.in.Original, r.in.Profile)
		}
		close(r.done)
	}
}
