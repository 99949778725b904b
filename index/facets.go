package index

import "github.com/blevesearch/bleve/v2/search"

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
