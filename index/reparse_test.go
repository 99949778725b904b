package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// reparseResumes are two small resumes; only the first names Zorblang, a
// language the embedded taxonomy does not know.
var reparseResumes = []struct{ file, text string }{
	{"zorb.txt", "Dana Example\n\nEXPERIENCE\n\nBackend Engineer | Acme Corp\nMarch 2019 – Present\n- Built billing services in Zorblang and Python on PostgreSQL.\n\nSKILLS\nZorblang, Python, PostgreSQL\n"},
	{"plain.txt", "Lee Example\n\nEXPERIENCE\n\nAccountant | Beta Ltd\n2016 – 2020\n- Month-end close in Microsoft Excel and QuickBooks.\n"},
}

// reparseTaxonomies returns the embedded taxonomy and the same with an
// overlay adding Zorblang.
func reparseTaxonomies(t *testing.T) (base, upgraded *taxonomy.Taxonomy) {
	t.Helper()
	base = taxonomy.Default()
	upgraded, err := taxonomy.LoadOverlay(base, strings.NewReader("skills:\n  - {id: zorblang, name: Zorblang, category: language}\n"), "zorb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := base.Lookup("zorblang"); ok {
		t.Fatal("the embedded taxonomy knows Zorblang; the test proves nothing")
	}
	return base, upgraded
}

// openReparseStore opens dir resolving query skills with tax, as serve does.
func openReparseStore(t *testing.T, dir string, tax *taxonomy.Taxonomy) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, Options{TaxonomyVersion: tax.Version, ResolveSkill: func(name string) (string, bool) {
		sk, ok := tax.Lookup(name)
		return sk.ID, ok
	}})
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return s
}

// storeReparseResumes parses reparseResumes with tax as read on asOf and
// stores them; it returns the stored candidates by file name.
func storeReparseResumes(t *testing.T, s *Store, tax *taxonomy.Taxonomy, asOf time.Time) map[string]Candidate {
	t.Helper()
	var in []NewCandidate
	for _, r := range reparseResumes {
		p := resume.Parse(r.text, tax, resume.Options{AsOf: asOf, Format: "text", File: r.file})
		in = append(in, NewCandidate{File: r.file, Original: []byte(r.text), Profile: p})
	}
	res, err := s.AddCandidates(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Candidate{}
	for _, r := range res {
		out[r.Candidate.File] = r.Candidate
	}
	return out
}

// deriveWith is the derive function of `reindex --reparse`: the stored text
// parsed again with tax, on the profile's own as-of date, format and file.
func deriveWith(tax *taxonomy.Taxonomy) func(Candidate) (engine.Resume, error) {
	return func(c Candidate) (engine.Resume, error) {
		asOf, err := time.Parse("2006-01-02", c.Profile.AsOf)
		if err != nil {
			return engine.Resume{}, err
		}
		return resume.Parse(c.Profile.Text, tax, resume.Options{AsOf: asOf, Format: c.Profile.Format, File: c.Profile.File}), nil
	}
}

func skillIDs(r engine.Resume) []string {
	var ids []string
	for _, sk := range r.Skills {
		ids = append(ids, sk.ID)
	}
	return ids
}

// TestReparse: candidates stored with a taxonomy that lacks a skill gain it
// when reparsed with one that has it — in the stored profile (with months
// from the dated position) and in search — while ids, files, hashes,
// created_at, originals and the as-of date stay; a second run changes nothing;
// the result survives a restart.
func TestReparse(t *testing.T) {
	ctx := context.Background()
	base, upgraded := reparseTaxonomies(t)
	dir := t.TempDir()
	s := openReparseStore(t, dir, upgraded)
	asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	before := storeReparseResumes(t, s, base, asOf)
	zorb := before["zorb.txt"]
	if got := searchIDs(t, s, SearchRequest{Query: "skill:zorblang", NoFacets: true}); len(got) != 0 {
		t.Fatalf("before reparse, skill:zorblang finds %v", got)
	}

	var progress [][2]int
	st, err := s.Reparse(ctx, deriveWith(upgraded), func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ReparseStats{Candidates: 2, Changed: 1, SkillsChanged: 1, SkillsAdded: 1, Rebuilt: true}, st); diff != "" {
		t.Errorf("first Reparse stats (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]int{{2, 2}}, progress); diff != "" {
		t.Errorf("progress calls (-want +got):\n%s", diff)
	}
	after, err := s.GetCandidate(ctx, zorb.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := resume.Parse(reparseResumes[0].text, upgraded, resume.Options{AsOf: asOf, Format: "text", File: "zorb.txt"})
	if diff := cmp.Diff(want, after.Profile); diff != "" {
		t.Errorf("reparsed profile differs from a fresh parse with the upgraded taxonomy (-want +got):\n%s", diff)
	}
	if !slices.Contains(skillIDs(after.Profile), "zorblang") {
		t.Errorf("reparsed skills %v lack zorblang", skillIDs(after.Profile))
	}
	if after.Profile.AsOf != "2025-06-01" {
		t.Errorf("as_of = %q, want the stored 2025-06-01", after.Profile.AsOf)
	}
	keep := func(c Candidate) Candidate { c.Profile = engine.Resume{}; return c }
	if diff := cmp.Diff(keep(zorb), keep(after)); diff != "" {
		t.Errorf("id, file, hashes, size or created_at changed (-before +after):\n%s", diff)
	}
	plain, err := s.GetCandidate(ctx, before["plain.txt"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before["plain.txt"], plain); diff != "" {
		t.Errorf("the candidate without Zorblang changed (-before +after):\n%s", diff)
	}
	if _, orig, err := s.OriginalFile(ctx, zorb.ID); err != nil || string(orig) != reparseResumes[0].text {
		t.Errorf("original after reparse: %q, %v", orig, err)
	}
	if diff := cmp.Diff([]string{zorb.ID}, searchIDs(t, s, SearchRequest{Query: "skill:zorblang", NoFacets: true})); diff != "" {
		t.Errorf("skill:zorblang after reparse (-want +got):\n%s", diff)
	}

	again, err := s.Reparse(ctx, deriveWith(upgraded), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ReparseStats{Candidates: 2}, again); diff != "" {
		t.Errorf("second Reparse stats (-want +got):\n%s", diff)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openReparseStore(t, dir, upgraded)
	defer s.Close()
	if diff := cmp.Diff([]string{zorb.ID}, searchIDs(t, s, SearchRequest{Query: "skill:zorblang", NoFacets: true})); diff != "" {
		t.Errorf("skill:zorblang after a restart (-want +got):\n%s", diff)
	}
}

// TestReparseInterrupted: a run stopped after its first batch leaves one
// candidate new and one old in SQLite, and the next Open re-indexes the
// rewritten one (reconcile alone would keep its old index entry).
func TestReparseInterrupted(t *testing.T) {
	ctx := context.Background()
	base, upgraded := reparseTaxonomies(t)
	old := reparseBatchSize
	reparseBatchSize = 1
	defer func() { reparseBatchSize = old }()
	dir := t.TempDir()
	s := openReparseStore(t, dir, upgraded)
	asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	var in []NewCandidate
	for i, name := range []string{"one.txt", "two.txt"} {
		text := strings.Replace(reparseResumes[0].text, "Acme Corp", []string{"Acme Corp", "Gamma Inc"}[i], 1)
		in = append(in, NewCandidate{File: name, Original: []byte(text), Profile: resume.Parse(text, base, resume.Options{AsOf: asOf, Format: "text", File: name})})
	}
	if _, err := s.AddCandidates(ctx, in); err != nil {
		t.Fatal(err)
	}

	stop := errors.New("interrupted")
	var calls atomic.Int32
	derive := deriveWith(upgraded)
	_, err := s.Reparse(ctx, func(c Candidate) (engine.Resume, error) {
		if calls.Add(1) > 1 {
			return engine.Resume{}, stop
		}
		return derive(c)
	}, nil)
	if !errors.Is(err, stop) {
		t.Fatalf("Reparse err = %v, want the derive error", err)
	}
	var rewritten []string
	if err := s.ForEachCandidate(ctx, func(c Candidate) error {
		if slices.Contains(skillIDs(c.Profile), "zorblang") {
			rewritten = append(rewritten, c.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(rewritten) != 1 {
		t.Fatalf("after the interrupted run %d candidates have zorblang in SQLite, want 1", len(rewritten))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openReparseStore(t, dir, upgraded)
	defer s.Close()
	if diff := cmp.Diff(rewritten, searchIDs(t, s, SearchRequest{Query: "skill:zorblang", NoFacets: true})); diff != "" {
		t.Errorf("skill:zorblang after reopening (-want +got):\n%s", diff)
	}
	st, err := s.Reparse(ctx, derive, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ReparseStats{Candidates: 2, Changed: 1, SkillsChanged: 1, SkillsAdded: 1, Rebuilt: true}, st); diff != "" {
		t.Errorf("resumed Reparse stats (-want +got):\n%s", diff)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "skill:zorblang", NoFacets: true}); len(got) != 2 {
		t.Errorf("skill:zorblang after the resumed run finds %v, want both", got)
	}
}
