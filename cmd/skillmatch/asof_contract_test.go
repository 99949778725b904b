package main

import (
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
	bin := skillmatchBinary(t)
	files, err := filepath.Glob("../../testdata/resumes/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("resume fixtures: %v, %d files", err, len(files))
	}
	const roleFile = "../../testdata/roles/python-backend.yaml"
	scores := func(asOf string) map[string]float64 {
		return rankScores(t, append([]string{"--as-of", asOf, "--role", roleFile}, files...)...)
	}
	then, want := scores("2025-02-10"), scores("2026-11-01")
	if cmp.Equal(then, want) {
		t.Fatal("the fixtures score the same on both dates: the test would prove nothing")
	}

	data := filepath.Join(t.TempDir(), "data")
	s := startServer(t, bin, data, "--as-of", "2025-02-10")
	key := s.key
	roleID := uploadWithRole(t, s, key, files, roleFile)
	matches := func(s *testServer) map[string]float64 {
		return s.scores(t, key, "/api/v1/roles/"+roleID+"/matches?limit=100", "")
	}
	if diff := cmp.Diff(then, matches(s)); diff != "" {
		t.Errorf("matches on the upload date differ from `rank --as-of 2025-02-10` (-rank +matches):\n%s", diff)
	}
	s.stop(t)

	later := startServer(t, bin, data, "--as-of", "2026-11-01")
	if diff := cmp.Diff(want, matches(later)); diff != "" {
		t.Errorf("matches on 2026-11-01 of candidates stored on 2025-02-10 differ from `rank --as-of 2026-11-01` (-rank +matches):\n%s", diff)
	}
}
