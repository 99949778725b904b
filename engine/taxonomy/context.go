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

// cueSet holds cueWords.
var cueSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range cueWords {
		m[w] = true
	}
	return m
}()

// contextOK applies the context rule of the ambiguous candidate cands[i].
// listLine, when not nil, reports the lines that the caller knows to be in
// a skills-like section (see ExtractIn); technical that the whole text is
// technical context (see ExtractTechnical).
func (t *Taxonomy) contextOK(text string, cands []candidate, i int, listLine func(line int) bool, technical bool) bool {
	c := cands[i]
	p := t.m.patterns[c.pat]
	if p.short != 0 {
		return t.shortFormAt(text, cands, i) >= 0
	}
	s := t.skills[p.skill]
	if t.isVetoed(text, cands, i) {
		return false
	}
	// A name-like skill (one with the proper-noun veto) alone on the first
	// line of the document is the person's name heading a resume: "Julia"
	// above "Python".
	if c.line() == 1 && strings.TrimSpace(text[:c.start()]) == "" && t.nameVeto[p.skill] {
		rest := text[c.end():]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		if strings.TrimSpace(rest) == "" {
			return false
		}
	}
	// A domain word naming a department or a degree's field (domainword.go).
	if s.Context == "verb" && s.Category == "domain" && notPractised(text, c.start(), c.end()) {
		return false
	}
	if fieldOnlyWord(text, c.start(), c.end()) {
		return fieldOfExperience(text, c.start(), c.end())
	}
	if s.Context == "list" {
		return t.listed(text, cands, i, listLine) || fieldOfExperience(text, c.start(), c.end()) ||
			complianceWith(text, c.start(), c.end())
	}
	if s.Category == "language-spoken" {
		return t.spokenLanguage(text, cands, i)
	}
	if s.Context != "tech" {
		return true
	}
	// A model number or a company initial is not a skill: "C-2", "SH-60",
	// "H&R Block", "R&D".
	if c.end()+1 < len(text) && text[c.end()] == '-' && text[c.end()+1] >= '0' && text[c.end()+1] <= '9' {
		return false
	}
	if c.start() > 0 && text[c.start()-1] == '&' || c.end() < len(text) && text[c.end()] == '&' {
		return false
	}
	// A company's name: "Checkpoint Technologies", "clients: … Security
	// Guard Exchange" (see companyName, clientList).
	if companyName(text, c.end()) || clientList(text, c.start()) {
		return false
	}
	if technical {
		return true
	}
	// Another technical skill on the same line, itself not vetoed. A
	// case-sensitive name that is also an acronym ("Ada", ADA) needs an
	// engineering skill beside it, itself unambiguous: keyword lists written
	// in title case ("Fmla, Ada, Project Planning, Access") make the case no
	// evidence, and a practice such as project planning, or "Access", is no
	// sign of a programming language.
	strict := len(p.exact) > 2 && s.Category == "language"
	// A one-letter language ("C", "R") on a line needs code beside it: a
	// cue or another language, framework or library. LiveCareer's keyword
	// lists carry a stray "C" among Photoshop, Access and billing.
	letter := len(p.exact) == 1 && s.Category == "language"
	// In a long keyword list a framework, library or practice needs an
	// engineering name at most three names away (see crowded).
	near := crowdedCategories[s.Category] && crowded(text, c.start())
	ok := func(k int) bool {
		return t.supports(text, cands, k, p.skill) && (!strict || t.engineering(cands[k])) && (!letter || t.coding(cands[k])) &&
			(!near || k-i <= 3 && i-k <= 3 && t.engineering(cands[k]))
	}
	if nearby(cands, i, 0, ok) {
		return true
	}
	// A platform on a line about operating systems ("Operating System:
	// Windows, Mac"; see osLine).
	if s.Category == "platform" && osLine(text, c.start()) {
		return true
	}
	// A sentence wrapped onto the next line is one line (see
	// wrappedSupport).
	if t.wrappedSupport(text, cands, i, ok) {
		return true
	}
	// A list item — the name first on a short line, as in a skills list with
	// one skill per line ("Spring- Experience - 12 months") — takes its
	// context from the lines just above and below.
	if !listItem(text, c.start()) {
		return false
	}
	return nearby(cands, i, 1, func(k int) bool { return t.supports(text, cands, k, p.skill) })
}

// nearby reports whether f holds for a candidate near cands[i]: on its line
// when lines is 0, else on one of the lines (not its own) up to lines above
// or below it.
func nearby(cands []candidate, i, lines int, f func(k int) bool) bool {
	line := cands[i].line()
	other := func(k int) bool { return (lines == 0 || cands[k].line() != line) && f(k) }
	for k := i - 1; k >= 0 && cands[k].line() >= line-lines; k-- {
		if other(k) {
			return true
		}
	}
	for k := i + 1; k < len(cands) && cands[k].line() <= line+lines; k++ {
		if other(k) {
			return true
		}
	}
	return false
}

// listItem reports whether the word at text[start] opens its line (after
// white space, bullets or numbering) and the line has at most eight words.
func listItem(text string, start int) bool {
	lo, hi := lineBounds(text, start, start)
	for _, r := range text[lo:start] {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return false
		}
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
	if q.short != 0 || q.skill == skill || !t.tech[q.skill] {
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
	return !t.isVetoed(text, cands, k)
}

// properNounVeto, listed in a skill's Veto, vetoes its ambiguous name when it
// starts a proper noun ("Julia Roberts", "Access Hollywood"; see properNoun).
const properNounVeto = "* Name"

// isVetoed reports whether one of the veto phrases of candidate k's skill
// matches around it.
func (t *Taxonomy) isVetoed(text string, cands []candidate, k int) bool {
	c := cands[k]
	skill := t.m.patterns[c.pat].skill
	for _, v := range t.vetoes[skill] {
		if vetoed(text, c.start(), c.end(), v) {
			return true
		}
	}
	return t.nameVeto[skill] && t.properNoun(text, cands, k)
}

// veto is a veto phrase split at its "*": the words before and after the
// name ("grade *" → "grade ", ""), lower-cased.
type veto struct{ before, after string }

// parseVeto splits v at its "*"; ok is false when v has none.
func parseVeto(v string) (veto, bool) {
	star := strings.IndexByte(v, '*')
	if star < 0 {
		return veto{}, false
	}
	return veto{strings.ToLower(v[:star]), strings.ToLower(v[star+1:])}, true
}

// vetoed reports whether the veto phrase v ("grade *", "* turnaround", "*&")
// matches around text[start:end], ignoring case. The phrase's words must
// end where the phrase ends: "* at" vetoes "excel at" but not "Excel at­tachments".
func vetoed(text string, start, end int, v veto) bool {
	if b := v.before; b != "" {
		if !foldedAt(text, start-len(b), b) {
			return false
		}
		if k := start - len(b); k > 0 && wordByte[b[0]] && wordByte[text[k-1]] {
			return false
		}
	}
	if a := v.after; a != "" {
		if !foldedAt(text, end, a) {
			return false
		}
		if k := end + len(a); k < len(text) && wordByte[a[len(a)-1]] && wordByte[text[k]] &&
			!(a[len(a)-1] >= '0' && a[len(a)-1] <= '9') {
			return false
		}
	}
	return true
}

// engineeringCategories are the categories whose skills show that a
// case-sensitive language name is the language (see contextOK).
var engineeringCategories = map[string]bool{
	"language": true, "framework": true, "library": true, "database": true, "cloud": true,
	"tool": true, "platform": true, "protocol": true,
}

// engineering reports whether candidate c is a cue word or an unambiguous
// name of a skill of an engineering category.
func (t *Taxonomy) engineering(c candidate) bool {
	q := t.m.patterns[c.pat]
	return q.skill == cue || !q.ambiguous && engineeringCategories[t.skills[q.skill].Category]
}

// codingCategories are the categories whose skills show that a one-letter
// language name is the language (see contextOK).
var codingCategories = map[string]bool{"language": true, "framework": true, "library": true}

// coding reports whether candidate c is a cue word or names a language,
// framework or library (an ambiguous one has passed supports already).
func (t *Taxonomy) coding(c candidate) bool {
	q := t.m.patterns[c.pat]
	return q.skill == cue || codingCategories[t.skills[q.skill].Category]
}

// notNames are the capitalised words that may follow an ambiguous name
// without making it a proper noun: product phrases ("Access Database") and
// months ("Word and Access May 2012"), unlike a surname or the rest of a
// title ("Julia Roberts", "Access Hollywood").
var notNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"database": true, "databases": true, "db": true, "queries": true, "query": true, "forms": true,
	"reports": true, "macros": true, "tables": true, "server": true, "servers": true, "app": true,
	"apps": true, "application": true, "applications": true, "programming": true, "development": true,
	"scripting": true, "script": true, "scripts": true, "code": true, "components": true, "hooks": true,
	"modules": true, "packages": true, "services": true, "projects": true, "sdk": true, "api": true,
	"apis": true, "system": true, "systems": true, "basic": true, "ui": true, "cli": true, "ide": true, "runtime": true, "compiler": true,
}

// properNoun reports whether the name of cands[i] is the first word of a
// proper noun: followed (after "'s" or a middle initial, if any) by one
// space and a word shaped like a name — capitalised ("Julia Roberts", "Aurora's Scientific"), or in
// capitals after a name in capitals ("JULIA CHEN") — that starts no skill (a vendor short form aside) or
// cue and is not in notNames.
func (t *Taxonomy) properNoun(text string, cands []candidate, i int) bool {
	c := cands[i]
	e := c.end()
	if strings.HasPrefix(text[e:], "'s ") {
		e += 2 // a possessive: "Aurora's Scientific Institute"
	}
	j := e + 1
	if j >= len(text) || text[e] != ' ' {
		return false
	}
	// a middle initial: "Julia M. Chen"
	if j+3 < len(text) && text[j] >= 'A' && text[j] <= 'Z' && text[j+1] == '.' && text[j+2] == ' ' {
		j += 3
	}
	k := j
	for k < len(text) && isAlnum[text[k]] {
		k++
	}
	w := text[j:k]
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' || k < len(text) && wordByte[text[k]] {
		return false
	}
	caps := c.end()-c.start() > 1
	for _, b := range []byte(text[c.start():c.end()]) {
		if b >= 'a' && b <= 'z' {
			caps = false
		}
	}
	for _, b := range []byte(w[1:]) {
		lower := b >= 'a' && b <= 'z'
		upper := b >= 'A' && b <= 'Z'
		if caps && !upper || !caps && !lower {
			return false
		}
	}
	if i+1 < len(cands) && cands[i+1].start() == j && t.m.patterns[cands[i+1].pat].short == 0 {
		return false
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return true
	}
	for k := range len(w) {
		buf[k] = fold[w[k]]
	}
	return !notNames[string(buf[:len(w)])]
}

// citationInitials reports whether the two or three capitals at
// text[start:end] are an author's initials in a reference list: after a
// capitalised surname ("Lee ML,"), followed by punctuation, on a line that
// reads as a citation (et al., a year in brackets, a DOI, or a second
// "Surname XY," on the line).
func citationInitials(text string, start, end int) bool {
	if end-start < 2 || start < 3 || text[start-1] != ' ' {
		return false
	}
	if end < len(text) && !strings.ContainsRune(",.;:)", rune(text[end])) {
		return false
	}
	k := start - 1
	for k > 0 && text[k-1] >= 'a' && text[k-1] <= 'z' {
		k--
	}
	if k == start-1 || k == 0 || text[k-1] < 'A' || text[k-1] > 'Z' || k >= 2 && wordByte[text[k-2]] {
		return false
	}
	lo, hi := lineBounds(text, start, end)
	line := text[lo:hi]
	if containsFold(line, "et al") || containsFold(line, "doi:") || containsFold(line, "doi.org") {
		return true
	}
	for y := strings.IndexByte(line, '('); y >= 0; {
		if y+6 <= len(line) && line[y+5] == ')' && (line[y+1:y+3] == "19" || line[y+1:y+3] == "20") &&
			isAlnum[line[y+3]] && isAlnum[line[y+4]] {
			return true
		}
		n := strings.IndexByte(line[y+1:], '(')
		if n < 0 {
			break
		}
		y += n + 1
	}
	return initialsElsewhere(line, start-lo)
}

// initialsElsewhere reports whether line holds "Surname XY" (two or three
// capitals) followed by punctuation, other than at offset at.
func initialsElsewhere(line string, at int) bool {
	for i := 1; i+2 < len(line); i++ {
		if i == at || line[i-1] != ' ' || line[i] < 'A' || line[i] > 'Z' {
			continue
		}
		j := i
		for j < len(line) && line[j] >= 'A' && line[j] <= 'Z' {
			j++
		}
		if j-i < 2 || j-i > 3 || j < len(line) && !strings.ContainsRune(",.;", rune(line[j])) {
			continue
		}
		k := i - 1
		for k > 0 && line[k-1] >= 'a' && line[k-1] <= 'z' {
			k--
		}
		if k < i-1 && k > 0 && line[k-1] >= 'A' && line[k-1] <= 'Z' {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case w at the start of
// a word, ignoring the ASCII case of s, without allocating.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if (i == 0 || !wordByte[s[i-1]]) && foldedAt(s, i, w) {
			return true
		}
	}
	return false
}

// definedOtherwise reports whether the candidate cands[i], an acronym in
// brackets ("(CRM)"), is defined by the words just before the bracket as
// something other than its skill: their initials spell it ("contact
// resistance meter (CRM)", "Purchase Of Service (POS)") and none of them
// (generic words aside) occurs in the skill's name or aliases, unlike
// "Electronic Medical Record (EMR)" or "Local Area Network (LAN)".
func (t *Taxonomy) definedOtherwise(text string, cands []candidate, i int) bool {
	c := cands[i]
	n := c.end() - c.start()
	if n < 2 || n > 6 || c.end() >= len(text) || text[c.end()] != ')' {
		return false
	}
	for k := c.start(); k < c.end(); k++ {
		if text[k] < 'A' || text[k] > 'Z' {
			return false
		}
	}
	// the n words before " (", read backwards
	var words [6]string
	k := c.start() - 1
	for k > 0 && text[k-1] == ' ' {
		k--
	}
	for w := n - 1; w >= 0; w-- {
		e := k
		for k > 0 && wordByte[text[k-1]] {
			k--
		}
		if k == e || fold[text[k]] != fold[text[c.start()+w]] {
			return false
		}
		words[w] = text[k:e]
		if w > 0 {
			for k > 0 && (text[k-1] == ' ' || text[k-1] == '-') {
				k--
			}
		}
	}
	s := t.skills[t.m.patterns[c.pat].skill]
	for _, w := range words[:n] {
		if len(w) < 3 {
			continue
		}
		lw := string(lowerASCII(w))
		if genericWords[lw] {
			continue
		}
		if containsWordFold(s.Name, lw) {
			return false
		}
		for _, a := range s.Aliases {
			if containsWordFold(a, lw) {
				return false
			}
		}
	}
	return true
}

// genericWords say nothing about which skill an acronym stands for.
var genericWords = map[string]bool{
	"the": true, "and": true, "for": true, "certified": true, "certification": true, "management": true,
	"manager": true, "system": true, "systems": true, "software": true, "program": true, "programs": true,
	"office": true, "service": true, "services": true, "network": true, "professional": true,
	"associate": true, "administration": true, "specialist": true, "national": true,
}

// lowerASCII returns w with its ASCII capitals in lower case (short words;
// allocation is rare, on the acronym path only).
func lowerASCII(w string) []byte {
	b := make([]byte, len(w))
	for i := range len(w) {
		b[i] = lower[w[i]]
	}
	return b
}

// containsWordFold reports whether the lower-case lw occurs in s as a whole
// word, ignoring the ASCII case of s.
func containsWordFold(s, lw string) bool {
	for i := 0; i+len(lw) <= len(s); i++ {
		if (i == 0 || !wordByte[s[i-1]]) && (i+len(lw) == len(s) || !wordByte[s[i+len(lw)]]) && foldedAt(s, i, lw) {
			return true
		}
	}
	return false
}

// inDatabaseContext reports whether candidate cands[i] stands among
// databases: another database skill on its line ("Oracle, MySQL, MongoDB"),
// or the word database(s), DB or RDBMS near it ("Databases: Oracle").
func (t *Taxonomy) inDatabaseContext(text string, cands []candidate, i int) bool {
	c := cands[i]
	for _, k := range []int{i - 1, i + 1, i - 2, i + 2} {
		if k < 0 || k >= len(cands) || cands[k].line() != c.line() {
			continue
		}
		if q := t.m.patterns[cands[k].pat]; q.skill != cue && t.skills[q.skill].Category == "database" && !q.ambiguous {
			return true
		}
	}
	// the words within 60 bytes on its line
	lo := max(0, c.start()-60)
	if nl := strings.LastIndexByte(text[lo:c.start()], '\n'); nl >= 0 {
		lo += nl + 1
	}
	hi := min(len(text), c.end()+60)
	if nl := strings.IndexByte(text[c.end():hi], '\n'); nl >= 0 {
		hi = c.end() + nl
	}
	line := text[lo:hi]
	return containsWordFold(line, "database") || containsWordFold(line, "databases") ||
		containsWordFold(line, "db") || containsWordFold(line, "rdbms")
}

// listed applies the "list" rule to cands[i]: a generic word ("Sales",
// "Budget", "Scheduling") is a skill when it stands as a whole item of a list
// of skills, not in prose ("sales increased 20%", "on budget"). The item is
// the name alone between list separators (line start or end, bullets, commas,
// semicolons, pipes, tabs, "&", "/", "and", a colon after a label), and the
// list is one of:
//   - a line the caller knows to be in a skills-like section (listLine);
//   - a line of at least three short separated items, another of which is a
//     skill with no context rule ("Payroll, Budget, QuickBooks");
//   - one item per line: the name alone on its line, with a skill with no
//     context rule opening a short line at most two lines above or below.
func (t *Taxonomy) listed(text string, cands []candidate, i int, listLine func(line int) bool) bool {
	c := cands[i]
	lo, hi := lineBounds(text, c.start(), c.end())
	alone, ok := wholeItem(text, lo, hi, c.start(), c.end())
	if !ok {
		return false
	}
	if listLine != nil && listLine(c.line()) {
		return true
	}
	plain := func(k int) bool {
		q := t.m.patterns[cands[k].pat]
		return q.skill != cue && !q.ambiguous
	}
	if !alone {
		if !listLike(text[lo:hi]) {
			return false
		}
		return nearby(cands, i, 0, plain)
	}
	return nearby(cands, i, 2, func(k int) bool { return plain(k) && listItem(text, cands[k].start()) })
}

// wholeItem reports whether text[start:end], on the line text[lo:hi], is a
// whole list item: only white space, bullets or a list separator between it
// and the separators or line ends on either side, and a full stop at most
// after it. alone is true when it is the only item of its line.
func wholeItem(text string, lo, hi, start, end int) (alone, ok bool) {
	k := start
	for k > lo && (text[k-1] == ' ' || text[k-1] == '\t' && k-1 > lo) {
		k--
	}
	leftEnd := k == lo || strings.Trim(text[lo:k], bulletChars) == ""
	if !leftEnd {
		if b := text[k-1]; b != '\t' && strings.IndexByte(",;|&/:", b) < 0 &&
			!(k-4 >= lo && foldedAt(text, k-4, " and")) {
			return false, false
		}
	}
	k = end
	if skillDetail(text[k:hi]) {
		return leftEnd, true
	}
	if k < hi && text[k] == '.' {
		k++
	}
	for k < hi && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
		k++
	}
	rightEnd := k == hi
	if !rightEnd && strings.IndexByte(",;|&/\t", text[k]) < 0 && !(k+4 <= hi && foldedAt(text, k, "and ")) {
		return false, false
	}
	return leftEnd && rightEnd, true
}

// skillDetail reports whether tail, the rest of a line after a name, is the
// tail of a Kaggle "Skill Details" entry ("- Experience - 72 months" after
// "Automation"): the entry is one list item, the name alone on its line.
func skillDetail(tail string) bool {
	tail = strings.TrimLeft(tail, " ")
	if len(tail) == 0 || tail[0] != '-' {
		return false
	}
	tail = strings.TrimLeft(tail[1:], " ")
	return len(tail) > len("experience") && foldedAt(tail, 0, "experience") &&
		strings.HasPrefix(strings.TrimLeft(tail[len("experience"):], " "), "-")
}

// bulletChars are what may stand before the first item of a line: white
// space and bullets ("- ", "* ", "•", "▪", "●", "·", "◦", "").
const bulletChars = " \t-*•▪●·◦\uf0a7"

// listLike reports whether a line reads as a list of skills rather than
// prose: at least three items separated by commas, semicolons, pipes,
// bullets or tabs, of at most three words each on average.
func listLike(line string) bool {
	items, words := 1, 0
	inWord := false
	for i := 0; i < len(line); i++ {
		b := line[i]
		switch {
		case b == ',' || b == ';' || b == '|' || b == '\t' || b == 0xe2 && i+2 < len(line) && line[i+1] == 0x80 && line[i+2] == 0xa2:
			items++
			inWord = false
		case b == ' ':
			inWord = false
		default:
			if !inWord {
				words++
			}
			inWord = true
		}
	}
	return items >= 3 && words <= 3*items
}

// nationNouns, after the name of a language, make it a nation's adjective:
// its food, institutions, companies or places ("French fine dining", "the
// German Consulate", "Korean Airlines", "Spanish Historic District"), never
// the language. Shared by every spoken language, so that no language needs
// its own list of them.
var nationNouns = wordSetOf("cuisine cuisines food foods restaurant restaurants dishes cooking fine inspired style " +
	"embassy consulate government ministry army navy military defense defence ribbon headquarters national " +
	"market markets bank banks company companies airlines airline district tower laundry provence quarter " +
	"citizen citizenship nationality clients client customers subsidiary parent owned")

// nationalities are adjectives of nations or regions that name no language:
// beside them in a list, a language name is a cuisine or a culture
// ("French, Italian, Asian and American cuisine").
var nationalities = wordSetOf("american asian mexican mediterranean european african caribbean cajun " +
	"southern latin-american indian middle-eastern continental fusion")

func wordSetOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// spokenLanguage reports whether the ambiguous name of a spoken language at
// cands[i] names the language rather than a nation's food, institutions or
// places: no nationNouns word follows it, and no item of its list is a
// nationality that is no language ("Mexican, Italian, Japanese, American").
func (t *Taxonomy) spokenLanguage(text string, cands []candidate, i int) bool {
	c := cands[i]
	if w, _ := nextWord(text, c.end()); nationNouns[strings.ToLower(w)] {
		return false
	}
	return !listHasNationality(text, c.start())
}

// nextWord returns the word of letters that follows text[end:] after spaces
// on the same line, and its offset; "" when punctuation or the line's end
// comes first.
func nextWord(text string, end int) (string, int) {
	i := skipBlanks(text, end)
	j := i
	for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		j++
	}
	return text[i:j], i
}

// listHasNationality reports whether the list around text[at] — its clause
// of the line, up to a full stop, colon, semicolon or bracket, split at
// commas, slashes, "and" and "&" — has an item that is one of nationalities.
func listHasNationality(text string, at int) bool {
	const stops = ".:;()\n"
	lo := strings.LastIndexAny(text[:at], stops) + 1
	hi := strings.IndexAny(text[at:], stops)
	if hi < 0 {
		hi = len(text)
	} else {
		hi += at
	}
	clause := strings.ToLower(text[lo:hi])
	for _, sep := range []string{"/", " and ", " & "} {
		clause = strings.ReplaceAll(clause, sep, ",")
	}
	for _, item := range strings.Split(clause, ",") {
		if nationalities[strings.TrimSpace(item)] {
			return true
		}
	}
	return false
}
