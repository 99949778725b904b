package index

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/skillmatch/skillmatch/engine"
)

// SearchRequest is a candidate search. Query is in the search language
// (see ParseQuery); Skills are skill ids (or names the resolver knows) that
// must all match. Limit defaults to 20 and is capped at 100. Cursor is the
// NextCursor of the previous page of the same query.
type SearchRequest struct {
	Query  string
	Skills []string
	Limit  int
	Cursor string
	// NoFacets skips the facets (SearchResult.Facets is nil): they cost
	// most of an uncached search, and a next page rarely needs them again.
	NoFacets bool
}

// SearchHit is one matching candidate.
type SearchHit struct {
	ID          string
	File        string
	Score       float64
	Skills      []string // skill ids
	TotalMonths int
}

// FacetCount is how many matching candidates have Term.
type FacetCount struct {
	Term  string
	Count int
}

// SearchResult is one page of hits, best first (ties in id order), the total
// number of matches, facets over all matches ("skill": skill ids,
// "category": skill categories), and the cursor of the next page ("" on the
// last page).
type SearchResult struct {
	Hits       []SearchHit
	Total      uint64
	Facets     map[string][]FacetCount
	NextCursor string
}

const (
	defaultLimit   = 20
	maxLimit       = 100
	skillFacetSize = 50
	catFacetSize   = 20
)

// Search finds candidates. A malformed query or cursor is engine.ErrInvalid
// with a message naming the problem (and, for a query, its position).
func (s *Store) Search(ctx context.Context, req SearchRequest) (SearchResult, error) {
	limit := req.Limit
	switch {
	case limit < 0:
		return SearchResult{}, fmt.Errorf("limit %d: %w", limit, engine.ErrInvalid)
	case limit == 0:
		limit = defaultLimit
	case limit > maxLimit:
		limit = maxLimit
	}
	resolve := s.opts.ResolveSkill
	if resolve == nil {
		resolve = func(name string) (string, bool) { return strings.ToLower(name), true }
	}
	ast, err := ParseQuery(req.Query, resolve)
	if err != nil {
		return SearchResult{}, err
	}
	q := buildQuery(ast)
	var filters []query.Query
	if q != nil {
		filters = append(filters, q)
	}
	for _, name := range req.Skills {
		id, ok := resolve(name)
		if !ok {
			return SearchResult{}, fmt.Errorf("skill %q: unknown skill: %w", name, engine.ErrInvalid)
		}
		filters = append(filters, termQuery(fieldSkill, id))
	}
	switch len(filters) {
	case 0:
		q = bleve.NewMatchAllQuery()
	case 1:
		q = filters[0]
	default:
		q = bleve.NewConjunctionQuery(filters...)
	}

	fp := fingerprint(req)
	gen := s.gen.Load()
	var after *pageAfter
	if req.Cursor != "" {
		var err error
		if after, err = decodeCursor(req.Cursor, fp); err != nil {
			return SearchResult{}, err
		}
	}
	// Facets depend only on the query and the index content: reuse them
	// while the index is unchanged (every page of a query, repeated queries).
	facets, cached := s.facets.get(fp, gen)
	if req.NoFacets {
		cached = true // nothing to compute
		facets = nil
	}

	s.mu.RLock()
	if s.idx == nil {
		s.mu.RUnlock()
		return SearchResult{}, errors.New("search: store closed")
	}
	// One walk of the matches for hits and facets (onePass); bleve's
	// collector where the index cannot be read that way.
	out, ok, err := s.searchOnePass(ctx, q, fp, limit, after, !cached)
	if err == nil && !ok {
		out, err = s.searchBleve(ctx, q, fp, limit, after, !cached)
	}
	s.mu.RUnlock()
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	if !cached {
		facets = out.Facets
		s.facets.put(fp, gen, facets)
	}
	out.Facets = facets
	return out.clone(), nil
}

// searchOnePass is a search page in one walk of the matches (see onePass),
// with the facets when wantFacets. ok is false when the index is not a
// scorch index whose segments the facet cache can read. The caller holds
// s.mu for reading.
func (s *Store) searchOnePass(ctx context.Context, q query.Query, fp string, limit int, after *pageAfter, wantFacets bool) (SearchResult, bool, error) {
	adv, err := s.idx.Advanced()
	if err != nil {
		return SearchResult{}, false, nil
	}
	r, err := adv.Reader()
	if err != nil {
		return SearchResult{}, true, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return SearchResult{}, false, nil
	}
	p := onePass{fp: fp, limit: limit, facets: wantFacets}
	if after != nil {
		p.after, p.afterScore, p.afterID = true, after.score, after.id
	}
	return p.run(ctx, &s.facetTerms, snap, s.idx.Mapping(), q)
}

// searchBleve is a search page by bleve's collector (sorted by score, then
// id, after the cursor), with the facets by bleve's terms facet builder
// when wantFacets. It is the fallback for indexes onePass cannot read and
// the reference TestOnePassMatchesBleve compares onePass with. The caller
// holds s.mu for reading.
func (s *Store) searchBleve(ctx context.Context, q query.Query, fp string, limit int, after *pageAfter, wantFacets bool) (SearchResult, error) {
	sreq := bleve.NewSearchRequestOptions(q, limit+1, 0, false)
	sreq.Fields = []string{fieldSkill, fieldTotalMonths, fieldFile}
	sreq.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	if after != nil {
		sreq.SetSearchAfter([]string{after.scoreText, after.id})
	}
	if wantFacets {
		sreq.AddFacet("skill", bleve.NewFacetRequest(fieldSkill, skillFacetSize))
		sreq.AddFacet("category", bleve.NewFacetRequest(fieldCategory, catFacetSize))
	}
	res, err := s.idx.SearchInContext(ctx, sreq)
	if err != nil {
		return SearchResult{}, err
	}
	out := SearchResult{Total: res.Total, Hits: []SearchHit{}}
	for i, h := range res.Hits {
		if i == limit {
			last := res.Hits[limit-1]
			out.NextCursor = encodeCursor(fp, last.Score, last.ID)
			break
		}
		out.Hits = append(out.Hits, SearchHit{
			ID:          h.ID,
			File:        fieldString(h.Fields[fieldFile]),
			Score:       h.Score,
			Skills:      fieldStrings(h.Fields[fieldSkill]),
			TotalMonths: fieldInt(h.Fields[fieldTotalMonths]),
		})
	}
	if wantFacets {
		out.Facets = facetCounts(res.Facets)
	}
	return out, nil
}

// SearchGeneration is a number that changes whenever a search could answer
// differently: it moves after every index write, delete and rebuild. Read
// before a Search, it tags the answer; an answer tagged with the current
// value is still the answer. Callers cache on it.
func (s *Store) SearchGeneration() uint64 { return s.gen.Load() }

// clone copies what a caller could modify, so cached facets stay intact.
func (r SearchResult) clone() SearchResult {
	r.Hits = slices.Clone(r.Hits)
	for i := range r.Hits {
		r.Hits[i].Skills = slices.Clone(r.Hits[i].Skills)
	}
	if r.Facets != nil {
		f := make(map[string][]FacetCount, len(r.Facets))
		for name, counts := range r.Facets {
			f[name] = slices.Clone(counts)
		}
		r.Facets = f
	}
	return r
}

// genCache holds values computed from the index (the facets of a query),
// each tagged with the index generation (Store.gen) it
// was computed at; any index write makes every entry stale. The generation
// is read before searching and bumped after a write is applied, so an entry
// is never tagged newer than the index it saw. Values are shared: callers
// clone before handing them out.
type genCache[V any] struct {
	mu sync.Mutex
	m  map[string]genEntry[V]
}

type genEntry[V any] struct {
	gen uint64
	v   V
}

const genCacheSize = 1024

func (c *genCache[V]) get(key string, gen uint64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.gen != gen {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *genCache[V]) put(key string, gen uint64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= genCacheSize {
		c.m = map[string]genEntry[V]{} // crude, but bounded and rarely hit
	}
	c.m[key] = genEntry[V]{gen: gen, v: v}
}

// buildQuery turns a parsed query into a bleve query. nil means no
// constraint (an empty query, or words the analyser drops such as "the").
func buildQuery(n Node) query.Query {
	switch n := n.(type) {
	case nil:
		return nil
	case TextNode:
		var text query.Query
		if hasTokens(n.Text) {
			if n.Phrase {
				mq := bleve.NewMatchPhraseQuery(n.Text)
				mq.SetField(fieldText)
				text = mq
			} else {
				mq := bleve.NewMatchQuery(n.Text)
				mq.SetField(fieldText)
				text = mq
			}
		}
		if n.SkillID == "" {
			return text
		}
		if text == nil {
			return termQuery(fieldSkill, n.SkillID)
		}
		return bleve.NewDisjunctionQuery(text, termQuery(fieldSkill, n.SkillID))
	case SkillNode:
		if n.Op == "" {
			return termQuery(fieldSkill, n.ID)
		}
		return monthsQuery(n.ID, n.Op, n.Months)
	case TotalNode:
		return totalQuery(n.Op, n.Months)
	case NotNode:
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		if c := buildQuery(n.Child); c != nil {
			b.AddMustNot(c)
			return b
		}
		return bleve.NewMatchNoneQuery() // NOT of "no constraint"
	case AndNode:
		var must, mustNot []query.Query
		for _, c := range n.Children {
			if not, ok := c.(NotNode); ok {
				if q := buildQuery(not.Child); q != nil {
					mustNot = append(mustNot, q)
				} else {
					return bleve.NewMatchNoneQuery()
				}
				continue
			}
			if q := buildQuery(c); q != nil {
				must = append(must, q)
			}
		}
		if len(mustNot) == 0 {
			switch len(must) {
			case 0:
				return nil
			case 1:
				return must[0]
			}
			return bleve.NewConjunctionQuery(must...)
		}
		b := bleve.NewBooleanQuery()
		if len(must) == 0 {
			must = append(must, bleve.NewMatchAllQuery())
		}
		b.AddMust(must...)
		b.AddMustNot(mustNot...)
		return b
	case OrNode:
		var any []query.Query
		for _, c := range n.Children {
			q := buildQuery(c)
			if q == nil {
				return nil // one side is unconstrained, so the whole OR is
			}
			any = append(any, q)
		}
		return bleve.NewDisjunctionQuery(any...)
	}
	panic(fmt.Sprintf("index: unknown query node %T", n))
}

func termQuery(field, term string) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// monthsQuery matches candidates whose months with skill id compare to n
// (see the skill_months field).
func monthsQuery(id, op string, n int) query.Query {
	lo, hi := 0, maxMonthsTerm
	switch op {
	case ">=":
		lo = n
	case ">":
		lo = n + 1
	case "<=":
		hi = n
	case "<":
		hi = n - 1
	case "=":
		lo, hi = n, n
	}
	if lo > hi || lo > maxMonthsTerm {
		return bleve.NewMatchNoneQuery()
	}
	if hi == maxMonthsTerm && slices.Contains(monthsThresholds, lo) {
		return termQuery(fieldSkillMin, minTerm(id, lo))
	}
	t := true
	q := bleve.NewTermRangeInclusiveQuery(monthsTerm(id, lo), monthsTerm(id, hi), &t, &t)
	q.SetField(fieldSkillMonths)
	return q
}

func totalQuery(op string, n int) query.Query {
	v := float64(n)
	t, f := true, false
	var q *query.NumericRangeQuery
	switch op {
	case ">=":
		q = bleve.NewNumericRangeInclusiveQuery(&v, nil, &t, nil)
	case ">":
		q = bleve.NewNumericRangeInclusiveQuery(&v, nil, &f, nil)
	case "<=":
		q = bleve.NewNumericRangeInclusiveQuery(nil, &v, nil, &t)
	case "<":
		q = bleve.NewNumericRangeInclusiveQuery(nil, &v, nil, &f)
	default: // "="
		q = bleve.NewNumericRangeInclusiveQuery(&v, &v, &t, &t)
	}
	q.SetField(fieldTotalMonths)
	return q
}

// textAnalyzer is the analyser of the text field, used to drop query words
// it would drop from documents.
var textAnalyzer = func() analysis.Analyzer {
	a := buildMapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		panic("index: analyzer " + en.AnalyzerName + " is not registered")
	}
	return a
}()

// hasTokens reports whether the text analyser keeps anything of s: a stop
// word alone ("the", "with") would otherwise match nothing.
func hasTokens(s string) bool {
	return len(textAnalyzer.Analyze([]byte(s))) > 0
}

// cursor is the opaque pagination token: the sort key of the last hit, and a
// fingerprint of the query it belongs to.
type cursor struct {
	Q     string `json:"q"`
	Score string `json:"s"`
	ID    string `json:"i"`
}

func fingerprint(req SearchRequest) string {
	h := sha256.New()
	h.Write([]byte(req.Query))
	for _, s := range req.Skills {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func encodeCursor(fp string, score float64, id string) string {
	b, _ := json.Marshal(cursor{Q: fp, Score: strconv.FormatFloat(score, 'g', -1, 64), ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

// pageAfter is a decoded cursor: the sort key of the previous page's last
// hit.
type pageAfter struct {
	score     float64
	scoreText string // score as the cursor spells it, for bleve's search-after
	id        string
}

// decodeCursor decodes a cursor of the query with fingerprint fp; a
// malformed cursor or one of another query is engine.ErrInvalid.
func decodeCursor(s, fp string) (*pageAfter, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	var score float64
	if err == nil {
		score, err = strconv.ParseFloat(c.Score, 64)
	}
	if err != nil || c.ID == "" {
		return nil, fmt.Errorf("cursor: malformed: %w", engine.ErrInvalid)
	}
	if c.Q != fp {
		return nil, fmt.Errorf("cursor: belongs to another query: %w", engine.ErrInvalid)
	}
	return &pageAfter{score: score, scoreText: c.Score, id: c.ID}, nil
}

func fieldString(v any) string {
	s, _ := v.(string)
	return s
}

func fieldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

func fieldInt(v any) int {
	f, _ := v.(float64)
	return int(f)
}
