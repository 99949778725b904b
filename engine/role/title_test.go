package role

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

func TestTitleWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Senior Backend Engineer", []string{"backend", "engineer"}},
		{"Staff Accountant", []string{"accountant"}},
		{"Teachers and Reading Teacher", []string{"teacher", "reading"}},
		{"Sr. C++ / C# Developer II", []string{"c++", "c#", "developer"}},
		{"T", nil},
	}
	for _, tt := range tests {
		if got := titleWords(tt.in); cmp.Diff(tt.want, got) != "" {
			t.Errorf("titleWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleCheck(t *testing.T) {
	tax := testTax(t)
	ro := Role{Title: "Senior Python Backend Developer", Required: []Requirement{req(0, "Python")}}
	r := resumeWith(sk("python", 60, ""))
	r.Text = "Ada Example\nBackend Developer\nada@example.com | +44 1234\n\nEXPERIENCE\n"
	r.Sections = []engine.Section{{Kind: "header", StartLine: 1, EndLine: 3}, {Kind: "experience", Heading: "EXPERIENCE", StartLine: 5, EndLine: 5}}
	r.Positions = []engine.Position{{Title: "Python Engineer"}}
	m := Score(r, ro, tax)
	// python (position), backend and developer (header): all three words
	if m.Title.Status != StatusMet || m.Title.Credit != 1 || m.Title.Have != "Backend Developer" {
		t.Errorf("title check = %+v, want met through the header's Backend Developer", m.Title)
	}
	// the ranker keeps only the header of the text, and explains the same
	r.Text += strings.Repeat("a long resume line\n", 1000)
	k := NewRanker(tax)
	k.Add("c", r)
	got := k.Rank(ro, RankOptions{Explain: 1})
	if diff := cmp.Diff(m, *got[0].Match, cmpopts.IgnoreUnexported(Match{})); diff != "" || got[0].Score != m.Score {
		t.Errorf("ranker explanation differs from Score (-Score +ranker):\n%s", diff)
	}
	if n := len(k.resumes[0].Text); n > 100 {
		t.Errorf("ranker keeps %d bytes of text, want only the header", n)
	}
	r.Positions, r.Sections = nil, nil
	m = Score(r, ro, tax)
	if m.Title.Status != StatusMissing || m.Title.Credit != 0 {
		t.Errorf("without titles, title check = %+v, want missing", m.Title)
	}
	// the title is a smaller share than the required skills: without it
	// the skill still earns its 0.70 of 0.90
	if m.Score < 77 {
		t.Errorf("score without a title match = %v, want the skill's share (≥ 77)", m.Score)
	}
}

// TestTitleSkillsAmbiguousNames: a role title naming an ambiguous skill
// ("Go", "C") with no other technical word makes it the core skill; a
// veto still holds ("R&D" is no R).
func TestTitleSkillsAmbiguousNames(t *testing.T) {
	tax := taxonomy.Default()
	for _, tt := range []struct {
		title string
		want  []string
	}{
		{"Go Platform Engineer", []string{"go"}},
		{"Senior C Programmer", []string{"c"}},
		{"Python Backend Developer", []string{"python"}},
		{"R&D Engineer", nil},
		{"Sous Chef", nil},
	} {
		var got []string
		for id := range titleSkills(tt.title, tax) {
			got = append(got, id)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("titleSkills(%q) (-want +got):\n%s", tt.title, diff)
		}
	}
	ro := Role{Title: "Go Platform Engineer", Required: []Requirement{{Skills: []string{"Go"}, Weight: 1}, {Skills: []string{"Docker"}, Weight: 1}}}
	if c := compile(ro, tax); !c.req[0].core || c.req[1].core || c.req[0].k != 2*c.req[1].k {
		t.Errorf("Go Platform Engineer: Go core %v (share %v), Docker core %v (share %v); want Go alone core, twice Docker's share", c.req[0].core, c.req[0].k, c.req[1].core, c.req[1].k)
	}
}
