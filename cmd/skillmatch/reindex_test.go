package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReindexMissingFolder: reindex on a mistyped folder says there is no
// data there and creates nothing, instead of making an empty store and
// reporting "reindexed 0 candidates".
func TestReindexMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"reindex", "--data", dir}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "no skillmatch data in "+dir) {
		t.Errorf("reindex --data %s = exit %d, stdout %q, stderr %q; want exit 1 saying there is no data", dir, code, stdout.String(), stderr.String())
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("reindex created %s (stat: %v)", dir, err)
	}
}
