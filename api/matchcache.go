package api

import (
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/skillmatch/skillmatch/engine/role"
)

// rankCache remembers recent rankings so repeated GET /roles/{id}/matches
// with the same parameters skip the ranker. An entry is keyed by everything
// a ranking depends on: the role id and version (a role update is a new
// version), the rank options, and the ranker's state — the liveSet's
// generation, bumped after every add and remove it makes, and the ranker's
// Len, which also moves when a batch job adds candidates to the shared
// Ranker directly. A change to the candidates therefore changes the key of
// every later request; entries under old keys are never hit again and fall
// out of the LRU. The cached rankings are shared between requests and must
// not be modified.
//
// Known limit: a batch job re-adding an id the ranker already holds (same
// Len, no liveSet generation bump) would not invalidate; the jobs path only
// adds new candidates, and a duplicate upload returns the stored profile
// unchanged.
type rankCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used; values are *rankEntry
	items map[rankKey]*list.Element
	hits  atomic.Int64
	miss  atomic.Int64
}

type rankKey struct {
	roleID, roleVersion string
	opts                role.RankOptions
	generation          uint64
	size                int
}

type rankEntry struct {
	key    rankKey
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

func (c *rankCache) get(k rankKey) (*rankEntry, bool) {
	if c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		c.miss.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	c.order.MoveToFront(el)
	return el.Value.(*rankEntry), true
}

// put caches e and returns the entry now cached under its key (an entry
// another request put first wins, so both share one encoding).
func (c *rankCache) put(e *rankEntry) *rankEntry {
	if c.max <= 0 {
		return e
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[e.key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*rankEntry)
	}
	c.items[e.key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*rankEntry).key)
	}
	return e
}
