package role_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/skillmatch/skillmatch/engine/resume"
	"github.com/skillmatch/skillmatch/engine/role"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// TestSeedRoleOrdering ranks the hand-written resumes of testdata/resumes
// against the role parsed from the seed job description: a senior
// Python/Django/AWS engineer first, then Flask/GCP, then a junior Django
// developer, then everyone else.
func TestSeedRoleOrdering(t *testing.T) {
	seed, err := os.ReadFile("../../../shared/seed/python-backend-developer.txt")
	if err != nil {
		t.Skipf("seed job description absent: %v", err)
	}
	tax := taxonomy.Default()
	ro, err := role.Parse(seed, "python-backend-developer.txt", tax)
	if err != nil {
		t.Fatal(err)
	}
	// the README screenshot's role: the seed with PostgreSQL added as a plus
	// once put a Java engineer (no Python, no Django) above the junior
	// Django developer
	edited := ro
	edited.Plus = append([]role.Requirement{{Skills: []string{"PostgreSQL"}, Weight: 1}}, ro.Plus...)
	for _, tc := range []struct {
		name   string
		ro     role.Role
		asOf   time.Time
		noText bool
	}{
		{"seed", ro, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), false},
		{"seed with PostgreSQL a plus", edited, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), false},
		// profiles without their text: no header titles, so only the
		// positions' titles count for the title check
		{"seed with PostgreSQL a plus, stored profiles", edited, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSeedOrdering(t, tc.ro, tax, tc.asOf, tc.noText) })
	}
}

func checkSeedOrdering(t *testing.T, ro role.Role, tax *taxonomy.Taxonomy, asOf time.Time, noText bool) {
	want := []string{"python-django-aws-senior", "python-flask-gcp", "junior-django"}
	rest := []string{"java-backend", "data-scientist", "frontend-react", "accountant"}
	k := role.NewRanker(tax)
	for _, name := range append(append([]string(nil), want...), rest...) {
		text, err := os.ReadFile(filepath.Join("../../testdata/resumes", name+".txt"))
		if err != nil {
			t.Skipf("resume fixture absent: %v", err)
		}
		r := resume.Parse(string(text), tax, resume.Options{AsOf: asOf})
		if noText {
			r.Text = ""
		}
		k.Add(name, r)
	}
	got := k.Rank(ro, role.RankOptions{Explain: 7})
	var order []string
	for _, r := range got {
		order = append(order, fmt.Sprintf("%s %.1f", r.ID, r.Score))
	}
	t.Logf("order: %s", strings.Join(order, " > "))
	for i, name := range want {
		if got[i].ID != name {
			t.Fatalf("rank %d is %s, want %s (order %v)", i+1, order[i], name, order)
		}
	}
	for _, r := range got[len(want):] {
		if r.Score >= got[len(want)-1].Score {
			t.Errorf("%s scores %v, not below junior-django's %v", r.ID, r.Score, got[len(want)-1].Score)
		}
	}
	top := got[0].Match
	if len(top.Missing) != 0 || top.Requirements[1].Skill != "Django" {
		t.Errorf("top match: missing %v, framework requirement %+v", top.Missing, top.Requirements[1])
	}
}

// TestSeedJobDescription checks the role parsed from the seed job
// description against the one the issue states.
func TestSeedJobDescription(t *testing.T) {
	seed, err := os.ReadFile("../../../shared/seed/python-backend-developer.txt")
	if err != nil {
		t.Skipf("seed job description absent: %v", err)
	}
	got := role.FromJobDescription(string(seed), taxonomy.Default())
	want := role.Role{
		Title: "Python Backend Developer",
		Required: []role.Requirement{
			{Skills: []string{"Python"}, Weight: 1}, {Skills: []string{"Django", "Flask"}, Weight: 1},
			{Skills: []string{"SQL"}, Weight: 1}, {Skills: []string{"RESTful APIs"}, Weight: 1},
			{Skills: []string{"Git"}, Weight: 1}, {Skills: []string{"Unit testing"}, Weight: 1},
			{Skills: []string{"Docker"}, Weight: 1}, {Skills: []string{"Linux"}, Weight: 1},
			{Skills: []string{"AWS", "Azure", "GCP"}, Weight: 1},
		},
		Plus:      []role.Requirement{{Skills: []string{"HTML"}, Weight: 1}, {Skills: []string{"JavaScript"}, Weight: 1}, {Skills: []string{"CSS"}, Weight: 1}},
		Education: "bachelor",
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(role.Role{}, "Version")); diff != "" {
		t.Errorf("seed role (-want +got):\n%s", diff)
	}
}
