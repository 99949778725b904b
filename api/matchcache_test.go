package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestMatchesCacheFollowsCandidates checks that cached rankings never hide a
// change: a repeated request is answered from the cache, an upload is in the
// very next ranking, a delete is gone from it, and a role update ranks with
// the new version.
func TestMatchesCacheFollowsCandidates(t *testing.T) {
	e := newEnv(t, "", nil)
	if status, body := e.upload(e.reader, []string{"java-backend.txt"}, [][]byte{resumeFixture(t, "java-backend")}); status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader("title: Python dev\nrequired: [Python]\nplus: [Django, AWS]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	path := "/api/v1/roles/" + ro.ID + "/matches"

	var m matchesResp
	e.getJSON(path, e.reader, &m)
	e.getJSON(path, e.reader, &m)
	if hits := e.s.ranks.hits.Load(); hits != 1 {
		t.Errorf("cache hits after a repeated request = %d, want 1", hits)
	}
	if got := files(m); len(got) != 1 || got[0] != "java-backend.txt" {
		t.Fatalf("matches before upload = %v", got)
	}

	status, body = e.upload(e.reader, []string{"python-django-aws-senior.txt"}, [][]byte{resumeFixture(t, "python-django-aws-senior")})
	if status != http.StatusCreated {
		t.Fatalf("upload = %d %s", status, body)
	}
	e.getJSON(path, e.reader, &m)
	if got := files(m); len(got) != 2 || got[0] != "python-django-aws-senior.txt" {
		t.Fatalf("matches after upload = %v, want the new Python resume first", got)
	}
	newID := m.Results[0].CandidateID

	if status, body, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+newID, e.admin, "", nil); status != http.StatusNoContent {
		t.Fatalf("delete = %d %s", status, body)
	}
	e.getJSON(path, e.reader, &m)
	if got := files(m); len(got) != 1 || got[0] != "java-backend.txt" {
		t.Errorf("matches after delete = %v, want only java-backend.txt", got)
	}

	status, body, _ = e.do(http.MethodPut, "/api/v1/roles/"+ro.ID, e.reader, "application/yaml", strings.NewReader("title: Java dev\nrequired: [Java]\n"))
	if status != http.StatusOK {
		t.Fatalf("update role = %d %s", status, body)
	}
	var updated struct{ Version string }
	json.Unmarshal(body, &updated)
	e.getJSON(path, e.reader, &m)
	if m.Role.Version != updated.Version || len(m.Results) != 1 || m.Results[0].Score <= 0 {
		t.Errorf("matches after role update: version %q (want %q), results %+v", m.Role.Version, updated.Version, m.Results)
	}
}

// TestRankCacheEvicts checks the LRU bound.
func TestRankCacheEvicts(t *testing.T) {
	c := newRankCache(2)
	for i := range 3 {
		c.put(&rankEntry{key: rankKey{roleID: string(rune('a' + i))}})
	}
	if _, ok := c.get(rankKey{roleID: "a"}); ok {
		t.Error("oldest entry still cached after a third put into a cache of 2")
	}
	for _, id := range []string{"b", "c"} {
		if _, ok := c.get(rankKey{roleID: id}); !ok {
			t.Errorf("entry %s evicted, want kept", id)
		}
	}
}

// TestMatchesMergeAfterUpload: after uploads only, a cached ranking is
// brought up to date by scoring just the new candidates, and the answer is
// byte for byte the one a fresh ranking gives; after a delete the ranking
// starts over.
func TestMatchesMergeAfterUpload(t *testing.T) {
	e := newEnv(t, "", nil)
	e.uploadFixtures(t, "java-backend", "frontend-react", "data-scientist")
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader("title: Python Backend Developer\nrequired: [Python, {any: [Django, Flask]}]\nplus: [AWS, Docker, PostgreSQL]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	for _, path := range []string{"/api/v1/roles/" + ro.ID + "/matches?limit=2", "/api/v1/roles/" + ro.ID + "/matches?limit=20&min_score=10"} {
		get := func() []byte {
			t.Helper()
			status, body, _ := e.do(http.MethodGet, path, e.reader, "", nil)
			if status != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, status, body)
			}
			return body
		}
		get()
		merges := e.s.ranks.merges.Load()
		e.uploadFixtures(t, "python-django-aws-senior", "python-flask-gcp")
		merged := get()
		if got := e.s.ranks.merges.Load(); got != merges+1 {
			t.Errorf("%s: merges = %d after an upload, want %d", path, got, merges+1)
		}
		e.s.ranks = newRankCache(256) // a fresh ranking of the same candidates
		if fresh := get(); string(fresh) != string(merged) {
			t.Errorf("%s: merged answer\n%s\ndiffers from a fresh ranking\n%s", path, merged, fresh)
		}
		var m matchesResp
		json.Unmarshal(merged, &m)
		if len(m.Results) == 0 || !strings.HasPrefix(m.Results[0].File, "python-") {
			t.Errorf("%s: top result %+v, want a newly uploaded Python resume", path, m.Results)
		}
		// A delete is not an addition: ranked from scratch.
		miss := e.s.ranks.miss.Load()
		if status, body, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+m.Results[0].CandidateID, e.admin, "", nil); status != http.StatusNoContent {
			t.Fatalf("delete = %d %s", status, body)
		}
		get()
		if got := e.s.ranks.miss.Load(); got != miss+1 {
			t.Errorf("%s: misses = %d after a delete, want %d", path, got, miss+1)
		}
	}
}
