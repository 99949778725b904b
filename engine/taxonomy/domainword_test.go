package taxonomy

import (
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
