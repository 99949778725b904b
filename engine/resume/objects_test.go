package resume

import (
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// skillIDs returns the ids of the skills Parse finds written in text (direct
// mentions only, as `skillmatch parse` lists them first).
func skillIDs(t *testing.T, text string) []string {
	t.Helper()
	r := Parse(text, taxonomy.Default(), Options{AsOf: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	var ids []string
	for _, s := range r.Skills {
		for _, ev := range s.Evidence {
			if ev.Via == "" {
				ids = append(ids, s.ID)
				break
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// TestRecruitedForSkills checks that technologies a recruiter recruited for,
// or a salesperson sold, are not their skills, while the same words written
// by an engineer, and a recruiter's own tools, still are.
func TestRecruitedForSkills(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "recruiter profile: recruited-for technologies and the keyword list are dropped, own tools kept",
			text: `Jane Doe
Technical Recruiter

Experience
Technical Recruiter, Acme Staffing
Jan 2018 - Present
- Recruited senior Java and Python developers for banking clients.
- Placed DevOps engineers with Kubernetes and AWS experience.
- Sourcing on LinkedIn; tracked candidates in Taleo.

Senior Recruiter, Beta Talent
Mar 2014 - Dec 2017
- Full life-cycle recruiting for SQL Server DBAs and .NET teams.

Skills
Java, Python, Kubernetes, AWS, SQL Server, .NET, Excel, Taleo, interviewing
`,
			want: []string{"excel", "interviewing", "recruiting", "sourcing", "taleo"},
		},
		{
			name: "recruiter who was a developer keeps the skills of the developer position",
			text: `John Roe
Technical Recruiter

Experience
Technical Recruiter, Acme Staffing
Jan 2020 - Present
- Recruited Java and Go engineers for platform teams.

Java Developer, Gamma Bank
Jan 2014 - Dec 2019
- Built payment services in Java with Spring Boot.

Skills
Java, Kubernetes
`,
			want: []string{"java", "recruiting", "spring-boot"},
		},
		{
			name: "recruiter's own tools stay unless beside a technology she recruits for",
			text: `Kim Lee
Senior Recruiter

Summary
- Adobe (Photoshop, InDesign) for job flyers
- Microsoft Office (Word, Excel, Access)

Experience
Senior Recruiter, Acme Staffing
Jan 2018 - Present
- Sourced Java engineers; tracked candidates in Taleo.

Skills
Java, Kubernetes, interviewing
`,
			want: []string{"excel", "indesign", "interviewing", "microsoft-access", "microsoft-office", "microsoft-word", "photoshop", "recruiting", "taleo"},
		},
		{
			name: "engineer: the same technologies are skills",
			text: `Ann Poe
Backend Engineer

Experience
Backend Engineer, Acme
Jan 2018 - Present
- Built Java and Python services on Kubernetes and AWS.
- Tuned SQL Server queries for the .NET billing team.

Skills
Java, Python, Kubernetes, AWS, SQL Server, .NET
`,
			want: []string{"aws", "dotnet", "java", "kubernetes", "python", "sql-server"},
		},
		{
			name: "engineer who also hired: the hiring line alone does not count, the work does",
			text: `Bo Lee
Engineering Manager

Experience
Engineering Manager, Acme
Jan 2019 - Present
- Hired five Rust and Erlang engineers for the platform team; recruited Scala developers too.
- Built the ingestion pipeline in Python.
`,
			want: []string{"python", "recruiting"},
		},
		{
			name: "salesperson: what was sold is not a skill, selling and the CRM are",
			text: `Cy Moe
Account Executive

Experience
Account Executive, Cloudco
Jan 2019 - Present
- Sold AWS and Azure migrations to mid-market clients; managed the pipeline in Salesforce.
`,
			want: []string{"sales", "salesforce"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, skillIDs(t, tt.text)); diff != "" {
				t.Errorf("skills (-want +got):\n%s", diff)
			}
		})
	}
}

func TestObjectOfCue(t *testing.T) {
	tests := []struct {
		line, word string
		want       bool
	}{
		{"Performed extensive recruiting for Senior Developers with a focus on C/C++ and .NET.", ".NET", true},
		{"Sourced candidates for AWS and GCP roles", "GCP", true},
		{"Placement of Java consultants at banks", "Java", true},
		{"Sold Oracle licences to hospitals", "Oracle", true},
		{"Recruited interns. Built the site in React.", "React", false},
		{"Built Node.js services; recruited and mentored two juniors", "Node.js", false},
		{"Developed Java services for the recruiting platform", "Java", false},
		{"Sourcing of raw materials; maintained SAP records", "SAP", false},
		{"Designed the sales dashboard in Tableau", "Tableau", false},
		{"rendering, selling, Softimage, SolidWorks", "SolidWorks", false},
		{"Selling, Java", "Java", false},
		{"Cofounder (company sold) Developed the UX in Figma", "Figma", false},
		{"recruiting for developers with focus on C/C++, (Windows & Linux), .NET, Java", "Java", true},
	}
	for _, tt := range tests {
		col := indexWord(tt.line, tt.word)
		if col < 0 {
			t.Fatalf("%q not in %q", tt.word, tt.line)
		}
		if got := objectOfCue(tt.line, col, objectCue.FindAllStringIndex(tt.line, -1)); got != tt.want {
			t.Errorf("objectOfCue(%q, %q) = %v, want %v", tt.line, tt.word, got, tt.want)
		}
	}
}

// indexWord returns the offset of the last occurrence of word in line.
func indexWord(line, word string) int {
	for i := len(line) - len(word); i >= 0; i-- {
		if line[i:i+len(word)] == word {
			return i
		}
	}
	return -1
}
