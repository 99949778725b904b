package resume

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine"
)

func TestDegreeLevel(t *testing.T) {
	tests := []struct{ line, want string }{
		{"B.Sc. Computer Science", "bachelor"},
		{"BSc (Hons) Physics", "bachelor"},
		{"BS in Economics", "bachelor"},
		{"B.Tech. Electrical and Electronics Engineering", "bachelor"},
		{"B.E   UIT-RGPV", "bachelor"},
		{"Bachelor of Arts, History", "bachelor"},
		{"Licence en Informatique", "bachelor"},
		{"Licenciatura en Economía", "bachelor"},
		{"Ingeniería de Sistemas", "bachelor"},
		{"M.Tech Computer Science", "master"},
		{"MSc Data Science", "master"},
		{"MBA, INSEAD", "master"},
		{"Master's degree in Finance", "master"},
		{"M.S. Electrical Engineering", "master"},
		{"PhD in Machine Learning", "doctorate"},
		{"Ph.D. Chemistry", "doctorate"},
		{"Doctor of Philosophy in Physics", "doctorate"},
		{"Associate of Applied Science", "associate"},
		{"Associate Degree in Nursing", "associate"},
		{"Diploma in Computer Engineering", "associate"},
		{"High School Diploma", "high_school"},
		{"HSC from Maharashtra State Board", "high_school"},
		{"A-Levels: Maths, Physics", "high_school"},
		// not degrees
		{"MS Office, Excel", ""},
		{"Proficient in Python", ""},
		{"Ms. Jane Doe", ""},
	}
	for _, tt := range tests {
		if got, _, _ := degreeLevel(tt.line); got != tt.want {
			t.Errorf("degreeLevel(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestFindEducation(t *testing.T) {
	text := `EDUCATION
University of Cape Town
BSc Computer Science, 2012
Master of Business Administration — London Business School, 2018
MBA (2019)`
	lines := strings.Split(text, "\n")
	got := findEducation(lines, findSections(lines), monthOf(2024, 6))
	want := []engine.Education{
		{Level: "bachelor", Degree: "BSc", Field: "Computer Science", Institution: "University of Cape Town", Year: 2012},
		{Level: "master", Degree: "Master of Business Administration", Field: "Business Administration", Institution: "London Business School", Year: 2018},
		{Level: "master", Degree: "MBA", Year: 2019},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findEducation (-want +got):\n%s", d)
	}
}
