package taxonomy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gluedOnly returns the mentions withGlued adds to the matcher's own, as
// "id text@line" with the mention's text cut from the original offsets.
func gluedOnly(tax *Taxonomy, text string) []string {
	ms := tax.extract(text, nil, false)
	had := map[Mention]bool{}
	for _, m := range ms {
		had[m] = true
	}
	var out []string
	for _, m := range withGlued(text, ms, tax, nil) {
		if !had[m] {
			out = append(out, fmt.Sprintf("%s %s@%d", m.SkillID, text[m.Start:m.End], m.Line))
		}
	}
	return out
}

func TestGluedMentions(t *testing.T) {
	tax := Default()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"version glued to the name", "Summary\nDatabases: MySQL5.0 and Oracle11g; Java8 on Tomcat6\n",
			[]string{"mysql MySQL@2", "oracle-database Oracle11g@2", "java Java8@2", "tomcat Tomcat@2"}},
		{"words glued by case", "Servers: WindowsServer2012R2, ApacheTomcatServer\nAPIs: RestApi and SQLServer2008\n",
			[]string{"windows-server WindowsServer@1", "tomcat ApacheTomcat@1", "rest-api RestApi@2", "sql-server SQLServer@2"}},
		{"a known glued name stays whole", "Front end: HTML5CSS3JavaScript and PostgreSQL9.6\n",
			[]string{"html HTML5@1", "css CSS3@1", "javascript JavaScript@1", "postgresql PostgreSQL@1"}},
		{"a line break lost between two words", "Payroll, tax withholdingAccounting and audits\n",
			[]string{"accounting Accounting@1"}},
		{"a longer name replaces the one it holds", "Databases: Microsoft SQLServer\n",
			[]string{"sql-server Microsoft SQLServer@1"}},
		{"a product name starting the token", "Cloud: J2EE, AzureWeb, JSP\n",
			[]string{"azure Azure@1"}},
		{"no piece of one letter", "Grades C2 and R2, an iPhone and an eBay store\n", nil},
		{"a name inside a product's name", "Marketing with GoDaddy, SharpSpring, CampusVue and PlanSwift in Go and Java\n", nil},
		{"no skill with a context rule", "Tools: MS Access2007, Windows7, MSExcel, GoLang1.21\n", nil},
		{"codes are no versions", "Paid PHP50 per day; audited SAS70 controls on the AS400\n", nil},
		{"plural acronyms", "Wrote PDFs and tracked KPIs for SOPs\n", nil},
		{"addresses", "Mail jane.SmithJava@example.org or see www.MySQLTools.net\n", nil},
		{"names the matcher reads whole", "JavaScript, PowerPoint, PostgreSQL and QuickBooks\n", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, gluedOnly(tax, tt.text)); diff != "" {
			t.Errorf("%s: glued mentions of %q (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}

func TestGluedCuts(t *testing.T) {
	tax := Default()
	tests := []struct {
		in   string
		want []int
	}{
		{"WindowsServer2012R2", []int{7, 13}}, // "2012R2" stays one version
		{"HTML5CSS3JavaScript", []int{5, 9}},  // HTML5, CSS3, JavaScript are names
		{"Oracle11g", []int{6}},
		{"SQLServer", []int{3}},
		{"JavaScript", nil},  // a name
		{"JavaScripts", nil}, // a name in the plural
		{"C2", nil},
		{"iPhone", nil},
		{"KPIs", nil},
		{"2ndShift", []int{3}}, // "2nd" stays, "Shift" starts a word
		{"AS400", nil},
	}
	for _, tt := range tests {
		got, _ := gluedCuts(tt.in, tax)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("gluedCuts(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// FuzzGluedAndSpellings checks that the second readings never panic and
// that every mention they give lies in the text, on the line it names.
func FuzzGluedAndSpellings(f *testing.F) {
	for _, s := range []string{
		"Databases: MySQL5.0 and Oracle11g; Java8 on Tomcat6\n",
		"WindowsServer2012R2, ApacheTomcatServer\nRestApi SQLServer2008",
		"Oracle/PL-SQL/T-SQL, AS-400, HPUX\nMY-SQL",
		"x-Y/z.W 9a-B\n\nÄbcDef2",
		"managed the daily work\nof eight people here\nand then on\nsome MySQL5.0 and PL-SQL\nplus Java Script",
	} {
		f.Add(s)
	}
	tax := Default()
	f.Fuzz(func(t *testing.T, text string) {
		ms := tax.Extract(text)
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("mention %+v out of a text of %d bytes", m, len(text))
			}
			if line := 1 + strings.Count(text[:m.Start], "\n"); m.Line != line {
				t.Fatalf("mention %+v of %q on line %d, want %d", m, text[m.Start:m.End], m.Line, line)
			}
		}
	})
}
