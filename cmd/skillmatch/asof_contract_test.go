package main

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStoredCandidatesCountToServerDate is TestSameScoreEverywhere's
// sibling for candidates stored earlier: resumes uploaded to a server
// whose date is 2025-02-10 and ranked after a restart on 2026-11-01 (both
// through --as-of, the flag parse and rank take) score what `rank --as-of
// 2026-11-01` gives for the files — their current jobs kept counting.
func TestStoredCandidatesCountToServerDate(t *testing.T) {
	bin := buildServeBinary(t)
	files, err := filepath.Glob("../../testdata/resumes/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("resume fixtures: %v, %d files", err, len(files))
	}
	const roleFile = "../../testdata/roles/python-backend.yaml"
	scores := func(asOf string) map[string]float64 {
		code, out, errOut := runSkillmatch(t, append([]string{"rank", "--format", "json", "--as-of", asOf, "--role", roleFile}, files...)...)
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
		m := map[string]float64{}
		for _, r := range ranked.Results {
			m[filepath.Base(r.File)] = r.Score
		}
		return m
	}
	then, want := scores("2025-02-10"), scores("2026-11-01")
	if cmp.Equal(then, want) {
		t.Fatal("the fixtures score the same on both dates: the test would prove nothing")
	}

	data := filepath.Join(t.TempDir(), "data")
	s := startJobServer(t, bin, data, "--as-of", "2025-02-10")
	key := s.key
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
	matches := func(s *jobServer) map[string]float64 {
		var m struct {
			Results []struct {
				File  string  `json:"file"`
				Score float64 `json:"score"`
			} `json:"results"`
		}
		if status := s.call(t, key, http.MethodGet, "/api/v1/roles/"+ro.ID+"/matches?limit=100", "", nil, &m); status != http.StatusOK {
			t.Fatalf("matches = %d", status)
		}
		out := map[string]float64{}
		for _, r := range m.Results {
			out[r.File] = r.Score
		}
		return out
	}
	if diff := cmp.Diff(then, matches(s)); diff != "" {
		t.Errorf("matches on the upload date differ from `rank --as-of 2025-02-10` (-rank +matches):\n%s", diff)
	}
	s.stop(t)

	later := startJobServer(t, bin, data, "--as-of", "2026-11-01")
	if diff := cmp.Diff(want, matches(later)); diff != "" {
		t.Errorf("matches on 2026-11-01 of candidates stored on 2025-02-10 differ from `rank --as-of 2026-11-01` (-rank +matches):\n%s", diff)
	}
}
