package taxonomy

import (
	"strings"
	"testing"
)

// normalizeReference is normalize as it was before its one-pass ASCII path:
// names already normal are returned as they are, others lower-cased and
// their fields joined by one space.
func normalizeReference(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if c >= 'A' && c <= 'Z' || space && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// TestNormalizeMatchesReference checks normalize against normalizeReference
// on every name and alias of the embedded taxonomy and on awkward strings.
func TestNormalizeMatchesReference(t *testing.T) {
	in := []string{"", " ", "Go", "  Spring \t Boot ", "C++", "a\vb\fc", "\nX\r\n", "ÉCOLE Straße", "A\u00a0B",
		"Node.JS", "MACHINE  LEARNING", "x\x85y", "X\x85y", "trailing ", "\xff\xfeBAD"}
	for _, s := range Default().Skills() {
		in = append(in, s.Name, strings.ToUpper(s.Name), " "+s.Name+"\t")
		in = append(in, s.Aliases...)
	}
	for _, s := range in {
		if got, want := normalize(s), normalizeReference(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestNameVariants checks the nearby forms New gives a multi-word name: the
// last word in the other number and "analysis" ↔ "analytics", for the file's
// skills and so for an overlay's; never a form another skill names, nor any
// for a skill with a context rule or a one-word name.
func TestNameVariants(t *testing.T) {
	tx, err := New(File{Skills: []Skill{
		{ID: "fin", Name: "Financial statements", Category: "domain"},
		{ID: "pred", Name: "Predictive analytics", Category: "practice"},
		{ID: "entry", Name: "Data entry", Category: "practice"},
		{ID: "viz", Name: "Data visualization", Category: "practice"},
		{ID: "trend", Name: "Trend analysis", Category: "practice", Aliases: []string{"trend analyses"}},
		{ID: "other", Name: "Trend analytics", Category: "practice"},
		{ID: "budget", Name: "Budget reviews", Category: "practice", Context: "list", Ambiguous: []string{"Budget reviews"}},
		{ID: "sales", Name: "Sales", Category: "domain"},
		{ID: "plan", Name: "Project planning", Category: "practice"},
		{ID: "ga", Name: "Google Analytics", Category: "tool"},
		{ID: "cc", Name: "Call center operations", Category: "domain", Aliases: []string{"call center"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"Prepared the financial statement", "fin"},
		{"Predictive analysis of churn", "pred"},
		{"Data entries in charts", "entry"},
		{"Built data visualizations", "viz"},
		{"Trend analytics", "other"}, // another skill's name stays its own
		{"trend analyses", "trend"},  // so does an alias
		{"Budget review", ""},        // a context rule: no variant
		{"Sale", ""},                 // one word: no variant
		{"Project plannings", ""},    // a gerund has no plural
	}
	for _, tt := range tests {
		got := strings.Join(extractedIDs(tx, tt.text), ",")
		if got != tt.want {
			t.Errorf("Extract(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if s, ok := tx.Lookup("financial statement"); !ok || s.ID != "fin" {
		t.Errorf("Lookup(financial statement) = %q, %v; want fin", s.ID, ok)
	}
}
