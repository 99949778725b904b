package index

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// onePass is one uncached search over a scorch snapshot, in a single walk
// of the matches: it counts them, keeps the best page (score descending,
// ties by id, after the cursor) and counts the facets, reading each
// match's id and facet terms from segmentFacets instead of the index.
//
// It answers exactly what bleve's search with that sort and search-after
// gives (TestOnePassMatchesBleve compares them); it exists because bleve's
// collector loads every match's id from the stored fields to break score
// ties, and counting facets took a second walk of the matches.
type onePass struct {
	fp         string // the query's fingerprint, for the next cursor
	limit      int    // hits wanted; limit+1 are kept to know whether a next page exists
	after      bool   // a cursor was given:
	afterScore float64
	afterID    string
	facets     bool // count the facets
}

type passHit struct {
	id    string
	score float64
	seg   int    // index in the snapshot's segments
	local uint64 // number in that segment
}

// before reports whether a sorts before b: higher score, then lower id.
func (h passHit) before(b passHit) bool {
	return h.score > b.score || h.score == b.score && h.id < b.id
}

// run searches q in snap. ok is false when snap's segments cannot be read
// from the facet cache (the caller uses bleve's collector instead).
func (p onePass) run(ctx context.Context, c *segmentFacets, snap *scorch.IndexSnapshot, m mapping.IndexMapping, q query.Query) (out SearchResult, ok bool, err error) {
	segs := snap.Segments()
	offsets, entries, ok := c.entries(segs)
	if !ok {
		return SearchResult{}, false, nil
	}

	// The context bleve's own search gives its searchers.
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return index.DefaultScoringModel }))
	ctx = search.ContextWithTermSearchersCounter(ctx)
	searcher, err := q.Searcher(ctx, snap, m, search.SearcherOptions{})
	if err != nil {
		return SearchResult{}, true, err
	}
	defer searcher.Close()

	var counts [2][]int32
	if p.facets {
		c.mu.Lock()
		counts = [2][]int32{make([]int32, len(c.terms[0].names)), make([]int32, len(c.terms[1].names))}
		c.mu.Unlock()
	}
	keep := p.limit + 1
	top := make([]passHit, 0, keep) // a heap with the worst kept hit at the root
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(searcher.DocumentMatchPoolSize()+1, 0), IndexReader: snap}
	var total uint64
	for {
		if total&1023 == 1023 && ctx.Err() != nil {
			return SearchResult{}, true, ctx.Err()
		}
		d, err := searcher.Next(sctx)
		if err != nil {
			return SearchResult{}, true, err
		}
		if d == nil {
			break
		}
		num, score := d.IndexInternalID.Value(), d.Score
		sctx.DocumentMatchPool.Put(d)
		total++
		i := sort.Search(len(offsets), func(x int) bool { return offsets[x] > num }) - 1
		if i < 0 || num-offsets[i] >= uint64(len(entries[i].ids)) {
			return SearchResult{}, true, fmt.Errorf("search: document number %d outside the snapshot's segments", num)
		}
		e, local := entries[i], num-offsets[i]
		for f := range counts {
			if counts[f] == nil {
				continue
			}
			for _, o := range e.ords[f][e.start[f][local]:e.start[f][local+1]] {
				counts[f][o]++
			}
		}
		h := passHit{id: e.ids[local], score: score, seg: i, local: local}
		if p.after && !(passHit{id: p.afterID, score: p.afterScore}).before(h) {
			continue // on an earlier page
		}
		if len(top) < keep {
			top = append(top, h)
			siftUp(top, len(top)-1)
			continue
		}
		if h.before(top[0]) {
			top[0] = h
			siftDown(top, 0)
		}
	}
	slices.SortFunc(top, func(a, b passHit) int {
		if a.before(b) {
			return -1
		}
		return 1
	})

	out = SearchResult{Total: total, Hits: []SearchHit{}}
	for i, h := range top {
		if i == p.limit {
			last := top[p.limit-1]
			out.NextCursor = encodeCursor(p.fp, last.score, last.id)
			break
		}
		hit, err := storedHit(segs[h.seg], h)
		if err != nil {
			return SearchResult{}, true, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if p.facets {
		c.mu.Lock()
		out.Facets = map[string][]FacetCount{
			"skill":    topCounts(counts[0], c.terms[0].names, skillFacetSize),
			"category": topCounts(counts[1], c.terms[1].names, catFacetSize),
		}
		c.mu.Unlock()
	}
	return out, true, nil
}

// storedHit reads a hit's stored fields straight from its segment (no id
// lookup, only the three fields kept), converted as bleve converts them for
// SearchRequest.Fields: text as is, numbers decoded from their stored bytes.
func storedHit(ss *scorch.SegmentSnapshot, h passHit) (SearchHit, error) {
	hit := SearchHit{ID: h.id, Score: h.score, Skills: []string{}}
	err := ss.VisitDocument(h.local, func(name string, typ byte, val []byte, _ []uint64) bool {
		switch {
		case name == fieldFile && typ == 't':
			hit.File = string(val)
		case name == fieldSkill && typ == 't':
			hit.Skills = append(hit.Skills, string(val))
		case name == fieldTotalMonths && typ == 'n':
			if v, err := document.NewNumericFieldFromBytes(name, nil, val).Number(); err == nil {
				hit.TotalMonths = int(v)
			}
		}
		return true
	})
	if err != nil {
		return SearchHit{}, fmt.Errorf("search: hit %s: %w", h.id, err)
	}
	return hit, nil
}

// siftUp and siftDown keep top a heap whose root sorts last.
func siftUp(top []passHit, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !top[parent].before(top[i]) {
			return
		}
		top[parent], top[i] = top[i], top[parent]
		i = parent
	}
}

func siftDown(top []passHit, i int) {
	for {
		l, worst := 2*i+1, i
		if l < len(top) && top[worst].before(top[l]) {
			worst = l
		}
		if l+1 < len(top) && top[worst].before(top[l+1]) {
			worst = l + 1
		}
		if worst == i {
			return
		}
		top[i], top[worst] = top[worst], top[i]
		i = worst
	}
}
