package index

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// kaggleCSV is the public Kaggle resume data set (see
// ../shared/data/README.md): 962 rows of resume text, 166 of them unique.
var kaggleCSV = filepath.Join("..", "..", "shared", "data", "resumes", "kaggle-categorized", "UpdatedResumeDataSet.csv")

func kaggleRows(tb testing.TB) [][]string {
	f, err := os.Open(kaggleCSV)
	if err != nil {
		tb.Skipf("public data absent: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return rows[1:] // header: Category,Resume
}

// Real resumes: every repeated row of the data set (the same text uploaded
// again as another file) resolves to the candidate already stored.
func TestKaggleDedupe(t *testing.T) {
	rows := kaggleRows(t)
	s := openTest(t, t.TempDir())
	var in []NewCandidate
	for i, r := range rows {
		in = append(in, NewCandidate{
			File:     fmt.Sprintf("%s-%d.txt", r[0], i),
			Original: []byte(fmt.Sprintf("row %d\n%s", i, r[1])), // distinct bytes, same text
			Profile:  profile(r[1], 0),
		})
	}
	res, err := s.AddCandidates(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for _, r := range res {
		if r.Created {
			created++
		}
	}
	if created != 166 {
		t.Errorf("stored %d of %d rows, want the 166 unique resumes", created, len(rows))
	}
	got, err := s.Search(context.Background(), SearchRequest{Query: `"machine learning" python`})
	if err != nil || got.Total == 0 {
		t.Errorf("search over real resumes found %d (%v)", got.Total, err)
	}
}
