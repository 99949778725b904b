package api

import (
	"net/http"
	"net/url"
	"testing"
)

// TestSearchFacetsParam checks when search answers with facets: on a first
// page by default, never with facets=0, on a next page only with facets=1.
func TestSearchFacetsParam(t *testing.T) {
	e := newEnv(t, "", nil)
	names := []string{"python-django-aws-senior", "java-backend", "frontend-react"}
	e.uploadFixtures(t, names...)
	type page struct {
		Hits       []struct{ ID string }  `json:"hits"`
		Facets     map[string][]facetView `json:"facets"`
		NextCursor string                 `json:"next_cursor"`
	}
	var first page
	e.getJSON("/api/v1/candidates?limit=1", e.reader, &first)
	if len(first.Facets["skill"]) == 0 || first.NextCursor == "" {
		t.Fatalf("first page = %+v, want skill facets and a next cursor", first)
	}
	cur := url.QueryEscape(first.NextCursor)
	for _, c := range []struct {
		query      string
		wantFacets bool
	}{
		{"limit=1&facets=0", false},
		{"limit=1&cursor=" + cur, false},
		{"limit=1&facets=1&cursor=" + cur, true},
		{"limit=1&facets=true", true},
	} {
		var p page
		e.getJSON("/api/v1/candidates?"+c.query, e.reader, &p)
		if got := len(p.Facets["skill"]) > 0; got != c.wantFacets || len(p.Hits) != 1 {
			t.Errorf("%s: %d hits, facets %v; want 1 hit, facets %v", c.query, len(p.Hits), p.Facets, c.wantFacets)
		}
	}
	if status, body, _ := e.do(http.MethodGet, "/api/v1/candidates?facets=maybe", e.reader, "", nil); status != http.StatusBadRequest {
		t.Errorf("facets=maybe = %d %s, want 400", status, body)
	}
}
