package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

// TestFacetsMatchBleve compares the facets the one-walk search counts from
// the segment cache (onePass) with bleve's terms facet builder on a few
// hundred generated candidates, for queries of every shape (terms, phrase,
// boolean, months, match-all, no match), before and after the cache is warm.
func TestFacetsMatchBleve(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	// Several batches make several index segments.
	for from := 0; from < 300; from += 60 {
		fill(t, s, from, 60)
	}
	queries := []string{
		"python",
		"django AND (aws OR gcp) -java",
		"skill:python months>=36",
		"python months>=24 docker months>=12 total_months>=60",
		`"data pipeline" kafka`,
		"",
		"nosuchwordanywhere",
	}
	compare := func(t *testing.T, round string) {
		for _, text := range queries {
			t.Run(round+"/"+text, func(t *testing.T) {
				q := parsedQuery(t, s, text)
				sreq := bleve.NewSearchRequestOptions(q, 0, 0, false)
				sreq.AddFacet("skill", bleve.NewFacetRequest(fieldSkill, skillFacetSize))
				sreq.AddFacet("category", bleve.NewFacetRequest(fieldCategory, catFacetSize))
				res, err := s.idx.SearchInContext(ctx, sreq)
				if err != nil {
					t.Fatal(err)
				}
				want := facetCounts(res.Facets)
				if text != "nosuchwordanywhere" && len(want["skill"]) == 0 {
					t.Fatalf("fixture gives no skill facets for %q; the comparison would be empty", text)
				}
				s.mu.RLock()
				got, ok, err := s.searchOnePass(ctx, q, "", 1, nil, true)
				s.mu.RUnlock()
				if err != nil || !ok {
					t.Fatalf("one pass: ok %v, err %v", ok, err)
				}
				if diff := cmp.Diff(want, got.Facets); diff != "" {
					t.Errorf("facets (-bleve +ours):\n%s", diff)
				}
			})
		}
	}
	compare(t, "fresh")
	if n := len(s.facetTerms.segs); n < 2 {
		t.Fatalf("the cache decoded %d segments; the test wants several", n)
	}
	// Deletes and new candidates after the cache is warm: deleted documents
	// must stop counting, new segments must be decoded.
	deleteEvery(t, s, 7)
	fill(t, s, 300, 40)
	compare(t, "after deletes and adds")
}

// TestTopCounts compares topCounts with sorting every non-zero count, on
// random counts full of ties.
func TestTopCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		n := r.IntN(300)
		counts := make([]int32, n)
		names := make([]string, n)
		for i := range counts {
			names[i] = fmt.Sprintf("t%03d", r.IntN(1000))
			if r.IntN(3) > 0 {
				counts[i] = int32(r.IntN(12))
			}
		}
		size := 1 + r.IntN(60)
		var want []FacetCount
		for i, c := range counts {
			if c > 0 {
				want = append(want, FacetCount{Term: names[i], Count: int(c)})
			}
		}
		slices.SortStableFunc(want, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
		if len(want) > size {
			want = want[:size]
		}
		got := topCounts(counts, names, size)
		if len(want) == 0 {
			want = []FacetCount{}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d (n %d, size %d) (-want +got):\n%s", round, n, size, diff)
		}
	}
}
