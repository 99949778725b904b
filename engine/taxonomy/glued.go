package taxonomy

import (
	"slices"
	"sort"
	"strings"
)

// Glued tokens: a skill name written against its version ("MySQL5.0",
// "Java8", "WindowsServer2012R2") or against the next word ("ApacheTomcat",
// "SQLServer", "withholdingAccounting" where a PDF lost a line break), as
// typed resumes do and as PDFs from pdflatex come out. The taxonomy's
// matcher reads whole words only, so such a token names nothing. withGlued
// gives each one a second reading: split at its inner transitions, the
// pieces are read again by the taxonomy, and what they name is mapped back
// to the token's bytes.
//
// A token is a run of ASCII letters and digits between bytes that are
// neither (a letter of another script continues a word, as for the matcher).
// It is read again only when no mention of a name covers it, the taxonomy
// knows no name spelled as the whole token ("JavaScript", "PowerPoint" and
// "PostgreSQL" are names, never split), it is no part of an e-mail or web
// address, and it has a place to split (cutAt):
//
//   - lower case to upper case: "Rest|Api", "Apache|Tomcat";
//   - upper case to an upper case that starts a word of two or more lower
//     case letters: "SQL|Server", "IBM|Websphere" (not "PD|Fs");
//   - letters to a digit: "Java|8", "Server|2012", but not capitals to two
//     or three digits, a code rather than a version ("PHP50", "AS400");
//   - a digit to a word of three or more letters: "HTML5|CSS3" (not "11g",
//     "2012R2", "2ndShift": a version suffix or an ordinal stays with its
//     number).
//
// No split leaves a piece of one letter, so "C2", "R2" and "iPhone" give no
// C, R or "Phone". Consecutive pieces that glue into a known name stay
// together ("HTML5|CSS3|JavaScript" reads "HTML5 CSS3 JavaScript",
// "PostgreSQL9" reads "PostgreSQL 9").
//
// The line of the token is read again with spaces at the splits, with the
// same skills-list rule for the line; only mentions that overlap a split
// token are kept, none of a skill with a context rule (Go, Excel, Access),
// and of the others a name that fills one piece glued by case to a
// capitalised word only where gluedOK says so ("CampusVue" names no Vue).
// Offsets are the original text's, so evidence is the real line.

// gluedToken is a token to read again: text[start:end], on line, split
// before each offset of cuts.
type gluedToken struct {
	start, end, line int
	cuts             []int
	bounds           []int // every place the rules allow a split, cuts or not
}

// withGlued returns ms with the mentions of the glued tokens of text added
// (see above), in text order. A mention of ms that lies inside a new one is
// dropped ("Microsoft SQLServer": the longer "Microsoft SQL Server" replaces
// "Microsoft"); a new one that would cross a mention of ms is not added
// (crossed). ms must be the taxonomy's mentions of text, in text order;
// listLine is what they were read with. Without glued tokens, ms is returned
// as is.
func withGlued(text string, ms []Mention, tax *Taxonomy, listLine func(line int) bool) []Mention {
	return withGluedTokens(text, ms, tax, listLine, secondTokens(text, nil))
}

// withGluedTokens is withGlued with the text's secondTokens.
func withGluedTokens(text string, ms []Mention, tax *Taxonomy, listLine func(line int) bool, st []secondToken) []Mention {
	toks := gluedTokens(text, ms, tax, st)
	if len(toks) == 0 {
		return ms
	}
	var added []Mention
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].line == toks[i].line {
			j++
		}
		for _, a := range readGluedLine(text, toks[i:j], tax, listLine) {
			if !crossed(ms, a) {
				added = append(added, a)
			}
		}
		i = j
	}
	if len(added) == 0 {
		return ms
	}
	return merged(ms, added)
}

// crossed reports whether a mention of ms overlaps a without either holding
// the other ("paid\nSocial Ads00": the matcher's "paid Social" stands, the
// re-read "Social Ads" is not added): mentions never cross.
func crossed(ms []Mention, a Mention) bool {
	return anyOverlapping(ms, a.Start, a.End, func(m Mention) bool {
		return m.Start < a.Start && m.End < a.End || m.Start > a.Start && m.End > a.End
	})
}

// merged returns the mentions of ms and added in text order, a mention of
// ms first at the same start, without those of ms that a longer mention of
// added holds. Both must be in text order. It takes linear time: a long
// line of glued tokens is no quadratic case.
func merged(ms, added []Mention) []Mention {
	out := make([]Mention, 0, len(ms)+len(added))
	k := 0 // added[:k] start at or before the current mention of ms
	for _, m := range ms {
		for k < len(added) && added[k].Start <= m.Start {
			k++
		}
		held := false
		// the mention that holds m starts at or before it, and mentions
		// of added hardly overlap: look at the last few
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if a := added[j]; m.End <= a.End && a.End-a.Start > m.End-m.Start {
				held = true
				break
			}
		}
		if !held {
			out = append(out, m)
		}
	}
	// merge the two in text order
	res := make([]Mention, 0, len(out)+len(added))
	i, j := 0, 0
	for i < len(out) || j < len(added) {
		if j == len(added) || i < len(out) && out[i].Start <= added[j].Start {
			res = append(res, out[i])
			i++
		} else {
			res = append(res, added[j])
			j++
		}
	}
	return res
}

// gluedTokens finds the tokens of text to read again, in text order,
// among its secondTokens st.
func gluedTokens(text string, ms []Mention, tax *Taxonomy, st []secondToken) []gluedToken {
	var toks []gluedToken
	for _, t := range st {
		if t.flags&tokGlued == 0 {
			continue
		}
		i, j := int(t.start), int(t.end)
		if cuts, bounds := gluedCuts(text[i:j], tax); len(cuts) > 0 && !covered(text, ms, i, j, tax) && !inAddress(text, i, j) {
			for k := range cuts {
				cuts[k] += i
			}
			for k := range bounds {
				bounds[k] += i
			}
			toks = append(toks, gluedToken{start: i, end: j, line: int(t.line), cuts: cuts, bounds: bounds})
		}
	}
	return toks
}

// The classes of ASCII letters and digits (charClass); 0 for other bytes.
const (
	clLower uint8 = 1 + iota
	clUpper
	clDigit
)

var charClass [256]uint8

func init() {
	for c := 'a'; c <= 'z'; c++ {
		charClass[c] = clLower
		charClass[c-'a'+'A'] = clUpper
	}
	for c := '0'; c <= '9'; c++ {
		charClass[c] = clDigit
	}
}

func alnum(c byte) bool { return charClass[c] != 0 }

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// cutAt reports whether token w (letters and digits) may be split before
// w[k], 0 < k < len(w), by the rules above.
func cutAt(w string, k int) bool {
	a, b := w[k-1], w[k]
	switch {
	case isLower(a) && isUpper(b): // "Rest|Api"
	case isUpper(a) && isUpper(b): // "SQL|Server", not "PD|Fs"
		if k+2 >= len(w) || !isLower(w[k+1]) || !isLower(w[k+2]) {
			return false
		}
	case isDigit(b) && !isDigit(a): // "Java|8", not "C|2" (below)
		if codeNumber(w, k) {
			return false
		}
	case isDigit(a) && !isDigit(b): // "5|CSS", not "11|g", "2|ndShift"
		n := 1
		for k+n < len(w) && !transition(w, k+n) {
			n++
		}
		if n < 3 {
			return false
		}
	default:
		return false
	}
	return !oneLetter(w, k)
}

// codeNumber reports whether the digits at w[k] make a code with the
// capitals before them rather than a version: two or three digits after
// capitals only ("PHP50" pesos, "SAS70", "AS400", "ML200"), where a version
// has one digit ("PHP5", "RAID5") and a standard or a year four or more
// ("ISO9001", "SQL2000").
func codeNumber(w string, k int) bool {
	n := 0
	for k+n < len(w) && isDigit(w[k+n]) {
		n++
	}
	if n != 2 && n != 3 {
		return false
	}
	for j := k - 1; j >= 0 && !isDigit(w[j]); j-- {
		if !isUpper(w[j]) {
			return false
		}
	}
	return true
}

// oneLetter reports whether cutting w before k leaves a piece of one
// letter: the letter w[k-1] after a cut or at the start, or the letter w[k]
// before one or at the end ("C|2", "i|Phone", "R|2").
func oneLetter(w string, k int) bool {
	if !isDigit(w[k-1]) && (k == 1 || transition(w, k-1)) {
		return true
	}
	return !isDigit(w[k]) && (k == len(w)-1 || transition(w, k+1))
}

// transition reports whether w changes from lower to upper case or between
// letters and digits before w[k].
func transition(w string, k int) bool {
	a, b := w[k-1], w[k]
	return isLower(a) && isUpper(b) || isDigit(a) != isDigit(b)
}

// gluedCuts returns the offsets in w at which to split it, or nil: none
// when w is a known name or one with a plural "s", and none inside a run of pieces that glue into a
// known name. inner is every offset the rules allow (cutAt), cut or not.
func gluedCuts(w string, tax *Taxonomy) (cuts, inner []int) {
	if tax.known(w) {
		return nil, nil
	}
	if name, ok := strings.CutSuffix(w, "s"); ok { // a name in the plural: "JavaScripts" is no Java
		if tax.known(name) {
			return nil, nil
		}
	}
	bounds := []int{0}
	for k := 1; k < len(w); k++ {
		if cutAt(w, k) {
			bounds = append(bounds, k)
		}
	}
	if len(bounds) == 1 {
		return nil, nil
	}
	inner = slices.Clone(bounds[1:])
	bounds = append(bounds, len(w))
	for p := 0; p < len(bounds)-1; {
		// the longest run of two or more pieces from p that is a name
		q := p + 1
		for r := len(bounds) - 1; r > p+1; r-- {
			if tax.known(w[bounds[p]:bounds[r]]) {
				q = r
				break
			}
		}
		if q < len(bounds)-1 {
			cuts = append(cuts, bounds[q])
		}
		p = q
	}
	return cuts, inner
}

// covered reports whether a mention of a name spans text[i:j]: a mention
// whose text is a name or alias of the taxonomy (a skill stated by a verb
// and its object also spans the words between them, which it does not
// name).
func covered(text string, ms []Mention, i, j int, tax *Taxonomy) bool {
	return anyOverlapping(ms, i, j, func(m Mention) bool {
		return tax.known(text[m.Start:m.End])
	})
}

// anyOverlapping reports whether f holds for a mention of ms (in text order
// by start) that overlaps text[i:j]. Names are short, so the search stops at
// the first earlier mention of a name that ends before i; a long verb phrase
// ending there does not stop it.
func anyOverlapping(ms []Mention, i, j int, f func(Mention) bool) bool {
	k := sort.Search(len(ms), func(k int) bool { return ms[k].Start >= j })
	for k--; k >= 0; k-- {
		m := ms[k]
		if m.End <= i {
			if m.End-m.Start < 64 {
				break
			}
			continue
		}
		if f(m) {
			return true
		}
	}
	return false
}

// inAddress reports whether text[i:j] is part of an e-mail or web address:
// its run of non-space bytes holds "@", "://", "www." or ".com".
func inAddress(text string, i, j int) bool {
	lo, hi := i, j
	for lo > 0 && !space(text[lo-1]) {
		lo--
	}
	for hi < len(text) && !space(text[hi]) {
		hi++
	}
	chunk := strings.ToLower(text[lo:hi])
	return strings.Contains(chunk, "@") || strings.Contains(chunk, "://") ||
		strings.Contains(chunk, "www.") || strings.Contains(chunk, ".com")
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readGluedLine reads the line of toks (all on one line, in order) again
// with a space at each cut, and returns the mentions that overlap a token,
// with the original text's offsets and line.
func readGluedLine(text string, toks []gluedToken, tax *Taxonomy, listLine func(line int) bool) []Mention {
	lo, hi := lineBounds(text, toks[0].start, toks[0].start)
	// orig[k] is the offset in text of byte k of the copy (an inserted space
	// has the offset of the byte after it)
	var b strings.Builder
	orig := make([]int, 0, hi-lo+8)
	spans := make([][2]int, 0, len(toks)) // the tokens in the copy
	at := lo
	for _, t := range toks {
		for _, c := range t.cuts {
			b.WriteString(text[at:c])
			for k := at; k < c; k++ {
				orig = append(orig, k)
			}
			b.WriteByte(' ')
			orig = append(orig, c)
			at = c
		}
	}
	b.WriteString(text[at:hi])
	for k := at; k < hi; k++ {
		orig = append(orig, k)
	}
	orig = append(orig, hi)
	cp := b.String()
	// the tokens' spans in the copy
	for _, t := range toks {
		s := sort.SearchInts(orig, t.start)
		e := sort.SearchInts(orig, t.end)
		spans = append(spans, [2]int{s, e})
	}
	line := toks[0].line
	var inList func(int) bool
	if listLine != nil {
		inList = func(int) bool { return listLine(line) }
	}
	var out []Mention
	for _, m := range tax.extract(cp, inList, false) { // the matcher alone: no second reading of the copy
		// the first token ending after the mention's start (tokens are in order)
		k := sort.Search(len(spans), func(k int) bool { return spans[k][1] > m.Start })
		if k == len(spans) || spans[k][0] >= m.End {
			continue
		}
		gm := Mention{SkillID: m.SkillID, Start: orig[m.Start], End: orig[m.End-1] + 1, Line: line}
		if n := len(out); n > 0 && out[n-1].SkillID == gm.SkillID && out[n-1].End > gm.Start {
			continue // the skill read already over these bytes ("Process $0 payroll" and its "payroll")
		}
		if gluedOK(text, toks[k], gm, tax) {
			out = append(out, gm)
		}
	}
	return out
}

// gluedOK reports whether mention m, found in token t read again, is kept.
// A skill with a context rule (Go, Excel, Access, Windows: see
// taxonomy.Skill.Context) is never read out of a glued token, even by a
// name that needs no context ("MS Access2007", "Windows7"): no extra named
// by an ambiguous word may come of the second reading (a corpus reading
// found these right, ~28 of 490 new mentions, but one is an extra of a
// holdout set, where the labeller left MS Access out as environment). A
// mention that spans two pieces or more ("ApacheTomcat", "PowerPoint"),
// goes on past the token ("skillsActive listening") or is cut from the rest
// only by digits ("MySQL5", "ISO9001") is kept. A name that fills one piece
// glued by case to a capitalised word is mostly part of a product's name
// ("CampusVue", "TrackMaven", "GoDaddy", "SharpSpring", "ManageMentor"):
// it is kept when the token starts in lower case, where a line break was
// lost between two words ("withholdingAccounting"), and when it starts the
// token and has four letters or more ("AzureWeb",
// "PhotoshopCS3", "DreamweaverAdobe"; a corpus reading found these mostly
// right and the suffixes mostly wrong).
func gluedOK(text string, t gluedToken, m Mention, tax *Taxonomy) bool {
	s, _ := tax.Get(m.SkillID)
	if s.Context != "" {
		return false
	}
	if m.Start < t.start || m.End > t.end || slices.ContainsFunc(t.bounds, func(b int) bool { return m.Start < b && b < m.End }) {
		return true
	}
	byCase := func(at int) bool { return at > t.start && at < t.end && !isDigit(text[at-1]) && !isDigit(text[at]) }
	switch {
	case !byCase(m.Start) && !byCase(m.End):
		return true
	case isLower(text[t.start]):
		return true
	}
	// a name of four letters or more that starts the token
	return m.Start == t.start && m.End-m.Start >= 4
}
