package api

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/api/jobs"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/index"
)

// withJobs gives the server a real job runner over the same store, pool and
// ranker, running until the test ends.
func withJobs(t *testing.T) func(*Config) { return withJobsConfig(t, nil) }

// withJobsConfig is withJobs with the runner's Config changed by mod.
func withJobsConfig(t *testing.T, mod func(*jobs.Config)) func(*Config) {
	return func(cfg *Config) {
		cfg.Ranker = role.NewRanker(cfg.Taxonomy)
		jc := jobs.Config{
			Store: cfg.Store.(*index.Store), Pool: cfg.Decoder, Taxonomy: cfg.Taxonomy,
			AsOf:        cfg.AsOf,
			OnCandidate: func(c index.Candidate) { cfg.Ranker.Add(c.ID, c.Profile) },
		}
		if mod != nil {
			mod(&jc)
		}
		r, err := jobs.NewRunner(jc)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cancel(); r.Wait() })
		cfg.Jobs = r
	}
}

// jobForm is a multipart job request: fields, then files (name → bytes).
func jobForm(t *testing.T, fields map[string]string, names []string, data [][]byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for i, n := range names {
		w, _ := mw.CreateFormFile("file", n)
		w.Write(data[i])
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func zipOf(t *testing.T, names []string, data [][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, n := range names {
		w, _ := zw.Create(n)
		w.Write(data[i])
	}
	zw.Close()
	return buf.Bytes()
}

type jobResp struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Total  int    `json:"total"`
	Done   int    `json:"done"`
	Failed int    `json:"failed"`
}

func TestJobsAPI(t *testing.T) {
	e := newEnv(t, "", withJobs(t))
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml",
		strings.NewReader("title: Python dev\nrequired: [Python, {any: [Django, Flask]}]\nplus: [AWS, Docker]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)

	senior, java := resumeFixture(t, "python-django-aws-senior"), resumeFixture(t, "java-backend")
	bundle := zipOf(t, []string{"../../etc/frontend-react.txt", "inner.zip"},
		[][]byte{resumeFixture(t, "frontend-react"), zipOf(t, []string{"x.txt"}, [][]byte{[]byte("x")})})
	submit := func(key, idem string) (int, jobResp, http.Header) {
		ct, form := jobForm(t, map[string]string{"role_id": ro.ID},
			[]string{"senior.txt", "java.txt", "bundle.zip"}, [][]byte{senior, java, bundle})
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/jobs", form)
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", ct)
		if idem != "" {
			req.Header.Set("Idempotency-Key", idem)
		}
		resp, err := e.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var j jobResp
		json.NewDecoder(resp.Body).Decode(&j)
		return resp.StatusCode, j, resp.Header
	}
	status, job, h := submit(e.reader, "attempt-1")
	if status != http.StatusAccepted || job.ID == "" || job.Total != 4 || h.Get("Location") != "/api/v1/jobs/"+job.ID {
		t.Fatalf("POST /jobs = %d %+v (Location %q), want 202 with 4 items", status, job, h.Get("Location"))
	}
	status, again, h := submit(e.reader, "attempt-1")
	if status != http.StatusAccepted || again.ID != job.ID || h.Get("Idempotent-Replayed") != "true" {
		t.Errorf("retried POST /jobs = %d job %s (replayed %q), want 202 with job %s", status, again.ID, h.Get("Idempotent-Replayed"), job.ID)
	}

	deadline := time.Now().Add(20 * time.Second)
	for job.Status != "succeeded" {
		if time.Now().After(deadline) || job.Status == "failed" {
			t.Fatalf("job = %+v after waiting, want succeeded", job)
		}
		time.Sleep(20 * time.Millisecond)
		e.getJSON("/api/v1/jobs/"+job.ID, e.reader, &job)
	}
	if job.Done != 3 || job.Failed != 1 {
		t.Errorf("job = %+v, want 3 done and 1 failed", job)
	}

	var res struct {
		Results []struct {
			File         string            `json:"file"`
			CandidateID  string            `json:"candidate_id"`
			Score        float64           `json:"score"`
			Rank         int               `json:"rank"`
			Requirements []json.RawMessage `json:"requirements"`
		} `json:"results"`
		Errors []struct{ File, Code, Message string } `json:"errors"`
	}
	e.getJSON("/api/v1/jobs/"+job.ID+"/results", e.reader, &res)
	if len(res.Results) != 3 || res.Results[0].File != "senior.txt" || res.Results[0].Rank != 1 || len(res.Results[0].Requirements) != 2 {
		t.Errorf("results = %+v, want 3 with senior.txt first, explained", res.Results)
	}
	if len(res.Errors) != 1 || res.Errors[0].File != "inner.zip" || res.Errors[0].Code != "unsupported_format" {
		t.Errorf("errors = %+v, want inner.zip unsupported_format", res.Errors)
	}
	var shown []string
	for _, r := range res.Results {
		shown = append(shown, r.File)
	}
	if !contains(shown, "frontend-react.txt") {
		t.Errorf("results %v: the zip entry is not shown by its base name", shown)
	}

	// The job's candidates are in the ranker behind /roles/{id}/matches.
	var m matchesResp
	e.getJSON("/api/v1/roles/"+ro.ID+"/matches", e.reader, &m)
	if len(m.Results) != 3 || m.Results[0].CandidateID != res.Results[0].CandidateID {
		t.Errorf("matches after the job = %v, want its 3 candidates, the same one first", files(m))
	}

	if status, body, _ := e.do(http.MethodPost, "/api/v1/jobs/"+job.ID+"/cancel", e.reader, "", nil); status != http.StatusConflict {
		t.Errorf("cancel of an ended job = %d %s, want 409", status, body)
	}
	// Jobs belong to the key that made them; admin keys see all.
	other, _, _ := e.store.CreateAPIKey(context.Background(), roleRecruiter, "other", false)
	if status, _, _ := e.do(http.MethodGet, "/api/v1/jobs/"+job.ID, other, "", nil); status != http.StatusNotFound {
		t.Errorf("another recruiter's GET = %d, want 404", status)
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/jobs/"+job.ID+"/results", e.admin, "", nil); status != http.StatusOK {
		t.Errorf("admin GET results = %d, want 200", status)
	}
	// The same Idempotency-Key from another key is another job.
	if _, j, _ := submit(other, "attempt-1"); j.ID == job.ID || j.ID == "" {
		t.Errorf("another key's job = %q, want a new job", j.ID)
	}
}

// GET /api/v1/jobs/{id} shows how the callback's delivery went.
func TestJobCallbackShown(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such hook", http.StatusNotFound)
	}))
	defer hook.Close()
	e := newEnv(t, "", withJobsConfig(t, func(c *jobs.Config) { c.AllowPrivateCallbacks = true }))
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader("title: x\nrequired: [Python]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	ct, form := jobForm(t, map[string]string{"role_id": ro.ID, "callback_url": hook.URL + "/hook"}, []string{"a.txt"}, [][]byte{[]byte("Python developer")})
	status, body, _ = e.do(http.MethodPost, "/api/v1/jobs", e.reader, ct, form)
	if status != http.StatusAccepted {
		t.Fatalf("POST /jobs = %d %s", status, body)
	}
	var job struct {
		ID       string
		Callback *struct {
			Status     string `json:"status"`
			Attempts   int    `json:"attempts"`
			LastStatus int    `json:"last_status"`
			LastError  string `json:"last_error"`
		} `json:"callback"`
	}
	json.Unmarshal(body, &job)
	deadline := time.Now().Add(10 * time.Second)
	for job.Callback == nil || job.Callback.Status == "pending" {
		if time.Now().After(deadline) {
			t.Fatalf("job %s: no callback outcome after 10s", job.ID)
		}
		time.Sleep(20 * time.Millisecond)
		e.getJSON("/api/v1/jobs/"+job.ID, e.reader, &job)
	}
	if cb := job.Callback; cb.Status != "failed" || cb.Attempts != 1 || cb.LastStatus != http.StatusNotFound || cb.LastError == "" {
		t.Errorf("callback = %+v; want failed after 1 attempt, last answer 404 with an error", cb)
	}
}

func TestJobsAPIRefuses(t *testing.T) {
	e := newEnv(t, "", withJobs(t))
	status, body, _ := e.do(http.MethodPost, "/api/v1/roles", e.reader, "application/yaml", strings.NewReader("title: x\nrequired: [Python]\n"))
	if status != http.StatusCreated {
		t.Fatalf("create role = %d %s", status, body)
	}
	var ro struct{ ID string }
	json.Unmarshal(body, &ro)
	one := [][]byte{[]byte("Python developer")}
	tests := []struct {
		name   string
		fields map[string]string
		files  []string
		ct     string
		want   int
	}{
		{"not multipart", nil, nil, "application/json", http.StatusUnsupportedMediaType},
		{"no role", map[string]string{}, []string{"a.txt"}, "", http.StatusBadRequest},
		{"unknown role", map[string]string{"role_id": "nope"}, []string{"a.txt"}, "", http.StatusBadRequest},
		{"no files", map[string]string{"role_id": ro.ID}, nil, "", http.StatusBadRequest},
		{"bad callback", map[string]string{"role_id": ro.ID, "callback_url": "file:///etc/passwd"}, []string{"a.txt"}, "", http.StatusBadRequest},
		{"callback to cloud metadata", map[string]string{"role_id": ro.ID, "callback_url": "http://169.254.169.254/latest/meta-data/"}, []string{"a.txt"}, "", http.StatusBadRequest},
		{"callback to loopback", map[string]string{"role_id": ro.ID, "callback_url": "http://127.0.0.1:8080/hook"}, []string{"a.txt"}, "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data [][]byte
			if len(tt.files) > 0 {
				data = one
			}
			ct, form := jobForm(t, tt.fields, tt.files, data)
			if tt.ct != "" {
				ct = tt.ct
			}
			if status, body, _ := e.do(http.MethodPost, "/api/v1/jobs", e.reader, ct, form); status != tt.want {
				t.Errorf("POST /jobs = %d %s, want %d", status, body, tt.want)
			}
		})
	}
	if status, _, _ := e.do(http.MethodGet, "/api/v1/jobs/nope", e.reader, "", nil); status != http.StatusNotFound {
		t.Errorf("GET unknown job = %d, want 404", status)
	}
}
