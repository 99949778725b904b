package taxonomy

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The matcher is a byte trie over every normalised name and alias (ASCII
// folded to lower case, runs of spaces as one space), walked once from each
// word start: the longest pattern that ends on a word boundary wins and the
// scan resumes after it, which gives leftmost-longest matching ("Spring Boot"
// is not also "Spring") in one pass over the text, with no regexp.
//
// A match that starts at a run of ASCII letters and digits spells that
// whole run as the first word of its pattern ("node" of "node.js", "spring"
// of "spring boot"), so the scan does not walk the trie through words: it
// hashes each word eight bytes at a time while finding its end, and a 4 KB
// bit filter and a hash table of first words (see buildWords) turn the common
// case — a word that no pattern starts with — into one cached load, and the
// rest into the trie node after the word. The walk goes on from there only if
// some pattern continues with the next byte. Bytes other than letters and
// digits that start a pattern (".NET", non-ASCII names) walk from the root, a
// dense 256-entry table.
//
// Nodes with many children have a dense row indexed by byte class; the
// others keep their edges sorted in flat arrays, and most have one child,
// reached without looking at the arrays at all (see tnode).

// cue is the skill index of a cue-word pattern: it gives context and is
// never a mention.
const cue = -1

// pattern is what the trie matches: a skill's name or alias, a cue word or
// a verb form. The fields extraction reads for every candidate come first,
// in 24 of its 48 bytes, so that a candidate mostly costs one cache line.
type pattern struct {
	id        string // the skill's ID, or ""
	skill     int32  // index into Taxonomy.skills, or cue
	ambiguous bool   // needs the skill's context rule
	rare      bool   // short exact name or a vendor with a database: see special
	capital   bool   // the text's first letter must be upper case ("React", not "react")
	// split is a name that starts as a tokeniser splits it (". Net"): it
	// counts only after white space, never right after a word or a sign,
	// where the full stop ends a sentence ("by 8%. Net income"); see special
	split bool
	// verb is the index + 1 of the verb form this pattern also is (see
	// verbs.go), or 0
	verb  int32
	exact string // non-empty: the text must match these bytes exactly (short acronyms: "AR", "PR")
	// short is the index + 1 of the vendor short form this pattern is
	// (Taxonomy.shorts, see vendor.go), or 0
	short int32
}

type matcher struct {
	root     [256]int32 // child of the root by folded byte; 0 = none
	nodes    []tnode
	edgeByte []byte  // edges of node x: nodes[x].lo : nodes[x].lo+nodes[x].n, sorted by byte
	edgeNext []int32 // the child each edge leads to
	rows     []int32 // dense transition rows of the nodes with many edges, indexed by byte class
	class    [256]uint8
	shift    uint8 // a row holds 1<<shift classes
	patterns []pattern
	// firstVerb is the index of the first pattern that is also a verb
	// form, firstVerbOnly of the first that is only one: patterns are
	// numbered so (see buildMatcher)
	firstVerb, firstVerbOnly int32
	// verbs[pat-firstVerb] is what extraction needs of a verb form, in
	// one small array: the verb pass reads it for every form a text holds,
	// after the scan has filled the caches with the trie
	verbs []verbInfo

	kind     [256]uint8          // kindSkip, kindWord or kindOther, for scan
	wordList []firstWordEntry    // first words of patterns, an open-addressing table (see buildWords)
	wordMask uint32              // len(wordList) - 1
	words    string              // their letters (see firstWordEntry.off)
	wordBits [wordBitsLen]uint64 // bit h%(64*wordBitsLen) set: a word with hash h may be in wordList
	// anyCase has bit pat set when pattern pat matches in any case (see
	// accepts)
	anyCase []uint64
	// chain[x] is nodes[x].first and how many nodes from x on (up to 255)
	// have one child, the next node, and no pattern ending there: walk
	// reads such a chain as a string. Both are in one array, two bytes a
	// node, so that a chain costs few cache lines.
	chain []chainStep
	// pairBits is a filter of second words: bit pairBit(e, h) is set when
	// some pattern goes on from first word e with a space and then the
	// ASCII word of hash h, whole (see buildPairs)
	pairBits [pairBitsLen]uint64
}

// chainStep is a node as walk reads it along a chain (see matcher.chain).
type chainStep struct{ first, run uint8 }

// tnode is a trie node. Nodes are numbered depth-first, so a node's first
// child is the next node and a chain of single children ("…ernetes") is
// consecutive in memory: the walk mostly reads one cache line after another.
type tnode struct {
	term  int32 // pattern index + 1, or 0
	lo    int32 // its edges are edgeByte[lo:lo+n]
	n     uint8 // number of edges (patterns use far fewer than 256 distinct bytes)
	first byte  // the byte leading to the first child (node id + 1)
	dense int16 // index of the node's row in rows, or -1
}

// denseEdges is the fan-out from which a node gets a dense row: the first
// letters of a word branch widely, and a row lookup beats scanning 20 edges.
const denseEdges = 6

var fold [256]byte

// lower maps the ASCII capitals to lower case and every other byte to
// itself: fold without the white space (see foldedAt).
var lower [256]byte

// wordByte marks the bytes that continue a word: ASCII letters and digits,
// and every byte of a multi-byte UTF-8 character.
var wordByte [256]bool

func init() {
	for i := range fold {
		fold[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			fold[i] = byte(i) + 'a' - 'A'
		}
		lower[i] = fold[i]
		isAlnum[i] = i >= 'a' && i <= 'z' || i >= 'A' && i <= 'Z' || i >= '0' && i <= '9'
		wordByte[i] = isAlnum[i] || i >= 0x80
		startFree[i] = i < 0x80 && !isAlnum[i] && i != '.'
	}
	// White space folds to one space: a run of it matches the single space
	// of a pattern ("Spring\nBoot"). Lines are counted on the raw bytes.
	fold['\t'], fold['\n'], fold['\r'] = ' ', ' ', ' '
}

// buildMatcher builds the trie from the sorted keys of t.byName with no
// per-node allocation: the keys that share a prefix are a contiguous range,
// and a node's children are the distinct next bytes of its range.
func buildMatcher(t *Taxonomy, orig map[string]string) *matcher {
	keys := make([]string, 0, len(t.byName))
	for k := range t.byName {
		keys = append(keys, k)
	}
	// Cue words ride in the same trie, so technical context costs no
	// second pass; a skill of the same name wins.
	for _, w := range cueWords {
		if _, taken := t.byName[w]; !taken {
			keys = append(keys, w)
		}
	}
	// So do vendor short forms, which no name or cue word takes (see
	// vendor.go).
	for k := range t.shortKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.verbs = buildVerbs(t, keys, orig)
	// Verb forms too (see verbs.go): a form that is also a name or a cue
	// word is both. They are merged into the sorted keys.
	form := make(map[string]int32, len(t.verbs.forms))
	var extra []string
	for x, f := range t.verbs.forms {
		form[f] = int32(x + 1)
		if _, taken := t.byName[f]; !taken && !cueSet[f] && !t.isShortForm(f) {
			extra = append(extra, f)
		}
	}
	sort.Strings(extra)
	keys = mergeSorted(keys, extra)
	// Patterns are numbered so that a candidate tells its kind by its index
	// alone, with no load of its pattern: first those that are no verb form,
	// then the names and cue words that are also verb forms, then the verb
	// forms alone (see matcher.firstVerb).
	patIdx := make([]int32, len(keys))
	var next [3]int32
	for x, k := range keys {
		patIdx[x] = int32(patternKind(t, k, form))
		next[patIdx[x]]++
	}
	m := &matcher{patterns: make([]pattern, len(keys))}
	m.firstVerb, m.firstVerbOnly = next[0], next[0]+next[1]
	m.verbs = make([]verbInfo, len(keys)-int(m.firstVerb))
	next = [3]int32{0, m.firstVerb, m.firstVerbOnly}
	for x, kind := range patIdx {
		patIdx[x] = next[kind]
		next[kind]++
	}
	// A node for each distinct prefix of the keys, and an edge into it:
	// the sorted keys add their length less what they share with the key
	// before them.
	prefixes := 0
	for x, k := range keys {
		shared := 0
		if x > 0 {
			for prev := keys[x-1]; shared < len(prev) && shared < len(k) && prev[shared] == k[shared]; {
				shared++
			}
		}
		prefixes += len(k) - shared
	}
	m.nodes = make([]tnode, 2, prefixes+2) // 0 is "none", 1 the root
	m.edgeByte = make([]byte, 0, prefixes)
	m.edgeNext = make([]int32, 0, prefixes)
	var build func(n int32, lo, hi, depth int)
	build = func(n int32, lo, hi, depth int) {
		nd := tnode{dense: -1}
		if lo < hi && len(keys[lo]) == depth {
			p := pattern{skill: verbOnly}
			if i, ok := t.byName[keys[lo]]; ok {
				p = newPattern(t.skills[i], int32(i), orig[keys[lo]])
			} else if cueSet[keys[lo]] {
				p = pattern{skill: cue}
			} else if x, ok := t.shortKeys[keys[lo]]; ok {
				p = t.shortPattern(x)
			}
			p.verb = form[keys[lo]]
			if p.verb != 0 {
				m.verbs[patIdx[lo]-m.firstVerb] = t.verbs.info(p.verb - 1)
			}
			m.patterns[patIdx[lo]] = p
			nd.term = patIdx[lo] + 1
			lo++
		}
		// Reserve this node's edges, then build each child depth-first
		// (the keys of an edge are the run of those whose byte at depth
		// is the edge's).
		nd.lo = int32(len(m.edgeByte))
		for a := lo; a < hi; {
			c := keys[a][depth]
			a++
			for a < hi && keys[a][depth] == c {
				a++
			}
			m.edgeByte = append(m.edgeByte, c)
			m.edgeNext = append(m.edgeNext, 0)
		}
		nd.n = uint8(len(m.edgeByte) - int(nd.lo))
		if nd.n > 0 {
			nd.first = m.edgeByte[nd.lo]
		}
		m.nodes[n] = nd
		for e, a := nd.lo, lo; a < hi; e++ {
			b := a + 1
			for b < hi && keys[b][depth] == m.edgeByte[e] {
				b++
			}
			id := int32(len(m.nodes))
			m.nodes = append(m.nodes, tnode{})
			m.edgeNext[e] = id
			build(id, a, b, depth+1)
			a = b
		}
	}
	build(1, 0, len(keys), 0)
	// Dense rows are indexed by byte class — the few dozen bytes that occur
	// in patterns, every other byte being class 0 — so that a row is 64
	// entries rather than 256 and the rows stay in the fastest cache.
	classes := 1
	for _, b := range m.edgeByte {
		if m.class[b] == 0 {
			m.class[b] = uint8(classes)
			classes++
		}
	}
	for 1<<m.shift < classes {
		m.shift++
	}
	for n := range m.nodes {
		nd := &m.nodes[n]
		if nd.n < denseEdges {
			continue
		}
		nd.dense = int16(len(m.rows) >> m.shift)
		row := make([]int32, 1<<m.shift)
		for e := nd.lo; e < nd.lo+int32(nd.n); e++ {
			row[m.class[m.edgeByte[e]]] = m.edgeNext[e]
		}
		m.rows = append(m.rows, row...)
	}
	for k := range m.patterns {
		if p := &m.patterns[k]; p.skill != cue && p.ambiguous {
			if _, vendor := t.database[p.skill]; vendor {
				p.rare = true
			}
		}
	}
	m.chain = make([]chainStep, len(m.nodes)+1)
	for x := len(m.nodes) - 1; x >= 1; x-- {
		nd := &m.nodes[x]
		m.chain[x].first = nd.first
		if nd.n == 1 && nd.dense < 0 && nd.term == 0 {
			m.chain[x].run = uint8(min(int(m.chain[x+1].run)+1, 255))
		}
	}
	m.anyCase = make([]uint64, (len(m.patterns)+63)/64)
	for k, p := range m.patterns {
		if p.exact == "" && !p.capital {
			m.anyCase[k>>6] |= 1 << (k & 63)
		}
	}
	for c := 0; c < 256; c++ {
		m.root[c] = m.next(1, fold[c])
	}
	m.root[0] = 0
	m.buildWords()
	return m
}

// patternKind is 0 for a key that is no verb form, 1 for a name or cue word
// that is also one, 2 for a verb form alone.
func patternKind(t *Taxonomy, k string, form map[string]int32) int {
	if form[k] == 0 {
		return 0
	}
	if _, name := t.byName[k]; name || cueSet[k] || t.isShortForm(k) {
		return 1
	}
	return 2
}

// mergeSorted returns the sorted a and b merged, in sorted order.
func mergeSorted(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func newPattern(s Skill, skill int32, orig string) pattern {
	p := pattern{skill: skill, id: s.ID, ambiguous: isAmbiguous(s, orig)}
	if exactCase(s, orig) {
		p.exact = orig
	}
	if p.ambiguous && s.Context == "tech" && orig != "" && orig[0] >= 'A' && orig[0] <= 'Z' {
		p.capital = true
	}
	p.rare = p.exact != "" && len(p.exact) <= 3
	if strings.HasPrefix(orig, ". ") {
		p.split, p.rare = true, true
	}
	return p
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

// exactCase reports whether name must match in the case it is written:
// listed in the skill's CaseSensitive, or a name of at most two characters
// with a capital ("AP", "PR", "JS": in lower case they are other words).
func exactCase(s Skill, name string) bool {
	if len(name) <= 2 && strings.ToLower(name) != name {
		return true
	}
	for _, n := range s.CaseSensitive {
		if n == name {
			return true
		}
	}
	return false
}

func (m *matcher) next(n int32, c byte) int32 {
	nd := &m.nodes[n]
	if nd.dense >= 0 {
		return m.rows[int32(nd.dense)<<m.shift|int32(m.class[c])]
	}
	if nd.n > 0 && nd.first == c {
		return n + 1
	}
	for e := nd.lo + 1; e < nd.lo+int32(nd.n); e++ {
		if b := m.edgeByte[e]; b == c {
			return m.edgeNext[e]
		} else if b > c {
			break
		}
	}
	return 0
}

// candidate is a match before context rules.
//
// Offsets and lines are int32 (a text is far below 2 GB: document limits), so
// a candidate is 16 bytes and the slice for a resume fits one allocation.
type candidate struct {
	pat     int32
	start32 int32 // byte offset of the match
	end32   int32 // byte offset after it
	line32  int32 // 1-based line of start
}

func (c *candidate) start() int { return int(c.start32) }
func (c *candidate) end() int   { return int(c.end32) }
func (c *candidate) line() int  { return int(c.line32) }

// newCandidate returns the candidate for pattern pat at text[start:end].
func newCandidate(pat int32, start, end, line int) candidate {
	return candidate{pat: pat, start32: int32(start), end32: int32(end), line32: int32(line)}
}

// Extract returns every skill mention in text, in text order: whole words
// only, case-insensitive (except Skill.CaseSensitive names and one- or
// two-letter names in capitals), leftmost-longest, with ambiguous names kept
// only when their context rule passes (see Skill.Context and Skill.Veto),
// the skills stated by a verb and its object (see verbs.go and Mention),
// and names written glued to a version or to the next word ("MySQL5.0",
// "ApacheTomcat", see glued.go) or in another spelling ("PL-SQL", "Java
// Script", see spellings.go), so a job description reads them as a resume
// does. Offsets are bytes into text and lines are 1-based, for evidence.
func (t *Taxonomy) Extract(text string) []Mention {
	return t.ExtractIn(text, nil)
}

// ExtractIn is Extract for a caller that knows the layout of the text:
// listLine reports the 1-based lines that stand in a skills-like section
// (a resume's "Skills" or "Core Competencies"), where a generic word with the
// "list" context rule counts as a skill when it is a whole item of the list
// ("Budget", "Scheduling"). With a nil listLine it is Extract, which still
// recognises such lists by their shape.
func (t *Taxonomy) ExtractIn(text string, listLine func(line int) bool) []Mention {
	return t.extractAll(text, listLine, false)
}

// ExtractTechnical is Extract for a short text known to be about technical
// work, such as a job title naming the skill it is for ("Go Platform
// Engineer", "R Developer"): the text itself is the technical context that
// an ambiguous name with the "tech" context rule needs, so no other
// technical word has to stand beside it. Vetoes ("Head Chef", "R&D") and
// the other rules still apply.
func (t *Taxonomy) ExtractTechnical(text string) []Mention {
	return t.extractAll(text, nil, true)
}

// extractAll is ExtractIn; technical is ExtractTechnical's context. The
// matcher's scan also finds the tokens of the second readings.
func (t *Taxonomy) extractAll(text string, listLine func(line int) bool, technical bool) []Mention {
	sb := scanBuffers.Get().(*scanBuffer)
	defer sb.put()
	sb.toks = sb.toks[:0]
	ms := t.extractWith(sb, text, listLine, technical, &sb.toks)
	return t.respelled(text, ms, listLine, sb.toks)
}

// respelled adds to ms, the mentions the matcher found in text, the names
// written glued to another word or a version ("MySQL5.0", see glued.go) and
// in another spelling ("PL-SQL", see spellings.go); st are the text's
// secondTokens.
func (t *Taxonomy) respelled(text string, ms []Mention, listLine func(line int) bool, st []secondToken) []Mention {
	return withSpellingsTokens(text, withGluedTokens(text, ms, t, listLine, st), t, st)
}

// scanBuffer holds the candidates of one extraction, which never outlive
// it: reused through scanBuffers, they cost no allocation (and no garbage
// to collect) per text.
type scanBuffer struct {
	all, verbs []candidate
	toks       []secondToken
}

var scanBuffers = sync.Pool{New: func() any { return new(scanBuffer) }}

// maxPooled is the most candidates a pooled buffer keeps (1 MB): the
// buffer of a longer text goes to the garbage collector.
const maxPooled = 1 << 16

func (sb *scanBuffer) put() {
	if cap(sb.all) <= maxPooled && cap(sb.verbs) <= maxPooled && cap(sb.toks) <= maxPooled {
		scanBuffers.Put(sb)
	}
}

// extract is ExtractIn without the second readings (the matcher's
// mentions); technical is ExtractTechnical's context.
func (t *Taxonomy) extract(text string, listLine func(line int) bool, technical bool) []Mention {
	sb := scanBuffers.Get().(*scanBuffer)
	defer sb.put()
	return t.extractWith(sb, text, listLine, technical, nil)
}

// extractWith is extract with the buffer sb; a non-nil toks gets the
// text's secondTokens appended.
func (t *Taxonomy) extractWith(sb *scanBuffer, text string, listLine func(line int) bool, technical bool, toks *[]secondToken) []Mention {
	sb.all = t.m.scan(text, sb.all[:0], toks)
	var cands, verbs []candidate
	cands, sb.verbs = t.m.splitVerbs(sb.all, sb.verbs[:0])
	verbs = sb.verbs
	if len(cands) == 0 && len(verbs) == 0 {
		return nil
	}
	// Skills stated by a verb and its object (see verbs.go), in text order,
	// go in among the others as the loop passes their starts.
	var vm []Mention
	if len(verbs) > 0 {
		vm = t.verbMentions(text, verbs, nil)
	}
	next := 0 // vm[next] is the first not yet in out
	out := make([]Mention, 0, len(cands)+len(vm))
	var defined []string // acronyms defined as something else (see below)
	vendor := false      // a vendor name with a database was found (see below)
	for i := range cands {
		c := &cands[i]
		p := &t.m.patterns[c.pat]
		if p.skill == cue || p.ambiguous && !t.contextOK(text, cands, i, listLine, technical) {
			continue
		}
		id := p.id
		if p.rare || c.start() > 0 && text[c.start()-1] == '(' {
			var ok bool
			if id, ok = t.special(text, cands, i, &defined); !ok {
				continue
			}
			if _, ok := t.database[p.skill]; ok && id == p.id {
				vendor = true
			}
		}
		// "Strategic and financial planning": the word before "and", "&"
		// or "/" with the mention's last words may name another skill
		if conjunctionBefore(text, c.start()) {
			if m, ok := t.sharedHead(text, cands, i); ok {
				for next < len(vm) && vm[next].Start < m.Start {
					out = append(out, vm[next])
					next++
				}
				out = append(out, m)
			}
		}
		for next < len(vm) && vm[next].Start < c.start() {
			out = append(out, vm[next])
			next++
		}
		out = append(out, Mention{SkillID: id, Start: c.start(), End: c.end(), Line: c.line()})
		// "Financial analysis & reporting": the shared first words with the
		// word after "&", "and" or "/" may name a second skill
		if e := c.end(); e+2 < len(text) && (text[e] == '/' || text[e] == '&' ||
			text[e] == ' ' && (text[e+1] == '&' || text[e+1]|0x20 == 'a' && text[e+2]|0x20 == 'n')) {
			if m, ok := t.distributed(text, cands, i); ok {
				for next < len(vm) && vm[next].Start < m.Start {
					out = append(out, vm[next])
					next++
				}
				out = append(out, m)
			}
		}
	}
	out = append(out, vm[next:]...)
	// ... and it keeps that meaning through the whole text ("the CRM test")
	if len(defined) > 0 {
		out = slices.DeleteFunc(out, func(m Mention) bool { return slices.Contains(defined, text[m.Start:m.End]) })
	}
	if vendor {
		t.vendorAsDatabase(out)
	}
	return out
}

// vendorAsDatabase rewrites, in place, the mentions of a vendor name with a
// database ("Oracle") to that database when the text also names the database
// itself ("Oracle 11g", "Oracle Database"): in such a text the bare vendor
// name means the database ("ORACLE - Experience - 30 months" beside "Oracle
// 11g, PL/SQL").
func (t *Taxonomy) vendorAsDatabase(out []Mention) {
	for v, db := range t.database {
		vid, dbid := t.skills[v].ID, t.skills[db].ID
		if !slices.ContainsFunc(out, func(m Mention) bool { return m.SkillID == dbid }) {
			continue
		}
		for k := range out {
			if out[k].SkillID == vid {
				out[k].SkillID = dbid
			}
		}
	}
}

// distributed returns the second skill of a coordinated phrase whose first
// words are shared: after the mention cands[i] of two or more words come
// "&", "and" or "/" and one word W that starts no candidate of its own and
// ends its list item, and the mention's words but the last, followed by W,
// name a skill with no context rule and no product name ("Financial analysis & reporting" → financial reporting,
// "accounts payable and receivable" → accounts receivable). The mention
// returned spans W.
func (t *Taxonomy) distributed(text string, cands []candidate, i int) (Mention, bool) {
	c := cands[i]
	k := c.end()
	for k < len(text) && text[k] == ' ' {
		k++
	}
	switch {
	case k < len(text) && (text[k] == '&' || text[k] == '/'):
		k++
	case k+3 < len(text) && foldedAt(text, k, "and") && text[k+3] == ' ':
		k += 3
	default:
		return Mention{}, false
	}
	for k < len(text) && text[k] == ' ' {
		k++
	}
	w := k
	for k < len(text) && (text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z') {
		k++
	}
	if k-w < 3 || k < len(text) && wordByte[text[k]] || i+1 < len(cands) && cands[i+1].start() == w {
		return Mention{}, false
	}
	// W ends its item: the line, or a separator, follows ("data analysis
	// and modeling skills" is no list of two skills)
	e := k
	for e < len(text) && text[e] == ' ' {
		e++
	}
	if e < len(text) && strings.IndexByte("\n\r,;.|*)\t", text[e]) < 0 && !strings.HasPrefix(text[e:], "•") {
		return Mention{}, false
	}
	last := strings.LastIndexByte(text[c.start():c.end()], ' ')
	if last <= 0 {
		return Mention{}, false
	}
	j, ok := t.byName[normalize(text[c.start():c.start()+last]+" "+text[w:k])]
	// a product named by generic words ("Digital Analytics") needs its name
	if !ok || int32(j) == t.m.patterns[c.pat].skill || t.skills[j].Context != "" || t.skills[j].Category == "software" {
		return Mention{}, false
	}
	return Mention{SkillID: t.skills[j].ID, Start: w, End: k, Line: c.line()}, true
}

// special applies the rules for the rarer candidates — case-sensitive and
// ambiguous names, acronyms in brackets — to cands[i], which passed its
// context rule. It returns the skill id to report, or false to drop the
// mention; an acronym found defined as something else is added to defined.
func (t *Taxonomy) special(text string, cands []candidate, i int, defined *[]string) (string, bool) {
	c := cands[i]
	p := &t.m.patterns[c.pat]
	if p.split && c.start() > 0 && fold[text[c.start()-1]] != ' ' {
		return "", false
	}
	if p.short != 0 {
		return t.skills[t.shortFormAt(text, cands, i)].ID, true // contextOK found it
	}
	// "Lee ML, Smith JK (2019)": initials in a reference, not a skill
	if p.exact != "" && len(p.exact) <= 3 && citationInitials(text, c.start(), c.end()) {
		return "", false
	}
	// "contact resistance meter (CRM)": the acronym is defined as something
	// else here
	if c.start() > 0 && text[c.start()-1] == '(' && t.definedOtherwise(text, cands, i) {
		*defined = append(*defined, text[c.start():c.end()])
		return "", false
	}
	if p.ambiguous {
		if db, ok := t.database[p.skill]; ok && t.inDatabaseContext(text, cands, i) {
			return t.skills[db].ID, true // "Databases: Oracle, MySQL" is Oracle Database
		}
	}
	return p.id, true
}

// scan is the one pass over the text, the hot loop of extraction (see the
// comment at the top of this file). It appends the candidates to out, in
// text order, verb forms among them (see splitVerbs), and returns it; out
// is a reused buffer, grown first when it may be too small. Lines are
// counted as the loop passes their ends, and inside a match that spans
// lines.
//
// A non-nil toks gets the text's secondTokens appended, in text order: the
// scan passes every word's start but those inside a match, and classifies
// the few words a second reading may read (mayRead) and those inside a
// match of more than one word.
func (m *matcher) scan(text string, out []candidate, toks *[]secondToken) []candidate {
	if need := len(text)/16 + 4; cap(out) < need {
		out = make([]candidate, 0, need)
	}
	line := 1
	n := len(text)
	for i := 0; i < n; {
		k := m.kind[text[i]]
		if k == kindSkip {
			i++
			continue
		}
		if k == kindLine {
			line++
			i++
			continue
		}
		var node int32
		j := i + 1
		if k == kindWord {
			var h uint32
			var first uint64
			var inner uint64
			j, h, first, inner = wordEndInner(text, i)
			if toks != nil {
				// most words need no wordToken: at most sixteen bytes, no
				// digit (bit 6 clear in a word) nor capital (bit 6 set, bit
				// 5 clear) after the first byte, and after the word no
				// separator and a letter or digit, nor a space and a
				// capital or digit when the word starts with one (a pair,
				// see pairStart). One branch, on the or of the two tests.
				// (wordEndInner tells the first, or returns highs: unknown)
				plain := false
				if i+16 <= n && j+1 < n {
					plain = inner|uint64(afterWord[text[j]]&beforeNext[text[j+1]]&wordFirst[text[i]]) == 0
				} else {
					inner = highs
				}
				if !plain {
					var f uint8
					if inner == 0 {
						// only what follows makes the word a token: it is
						// read by withSpellings alone, and has no lower-case
						// letter only as one capital (wordToken, written out)
						if spelledAfter(text, i, j) {
							f = tokSpelled
							if j-i == 1 && isUpper(text[i]) {
								f |= tokCaps
							}
						}
					} else {
						f = wordToken(text, i, j)
					}
					if f != 0 {
						*toks = append(*toks, secondToken{start: int32(i), end: int32(j), line: int32(line), hash: h, flags: f})
					}
				}
			}
			if m.wordBits[h>>6&(wordBitsLen-1)]&(1<<(h&63)) == 0 {
				i = j // the common case: no pattern starts with this word
				continue
			}
			if i > 0 && !startFree[text[i-1]] && !startOK(text, i) {
				i = j
				continue
			}
			w := m.firstWord(text[i:j], h, first)
			if w == nil {
				i = j
				continue
			}
			stop := j == n || w.next&(1<<min(m.class[fold[text[j]]], 63)) == 0
			if !stop && fold[text[j]] == ' ' {
				// A pattern goes on with a space: the walk is needed only
				// if the next word may be its second word.
				k := j + 1
				for k < n && fold[text[k]] == ' ' {
					k++
				}
				if k < n && isAlnum[text[k]] {
					_, h2, _ := wordEnd(text, k)
					stop = m.pairBits[pairBit(w.node, h2)>>6]&(1<<(pairBit(w.node, h2)&63)) == 0
				}
			}
			if stop {
				// No pattern goes on with what follows: the word is a
				// whole pattern or nothing, and needs no walk.
				if w.term != 0 && endsWord(text, j) && m.accepts(w.term-1, text[i:j]) {
					out = append(out, newCandidate(w.term-1, i, j, line))
				}
				i = j
				continue
			}
			node = w.node
		} else if startOK(text, i) {
			node = m.root[text[i]]
		}
		if node == 0 {
			i = j
			continue
		}
		best, end := m.walk(text, i, j, node)
		if best == 0 {
			if k == kindWord {
				i = j // no pattern starts inside an ASCII word
			} else {
				i++
			}
			continue
		}
		out = append(out, newCandidate(best-1, i, end, line))
		if toks != nil && end > j {
			classifyTokens(text, j, end-1, line, toks) // the words inside the match
		}
		if end-i > j-i { // the match goes on across white space, maybe lines
			line += strings.Count(text[j:end], "\n")
		}
		i = end
	}
	return out
}

// splitVerbs moves the verb forms out of the scan's candidates, in place,
// and appends them to verbs (see verbs.go): it returns the candidates left
// and verbs. A name that is also a verb form stays among the candidates and
// is in verbs too. It tells them by index (see matcher.firstVerb), so that
// the pass reads no pattern.
func (m *matcher) splitVerbs(all, verbs []candidate) ([]candidate, []candidate) {
	k := 0
	for _, c := range all {
		if c.pat >= m.firstVerb {
			verbs = append(verbs, c)
			if c.pat >= m.firstVerbOnly {
				continue
			}
		}
		all[k] = c
		k++
	}
	return all[:k], verbs
}

// startFree marks the bytes after which a match may start without looking
// further back: ASCII other than letters, digits and '.'.
var startFree [256]bool

// startOK reports whether a match may start at text[i]: at the start, or
// after a byte that does not continue a word (see startsWord).
func startOK(text string, i int) bool {
	if i == 0 {
		return true
	}
	if p := text[i-1]; p >= 0x80 || p == '.' {
		return startsWord(text, i)
	}
	return !isAlnum[text[i-1]]
}

// walk follows the trie from node, reached by reading text[i:j], and
// returns the longest pattern (index + 1, or 0) that ends on a word boundary,
// and where it ends.
func (m *matcher) walk(text string, i, j int, node int32) (best int32, end int) {
	n := len(text)
	for {
		// Along a chain of single children where no pattern ends, the
		// text need only spell the chain's bytes.
		for r := m.chain[node].run; r > 0 && j < n; r-- {
			b := fold[text[j]]
			if b != m.chain[node].first {
				return best, end
			}
			j++
			if b == ' ' {
				for j < n && fold[text[j]] == ' ' {
					j++
				}
			}
			node++
		}
		nd := &m.nodes[node]
		if nd.term != 0 && endsWord(text, j) && m.accepts(nd.term-1, text[i:j]) {
			best, end = nd.term, j
		}
		if j >= n || nd.n == 0 {
			return best, end
		}
		b := fold[text[j]]
		k := j + 1
		if b == ' ' {
			// Runs of white space match one space in a pattern, so a
			// name wrapped onto the next line ("Bayesian\nstatistics")
			// still matches; its mention keeps the line it starts on.
			for k < n && fold[text[k]] == ' ' {
				k++
			}
		}
		switch {
		case nd.dense >= 0:
			node = m.rows[int32(nd.dense)<<m.shift|int32(m.class[b])]
		case nd.first == b:
			node++
		default:
			next := int32(0)
			for e, hi := nd.lo+1, nd.lo+int32(nd.n); e < hi; e++ {
				if m.edgeByte[e] == b {
					next = m.edgeNext[e]
					break
				}
			}
			node = next
		}
		if node == 0 {
			return best, end
		}
		j = k
	}
}

// The byte kinds of the scan loop.
const (
	kindSkip  = iota // starts no pattern and is no ASCII letter or digit
	kindWord         // an ASCII letter or digit
	kindOther        // another byte some pattern starts with
	kindLine         // '\n', which starts no pattern (it folds to a space)
)

// The scan's test that what follows a word makes no second reading read it
// (see spelledAfter): afterWord[c]&beforeNext[d]&wordFirst[w] is 0 for the
// byte c after the word, d after that and w the word's first byte unless c
// is a separator and d a letter or digit (afterSep), or c a space, d a
// capital or a digit and so is w (afterPair).
const (
	afterSep uint8 = 1 << iota
	afterPair
)

var afterWord, beforeNext, wordFirst [256]uint8

func init() {
	afterWord['-'], afterWord['/'], afterWord['.'] = afterSep, afterSep, afterSep
	afterWord[' '] = afterPair
	for c := 0; c < 256; c++ { // charClass, which another file's init fills
		switch {
		case c >= 'a' && c <= 'z':
			beforeNext[c], wordFirst[c] = afterSep, afterSep
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			beforeNext[c], wordFirst[c] = afterSep|afterPair, afterSep|afterPair
		}
	}
}

// isAlnum marks the ASCII letters and digits: the bytes whose runs are the
// words of m.words. For them, c|0x20 is c folded to lower case.
var isAlnum [256]bool

// Words are hashed eight bytes at a time, each chunk folded to lower case
// (c|0x20 for letters and digits) and little-endian, the last one padded
// with zeros: (h ^ chunk) * hashPrime, then the high half.
const (
	hashSeed  uint64 = 0xcbf29ce484222325
	hashPrime uint64 = 0x9e3779b97f4a7c15
	lowers    uint64 = 0x2020202020202020
	ones      uint64 = 0x0101010101010101
	highs     uint64 = 0x8080808080808080
)

// wordHash is the hash of the ASCII word w (see wordEnd).
func wordHash[T string | []byte](w T) uint32 {
	h := hashSeed
	for len(w) > 0 {
		var chunk uint64
		for k := 0; k < 8 && k < len(w); k++ {
			chunk |= uint64(w[k]|0x20) << (8 * k)
		}
		h = (h ^ chunk) * hashPrime
		w = w[min(8, len(w)):]
	}
	return uint32(h >> 32)
}

// wordEnd returns the end of the run of ASCII letters and digits that
// starts at text[i], its wordHash and its first chunk (see
// firstWordEntry.first). It reads eight bytes at a time and finds the first
// byte that is no letter or digit with bit arithmetic, so that a word costs
// one or two rounds rather than a branch per byte; the first round, which
// ends most words, is written apart.
func wordEnd(text string, i int) (end int, hash uint32, first uint64) {
	end, hash, first, _ = wordEndInner(text, i)
	return end, hash, first
}

// wordEndInner is wordEnd that also returns, for a word of at most sixteen
// bytes, the scan's test of its letters: bit 6 of each byte of the word
// (the first byte's only for a digit) set where a digit or a capital stands,
// 0 for a word of lower-case letters after its first; it returns highs when
// it does not tell (a longer word, or one in the last bytes of the text).
func wordEndInner(text string, i int) (end int, hash uint32, first, inner uint64) {
	if i+8 > len(text) {
		end, hash, first = wordEndTail(text, i, hashSeed, 0)
		return end, hash, first, highs
	}
	x := load64(text, i)
	y, alnum := alnumChunk(x)
	inner = (^x | x&^(x<<1)&^0x40) & (0x40 * ones)
	if alnum != highs {
		l := bits.TrailingZeros64(^alnum&highs) >> 3
		if l == 0 {
			return i, uint32(hashSeed >> 32), 0, 0
		}
		first = y & byteMasks[l]
		return i + l, uint32((hashSeed ^ first) * hashPrime >> 32), first, inner & byteMasks[l]
	}
	h := (hashSeed ^ y) * hashPrime
	for j := i + 8; j+8 <= len(text); j += 8 {
		x := load64(text, j)
		z, alnum := alnumChunk(x)
		if alnum == highs {
			h = (h ^ z) * hashPrime
			inner = highs // sixteen bytes or more: not told
			continue
		}
		if l := bits.TrailingZeros64(^alnum&highs) >> 3; l > 0 {
			h = (h ^ z&byteMasks[l]) * hashPrime
			return j + l, uint32(h >> 32), y, inner | (^x|x&^(x<<1))&byteMasks[l]&(0x40*ones)
		}
		return j, uint32(h >> 32), y, inner
	}
	end, hash, first = wordEndTail(text, i+8*((len(text)-i)/8), h, y)
	return end, hash, first, highs
}

// wordEndTail is wordEnd for the last bytes of the text, fewer than eight,
// from j, with the hash h and first chunk first of the bytes before (first
// is 0 when there are none).
func wordEndTail(text string, j int, h, first uint64) (int, uint32, uint64) {
	k := j
	for k < len(text) && isAlnum[text[k]] {
		k++
	}
	if k > j {
		var chunk uint64
		for m := j; m < k; m++ {
			chunk |= uint64(text[m]|0x20) << (8 * (m - j))
		}
		if first == 0 {
			first = chunk
		}
		h = (h ^ chunk) * hashPrime
	}
	return k, uint32(h >> 32), first
}

// alnumChunk returns the eight bytes x with letters folded to lower case
// (c|0x20), and a mask with the high bit of each byte set where x holds an
// ASCII letter or digit.
func alnumChunk(x uint64) (y, alnum uint64) {
	y = x | lowers
	l7, x7 := y&^highs, x&^highs
	letter := (l7 + (0x80-'a')*ones) &^ (l7 + (0x80-'z'-1)*ones)
	digit := (x7 + (0x80-'0')*ones) &^ (x7 + (0x80-'9'-1)*ones)
	return y, (letter | digit) &^ x & highs
}

// byteMasks[l] keeps the low l bytes of a chunk.
var byteMasks = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, ^uint64(0)}

// load64 reads text[j:j+8] as a little-endian number (one load).
func load64(s string, j int) uint64 {
	s = s[j : j+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// wordBitsLen is the size of m.wordBits, a filter of 32,768 bits (4 KB,
// which stays in the first-level cache) in front of the table of first
// words: most words of a text start no pattern and stop there.
const wordBitsLen = 512

// firstWordEntry is a key of m.words: a run of letters and digits that is
// the whole first word of some pattern, and the trie node it leads to.
//
// An entry is 32 bytes, two to a cache line, and the table holds the entries
// themselves with a word's first eight letters, so that a word of up to
// eight letters is found mostly with one load (n is 0 in an empty slot).
type firstWordEntry struct {
	node  int32  // the trie node after the word
	term  int32  // that node's term
	off   uint32 // the word, in lower case, is words[off:off+n]
	n     uint32
	first uint64 // the word's first eight bytes, little-endian, zero-padded
	next  uint64 // bit c (c < 63; 63 for the rest): some pattern goes on with a byte of class c
}

// buildWords fills m.kind and m.words: every path from the root through
// letters and digits that ends where a pattern ends or goes on with
// another byte ("node" of "node.js", "c" of "c++", "spring" of "spring boot").
func (m *matcher) buildWords() {
	var letters []byte
	var entries []firstWordEntry
	var hashes []uint32 // of entries
	var walk func(node int32, word []byte)
	walk = func(node int32, word []byte) {
		nd := m.nodes[node]
		var next uint64
		for e := nd.lo; e < nd.lo+int32(nd.n); e++ {
			if c := m.edgeByte[e]; isAlnum[c] {
				walk(m.edgeNext[e], append(word, c))
			} else {
				next |= 1 << min(m.class[c], 63)
			}
		}
		if (next != 0 || nd.term != 0) && len(word) > 0 {
			var first uint64
			for k := 0; k < 8 && k < len(word); k++ {
				first |= uint64(word[k]) << (8 * k)
			}
			entries = append(entries, firstWordEntry{node: node, term: nd.term,
				off: uint32(len(letters)), n: uint32(len(word)), first: first, next: next})
			hashes = append(hashes, wordHash(word))
			letters = append(letters, word...)
		}
	}
	walk(1, make([]byte, 0, 256)) // words share the array as the walk goes down
	m.words = string(letters)
	// The table is at most three-eighths full, so that a word is found in
	// its slot or the next, mostly in one cache line.
	size := 1
	for size*3 < 8*len(entries) {
		size <<= 1
	}
	m.wordList = make([]firstWordEntry, size)
	m.wordMask = uint32(size - 1)
	for x, h := range hashes {
		m.wordBits[h>>6&(wordBitsLen-1)] |= 1 << (h & 63)
		s := h >> 16 & m.wordMask
		for m.wordList[s].n != 0 {
			s = (s + 1) & m.wordMask
		}
		m.wordList[s] = entries[x]
	}
	m.buildPairs()
	for c := 0; c < 256; c++ {
		switch {
		case isAlnum[c]:
			m.kind[c] = kindWord
		case m.root[c] != 0:
			m.kind[c] = kindOther
		}
	}
	m.kind['\n'] = kindLine
}

// pairBitsLen is the size of m.pairBits: 65,536 bits (8 KB) for the few
// thousand pairs of first and second words.
const pairBitsLen = 1024

// pairBit is the bit of m.pairBits for the first word whose trie node is
// node followed by the ASCII word of hash h.
func pairBit(node int32, h uint32) uint32 {
	x := h ^ uint32(node)*0x9e3779b1
	return (x ^ x>>15) & (64*pairBitsLen - 1)
}

// buildPairs fills m.pairBits: for each first word whose node goes on with a
// space, every run of letters and digits after the space that ends where a
// pattern ends or goes on with another byte ("boot" of "spring boot",
// "visual" of "microsoft visual c++"). A second word of the text that is
// none of them cannot extend a match of the first word: the scan need not
// walk (see scan).
func (m *matcher) buildPairs() {
	var walk func(first, node int32, word []byte)
	walk = func(first, node int32, word []byte) {
		nd := m.nodes[node]
		end := nd.term != 0
		for e := nd.lo; e < nd.lo+int32(nd.n); e++ {
			if c := m.edgeByte[e]; isAlnum[c] {
				walk(first, m.edgeNext[e], append(word, c))
			} else {
				end = true
			}
		}
		if end && len(word) > 0 {
			b := pairBit(first, wordHash(word))
			m.pairBits[b>>6] |= 1 << (b & 63)
		}
	}
	word := make([]byte, 0, 256) // shared by the walks, as they go down
	for _, e := range m.wordList {
		if e.n == 0 {
			continue // an empty slot
		}
		if sp := m.next(e.node, ' '); sp != 0 {
			walk(e.node, sp, word[:0])
		}
	}
}

// firstWord returns the entry of the ASCII word w, with hash h and first
// chunk first (see wordEnd), if w is the first word of a pattern, or nil.
// The scan asks it only for the words that pass m.wordBits.
func (m *matcher) firstWord(w string, h uint32, first uint64) *firstWordEntry {
	for s := h >> 16 & m.wordMask; ; s = (s + 1) & m.wordMask {
		e := &m.wordList[s]
		if e.first == first && int(e.n) == len(w) && (len(w) <= 8 || foldedAt(w, 8, m.words[e.off+8:e.off+e.n])) {
			return e
		}
		if e.n == 0 {
			return nil
		}
	}
}

// foldedAt reports whether s[i:] starts with lw, ignoring the ASCII case of
// s; lw must be in lower case (other bytes must be equal). It is the one
// case-insensitive comparison of the package — first words of patterns, veto
// phrases, list separators, citation marks, acronym words — and false when i
// is out of range or s is too short.
func foldedAt(s string, i int, lw string) bool {
	if i < 0 || len(s)-i < len(lw) {
		return false
	}
	s = s[i : i+len(lw)]
	for k := 0; k < len(s); k++ {
		if lower[s[k]] != lw[k] {
			return false
		}
	}
	return true
}

// startsWord reports whether a match may start at text[i], i > 0: not inside
// a word, and not after "word." ("js" in "Node.js", "com" in "github.com").
func startsWord(text string, i int) bool {
	p := text[i-1]
	if p < 0x80 {
		if wordByte[p] {
			return false
		}
		return p != '.' || i < 2 || !wordBefore(text, i-1) || gluedSentence(text, i-1)
	}
	return !wordBefore(text, i)
}

// gluedSentence reports whether the full stop at text[dot] ends a sentence
// glued to the next ("market analysis.Defined strategies", as some PDF
// producers and form-built resumes write them): a lower-case letter before
// it, a capital and a lower-case letter after ("e.g.Python" too). ".NET",
// "Node.js" and "ASP.Net" do not have that shape.
func gluedSentence(text string, dot int) bool {
	return dot >= 1 && dot+2 < len(text) && text[dot-1] >= 'a' && text[dot-1] <= 'z' &&
		text[dot+1] >= 'A' && text[dot+1] <= 'Z' && text[dot+2] >= 'a' && text[dot+2] <= 'z'
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
		return !wordAt(text, j+1) || gluedSentence(text, j)
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

// accepts reports whether pattern pat matches the text s it spells,
// ignoring case: it does unless it must match exactly or start with a
// capital. Most patterns accept any case, which m.anyCase tells without
// loading the pattern.
func (m *matcher) accepts(pat int32, s string) bool {
	return m.anyCase[pat>>6]&(1<<(pat&63)) != 0 || m.patterns[pat].accepts(s)
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
