package role

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/skillmatch/skillmatch/engine"
)

func req(min int, skills ...string) Requirement {
	return Requirement{Skills: skills, MinMonths: min, Weight: 1}
}

func TestParseRoleFile(t *testing.T) {
	tax := testTax(t)
	tests := []struct {
		name, file, data string
		want             Role
	}{
		{"design example", "r.yaml", `
title: Python Backend Developer
required:
  - Python
  - any: [Django, Flask]
  - skill: Docker
    min_years: 2
  - any: [AWS, Azure, GCP]
plus: [HTML, JavaScript, CSS]
education: bachelor
`, Role{Title: "Python Backend Developer",
			Required: []Requirement{req(0, "Python"), req(0, "Django", "Flask"), req(24, "Docker"), req(0, "AWS", "Azure", "GCP")},
			Plus:     []Requirement{req(0, "HTML"), req(0, "JavaScript"), req(0, "CSS")}, Education: "bachelor"}},
		{"aliases, case and duplicates become canonical", "r.yml", `
title: Go dev
required:
  - golang
  - any: [postgres, POSTGRESQL, k8s]
    min_months: 18
    recent_years: 2
    weight: 2
min_total_years: 3
education: "Master's"
`, Role{Title: "Go dev",
			Required: []Requirement{req(0, "Go"), {Skills: []string{"PostgreSQL", "Kubernetes"}, MinMonths: 18, MaxMonthsAgo: 24, Weight: 2}},
			Plus:     []Requirement{}, Education: "master", MinTotalMonths: 36}},
		{"canonical JSON reads back", "r.json", `{"title":"T","required":[{"skills":["Python"],"min_months":6,"max_months_ago":12,"weight":1.5}],"plus":[],"min_total_months":12,"version":"stale"}`,
			Role{Title: "T", Required: []Requirement{{Skills: []string{"Python"}, MinMonths: 6, MaxMonthsAgo: 12, Weight: 1.5}}, Plus: []Requirement{}, MinTotalMonths: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.data), tt.file, tax)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got.Version == "" || got.Version == "stale" {
				t.Errorf("Version = %q, want a fresh hash", got.Version)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Role{}, "Version")); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tax := testTax(t)
	tests := []struct{ name, data, want string }{
		{"unknown skill with suggestion", "title: T\nrequired: [Python, Go, Postgress]", `required[2]: unknown skill "Postgress": did you mean PostgreSQL?`},
		{"unknown skill in any", "title: T\nrequired:\n  - any: [Django, Flaks]", `required[0]: unknown skill "Flaks": did you mean Flask?`},
		{"unknown skill in plus", "title: T\nrequired: [Python]\nplus: [Cobolx9000zz]", `plus[0]: unknown skill "Cobolx9000zz"`},
		{"unknown key", "title: T\nrequired:\n  - skill: Python\n    years: 2", `required[0]: unknown key "years"`},
		{"both minimums", "title: T\nrequired:\n  - skill: Python\n    min_years: 2\n    min_months: 3", "min_years and min_months"},
		{"no skill", "title: T\nrequired:\n  - min_years: 2", "required[0]: no skill given"},
		{"not a number", "title: T\nrequired:\n  - skill: Python\n    min_years: two", "required[0].min_years: want a number"},
		{"bad education", "title: T\nrequired: [Python]\neducation: wizard", `education: unknown level "wizard"`},
		{"no title", "required: [Python]", "title: required"},
		{"no requirements", "title: T\nrequired: []", "at least one required or plus skill"},
		{"negative weight", "title: T\nrequired:\n  - skill: Python\n    weight: -1", "required[0]: min_months, max_months_ago and weight must be non-negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), "role.yaml", tax)
			if !errors.Is(err, engine.ErrInvalid) {
				t.Fatalf("Parse error = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestParseRoleFileByName checks that a file named as a role file is read as
// one: its mistakes are reported as role-file mistakes, not as a job
// description in which no skill was found.
func TestParseRoleFileByName(t *testing.T) {
	tax := testTax(t)
	tests := []struct{ name, file, data, want string }{
		{"truncated JSON", "role.json", `{"title": `, "role file: "},
		// go-yaml names whichever unknown key it meets first (map order).
		{"JSON without role keys", "role.json", `{"name": "Backend", "skills": ["Python"]}`, `unknown field "`},
		{"YAML syntax", "role.yaml", "title: [Backend\nrequired: [Python]", "role file: "},
		{"YAML list", "r.yml", "- Python\n- Django\n", "role file: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), tt.file, tax)
			if !errors.Is(err, engine.ErrInvalid) {
				t.Fatalf("Parse(%q, %s) error = %v, want ErrInvalid", tt.data, tt.file, err)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "job description") {
				t.Errorf("Parse(%q, %s) error = %q, want a role-file error containing %q", tt.data, tt.file, err, tt.want)
			}
		})
	}
	// Without a role-file name, text that is no role file is a job description.
	if r, err := Parse([]byte("Backend Developer\nRequirements: Python, Django"), "", tax); err != nil || len(r.Required) == 0 {
		t.Errorf("Parse(job description, no name) = %+v, %v; want a role from the text", r, err)
	}
}

func TestCanonicalRoundTripKeepsVersion(t *testing.T) {
	tax := testTax(t)
	r, err := Parse([]byte("title: T\nrequired: [python, {any: [flask, django], min_years: 1}]\nplus: [JS]"), "r.yaml", tax)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b, "r.json", tax)
	if err != nil {
		t.Fatalf("Parse(canonical JSON %s): %v", b, err)
	}
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	changed := r
	changed.Required = append([]Requirement{}, r.Required...)
	changed.Required[1].MinMonths = 24
	c, err := Canonical(changed, tax)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version == r.Version {
		t.Errorf("Version %q did not change with min_months", c.Version)
	}
}

func TestParseTextIsJobDescription(t *testing.T) {
	tax := testTax(t)
	r, err := Parse([]byte("Go Engineer\n\nRequirements\n- 5+ years of Go\n- Docker\n"), "", tax)
	if err != nil {
		t.Fatal(err)
	}
	want := []Requirement{req(60, "Go"), req(0, "Docker")}
	if diff := cmp.Diff(want, r.Required); diff != "" {
		t.Errorf("Required (-want +got):\n%s", diff)
	}
	if _, err := Parse([]byte("Nothing to see here"), "jd.txt", tax); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("Parse(text without skills) error = %v, want ErrInvalid", err)
	}
}
