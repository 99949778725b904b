package api

import (
	"context"
	"fmt"
	"sync"

	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/index"
)

// liveSet is the in-memory view of the stored candidates that matches are
// ranked over: the engine's Ranker plus each candidate's file name, so a
// ranking is answered without touching the store.
type liveSet struct {
	ranker *role.Ranker
	mu     sync.RWMutex
	files  map[string]string // candidate id → original file name
}

// warm loads every stored candidate into ranker.
func warm(ctx context.Context, st Store, ranker *role.Ranker) (*liveSet, error) {
	l := &liveSet{ranker: ranker, files: map[string]string{}}
	err := st.ForEachCandidate(ctx, func(c index.Candidate) error {
		l.add(c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("warm ranker: %w", err)
	}
	return l, nil
}

func (l *liveSet) add(c index.Candidate) {
	l.ranker.Add(c.ID, c.Profile)
	l.mu.Lock()
	l.files[c.ID] = c.File
	l.mu.Unlock()
}

func (l *liveSet) remove(id string) {
	l.ranker.Remove(id)
	l.mu.Lock()
	delete(l.files, id)
	l.mu.Unlock()
}

// file returns the file name of candidate id, and false for a candidate the
// ranker got from elsewhere (a batch job), which the caller looks up.
func (l *liveSet) file(id string) (string, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	f, ok := l.files[id]
	return f, ok
}

func (l *liveSet) setFile(id, file string) {
	l.mu.Lock()
	l.files[id] = file
	l.mu.Unlock()
}
