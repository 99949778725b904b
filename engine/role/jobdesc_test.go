package role

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/skillmatch/skillmatch/engine/taxonomy"
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

// TestFromJobDescriptionSpellings checks that a job description reads a
// name in another spelling or glued to its version as a resume does.
func TestFromJobDescriptionSpellings(t *testing.T) {
	text := "Backend Developer\n\nRequirements\n- PL-SQL and MySQL5.7\n- Java Script and CSS\n"
	want := "R:CSS R:JavaScript R:MySQL R:PL/SQL"
	if got := brief(FromJobDescription(text, taxonomy.Default())); got != want {
		t.Errorf("FromJobDescription(%q)\n got %s\nwant %s", text, got, want)
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

// TestClauseCues: a cue governs the clause or list it belongs to, not the
// whole sentence. Each phrasing is tested both ways where it has two.
func TestClauseCues(t *testing.T) {
	tax, err := taxonomy.New(taxonomy.File{Version: "test-clause", Skills: append(testTax(t).Skills(),
		taxonomy.Skill{ID: "kafka", Name: "Apache Kafka", Category: "tool", Aliases: []string{"Kafka"}},
		taxonomy.Skill{ID: "spark", Name: "Apache Spark", Category: "tool", Aliases: []string{"Spark"}},
		taxonomy.Skill{ID: "mysql", Name: "MySQL", Category: "database"},
		taxonomy.Skill{ID: "rust", Name: "Rust", Category: "language"},
		taxonomy.Skill{ID: "helm", Name: "Helm", Category: "tool"},
		taxonomy.Skill{ID: "terraform", Name: "Terraform", Category: "tool"},
		taxonomy.Skill{ID: "acls", Name: "ACLS", Category: "certification"},
		taxonomy.Skill{ID: "wound-care", Name: "Wound care", Category: "practice"},
		taxonomy.Skill{ID: "computer-science", Name: "Computer science", Category: "domain"},
		taxonomy.Skill{ID: "teaching-license", Name: "Teaching license", Category: "certification", Aliases: []string{"teaching license"}},
	)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, line, want string }{
		// a cue after a list governs that list, back to a clause boundary
		{"plus after a second clause", "Python and SQL, and Docker is a plus", "P:Docker R:Python R:SQL"},
		{"plus after the whole list", "Python, SQL and Docker are a plus", "P:Docker P:Python P:SQL"},
		{"Oxford comma keeps one list", "HTML, CSS, and JavaScript are a plus", "P:CSS P:HTML P:JavaScript"},
		{"comma after a closed list starts a clause", "Strong experience in Python and Django, AWS is a plus", "P:AWS R:Django R:Python"},
		{"plus reaches back through its clause", "Experience with Python and knowledge of SQL are a plus", "P:Python P:SQL"},
		{"must then nice to have", "Must have Python and SQL, but Docker is nice to have", "P:Docker R:Python R:SQL"},
		{"required then preferred", "Python required, Docker preferred", "P:Docker R:Python"},
		{"plus cue then a second one by as is", "ACLS certification is a plus, as is experience with wound care", "P:ACLS P:Wound care"},
		// "preferred" before vs after a list
		{"preferred before a list", "Preferred experience with Docker and Kubernetes", "P:Docker P:Kubernetes"},
		{"preferred after a list", "Docker and Kubernetes preferred", "P:Docker P:Kubernetes"},
		{"preferred after one clause only", "Python; Docker and Kubernetes preferred", "P:Docker P:Kubernetes R:Python"},
		{"preferably before the last item", "Strong experience with Python, preferably Django", "P:Django R:Python"},
		{"with preferred", "Python, with Docker preferred", "P:Docker R:Python"},
		// "X, Y, Z preferred": the closing cue governs the whole list, unless
		// a cue of the other tier opened it — then only its own item
		{"bare list closed by preferred", "Python, SQL, Docker preferred", "P:Docker P:Python P:SQL"},
		{"list opened by must, closed by preferred", "Must have Python, SQL, Docker preferred", "P:Docker R:Python R:SQL"},
		{"opened by must, closed after and", "Must have Python, SQL and Docker preferred", "P:Docker R:Python R:SQL"},
		{"closing item with alternatives", "Strong experience with Python, Django or Flask a plus", "P:Django P:Flask R:Python"},
		{"opened by ideally, closed by required", "Ideally Python, SQL, Docker required", "P:Python P:SQL R:Docker"},
		{"one item: the cue after wins", "Strong knowledge of Docker is a plus", "P:Docker"},
		// "bonus:" and "(preferred)"
		{"bonus colon", "Python and SQL required, bonus: Kafka and Spark", "P:Apache Kafka P:Apache Spark R:Python R:SQL"},
		{"parenthesised cue governs one item", "Python, SQL, Docker (preferred)", "P:Docker R:Python R:SQL"},
		{"parenthesised cue on alternatives", "Python and Django or Flask (preferred)", "P:Django P:Flask R:Python"},
		{"parenthesised required in a plus list", "Docker (required), Kubernetes, Helm", "R:Docker R:Helm R:Kubernetes"},
		// alternatives inside a required sentence
		{"X or Y after an and", "Python and Django or Flask", "R:Django|Flask R:Python"},
		{"two or-groups", "Django or Flask and PostgreSQL or MySQL", "R:Django|Flask R:PostgreSQL|MySQL"},
		{"at least one of keeps the list whole", "At least one of Java, Go and Rust", "R:Java|Go|Rust"},
		{"X, Y or Z", "AWS, Azure or GCP", "R:AWS|Azure|GCP"},
		{"or-group then a separate list", "Django or Flask, PostgreSQL, Docker", "R:Django|Flask R:Docker R:PostgreSQL"},
		// negations
		{"no X required", "Python; no prior Java experience required", "R:Python"},
		{"X not required", "Python required, Java not required", "R:Python"},
		{"not required but a plus", "Python required; Go is not required but a plus", "P:Go R:Python"},
		// phrasings of real ads (Green et al. sentences, paraphrased)
		{"ideally runs on over commas", "Ideally confident with Docker and experience of testing, Git and Linux", "P:Docker P:Git P:Linux"},
		{"cue a few words before a colon", "Deploy with Kubernetes. Essential skills for this role are: Linux, Git", "R:Git R:Kubernetes R:Linux"},
		{"advantageous", "Python is essential, AWS is advantageous", "P:AWS R:Python"},
		{"offer clause asks nothing", "Python and Go are essential, and in return a benefits package with AWS training", "R:Go R:Python"},
		// education and total experience follow their own clause
		{"degree required, higher one preferred", "Bachelor's degree in Computer Science, Master's preferred", "edu=bachelor"},
		{"degree only preferred", "Master's degree preferred", ""},
		{"field of a degree is no skill", "Bachelor's degree in Computer Science, Go or a related field", "edu=bachelor"},
		{"skills after a degree's field", "Bachelor's degree in Computer Science and 3+ years of Python", "R:Python≥36 edu=bachelor"},
		{"a license after a degree", "Bachelor's degree in Education and a valid state teaching license", "R:Teaching license edu=bachelor"},
		{"a skill before a degree", "Docker, and a Bachelor's degree in Computer Science", "R:Docker edu=bachelor"},
		// a degree names a field only after "in"/"of" or in parentheses
		{"degree without a field, then a skill", "Bachelor's degree, Docker preferred", "P:Docker edu=bachelor"},
		{"degree required, skill preferred", "Bachelor's degree required, Docker preferred", "P:Docker edu=bachelor"},
		{"degree and a skill", "Bachelor's degree and Docker", "R:Docker edu=bachelor"},
		{"field in parentheses", "Bachelor's degree (Computer Science)", "edu=bachelor"},
		{"bachelor of a field", "Bachelor of Computer Science", "edu=bachelor"},
		{"years as a plus", "Python required, 5+ years of professional experience is a plus", "R:Python"},
		{"years required", "Docker is a plus; 5+ years of professional experience", "P:Docker total=60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "Dev\n\nRequirements\n- " + tt.line
			if got := brief(FromJobDescription(text, tax)); got != tt.want {
				t.Errorf("FromJobDescription(%q)\n got %s\nwant %s", tt.line, got, tt.want)
			}
		})
	}
	// outside a requirements section an uncued clause asks for nothing
	for _, tt := range []struct{ name, text, want string }{
		{"duty plus cue", "Dev\n\nResponsibilities\n- Build services in Go, and Terraform is a plus", "P:Terraform"},
		{"duty must cue", "Dev\n\nResponsibilities\n- Deploy with Docker; you must know Linux", "R:Linux"},
		{"intro soft cue per clause", "Dev\n\nYou have experience with Go, and Rust would be nice.", "P:Rust R:Go"},
		{"required to is a duty", "Dev\n\nYou will be required to maintain Linux servers.", ""},
		{"as required is a duty", "Dev\n\nDeploy Docker images as required.", ""},
		{"required for is a requirement", "Dev\n\nGo experience required for a growing team.", "R:Go"},
		{"essential label with a colon", "Dev\n\nRun the lab with Docker. Essential skills for this role are: Linux, Git", "R:Git R:Linux"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := brief(FromJobDescription(tt.text, tax)); got != tt.want {
				t.Errorf("FromJobDescription(%q)\n got %s\nwant %s", tt.text, got, tt.want)
			}
		})
	}
}
