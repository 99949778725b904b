package resume

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine"
)

func TestHeadingKind(t *testing.T) {
	tests := []struct{ line, want string }{
		{"EXPERIENCE", "experience"},
		{"Work history", "experience"},
		{"Work History:", "experience"},
		{"Professional experience", "experience"},
		{"PROFESSIONAL EXPERIENCE", "experience"},
		{"Relevant Professional Experience", "experience"},
		{"## Work Experience", "experience"},
		{"Employment History", "experience"},
		{"Company Details", "experience"},
		{"Highlights", "summary"},
		{"Summary", "summary"},
		{"About me", "summary"},
		{"Career Objective:", "summary"},
		{"Technical skills", "skills"},
		{"TECHNICAL SKILLS:", "skills"},
		{"Technologies", "skills"},
		{"Skills & Tools", "skills"},
		{"Core Competencies", "skills"},
		{"Education", "education"},
		{"EDUCATION AND TRAINING", "education"},
		{"Academic Qualifications", "education"},
		{"Projects", "projects"},
		{"Personal Projects", "projects"},
		{"Certifications", "certifications"},
		{"Licenses & Certifications", "certifications"},
		{"Languages", "languages"},
		{"Interests", "other"},
		{"— Awards —", "other"},
		// not headings
		{"Senior Backend Engineer", ""},
		{"Experience in UAE:", ""},
		{"I have five years of experience with Python.", ""},
		{"Python, SQL", ""},
		{"Skills 2021", ""},
		{"", ""},
		{"maintained the skills matrix for the team", ""},
	}
	for _, tt := range tests {
		if got := headingKind(tt.line); got != tt.want {
			t.Errorf("headingKind(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestFindSections(t *testing.T) {
	text := `Jane Doe
jane@example.com

Summary: Backend developer.
EXPERIENCE
Engineer, Acme, 2020 – Present
Technologies: Go, Kafka
Skills
Go, SQL
Education Details
BSc Physics`
	got := findSections(strings.Split(text, "\n"))
	want := []engine.Section{
		{Kind: "header", StartLine: 1, EndLine: 3},
		{Kind: "summary", Heading: "Summary", StartLine: 4, EndLine: 4},
		{Kind: "experience", Heading: "EXPERIENCE", StartLine: 5, EndLine: 7},
		{Kind: "skills", Heading: "Skills", StartLine: 8, EndLine: 9},
		{Kind: "education", Heading: "Education Details", StartLine: 10, EndLine: 11},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findSections (-want +got):\n%s", d)
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crlf and tabs", "A\r\nB\tC\rD", "A\nB       C\nD"},
		{"date range over three lines", "Experience\nMay 2005\nto\nNovember 2011\nChef", "Experience\nMay 2005 to November 2011\nChef"},
		{"date range after a wrapped paragraph", "Chef. Ran a kitchen of 50 people, January 2016\nto\nCurrent\nCorporate Chef", "Chef. Ran a kitchen of 50 people,\nJanuary 2016 to Current\nCorporate Chef"},
		{"date range over two lines", "Jan 2016 –\nCurrent\nChef", "Jan 2016 – Current\nChef"},
		{"heading joined to a paragraph", "Team player with a driven nature. Experience\n01/2014 to 01/2015", "Team player with a driven nature.\nExperience\n01/2014 to 01/2015"},
		{"sentence ending in a capitalised word stays", "I moved to Leeds. Python\nx", "I moved to Leeds. Python\nx"},
		{"glued heading", "Python- Experience - 24 monthsCompany Details \ncompany - X", "Python- Experience - 24 months\nCompany Details\ncompany - X"},
		{"right-aligned dates stay on their line",
			"Engineer, Acme          2019 – 2021\n- Go\nDeveloper, Beta         2017 – 2019\n- Java\nAnalyst, Gamma          2015 – 2017\n- SQL\nIntern, Delta           2014 – 2015\n- Excel\nClerk, Epsilon          2013 – 2014",
			"Engineer, Acme          2019 – 2021\n- Go\nDeveloper, Beta         2017 – 2019\n- Java\nAnalyst, Gamma          2015 – 2017\n- SQL\nIntern, Delta           2014 – 2015\n- Excel\nClerk, Epsilon          2013 – 2014"},
		{"two columns become one after the other",
			"SKILLS          EXPERIENCE\nGo              Engineer at Acme\nSQL             Built payment APIs\nKafka           Ran the Kafka cluster\nDocker          Wrote the Docker images\nLinux           Kept the Linux hosts patched",
			"SKILLS\nGo\nSQL\nKafka\nDocker\nLinux\n\nEXPERIENCE\nEngineer at Acme\nBuilt payment APIs\nRan the Kafka cluster\nWrote the Docker images\nKept the Linux hosts patched"},
	}
	for _, tt := range tests {
		if got := normalizeText(tt.in); got != tt.want {
			t.Errorf("%s: normalizeText =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
