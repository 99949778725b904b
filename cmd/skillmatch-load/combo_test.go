package main

import (
	"testing"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// TestComboQueries: the combos run sends queries the search language
// accepts, with many distinct ones (beyond the server's caches of 1,024) and
// no two consecutive alike.
func TestComboQueries(t *testing.T) {
	tax := taxonomy.Default()
	gen := newGenerator(tax, 1)
	resolve := func(n string) (string, bool) {
		sk, ok := tax.Lookup(n)
		return sk.ID, ok
	}
	seen := map[string]bool{}
	prev := ""
	const n = 20_000
	for i := range n {
		q := comboQuery(gen.common, i)
		if q == prev {
			t.Fatalf("query %d repeats query %d: %q", i, i-1, q)
		}
		prev = q
		if _, err := index.ParseQuery(q, resolve); err != nil {
			t.Fatalf("query %d %q: %v", i, q, err)
		}
		seen[q] = true
	}
	if len(seen) < 8_000 {
		t.Errorf("%d distinct queries in %d, want at least 8,000", len(seen), n)
	}
}
