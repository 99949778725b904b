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

func TestReplaceStrayNBSP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Collaborates with Colleagues\u00c2\n", "Collaborates with Colleagues \n"},
		{"Video Campaigns.\u00c2", "Video Campaigns. "},
		{"growth\u00c2and", "growth and"},
		{"C\u00c2MARA and \u00c2ngela", "C\u00c2MARA and \u00c2ngela"}, // real letters
		{"no stray here", "no stray here"},
	}
	for _, tt := range tests {
		if got := replaceStrayNBSP(tt.in); got != tt.want {
			t.Errorf("replaceStrayNBSP(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// the skill glued to the stray byte is found
	if diff := cmp.Diff([]string{"teamwork"}, skillIDs(t, "Jane Doe\n\nHighlights\n- Collaborates with Colleagues\u00c2\n")); diff != "" {
		t.Errorf("skills (-want +got):\n%s", diff)
	}
}
