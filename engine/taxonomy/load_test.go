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
