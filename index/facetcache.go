package index

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segmentFacets keeps, for every index segment it has seen, the id and the
// skill and category terms of each document decoded once (terms into small
// integers), so
// counting the facets of a query is an array walk per match instead of
// decompressing bleve's doc values again for every query (which was most
// of an uncached search: ~3.5–4 ms per 10,000 candidates).
//
// Segments are immutable in scorch: a document's terms in a segment never
// change (a deleted document is simply never matched again), so an entry
// stays valid as long as its segment exists. Entries are keyed by the
// segment itself and pruned to the segments of the current snapshot when
// stale ones pile up (merges and reindexing replace segments).
//
// It relies on scorch's numbering, which this package pins with the bleve
// version: a document's internal id is a global number, the segment's
// offset — the sum of the Count of the segments before it — plus its local
// number. Search falls back to bleve's collector and facet builder
// (searchBleve) for any other index type.
type segmentFacets struct {
	mu    sync.Mutex
	segs  map[segment.Segment]*segTerms
	terms [2]termTable // by facet field: 0 skill, 1 category
}

// facetFields are the counted fields, in the order of segmentFacets.terms.
var facetFields = [2]string{fieldSkill, fieldCategory}

// termTable numbers the terms of one field; numbers are never reused.
type termTable struct {
	ord   map[string]int32
	names []string
}

func (t *termTable) intern(term []byte) int32 {
	if o, ok := t.ord[string(term)]; ok {
		return o
	}
	if t.ord == nil {
		t.ord = map[string]int32{}
	}
	o := int32(len(t.names))
	name := string(term)
	t.names = append(t.names, name)
	t.ord[name] = o
	return o
}

// segTerms is one segment's decoded terms: for field f, document d's terms
// are ords[f][start[f][d]:start[f][d+1]]; ids[d] is its external id.
type segTerms struct {
	once  sync.Once
	err   error
	start [2][]uint32
	ords  [2][]int32
	ids   []string
}

// entry returns seg's decoded terms, decoding them on first use (once, even
// when several searches ask at the same time).
func (c *segmentFacets) entry(seg segment.Segment) (*segTerms, error) {
	c.mu.Lock()
	if c.segs == nil {
		c.segs = map[segment.Segment]*segTerms{}
	}
	e, ok := c.segs[seg]
	if !ok {
		e = &segTerms{}
		c.segs[seg] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.err = c.decode(seg, e) })
	return e, e.err
}

// decode visits the doc values of every document of seg once.
func (c *segmentFacets) decode(seg segment.Segment, e *segTerms) error {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return fmt.Errorf("facets: segment %T has no doc values", seg)
	}
	n := seg.Count()
	var local [2][][]byte // one document's terms, copied (the visitor's bytes are reused)
	for f := range e.start {
		e.start[f] = make([]uint32, 1, n+1)
	}
	e.ids = make([]string, 0, n)
	var state segment.DocVisitState
	fields := facetFields[:]
	var err error
	for d := uint64(0); d < n; d++ {
		local[0], local[1] = local[0][:0], local[1][:0]
		state, err = dv.VisitDocValues(d, fields, func(field string, term []byte) {
			for f, name := range facetFields {
				if field == name {
					local[f] = append(local[f], slices.Clone(term))
				}
			}
		}, state)
		if err != nil {
			return fmt.Errorf("facets: decode segment: %w", err)
		}
		id, err := seg.DocID(d)
		if err != nil {
			return fmt.Errorf("facets: decode segment: %w", err)
		}
		e.ids = append(e.ids, string(id))
		c.mu.Lock()
		for f := range local {
			for _, t := range local[f] {
				e.ords[f] = append(e.ords[f], c.terms[f].intern(t))
			}
			e.start[f] = append(e.start[f], uint32(len(e.ords[f])))
		}
		c.mu.Unlock()
	}
	return nil
}

// prune forgets segments not in live once the cache holds many more
// entries than live has segments.
func (c *segmentFacets) prune(live []*scorch.SegmentSnapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.segs) <= 2*len(live)+8 {
		return
	}
	keep := make(map[segment.Segment]bool, len(live))
	for _, ss := range live {
		keep[ss.Segment()] = true
	}
	for seg := range c.segs {
		if !keep[seg] {
			delete(c.segs, seg)
		}
	}
}

// entries returns, for each of a snapshot's segments segs, its first
// document number in the snapshot and its cached facet terms, and drops
// cache entries of segments the snapshot no longer has. ok is false when a segment cannot be read
// from the cache (callers fall back to bleve's own path).
func (c *segmentFacets) entries(segs []*scorch.SegmentSnapshot) (offsets []uint64, entries []*segTerms, ok bool) {
	offsets = make([]uint64, len(segs))
	entries = make([]*segTerms, len(segs))
	var running uint64
	for i, ss := range segs {
		offsets[i] = running
		running += ss.Segment().Count()
		e, err := c.entry(ss.Segment())
		if err != nil {
			return nil, nil, false
		}
		entries[i] = e
	}
	c.prune(segs)
	return offsets, entries, true
}

// topCounts is the non-zero counts, count descending, ties by term, at
// most size of them. Only terms that can make the cut are sorted: those
// counted at least as often as the size-th largest count.
func topCounts(counts []int32, names []string, size int) []FacetCount {
	var cut int32 = 1
	if nonZero := countNonZero(counts); nonZero > size {
		cut = kthLargest(counts, size)
	}
	out := []FacetCount{}
	for o, n := range counts {
		if n >= cut {
			out = append(out, FacetCount{Term: names[o], Count: int(n)})
		}
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	if len(out) > size {
		out = out[:size]
	}
	return out
}

func countNonZero(counts []int32) int {
	n := 0
	for _, c := range counts {
		if c > 0 {
			n++
		}
	}
	return n
}

// kthLargest is the k-th largest value of counts (k ≥ 1, k ≤ len(counts)):
// a min-heap of the k largest seen.
func kthLargest(counts []int32, k int) int32 {
	h := make([]int32, 0, k)
	for _, c := range counts {
		if len(h) < k {
			h = append(h, c)
			for i := len(h) - 1; i > 0; { // sift up
				p := (i - 1) / 2
				if h[p] <= h[i] {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
			continue
		}
		if c <= h[0] {
			continue
		}
		h[0] = c
		for i := 0; ; { // sift down
			l, m := 2*i+1, i
			if l < len(h) && h[l] < h[m] {
				m = l
			}
			if l+1 < len(h) && h[l+1] < h[m] {
				m = l + 1
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	return h[0]
}
