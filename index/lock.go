package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/skillmatch/skillmatch/engine"
)

const lockName = "lock"

// lockFolder takes the data folder's exclusive lock, which one open Store
// holds until Close. Without it a second process (a CLI command beside the
// server) would wait forever on the search index's own file lock, or rebuild
// the index under the server's feet. It fails at once with
// engine.ErrConflict when another Store, in this process or another, holds it.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data folder lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("data folder %s is in use by another skillmatch process (stop it first; `backup` works beside it): %w", dir, engine.ErrConflict)
		}
		return nil, fmt.Errorf("data folder lock: %w", err)
	}
	return f, nil
}
