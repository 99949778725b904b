package role_test

import (
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
	want := []string{"python-django-aws-senior", "python-flask-gcp", "junior-django"}
	rest := []string{"java-backend", "data-scientist", "frontend-react", "accountant"}
	k := role.NewRanker(tax)
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range append(append([]string(nil), want...), rest...) {
		text, err := os.ReadFile(filepath.Join("../../testdata/resumes", name+".txt"))
		if err != nil {
			t.Skipf("resume fixture absent: %v", err)
		}
		k.Add(name, resume.Parse(string(text), tax, resume.Options{AsOf: asOf}))
	}
	got := k.Rank(ro, role.RankOptions{Explain: 7})
	var order []string
	for _, r := range got {
		order = append(order, r.ID)
	}
	t.Logf("order: %s", strings.Join(order, " > "))
	for i, name := range want {
		if order[i] != name {
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
