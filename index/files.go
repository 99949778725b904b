package index

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/skillmatch/skillmatch/engine"
)

// Original files (uploads and job inputs) live as DIR/files/<ab>/<sha256>,
// named by the lower-case hex sha256 of their bytes (DESIGN.md, Storage) in
// one of 256 sub-folders named by its first two digits. Rows name them by
// that hash: candidates.hash and job_items.hash of pending items.
//
// The sub-folders let several files be created at once: creating a file
// locks its folder, and on this project's VM (ext4 without a journal, whose
// inode allocator skips one by one the inodes freed in the last minutes)
// one creation can cost ~0.5 ms of kernel time, so a job's thousands of
// inputs written into one folder were written one at a time. Open also
// asks ext4 to spread the sub-folders over block groups (spread_linux.go),
// which took that cost to ~0.06 ms. Folders written before the sub-folders
// (DIR/files/<sha256>) are moved into them by Open (reconcileFiles); a
// backup's copy reads either place.
//
// Order of writes, so that no row ever names a file that was never written:
//   - a file is written (temporary name, then renamed; not fsynced) before the
//     SQLite commit that references it, with the store's file lock shared;
//   - a row is deleted and committed first, then, with the file lock held
//     exclusively, the file is removed if no row names it any more;
//   - a crash between the two leaves a file nobody references, which Open
//     removes (reconcileFiles).
//
// Files are not fsynced (that doubled the cost of an import here): after an
// OS crash or power loss a file may be lost or damaged while its row
// survives; Blob checks every file against its hash and reports such a file
// as not found, and uploading the same bytes again repairs it.

// ContentHash returns the lower-case hex sha256 of b: the name of its file
// under files/, the Hash of a Candidate or JobItem holding it, and what
// FindByHash looks up. It is the one place that spells this encoding.
func ContentHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// validHash reports whether h is a lower-case hex sha256, and so safe as a
// file name.
func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// fileLock orders file writes against file removals. Writers (a file
// written, then the transaction that references it committed) share it;
// removal (is the file still referenced? then remove) holds it alone, so it
// never removes a file between a writer's write and its commit.
type fileLock struct{ sync.RWMutex }

// blobPath is where the data folder dir keeps the original with the given
// (valid) hash.
func blobPath(dir, hash string) string {
	return filepath.Join(dir, filesName, hash[:2], hash)
}

// flatBlobPath is where dir kept the original before the sub-folders.
func flatBlobPath(dir, hash string) string {
	return filepath.Join(dir, filesName, hash)
}

// isShard reports whether name is a sub-folder name of files/: two
// lower-case hex digits.
func isShard(name string) bool {
	return len(name) == 2 && validHash(name+strings.Repeat("0", 62))
}

// writeBlob stores data, whose sha256 the caller computed as hash, at
// blobPath(dir, hash). A file already there is kept as is, unless repair is set and
// it no longer matches its hash (damaged): then it is replaced. Checking
// costs a read of the file, so callers repair where a damaged copy may be met
// (the same bytes uploaded again), not on every write of a job's input that
// was just read back intact. The write goes to a temporary name renamed into
// place, so a crash never leaves a partial file under a hash name. The
// caller holds s.files shared until the referencing transaction is over.
func writeBlob(dir, hash string, data []byte, repair bool) error {
	path := blobPath(dir, hash)
	if !repair {
		if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
			return nil
		}
	} else if old, err := os.ReadFile(path); err == nil && ContentHash(old) == hash {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), tmpPrefix+"*")
	if errors.Is(err, fs.ErrNotExist) {
		// The sub-folder's first file: make it (another writer may race us
		// to it).
		if err = os.Mkdir(filepath.Dir(path), 0o755); err == nil || errors.Is(err, fs.ErrExist) {
			f, err = os.CreateTemp(filepath.Dir(path), tmpPrefix+"*")
		}
	}
	if err != nil {
		return fmt.Errorf("store original %s: %w", hash, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store original %s: %w", hash, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store original %s: %w", hash, err)
	}
	return nil
}

// blob is an original to write: its bytes and their ContentHash.
type blob struct {
	hash string
	data []byte
}

// writeBlobs writes each of bs with writeBlob, several at a time when there
// are many (files in different sub-folders are created in parallel), and
// returns the hashes written (or found there already), for the caller to
// release if its transaction fails, and the first error; after an error the
// remaining blobs are not written. The caller holds s.files shared.
func (s *Store) writeBlobs(bs []blob, repair bool) ([]string, error) {
	workers := min(runtime.GOMAXPROCS(0), maxBlobWriters, len(bs)/blobsPerWriter)
	if workers <= 1 {
		written := make([]string, 0, len(bs))
		for _, b := range bs {
			if err := writeBlob(s.dir, b.hash, b.data, repair); err != nil {
				return written, err
			}
			written = append(written, b.hash)
		}
		return written, nil
	}
	var (
		next    atomic.Int64 // index in bs of the next blob to write
		mu      sync.Mutex
		written = make([]string, 0, len(bs))
		first   error // the first write that failed
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(bs) {
					return
				}
				err := writeBlob(s.dir, bs[i].hash, bs[i].data, repair)
				mu.Lock()
				if err != nil {
					if first == nil {
						first = err
					}
					next.Store(int64(len(bs))) // the others stop after their current file
				} else {
					written = append(written, bs[i].hash)
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return written, first
}

// Writing originals in parallel pays only for many files (a job's inputs,
// an import batch): at most maxBlobWriters at once, each with at least
// blobsPerWriter files to write. On this VM two writers halved the time to
// create 2,484 files in 256 sub-folders (one folder: no faster, the
// creations serialise on its lock).
const (
	maxBlobWriters = 4
	blobsPerWriter = 8
)

// tmpPrefix starts the name of a file being written under files/; Open
// removes any left by a crash.
const tmpPrefix = ".tmp-"

// removeUnusedBlobs removes the files of the given hashes that no candidate
// or pending job item references any more. Callers have committed the
// deletes (or item updates) that may have released them. It runs even when
// ctx is canceled (the cleanup of a write that failed because of it).
func (s *Store) removeUnusedBlobs(ctx context.Context, hashes ...string) error {
	if len(hashes) == 0 {
		return nil
	}
	ctx = context.WithoutCancel(ctx)
	list, err := json.Marshal(hashes)
	if err != nil {
		return err
	}
	s.files.Lock()
	defer s.files.Unlock()
	// One statement for the whole list: a job's batch releases up to a
	// thousand inputs at once.
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT h.value FROM json_each(?) AS h
		WHERE NOT EXISTS (SELECT 1 FROM candidates WHERE hash = h.value)
		AND NOT EXISTS (SELECT 1 FROM job_items WHERE hash = h.value AND status = 'pending')`, string(list))
	if err != nil {
		return translate(err, "original files")
	}
	var unused []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return translate(err, "original files")
		}
		unused = append(unused, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err, "original files")
	}
	var errs []error
	for _, h := range unused {
		if !validHash(h) {
			continue
		}
		if err := os.Remove(blobPath(s.dir, h)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove original %s: %w", h, err))
		}
	}
	return errors.Join(errs...)
}

// reconcileFiles removes what a crash may have left under files/: temporary
// files, and originals no candidate or pending job item references (written
// before a commit that never happened, or released by a commit whose file
// removal never ran). Originals of the flat layout (files/<sha256>, before
// the sub-folders) still referenced are moved into their sub-folder. Open
// calls it while it alone has the folder. Anything else is not ours and is
// left alone.
func (s *Store) reconcileFiles(ctx context.Context) error {
	dir := filepath.Join(s.dir, filesName)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("original files: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	hashes, err := referencedHashes(ctx, s.db)
	if err != nil {
		return translate(err, "original files")
	}
	used := make(map[string]bool, len(hashes))
	for _, h := range hashes {
		used[h] = true
	}
	removed, moved := 0, 0
	remove := func(path string) error {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("original files: %w", err)
		}
		removed++
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && isShard(name):
			sub, err := os.ReadDir(filepath.Join(dir, name))
			if err != nil {
				return fmt.Errorf("original files: %w", err)
			}
			for _, f := range sub {
				h := f.Name()
				ours := !f.IsDir() && (validHash(h) && h[:2] == name || strings.HasPrefix(h, tmpPrefix))
				if ours && !used[h] {
					if err := remove(filepath.Join(dir, name, h)); err != nil {
						return err
					}
				}
			}
		case e.IsDir():
			// not ours to judge
		case strings.HasPrefix(name, tmpPrefix) || validHash(name) && !used[name]:
			if err := remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		case validHash(name):
			// The flat layout: into its sub-folder. The same bytes may be
			// there already (written since); the rename replaces them with
			// themselves.
			to := blobPath(s.dir, name)
			if err := os.Mkdir(filepath.Dir(to), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("original files: %w", err)
			}
			if err := os.Rename(filepath.Join(dir, name), to); err != nil {
				return fmt.Errorf("original files: %w", err)
			}
			moved++
		}
	}
	if removed > 0 {
		s.log.Info("removed original files nothing references (left by an interrupted write or delete)", "files", removed)
	}
	if moved > 0 {
		s.log.Info("moved original files into sub-folders of files/", "files", moved)
	}
	return nil
}

// referencedHashes returns the hashes of the originals db references: those
// of its candidates and of its pending job items, each once.
func referencedHashes(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT hash FROM candidates
		UNION SELECT hash FROM job_items WHERE status = 'pending'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		hashes = append(hashes, h)
	}
	return hashes, rows.Err()
}

// originalSize returns the size of a stored original; engine.ErrInvalid when
// there is none (a caller's StoredHash that names nothing).
func (s *Store) originalSize(hash string) (int64, error) {
	fi, err := os.Stat(blobPath(s.dir, hash))
	if err != nil {
		return 0, fmt.Errorf("no stored original %s: %w", hash, engine.ErrInvalid)
	}
	return fi.Size(), nil
}

// Blob returns the stored original with the given sha256 (lower-case hex).
// It fails with engine.ErrInvalid for a malformed hash and engine.ErrNotFound
// when no such original is stored, or the stored bytes no longer match their
// hash (damaged).
func (s *Store) Blob(ctx context.Context, hash string) ([]byte, error) {
	if !validHash(hash) {
		return nil, fmt.Errorf("file hash %q: %w", hash, engine.ErrInvalid)
	}
	data, err := os.ReadFile(blobPath(s.dir, hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("file %s: %w", hash, engine.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", hash, err)
	}
	if ContentHash(data) != hash {
		return nil, fmt.Errorf("file %s: damaged (content does not match its hash): %w", hash, engine.ErrNotFound)
	}
	return data, nil
}

// moveOriginalsToFiles is migration 0004's Go step, run in its transaction
// before the SQL drops the originals table: every row of that table (folders
// written between migrations 0002 and 0004 kept originals there) becomes
// files/<hash>, checked against its hash. Rows whose bytes no longer match
// are dropped, as Blob would have reported them missing anyway.
func moveOriginalsToFiles(ctx context.Context, tx *sql.Tx, dir string) error {
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master
		WHERE type = 'table' AND name = 'originals')`).Scan(&exists); err != nil || !exists {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, filesName), 0o755); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT hash, data FROM originals`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash string
			data []byte
		)
		if err := rows.Scan(&hash, &data); err != nil {
			return err
		}
		if !validHash(hash) || ContentHash(data) != hash {
			continue
		}
		if err := writeBlob(dir, hash, data, true); err != nil {
			return err
		}
	}
	return rows.Err()
}
