package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSameScoreEverywhere checks DESIGN.md's "same inputs, same score,
// always" across the three ways the product scores a resume: `rank` on the
// files, GET /roles/{id}/matches over the uploaded candidates, and a batch
// job over a zip of the same files. The role's title words sit in some
// resumes' headers only ("Software Engineer (Python)" under the name), so a
// path that scores stored candidates without their header lines gives them
// less title credit than `rank` does.
func TestSameScoreEverywhere(t *testing.T) {
	bin := buildServeBinary(t)
	files, err := filepath.Glob("../../testdata/resumes/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("resume fixtures: %v, %d files", err, len(files))
	}
	const roleFile = "../../testdata/roles/python-backend.yaml"
	day := time.Now().UTC().Format("2006-01-02") // server and rank count months to today

	// rank, in-process
	code, out, errOut := runSkillmatch(t, append([]string{"rank", "--format", "json", "--role", roleFile}, files...)...)
	if code != 0 {
		t.Fatalf("rank exit %d: %s", code, errOut)
	}
	var ranked struct {
		Results []struct {
			File  string  `json:"file"`
			Score float64 `json:"score"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &ranked); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	for _, r := range ranked.Results {
		want[filepath.Base(r.File)] = r.Score
	}

	s := startJobServer(t, bin, filepath.Join(t.TempDir(), "data"))
	var upload bytes.Buffer
	mw := multipart.NewWriter(&upload)
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", filepath.Base(f))
		w.Write(b)
		zf, _ := zw.Create(filepath.Base(f))
		zf.Write(b)
	}
	mw.Close()
	zw.Close()
	if status := s.call(t, s.key, http.MethodPost, "/api/v1/candidates", mw.FormDataContentType(), &upload, nil); status != http.StatusCreated {
		t.Fatalf("upload = %d, want 201", status)
	}
	roleYAML, err := os.ReadFile(roleFile)
	if err != nil {
		t.Fatal(err)
	}
	var ro struct{ ID string }
	if status := s.call(t, s.key, http.MethodPost, "/api/v1/roles", "application/yaml", bytes.NewReader(roleYAML), &ro); status != http.StatusCreated {
		t.Fatalf("create role = %d, want 201", status)
	}

	var matches struct {
		Results []struct {
			File  string  `json:"file"`
			Score float64 `json:"score"`
		} `json:"results"`
	}
	if status := s.call(t, s.key, http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches?limit=100", "", nil, &matches); status != http.StatusOK {
		t.Fatalf("matches = %d", status)
	}
	fromMatches := map[string]float64{}
	for _, r := range matches.Results {
		fromMatches[r.File] = r.Score
	}

	var job bytes.Buffer
	jw := multipart.NewWriter(&job)
	jw.WriteField("role_id", ro.ID)
	w, _ := jw.CreateFormFile("file", "resumes.zip")
	w.Write(zipped.Bytes())
	jw.Close()
	var submitted struct{ ID string }
	if status := s.call(t, s.key, http.MethodPost, "/api/v1/jobs", jw.FormDataContentType(), &job, &submitted); status != http.StatusAccepted {
		t.Fatalf("submit job = %d, want 202", status)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		var st struct{ Status string }
		s.call(t, s.key, http.MethodGet, "/api/v1/jobs/"+submitted.ID, "", nil, &st)
		if st.Status == "succeeded" {
			break
		}
		if st.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("job status %q", st.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var results struct {
		Results []struct {
			File  string  `json:"file"`
			Score float64 `json:"score"`
		} `json:"results"`
	}
	if status := s.call(t, s.key, http.MethodGet, "/api/v1/jobs/"+submitted.ID+"/results", "", nil, &results); status != http.StatusOK {
		t.Fatalf("job results = %d", status)
	}
	fromJob := map[string]float64{}
	for _, r := range results.Results {
		fromJob[strings.TrimPrefix(r.File, "resumes.zip/")] = r.Score
	}

	if time.Now().UTC().Format("2006-01-02") != day {
		t.Skip("the date changed while the test ran; months differ by design")
	}
	if len(want) != len(files) {
		t.Fatalf("rank scored %d of %d files", len(want), len(files))
	}
	if diff := cmp.Diff(want, fromMatches); diff != "" {
		t.Errorf("GET /roles/{id}/matches scores differ from `rank` (-rank +matches):\n%s", diff)
	}
	if diff := cmp.Diff(want, fromJob); diff != "" {
		t.Errorf("batch job scores differ from `rank` (-rank +job):\n%s", diff)
	}
}
