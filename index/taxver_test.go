package index

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/skillmatch/skillmatch/engine/resume"
)

// staleCount is StaleCandidates or a fatal error.
func staleCount(t *testing.T, s *Store) int {
	t.Helper()
	n, err := s.StaleCandidates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStaleCandidates: candidates stored under one taxonomy version are stale
// once the store is opened with another; Reparse records the current version
// on every candidate it derives, the one whose profile changes and the one
// whose profile stays the same; opened with the first version again, all are
// stale.
func TestStaleCandidates(t *testing.T) {
	ctx := context.Background()
	base, upgraded := reparseTaxonomies(t)
	if base.Version == upgraded.Version {
		t.Fatalf("both taxonomies are version %q; the test proves nothing", base.Version)
	}
	dir := t.TempDir()
	s := openReparseStore(t, dir, base)
	storeReparseResumes(t, s, base, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if n := staleCount(t, s); n != 0 {
		t.Errorf("stored with the current taxonomy: %d stale, want 0", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openReparseStore(t, dir, upgraded)
	if n := staleCount(t, s); n != 2 {
		t.Errorf("reopened with another taxonomy: %d stale, want 2", n)
	}
	st, err := s.Reparse(ctx, deriveWith(upgraded), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Candidates != 2 || st.Changed != 1 {
		t.Fatalf("Reparse read %d and changed %d candidates, want 2 and 1 (one unchanged profile is part of the test)", st.Candidates, st.Changed)
	}
	if n := staleCount(t, s); n != 0 {
		t.Errorf("after Reparse: %d stale, want 0", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openReparseStore(t, dir, base)
	defer s.Close()
	if n := staleCount(t, s); n != 2 {
		t.Errorf("reopened with the first taxonomy after a reparse: %d stale, want 2", n)
	}
}

// TestMigrationCandidateTaxonomy: a candidate stored at schema 0004, before
// versions were recorded, has none (NULL) after migration 0005 and counts as
// stale whatever the current version; a Reparse that leaves its profile as it
// is still records the version, and a candidate stored after the migration is
// not stale.
func TestMigrationCandidateTaxonomy(t *testing.T) {
	ctx := context.Background()
	base, _ := reparseTaxonomies(t)
	dir := t.TempDir()
	db := dbAtSchema(t, dir, 4)
	r := reparseResumes[1]
	p := resume.Parse(r.text, base, resume.Options{AsOf: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Format: "text", File: r.file})
	profile, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO candidates (id, file, format, hash, text_hash, size, created_at, total_months, profile, text)
		VALUES ('c1', ?, 'text', ?, NULL, ?, 0, ?, ?, ?)`, r.file, ContentHash([]byte(r.text)), len(r.text), p.TotalMonths, profile, r.text); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s := openReparseStore(t, dir, base)
	defer s.Close()
	var version *string
	if err := s.db.QueryRow(`SELECT taxonomy_version FROM candidates WHERE id = 'c1'`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != nil {
		t.Errorf("migrated row's taxonomy_version = %q, want NULL (unknown)", *version)
	}
	if n := staleCount(t, s); n != 1 {
		t.Errorf("after migration: %d stale, want 1", n)
	}
	st, err := s.Reparse(ctx, deriveWith(base), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Candidates != 1 || st.Changed != 0 {
		t.Errorf("Reparse read %d and changed %d candidates, want 1 and 0", st.Candidates, st.Changed)
	}
	if n := staleCount(t, s); n != 0 {
		t.Errorf("after Reparse: %d stale, want 0", n)
	}
	storeReparseResumes(t, s, base, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if n := staleCount(t, s); n != 0 {
		t.Errorf("after storing with the current taxonomy: %d stale, want 0", n)
	}
}

// TestStaleCandidatesUsesIndex: serve counts stale candidates at every start,
// so the count reads the candidates_taxonomy index, not every row (whose
// text comes before the version column).
func TestStaleCandidatesUsesIndex(t *testing.T) {
	s := openTest(t, t.TempDir())
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+staleQuery, "v")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || !strings.Contains(plan[0], "COVERING INDEX candidates_taxonomy") {
		t.Errorf("query plan %q, want a scan of the covering index candidates_taxonomy", plan)
	}
}
