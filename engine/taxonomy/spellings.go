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

// spellings returns tax's table (built on first use; taxonomies are
// immutable): the lower-case letters and digits of every
// name or alias with an inner separator or an inner lower-to-upper case
// change → what they spell.
func spellings(tax *Taxonomy) map[string]spelling {
	tax.spell.once.Do(func() { tax.spell.table = spellingTable(tax) })
	return tax.spell.table
}

func spellingTable(tax *Taxonomy) map[string]spelling {
	t := map[string]spelling{}
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
			camel := !strings.ContainsAny(n, "-/.")
			if sp, ok := t[k]; ok {
				if sp.id != s.ID {
					sp.id = ""
				}
				t[k] = spelling{sp.id, sp.camel && camel}
				continue
			}
			t[k] = spelling{s.ID, camel}
		}
	}
	return t
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
	var added []Mention
	var table map[string]spelling // built when a form needs it
	var key []byte
	line := 1
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			line++
		}
		if charClass[c] == 0 {
			i++
			continue
		}
		// a cheap test first: a word that is neither joined to the next by a
		// separator nor four capitals or more is skipped
		j, caps := i, true
		for j < len(text) && charClass[text[j]] != 0 {
			caps = caps && charClass[text[j]] != clLower
			j++
		}
		// two words apart by one space, each starting with a capital or a
		// digit ("Java Script", "AS 400")
		if j+1 < len(text) && text[j] == ' ' && charClass[c] != clLower && charClass[text[j+1]]&^clLower != 0 &&
			(i == 0 || !separator(text[i-1]) && text[i-1] < 0x80) {
			k := j + 1
			for k < len(text) && charClass[text[k]] != 0 {
				k++
			}
			if k == len(text) || !separator(text[k]) && text[k] < 0x80 {
				if table == nil {
					table = spellings(tax)
				}
				key = key[:0]
				for p := i; p < k; p++ {
					if p != j {
						key = append(key, lower[text[p]])
					}
				}
				if sp := table[string(key)]; sp.id != "" && !mentioned(ms, sp.id, i, k) && (!sp.camel || otherOnLine(text, ms, i, k)) {
					added = append(added, Mention{SkillID: sp.id, Start: i, End: k, Line: line})
					i = k
					continue
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
			b := n - 1
			for ; b >= a; b-- {
				if b == a && !(caps && ends[a]-parts[a] >= 4) {
					continue
				}
				key = key[:0]
				for k := a; k <= b; k++ {
					for p := parts[k]; p < ends[k]; p++ {
						key = append(key, lower[text[p]])
					}
				}
				sp := table[string(key)]
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
	lo := strings.LastIndexByte(text[:i], '\n') + 1
	hi := strings.IndexByte(text[j:], '\n')
	if hi < 0 {
		hi = len(text)
	} else {
		hi += j
	}
	for k := sort.Search(len(ms), func(k int) bool { return ms[k].Start >= lo }); k < len(ms) && ms[k].Start < hi; k++ {
		if ms[k].End <= i || ms[k].Start >= j {
			return true
		}
	}
	return false
}

// mentioned reports whether a mention of ms of skill id overlaps
// text[i:j], or one of any skill spans it: the taxonomy read it already.
func mentioned(ms []Mention, id string, i, j int) bool {
	return anyOverlapping(ms, i, j, func(m Mention) bool {
		return m.SkillID == id || m.Start <= i && j <= m.End
	})
}
