package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
)

// TestOnePassMatchesBleve: the one-walk search gives exactly bleve's
// answer — the same hits in the same order with the same scores and stored
// fields, the same total, cursors and facets — page after page, for queries
// of every shape, on an index of several segments with deleted documents,
// in memory and again after a reopen (segments read from disk).
func TestOnePassMatchesBleve(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	for from := 0; from < 400; from += 80 {
		fill(t, s, from, 80)
	}
	deleteEvery(t, s, 9)
	queries := []string{
		"python",
		"django AND (aws OR gcp) -java",
		"skill:python months>=36",
		"python months>=24 docker months>=12 total_months>=60",
		`"data pipeline" kafka`,
		"",
		"-python",
		"kafka OR spark",
		"nosuchwordanywhere",
	}
	pages := 0
	compare := func(s *Store) {
		for _, text := range queries {
			q := parsedQuery(t, s, text)
			fp := fingerprint(SearchRequest{Query: text})
			for _, limit := range []int{1, 7, 20, 100} {
				var after *pageAfter
				for page := 0; page < 6; page++ {
					name := fmt.Sprintf("%q limit %d page %d", text, limit, page)
					s.mu.RLock()
					want, werr := s.searchBleve(ctx, q, fp, limit, after, page == 0)
					got, ok, gerr := s.searchOnePass(ctx, q, fp, limit, after, page == 0)
					s.mu.RUnlock()
					if werr != nil || gerr != nil || !ok {
						t.Fatalf("%s: bleve err %v; one pass ok %v, err %v", name, werr, ok, gerr)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Fatalf("%s (-bleve +one pass):\n%s", name, diff)
					}
					pages++
					if got.NextCursor == "" {
						break
					}
					var err error
					if after, err = decodeCursor(got.NextCursor, fp); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	compare(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, dir)
	compare(s)
	if pages < 120 {
		t.Errorf("compared %d pages; the fixture should give more", pages)
	}
}

// parsedQuery is the bleve query Search runs for text (without skill
// filters): the parsed query, or match-all for an empty one.
func parsedQuery(tb testing.TB, s *Store, text string) query.Query {
	tb.Helper()
	ast, err := ParseQuery(text, s.opts.ResolveSkill)
	if err != nil {
		tb.Fatal(err)
	}
	q := buildQuery(ast)
	if q == nil {
		q = bleve.NewMatchAllQuery()
	}
	return q
}

// deleteEvery deletes every n-th stored candidate (in ForEachCandidate's
// order, from the first), leaving deleted documents in the index segments.
func deleteEvery(t *testing.T, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	s.ForEachCandidate(ctx, func(c Candidate) error {
		ids = append(ids, c.ID)
		return nil
	})
	for i := 0; i < len(ids); i += n {
		if err := s.DeleteCandidate(ctx, ids[i]); err != nil {
			t.Fatal(err)
		}
	}
}
