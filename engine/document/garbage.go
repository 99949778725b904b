package document

import (
	"strings"
	"unicode"
)

// isGarbage reports whether text is mostly not language: replacement or
// private-use characters, controls, or Latin "words" without vowels, which
// is what fonts without a Unicode mapping decode to.
func isGarbage(text string) bool {
	var total, bad int
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case r == unicode.ReplacementChar, r >= 0xE000 && r <= 0xF8FF, unicode.IsControl(r):
			bad++
		}
	}
	if total == 0 {
		return false
	}
	if bad*10 > total*3 {
		return true
	}
	words, vowelless := 0, 0
	for w := range strings.FieldsSeq(text) {
		w = strings.TrimFunc(w, notLetter)
		if len(w) < 4 || !isASCIILetters(w) {
			continue
		}
		words++
		// w is ASCII letters, so no case folding is needed.
		if !strings.ContainsAny(w, "aeiouyAEIOUY") {
			vowelless++
		}
	}
	return words >= 20 && vowelless*2 > words
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }
