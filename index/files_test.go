package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

// A folder written at schema 0003 keeps its originals as rows of the
// originals table; migration 0004 writes them out as files/<sha256> and drops
// the table, so every candidate's and pending item's original reads back.
func TestMigrationMovesOriginalsToFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := dbAtSchema(t, dir, 3)
	resume, pending, damaged := []byte("%PDF-1.4 a resume"), []byte("%PDF-1.4 a pending job input"), []byte("%PDF-1.4 damaged")
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO candidates (id, file, format, hash, text_hash, size, created_at, total_months, profile, text)
		VALUES ('c1', 'a.pdf', 'pdf', ?, NULL, ?, 0, 0, '{}', 'Python developer')`, ContentHash(resume), len(resume))
	exec(`INSERT INTO jobs (id, role_id, status, total, done, failed, callback_url, idempotency_key, key_id, created_at, updated_at, error)
		VALUES ('j1', 'r1', 'queued', 1, 0, 0, '', '', '', 0, 0, '')`)
	exec(`INSERT INTO job_items (job_id, seq, file, hash, status, candidate_id, score, result, error)
		VALUES ('j1', 0, 'b.pdf', ?, 'pending', '', 0, NULL, '')`, ContentHash(pending))
	for _, b := range [][]byte{resume, pending} {
		exec(`INSERT INTO originals (hash, data) VALUES (?, ?)`, ContentHash(b), b)
	}
	exec(`INSERT INTO originals (hash, data) VALUES (?, ?)`, ContentHash(damaged), []byte("other bytes"))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s := openTest(t, dir)
	for _, b := range [][]byte{resume, pending} {
		if got, err := s.Blob(ctx, ContentHash(b)); err != nil || string(got) != string(b) {
			t.Errorf("Blob(%s) after migration = %q, %v; want the row's bytes", ContentHash(b)[:8], got, err)
		}
	}
	if _, data, err := s.OriginalFile(ctx, "c1"); err != nil || string(data) != string(resume) {
		t.Errorf("OriginalFile after migration = %q, %v", data, err)
	}
	if _, err := s.Blob(ctx, ContentHash(damaged)); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a damaged row: Blob err = %v, want ErrNotFound (not written out)", err)
	}
	if n := countOriginals(t, s); n != 2 {
		t.Errorf("files after migration = %d, want 2", n)
	}
	var tables int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'originals'`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("originals table after migration: %d (%v), want dropped", tables, err)
	}
}

// Open removes what an interrupted write or delete leaves under files/:
// temporary files and originals nothing references; it keeps every file a
// candidate or a pending job item names, moving those of the flat layout
// (files/<sha256>, before the sub-folders) into their sub-folder, and files
// that are not ours.
func TestOpenRemovesUnreferencedFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	c := add(t, s, "a.txt", "Python developer", 12, "python:12")
	old := add(t, s, "old.txt", "Java developer", 24, "java:24")
	input := []byte("%PDF-1.4 pending input")
	if _, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, []JobInput{{File: "b.pdf", Data: input}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	files := filepath.Join(dir, "files")
	// A referenced original where the flat layout kept it.
	if err := os.Rename(blobPath(s.dir, old.Hash), filepath.Join(files, old.Hash)); err != nil {
		t.Fatal(err)
	}
	orphan, flatOrphan := []byte("%PDF-1.4 written, never committed"), []byte("%PDF-1.4 flat, never committed")
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(files, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(files, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(ContentHash(orphan)[:2]+"/"+ContentHash(orphan), orphan)
	write(ContentHash(flatOrphan), flatOrphan)
	write(tmpPrefix+"123", []byte("half a file"))
	write("ab/"+tmpPrefix+"456", []byte("half a file"))
	write("README", []byte("someone else's"))
	write("notes/"+ContentHash(orphan), orphan)

	s = openTest(t, dir)
	got := originalFiles(t, dir)
	want := []string{"README", "notes/" + ContentHash(orphan)}
	for _, h := range []string{c.Hash, old.Hash, ContentHash(input)} {
		want = append(want, h[:2]+"/"+h)
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files after Open (-want +got):\n%s", diff)
	}
	if _, data, err := s.OriginalFile(ctx, old.ID); err != nil || string(data) != "original of old.txt\nJava developer" {
		t.Errorf("OriginalFile of a flat-layout original after Open = %q, %v", data, err)
	}
}

// Deleting a candidate removes its row first, then its file; a file written
// for a duplicate's text or a refused batch is not left behind.
func TestOriginalFilesFollowRows(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	a, _, err := s.AddCandidate(ctx, "a.pdf", []byte("%PDF a"), profile("Same text, Python", 12, "python"))
	if err != nil {
		t.Fatal(err)
	}
	// The DOCX of the same resume: same text, other bytes — the existing
	// candidate, and no file kept for the second copy.
	if dup, created, err := s.AddCandidate(ctx, "a.docx", []byte("PK a"), profile("Same text, Python", 12, "python")); err != nil || created || dup.ID != a.ID {
		t.Fatalf("text duplicate = %s, %v, %v", dup.ID, created, err)
	}
	if _, err := s.Blob(ctx, ContentHash([]byte("PK a"))); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("the duplicate's bytes: Blob err = %v, want ErrNotFound", err)
	}
	// A batch that fails (an empty profile name is caught before any
	// write; a canceled context fails the transaction) stores no file.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.AddCandidates(cctx, []NewCandidate{{File: "b.pdf", Original: []byte("%PDF b"), Profile: profile("B", 0)}}); err == nil {
		t.Fatal("AddCandidates with a canceled context succeeded")
	}
	if _, err := s.Blob(ctx, ContentHash([]byte("%PDF b"))); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a failed batch's bytes: Blob err = %v, want ErrNotFound", err)
	}
	if err := s.DeleteCandidate(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if n := countOriginals(t, s); n != 0 {
		t.Errorf("files after the only candidate was deleted = %d, want 0", n)
	}
}

// A job's many inputs are written several at a time (writeBlobs); when one
// of them cannot be written the job is refused and none of its files is
// left behind.
func TestCreateJobManyInputs(t *testing.T) {
	ctx := context.Background()
	inputs := func(prefix string) []JobInput {
		var in []JobInput
		for i := range 5 * blobsPerWriter {
			in = append(in, JobInput{File: fmt.Sprintf("%s%d.pdf", prefix, i), Data: fmt.Appendf(nil, "%%PDF %s resume %d", prefix, i)})
		}
		return in
	}
	s := openTest(t, t.TempDir())
	in := inputs("a")
	j, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, in)
	if err != nil {
		t.Fatal(err)
	}
	items, err := s.PendingItems(ctx, j.ID, 0)
	if err != nil || len(items) != len(in) {
		t.Fatalf("PendingItems = %d items, %v; want %d", len(items), err, len(in))
	}
	for i, it := range items {
		if data, err := s.Blob(ctx, it.Hash); err != nil || string(data) != string(in[i].Data) {
			t.Errorf("item %d: Blob = %q, %v; want %q", i, data, err, in[i].Data)
		}
	}
	if n := countOriginals(t, s); n != len(in) {
		t.Errorf("originals = %d, want %d", n, len(in))
	}

	// A file where one input's sub-folder should be: that input cannot be
	// written, so the job is refused, and the inputs written meanwhile are
	// removed.
	dir := t.TempDir()
	s = openTest(t, dir)
	in = inputs("b")
	blocker := ContentHash(in[len(in)/2].Data)[:2]
	if err := os.WriteFile(filepath.Join(dir, "files", blocker), []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateJob(ctx, Job{RoleID: "r"}, in); err == nil {
		t.Fatal("CreateJob with an input that cannot be written succeeded")
	}
	if diff := cmp.Diff([]string{blocker}, originalFiles(t, dir)); diff != "" {
		t.Errorf("files after a refused job (-want +got):\n%s", diff)
	}
	if jobs, err := s.UnfinishedJobs(ctx); err != nil || len(jobs) != 0 {
		t.Errorf("UnfinishedJobs after a refused job = %v, %v; want none", jobs, err)
	}
}

// A backup of a folder no Open has moved into sub-folders yet finds its
// originals where the flat layout kept them, and writes them in sub-folders.
func TestBackupFlatLayout(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir)
	c := add(t, s, "a.txt", "Go developer", 12, "go:12")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(blobPath(s.dir, c.Hash), flatBlobPath(s.dir, c.Hash)); err != nil {
		t.Fatal(err)
	}
	backups := t.TempDir()
	res, err := BackupFolder(ctx, dir, filepath.Join(backups, dbName))
	if err != nil || res.Files != 1 || res.Missing != 0 {
		t.Fatalf("BackupFolder = %+v, %v; want 1 file", res, err)
	}
	if diff := cmp.Diff([]string{c.Hash[:2] + "/" + c.Hash}, originalFiles(t, backups)); diff != "" {
		t.Errorf("files/ of the backup (-want +got):\n%s", diff)
	}
}

// Open marks files/ so that the file system spreads its sub-folders (ext4's
// top-directory flag), where the file system has such a flag.
func TestOpenSpreadsSubfolders(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir)
	set, known := topDirFlag(filepath.Join(dir, filesName))
	if !known {
		t.Skip("the file system of the temp folder has no inode flags")
	}
	if probe := t.TempDir(); !set && !spreadSubfolders(probe) {
		t.Skip("the file system of the temp folder refuses the top-directory flag")
	}
	if !set {
		t.Errorf("files/ lacks the top-directory flag after Open")
	}
}
