package resume

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSkillsSectionListItems checks that a generic word with the taxonomy's
// "list" rule counts as a skill as an item of a skills-like section, even
// alone on its line, and not in the prose of a position.
func TestSkillsSectionListItems(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"skills section", "Jane Doe\n\nSkills\nBudget\nScheduling\n",
			[]string{"budgeting", "scheduling"}},
		{"highlights heading", "Jane Doe\n\nHighlights\n- Scheduling\n- Budget\n",
			[]string{"budgeting", "scheduling"}},
		{"prose in a position", "Jane Doe\n\nExperience\nStore Clerk 01/2019 to 03/2021\nKept the office on budget and did the scheduling for the store.\n",
			[]string{}},
		{"lone item outside a skills section", "Jane Doe\n\nExperience\nStore Clerk 01/2019 to 03/2021\nBudget\n",
			[]string{}},
	}
	for _, tt := range tests {
		got := skillIDs(t, tt.text)
		if got == nil {
			got = []string{}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: skills (-want +got):\n%s", tt.name, diff)
		}
	}
}
