package api

import (
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/skillmatch/skillmatch/engine/role"
)

// rankCache remembers recent rankings so repeated GET /roles/{id}/matches
// with the same parameters skip the ranker. An entry is keyed by what the
// request asks — role id and version (a role update is a new version) and
// the rank options, whose AsOf is the month of the server's clock
// (rankAsOf), so a new month is a new key: current jobs have grown — and
// records the Ranker state it was ranked at. An
// entry at the ranker's current state is a hit. An older one is brought up
// to date with Ranker.RankSince: after uploads only (the common case: a
// team keeps adding resumes) just the new candidates are scored and merged
// in, the same answer a fresh ranking gives; after a delete or a replaced
// candidate everything is ranked again. Batch jobs add to the same Ranker,
// so its state sees their candidates too. The cached rankings are shared
// between requests and must not be modified.
type rankCache struct {
	mu     sync.Mutex
	max    int
	order  *list.List // front: most recently used; values are *rankEntry
	items  map[rankKey]*list.Element
	hits   atomic.Int64 // answered as cached
	merges atomic.Int64 // older entry brought up to date with the added candidates
	miss   atomic.Int64 // ranked from scratch (no entry, or not only additions)
}

// rankAsOf is the date rankings count experience to: the month of
// Config.AsOf, the clock uploads are parsed with, so a candidate ranked
// the day it is uploaded scores as `rank` scores the file that day, and a
// current job keeps counting after upload (role.RankOptions.AsOf). Only
// the month changes a score; rankings keyed by it change when it does.
func (s *server) rankAsOf() string { return s.cfg.AsOf().Format("2006-01") }

type rankKey struct {
	roleID, roleVersion string
	opts                role.RankOptions
}

type rankEntry struct {
	key    rankKey
	state  role.RankerState // the ranker's state the ranking is of
	ranked []role.Ranked

	mu   sync.Mutex
	json []byte // the open (not blind) results, encoded; nil until set
}

// encoded is the entry's open results as JSON, or nil when not yet encoded.
func (e *rankEntry) encoded() []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.json
}

func (e *rankEntry) setEncoded(b []byte) {
	e.mu.Lock()
	e.json = b
	e.mu.Unlock()
}

func newRankCache(max int) *rankCache {
	return &rankCache{max: max, order: list.New(), items: map[rankKey]*list.Element{}}
}

// get returns the entry under k, whatever its state, and counts nothing.
func (c *rankCache) get(k rankKey) (*rankEntry, bool) {
	if c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*rankEntry), true
}

// put caches e and returns the entry now cached under its key: e, unless
// another request put one of the same or a later ranker state first (then
// both share that one and its encoding).
func (c *rankCache) put(e *rankEntry) *rankEntry {
	if c.max <= 0 {
		return e
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[e.key]; ok {
		c.order.MoveToFront(el)
		if old := el.Value.(*rankEntry); !e.state.After(old.state) {
			return old
		}
		el.Value = e
		return e
	}
	c.items[e.key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*rankEntry).key)
	}
	return e
}
