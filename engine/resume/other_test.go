package resume

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestListItems checks how a line of a skills list splits into items.
func TestListItems(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"Protein purification, HPLC, Enzyme kinetics", []string{"Protein purification", "HPLC", "Enzyme kinetics"}},
		{"Kepware; Ignition | Wonderware", []string{"Kepware", "Ignition", "Wonderware"}},
		{"• Food plating • Knife skills", []string{"Food plating", "Knife skills"}},
		{"- Menu costing", []string{"Menu costing"}},
		{"Python- Experience - 24 months", []string{"Python"}},
		{"Escrow analysis - Loan closing", []string{"Escrow analysis", "Loan closing"}},
		{"Microsoft Office (Word, Excel), Lab safety", []string{"Microsoft Office (Word, Excel)", "Lab safety"}},
		{"Lab techniques: Western blot, ELISA", []string{"Western blot", "ELISA"}},
		{"Event planning/Catering, CI/CD", []string{"Event planning/Catering", "CI/CD"}},
		{"Inventory control/Menu planning", []string{"Inventory control", "Menu planning"}},
		{"- Protein/Peptide Chemistry", []string{"Protein/Peptide Chemistry"}},
		{"Payroll          Scheduling", []string{"Payroll", "Scheduling"}},
		{"Cash handling \u00e2\u0080\u00a2 Credit", []string{"Cash handling", "Credit"}},
		{"â€¢DRG grouping, Menu costing", []string{"DRG grouping", "Menu costing"}},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range listItems(tt.line, 0) {
			got = append(got, tt.line[it[0]:it[1]])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("listItems(%q) (-want +got):\n%s", tt.line, diff)
		}
	}
}

// TestOtherSkillName checks which items are shaped like a skill, and what is
// trimmed from them.
func TestOtherSkillName(t *testing.T) {
	tests := []struct{ item, want string }{
		{"Protein purification", "Protein purification"},
		{"Proficient in escrow analysis", "escrow analysis"},
		{"Knowledge of food plating", "food plating"},
		{"Experience with Kepware", "Kepware"},
		{"Sous vide cooking (5 years)", "Sous vide cooking"},
		{"Menu costing - Advanced", "Menu costing"},
		{"Advanced menu costing", "menu costing"},
		{"Sous vide cooking skills", "Sous vide cooking"},
		{"Weight management expert", "Weight management"},
		{"Lesson planning in the classroom", ""},
		// sentences and duties
		{"I am a fast learner", ""},
		{"Managed budgets for the store", ""},
		{"Assist patients with forms", ""},
		{"Worked closely with chefs", ""},
		{"Excellent in everything that we do every day", ""},
		// not skills
		{"2015 - 2019", ""},
		{"May 2018", ""},
		{"(555) 010-2030", ""},
		{"dana@example.org", ""},
		{"www.example.org", ""},
		{"12345", ""},
		{"Experience", ""},
		{"Bachelor of Science", ""},
		{"Boston University", ""},
		{"Acme Bio Inc", ""},
		{"Store Manager", ""},
		{"Self-motivated", ""},
		{"Detail-oriented", ""},
		{"Friendly attitude", ""},
		{"and more", ""},
		{"such as pastry", ""},
		{"managing 3", ""},
		{"Licensed Navigator # 2984352", ""},
		{"Advanced", ""},
		{"9 RADHA", ""},
		{"1. Prize giving day", ""},
		{"Domain Skills HealthCare", ""},
		{"Skills used", ""},
		{"coaching and sales. to new clients", ""},
		{"Calm under pressure", ""},
		{"Forward-thinking mindset", ""},
		{"Open mind to change", ""},
		{"Irma Hotel", ""},
		{"EXTRA CURRICULAR ACTIVITY", ""},
		{"Wrote proposals", ""},
		{"Consistently meets sales goals", ""},
		{"Thrives under pressure", ""},
		{"New Sales", ""},
		{"CContent creation", ""},
		{"Relevant Coursework", ""},
		{"New product launches", "New product launches"},
		{"Kind and empathetic", ""},
		{"Analytical and logical", ""},
		{"keeps commitments", ""},
	}
	for _, tt := range tests {
		if got := otherSkillName(tt.item); got != tt.want {
			t.Errorf("otherSkillName(%q) = %q, want %q", tt.item, got, tt.want)
		}
	}
}

// TestOneWordItems checks that a lone word counts as an other skill only
// when it is name-like ("PowerBI", "3D", "CLI"), or a capitalised word under
// a label naming products ("PLC Software: Kepware"): elsewhere a capitalised
// word alone ("Kepware", "Research") is as often an ordinary word as a
// product, so it is left out, in a short list as in a long keyword list.
func TestOneWordItems(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"short list", "Jane Doe\n\nSkills\nKepware, Phlebotomy, Documentation, clients, PowerBI\n",
			[]string{"PowerBI"}},
		{"keyword list", "Jane Doe\n\nSkills\nKepware, Fashion, arts, clients, policies, office, quality, meetings, TapScan, Menu costing, sales\n",
			[]string{"TapScan", "Menu costing"}},
		{"acronyms", "Jane Doe\n\nSkills\nCLI, SNL, LASER, CA\n", []string{"CLI", "SNL"}},
		{"highlights", "Jane Doe\n\nHighlights\nMenu costing, Food plating\n", []string{"Menu costing", "Food plating"}},
		{"under a product label", "Jane Doe\n\nSkills\nPLC Software: Kepware, Wonderware, Documentation, Cleaning, clients\nCooking: Plating, Baking\n",
			[]string{"Kepware", "Wonderware"}},
		{"product label of a skills line", "Jane Doe\n\nExperience\nTools used: Kepware, Wonderware\n", []string{"Kepware", "Wonderware"}},
		{"career highlights", "Jane Doe\n\nCareer Highlights\nMenu costing, Food plating\n", nil},
	}
	tax := fixtureTaxonomy(t)
	for _, tt := range tests {
		var got []string
		for _, o := range Parse(tt.text, tax, Options{AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}).OtherSkills {
			got = append(got, o.Name)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: other skills (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestOtherSkillsFixture parses a resume written for this test and compares
// its other skills, and the lines that name them, with what a reader lists
// by hand (testdata/other/NAME.other.json): the items of its skills section,
// of a "Skills used:" line under a job, of "Core Qualifications" bullets and
// of Kaggle-style "Skill Details" entries, less what the taxonomy covers
// (Python, Excel, Tableau, Docker), sentences, dates, degrees and traits.
func TestOtherSkillsFixture(t *testing.T) {
	type item struct {
		Name  string `json:"name"`
		Lines []int  `json:"lines"`
	}
	paths, err := filepath.Glob("testdata/other/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/other (%v)", err)
	}
	tax := fixtureTaxonomy(t)
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p[:len(p)-len(".txt")] + ".other.json")
		if err != nil {
			t.Fatal(err)
		}
		var want []item
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		r := Parse(string(text), tax, Options{AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		var got []item
		for _, o := range r.OtherSkills {
			it := item{Name: o.Name}
			for _, ev := range o.Evidence {
				it.Lines = append(it.Lines, ev.Line)
			}
			got = append(got, it)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: other skills (-want +got):\n%s", p, diff)
		}
		// the taxonomy's skills are never other skills
		for _, o := range r.OtherSkills {
			if _, ok := tax.Lookup(o.Name); ok {
				t.Errorf("%s: other skill %q is a taxonomy skill", p, o.Name)
			}
		}
	}
}
