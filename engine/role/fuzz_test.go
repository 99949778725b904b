package role

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// FuzzParse feeds role files and job descriptions to Parse: it must never
// panic, and whatever it accepts must be canonical (Canonical changes
// nothing) with a version.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../testdata/roles/*.yaml", "../../testdata/jobs/*.txt", "../../testdata/jobs/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data, filepath.Base(file))
			}
		}
	}
	f.Add([]byte(`{"title":"T","required":[{"skills":["Python"],"min_months":-3}]}`), "r.json")
	f.Add([]byte("title: T\nrequired:\n  - any: [[Python]]\n"), "r.yaml")
	tax := testTax(f)
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		r, err := Parse(data, name, tax)
		if err != nil {
			return
		}
		if r.Version == "" {
			t.Fatalf("accepted role without a version: %+v", r)
		}
		if len(r.Required) == 0 && len(r.Plus) == 0 {
			t.Fatalf("accepted role without requirements: %+v", r)
		}
		if r.Title == "" {
			return // a job description may have no title line; Canonical would refuse it
		}
		c, err := Canonical(r, tax)
		if err != nil {
			t.Fatalf("Canonical(Parse(...)) failed: %v (role %+v)", err, r)
		}
		if c.Version != r.Version {
			t.Fatalf("Canonical changed the version %s → %s", r.Version, c.Version)
		}
	})
}

// FuzzFromJobDescription feeds job-description text to the clause-level
// cue reader with the full taxonomy (ambiguous names, overlapping cues):
// it must never panic, and no skill may come out both required and plus.
func FuzzFromJobDescription(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/jobs/*.txt")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"Dev\n\nRequirements\n- Python and SQL, and Docker is a plus",
		"Dev\n\nRequirements\n- Python, SQL, Docker (preferred); no prior Java experience required",
		"Dev\n\nRequirements\n- Bachelor's degree in CS, Master's preferred; 5+ years of Go, ideally AWS or GCP",
		"Dev\n\nEssential skills for this role are: Linux, DNS, ACLS is a plus, as is wound care",
		"Dev\n\nRequirements\n- Go not required, but a plus, (required) (preferred)",
	} {
		f.Add(s)
	}
	tax := taxonomy.Default()
	f.Fuzz(func(t *testing.T, text string) {
		r := FromJobDescription(text, tax)
		req := map[string]bool{}
		for _, q := range r.Required {
			for _, s := range q.Skills {
				req[s] = true
			}
		}
		for _, q := range r.Plus {
			if len(q.Skills) == 1 && req[q.Skills[0]] {
				t.Fatalf("%s is both required and plus in %+v", q.Skills[0], r)
			}
		}
	})
}
