package role_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// reqSet renders requirements as sorted strings, so order does not matter:
// "Django|Flask ≥0m".
func reqSet(qs []role.Requirement) []string {
	out := []string{}
	for _, q := range qs {
		s := append([]string(nil), q.Skills...)
		sort.Strings(s)
		out = append(out, fmt.Sprintf("%s ≥%dm", strings.Join(s, "|"), q.MinMonths))
	}
	sort.Strings(out)
	return out
}

// knownGaps are the differences this test tolerates, each for a reason
// outside the parser: "-X" a requirement the parser cannot see, "+X" one it
// adds. make eval counts them as misses.
var knownGaps = map[string][]string{
	// none today; add "name": {"-X ≥0m"} with the reason when the
	// taxonomy cannot yet see a skill a description names
}

// withoutGaps removes the tolerated differences from want and got.
func withoutGaps(name string, want, got []string) ([]string, []string) {
	drop := func(list []string, s string) []string {
		for i, x := range list {
			if x == s {
				return append(list[:i:i], list[i+1:]...)
			}
		}
		return list
	}
	has := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, g := range knownGaps[name] {
		switch {
		case g[0] == '-' && !has(got, g[1:]):
			want = drop(want, g[1:])
		case g[0] == '+' && !has(want, g[1:]):
			got = drop(got, g[1:])
		}
	}
	return want, got
}

// TestJobDescriptions parses every testdata/jobs/NAME.txt and compares it
// with the role a person wrote for it in NAME.role.yaml: the same required
// and plus requirements (alternatives, minimums), education and total
// experience.
func TestJobDescriptions(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/jobs/*.txt")
	if len(files) < 15 {
		t.Fatalf("%d job descriptions in testdata/jobs, want at least 15", len(files))
	}
	tax := taxonomy.Default()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wantData, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".role.yaml")
			if err != nil {
				t.Fatal(err)
			}
			want, err := role.Parse(wantData, name+".role.yaml", tax)
			if err != nil {
				t.Fatalf("expected role: %v", err)
			}
			got := role.FromJobDescription(string(text), tax)
			wantReq, gotReq := withoutGaps(name, reqSet(want.Required), reqSet(got.Required))
			if diff := cmp.Diff(wantReq, gotReq); diff != "" {
				t.Errorf("required (-want +got):\n%s", diff)
			}
			wantPlus, gotPlus := withoutGaps(name, reqSet(want.Plus), reqSet(got.Plus))
			if diff := cmp.Diff(wantPlus, gotPlus); diff != "" {
				t.Errorf("plus (-want +got):\n%s", diff)
			}
			if got.Education != want.Education || got.MinTotalMonths != want.MinTotalMonths {
				t.Errorf("education, min_total_months = %q, %d; want %q, %d", got.Education, got.MinTotalMonths, want.Education, want.MinTotalMonths)
			}
			if got.Title != want.Title {
				t.Errorf("title = %q, want %q", got.Title, want.Title)
			}
		})
	}
}

// TestRoleExamples parses every role of testdata/roles with the embedded
// taxonomy: the examples must stay valid as the taxonomy grows.
func TestRoleExamples(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/roles/*")
	if len(files) < 10 {
		t.Fatalf("%d example roles, want at least 10", len(files))
	}
	tax := taxonomy.Default()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := role.Parse(data, filepath.Base(f), tax)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if len(r.Required) == 0 || r.Version == "" {
			t.Errorf("%s: %d required, version %q", filepath.Base(f), len(r.Required), r.Version)
		}
	}
}
