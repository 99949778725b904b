package taxonomy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtractTechnical: a text known to be technical is its own context
// for ambiguous names, while vetoes and proper-noun rules still hold.
func TestExtractTechnical(t *testing.T) {
	tax := Default()
	for _, tt := range []struct {
		text             string
		plain, technical []string
	}{
		{"Go Platform Engineer", nil, []string{"go"}},
		{"C Programmer", nil, []string{"c"}},
		{"Python Backend Developer", []string{"python"}, []string{"python"}},
		{"R Developer", []string{"r"}, []string{"r"}},
		{"R&D Engineer", nil, nil},
		{"Head Chef", nil, nil},
		{"Registered Nurse", []string{"registered-nurse"}, []string{"registered-nurse"}},
	} {
		ids := func(ms []Mention) []string {
			var out []string
			for _, m := range ms {
				out = append(out, m.SkillID)
			}
			return out
		}
		if diff := cmp.Diff(tt.plain, ids(tax.Extract(tt.text))); diff != "" {
			t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
		}
		if diff := cmp.Diff(tt.technical, ids(tax.ExtractTechnical(tt.text))); diff != "" {
			t.Errorf("ExtractTechnical(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}
