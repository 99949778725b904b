package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/index"
)

// benchEnv is a server over n stored candidates made from the
// resume fixtures (each with a distinct reference line), and a role.
func benchEnv(b *testing.B, n int) (*env, string) {
	b.Helper()
	e := newEnv(b, "", func(c *Config) { c.RateLimit = RateLimit{} })
	paths, _ := filepath.Glob("../testdata/resumes/*.txt")
	if len(paths) == 0 {
		b.Skip("no resume fixtures")
	}
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	ctx := context.Background()
	for done := 0; done < n; {
		batch := make([]index.NewCandidate, 0, 500)
		for ; done < n && len(batch) < 500; done++ {
			text := fmt.Sprintf("%s\nReference %d\n", texts[done%len(texts)], done)
			p := resume.Parse(text, e.tax, resume.Options{AsOf: asOf, Format: "text"})
			batch = append(batch, index.NewCandidate{File: fmt.Sprintf("r%d.txt", done), Original: []byte(text), Profile: p})
		}
		res, err := e.store.AddCandidates(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			e.s.live.add(r.Candidate)
		}
	}
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml",
		strings.NewReader("title: Python Backend\nrequired: [Python, any: [Django, Flask], skill: Docker]\nplus: [AWS, PostgreSQL, Kubernetes, JavaScript, Git]\n"))
	if status != http.StatusCreated {
		b.Fatalf("create role = %d %s", status, body)
	}
	id := strings.Split(strings.Split(string(body), `"id":"`)[1], `"`)[0]
	return e, id
}

// serve runs one request through the handler in process (no network).
func (e *env) serve(b *testing.B, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+e.reader)
	w := httptest.NewRecorder()
	e.s.router.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("GET %s = %d %s", path, w.Code, w.Body)
	}
}

// BenchmarkMatches2k is one GET /roles/{id}/matches (top 20 explained, with
// auth, audit and JSON) over 2,000 stored candidates.
func BenchmarkMatches2k(b *testing.B) {
	e, id := benchEnv(b, 2000)
	b.ResetTimer()
	for b.Loop() {
		e.serve(b, "/api/v1/roles/"+id+"/matches?limit=20")
	}
}

// BenchmarkSearch2k is one GET /candidates?q=python (facets, 20 hits) over
// 2,000 stored candidates.
func BenchmarkSearch2k(b *testing.B) {
	e, _ := benchEnv(b, 2000)
	b.ResetTimer()
	for b.Loop() {
		e.serve(b, "/api/v1/candidates?q=python&limit=20")
	}
}
