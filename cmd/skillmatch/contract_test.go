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
	bin := skillmatchBinary(t)
	files, err := filepath.Glob("../../testdata/resumes/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("resume fixtures: %v, %d files", err, len(files))
	}
	const roleFile = "../../testdata/roles/python-backend.yaml"
	day := time.Now().UTC().Format("2006-01-02") // server and rank count months to today

	want := rankScores(t, append([]string{"--role", roleFile}, files...)...)

	s := startServer(t, bin, filepath.Join(t.TempDir(), "data"))
	roleID := uploadWithRole(t, s, s.key, files, roleFile)
	fromMatches := s.scores(t, s.key, "/api/v1/roles/"+roleID+"/matches?limit=100", "")

	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zf, _ := zw.Create(filepath.Base(f))
		zf.Write(b)
	}
	zw.Close()

	submitted := s.submitJob(t, s.key, roleID, "resumes.zip", zipped.Bytes())
	s.waitJob(t, s.key, submitted.ID, 60*time.Second)
	fromJob := s.scores(t, s.key, "/api/v1/jobs/"+submitted.ID+"/results", "resumes.zip/")

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

// scoredResults is what the score comparisons read of an answer of `rank
// --format json`, matches or job results: each result's file and score.
type scoredResults struct {
	Results []struct {
		File  string  `json:"file"`
		Score float64 `json:"score"`
	} `json:"results"`
}

// rankScores runs `rank --format json` in-process with args (flags and
// resume files) and returns each file's score by base name.
func rankScores(t *testing.T, args ...string) map[string]float64 {
	t.Helper()
	code, out, errOut := runSkillmatch(t, append([]string{"rank", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("rank exit %d: %s", code, errOut)
	}
	var ranked scoredResults
	if err := json.Unmarshal([]byte(out), &ranked); err != nil {
		t.Fatal(err)
	}
	scores := map[string]float64{}
	for _, r := range ranked.Results {
		scores[filepath.Base(r.File)] = r.Score
	}
	return scores
}

// uploadWithRole uploads files to s in one request and stores the role
// file, and returns the role's id.
func uploadWithRole(t *testing.T, s *testServer, key string, files []string, roleFile string) string {
	t.Helper()
	var upload bytes.Buffer
	mw := multipart.NewWriter(&upload)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", filepath.Base(f))
		w.Write(b)
	}
	mw.Close()
	if status := s.call(t, key, http.MethodPost, "/api/v1/candidates", mw.FormDataContentType(), &upload, nil); status != http.StatusCreated {
		t.Fatalf("upload = %d, want 201", status)
	}
	roleYAML, err := os.ReadFile(roleFile)
	if err != nil {
		t.Fatal(err)
	}
	var ro struct{ ID string }
	if status := s.call(t, key, http.MethodPost, "/api/v1/roles", "application/yaml", bytes.NewReader(roleYAML), &ro); status != http.StatusCreated {
		t.Fatalf("create role = %d, want 201", status)
	}
	return ro.ID
}

// scores GETs path (matches or job results) and returns each result's
// score by file name, prefix trimmed.
func (s *testServer) scores(t *testing.T, key, path, prefix string) map[string]float64 {
	t.Helper()
	var res scoredResults
	if status := s.call(t, key, http.MethodGet, path, "", nil, &res); status != http.StatusOK {
		t.Fatalf("GET %s = %d", path, status)
	}
	scores := map[string]float64{}
	for _, r := range res.Results {
		scores[strings.TrimPrefix(r.File, prefix)] = r.Score
	}
	return scores
}
