package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/skillmatch/skillmatch/engine"
)

// Backup writes a consistent copy of the database to path while the store
// stays in use (SQLite VACUUM INTO). The copy holds everything SQLite is the
// truth for — candidates with their profiles and text, roles, keys, audit and
// jobs — and opens as skillmatch.db of a new data folder, whose index Open
// rebuilds. Originals under files/ are not included (copy that folder to keep
// them). An existing path is engine.ErrConflict: a backup never overwrites.
func (s *Store) Backup(ctx context.Context, path string) error {
	if path == "" {
		return fmt.Errorf("backup: empty path: %w", engine.ErrInvalid)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup %s: already exists: %w", path, engine.ErrConflict)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}
