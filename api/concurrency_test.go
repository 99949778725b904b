package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentUse runs uploads, rankings, searches and deletes at the same
// time: no request may fail with a server error (e.g. "database is locked"),
// and afterwards the ranker, the store and the index agree.
func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, "", func(c *Config) { c.RateLimit = RateLimit{} })
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml",
		strings.NewReader("title: Python dev\nrequired: [Python, any: [Django, Flask]]\nplus: [AWS, Docker]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	base := string(resumeFixture(t, "python-django-aws-senior"))

	const uploaders, each = 10, 4
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		ids    []string
		failed []string
	)
	report := func(what string, status int, body []byte) {
		if status >= 500 || strings.Contains(string(body), "locked") {
			mu.Lock()
			failed = append(failed, fmt.Sprintf("%s: %d %.200s", what, status, body))
			mu.Unlock()
		}
	}
	for u := 0; u < uploaders; u++ {
		wg.Add(1)
		go func(u int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				doc := fmt.Sprintf("%s\nReference number %d-%d\n", base, u, i)
				status, body := e.upload(e.reader, []string{fmt.Sprintf("r-%d-%d.txt", u, i)}, [][]byte{[]byte(doc)})
				report("upload", status, body)
				var up uploadResp
				if json.Unmarshal(body, &up) == nil && len(up.Candidates) == 1 {
					mu.Lock()
					ids = append(ids, up.Candidates[0].ID)
					mu.Unlock()
				}
			}
		}(u)
	}
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				status, body, _ := e.do(http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches", e.reader, "", nil)
				report("matches", status, body)
				status, body, _ = e.do(http.MethodGet, "/api/v1/candidates?q=python&skill=django", e.reader, "", nil)
				report("search", status, body)
				mu.Lock()
				var victim string
				if len(ids) > 0 && i%3 == 0 {
					victim, ids = ids[0], ids[1:]
				}
				mu.Unlock()
				if victim != "" {
					status, body, _ := e.do(http.MethodDelete, "/api/v1/candidates/"+victim, e.admin, "", nil)
					report("delete", status, body)
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range failed {
		t.Error(f)
	}

	var m matchesResp
	e.getJSON("/api/v1/roles/"+ro.ID+"/matches?limit=200", e.reader, &m)
	var ready struct{ Candidates int }
	e.getJSON("/readyz", "", &ready)
	var sr searchResp
	e.getJSON("/api/v1/candidates?limit=100", e.reader, &sr)
	if len(m.Results) != ready.Candidates || sr.Total != ready.Candidates || e.s.live.ranker.Len() != ready.Candidates {
		t.Errorf("after the storm: %d ranked, %d in the ranker, %d in the store, %d in the index; want all equal",
			len(m.Results), e.s.live.ranker.Len(), ready.Candidates, sr.Total)
	}
}
