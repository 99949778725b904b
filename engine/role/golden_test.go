package role

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMatchGolden pins a full explanation — statuses, credits, reasons,
// evidence, checks — for one candidate against one role. Review the diff
// like code when it changes; regenerate with -update.
func TestMatchGolden(t *testing.T) {
	tax := testTax(t)
	ro, err := Parse([]byte(`
title: Senior Python Backend Developer
required:
  - skill: Python
    min_years: 4
  - any: [Django]
  - skill: PostgreSQL
    min_years: 2
  - skill: AWS
    recent_years: 2
  - Go
plus: [Docker, Git, Kubernetes]
education: bachelor
min_total_years: 5
`), "golden.yaml", tax)
	if err != nil {
		t.Fatal(err)
	}
	r := engine.Resume{
		AsOf:        "2026-06-01",
		TotalMonths: 50,
		Education:   []engine.Education{{Level: "bachelor", Degree: "BSc Computer Science"}},
		Text:        "Sam Example\nBackend Engineer\n",
		Sections:    []engine.Section{{Kind: "header", StartLine: 1, EndLine: 2}},
		Positions:   []engine.Position{{Title: "Backend Engineer", Start: "2022-04", Current: true, Months: 50}},
		Skills: []engine.Skill{
			{ID: "flask", Name: "Flask", Months: intp(50), LastUsed: strp("2026-06"), Current: true,
				Evidence: []engine.Evidence{{Section: "experience", Line: 9, Text: "Built the billing API in Flask"}}},
			{ID: "python", Name: "Python", Months: intp(50), LastUsed: strp("2026-06"), Current: true,
				Evidence: []engine.Evidence{{Section: "experience", Line: 9, Text: "Built the billing API in Flask", Via: "Flask"}}},
			{ID: "sql", Name: "SQL", Evidence: []engine.Evidence{{Section: "skills", Line: 20, Text: "SQL, Postgres"}}},
			{ID: "postgresql", Name: "PostgreSQL", Evidence: []engine.Evidence{{Section: "skills", Line: 20, Text: "SQL, Postgres"}}},
			{ID: "aws", Name: "AWS", Months: intp(30), LastUsed: strp("2021-03"),
				Evidence: []engine.Evidence{{Section: "experience", Line: 15, Text: "Ran jobs on AWS Batch"}}},
			{ID: "docker", Name: "Docker", Months: intp(12), LastUsed: strp("2026-06"), Current: true,
				Evidence: []engine.Evidence{{Section: "experience", Line: 10, Text: "Docker images for every service"}}},
		},
	}
	got, err := json.MarshalIndent(Score(r, ro, tax), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/match.golden.json"
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
		t.Errorf("explanation changed (-golden +now); rerun with -update if intended:\n%s", diff)
	}
}
