package taxonomy

import "strings"

// The matcher is a byte trie over every normalised name and alias (ASCII
// folded to lower case, runs of spaces as one space), walked once from each
// word start: the longest pattern that ends on a word boundary wins and the
// scan resumes after it, which gives leftmost-longest matching ("Spring Boot"
// is not also "Spring") in one pass over the text, with no regexp.
//
// The root is a dense 256-entry table, so the common case — a word that no
// pattern starts with — costs one load. Deeper nodes keep their edges sorted
// in flat arrays (most have one or two).

type pattern struct {
	skill     int32  // index into Taxonomy.skills
	exact     string // non-empty: the text must match these bytes exactly (short acronyms: "AR", "PR")
	capital   bool   // the text's first letter must be upper case ("React", not "react")
	ambiguous bool   // needs the skill's context rule
}

type matcher struct {
	root      [256]int32 // child of the root by folded byte; 0 = none
	edgeStart []int32    // per node: first edge; edges of node n are edgeStart[n]:edgeStart[n+1]
	edgeByte  []byte
	edgeNext  []int32
	term      []int32 // per node: pattern index + 1, or 0
	patterns  []pattern
}

var fold [256]byte

// wordByte marks the bytes that continue a word: ASCII letters and digits,
// and every byte of a multi-byte UTF-8 character.
var wordByte [256]bool

func init() {
	for i := range fold {
		fold[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			fold[i] = byte(i) + 'a' - 'A'
		}
		wordByte[i] = i >= 'a' && i <= 'z' || i >= 'A' && i <= 'Z' || i >= '0' && i <= '9' || i >= 0x80
	}
	fold['\t'] = ' '
}

// trieNode is the build-time form of a node.
type trieNode struct {
	bytes []byte
	next  []int32
	term  int32
}

func buildMatcher(t *Taxonomy) *matcher {
	m := &matcher{}
	nodes := []trieNode{{}, {}} // 0 is "none", 1 is the root
	child := func(n int32, c byte) int32 {
		for i, b := range nodes[n].bytes {
			if b == c {
				return nodes[n].next[i]
			}
		}
		nodes = append(nodes, trieNode{})
		id := int32(len(nodes) - 1)
		nodes[n].bytes = append(nodes[n].bytes, c)
		nodes[n].next = append(nodes[n].next, id)
		return id
	}
	for key, i := range t.byName {
		s := t.skills[i]
		orig := originalName(s, key)
		p := pattern{skill: int32(i), ambiguous: isAmbiguous(s, orig)}
		if isShortAcronym(orig) {
			p.exact = orig
		}
		if p.ambiguous && orig != "" && orig[0] >= 'A' && orig[0] <= 'Z' {
			p.capital = true
		}
		n := int32(1)
		for j := 0; j < len(key); j++ {
			n = child(n, key[j])
		}
		m.patterns = append(m.patterns, p)
		nodes[n].term = int32(len(m.patterns))
	}
	// Flatten: node ids stay, edges go to flat arrays sorted by byte.
	m.edgeStart = make([]int32, len(nodes)+1)
	m.term = make([]int32, len(nodes))
	for n := range nodes {
		m.edgeStart[n] = int32(len(m.edgeByte))
		m.term[n] = nodes[n].term
		bs, nx := nodes[n].bytes, nodes[n].next
		order := make([]int, len(bs))
		for i := range order {
			order[i] = i
		}
		for i := 1; i < len(order); i++ { // insertion sort: edge lists are tiny
			for j := i; j > 0 && bs[order[j]] < bs[order[j-1]]; j-- {
				order[j], order[j-1] = order[j-1], order[j]
			}
		}
		for _, o := range order {
			m.edgeByte = append(m.edgeByte, bs[o])
			m.edgeNext = append(m.edgeNext, nx[o])
		}
	}
	m.edgeStart[len(nodes)] = int32(len(m.edgeByte))
	for c := 0; c < 256; c++ {
		m.root[c] = m.next(1, fold[c])
	}
	m.root[0] = 0
	return m
}

// originalName returns the skill's name or alias whose normalised form is key.
func originalName(s Skill, key string) string {
	for _, n := range append([]string{s.Name}, s.Aliases...) {
		if normalize(n) == key {
			return n
		}
	}
	return ""
}

func isAmbiguous(s Skill, name string) bool {
	if s.Context == "" {
		return false
	}
	if len(s.Ambiguous) == 0 {
		return true
	}
	for _, a := range s.Ambiguous {
		if normalize(a) == normalize(name) {
			return true
		}
	}
	return false
}

// isShortAcronym reports names of at most three characters with an upper-case
// letter ("AR", "PR", "GL", "C", "R"): in lower case they are other words.
func isShortAcronym(name string) bool {
	return len(name) <= 3 && strings.ToLower(name) != name
}

func (m *matcher) next(n int32, c byte) int32 {
	lo, hi := m.edgeStart[n], m.edgeStart[n+1]
	for i := lo; i < hi; i++ {
		if b := m.edgeByte[i]; b == c {
			return m.edgeNext[i]
		} else if b > c {
			break
		}
	}
	return 0
}

// candidate is a match before context rules.
type candidate struct {
	pat        int32
	start, end int
	line       int
}

// Extract returns every skill mention in text, in text order: whole words
// only, case-insensitive, leftmost-longest, with ambiguous names kept only
// when their context rule passes (see Skill.Context and Skill.Veto). Offsets
// are bytes into text and lines are 1-based, for evidence.
func (t *Taxonomy) Extract(text string) []Mention {
	cands := t.m.scan(text)
	if len(cands) == 0 {
		return nil
	}
	out := make([]Mention, 0, len(cands))
	for i, c := range cands {
		p := t.m.patterns[c.pat]
		if p.ambiguous && !t.contextOK(text, cands, i) {
			continue
		}
		out = append(out, Mention{SkillID: t.skills[p.skill].ID, Start: c.start, End: c.end, Line: c.line})
	}
	return out
}

// scan is the one pass over the text.
func (m *matcher) scan(text string) []candidate {
	var out []candidate
	line := 1
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		if c == '\n' {
			line++
			i++
			continue
		}
		node := m.root[c]
		if node == 0 || i > 0 && (wordBefore(text, i) || text[i-1] == '.' && i > 1 && wordBefore(text, i-1)) {
			i++
			continue
		}
		best, bestEnd := int32(0), 0
		j := i + 1
		for {
			if tm := m.term[node]; tm != 0 && endsWord(text, j) && m.patterns[tm-1].accepts(text[i:j]) {
				best, bestEnd = tm, j
			}
			if j >= n {
				break
			}
			b := fold[text[j]]
			if b == ' ' || b == '\n' || b == '\r' {
				// Runs of white space match one space in a pattern, so a
				// name wrapped onto the next line ("Bayesian\nstatistics")
				// still matches; its mention keeps the line it starts on.
				k := j + 1
				for k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
					k++
				}
				if node = m.next(node, ' '); node == 0 {
					break
				}
				j = k
				continue
			}
			if node = m.next(node, b); node == 0 {
				break
			}
			j++
		}
		if best == 0 {
			i++
			continue
		}
		out = append(out, candidate{pat: best - 1, start: i, end: bestEnd, line: line})
		line += strings.Count(text[i:bestEnd], "\n")
		i = bestEnd
	}
	return out
}

// endsWord reports whether a match may end before text[j]: at the end, or
// before a byte that does not continue the word. "C" does not end before "++"
// or "#", and "node" does not end inside "node.js".
func endsWord(text string, j int) bool {
	if j >= len(text) || j == 0 {
		return true
	}
	c := text[j]
	if wordAt(text, j) {
		// Inside a word ("Java" in "JavaScript"), or a pattern ending in
		// punctuation ("C++", ".NET") right before a letter.
		return false
	}
	switch c {
	case '+', '#':
		return false
	case '.':
		return !wordAt(text, j+1)
	}
	return true
}

// wordAt reports whether text[j] continues a word: an ASCII letter or digit,
// or a non-ASCII character other than common punctuation (dashes, quotes,
// bullets, the middle dot, a no-break space).
func wordAt(text string, j int) bool {
	if j >= len(text) {
		return false
	}
	c := text[j]
	if c < 0x80 {
		return wordByte[c]
	}
	return !unicodePunct(text, j)
}

// wordBefore reports whether the character that ends just before text[i]
// continues a word.
func wordBefore(text string, i int) bool {
	c := text[i-1]
	if c < 0x80 {
		return wordByte[c]
	}
	k := i - 1
	for k > 0 && k > i-4 && text[k]&0xC0 == 0x80 {
		k--
	}
	return !unicodePunct(text, k)
}

// unicodePunct reports whether the UTF-8 character at text[j] is in the
// General Punctuation block (U+2000–U+206F: dashes, quotes, bullets) or is a
// no-break space or middle dot, all of which separate words in resumes.
func unicodePunct(text string, j int) bool {
	c := text[j]
	if c == 0xE2 && j+1 < len(text) && text[j+1]&0xFC == 0x80 {
		return true
	}
	return c == 0xC2 && j+1 < len(text) && (text[j+1] == 0xA0 || text[j+1] == 0xB7)
}

func (p pattern) accepts(s string) bool {
	if p.exact != "" {
		return s == p.exact
	}
	if p.capital {
		return s[0] >= 'A' && s[0] <= 'Z'
	}
	return true
}
