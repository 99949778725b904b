package taxonomy

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// coordinatedWord reports whether the mention m of text is one word of a
// coordinated phrase that shares its other words with a name of m's skill:
// the word before "and", "&" or "/" with the last words of the phrase after
// it (sharedHead: "Strategic and financial planning"), or the word after
// one with the first words of the phrase before it (distributed:
// "accounts payable and receivable").
func coordinatedWord(tx *Taxonomy, text string, m Mention) bool {
	lineStart := strings.LastIndexByte(text[:m.Start], '\n') + 1
	lineEnd := len(text)
	if k := strings.IndexByte(text[m.End:], '\n'); k >= 0 {
		lineEnd = m.End + k
	}
	w := text[m.Start:m.End]
	named := func(s string) bool {
		sk, ok := tx.Lookup(s)
		return ok && sk.ID == m.SkillID
	}
	// after: "A and W2 … Wn" names the skill as "A W3 … Wk"
	if loc := conjAfter.FindStringIndex(text[m.End:lineEnd]); loc != nil {
		after := strings.Fields(text[m.End+loc[1] : lineEnd])
		for k := 2; k <= len(after) && k <= 5; k++ {
			if named(w + " " + strings.Join(after[1:k], " ")) {
				return true
			}
		}
	}
	// before: "W1 … Wn and A" names the skill as "W1 … Wn-1 A"
	if loc := conjBefore.FindStringIndex(text[lineStart:m.Start]); loc != nil {
		before := strings.Fields(text[lineStart : lineStart+loc[0]])
		for k := 1; k < len(before) && k <= 4; k++ {
			if named(strings.Join(before[len(before)-k-1:len(before)-1], " ") + " " + w) {
				return true
			}
		}
	}
	return false
}

var (
	conjAfter  = regexp.MustCompile(`^\s*(?:[Aa][Nn][Dd]\s|&|/)\s*`)
	conjBefore = regexp.MustCompile(`\s*(?:\s[Aa][Nn][Dd]|&|/)\s*$`)
)

// TestSharedHead: a word before "and", "&" or "/" and a skill's name
// written out after it state a second skill of the same last words; not
// after a comma, not where the word is a skill of its own, and not where
// the two words name nothing.
func TestSharedHead(t *testing.T) {
	tx := Default()
	for _, tt := range []struct {
		name, text string
		want       []string // "id=span" of the coordinated word
	}{
		{"and", "Strategic and financial planning expert", []string{"strategic-planning=Strategic"}},
		{"slash", "Compensation/benefits administration", []string{"compensation-administration=Compensation"}},
		{"ampersand", "Portion & cost control", []string{"food-cost-control=Portion"}},
		{"after a comma: a list", "Quality System, and Data Analysis", []string{}},
		{"the word is a skill of its own", "Sales and project management", []string{}},
		{"no such skill", "Weekly and financial planning", []string{}},
		{"a hyphenated word is no word of the phrase", "long-term and financial planning", []string{}},
	} {
		got := []string{}
		for _, m := range tx.Extract(tt.text) {
			if coordinatedWord(tx, tt.text, m) {
				got = append(got, m.SkillID+"="+tt.text[m.Start:m.End])
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Extract(%q) coordinated mentions (-want +got):\n%s", tt.name, tt.text, diff)
		}
	}
}
