package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

// TestCountFacetsMatchesBleve compares our facet counts with bleve's terms
// facet builder on a few hundred generated candidates, for queries of every
// shape (terms, phrase, boolean, months, match-all, no match).
func TestCountFacetsMatchesBleve(t *testing.T) {
	s := openTest(t, t.TempDir())
	fill(t, s, 0, 300)
	resolve := s.opts.ResolveSkill
	for _, text := range []string{
		"python",
		"django AND (aws OR gcp) -java",
		"skill:python months>=36",
		"python months>=24 docker months>=12 total_months>=60",
		`"data pipeline" kafka`,
		"",
		"nosuchwordanywhere",
	} {
		t.Run(text, func(t *testing.T) {
			ast, err := ParseQuery(text, resolve)
			if err != nil {
				t.Fatal(err)
			}
			q := buildQuery(ast)
			if q == nil {
				q = bleve.NewMatchAllQuery()
			}
			sreq := bleve.NewSearchRequestOptions(q, 0, 0, false)
			sreq.AddFacet("skill", bleve.NewFacetRequest(fieldSkill, skillFacetSize))
			sreq.AddFacet("category", bleve.NewFacetRequest(fieldCategory, catFacetSize))
			res, err := s.idx.SearchInContext(context.Background(), sreq)
			if err != nil {
				t.Fatal(err)
			}
			want := facetCounts(res.Facets)
			got, err := countFacets(context.Background(), s.idx, q)
			if err != nil {
				t.Fatal(err)
			}
			if text != "nosuchwordanywhere" && len(want["skill"]) == 0 {
				t.Fatalf("fixture gives no skill facets for %q; the comparison would be empty", text)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("facets (-bleve +ours):\n%s", diff)
			}
		})
	}
}
