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
	"strings"
	"sync"

	"github.com/skillmatch/skillmatch/engine"
)

// Original files (uploads and job inputs) live as DIR/files/<sha256>, the
// lower-case hex sha256 of their bytes (DESIGN.md, Storage). Rows name them
// by that hash: candidates.hash and job_items.hash of pending items.
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

// blobPath is where the original with the given hash is kept.
func (s *Store) blobPath(hash string) string {
	return filepath.Join(s.dir, filesName, hash)
}

// writeBlob stores data, whose sha256 the caller computed as hash, as
// files/<hash>. A file already there is kept as is, unless repair is set and
// it no longer matches its hash (damaged): then it is replaced. Checking
// costs a read of the file, so callers repair where a damaged copy may be met
// (the same bytes uploaded again), not on every write of a job's input that
// was just read back intact. The write goes to a temporary name renamed into
// place, so a crash never leaves a partial file under a hash name. The
// caller holds s.files shared until the referencing transaction is over.
func (s *Store) writeBlob(hash string, data []byte, repair bool) error {
	path := s.blobPath(hash)
	if !repair {
		if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
			return nil
		}
	} else if old, err := os.ReadFile(path); err == nil && ContentHash(old) == hash {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), tmpPrefix+"*")
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

// writeBlobs writes each of bs with writeBlob and returns the hashes written
// (or found there already) before the first error, for the caller to release
// if its transaction fails. The caller holds s.files shared.
func (s *Store) writeBlobs(bs []blob, repair bool) ([]string, error) {
	written := make([]string, 0, len(bs))
	for _, b := range bs {
		if err := s.writeBlob(b.hash, b.data, repair); err != nil {
			return written, err
		}
		written = append(written, b.hash)
	}
	return written, nil
}

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
		if err := os.Remove(s.blobPath(h)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove original %s: %w", h, err))
		}
	}
	return errors.Join(errs...)
}

// reconcileFiles removes what a crash may have left under files/: temporary
// files, and originals no candidate or pending job item references (written
// before a commit that never happened, or released by a commit whose file
// removal never ran). Open calls it while it alone has the folder.
func (s *Store) reconcileFiles(ctx context.Context) error {
	dir := filepath.Join(s.dir, filesName)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("original files: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	used := map[string]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT hash FROM candidates
		UNION SELECT hash FROM job_items WHERE status = 'pending'`)
	if err != nil {
		return translate(err, "original files")
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return translate(err, "original files")
		}
		used[h] = true
	}
	if err := rows.Err(); err != nil {
		return translate(err, "original files")
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || used[name] || !(validHash(name) || strings.HasPrefix(name, tmpPrefix)) {
			continue // not ours to judge
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("original files: %w", err)
		}
		removed++
	}
	if removed > 0 {
		s.log.Info("removed original files nothing references (left by an interrupted write or delete)", "files", removed)
	}
	return nil
}

// hasOriginal reports whether an original with the given hash is stored.
func (s *Store) hasOriginal(hash string) bool {
	_, err := os.Stat(s.blobPath(hash))
	return err == nil
}

// originalSize returns the size of a stored original; engine.ErrInvalid when
// there is none (a caller's StoredHash that names nothing).
func (s *Store) originalSize(hash string) (int64, error) {
	fi, err := os.Stat(s.blobPath(hash))
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
	data, err := os.ReadFile(s.blobPath(hash))
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
	s := &Store{dir: dir}
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
		if err := s.writeBlob(hash, data, true); err != nil {
			return err
		}
	}
	return rows.Err()
}
