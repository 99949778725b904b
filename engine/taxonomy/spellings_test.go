package taxonomy

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// spelledOnly returns the mentions withSpellings adds to the matcher's
// own, as "id text@line" with the text cut from the original offsets.
func spelledOnly(tax *Taxonomy, text string) []string {
	ms := tax.extract(text, nil, false)
	had := map[Mention]bool{}
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
	tax := Default()
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
		{"two words", "Legacy: AS 400, Pro Engineer and Hyper V\n",
			[]string{"ibm-i AS 400@1", "ptc-creo-parametric Pro Engineer@1", "hyper-v Hyper V@1"}},
		{"two words of a name glued by case, among other skills", "Web: HTML, Java Script, CSS\n",
			[]string{"javascript Java Script@1"}},
		{"two words of a name glued by case, alone", "Assistant Warehouse Manager\nPublished on the Front Page\n", nil},
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
