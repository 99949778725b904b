package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/skillmatch/skillmatch/engine/document"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
	"github.com/skillmatch/skillmatch/index"
)

// TestMain lets the document pool re-execute this test binary as its
// worker process.
func TestMain(m *testing.M) {
	if document.IsWorker() {
		os.Exit(document.ServeWorker())
	}
	os.Exit(m.Run())
}

// asOf pins "Present" so months in responses do not drift with the clock.
var asOf = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// env is a real server over a real store in a temporary folder.
type env struct {
	t        testing.TB
	dir      string
	store    *index.Store
	srv      *httptest.Server
	s        *server
	admin    string // admin key
	reader   string // recruiter key
	logs     *bytes.Buffer
	tax      *taxonomy.Taxonomy
	pool     *document.Pool
	override func(*Config)
}

// newEnv opens a store in dir (a fresh temp dir when ""), creates an admin
// and a recruiter key, and serves the API on httptest.
func newEnv(t testing.TB, dir string, override func(*Config)) *env {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	e := &env{t: t, dir: dir, logs: &bytes.Buffer{}, tax: taxonomy.Default(), override: override}
	ctx := context.Background()
	var err error
	e.store, err = index.Open(ctx, dir, index.Options{TaxonomyVersion: e.tax.Version, ResolveSkill: func(n string) (string, bool) {
		sk, ok := e.tax.Lookup(n)
		return sk.ID, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	e.pool, err = document.NewPool(document.PoolOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	e.admin, _, err = e.store.CreateAPIKey(ctx, roleAdmin, "test admin", false)
	if err != nil {
		t.Fatal(err)
	}
	e.reader, _, err = e.store.CreateAPIKey(ctx, roleRecruiter, "test recruiter", false)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Store:    e.store,
		Decoder:  e.pool,
		Taxonomy: e.tax,
		Logger:   slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		AsOf:     func() time.Time { return asOf },
		Web:      fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>skillmatch</title>")}, "assets/app.js": {Data: []byte("export {}")}},
	}
	if override != nil {
		override(&cfg)
	}
	e.s, err = newServer(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(e.s.router)
	t.Cleanup(e.close)
	return e
}

// close stops the server and closes the store; safe to call twice.
func (e *env) close() {
	if e.srv == nil {
		return
	}
	e.srv.Close()
	e.pool.Close()
	if err := e.store.Close(); err != nil {
		e.t.Error(err)
	}
	e.srv = nil
}

// do sends a request with key (none when "") and returns the status and body.
func (e *env) do(method, path, key, contentType string, body io.Reader) (int, []byte, http.Header) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// getJSON GETs path and decodes a 200 answer into v.
func (e *env) getJSON(path, key string, v any) {
	e.t.Helper()
	status, body, _ := e.do(http.MethodGet, path, key, "", nil)
	if status != http.StatusOK {
		e.t.Fatalf("GET %s = %d %s, want 200", path, status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		e.t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// upload posts the files (name → bytes, in order) as one multipart request.
func (e *env) upload(key string, names []string, data [][]byte) (int, []byte) {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, n := range names {
		w, err := mw.CreateFormFile("file", n)
		if err != nil {
			e.t.Fatal(err)
		}
		w.Write(data[i])
	}
	mw.Close()
	status, body, _ := e.do(http.MethodPost, "/api/v1/candidates", key, mw.FormDataContentType(), &buf)
	return status, body
}

// uploadFixtures uploads testdata/resumes/NAME.txt for each name, as
// NAME.txt, in one request with the reader key, and fails the test unless
// the answer is 201.
func (e *env) uploadFixtures(t *testing.T, names ...string) {
	t.Helper()
	var files []string
	var data [][]byte
	for _, n := range names {
		files = append(files, n+".txt")
		data = append(data, resumeFixture(t, n))
	}
	if status, body := e.upload(e.reader, files, data); status != http.StatusCreated {
		t.Fatalf("upload %v = %d %s", names, status, body)
	}
}

// resumeFixture reads testdata/resumes/NAME.txt of the repository.
func resumeFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "resumes", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type uploadResp struct {
	Candidates []struct {
		ID        string `json:"id"`
		File      string `json:"file"`
		Duplicate bool   `json:"duplicate"`
		Contact   struct {
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"contact"`
		Skills []struct {
			ID string `json:"id"`
		} `json:"skills"`
	} `json:"candidates"`
	Errors []fileError `json:"errors"`
}

type matchesResp struct {
	Role struct {
		ID      string `json:"id"`
		Version string `json:"version"`
	} `json:"role"`
	Results []struct {
		CandidateID  string            `json:"candidate_id"`
		File         string            `json:"file"`
		Score        float64           `json:"score"`
		Rank         int               `json:"rank"`
		Requirements []json.RawMessage `json:"requirements"`
		Missing      []string          `json:"missing"`
	} `json:"results"`
}

type searchResp struct {
	Hits []struct {
		ID   string `json:"id"`
		File string `json:"file"`
	} `json:"hits"`
	Total  int                    `json:"total"`
	Facets map[string][]facetView `json:"facets"`
}

func files(m matchesResp) []string {
	var out []string
	for _, r := range m.Results {
		out = append(out, r.File)
	}
	return out
}

func hitFiles(s searchResp) []string {
	var out []string
	for _, h := range s.Hits {
		out = append(out, h.File)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readSeed is the seed job description, from the shared data or the roles
// fixtures.
func readSeed(t *testing.T) []byte {
	t.Helper()
	for _, p := range []string{"../../shared/seed/python-backend-developer.txt", "../testdata/jobs/python-backend-developer.txt"} {
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	t.Skip("seed job description not found")
	return nil
}

var _ = strings.Contains
