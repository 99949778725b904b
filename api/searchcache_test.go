package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/index"
)

// TestSearchCacheFollowsIndex: repeated searches are answered from the
// encoded-response cache, yet an upload or a delete shows in the very next
// search, and an open answer is never served to a blind request (or the
// other way round).
func TestSearchCacheFollowsIndex(t *testing.T) {
	e := newEnv(t, "", nil)
	upload := func(name string) string {
		t.Helper()
		status, body := e.upload(e.reader, []string{name + ".txt"}, [][]byte{resumeFixture(t, name)})
		if status != http.StatusCreated {
			t.Fatalf("upload %s = %d %s", name, status, body)
		}
		var r struct{ Candidates []struct{ ID string } }
		json.Unmarshal(body, &r)
		return r.Candidates[0].ID
	}
	upload("python-django-aws-senior")
	upload("accountant")
	const path = "/api/v1/candidates?q=django"
	search := func(blind bool) (searchResp, []byte) {
		t.Helper()
		p := path
		if blind {
			p += "&blind=1"
		}
		status, body, _ := e.do(http.MethodGet, p, e.reader, "", nil)
		if status != http.StatusOK {
			t.Fatalf("GET %s = %d %s", p, status, body)
		}
		var r searchResp
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		return r, body
	}
	first, firstBody := search(false)
	if diff := cmp.Diff([]string{"python-django-aws-senior.txt"}, hitFiles(first)); diff != "" {
		t.Fatalf("search django (-want +got):\n%s", diff)
	}
	_, again := search(false)
	if string(again) != string(firstBody) {
		t.Errorf("repeated search answered differently:\n%s\n%s", firstBody, again)
	}
	if b, _ := search(true); slices.Contains(hitFiles(b), "python-django-aws-senior.txt") || len(b.Hits) != 1 {
		t.Errorf("blind search after an open one = %v, want one hit with the file hidden", hitFiles(b))
	}
	if o, _ := search(false); !slices.Equal(hitFiles(o), hitFiles(first)) {
		t.Errorf("open search after a blind one = %v, want file names", hitFiles(o))
	}

	junior := upload("junior-django")
	got, _ := search(false)
	if !slices.Contains(hitFiles(got), "junior-django.txt") || got.Total != 2 {
		t.Errorf("search after an upload = %v (total %d), want the new candidate too", hitFiles(got), got.Total)
	}
	if status, body, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+junior, e.admin, "", nil); status != http.StatusNoContent {
		t.Fatalf("delete = %d %s", status, body)
	}
	got, _ = search(false)
	if slices.Contains(hitFiles(got), "junior-django.txt") || got.Total != 1 {
		t.Errorf("search after a delete = %v (total %d), want the candidate gone", hitFiles(got), got.Total)
	}
}

// TestSearchKey: requests differing in any part have different keys, even
// when a crafted query holds the separators.
func TestSearchKey(t *testing.T) {
	reqs := []index.SearchRequest{
		{Query: "python", Limit: 20},
		{Query: "python", Limit: 21},
		{Query: "python", Limit: 20, Cursor: "x"},
		{Query: "python", Limit: 20, NoFacets: true},
		{Query: "python", Skills: []string{"django"}, Limit: 20},
		{Query: "python", Skills: []string{"django", "aws"}, Limit: 20},
		{Query: "python 6:django", Limit: 20},
		{Query: "python", Skills: []string{"django aws"}, Limit: 20},
	}
	seen := map[string]int{}
	for i, r := range reqs {
		for _, blind := range []bool{false, true} {
			for _, asOf := range []string{"2026-01-10", "2026-09-05"} {
				k := searchKey(r, blind, asOf)
				if j, ok := seen[k]; ok {
					t.Errorf("request %d (blind %v, as of %s) shares key %q with request %d", i, blind, asOf, k, j)
				}
				seen[k] = i
			}
		}
	}
}
