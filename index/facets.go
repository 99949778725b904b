package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// countFacets counts the skill and category facets over every match of q,
// with the same counts and order as bleve's terms facet builder (count
// descending, ties by term, top skillFacetSize / catFacetSize terms).
//
// It is cheaper than asking bleve for facets on the hit search: the matches
// are collected unscored, and terms are counted without allocating a string
// per visited term (bleve's builder converts every term to a string).
// With a cache (the Store's), documents' terms come from it (segmentFacets:
// decoded once per index segment); without one, or for an index that is not
// scorch's, from bleve's doc values for every query.
// The caller holds s.mu for reading.
func countFacets(ctx context.Context, idx bleve.Index, q query.Query, cache *segmentFacets) (map[string][]FacetCount, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	defer r.Close()
	searcher, err := q.Searcher(ctx, r, idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	defer searcher.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok && cache != nil {
		facets, ok, err := cache.count(ctx, snap, searcher)
		if err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		if ok {
			return facets, nil
		}
	}
	skills := newTermCounter(fieldSkill, skillFacetSize)
	cats := newTermCounter(fieldCategory, catFacetSize)
	fb := search.NewFacetsBuilder(r)
	fb.Add("skill", skills)
	fb.Add("category", cats)
	coll := collector.NewTopNCollector(0, 0, search.SortOrder{&search.SortDocID{}})
	coll.SetFacetsBuilder(fb)
	if err := coll.Collect(ctx, searcher, r); err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	return map[string][]FacetCount{"skill": skills.top(), "category": cats.top()}, nil
}

// termCounter is a search.FacetBuilder counting the documents per term of
// one keyword field. A term is counted once per document, like bleve's.
type termCounter struct {
	field  string
	size   int
	counts map[string]*int
}

func newTermCounter(field string, size int) *termCounter {
	return &termCounter{field: field, size: size, counts: map[string]*int{}}
}

func (c *termCounter) StartDoc() {}
func (c *termCounter) EndDoc()   {}
func (c *termCounter) Field() string {
	return c.field
}
func (c *termCounter) Size() int { return 0 }

// UpdateVisitor is called once per term of a matching document. The map
// lookup with string(term) does not allocate; only a first-seen term does.
func (c *termCounter) UpdateVisitor(term []byte) {
	if n, ok := c.counts[string(term)]; ok {
		*n++
		return
	}
	n := 1
	c.counts[string(term)] = &n
}

// Result is unused (top gives the counts) but required by search.FacetBuilder.
func (c *termCounter) Result() *search.FacetResult {
	return &search.FacetResult{Field: c.field}
}

// top is the counts, count descending, ties by term, at most size terms.
func (c *termCounter) top() []FacetCount {
	out := make([]FacetCount, 0, len(c.counts))
	for t, n := range c.counts {
		out = append(out, FacetCount{Term: t, Count: *n})
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	if len(out) > c.size {
		out = out[:c.size]
	}
	return out
}

// facetCounts converts bleve's facet results (of a search that asked bleve
// for them) to ours.
func facetCounts(res search.FacetResults) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for name, fr := range res {
		counts := []FacetCount{}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts = append(counts, FacetCount{Term: t.Term, Count: t.Count})
			}
		}
		out[name] = counts
	}
	return out
}

// hasPhrase reports whether a parsed query contains a "phrase".
func hasPhrase(n Node) bool {
	switch n := n.(type) {
	case TextNode:
		return n.Phrase
	case NotNode:
		return hasPhrase(n.Child)
	case AndNode:
		return slices.ContainsFunc(n.Children, hasPhrase)
	case OrNode:
		return slices.ContainsFunc(n.Children, hasPhrase)
	}
	return false
}
