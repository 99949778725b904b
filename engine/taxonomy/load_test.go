package taxonomy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecodeFileMatchesUnmarshal checks that decodeFile, which sizes the
// skills slice before decoding, gives what a plain json.Unmarshal gives for
// the embedded file.
func TestDecodeFileMatchesUnmarshal(t *testing.T) {
	var want File
	if err := json.Unmarshal(defaultData, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decodeFile(defaultData)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decodeFile differs from json.Unmarshal (-want +got):\n%s", diff)
	}
	if _, err := decodeFile([]byte(`{"skills": [{"id": 1}]}`)); err == nil {
		t.Fatal("decodeFile accepted a number as an id")
	}
}

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
