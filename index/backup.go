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

// Backup writes a consistent copy of the database to path while the store
// stays in use (SQLite VACUUM INTO). The copy holds everything SQLite is the
// truth for — candidates with their profiles, text and original files, roles,
// keys, audit and jobs — and opens as skillmatch.db of a new data folder,
// whose index Open rebuilds. Originals a folder kept under files/ before
// migration 0002 are not included (copy that folder to keep them). An
// existing path is engine.ErrConflict: a backup never overwrites.
func (s *Store) Backup(ctx context.Context, path string) error {
	return vacuumInto(ctx, s.db, path)
}

// BackupFolder is Store.Backup for a data folder that may be open in another
// process (a running server): it opens the database only, beside whoever has
// the folder open, and copies it consistently. A folder without a database
// is engine.ErrNotFound.
func BackupFolder(ctx context.Context, dir, path string) error {
	if _, err := os.Stat(filepath.Join(dir, dbName)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: no database in %s: %w", dir, engine.ErrNotFound)
	}
	db, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	return vacuumInto(ctx, db, path)
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
