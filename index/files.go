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
// write goes to a temporary file renamed into place, so a process crash never
// leaves a partial file under a hash name. Files are not fsynced (that
// doubled the cost of an import here): after an OS crash or power loss a
// file may be lost or damaged while its database row survives, and Blob,
// which checks every file against its hash, then reports it as not found.
func (s *Store) writeBlob(hash string, data []byte) error {
	path := s.blobPath(hash)
	if old, err := os.ReadFile(path); err == nil && hashBytes(old) == hash {
		return nil // already stored intact; a damaged copy is replaced below
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("store file: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
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
// when no such file is stored, or the file no longer matches its hash.
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
	if hashBytes(data) != hash {
		return nil, fmt.Errorf("file %s: damaged (content does not match its hash): %w", hash, engine.ErrNotFound)
	}
	return data, nil
}
