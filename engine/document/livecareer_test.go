package document

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// livecareerDir is the public livecareer resume corpus (2,484 PDFs from one
// producer), used in place; tests skip when it is absent.
const livecareerDir = "../../../shared/data/resumes/livecareer/data"

// livecareerGolden holds, per livecareer PDF, the SHA-256 of the text Decode
// extracts and the page count (or the error kind): hashes only, never resume
// text. It pins the PDF decoder's output byte for byte across speed work.
var livecareerGolden = filepath.Join(fixtures, "livecareer-text.sha256")

// livecareerFiles lists the corpus's PDFs relative to livecareerDir, sorted.
func livecareerFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(livecareerDir, "*", "*.pdf"))
	if len(files) == 0 {
		tb.Skip("livecareer data absent (../shared/data/resumes/livecareer)")
	}
	for i, f := range files {
		files[i], _ = filepath.Rel(livecareerDir, f)
	}
	sort.Strings(files)
	return files
}

// decodeDigest is one line of the golden: the text's hash and page count,
// or the kind of error.
func decodeDigest(data []byte) string {
	doc, err := Decode(data, DefaultLimits())
	if err != nil {
		// The kind, not the message: a message may quote the file.
		return "error " + errorKind(err)
	}
	sum := sha256.Sum256([]byte(doc.Text))
	return fmt.Sprintf("%s %d", hex.EncodeToString(sum[:]), doc.Pages)
}

// TestLivecareerGolden decodes every livecareer PDF and compares the hash
// of its text with the recorded one (go test -update rewrites the file).
func TestLivecareerGolden(t *testing.T) {
	files := livecareerFiles(t)
	if testing.Short() {
		t.Skip("decodes 2,484 PDFs; skipped with -short")
	}
	got := make(map[string]string, len(files))
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(livecareerDir, f))
		if err != nil {
			t.Fatal(err)
		}
		got[f] = decodeDigest(data)
	}
	if *update {
		var b strings.Builder
		for _, f := range files {
			fmt.Fprintf(&b, "%s %s\n", f, got[f])
		}
		if err := os.WriteFile(livecareerGolden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readDigests(t, livecareerGolden)
	if len(want) != len(got) {
		t.Errorf("golden has %d files, the corpus %d", len(want), len(got))
	}
	bad := 0
	for _, f := range files {
		if w, ok := want[f]; !ok || w != got[f] {
			bad++
			if bad <= 20 {
				t.Errorf("%s: decode digest %q, want %q", f, got[f], w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d livecareer PDFs decode differently from %s", bad, len(files), livecareerGolden)
	}
}

func readDigests(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -run LivecareerGolden -update)", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, digest, ok := strings.Cut(sc.Text(), " ")
		if ok {
			out[name] = digest
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// otherPDFDirs are the other public PDFs: producers' edge cases and resumes
// that also come as DOCX.
var otherPDFDirs = []string{
	"../../../shared/data/pdf/edge-cases/ledongthuc_pdf",
	"../../../shared/data/pdf/edge-cases/pdfcpu_testdata",
	"../../../shared/data/resumes/pdf-docx-pairs",
}

// TestOtherPDFsGolden pins, like TestLivecareerGolden, the decode of the
// edge-case and pdf-docx-pairs PDFs: text hash and pages, or error kind.
func TestOtherPDFsGolden(t *testing.T) {
	var files []string
	for _, dir := range otherPDFDirs {
		m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("public PDF data absent (../shared/data/pdf, ../shared/data/resumes)")
	}
	sort.Strings(files)
	golden := filepath.Join(fixtures, "other-pdfs-text.sha256")
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel("../../../shared/data", f)
		fmt.Fprintf(&b, "%s %s\n", rel, decodeDigest(data))
	}
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run OtherPDFsGolden -update)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("decode digests differ from %s (-want +got):\n%s", golden, diff)
	}
}

// TestDecodeConcurrentReuse decodes the PDF fixtures from several
// goroutines at once, in different orders, so the pooled page buffers pass
// between documents of different sizes: every text must equal the one
// decoded alone.
func TestDecodeConcurrentReuse(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*", "*.pdf"))
	var docs [][]byte
	var want []string
	for _, f := range files {
		if filepath.Base(filepath.Dir(f)) == "malformed" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Decode(data, DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs, want = append(docs, data), append(want, doc.Text)
	}
	if len(docs) < 2 {
		t.Skip("no PDF fixtures")
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for k := range 3 * len(docs) {
				i := (k*(g+1) + g) % len(docs)
				doc, err := Decode(docs[i], DefaultLimits())
				if err != nil || doc.Text != want[i] {
					errs <- fmt.Errorf("goroutine %d, document %d: text differs from the lone decode (err %v)", g, i, err)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
