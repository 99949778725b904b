package api

import (
	"strconv"
	"strings"
	"sync"

	"github.com/skillmatch/skillmatch/index"
)

// searchCache keeps encoded search responses, each tagged with the store's
// SearchGeneration read before it was computed; an entry is served only
// while the generation is unchanged, so any upload, delete or rebuild makes
// every entry stale at once. A response depends on nothing else but the
// request (query, skills, limit, cursor, facets) and the blind view, which
// are the key. Bodies are shared and must not be modified.
type searchCache struct {
	mu sync.Mutex
	m  map[string]searchEntry
}

type searchEntry struct {
	gen  uint64
	body []byte
}

// searchCacheSize bounds the cache; when full it starts over (crude, but
// bounded, and a busy server's hot queries come straight back).
const searchCacheSize = 1024

func (c *searchCache) get(key string, gen uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.gen != gen {
		return nil, false
	}
	return e.body, true
}

func (c *searchCache) put(key string, gen uint64, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= searchCacheSize {
		c.m = map[string]searchEntry{}
	}
	c.m[key] = searchEntry{gen: gen, body: body}
}

// searchKey is everything a search response depends on besides the index:
// the blind view first, then each field prefixed with its length, so no
// crafted query can make two different requests share a key; last the date
// the hits' months are counted to.
func searchKey(req index.SearchRequest, blindView bool, asOf string) string {
	var b strings.Builder
	b.WriteString(strconv.FormatBool(blindView))
	field := func(v string) {
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	field(req.Query)
	for _, sk := range req.Skills {
		field(sk)
	}
	b.WriteString(" skills-end")
	field(strconv.Itoa(req.Limit))
	field(req.Cursor)
	field(strconv.FormatBool(req.NoFacets))
	field(asOf)
	return b.String()
}
