package taxonomy

import "strings"

// buildMatcher prepares extraction. (First version: a token-level longest
// match over the alias table; to be replaced by a byte automaton.)
func (t *Taxonomy) buildMatcher() {
	t.maxWords = 1
	for k := range t.byName {
		if n := len(strings.Fields(k)); n > t.maxWords {
			t.maxWords = n
		}
	}
}

// Extract returns every skill mention in text, leftmost-longest, whole words
// only, in text order.
func (t *Taxonomy) Extract(text string) []Mention {
	var out []Mention
	line := 1
	lineStart := 0
	for lineStart <= len(text) {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		out = t.extractLine(text[lineStart:end], lineStart, line, out)
		line++
		lineStart = end + 1
	}
	return out
}

type span struct{ start, end int }

func (t *Taxonomy) extractLine(s string, base, line int, out []Mention) []Mention {
	var words []span
	i := 0
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '#' || c == '.' || c == '-' || c == '/' || c >= 0x80
	}
	for i < len(s) {
		for i < len(s) && !isWord(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isWord(s[j]) {
			j++
		}
		if j > i {
			// trim trailing punctuation that ends sentences
			k := j
			for k > i && (s[k-1] == '.' || s[k-1] == '-' || s[k-1] == '/') {
				k--
			}
			if k > i {
				words = append(words, span{i, k})
			}
		}
		i = j
	}
	for w := 0; w < len(words); {
		matched := false
		for n := min(t.maxWords, len(words)-w); n >= 1; n-- {
			key := normalize(s[words[w].start:words[w+n-1].end])
			if idx, ok := t.byName[key]; ok {
				out = append(out, Mention{SkillID: t.skills[idx].ID, Start: base + words[w].start, End: base + words[w+n-1].end, Line: line})
				w += n
				matched = true
				break
			}
		}
		if !matched {
			w++
		}
	}
	return out
}
