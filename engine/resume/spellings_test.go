package resume

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// spelledOnly returns the mentions withSpellings adds to the taxonomy's
// own, as "id text@line" with the text cut from the original offsets.
func spelledOnly(tax *taxonomy.Taxonomy, text string) []string {
	ms := tax.Extract(text)
	had := map[taxonomy.Mention]bool{}
	for _, m := range ms {
		had[m] = true
	}
	var out []string
	for _, m := range withSpellings(text, ms, tax) {
		if !had[m] {
			out = append(out, fmt.Sprintf("%s %s@%d", m.SkillID, text[m.Start:m.End], m.Line))
		}
	}
	return out
}

func TestSpellings(t *testing.T) {
	tax := taxonomy.Default()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"another separator", "Summary\nDatabases: Oracle (PL-SQL), AS-400 and HP/UX\n",
			[]string{"plsql PL-SQL@2", "ibm-i AS-400@2", "hp-ux HP/UX@2"}},
		{"no separator, in capitals", "Unix: HPUX and AIX; ICD10 codes\n",
			[]string{"hp-ux HPUX@1", "medical-billing ICD10@1"}},
		{"a name glued by case, written apart with capitals", "Tools: MY-SQL, Service-Now, Lexis-Nexis\n",
			[]string{"mysql MY-SQL@1", "servicenow Service-Now@1", "lexisnexis Lexis-Nexis@1"}},
		{"inside a longer run", "Oracle/PL-SQL/T-SQL\n",
			[]string{"plsql PL-SQL@1"}},
		// "one-on-one" holds "on-one", "OnOne" a product; "front-page" is not FrontPage
		{"English words glued by case in a name", "Held one-on-one meetings; a front-page story; in-design reviews\n", nil},
		{"lower case with no separator", "The hpux box and icd10 codes\n", nil},
		{"names the matcher reads", "PL/SQL, Node.js, MySQL and CI/CD\n", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, spelledOnly(tax, tt.text)); diff != "" {
			t.Errorf("%s: mentions of other spellings in %q (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

// TestSpellingsReplaceShorter checks that a form found so replaces the
// taxonomy's mention it holds ("PL-SQL" is PL/SQL, not also SQL) in Parse.
func TestSpellingsReplaceShorter(t *testing.T) {
	got := skillIDs(t, "Jane Doe\n\nSkills\nPL-SQL\n")
	want := []string{"plsql"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("skills of a PL-SQL line (-want +got):\n%s", diff)
	}
}
