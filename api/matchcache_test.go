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
