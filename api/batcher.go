package api

import (
	"context"
	"sync"
	"time"

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
// There is no background goroutine: the first request to find nobody
// writing becomes the writer; when its own document is stored it hands the
// rest of the queue to a new goroutine that stops when the queue is empty.
type batcher struct {
	store    Store
	maxBatch int

	mu      sync.Mutex
	queue   []*addRequest
	writing bool
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

// add stores one candidate, batched with whatever else is waiting.
func (b *batcher) add(file string, original []byte, profile engine.Resume) (index.Candidate, bool, error) {
	r := &addRequest{in: index.NewCandidate{File: file, Original: original, Profile: profile}, done: make(chan struct{})}
	b.mu.Lock()
	b.queue = append(b.queue, r)
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
		n := min(len(b.queue), b.maxBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		b.mu.Unlock()
		b.write(batch)
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
