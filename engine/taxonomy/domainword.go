package taxonomy

import (
	"bytes"
	"regexp"
	"strings"
)

// A domain skill's bare name with the "verb" rule ("Marketing", "Sales",
// "Merchandising", "Recruiting", "Teaching") also names a company's
// department and a field of study. Neither says that the person practises
// it: "Collaborated with R&D and Marketing to develop products", "Bachelor
// of Science Degree : Telecommunications & Marketing". notPractised rules
// both out; contextOK calls it for the ambiguous names of the skills of
// category domain with the verb rule.

// departments names a company's departments, in lower case, as a regular
// expression's alternatives (longer names first).
const departments = `research and development|r&d|human resources|customer service|customer support|product development|` +
	`product management|supply chain|public relations|quality assurance|business development|senior management|` +
	`upper management|store operations|engineering|finance|accounting|operations|sales|marketing|merchandising|` +
	`hr|legal|it|manufacturing|production|purchasing|procurement|design|product|quality|qa|logistics|planning|` +
	`creative|executive|advertising|recruiting|training|editorial|buying|pr|communications|sourcing|support`

// listSep joins the names of a list: a comma, a slash, an ampersand, "and"
// or "or".
const listSep = `\s*(?:,\s*and\b|,\s*or\b|,|/|&|\band\b|\bor\b)\s*`

// departmentBefore matches the end of a line's text up to a department's
// name that someone works with: a verb or adverb of working together,
// "with", maybe a determiner, and maybe other departments of the same list
// ("Collaborated with buying, merchandising, and ", "works closely with the
// "), or a cross-functional team's bracket ("cross functional teams (sales, ").
var departmentBefore = regexp.MustCompile(`(?i)(?:\b(?:collaborat\w*|work\w*|partner\w*|coordinat\w*|liais\w*|liaison|communicat\w*|` +
	`interfac\w*|interact\w*|align\w*|consult\w*|cooperat\w*|closely|directly|together|jointly|conjunction|concert|cross[- ]functionally)\s+with\s+|` +
	`\bcross[- ]functional\s+(?:teams?|departments?|groups?)\s*\(\s*)(?:(?:the|our|other|all|internal|various|corporate|` +
	`company's|company)\s+)*(?:(?:` + departments + `)` + listSep + `)*$`)

// departmentAfter matches the start of the text after a department's name
// that goes on or ends the department's list: more departments ("in
// conjunction with engineering, marketing and operations Develop…"), or
// maybe more departments and then a word naming the department itself
// (team, department, group, staff…), a preposition that begins what was
// done with it ("to", "on", "for"), punctuation or the line's end.
var departmentAfter = regexp.MustCompile(`(?i)^(?:(?:` + listSep + `(?:` + departments + `))+\b|(?:` + listSep + `(?:` + departments + `))*` +
	`(?:\s*(?:teams?|departments?|dept|divisions?|groups?|functions?|staff|personnel|leadership|leaders|managers|` +
	`organizations?|units?|partners|counterparts|colleagues|stakeholders)\b|\s+(?:on|to|in|for|regarding|about)\b|\s*[,.;:)]|\s*$))`)

// departmentNamed reports whether text[start:end], a domain word, names a
// department the person works with (see departmentBefore and
// departmentAfter): "Interfaced with the marketing group", "Communicated
// with all cross functional teams (sales, marketing, merchandising)".
func departmentNamed(text string, start, end int) bool {
	before := text[lineStart(text, start):start]
	if len(before) > departmentReach {
		before = before[len(before)-departmentReach:]
	}
	// Only the last "with" or bracket can open the list (no department
	// holds either), so the expression reads from the word before it.
	k := max(lastWith(before), strings.LastIndexByte(before, '('))
	if k < 0 {
		return false
	}
	if !departmentWordsOnly(before[k:]) {
		return false
	}
	lo := max(k-48, 0)
	for lo > 0 && (wordByte[before[lo-1]] || before[lo-1] == '_') {
		lo--
	}
	before = before[lo:]
	after := text[end:]
	if nl := strings.IndexByte(after, '\n'); nl >= 0 {
		after = after[:nl]
	}
	if len(after) > departmentReach {
		after = after[:departmentReach]
	}
	return mayEndDepartment(after) && departmentAfter.MatchString(after) && departmentBefore.MatchString(before)
}

// departmentListWords are the words departmentBefore allows between "with"
// (or a bracket) and a department's name: determiners, "and", "or" and the
// words of departments, split at anything but letters ("r&d" is "r" and
// "d", "company's" is "company" and "s").
var departmentListWords = func() map[string]bool {
	m := wordSetOf("with the our other all internal various corporate company s and or")
	for _, w := range strings.FieldsFunc(departments, func(r rune) bool { return r < 'a' || r > 'z' }) {
		m[w] = true
	}
	return m
}()

// departmentWordsOnly reports whether every word of letters in s, the text
// from the last "with" or bracket up to a department's name, is one of
// departmentListWords: false means departmentBefore does not match.
func departmentWordsOnly(s string) bool {
	for i := 0; i < len(s); {
		if !asciiLetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && asciiLetter(s[j]) {
			j++
		}
		if !inFold(departmentListWords, s[i:j]) {
			return false
		}
		i = j
	}
	return true
}

// asciiLetter reports whether c is an ASCII letter.
func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// departmentFollowers are the words that may follow a department's name
// when departmentAfter matches: a list's "and" or "or", a word naming the
// department, or a preposition.
var departmentFollowers = wordSetOf("and or team teams department departments dept division divisions group groups " +
	"function functions staff personnel leadership leaders managers organization organizations unit units partners " +
	"counterparts colleagues stakeholders on to in for regarding about")

// mayEndDepartment reports whether after, the text after a department's
// name, may match departmentAfter: after blanks, nothing, a list's or a
// clause's punctuation, or one of departmentFollowers (false means it does
// not match; most words after a domain word are none of these).
func mayEndDepartment(after string) bool {
	i := 0
	for i < len(after) && (after[i] == ' ' || after[i] == '\t' || after[i] == '\r' || after[i] == '\f' || after[i] == '\v') {
		i++
	}
	if i == len(after) || strings.IndexByte(",/&.;:)", after[i]) >= 0 {
		return true
	}
	w, _ := nextWord(after, i)
	return inFold(departmentFollowers, w)
}

// lastWith returns the offset of the last "with" in s, in any case, or -1.
func lastWith(s string) int {
	for i := len(s) - 4; i >= 0; i-- {
		if s[i]|0x20 == 'w' && s[i+1]|0x20 == 'i' && s[i+2]|0x20 == 't' && s[i+3]|0x20 == 'h' {
			return i
		}
	}
	return -1
}

// departmentReach bounds the text read on either side of a department's
// name: a list of departments and its "with" fit in it, and a long line (a
// Kaggle resume is often a few very long lines) costs no more than a short
// one.
const departmentReach = 120

// degreeWords name a degree or a course of study: the field after them is
// what the person studied ("Bachelor of Science : Marketing", "MBA,
// Finance and Marketing", "Coursework in Community Health", "Major in
// Curriculum and Teaching"). The capitalised abbreviations count only as
// written ("BS" or "MBA", not "bs"; "MS" and "MA" are left out: MS Office, the state).
var (
	degreeWords = regexp.MustCompile(`(?i)\b(?:bachelor'?s?|master'?s?|associate of|associate in|associate's|associates degree|` +
		`degree\s*(?:in|:)|diploma|majored in|major\s*(?:in|:)|minor\s*(?:in|:)|concentration\s*(?:in|:)|coursework|course work|` +
		`baccalaureate|ph\.?\s?d|ed\.?\s?d|doctorate|b\.s|b\.a|m\.s|m\.a)\b`)
	degreeAbbrevs = regexp.MustCompile(`\b(?:BS|BA|BBA|MBA|BSc|MSc)\b`)
)

// studyField reports whether text[start:end], a domain word, is the field
// of a degree or course named before it on its line (see degreeBefore), or
// on the line above when its own line is short (LiveCareer repeats the
// field on a line of its own under the degree: "Bachelor of Science Degree
// : Telecommunications & Marketing" then "Telecommunications & Marketing").
func studyField(text string, start, end int) bool {
	lo := lineStart(text, start)
	if degreeBefore(text[lo:start]) {
		return true
	}
	if lo == 0 || moreWords(lineAt(text, start), 8) {
		return false
	}
	return degreeBefore(lineAt(text, lo-1))
}

// moreWords reports whether s holds more than n words separated by blanks
// (it stops reading at the word after the nth).
func moreWords(s string, n int) bool {
	words, in := 0, false
	for i := 0; i < len(s); i++ {
		blank := s[i] == ' ' || s[i] == '\t' || s[i] == '\r'
		if !blank && !in {
			if words++; words > n {
				return true
			}
		}
		in = !blank
	}
	return false
}

// degreeReach bounds the text read before a field's name for its degree:
// twelve words and the degree's name fit in it.
const degreeReach = 160

// degreeBefore reports whether s, the text before a field's name, names a
// degree at most twelve words before its end, in the same sentence (no
// full stop and a space, no semicolon between), the degree no item of a
// keyword list ("MBA, mediation, ..., recruiting") nor the first half of a
// compound ("Doctorate-prepared nurse").
func degreeBefore(s string) bool {
	if len(s) > degreeReach {
		s = s[len(s)-degreeReach:]
	}
	if !mayNameDegree(s) {
		return false
	}
	var at []int
	if m := degreeWords.FindAllStringIndex(s, -1); len(m) > 0 {
		at = m[len(m)-1]
	}
	if m := degreeAbbrevs.FindAllStringIndex(s, -1); len(m) > 0 && (at == nil || m[len(m)-1][0] > at[0]) {
		at = m[len(m)-1]
	}
	if at == nil {
		return false
	}
	rest := s[at[1]:]
	if r := strings.TrimLeft(rest, " \t"); r != "" && (r[0] == ',' || r[0] == '-') {
		return false
	}
	return !strings.Contains(rest, ". ") && !strings.Contains(rest, ";") && len(strings.Fields(rest)) <= 12
}

// degreeNeedles are byte strings one of which every match of degreeWords
// holds once lower-cased with blanks made spaces, and degreeCapitals those
// of degreeAbbrevs as written: mayNameDegree looks for them before the
// regular expressions run (most lines name no degree).
var (
	degreeNeedles = [][]byte{[]byte("bachelor"), []byte("master"), []byte("associate"), []byte("degree"),
		[]byte("diploma"), []byte("major"), []byte("minor"), []byte("concentration"), []byte("course"),
		[]byte("baccalaureate"), []byte("doctorate"), []byte("phd"), []byte("ph.d"), []byte("ph d"), []byte("ph. d"),
		[]byte("edd"), []byte("ed.d"), []byte("ed d"), []byte("ed. d"), []byte("b.s"), []byte("b.a"), []byte("m.s"), []byte("m.a")}
	degreeCapitals = []string{"BS", "BA", "MSc"}
)

// mayNameDegree reports whether s, at most degreeReach bytes, may hold a
// match of degreeWords or degreeAbbrevs: false means neither matches.
func mayNameDegree(s string) bool {
	for _, c := range degreeCapitals {
		if strings.Contains(s, c) {
			return true
		}
	}
	var buf [degreeReach]byte
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\t' || c == '\r' || c == '\f' || c == '\v':
			c = ' '
		}
		b[i] = c
	}
	for _, n := range degreeNeedles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}

// notPractised reports whether text[start:end], the bare name of a domain
// skill with the verb rule, names a department the person works with, the
// field of a degree or an industry worked in rather than a practice of the
// person's.
func notPractised(text string, start, end int) bool {
	return departmentNamed(text, start, end) || studyField(text, start, end) || industryListed(text, start)
}

// industryLabel matches a label that introduces the industries someone
// worked in, up to the end of the text before a name of that list:
// "Domains: Investment Banking, ", "many different industries: software, ",
// "Industry experience: " (no full stop or semicolon between).
var industryLabel = regexp.MustCompile(`(?i)\b(?:domains?|industry|industries|sectors?|verticals?)(?:\s+(?:experience|exposure|knowledge))?\s*:[^.;:]*$`)

// industryListed reports whether the word at text[start] is an item of a
// list of industries (see industryLabel): "Domains: Investment Banking,
// Advertising, Insurance" names the clients' businesses, not the person's
// advertising.
func industryListed(text string, start int) bool {
	before := text[lineStart(text, start):start]
	if len(before) > degreeReach {
		before = before[len(before)-degreeReach:]
	}
	return strings.IndexByte(before, ':') >= 0 && industryLabel.MatchString(before)
}
