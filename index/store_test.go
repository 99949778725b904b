package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// testSkills is the small vocabulary the tests resolve query words against:
// name or alias → id, and id → category.
var (
	testAliases = map[string]string{
		"python": "python", "django": "django", "flask": "flask", "aws": "aws", "gcp": "gcp",
		"java": "java", "javascript": "javascript", "js": "javascript", "css": "css", "sql": "sql",
		"kubernetes": "kubernetes", "k8s": "kubernetes", "docker": "docker", "kafka": "kafka", "postgres": "postgresql", "postgresql": "postgresql",
	}
	testCategories = map[string]string{
		"python": "language", "django": "framework", "flask": "framework", "aws": "cloud", "gcp": "cloud",
		"java": "language", "javascript": "language", "css": "language", "sql": "database",
		"kubernetes": "tool", "postgresql": "database", "docker": "tool", "kafka": "tool",
	}
)

func resolveTest(name string) (string, bool) {
	id, ok := testAliases[strings.ToLower(name)]
	return id, ok
}

func testOptions() Options {
	return Options{TaxonomyVersion: "test-1", ResolveSkill: resolveTest}
}

func openTest(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, testOptions())
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// profile builds a resume from text, total months and skill specs "id" (no
// dated experience) or "id:months".
func profile(text string, total int, specs ...string) engine.Resume {
	r := engine.Resume{Format: "text", Text: text, TotalMonths: total}
	for _, spec := range specs {
		id, m, hasMonths := strings.Cut(spec, ":")
		sk := engine.Skill{ID: id, Name: id, Category: testCategories[id]}
		if hasMonths {
			n, err := strconv.Atoi(m)
			if err != nil {
				panic(err)
			}
			sk.Months = &n
		}
		r.Skills = append(r.Skills, sk)
	}
	return r
}

func add(t testing.TB, s *Store, file, text string, total int, specs ...string) Candidate {
	t.Helper()
	c, created, err := s.AddCandidate(context.Background(), file, []byte("original of "+file+"\n"+text), profile(text, total, specs...))
	if err != nil {
		t.Fatalf("AddCandidate(%s): %v", file, err)
	}
	if !created {
		t.Fatalf("AddCandidate(%s): created = false, want true", file)
	}
	return c
}

func searchIDs(t *testing.T, s *Store, req SearchRequest) []string {
	t.Helper()
	res, err := s.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestAddGetDeleteCandidate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)

	text := "Jane Doe\nSenior Python developer\nDjango and AWS since 2019"
	original := []byte("%PDF-1.4 pretend pdf bytes")
	c, created, err := s.AddCandidate(ctx, "jane.pdf", original, profile(text, 60, "python:48", "django:36", "aws"))
	if err != nil || !created {
		t.Fatalf("AddCandidate = created %v, err %v; want created", created, err)
	}
	if c.ID == "" || c.Hash != ContentHash(original) || c.Size != int64(len(original)) || c.TextHash == "" {
		t.Fatalf("AddCandidate returned %+v", c)
	}

	got, err := s.GetCandidate(ctx, c.ID)
	if err != nil {
		t.Fatalf("GetCandidate: %v", err)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("GetCandidate mismatch (-added +got):\n%s", diff)
	}
	if got.Profile.Text != text {
		t.Errorf("stored text = %q, want %q", got.Profile.Text, text)
	}
	byHash, err := s.FindByHash(ctx, c.Hash)
	if err != nil || byHash.ID != c.ID {
		t.Errorf("FindByHash = %v, %v; want %s", byHash.ID, err, c.ID)
	}
	name, data, err := s.OriginalFile(ctx, c.ID)
	if err != nil || name != "jane.pdf" || string(data) != string(original) {
		t.Errorf("OriginalFile = %q, %q, %v", name, data, err)
	}

	// The same bytes again, and the same text from another format (case and
	// whitespace differ), both return the existing candidate.
	dups := []struct {
		name     string
		original []byte
		text     string
	}{
		{"same bytes", original, text},
		{"same text as docx", []byte("PK docx bytes"), "JANE DOE  senior python developer\r\n\tDjango and AWS since 2019\n"},
	}
	for _, d := range dups {
		dup, created, err := s.AddCandidate(ctx, "jane.docx", d.original, profile(d.text, 60, "python"))
		if err != nil || created || dup.ID != c.ID {
			t.Errorf("%s: AddCandidate = %s, created %v, err %v; want existing %s", d.name, dup.ID, created, err, c.ID)
		}
	}
	// A damaged original reads as missing rather than as wrong bytes, and
	// uploading the same bytes again repairs it.
	if err := os.WriteFile(blobPath(s.dir, c.Hash), []byte("%PDF-1.4 pretend pdf byteX"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.OriginalFile(ctx, c.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("OriginalFile of a damaged file: err = %v, want ErrNotFound", err)
	}
	if dup, created, err := s.AddCandidate(ctx, "jane.pdf", original, profile(text, 60, "python")); err != nil || created || dup.ID != c.ID {
		t.Fatalf("re-upload = %s, created %v, err %v; want existing %s", dup.ID, created, err, c.ID)
	}
	if _, data, err := s.OriginalFile(ctx, c.ID); err != nil || string(data) != string(original) {
		t.Errorf("OriginalFile after re-upload = %q, %v", data, err)
	}
	other := add(t, s, "other.txt", "Java developer", 12, "java:12")
	if other.ID == c.ID {
		t.Fatalf("a different resume got the same id")
	}
	if n, err := s.CountCandidates(ctx); err != nil || n != 2 {
		t.Errorf("CountCandidates = %d, %v; want 2", n, err)
	}
	if ids := searchIDs(t, s, SearchRequest{Query: "django"}); !slices.Equal(ids, []string{c.ID}) {
		t.Errorf("search django = %v, want [%s]", ids, c.ID)
	}

	if err := s.DeleteCandidate(ctx, c.ID); err != nil {
		t.Fatalf("DeleteCandidate: %v", err)
	}
	if _, err := s.GetCandidate(ctx, c.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("GetCandidate after delete: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Blob(ctx, c.Hash); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("original after delete: err = %v, want ErrNotFound (the bytes go with the candidate)", err)
	}
	if n := countOriginals(t, s); n != 1 {
		t.Errorf("originals after delete = %d, want 1 (the other candidate's)", n)
	}
	if ids := searchIDs(t, s, SearchRequest{Query: "django"}); len(ids) != 0 {
		t.Errorf("search django after delete = %v, want none", ids)
	}
	if ids := searchIDs(t, s, SearchRequest{}); !slices.Equal(ids, []string{other.ID}) {
		t.Errorf("search all after delete = %v, want [%s]", ids, other.ID)
	}
	if err := s.DeleteCandidate(ctx, c.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("second DeleteCandidate: err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.OriginalFile(ctx, c.ID); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("OriginalFile after delete: err = %v, want ErrNotFound", err)
	}
	if _, err := s.FindByHash(ctx, c.Hash); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("FindByHash after delete: err = %v, want ErrNotFound", err)
	}
	// Once deleted, the same document can be added again as a new candidate.
	again, created, err := s.AddCandidate(ctx, "jane.pdf", original, profile(text, 60, "python:48"))
	if err != nil || !created || again.ID == c.ID {
		t.Errorf("re-add after delete = %s, created %v, err %v; want a new candidate", again.ID, created, err)
	}
}

// countOriginals counts the files under files/, failing on any file that is
// not named by the sha256 of its bytes.
// dbAtSchema opens the database of the data folder dir migrated up to
// version (and no further), as an older release left it; the caller closes it.
func dbAtSchema(t *testing.T, dir string, version int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := openDB(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, dir, version); err != nil {
		t.Fatalf("migrations up to %04d: %v", version, err)
	}
	return db
}

func countOriginals(t *testing.T, s *Store) int {
	t.Helper()
	return len(originalFiles(t, s.Dir()))
}

// originalFiles lists the files under dir's files/ as paths relative to it,
// sorted, and fails t for any file of a sub-folder that is not an original
// named by its hash in the sub-folder of its first two digits.
func originalFiles(t *testing.T, dir string) []string {
	t.Helper()
	root := filepath.Join(dir, filesName)
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out = append(out, filepath.ToSlash(rel))
		if shard := filepath.Base(filepath.Dir(path)); isShard(shard) {
			data, err := os.ReadFile(path)
			if err != nil || ContentHash(data) != d.Name() || d.Name()[:2] != shard {
				t.Errorf("files/%s: not an original named by its hash in its sub-folder (err %v)", rel, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEmptyTextNeverDedupes(t *testing.T) {
	s := openTest(t, t.TempDir())
	ctx := context.Background()
	a, _, err := s.AddCandidate(ctx, "a.pdf", []byte("scan one"), profile("", 0))
	if err != nil {
		t.Fatal(err)
	}
	b, created, err := s.AddCandidate(ctx, "b.pdf", []byte("scan two"), profile("  \n", 0))
	if err != nil || !created || a.ID == b.ID {
		t.Errorf("second empty-text document = %s, created %v, err %v; want a new candidate", b.ID, created, err)
	}
}

func TestAddCandidatesBatch(t *testing.T) {
	s := openTest(t, t.TempDir())
	ctx := context.Background()
	first := add(t, s, "stored.txt", "already stored resume", 1)
	in := []NewCandidate{
		{File: "a.txt", Original: []byte("a"), Profile: profile("resume a python", 10, "python:10")},
		{File: "b.txt", Original: []byte("b"), Profile: profile("resume b java", 10, "java")},
		{File: "a-again.txt", Original: []byte("a"), Profile: profile("resume a python", 10)},
		{File: "stored-again.txt", Original: []byte("other bytes"), Profile: profile("Already stored resume", 1)},
	}
	res, err := s.AddCandidates(ctx, in)
	if err != nil {
		t.Fatalf("AddCandidates: %v", err)
	}
	created := []bool{res[0].Created, res[1].Created, res[2].Created, res[3].Created}
	if diff := cmp.Diff([]bool{true, true, false, false}, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	if res[2].Candidate.ID != res[0].Candidate.ID || res[3].Candidate.ID != first.ID {
		t.Errorf("duplicates resolved to %s and %s, want %s and %s", res[2].Candidate.ID, res[3].Candidate.ID, res[0].Candidate.ID, first.ID)
	}
	if n, _ := s.CountCandidates(ctx); n != 3 {
		t.Errorf("CountCandidates = %d, want 3", n)
	}
	if ids := searchIDs(t, s, SearchRequest{Query: "resume"}); len(ids) != 3 {
		t.Errorf("search resume found %d, want 3", len(ids))
	}
	if _, err := s.AddCandidates(ctx, []NewCandidate{{File: "", Original: []byte("x")}}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("AddCandidates without file name: err = %v, want ErrInvalid", err)
	}
}

func TestReopenConsistent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	var want []string
	for i := range 3 {
		want = append(want, add(t, s, fmt.Sprintf("r%d.txt", i), fmt.Sprintf("python resume number %d", i), i, "python").ID)
	}
	slices.Sort(want)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = openTest(t, dir)
	if n, err := s.CountCandidates(ctx); err != nil || n != 3 {
		t.Errorf("CountCandidates after reopen = %d, %v", n, err)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "python"}); !slices.Equal(got, want) {
		t.Errorf("search after reopen = %v, want %v", got, want)
	}
}

func TestIndexRebuiltOnOpen(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(t *testing.T, s *Store, dir string)
	}{
		{"index deleted", func(t *testing.T, s *Store, dir string) {
			s.Close()
			if err := os.RemoveAll(filepath.Join(dir, indexName)); err != nil {
				t.Fatal(err)
			}
		}},
		{"index corrupt", func(t *testing.T, s *Store, dir string) {
			s.Close()
			if err := os.WriteFile(filepath.Join(dir, indexName, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"index segments damaged", func(t *testing.T, s *Store, dir string) {
			s.Close()
			segs, _ := filepath.Glob(filepath.Join(dir, indexName, "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files to damage")
			}
			for _, seg := range segs {
				data, _ := os.ReadFile(seg)
				for i := range data {
					data[i] ^= 0x5a
				}
				if err := os.WriteFile(seg, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"older mapping version", func(t *testing.T, s *Store, dir string) {
			// Plant a stale document under a live id: only a rebuild (not
			// reconciliation, which trusts ids present in both) removes it.
			ids := searchIDs(t, s, SearchRequest{})
			stale := docFor(Candidate{ID: ids[0], Profile: profile("zebra", 0)})
			if err := plant(s, ids[0], stale); err != nil {
				t.Fatal(err)
			}
			if got := searchIDs(t, s, SearchRequest{Query: "zebra"}); len(got) != 1 {
				t.Fatalf("planted document not searchable: %v", got)
			}
			if err := s.setMeta(context.Background(), metaMappingVersion, "0"); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openTest(t, dir)
			a := add(t, s, "a.txt", "Python and Django developer", 24, "python:24", "django:24")
			b := add(t, s, "b.txt", "Java developer", 24, "java:24")
			tt.breakIt(t, s, dir)

			s = openTest(t, dir)
			if got, want := searchIDs(t, s, SearchRequest{Query: "developer"}), sorted(a.ID, b.ID); !slices.Equal(got, want) {
				t.Errorf("search developer after reopen = %v, want %v", got, want)
			}
			if got := searchIDs(t, s, SearchRequest{Query: "django months>=24"}); !slices.Equal(got, []string{a.ID}) {
				t.Errorf("search django months>=24 = %v, want [%s]", got, a.ID)
			}
			if got := searchIDs(t, s, SearchRequest{Query: "zebra"}); len(got) != 0 {
				t.Errorf("stale document survived: %v", got)
			}
			if v, _ := s.getMeta(context.Background(), metaMappingVersion); v != MappingVersion {
				t.Errorf("mapping version after reopen = %q, want %q", v, MappingVersion)
			}
		})
	}
}

// plant writes a document straight into the live index, as a persisted
// write that SQLite knows nothing of.
func plant(s *Store, id string, doc map[string]any) error {
	b := s.idx.NewBatch()
	if err := b.Index(id, doc); err != nil {
		return err
	}
	return s.apply(b)
}

func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

// A crash after the SQLite commit but before the index write leaves a row
// the index lacks (and, after a delete, an entry without a row); Open
// reconciles both.
func TestReconcileAfterCrash(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	indexed := add(t, s, "indexed.txt", "Go developer", 12)
	s.indexHook = func(context.Context, []Candidate) error { return nil } // "crash" before indexing
	lost := add(t, s, "lost.txt", "Kubernetes operator", 12, "kubernetes:12")
	if got := searchIDs(t, s, SearchRequest{Query: "kubernetes"}); len(got) != 0 {
		t.Fatalf("hook did not skip indexing: %v", got)
	}
	if err := plant(s, "ghost", docFor(Candidate{ID: "ghost", Profile: profile("ghost kubernetes", 1)})); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTest(t, dir)
	if got := searchIDs(t, s, SearchRequest{Query: "kubernetes"}); !slices.Equal(got, []string{lost.ID}) {
		t.Errorf("search kubernetes after reopen = %v, want [%s]", got, lost.ID)
	}
	if got, want := searchIDs(t, s, SearchRequest{}), sorted(indexed.ID, lost.ID); !slices.Equal(got, want) {
		t.Errorf("all after reopen = %v, want %v", got, want)
	}
}

func TestReindex(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	s.indexHook = func(context.Context, []Candidate) error { return nil }
	c := add(t, s, "a.txt", "Flask developer", 12, "flask:12")
	s.indexHook = s.indexCandidates
	if got := searchIDs(t, s, SearchRequest{Query: "flask"}); len(got) != 0 {
		t.Fatalf("unexpectedly indexed: %v", got)
	}
	if err := s.Reindex(ctx); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "flask"}); !slices.Equal(got, []string{c.ID}) {
		t.Errorf("search after Reindex = %v, want [%s]", got, c.ID)
	}
	add(t, s, "b.txt", "Another flask developer", 12, "flask:12")
	if got := searchIDs(t, s, SearchRequest{Query: "flask"}); len(got) != 2 {
		t.Errorf("add after Reindex not searchable: %v", got)
	}
}

func TestConcurrentAdd(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	const n = 10
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	ids := make(chan string, n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("resume %d python developer", i)
			_, _, err := s.AddCandidate(ctx, fmt.Sprintf("r%d.txt", i), []byte(text), profile(text, i, "python"))
			errs <- err
		}()
		go func() { // everyone uploads the same document too
			defer wg.Done()
			c, _, err := s.AddCandidate(ctx, "same.txt", []byte("same"), profile("the same resume", 1))
			errs <- err
			ids <- c.ID
		}()
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent AddCandidate: %v", err)
		}
	}
	var first string
	for id := range ids {
		if first == "" {
			first = id
		}
		if id != first {
			t.Errorf("same document stored twice: %s and %s", first, id)
		}
	}
	if got, _ := s.CountCandidates(ctx); got != n+1 {
		t.Errorf("CountCandidates = %d, want %d", got, n+1)
	}
}

func TestForEachCandidate(t *testing.T) {
	s := openTest(t, t.TempDir())
	var want []string
	for i := range 7 {
		want = append(want, add(t, s, fmt.Sprintf("%d.txt", i), fmt.Sprintf("resume %d", i), 0).ID)
	}
	slices.Sort(want)
	var got []string
	err := s.ForEachCandidate(context.Background(), func(c Candidate) error {
		got = append(got, c.ID)
		return nil
	})
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("ForEachCandidate = %v, %v; want %v", got, err, want)
	}
	stop := errors.New("stop")
	n := 0
	err = s.ForEachCandidate(context.Background(), func(Candidate) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("ForEachCandidate with error: err %v after %d calls; want stop after 1", err, n)
	}
}

// A data folder is open in one Store at a time: a second Open (a CLI
// command beside the server) fails at once instead of hanging on the index
// lock or rebuilding the index under the first.
func TestOpenTwiceConflicts(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	if _, err := Open(context.Background(), dir, testOptions()); !errors.Is(err, engine.ErrConflict) {
		t.Fatalf("second Open: err = %v, want ErrConflict", err)
	}
	s.Close()
	s2, err := Open(context.Background(), dir, testOptions())
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

// BackupFolder copies the database of a folder another Store has open, and
// the originals it references to files/ beside the copy: renamed to
// skillmatch.db, the backup's folder is a complete data folder.
func TestBackupFolderWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	c := add(t, s, "a.txt", "Docker and Kubernetes", 12, "docker:12")
	gone := add(t, s, "b.txt", "Java developer", 12, "java:12")
	if err := s.DeleteCandidate(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	backups := t.TempDir()
	path := filepath.Join(backups, "skillmatch.db")
	res, err := BackupFolder(ctx, dir, path)
	if err != nil {
		t.Fatalf("BackupFolder beside an open Store: %v", err)
	}
	want := BackupResult{FilesDir: filepath.Join(backups, "files"), Files: 1}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("BackupFolder result (-want +got):\n%s", diff)
	}
	if _, err := BackupFolder(ctx, dir, path); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("BackupFolder over an existing file: err = %v, want ErrConflict", err)
	}
	if _, err := BackupFolder(ctx, t.TempDir(), filepath.Join(t.TempDir(), "x.db")); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("BackupFolder of an empty folder: err = %v, want ErrNotFound", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The original folder is gone; the backup folder is all there is.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	r := openTest(t, backups)
	if ids := searchIDs(t, r, SearchRequest{Query: "docker months>=12"}); !slices.Equal(ids, []string{c.ID}) {
		t.Errorf("search in the copy = %v, want [%s]", ids, c.ID)
	}
	if name, data, err := r.OriginalFile(ctx, c.ID); err != nil || name != "a.txt" || string(data) != "original of a.txt\nDocker and Kubernetes" {
		t.Errorf("OriginalFile in the copy = %q, %q, %v", name, data, err)
	}
}

// Store.Backup, to a file with another name: the database copy, renamed to
// skillmatch.db beside the files/ it wrote, opens as a new data folder (index
// rebuilt) with every original; a second backup into the same folder shares
// files/. An original lost before the backup is counted as missing.
func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	c := add(t, s, "a.txt", "Postgres expert", 36, "postgresql:36")
	lost := add(t, s, "b.txt", "Rust developer", 12, "rust:12")
	backups := t.TempDir()
	path := filepath.Join(backups, "monday.db")
	if err := os.Remove(blobPath(s.dir, lost.Hash)); err != nil {
		t.Fatal(err)
	}
	res, err := s.Backup(ctx, path)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if diff := cmp.Diff(BackupResult{FilesDir: filepath.Join(backups, "files"), Files: 1, Missing: 1}, res); diff != "" {
		t.Errorf("Backup result (-want +got):\n%s", diff)
	}
	if _, err := s.Backup(ctx, path); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("Backup over an existing file: err = %v, want ErrConflict", err)
	}
	if res, err := s.Backup(ctx, filepath.Join(backups, "tuesday.db")); err != nil || res.Files != 1 {
		t.Errorf("second backup into the same folder = %+v, %v; want 1 file", res, err)
	}
	if err := os.Rename(path, filepath.Join(backups, dbName)); err != nil {
		t.Fatal(err)
	}
	r := openTest(t, backups)
	got, err := r.GetCandidate(ctx, c.ID)
	if err != nil || got.Profile.Text != c.Profile.Text {
		t.Errorf("GetCandidate in restored copy = %+v, %v", got, err)
	}
	if ids := searchIDs(t, r, SearchRequest{Query: "postgres months>=36"}); !slices.Equal(ids, []string{c.ID}) {
		t.Errorf("search in restored copy = %v, want [%s]", ids, c.ID)
	}
	if _, data, err := r.OriginalFile(ctx, c.ID); err != nil || string(data) != "original of a.txt\nPostgres expert" {
		t.Errorf("OriginalFile in restored copy = %q, %v", data, err)
	}
}

// Writes and searches keep working while Reindex runs, and nothing written
// meanwhile is missing from (or lingering in) the rebuilt index.
func TestReindexWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	var in []NewCandidate
	for i := range 300 {
		text := fmt.Sprintf("python resume %d", i)
		in = append(in, NewCandidate{File: fmt.Sprintf("%d.txt", i), Original: []byte(text), Profile: profile(text, 1, "python")})
	}
	res, err := s.AddCandidates(ctx, in)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(2)
	go func() { // writer: add and delete while the index is rebuilt
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			text := fmt.Sprintf("python newcomer %d", i)
			if _, _, err := s.AddCandidate(ctx, fmt.Sprintf("new%d.txt", i), []byte(text), profile(text, 1, "python")); err != nil {
				t.Errorf("AddCandidate during reindex: %v", err)
				return
			}
			if i < len(res) {
				if err := s.DeleteCandidate(ctx, res[i].Candidate.ID); err != nil {
					t.Errorf("DeleteCandidate during reindex: %v", err)
				}
			}
		}
	}()
	go func() { // reader
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := s.Search(ctx, SearchRequest{Query: "python"}); err != nil {
				t.Errorf("Search during reindex: %v", err)
				return
			}
		}
	}()
	for range 2 {
		if err := s.Reindex(ctx); err != nil {
			t.Errorf("Reindex: %v", err)
		}
	}
	close(done)
	wg.Wait()

	n, err := s.CountCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Search(ctx, SearchRequest{Query: "python"})
	if err != nil || r.Total != uint64(n) {
		t.Errorf("after concurrent reindex: index has %d python candidates (%v), store has %d", r.Total, err, n)
	}
}

// Close waits for the index's last writes to reach the disk, so a restart
// has nothing to re-index.
func TestCloseKeepsIndexWrites(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	fill(t, s, 0, 50)
	c := add(t, s, "x.txt", "single add", 1)
	if err := s.DeleteCandidate(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()

	var log bytes.Buffer
	opts := testOptions()
	opts.Logger = slog.New(slog.NewTextHandler(&log, nil))
	s, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if strings.Contains(log.String(), "reconciled") || strings.Contains(log.String(), "rebuilding") {
		t.Errorf("reopen after Close had to repair the index:\n%s", log.String())
	}
	if docs, _, err := s.IndexStats(context.Background()); err != nil || docs != 50 {
		t.Errorf("index holds %d documents (%v), want 50", docs, err)
	}
}

// textHashRef is textHash as first written (a rune loop into a
// strings.Builder): stored text hashes must stay what it computed.
func textHashRef(text string) string {
	var b strings.Builder
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if b.Len() == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

var textHashCases = []string{
	"", "   \n\t ", "Jane Doe", "JANE DOE  senior python developer\r\n\tDjango and AWS since 2019\n",
	"Ünïcödé MÜNCHEN straße İstanbul ΣΟΦΙΑ", "nbsp\u00a0and\u2003em\u0085nel\u2028line", "\x1c\x1d\x1e\x1f\x7f ctrl",
	"invalid \xff\xfe utf8 \xc3", "tabs\v\fand\rreturns", "  leading and trailing  ",
}

func TestTextHashStable(t *testing.T) {
	for _, s := range textHashCases {
		if got, want := textHash(s), textHashRef(s); got != want {
			t.Errorf("textHash(%q) = %s, want %s", s, got, want)
		}
	}
	// Pinned, computed independently: printf 'jane doe python' | sha256sum
	if got, want := textHash("Jane  Doe\n\tPython\n"), "22abe477de97a9d717b2c684222fe7e853fbf6ae42b558e4f8e6a39009c92a09"; got != want {
		t.Errorf("textHash of a known text = %s, want %s", got, want)
	}
}

func FuzzTextHash(f *testing.F) {
	for _, s := range textHashCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := textHash(s), textHashRef(s); got != want {
			t.Errorf("textHash(%q) = %s, want %s", s, got, want)
		}
	})
}

// An IndexPending that finds nothing pending because a concurrent call (a
// job runner) took the candidates returns only once they are indexed: a
// search after it finds them.
func TestIndexPendingWaitsForConcurrentCall(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	id := storeUnindexed(t, s, "Kafka streams")
	started, release := holdIndexing(s)
	first := make(chan error, 1)
	go func() { _, err := s.IndexPending(ctx); first <- err }()
	<-started
	second := make(chan []string, 1)
	go func() {
		s.IndexPending(ctx)
		second <- searchIDs(t, s, SearchRequest{Query: "kafka"})
	}()
	select {
	case got := <-second:
		t.Fatalf("the second IndexPending returned while the first was indexing; search then found %v", got)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if got := <-second; !slices.Equal(got, []string{id}) {
		t.Errorf("search after the second IndexPending = %v, want [%s]", got, id)
	}
}

// storeUnindexed commits one candidate with text and a Kafka skill, not
// indexed yet, and returns its id.
func storeUnindexed(t *testing.T, s *Store, text string) string {
	t.Helper()
	res, err := s.StoreCandidates(context.Background(), []NewCandidate{{File: "a.txt", Original: []byte(text), Profile: profile(text, 12, "kafka:12")}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].Candidate.ID
}

// holdIndexing makes the store's next index batch wait: started is closed
// when it begins, and it goes on once release is closed.
func holdIndexing(s *Store) (started, release chan struct{}) {
	started, release = make(chan struct{}), make(chan struct{})
	index := s.indexHook
	s.indexHook = func(ctx context.Context, cs []Candidate) error {
		close(started)
		<-release
		return index(ctx, cs)
	}
	return started, release
}

// A candidate deleted while an IndexPending that took it is still indexing
// is not left in the index when that batch lands after the delete.
func TestDeleteDuringIndexPending(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	id := storeUnindexed(t, s, "Kafka streams")
	started, release := holdIndexing(s)
	indexed := make(chan error, 1)
	go func() { _, err := s.IndexPending(ctx); indexed <- err }()
	<-started
	deleted := make(chan error, 1)
	go func() { deleted <- s.DeleteCandidate(ctx, id) }()
	time.Sleep(50 * time.Millisecond) // let the delete reach the index first, as it could
	close(release)
	if err := <-indexed; err != nil {
		t.Fatal(err)
	}
	if err := <-deleted; err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "kafka"}); len(got) != 0 {
		t.Errorf("search after the delete finds %v, want nothing", got)
	}
}

// StoreCandidates commits without indexing (duplicates resolved as by
// AddCandidates); IndexPending makes them searchable, Close indexes what is
// still pending, and a candidate deleted before it is indexed never is.
func TestStoreThenIndexPending(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	nc := func(file, text string) NewCandidate {
		return NewCandidate{File: file, Original: []byte("original of " + file), Profile: profile(text, 12, "kafka:12")}
	}
	res, err := s.StoreCandidates(ctx, []NewCandidate{nc("a.txt", "Kafka streams"), nc("b.txt", "Kafka connect"), nc("a.txt", "Kafka streams")})
	if err != nil {
		t.Fatalf("StoreCandidates: %v", err)
	}
	if !res[0].Created || !res[1].Created || res[2].Created || res[2].Candidate.ID != res[0].Candidate.ID {
		t.Fatalf("StoreCandidates results = %+v, want two created and the repeat a duplicate of the first", res)
	}
	if n, err := s.CountCandidates(ctx); err != nil || n != 2 {
		t.Fatalf("CountCandidates = %d, %v; want 2 committed", n, err)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "kafka"}); len(got) != 0 {
		t.Fatalf("StoreCandidates indexed %v", got)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 2 {
		t.Fatalf("IndexPending = %d, %v; want 2", n, err)
	}
	if got, want := searchIDs(t, s, SearchRequest{Query: "kafka"}), sorted(res[0].Candidate.ID, res[1].Candidate.ID); !slices.Equal(got, want) {
		t.Fatalf("after IndexPending search = %v, want %v", got, want)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("IndexPending with nothing pending = %d, %v; want 0", n, err)
	}
	// Close indexes what StoreCandidates left unindexed: the index on disk
	// holds it before any reconciling Open; a later IndexPending is a no-op
	// instead of a "store closed" error.
	more, err := s.StoreCandidates(ctx, []NewCandidate{nc("c.txt", "Kafka admin")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("IndexPending after Close = %d, %v; want 0, nil (Close indexed it)", n, err)
	}
	idx, err := bleve.OpenUsing(filepath.Join(dir, indexName), scorchConfig())
	if err != nil {
		t.Fatal(err)
	}
	n, err := idx.DocCount()
	idx.Close()
	if err != nil || n != 3 {
		t.Errorf("index after Close holds %d documents (%v), want 3", n, err)
	}
	s = openTest(t, dir)
	if got := searchIDs(t, s, SearchRequest{Query: "admin"}); !slices.Equal(got, []string{more[0].Candidate.ID}) {
		t.Errorf("after reopen search = %v, want [%s]", got, more[0].Candidate.ID)
	}
	// A stored candidate deleted before it is indexed is never indexed.
	gone, err := s.StoreCandidates(ctx, []NewCandidate{nc("d.txt", "Kafka operator")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCandidate(ctx, gone[0].Candidate.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending after the only pending candidate was deleted = %d, %v; want 0", n, err)
	}
	if got := searchIDs(t, s, SearchRequest{Query: "operator"}); len(got) != 0 {
		t.Errorf("deleted candidate indexed: %v", got)
	}
}
