package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestTextVersion: the golden texts (testdata/documents/golden and the
// decode digests of the public PDFs) are recorded with the TextVersion they
// were made under, so a decoder change that rewrites them (go test -update)
// cannot keep the old version and let a cache of decoded text serve stale
// text. Runs after the golden tests, so one -update run that changes a
// golden fails here until TextVersion is raised.
func TestTextVersion(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "golden", "*.txt"))
	digests, _ := filepath.Glob(filepath.Join(fixtures, "*.sha256"))
	files = append(files, digests...)
	if len(files) == 0 {
		t.Fatal("no golden texts in testdata/documents")
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(b))
		h.Write(b)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	record := filepath.Join(fixtures, "text-version")
	b, err := os.ReadFile(record)
	version, recorded, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	switch {
	case err == nil && version == TextVersion && recorded == sum:
	case err == nil && version == TextVersion:
		t.Fatalf("the golden texts changed but TextVersion is still %q: raise it (caches of decoded text key on it), then run go test -run TextVersion -update", TextVersion)
	case *update:
		if err := os.WriteFile(record, []byte(TextVersion+" "+sum+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("%s records version %q, TextVersion is %q: run go test -run TextVersion -update (%v)", record, version, TextVersion, err)
	}
}
