package taxonomy

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "record testdata/kaggle-extract.digest again")

// digestPath records what Extract gives over the distinct Kaggle resumes:
// the sha256 of the embedded skills.json it was recorded with, the number
// of mentions and the sha256 of all of them.
var digestPath = filepath.Join("testdata", "kaggle-extract.digest")

// TestExtractKaggleDigest is the tripwire of speed work: Extract over the
// 165 distinct public Kaggle resumes (../shared/data; skipped without it)
// must give the mentions recorded in testdata/kaggle-extract.digest, to the
// byte offset. A change meant to alter extraction (a rule, a veto) records
// the digest again with -update; a regenerated skills.json skips the test
// until then, since its output is expected to move.
func TestExtractKaggleDigest(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "resumes", "kaggle-categorized", "UpdatedResumeDataSet.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no Kaggle resumes: %v", err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	tx := Default()
	h := sha256.New()
	mentions := 0
	seen := map[string]bool{}
	for i, r := range rows[1:] {
		text := r[len(r)-1]
		if seen[text] {
			continue
		}
		seen[text] = true
		fmt.Fprintf(h, "row %d\n", i+2)
		for _, m := range tx.Extract(text) {
			fmt.Fprintf(h, "%s %d %d %d\n", m.SkillID, m.Start, m.End, m.Line)
			mentions++
		}
	}
	taxSum := sha256.Sum256(defaultData)
	got := fmt.Sprintf("taxonomy %s\nmentions %d\nsha %s\n", hex.EncodeToString(taxSum[:]), mentions, hex.EncodeToString(h.Sum(nil)))
	if *update {
		if err := os.WriteFile(digestPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(digestPath)
	if err != nil {
		t.Fatalf("%v (record it with -update)", err)
	}
	wantTax, _, _ := strings.Cut(string(want), "\n")
	gotTax, _, _ := strings.Cut(got, "\n")
	if wantTax != gotTax {
		t.Skipf("skills.json changed since %s was recorded: run with -update once its output is checked", digestPath)
	}
	if got != string(want) {
		t.Errorf("Extract over the Kaggle resumes changed:\n got %s\nwant %s(a change meant to alter extraction records it with -update)", got, want)
	}
}
