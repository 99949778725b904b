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
	return false
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
