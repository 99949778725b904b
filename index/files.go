package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skillmatch/skillmatch/engine"
)

// hashBytes returns the lower-case hex sha256 of b, the name of its file.
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

func (s *Store) blobPath(hash string) string {
	return filepath.Join(s.dir, filesName, hash)
}

// writeBlob stores data under files/<hash> unless it is already there. The
// write goes to a temporary file first, so a crash never leaves a partial
// file under a hash name.
func (s *Store) writeBlob(hash string, data []byte) error {
	path := s.blobPath(hash)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("store file: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store file: %w", err)
	}
	return nil
}

// Blob returns the stored original with the given sha256 (lower-case hex).
// It fails with engine.ErrInvalid for a malformed hash and engine.ErrNotFound
// when no such file is stored.
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
	return data, nil
}
