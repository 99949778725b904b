package taxonomy

import (
	"slices"
	"sort"
	"strings"
)

// Other spellings: a name written with a separator between its letters
// ("PL/SQL", "HP-UX", "AS/400", "Hyper-V") or glued from two words
// ("MySQL", "JavaScript") is also written with another separator, a space
// or none ("PL-SQL", "PLSQL", "HP/UX", "AS 400", "MY-SQL", "Java Script").
// withSpellings finds those forms: a run of letters and digits joined by
// single '-', '/' or '.', or two words apart by one space that each start
// with a capital or a digit, whose letters and digits, in lower case, are
// those of such a name.
//
// Only names that are not ambiguous (no context rule, not case-sensitive)
// and whose letters and digits number four or more are read so, and a form
// shared by two skills is read as neither. A form without a separator counts
// only in capitals ("PLSQL", "HPUX"): in lower case a word is too easily one
// of the language's. A name glued from words with no separator of its own
// ("OnOne", "FrontPage", "ServiceNow") is read apart only with a capital at
// the start of each part ("Service-Now", "MY-SQL"): "one-on-one" and
// "front-page" are English; and as two words only beside another mention
// on the line (see otherOnLine). The taxonomy's own mentions stay; a form found so that
// holds one of them replaces it ("PL-SQL" is PL/SQL, not SQL).

// spelling is what a form names: a skill's id ("" for a form two skills
// share), and whether every name spelled so is glued from words by case
// only ("MySQL"), with no separator.
type spelling struct {
	id    string
	camel bool
}

// spellingTable is what a taxonomy's names spell apart: by the lower-case
// letters and digits of every name or alias with an inner separator or an
// inner lower-to-upper case change, what they spell; and starts, a bit set
// of the hashes of those keys' first four bytes (every key has four or
// more), which rules most words out before a key is built; and prefixes, a
// bit set of the wordHash of every prefix of every key, by which a token
// that starts a form must pass (a form's key starts with the token's
// letters and digits, in lower case), so that most tokens cost one load.
type spellingTable struct {
	names    map[string]spelling
	starts   [1 << 10]uint64
	prefixes [prefixBits / 64]uint64
}

// prefixBits is the size of spellingTable.prefixes: 131,072 bits (16 KB)
// for the few ten thousand prefixes of the keys.
const prefixBits = 1 << 17

// mayPrefix reports whether the token of wordHash h may be the first
// letters and digits of a key of t (false: it is none).
func (t *spellingTable) mayPrefix(h uint32) bool {
	b := h & (prefixBits - 1)
	return t.prefixes[b>>6]&(1<<(b&63)) != 0
}

// spellings returns tax's table (built on first use; taxonomies are
// immutable).
func spellings(tax *Taxonomy) *spellingTable {
	tax.spell.once.Do(func() { tax.spell.table = newSpellingTable(tax) })
	return tax.spell.table
}

func newSpellingTable(tax *Taxonomy) *spellingTable {
	t := &spellingTable{names: map[string]spelling{}}
	for _, s := range tax.Skills() {
		if s.Context != "" {
			continue
		}
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if slices.Contains(s.CaseSensitive, n) || !spelledApart(n) {
				continue
			}
			k := letters(n)
			if len(k) < 4 {
				continue
			}
			h := startHash(k[0], k[1], k[2], k[3])
			t.starts[h/64] |= 1 << (h % 64)
			for p := 1; p <= len(k); p++ {
				b := wordHash(k[:p]) & (prefixBits - 1)
				t.prefixes[b>>6] |= 1 << (b & 63)
			}
			camel := !strings.ContainsAny(n, "-/.")
			if sp, ok := t.names[k]; ok {
				if sp.id != s.ID {
					sp.id = ""
				}
				t.names[k] = spelling{sp.id, sp.camel && camel}
				continue
			}
			t.names[k] = spelling{s.ID, camel}
		}
	}
	return t
}

// startHash hashes the first four lower-case bytes of a key into starts.
func startHash(a, b, c, d byte) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D ^ uint32(d)*0x27D4EB2F) >> 16
}

// mayStart reports whether a key of t may start with the first four
// letters and digits of text[i:j] (skipping other bytes), lowered; false
// when text[i:j] holds fewer than four, as no key is that short.
func (t *spellingTable) mayStart(text string, i, j int) bool {
	if j-i >= 4 && alnum(text[i]) && alnum(text[i+1]) && alnum(text[i+2]) && alnum(text[i+3]) {
		// the common case: four letters and digits in a row
		h := startHash(lower[text[i]], lower[text[i+1]], lower[text[i+2]], lower[text[i+3]])
		return t.starts[h/64]&(1<<(h%64)) != 0
	}
	var b [4]byte
	n := 0
	for ; i < j && n < 4; i++ {
		if c := text[i]; alnum(c) {
			b[n] = lower[c]
			n++
		}
	}
	if n < 4 {
		return false
	}
	h := startHash(b[0], b[1], b[2], b[3])
	return t.starts[h/64]&(1<<(h%64)) != 0
}

// spelledApart reports whether name is one word (no space) made of letters
// and digits with a separator between two of them ("PL/SQL", "Node.js") or
// a lower case letter before a capital ("MySQL").
func spelledApart(name string) bool {
	apart := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case alnum(c):
			if i > 0 && isLower(name[i-1]) && isUpper(c) {
				apart = true
			}
		case separator(c) && i > 0 && i+1 < len(name) && alnum(name[i-1]) && alnum(name[i+1]):
			apart = true
		default:
			return false
		}
	}
	return apart
}

func separator(c byte) bool { return c == '-' || c == '/' || c == '.' }

// letters returns the letters and digits of s in lower case.
func letters(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; alnum(c) {
			b.WriteByte(lower[c])
		}
	}
	return b.String()
}

// withSpellings returns ms with the mentions of other spellings of names
// added (see above), in text order. ms must be in text order.
func withSpellings(text string, ms []Mention, tax *Taxonomy) []Mention {
	return withSpellingsTokens(text, ms, tax, secondTokens(text, nil))
}

// withSpellingsTokens is withSpellings with the text's secondTokens.
func withSpellingsTokens(text string, ms []Mention, tax *Taxonomy, st []secondToken) []Mention {
	var added []Mention
	var table *spellingTable // built when a form needs it
	var keyBuf [64]byte
	key := keyBuf[:0] // a form's key, on the stack unless long
	i := 0            // text[:i] is read
	for _, t := range st {
		if t.flags&tokSpelled == 0 || int(t.start) < i {
			continue
		}
		i = int(t.start)
		line := int(t.line)
		c := text[i]
		j, caps := int(t.end), t.flags&tokCaps != 0
		if table == nil {
			table = spellings(tax)
		}
		// two words apart by one space, each starting with a capital or a
		// digit ("Java Script", "AS 400")
		if j+1 < len(text) && text[j] == ' ' && charClass[c] != clLower && charClass[text[j+1]]&^clLower != 0 &&
			(i == 0 || !separator(text[i-1]) && text[i-1] < 0x80) && table.mayPrefix(t.hash) {
			k := j + 1
			for k < len(text) && charClass[text[k]] != 0 {
				k++
			}
			if k == len(text) || !separator(text[k]) && text[k] < 0x80 {
				if table == nil {
					table = spellings(tax)
				}
				if table.mayStart(text, i, k) {
					key = append(append(key[:0], text[i:j]...), text[j+1:k]...)
					for p, c := range key {
						key[p] = lower[c]
					}
					if sp := table.names[string(key)]; sp.id != "" && !mentioned(ms, sp.id, i, k) && (!sp.camel || otherOnLine(text, ms, i, k)) {
						added = append(added, Mention{SkillID: sp.id, Start: i, End: k, Line: line})
						i = k
						continue
					}
				}
			}
		}
		if !(j+1 < len(text) && separator(text[j]) && charClass[text[j+1]] != 0) && !(caps && j-i >= 4) ||
			i > 0 && (text[i-1] >= 0x80 || separator(text[i-1]) && i > 1 && alnum(text[i-2])) {
			i = j
			continue
		}
		// the parts of a run "a-b/c": parts[k] is its k-th start, ends[k] its end
		var parts, ends [8]int
		n, joined := 0, false
		j, caps = i, true
		for n < len(parts) {
			parts[n] = j
			for j < len(text) && alnum(text[j]) {
				caps = caps && !isLower(text[j])
				j++
			}
			ends[n] = j
			n++
			if j+1 < len(text) && separator(text[j]) && alnum(text[j+1]) {
				joined = true
				j++
				continue
			}
			break
		}
		next := ends[n-1]
		if next < len(text) && text[next] >= 0x80 || !joined && !(caps && ends[0]-parts[0] >= 4) {
			i = next
			continue
		}
		if table == nil {
			table = spellings(tax)
		}
		// the longest run of parts from each part on that spells a name
		for a := 0; a < n; {
			if a == 0 && !table.mayPrefix(t.hash) || !table.mayStart(text, parts[a], ends[n-1]) {
				a++ // no name spelled from this part on
				continue
			}
			b := n - 1
			for ; b >= a; b-- {
				if b == a && !(caps && ends[a]-parts[a] >= 4) {
					continue
				}
				key = key[:0]
				for k := a; k <= b; k++ {
					key = append(key, text[parts[k]:ends[k]]...)
				}
				for p, c := range key {
					key[p] = lower[c]
				}
				sp := table.names[string(key)]
				if sp.id == "" || sp.camel && slices.ContainsFunc(parts[a:b+1], func(p int) bool { return !isUpper(text[p]) }) {
					continue
				}
				if !mentioned(ms, sp.id, parts[a], ends[b]) {
					added = append(added, Mention{SkillID: sp.id, Start: parts[a], End: ends[b], Line: line})
				}
				break
			}
			a = max(b+1, a+1)
		}
		i = next
	}
	if len(added) == 0 {
		return ms
	}
	return merged(ms, added)
}

// otherOnLine reports whether a mention of ms outside text[i:j] stands on
// the line of text[i:j]: two words that spell a name glued by case ("Power
// Center", "Solar Winds") name it among other skills, and are a title or a
// phrase alone ("Warehouse Manager", "Merit Scholar", "Front Page").
func otherOnLine(text string, ms []Mention, i, j int) bool {
	lo, hi := lineBounds(text, i, j)
	for k := sort.Search(len(ms), func(k int) bool { return ms[k].Start >= lo }); k < len(ms) && ms[k].Start < hi; k++ {
		if ms[k].End <= i || ms[k].Start >= j {
			return true
		}
	}
	return false
}

// mentioned reports whether a mention of ms of skill id overlaps
// text[i:j], or one of any skill spans it (the taxonomy read it already), or
// reaches out of it ("Data SystemAdministrator": "SystemAdministrator" is
// read, so "Data System" is not a form).
func mentioned(ms []Mention, id string, i, j int) bool {
	return anyOverlapping(ms, i, j, func(m Mention) bool {
		return m.SkillID == id || m.Start < i || m.End > j || m.Start == i && m.End == j
	})
}
