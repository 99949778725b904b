package index

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skillmatch/skillmatch/engine"
)

// Original files (uploads and job inputs) are rows of the originals table,
// keyed by the sha256 of their bytes (migration 0002). Folders written before
// that kept one file per original under files/<sha256>; those are still read
// (Blob) and removed with their candidate, never written.

// hashBytes returns the lower-case hex sha256 of b, the key of its original.
func hashBytes(b []byte) string {
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

// legacyPath is where a folder written before migration 0002 kept an original.
func (s *Store) legacyPath(hash string) string {
	return filepath.Join(s.dir, filesName, hash)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// putOriginal stores data under hash, which the caller has computed as
// hashBytes(data), in the caller's transaction. A row already there is left
// alone, unless repair is set and it holds other bytes (damaged): then it is
// replaced. Comparing costs a read of the stored bytes, so callers repair
// where a damaged copy may be met (the same bytes uploaded again), not on
// every write of a job's input that was just read back intact.
func putOriginal(ctx context.Context, tx execer, hash string, data []byte, repair bool) error {
	q := `INSERT INTO originals (hash, data) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING`
	if repair {
		q = `INSERT INTO originals (hash, data) VALUES (?, ?)
			ON CONFLICT (hash) DO UPDATE SET data = excluded.data WHERE data <> excluded.data`
	}
	_, err := tx.ExecContext(ctx, q, hash, data)
	return translate(err, "store original "+hash)
}

// dropOriginalIfUnused deletes, in the caller's transaction, the original
// with the given hash unless a candidate or a pending job item still has it.
// It reports whether nothing has it any more (so a legacy file of it may go).
func dropOriginalIfUnused(ctx context.Context, tx *sql.Tx, hash string) (unused bool, err error) {
	const users = `EXISTS (SELECT 1 FROM candidates WHERE hash = ?1)
		OR EXISTS (SELECT 1 FROM job_items WHERE hash = ?1 AND status = 'pending')`
	if err := tx.QueryRowContext(ctx, `SELECT NOT (`+users+`)`, hash).Scan(&unused); err != nil {
		return false, translate(err, "original "+hash)
	}
	if unused {
		if _, err := tx.ExecContext(ctx, `DELETE FROM originals WHERE hash = ?`, hash); err != nil {
			return false, translate(err, "delete original "+hash)
		}
	}
	return unused, nil
}

// hasOriginal reports whether an original with the given hash is stored, as
// a row or a legacy file.
func (s *Store) hasOriginal(ctx context.Context, q querier, hash string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM originals WHERE hash = ?`, hash).Scan(&n); err != nil {
		return false, translate(err, "original "+hash)
	}
	if n > 0 {
		return true, nil
	}
	_, err := os.Stat(s.legacyPath(hash))
	return err == nil, nil
}

// originalSize returns the size of a stored original, a row or a legacy
// file; engine.ErrInvalid when there is none (a caller's StoredHash that
// names nothing).
func (s *Store) originalSize(ctx context.Context, q querier, hash string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT length(data) FROM originals WHERE hash = ?`, hash).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		fi, serr := os.Stat(s.legacyPath(hash))
		if serr != nil {
			return 0, fmt.Errorf("no stored original %s: %w", hash, engine.ErrInvalid)
		}
		return fi.Size(), nil
	}
	return n, translate(err, "original "+hash)
}

// Blob returns the stored original with the given sha256 (lower-case hex).
// It fails with engine.ErrInvalid for a malformed hash and engine.ErrNotFound
// when no such original is stored, or the stored bytes no longer match their
// hash (damaged).
func (s *Store) Blob(ctx context.Context, hash string) ([]byte, error) {
	if !validHash(hash) {
		return nil, fmt.Errorf("file hash %q: %w", hash, engine.ErrInvalid)
	}
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM originals WHERE hash = ?`, hash).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		data, err = os.ReadFile(s.legacyPath(hash))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("file %s: %w", hash, engine.ErrNotFound)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", hash, err)
	}
	if hashBytes(data) != hash {
		return nil, fmt.Errorf("file %s: damaged (content does not match its hash): %w", hash, engine.ErrNotFound)
	}
	return data, nil
}
