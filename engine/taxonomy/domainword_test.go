package taxonomy

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDomainWordNotPractised: a domain skill's bare name with the verb rule
// names a department someone works with or the field of a degree, and then
// no skill of the person's (domainword.go); the same words where the person
// does the work still count.
func TestDomainWordNotPractised(t *testing.T) {
	tx := Default()
	for _, tc := range []struct {
		text string
		want []string
	}{
		// departments worked with
		{"Collaborated with R&D and Marketing to meet customer requirements.", nil},
		{"Communicated with all cross functional teams (sales, marketing, merchandising) before seasonal roll outs.", nil},
		{"Interfaced with the marketing group to define products.", nil},
		{"Worked with design, merchandising and production teams on construction techniques.", nil},
		{"Prepared the scope in conjunction with engineering, marketing and operations Develop a plan", nil},
		// degrees and coursework
		{"Bachelor of Science Degree : Telecommunications & Marketing", nil},
		{"Bachelor of Science : Marketing\nMarketing", nil},
		{"- Coursework in Community Health", nil},
		{"Master of Arts : Teaching July 2004", nil},
		// an industry worked in
		{"Domains: Investment Banking, Advertising, Insurance. Programming Skills: SQL", []string{"investment-banking", "sql"}},
		// the person's own work
		{"Managed marketing for three product lines.", []string{"marketing"}},
		{"Experience with advertising, budgeting and video creation.", []string{"advertising", "budgeting"}},
		{"Assisted the store manager with recruiting, interviewing and hiring.", []string{"recruiting", "interviewing", "recruiting"}},
		// a degree that is a keyword list's item, or in another sentence
		{"MBA, mediation, negotiation, recruiting, scheduling", []string{"mediation", "negotiation", "recruiting", "scheduling"}},
		{"Holds a Masters of Science degree. Excels in planning, recruiting and licensing.", []string{"recruiting", "licensing"}},
	} {
		if diff := cmp.Diff(tc.want, mentionIDs(tx, tc.text)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}

// TestStaffingLevelsNotRecruiting: "staffing" as the number of people a
// shift needs, and "recruited" said of the person ("Recruited by", "Recruited
// into") or of customers, are no recruiting (curated vetoes); staffing as
// filling positions and recruiting applicants still are.
func TestStaffingLevelsNotRecruiting(t *testing.T) {
	tx := Default()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Expertly estimated staffing needs and adjusted hourly schedules.", nil},
		{"Familiar with daily office operations and experienced in diffusing staffing issues.", nil},
		{"Implemented new floor assignments based on evaluation of staffing requirements.", nil},
		{"Staffing, onboarding and payroll for 40 stores.", []string{"recruiting", "onboarding", "payroll"}},
		// the person recruited, not someone who recruits
		{"- Recruited into the bank's analyst program.", nil},
		{"- Recruited by the division president to turn around late projects.", nil},
		{"- Translated pharmacy communications and recruited new customers.", nil},
		{"- Recruited qualified applicants for 12 stores.", []string{"recruiting"}},
	} {
		if diff := cmp.Diff(tc.want, mentionIDs(tx, tc.text)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}

// TestContainersNeedTechnicalContext: containerization's alias
// "containers" counts only beside technical names (curated context tech):
// shipping, refuse and food containers are no skill.
func TestContainersNeedTechnicalContext(t *testing.T) {
	tx := Default()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"- Gathered waste and trash from job sites for placement in refuse containers.", nil},
		{"- Prepare overseas containers for shipment; verify quantities.", nil},
		{"Experience on Azure and Heroku including containers such as Docker and Rkt.", []string{"azure", "heroku", "containerization", "docker"}},
	} {
		if diff := cmp.Diff(tc.want, mentionIDs(tx, tc.text)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}

// domainWordRE finds the domain words the reference comparison probes.
var domainWordRE = regexp.MustCompile(`(?i)\b(?:marketing|sales|merchandising|recruiting|advertising|teaching|licensing|sourcing|catering|staffing|community health|food and beverage)\b`)

// departmentNamedRef and studyFieldRef are departmentNamed and studyField
// with the regular expressions alone, without the cheap tests that skip
// them (lastWith, departmentWordsOnly, mayEndDepartment, mayNameDegree,
// moreWords).
func departmentNamedRef(text string, start, end int) bool {
	before := text[lineStart(text, start):start]
	if len(before) > departmentReach {
		before = before[len(before)-departmentReach:]
	}
	after := text[end:]
	if nl := strings.IndexByte(after, '\n'); nl >= 0 {
		after = after[:nl]
	}
	if len(after) > departmentReach {
		after = after[:departmentReach]
	}
	return departmentAfter.MatchString(after) && departmentBefore.MatchString(before)
}

func studyFieldRef(text string, start int) bool {
	degree := func(s string) bool {
		if len(s) > degreeReach {
			s = s[len(s)-degreeReach:]
		}
		var at []int
		if m := degreeWords.FindAllStringIndex(s, -1); len(m) > 0 {
			at = m[len(m)-1]
		}
		if m := degreeAbbrevs.FindAllStringIndex(s, -1); len(m) > 0 && (at == nil || m[len(m)-1][0] > at[0]) {
			at = m[len(m)-1]
		}
		if at == nil {
			return false
		}
		rest := s[at[1]:]
		if r := strings.TrimLeft(rest, " \t"); r != "" && (r[0] == ',' || r[0] == '-') {
			return false
		}
		return !strings.Contains(rest, ". ") && !strings.Contains(rest, ";") && len(strings.Fields(rest)) <= 12
	}
	lo := lineStart(text, start)
	if degree(text[lo:start]) {
		return true
	}
	if lo == 0 || len(strings.Fields(lineAt(text, start))) > 8 {
		return false
	}
	return degree(lineAt(text, lo-1))
}

// TestNotPractisedReference: the cheap tests in front of departmentNamed's
// and studyField's regular expressions change no answer, over every domain
// word of the fixture resumes, the probe lines and (when ../shared/data is
// there) the Kaggle resumes.
func TestNotPractisedReference(t *testing.T) {
	texts := []string{
		"Collaborated with R&D and Marketing to meet requirements.\nWorked with the sales team on pricing; Marketing",
		"Communicated with all cross functional teams (sales, marketing, merchandising) before roll outs.",
		"Bachelor of Science Degree : Telecommunications & Marketing\nTelecommunications & Marketing",
		"MBA, mediation, recruiting\nPh. D : Teaching\nM.S. in Marketing, Ed D: teaching; BSc Sales",
		"Networking with Marketing within sales, within marketing teams\tand sales",
	}
	for _, f := range readFixtures(t) {
		texts = append(texts, f.text)
	}
	path := filepath.Join("..", "..", "..", "shared", "data", "resumes", "kaggle-categorized", "UpdatedResumeDataSet.csv")
	if f, err := os.Open(path); err == nil {
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			texts = append(texts, r[len(r)-1])
		}
	}
	n := 0
	for _, text := range texts {
		for _, m := range domainWordRE.FindAllStringIndex(text, -1) {
			n++
			if got, want := departmentNamed(text, m[0], m[1]), departmentNamedRef(text, m[0], m[1]); got != want {
				t.Errorf("departmentNamed %q at %d = %v, reference %v", lineAt(text, m[0]), m[0], got, want)
			}
			if got, want := studyField(text, m[0], m[1]), studyFieldRef(text, m[0]); got != want {
				t.Errorf("studyField %q at %d = %v, reference %v", lineAt(text, m[0]), m[0], got, want)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d domain words probed", n)
	}
}
