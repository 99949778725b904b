package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skillmatch/skillmatch/engine"
)

// BackupResult says what a backup wrote besides the database copy.
type BackupResult struct {
	// FilesDir is the folder the originals went to: files/ beside the copy.
	FilesDir string
	// Files counts the originals the copy references that are now in
	// FilesDir (hard-linked when on the same file system, else copied).
	Files int
	// Missing counts originals the copy references that could not be
	// found: deleted between the database snapshot and the file copy (their
	// candidate was deleted meanwhile), or lost before.
	Missing int
}

// Backup writes a consistent copy of the database to path while the store
// stays in use (SQLite VACUUM INTO), then the original files that copy
// references to files/ in path's folder. So a folder holding path renamed
// to skillmatch.db, and that files/, is a complete data folder (Open
// rebuilds the index). The database copy holds candidates with their
// profiles and text, roles, keys, audit and jobs. Originals are content-
// addressed and never change, so a files/ shared by several backups in one
// folder is harmless (Open removes files the database does not reference).
// An existing path is engine.ErrConflict: a backup never overwrites it.
func (s *Store) Backup(ctx context.Context, path string) (BackupResult, error) {
	if err := vacuumInto(ctx, s.db, path); err != nil {
		return BackupResult{}, err
	}
	return copyOriginals(ctx, s.dir, path)
}

// HasStore reports whether dir holds a skillmatch store (its database), so
// that commands meant for an existing store can refuse a mistyped folder
// instead of letting Open create a new, empty one there.
func HasStore(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, dbName))
	return !errors.Is(err, fs.ErrNotExist)
}

// BackupFolder is Store.Backup for a data folder that may be open in another
// process (a running server): it opens the database only, beside whoever has
// the folder open, and copies it consistently, then the originals it
// references. A folder without a database is engine.ErrNotFound.
func BackupFolder(ctx context.Context, dir, path string) (BackupResult, error) {
	if !HasStore(dir) {
		return BackupResult{}, fmt.Errorf("backup: no database in %s: %w", dir, engine.ErrNotFound)
	}
	db, err := openDB(ctx, dir)
	if err != nil {
		return BackupResult{}, err
	}
	err = vacuumInto(ctx, db, path)
	db.Close()
	if err != nil {
		return BackupResult{}, err
	}
	return copyOriginals(ctx, dir, path)
}

func vacuumInto(ctx context.Context, db *sql.DB, path string) error {
	if path == "" {
		return fmt.Errorf("backup: empty path: %w", engine.ErrInvalid)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup %s: already exists: %w", path, engine.ErrConflict)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// copyOriginals puts every original the database copy at path references
// (candidates, pending job items) under files/ beside it, from dir/files.
func copyOriginals(ctx context.Context, dir, path string) (BackupResult, error) {
	res := BackupResult{FilesDir: filepath.Join(filepath.Dir(path), filesName)}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return res, fmt.Errorf("backup %s: %w", path, err)
	}
	defer db.Close()
	hashes, err := referencedHashes(ctx, db)
	if err != nil {
		return res, fmt.Errorf("backup %s: originals: %w", path, err)
	}
	if err := os.MkdirAll(res.FilesDir, 0o755); err != nil {
		return res, fmt.Errorf("backup: %w", err)
	}
	dst := filepath.Dir(path)
	for _, h := range hashes {
		if !validHash(h) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		to := blobPath(dst, h)
		if _, err := os.Stat(to); err == nil {
			res.Files++ // content-addressed: already there from an earlier backup
			continue
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return res, fmt.Errorf("backup: %w", err)
		}
		from := blobPath(dir, h)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
			from = flatBlobPath(dir, h) // a folder no Open has moved into sub-folders yet
		}
		if err := os.Link(from, to); err == nil {
			res.Files++
			continue
		}
		data, err := os.ReadFile(from)
		if errors.Is(err, fs.ErrNotExist) || err == nil && ContentHash(data) != h {
			res.Missing++
			continue
		}
		if err != nil {
			return res, fmt.Errorf("backup: original %s: %w", h, err)
		}
		if err := writeBlob(dst, h, data, false); err != nil {
			return res, fmt.Errorf("backup: %w", err)
		}
		res.Files++
	}
	return res, nil
}
