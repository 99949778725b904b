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
}

func newRankCache(max int) *rankCache {
	return &rankCache{max: max, order: list.New(), items: map[rankKey]*list.Element{}}
}

func (c *rankCache) get(k rankKey) ([]role.Ranked, bool) {
	if c == nil || c.max <= 0 {
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
	return el.Value.(*rankEntry).ranked, true
}

func (c *rankCache) put(k rankKey, ranked []role.Ranked) {
	if c == nil || c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		el.Value.(*rankEntry).ranked = ranked
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&rankEntry{key: k, ranked: ranked})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*rankEntry).key)
	}
}
