package taxonomy

import "strings"

// cueWords on a line give technical context to an ambiguous name ("Languages:
// Go", "written in Rust"), as does another technical skill on the same line.
// They are matched by the same trie as skills (see buildMatcher), in lower
// case and with single spaces.
var cueWords = []string{
	"programming", "language", "languages", "developer", "developers", "software development", "coding",
	"scripting", "scripts", "framework", "frameworks", "library", "libraries", "tech stack", "stack",
	"backend", "back-end", "frontend", "front-end", "apis", "technologies", "technical skills",
	"software engineer", "services in", "written in",
}

// contextOK applies the context rule of the ambiguous candidate cands[i].
func (t *Taxonomy) contextOK(text string, cands []candidate, i int) bool {
	c := cands[i]
	p := t.m.patterns[c.pat]
	s := t.skills[p.skill]
	for _, v := range s.Veto {
		if vetoed(text, c.start, c.end, v) {
			return false
		}
	}
	if s.Context != "tech" {
		return true
	}
	// A model number or a company initial is not a skill: "C-2", "SH-60",
	// "H&R Block", "R&D".
	if c.end+1 < len(text) && text[c.end] == '-' && text[c.end+1] >= '0' && text[c.end+1] <= '9' {
		return false
	}
	if c.start > 0 && text[c.start-1] == '&' || c.end < len(text) && text[c.end] == '&' {
		return false
	}
	// Another technical skill on the same line, itself not vetoed.
	for k := i - 1; k >= 0 && cands[k].line == c.line; k-- {
		if t.supports(text, cands, k, p.skill) {
			return true
		}
	}
	for k := i + 1; k < len(cands) && cands[k].line == c.line; k++ {
		if t.supports(text, cands, k, p.skill) {
			return true
		}
	}
	// A list item — the name first on a short line, as in a skills list with
	// one skill per line ("Spring- Experience - 12 months") — takes its
	// context from the lines just above and below.
	if !listItem(text, c.start) {
		return false
	}
	for k := i - 1; k >= 0 && cands[k].line >= c.line-1; k-- {
		if cands[k].line < c.line && t.supports(text, cands, k, p.skill) {
			return true
		}
	}
	for k := i + 1; k < len(cands) && cands[k].line <= c.line+1; k++ {
		if cands[k].line > c.line && t.supports(text, cands, k, p.skill) {
			return true
		}
	}
	return false
}

// listItem reports whether the word at text[start] opens its line (after
// white space, bullets or numbering) and the line has at most eight words.
func listItem(text string, start int) bool {
	lo := strings.LastIndexByte(text[:start], '\n') + 1
	for _, r := range text[lo:start] {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return false
		}
	}
	hi := strings.IndexByte(text[start:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += start
	}
	return len(strings.Fields(text[lo:hi])) <= 8
}

// supports reports whether candidate k is a technical skill other than skill
// that stands on its own: not ambiguous, or ambiguous but not vetoed.
func (t *Taxonomy) supports(text string, cands []candidate, k int, skill int32) bool {
	q := t.m.patterns[cands[k].pat]
	if q.skill == cue {
		return true
	}
	if q.skill == skill || !t.tech[q.skill] {
		return false
	}
	// Office and business software next to "Ada" or "R" in a list of HR or
	// accounting tools (ADP, FMLA, ADA…) does not make them languages.
	if t.skills[skill].Category == "language" && t.skills[q.skill].Category == "software" {
		return false
	}
	if !q.ambiguous {
		return true
	}
	for _, v := range t.skills[q.skill].Veto {
		if vetoed(text, cands[k].start, cands[k].end, v) {
			return false
		}
	}
	return true
}

// vetoed reports whether the veto phrase v ("grade *", "* turnaround", "*&")
// matches around text[start:end], ignoring case. The phrase's words must
// end where the phrase ends: "* at" vetoes "excel at" but not "Excel at­tachments".
func vetoed(text string, start, end int, v string) bool {
	star := strings.IndexByte(v, '*')
	if star < 0 {
		return false
	}
	before, after := v[:star], v[star+1:]
	if before != "" {
		if start < len(before) || !strings.EqualFold(text[start-len(before):start], before) {
			return false
		}
		if k := start - len(before); k > 0 && wordByte[before[0]] && wordByte[text[k-1]] {
			return false
		}
	}
	if after != "" {
		if end+len(after) > len(text) || !strings.EqualFold(text[end:end+len(after)], after) {
			return false
		}
		if k := end + len(after); k < len(text) && wordByte[after[len(after)-1]] && wordByte[text[k]] &&
			!(after[len(after)-1] >= '0' && after[len(after)-1] <= '9') {
			return false
		}
	}
	return true
}
