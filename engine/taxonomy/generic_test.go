package taxonomy

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFieldOfExperience checks the fieldOnly words ("Sales"): the skill when
// the word is the field of an experience phrase, never as a department, a
// figure, a title, a tax or a bare keyword-list item; the experience phrase
// as a second way for a generic word with the "list" rule; and "compliance
// with" laws or a regulator as a third, for Compliance.
func TestFieldOfExperience(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool // sales found (skill, when set, in place of sales)
		skill      string
	}{
		{"experience in", "Over 10 years of experience in sales and marketing.", true, ""},
		{"skilled in, list follows", "Highly skilled in sales, product development and strategic marketing.", true, ""},
		{"years of", "More than (20) years of sales, management and promotional experience.", true, ""},
		{"background in technical", "Strong background in technical sales.", true, ""},
		{"expertise in, line end", "Sound expertise in sales", true, ""},
		{"knowledge of, capitalised", "In-depth knowledge of Sales, account management and training.", true, ""},
		{"figure", "Increased sales by 20% in 2016.", false, ""},
		{"department", "Worked with Sales, Engineering and Production teams.", false, ""},
		{"keyword list", "Payroll, Sales, QuickBooks, Scheduling", false, ""},
		{"alone on a line", "Skills\nSales\nCustomer service", false, ""},
		{"modifier of a noun", "Experience in sales forecasting for retail.", false, ""},
		{"sales tax", "Experience in Sales and Use taxes, payroll taxes.", false, ""},
		{"store promotions", "Answered questions with up-to-date knowledge of sales and store promotions.", false, ""},
		{"SAP module", "Knowledgeable in Sales and Distribution module.", false, ""},
		{"glued", "Strong background in sales-closer roles.", false, ""},
		{"no cue", "Handled receiving, merchandising & sales in apparel departments.", false, ""},
		{"list rule: proficient in", "Proficient in scheduling, training, and managing a manufacturing floor.", true, "scheduling"},
		{"list rule: experience in", "Five years of experience in Human Resources.", true, "hr-management"},
		{"list rule: prose without a cue", "Handled the logistics of the annual gala.", false, "logistics"},
		{"list rule: gerunds sharing an object", "Experience in interpreting and applying banking rules.", false, "interpreting"},
		{"later item after expertise in", "Expertise in international liaison, aircraft certification, aircraft sales and import compliance.", true, ""},
		{"later item after responsible for", "Responsible for receiving, merchandising, operations, & sales in ladies apparel departments.", true, ""},
		{"later item: a gerund's object", "Proficient in driving revenue growth, increasing sales, slashing costs.", false, ""},
		{"later item: a place", "Retail knowledge with IT deployment and support, Point of Sales systems.", false, ""},
		{"later item: a wish", "Expand my career in television, broadcasting, and film.", false, "broadcast-media"},
		{"later item: too long an item before", "Experience in managing the daily operations of three large stores, sales.", false, ""},
		{"compliance with laws", "Ensured compliance with all applicable federal, state and local laws and regulations.", true, "compliance"},
		{"compliance with a regulator", "Responsible for IT compliance with HIPAA and PCI.", true, "compliance"},
		{"kept in compliance", "Kept kitchen staff in compliance with safety and food regulations.", true, "compliance"},
		{"compliance with company policy", "Ensured compliance with company policies and procedures.", false, "compliance"},
		{"in compliance with, how a task was done", "Disposed of biohazard waste in compliance with federal regulations.", false, "compliance"},
		{"regulation past the clause", "Checked compliance with specifications. Filed federal reports.", false, "compliance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skill := tt.skill
			if skill == "" {
				skill = "sales"
			}
			got := slices.Contains(ids(tt.text), skill)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s in %q (-want +got):\n%s", skill, tt.text, diff)
			}
		})
	}
}
