package api

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/index"
)

// countingStore is the real store, counting AddCandidates calls.
type countingStore struct {
	*index.Store
	calls, docs atomic.Int64
}

func (c *countingStore) AddCandidates(ctx context.Context, in []index.NewCandidate) ([]index.AddResult, error) {
	c.calls.Add(1)
	c.docs.Add(int64(len(in)))
	return c.Store.AddCandidates(ctx, in)
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
	cs := &countingStore{Store: st}
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
			got[i], created[i], errs[i] = b.add(fmt.Sprintf("d%d.txt", i), []byte(text), engine.Resume{Format: "text", Text: text})
		}(i)
	}
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
