package role

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// brief renders a role as "R:Go≥60 R:AWS|GCP P:Docker edu=bachelor total=36".
func brief(r Role) string {
	var parts []string
	for _, q := range r.Required {
		s := "R:" + strings.Join(q.Skills, "|")
		if q.MinMonths > 0 {
			s += fmt.Sprintf("≥%d", q.MinMonths)
		}
		parts = append(parts, s)
	}
	for _, q := range r.Plus {
		parts = append(parts, "P:"+strings.Join(q.Skills, "|"))
	}
	sort.Strings(parts)
	if r.Education != "" {
		parts = append(parts, "edu="+r.Education)
	}
	if r.MinTotalMonths > 0 {
		parts = append(parts, fmt.Sprintf("total=%d", r.MinTotalMonths))
	}
	return strings.Join(parts, " ")
}

func TestFromJobDescriptionCues(t *testing.T) {
	tax := testTax(t)
	tests := []struct{ name, text, want string }{
		{"requirements heading", "Dev\n\nRequirements\n- Python\n- Docker", "R:Docker R:Python"},
		{"nice to have heading", "Dev\n\nRequirements\n- Python\n\nNice to have\n- Docker", "P:Docker R:Python"},
		{"is a plus in requirements", "Dev\n\nRequirements\n- Python\n- Git is a plus", "P:Git R:Python"},
		{"bonus and preferred", "Dev\n\nQualifications\n- Go\n- Bonus: Java\n- Linux preferred", "P:Java P:Linux R:Go"},
		{"such as X or Y", "Dev\n\nRequirements\n- a web framework such as Django or Flask", "R:Django|Flask"},
		{"X, Y or Z", "Dev\n\nRequirements\n- AWS, Azure or GCP", "R:AWS|Azure|GCP"},
		{"list in parentheses", "Dev\n\nSkills\n- Cloud platforms (AWS, Azure, GCP)", "R:AWS|Azure|GCP"},
		{"at least one of", "Dev\n\nRequirements\n- at least one of: Java, Go", "R:Java|Go"},
		{"and-list stays separate", "Dev\n\nRequirements\n- Python, SQL and Git", "R:Git R:Python R:SQL"},
		{"years on a skill", "Dev\n\nRequirements\n- 5+ years of Go", "R:Go≥60"},
		{"years after a skill", "Dev\n\nRequirements\n- Python (3+ years)", "R:Python≥36"},
		{"years of experience with a skill", "Dev\n\nRequirements\n- 2 years of experience with Kubernetes", "R:Kubernetes≥24"},
		{"professional experience is total", "Dev\n\nRequirements\n- 3+ years of professional experience\n- Python", "R:Python total=36"},
		{"responsibilities do not require", "Dev\n\nResponsibilities\n- Write Python code and deploy with Docker\n\nRequirements\n- SQL", "R:SQL"},
		{"must have in responsibilities", "Dev\n\nResponsibilities\n- You must have Linux experience", "R:Linux"},
		{"intro sentence with a cue", "Dev\n\nWe need someone with experience in PostgreSQL.", "R:PostgreSQL"},
		{"education: lowest degree asked", "Dev\n\nRequirements\n- Bachelor's or Master's degree in Computer Science\n- Python", "R:Python edu=bachelor"},
		{"preferred degree is not required", "Dev\n\nRequirements\n- Python\n- Master's degree preferred", "R:Python"},
		{"soft skills left out", "Dev\n\nRequirements\n- Excellent communication\n- Python", "R:Python"},
		{"label before a specific tool", "Dev\n\nRequirements\n- Version control (Git)", "R:Git"},
		{"FAQ tail ignored", "Dev\n\nRequirements\n- Python\n\nFrequently Asked Questions\nMust know Java?", "R:Python"},
		{"benefits ignored", "Dev\n\nRequirements\n- Python\n\nBenefits\n- Free AWS training", "R:Python"},
		{"offer sentence ignored", "Dev\n\nWe offer a signing bonus and Docker swag.\n\nRequirements\n- Go", "R:Go"},
		{"inline label", "Dev\n\nRequired Skills: Python, SQL\nPreferred Skills: Docker\nMinimum 2 years of professional experience.", "P:Docker R:Python R:SQL total=24"},
		{"sentence wrapped over lines", "Dev\n\nRequirements: Python and hands-on experience\nwith Docker.\nGit would be\nnice.", "P:Git R:Docker R:Python"},
		{"required wins over plus", "Dev\n\nRequirements\n- Python\n\nNice to have\n- Python, Docker", "P:Docker R:Python"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(FromJobDescription(tt.text, tax))
			if got != tt.want {
				t.Errorf("FromJobDescription(%q)\n got %s\nwant %s", tt.text, got, tt.want)
			}
		})
	}
}

func TestJobDescriptionTitle(t *testing.T) {
	for in, want := range map[string]string{
		"Python Backend Developer Job Description Template\n": "Python Backend Developer",
		"Job Title: Data Engineer\n":                          "Data Engineer",
		"ML Engineer | Remote (EU)\n":                         "ML Engineer",
		"## Senior Go Engineer — Job Posting\n":               "Senior Go Engineer",
		"\n\n": "Untitled role",
	} {
		if got := FromJobDescription(in, testTax(t)).Title; got != want {
			t.Errorf("title of %q = %q, want %q", in, got, want)
		}
	}
	if diff := cmp.Diff([]Requirement{}, FromJobDescription("Nothing\n\nRequirements\n- kindness", testTax(t)).Required); diff != "" {
		t.Errorf("no skills: %s", diff)
	}
}
