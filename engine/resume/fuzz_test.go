package resume

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary text to Parse and checks the profile's
// invariants: line numbers point into the text, sections are in order and do
// not overlap, months are never negative and no skill has more months than
// the whole resume, and Redact and ToJSONResume accept the result.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../testdata/structure/*.txt", "../../testdata/resumes/*.txt"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Add("2019–2021\n\n   \t  \r\nEXPERIENCE\nJan '99 – Present\nSkills:")
	tax := fixtureTaxonomy(f)
	asOf := time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		r := Parse(text, tax, Options{AsOf: asOf})
		n := strings.Count(r.Text, "\n") + 1
		prevEnd := 0
		for _, s := range r.Sections {
			if s.StartLine <= prevEnd || s.EndLine < s.StartLine-1 || s.EndLine > n {
				t.Fatalf("bad section %+v after line %d of %d", s, prevEnd, n)
			}
			prevEnd = max(s.EndLine, s.StartLine)
		}
		sum := 0
		for _, p := range r.Positions {
			if p.Months < 0 || p.StartLine < 1 || p.EndLine > n || p.EndLine < p.StartLine {
				t.Fatalf("bad position %+v (text has %d lines)", p, n)
			}
			sum += p.Months
		}
		if r.TotalMonths < 0 || r.TotalMonths > sum {
			t.Fatalf("total_months = %d, positions sum to %d", r.TotalMonths, sum)
		}
		for _, s := range r.Skills {
			if s.Months != nil && (*s.Months < 0 || *s.Months > r.TotalMonths) {
				t.Fatalf("skill %s months = %d, total %d", s.ID, *s.Months, r.TotalMonths)
			}
			for _, e := range s.Evidence {
				if e.Line < 1 || e.Line > n {
					t.Fatalf("evidence line %d of %d", e.Line, n)
				}
			}
		}
		red := Redact(r)
		if strings.Count(red.Text, "\n") != strings.Count(r.Text, "\n") {
			t.Fatalf("Redact changed the number of lines")
		}
		if _, err := json.Marshal(ToJSONResume(r)); err != nil {
			t.Fatal(err)
		}
	})
}
