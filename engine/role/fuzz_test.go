package role

import (
	"os"
	"path/filepath"
	"testing"
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
