package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// searchFixture stores four candidates the search tests query.
func searchFixture(t *testing.T) (*Store, map[string]string) {
	s := openTest(t, t.TempDir())
	ids := map[string]string{
		"a": add(t, s, "a.txt", "Senior Python developer building Django services on AWS", 60, "python:48", "django:36", "aws:12").ID,
		"b": add(t, s, "b.txt", "Java engineer, some Python scripting on GCP", 72, "java:60", "python:6", "gcp:24").ID,
		"c": add(t, s, "c.txt", "Data analyst. Python, SQL, pandas.", 24, "python", "sql").ID,
		"d": add(t, s, "d.txt", "Frontend developer: JavaScript and CSS, some Kubernetes", 30, "javascript:30", "css:30", "kubernetes:12").ID,
	}
	return s, ids
}

func TestSearchQueries(t *testing.T) {
	s, ids := searchFixture(t)
	tests := []struct {
		query  string
		skills []string
		want   string // candidate letters
	}{
		{"", nil, "abcd"},
		{"python", nil, "abc"},
		{"Python", nil, "abc"},
		{"django AND aws", nil, "a"},
		{"django aws", nil, "a"},
		{"django and aws", nil, "a"},
		{"django OR java", nil, "ab"},
		{"python -java", nil, "ac"},
		{"python NOT java", nil, "ac"},
		{"-python", nil, "d"},
		{"NOT (python OR css)", nil, ""},
		{"skill:python months>=36", nil, "a"},
		{"python months>=6", nil, "ab"},
		{"python months>6", nil, "a"},
		{"python months<=6", nil, "b"},
		{"python months < 48", nil, "b"},
		{"python months=48", nil, "a"},
		{"python months>=0", nil, "ab"},    // c's python is undated: no months
		{"python with 3+ years", nil, "a"}, // python months>=36, not the words
		{"python 1 year", nil, "a"},        // b's 6 months are under a year
		{"python years", nil, ""},          // "years" alone stays a word, in no resume
		{"skill:k8s", nil, "d"},
		{"k8s", nil, "d"}, // an alias finds the skill though the text says Kubernetes
		{"skill:JS months>=24", nil, "d"},
		{"total_months>=60", nil, "ab"},
		{"total_months<30", nil, "c"},
		{"total_months=30", nil, "d"},
		{"(django OR java) AND total_months>60", nil, "b"},
		{`"python developer"`, nil, "a"},
		{`"developer python"`, nil, ""},
		{"developers", nil, "ad"}, // stemmed
		{"the", nil, "abcd"},      // a stop word constrains nothing
		{"python the", nil, "abc"},
		{"pandas", nil, "c"},
		{"unheardofword", nil, ""},
		{"", []string{"python", "aws"}, "a"},
		{"developer", []string{"kubernetes"}, "d"},
		{"python", []string{"Postgres"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var want []string
			for _, l := range tt.want {
				want = append(want, ids[string(l)])
			}
			slices.Sort(want)
			got := searchIDs(t, s, SearchRequest{Query: tt.query, Skills: tt.skills})
			if !slices.Equal(got, want) {
				t.Errorf("Search(%q, skills %v) = %v, want %v (%s)", tt.query, tt.skills, got, want, tt.want)
			}
		})
	}
}

func TestSearchHitsAndFacets(t *testing.T) {
	s, ids := searchFixture(t)
	res, err := s.Search(context.Background(), SearchRequest{Query: "python"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 {
		t.Errorf("Total = %d, want 3", res.Total)
	}
	var a *SearchHit
	for i := range res.Hits {
		if res.Hits[i].ID == ids["a"] {
			a = &res.Hits[i]
		}
	}
	if a == nil {
		t.Fatalf("hit a missing from %+v", res.Hits)
	}
	want := SearchHit{ID: ids["a"], File: "a.txt", Score: a.Score, Skills: []string{"python", "django", "aws"}, TotalMonths: 60}
	slices.Sort(want.Skills)
	slices.Sort(a.Skills)
	if diff := cmp.Diff(want, *a); diff != "" {
		t.Errorf("hit a (-want +got):\n%s", diff)
	}
	if a.Score <= 0 {
		t.Errorf("hit score = %v, want > 0", a.Score)
	}
	wantFacets := map[string][]FacetCount{
		"skill": {{"python", 3}, {"aws", 1}, {"django", 1}, {"gcp", 1}, {"java", 1}, {"sql", 1}},
		// categories count candidates: a, b and c all have a language.
		"category": {{"language", 3}, {"cloud", 2}, {"database", 1}, {"framework", 1}},
	}
	if diff := cmp.Diff(wantFacets, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}

	// Facets follow every change of the index (they are cached per query).
	ctx := context.Background()
	e := add(t, s, "e.txt", "Python and Flask", 12, "python:12", "flask:12")
	if err := s.DeleteCandidate(ctx, ids["b"]); err != nil {
		t.Fatal(err)
	}
	res, err = s.Search(ctx, SearchRequest{Query: "python"})
	if err != nil {
		t.Fatal(err)
	}
	wantFacets = map[string][]FacetCount{
		"skill":    {{"python", 3}, {"aws", 1}, {"django", 1}, {"flask", 1}, {"sql", 1}},
		"category": {{"language", 3}, {"framework", 2}, {"cloud", 1}, {"database", 1}},
	}
	if diff := cmp.Diff(wantFacets, res.Facets); diff != "" {
		t.Errorf("facets after adding %s and deleting b (-want +got):\n%s", e.ID, diff)
	}
}

func TestSearchCursorPagination(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	var in []NewCandidate
	for i := range 125 {
		text := fmt.Sprintf("python developer number %d", i)
		if i%5 == 0 {
			text += " python python" // vary the scores
		}
		in = append(in, NewCandidate{File: fmt.Sprintf("%d.txt", i), Original: []byte(text), Profile: profile(text, i, "python")})
	}
	if _, err := s.AddCandidates(ctx, in); err != nil {
		t.Fatal(err)
	}

	for _, limit := range []int{7, 50} {
		seen := map[string]bool{}
		cursor := ""
		pages := 0
		lastScore := 1e9
		for {
			res, err := s.Search(ctx, SearchRequest{Query: "python", Limit: limit, Cursor: cursor})
			if err != nil {
				t.Fatalf("limit %d page %d: %v", limit, pages, err)
			}
			pages++
			if res.Total != 125 {
				t.Errorf("Total = %d, want 125", res.Total)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Errorf("limit %d: %s returned twice", limit, h.ID)
				}
				seen[h.ID] = true
				if h.Score > lastScore {
					t.Errorf("limit %d: score %v after %v: not best first", limit, h.Score, lastScore)
				}
				lastScore = h.Score
			}
			if res.NextCursor == "" {
				if len(res.Hits) > limit {
					t.Errorf("page of %d hits, limit %d", len(res.Hits), limit)
				}
				break
			}
			if len(res.Hits) != limit {
				t.Errorf("limit %d: a page with a next cursor has %d hits", limit, len(res.Hits))
			}
			cursor = res.NextCursor
		}
		if len(seen) != 125 || pages != (125+limit-1)/limit {
			t.Errorf("limit %d: %d candidates in %d pages, want 125 in %d", limit, len(seen), pages, (125+limit-1)/limit)
		}
	}

	res, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 1000})
	if err != nil || len(res.Hits) != maxLimit {
		t.Errorf("Limit 1000 gave %d hits (%v), want the cap %d", len(res.Hits), err, maxLimit)
	}
	res, err = s.Search(ctx, SearchRequest{Query: "python"})
	if err != nil || len(res.Hits) != defaultLimit {
		t.Errorf("default limit gave %d hits (%v), want %d", len(res.Hits), err, defaultLimit)
	}
	bad := []SearchRequest{
		{Query: "python", Cursor: "not a cursor!"},
		{Query: "java", Cursor: res.NextCursor}, // another query's cursor
		{Query: "python", Limit: -1},
	}
	for _, req := range bad {
		if _, err := s.Search(ctx, req); !errors.Is(err, engine.ErrInvalid) {
			t.Errorf("Search(%+v): err = %v, want ErrInvalid", req, err)
		}
	}
}

func TestSearchInvalidQuery(t *testing.T) {
	s, _ := searchFixture(t)
	for _, q := range []string{"(python", "python months>=36 months>=4", "skill:nosuchskill", "months>=3"} {
		if _, err := s.Search(context.Background(), SearchRequest{Query: q}); !errors.Is(err, engine.ErrInvalid) {
			t.Errorf("Search(%q): err = %v, want ErrInvalid", q, err)
		}
	}
	if _, err := s.Search(context.Background(), SearchRequest{Skills: []string{"nosuchskill"}}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("Search(skills nosuchskill): err = %v, want ErrInvalid", err)
	}
}

// Every months condition, whether answered from a threshold term or a term
// range, selects exactly the candidates whose profile satisfies it.
func TestMonthsConditionsAgainstProfiles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	months := map[string]*int{} // candidate id → python months (nil: undated)
	var in []NewCandidate
	for i := range 70 {
		text := fmt.Sprintf("candidate %d", i)
		specs := []string{"java:7"}
		switch {
		case i%10 == 9:
			specs = append(specs, "python") // undated
		case i%10 == 8:
			// no python at all
		default:
			specs = append(specs, fmt.Sprintf("python:%d", (i*37)%131))
		}
		in = append(in, NewCandidate{File: text, Original: []byte(text), Profile: profile(text, 0, specs...)})
	}
	res, err := s.AddCandidates(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		for _, sk := range r.Candidate.Profile.Skills {
			if sk.ID == "python" {
				months[r.Candidate.ID] = sk.Months
			}
		}
	}
	compare := map[string]func(m, n int) bool{
		">=": func(m, n int) bool { return m >= n },
		">":  func(m, n int) bool { return m > n },
		"<=": func(m, n int) bool { return m <= n },
		"<":  func(m, n int) bool { return m < n },
		"=":  func(m, n int) bool { return m == n },
	}
	for op, cmpFn := range compare {
		for n := 0; n <= 132; n++ {
			var want []string
			for id, m := range months {
				if m != nil && cmpFn(*m, n) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			q := fmt.Sprintf("python months%s%d", op, n)
			r, err := s.Search(ctx, SearchRequest{Query: q, Limit: 100})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var got []string
			for _, h := range r.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %d candidates, want %d", q, len(got), len(want))
			}
		}
	}
}

// TestSearchCachedPages checks the per-generation facet cache: a
// repeated search answers the same, a caller modifying its result does not
// change the next answer, NoFacets leaves facets out (and a later search
// with facets still has them), and an index write shows in the next search.
func TestSearchCachedPages(t *testing.T) {
	ctx := context.Background()
	s, ids := searchFixture(t)
	first, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := first.clone()
	first.Hits[0].ID = "scribbled"
	first.Facets["skill"][0].Count = -1
	again, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("repeated search after the caller modified its result (-want +got):\n%s", diff)
	}
	bare, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 2, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Facets != nil || cmp.Diff(want.Hits, bare.Hits) != "" || bare.NextCursor != want.NextCursor {
		t.Errorf("NoFacets = %+v, want the same page without facets", bare)
	}
	next, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 2, Cursor: want.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Hits) != 1 || next.Hits[0].ID == want.Hits[0].ID || next.Hits[0].ID == want.Hits[1].ID {
		t.Errorf("second page = %+v, want the third hit", next.Hits)
	}
	if err := s.DeleteCandidate(ctx, ids["a"]); err != nil {
		t.Fatal(err)
	}
	after, err := s.Search(ctx, SearchRequest{Query: "python", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != want.Total-1 || after.Facets["skill"][0] != (FacetCount{"python", 2}) {
		t.Errorf("after deleting a: total %d, skill facets %v; want %d and python 2", after.Total, after.Facets["skill"], want.Total-1)
	}
	for _, h := range after.Hits {
		if h.ID == ids["a"] {
			t.Errorf("deleted candidate a still in the (cached) hits")
		}
	}
}
