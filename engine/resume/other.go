package resume

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skillmatch/skillmatch/engine"
	"github.com/skillmatch/skillmatch/engine/taxonomy"
)

// Other skills are the long tail a taxonomy never finishes ("Protein
// purification", "Kepware", "Food plating"): items of the resume's own
// skills lists that no taxonomy mention covers. They are read only where the
// resume lists skills — the lines of skills-like sections (skillsLike) and
// "Skills: a, b, c" lines elsewhere — and an item counts only when it is
// shaped like a skill (otherSkillName): a short phrase, not a sentence, a
// date, a number, a contact detail, a heading, a degree, a school or an
// employer.

// denseItems is the number of items from which a line is a keyword list
// (see activityLike).
const denseItems = 8

// maxOtherWords is the most words an other skill has; longer items are
// descriptions ("Managed a team of five cashiers"), not names of skills.
const maxOtherWords = 4

// skillsLineRe finds a "Skills: a, b, c" line outside a skills-like section
// (under a job, in a summary): a label naming skills, then the list.
var skillsLineRe = regexp.MustCompile(`(?i)^\s*(?:[\p{L}]+\s+){0,2}(?:skills|skills used|skill set|technologies|tools|tools used|technical skills|software|expertise|competencies|environment)\s*[:–]\s*(\S.*)$`)

// skillDetailRe is the tail of a Kaggle "Skill Details" entry: "Python-
// Experience - 24 months".
var skillDetailRe = regexp.MustCompile(`(?i)\s*-\s*experience\s*-.*$`)

// findOtherSkills returns the other skills of a resume, in the order of
// their first line. ms are the taxonomy's mentions in the normalised text
// whose lines are lines; an item that overlaps any of them is covered by the
// taxonomy and is not an other skill, nor is an item that names a skill of
// tax which its context rule did not let through ("Swift" as in "Swift
// turnaround").
func findOtherSkills(lines []string, secs []engine.Section, ms []taxonomy.Mention, tax *taxonomy.Taxonomy) []engine.OtherSkill {
	// the mentions on each line, as byte spans of the line
	lineStart := make([]int, len(lines)+1)
	for i, l := range lines {
		lineStart[i+1] = lineStart[i] + len(l) + 1
	}
	covered := make([][][2]int, len(lines)+1)
	for _, m := range ms {
		if m.Line < 1 || m.Line > len(lines) {
			continue
		}
		off := lineStart[m.Line-1]
		covered[m.Line] = append(covered[m.Line], [2]int{m.Start - off, m.End - off})
	}
	var out []engine.OtherSkill
	index := map[string]int{} // lower-case name → index in out
	add := func(name string, ev engine.Evidence) {
		k := strings.ToLower(name)
		if i, ok := index[k]; ok {
			if evs := out[i].Evidence; evs[len(evs)-1].Line != ev.Line {
				out[i].Evidence = append(out[i].Evidence, ev)
			}
			return
		}
		index[k] = len(out)
		out = append(out, engine.OtherSkill{Name: name, Evidence: []engine.Evidence{ev}})
	}
	inList := make([]bool, len(lines)+1)
	toolSec := make([]bool, len(lines)+1) // in a section headed "Software", "Tools"…
	secOf := make([]string, len(lines)+1)
	for _, s := range secs {
		like, tools := listsSkills(s), productLabel(s.Heading)
		for l := max(s.StartLine, 1); l <= s.EndLine && l <= len(lines); l++ {
			inList[l], toolSec[l] = like, tools
			secOf[l] = s.Kind
		}
	}
	for n := 1; n <= len(lines); n++ {
		line := lines[n-1]
		from, tools := 0, toolSec[n]
		switch {
		case inList[n]:
			if headingKind(line) != "" {
				continue
			}
			if m := inlineHeadingRe.FindStringSubmatchIndex(line); m != nil && headings[normHeading(line[m[2]:m[3]])] != "" {
				from = m[3] // "Skills: a, b" opening the section: the list after the label
				tools = productLabel(line[m[2]:m[3]])
			}
		case strings.Contains(line, ":") || strings.Contains(line, "–"):
			m := skillsLineRe.FindStringSubmatchIndex(line)
			if m == nil {
				continue
			}
			from, tools = m[2], productLabel(line[:m[2]])
		default:
			continue
		}
		if proseLine(line[from:]) {
			continue
		}
		items, products := labelledItems(line, from, tools)
		// a long keyword list ("accounting, ad, balance, benefits, billing…")
		// mixes skills with ordinary nouns: there a phrase must end in a
		// word that names an activity or a field, or name a product
		dense := len(items) >= denseItems
		for k, it := range items {
			if overlaps(covered[n], it) {
				continue
			}
			name := otherSkillName(line[it[0]:it[1]])
			if name == "" || dense && !activityLike(name) {
				continue
			}
			if !strings.Contains(name, " ") && !(products[k] && productName(name)) && (!nameLike(name) || dense && acronym(name)) {
				// "clients", "Research": an ordinary word, not a named
				// skill; "ABC", "IEEE" in a long keyword list: as often an
				// organisation as a skill
				continue
			}
			if _, ok := tax.Lookup(name); ok {
				continue // a taxonomy name its context rule left out ("Swift" as an adjective)
			}
			add(name, engine.Evidence{Section: secOf[n], Line: n, Text: strings.TrimSpace(line)})
		}
	}
	return out
}

// listsSkills reports whether a section is a list of the candidate's skills
// for other skills: a skills-like section (skillsLike) other than one whose
// heading only says "highlights" with a qualifier ("Career Highlights",
// "Contribution / Highlights": accomplishments, not skills). A "Highlights"
// section alone is the skills list of many resume builders.
func listsSkills(s engine.Section) bool {
	if !skillsLike(s) {
		return false
	}
	if s.Kind == kindSkills {
		return true
	}
	h := normHeading(s.Heading)
	if h == "highlights" || h == "skill highlights" || h == "skills highlights" {
		return true
	}
	return !strings.Contains(h, "highlights")
}

// overlaps reports whether span it overlaps any of spans.
func overlaps(spans [][2]int, it [2]int) bool {
	for _, s := range spans {
		if s[0] < it[1] && it[0] < s[1] {
			return true
		}
	}
	return false
}

// proseLine reports whether a line of a skills section is a sentence rather
// than a list: many words and few separators between them, or a first- or
// second-person pronoun.
func proseLine(s string) bool {
	words, inWord := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t'
		if !space && !inWord {
			words++
		}
		inWord = !space
	}
	if words <= 8 {
		return false
	}
	seps := strings.Count(s, ",") + strings.Count(s, ";") + strings.Count(s, "|") + strings.Count(s, "•")
	return words > 4*(seps+1)
}

// listItems splits line[from:] into list items, as byte spans of line, each
// trimmed of spaces and bullets. Items are separated by commas, semicolons,
// pipes, bullets, runs of three or more spaces (columns), " - " and " – ",
// and a slash between two items of more than one word ("Event planning /
// Catering"); commas inside parentheses do not separate. A label before a
// colon ("Languages: Python, Go", "Lab techniques: HPLC") is not an item.
// A Kaggle "Skill Details" entry is its name alone.
func listItems(line string, from int) [][2]int {
	items, _ := labelledItems(line, from, false)
	return items
}

// labelledItems is listItems that also reports, for each item, whether it
// stands under a label naming products ("Software:", "PLC Tools:",
// "Databases:"; see productLabel); tools says whether the list starts under
// one (its label came before from).
func labelledItems(line string, from int, tools bool) ([][2]int, []bool) {
	s := line[from:]
	if (strings.Contains(s, "xperience") || strings.Contains(s, "XPERIENCE")) && skillDetailRe.MatchString(s) {
		m := skillDetailRe.FindStringIndex(s)
		s = s[:m[0]]
	}
	var out [][2]int
	var under []bool
	start, depth := 0, 0
	emit := func(end int) {
		n := len(out)
		if out = appendItem(out, line, from+start, from+end); len(out) > n {
			under = append(under, tools)
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= 0x80 {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth > 0:
		case r == ',' || r == ';' || r == '|' || r == '•' || r == '·' || isBullet(r):
			emit(i)
			start = i + size
		case strings.HasPrefix(s[i:], mojibakeBullet) || strings.HasPrefix(s[i:], cp1252Bullet):
			emit(i)
			start = i + len(mojibakeBullet)
			if strings.HasPrefix(s[i:], cp1252Bullet) {
				start = i + len(cp1252Bullet)
			}
			i = start
			continue
		case r == ':':
			// a label: what came before is a category, not an item
			if words := len(strings.Fields(s[start:i])); words > 0 && words <= 4 {
				tools = productLabel(s[start:i])
				start = i + size
			}
		case r == ' ' && strings.HasPrefix(s[i:], "   "):
			emit(i)
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			start, i = j, j
			continue
		case r == ' ' && (strings.HasPrefix(s[i:], " - ") || strings.HasPrefix(s[i:], " – ") || strings.HasPrefix(s[i:], " — ")):
			emit(i)
			_, dsize := utf8.DecodeRuneInString(s[i+1:])
			start = i + 2 + dsize
			i = start
			continue
		case r == '/' && slashSplits(s, start, i):
			emit(i)
			start = i + 1
		}
		i += size
	}
	emit(len(s))
	return out, under
}

// productName reports whether a one-word item under a product label may be
// a product's name: it starts with a capital or a digit and is not an
// ordinary word of a keyword list ("Kepware", "Twido-suite"; not
// "Database", "Documentation").
func productName(w string) bool {
	r := []rune(w)
	if len(r) < 3 || !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
		return false
	}
	lw := strings.ToLower(w)
	if notSkillWords[lw] || productKinds[lw] || traitWord(lw) {
		return false
	}
	if acronym(w) {
		return true
	}
	for _, suf := range []string{"ing", "tion", "sion", "ment", "ness", "ity", "ful", "ive", "ed", "ance", "ence", "ship"} {
		if strings.HasSuffix(lw, suf) {
			return false // "Cleaning", "Management": an activity, not a product
		}
	}
	return true
}

// productLabel reports whether a list's label names kinds of products
// ("Software", "PLC Tools", "Databases", "Operating Systems"), so that a
// one-word item under it is a product's name ("Kepware") rather than an
// ordinary word.
func productLabel(label string) bool {
	words := strings.Fields(strings.ToLower(strings.Trim(label, " -–•*:")))
	if len(words) > 1 && words[len(words)-1] == "used" {
		words = words[:len(words)-1] // "Tools used"
	}
	return len(words) > 0 && productKinds[strings.Trim(words[len(words)-1], ".,;()")]
}

// productKinds are the last words of labels that name kinds of products.
var productKinds = wordSet("software softwares tools tool technologies technology platforms platform packages " +
	"applications apps systems databases frameworks libraries utilities ide ides environments servers erp crm plc " +
	"plcs scada hmi hmis suites suite programs")

// slashSplits reports whether the slash at s[i] separates two items: both
// sides have more than one word ("Event planning / Catering" has not;
// "Inventory control/Menu planning" has). "CI/CD", "Accounts
// payable/receivable" and "A/B testing" are one item.
func slashSplits(s string, start, i int) bool {
	end := len(s)
	if k := strings.IndexAny(s[i+1:], ",;|/"); k >= 0 {
		end = i + 1 + k
	}
	return wordCount(s[start:i]) >= 2 && wordCount(s[i+1:end]) >= 2
}

// wordCount counts the words of s that hold a letter or a digit (not the
// dash of a bullet).
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// appendItem appends the span line[lo:hi] trimmed of spaces, bullets and
// dashes, unless it is empty.
func appendItem(out [][2]int, line string, lo, hi int) [][2]int {
	const cut = " \t-–—*•·>+.:"
	for lo < hi {
		r, size := utf8.DecodeRuneInString(line[lo:hi])
		if !strings.ContainsRune(cut, r) && !isBullet(r) {
			break
		}
		lo += size
	}
	for lo < hi {
		r, size := utf8.DecodeLastRuneInString(line[lo:hi])
		if !strings.ContainsRune(" \t-–—*•:", r) {
			break
		}
		hi -= size
	}
	if lo >= hi {
		return out
	}
	return append(out, [2]int{lo, hi})
}

// mojibakeBullet is "•" read as Latin-1, as in the Kaggle resume texts.
const mojibakeBullet = "â\u0080¢"

// cp1252Bullet is "•" read as Windows-1252.
const cp1252Bullet = "â€¢"

// isBullet reports whether r is a symbol used as a list bullet.
func isBullet(r rune) bool {
	return r >= 0x80 && (unicode.Is(unicode.So, r) || unicode.Is(unicode.Co, r) || r == '§')
}

var (
	// leadQualifierRe and tailQualifierRe are the words around an item that
	// say how well, not what: "Proficient in", "(5 years)", "- Advanced".
	leadQualifierRe = regexp.MustCompile(`(?i)^(?:(?:highly |very )?(?:proficient|skilled|experienced|versed|trained|certified) (?:in|with|at) |(?:strong |solid |good |excellent |basic |working |extensive |in-depth |some )?(?:knowledge|understanding|experience|familiarity|command) (?:of|in|with) |familiar with |expert in |strength in |proficiency (?:in|with) |(?:advanced|intermediate|basic|beginner|expert|proficient|fluent)\s+(?:in\s+|level\s+)?)`)
	tailQualifierRe = regexp.MustCompile(`(?i)\s*(?:\([^)]*\)|\[[^]]*\]|[-:]\s*(?:advanced|intermediate|basic|beginner|expert|proficient|fluent|native)|\s(?:skills?|abilities|knowledge|expertise|expert|proficiency|proficient)|\d+\+?\s*(?:years?|yrs?|months?))\s*$`)
	// sentenceStopRe finds the end of a sentence inside an item: a word of
	// three or more letters, a full stop and another word ("sales. to").
	sentenceStopRe = regexp.MustCompile(`\p{L}{3}\. \S`)
	// dateLikeRe finds a year or a month with a year, a phone number, an
	// email address or a web address.
	dateLikeRe = regexp.MustCompile(`(?i)\b(?:19|20)\d\d\b|\d{3}[\s.)-]*\d{3}[\s.-]*\d{4}|@|https?:|www\.|\.(?:com|org|net|edu)\b`)
	// notSkillWords are words that mark an item as something other than a
	// skill: a degree, a school, an employer, a place, a person.
	notSkillWords = map[string]bool{
		"university": true, "college": true, "school": true, "institute": true, "academy": true,
		"bachelor": true, "bachelors": true, "master": true, "masters": true, "degree": true, "diploma": true,
		"inc": true, "llc": true, "ltd": true, "corp": true, "corporation": true, "company": true, "pvt": true,
		"gpa": true, "street": true, "avenue": true, "city": true, "county": true, "state": true,
		"present": true, "current": true, "years": true, "year": true, "months": true, "month": true,
		"references": true, "available": true, "request": true, "senior": true,
		// job titles
		"manager": true, "assistant": true, "analyst": true, "director": true, "executive": true,
		"supervisor": true, "officer": true, "coordinator": true, "specialist": true, "engineer": true,
		"consultant": true, "representative": true, "clerk": true, "associate": true, "intern": true,
		"president": true, "lead": true, "leader": true, "technician": true, "teacher": true, "nurse": true,
		"chef": true, "cook": true, "performer": true, "negotiator": true, "experience": true, "all": true, "provider": true,
		"organizer": true, "liaison": true, "member": true, "staff": true, "schools": true, "government": true,
		"certificate": true, "issues": true, "department": true, "yrs": true, "church": true, "association": true, "society": true, "foundation": true,
		"humanity": true, "phd": true, "mba": true, "bsc": true, "msc": true, "btech": true, "mtech": true,
		"limited": true, "developer": true, "planner": true, "hotel": true, "resort": true, "restaurant": true,
		"monthly": true, "annual": true, "terms": true, "coursework": true, "classes": true, "course": true,
		"institution": true, "architect": true, "strategist": true, "offices": true, "partners": true, "station": true, "consultancy": true, "dr": true, "attributes": true, "administrator": true, "award": true, "winning": true, "approach": true, "the": true, "industry": true, "employment": true,
		"fort": true, "hospital": true, "satisfaction": true, "coach": true, "grader": true, "author": true,
		"attended": true, "agencies": true, "agency": true, "policies": true, "army": true, "navy": true, "programmer": true, "preparer": true,
	}
	// pronouns mark a sentence ("I am a quick learner").
	pronouns = map[string]bool{"i": true, "me": true, "my": true, "we": true, "our": true, "you": true, "your": true,
		"he": true, "she": true, "they": true, "their": true, "his": true, "her": true}
	// sentenceVerbs are verbs that make an item a sentence or a duty rather
	// than the name of a skill.
	sentenceVerbs = map[string]bool{"is": true, "are": true, "am": true, "was": true, "were": true, "be": true,
		"been": true, "have": true, "has": true, "had": true, "will": true, "can": true, "able": true,
		"work": true, "works": true, "worked": true, "working": true,
	}
	// levelWords are items that only say how well ("Advanced", "Expert").
	levelWords = map[string]bool{"advanced": true, "intermediate": true, "basic": true, "beginner": true,
		"expert": true, "proficient": true, "fluent": true, "native": true, "others": true, "other": true,
		"etc": true, "more": true, "various": true}
	// dutyVerbs start a duty rather than name a skill ("Assist patients",
	// "Resolve customer complaints").
	dutyVerbs = map[string]bool{"assist": true, "assists": true, "assisting": true, "manage": true, "manages": true,
		"provide": true, "provides": true, "providing": true, "develop": true, "develops": true, "ensure": true,
		"ensures": true, "ensuring": true, "maintain": true, "maintains": true, "perform": true, "performs": true,
		"prepare": true, "prepares": true, "resolve": true, "resolves": true, "handle": true, "handles": true,
		"create": true, "creates": true, "coordinate": true, "coordinates": true, "support": true, "supports": true,
		"translate": true, "help": true, "helps": true, "helping": true, "make": true, "makes": true, "making": true,
		"use": true, "uses": true, "using": true, "learn": true, "learning": true, "meet": true, "meets": true,
		"follow": true, "follows": true, "train": true, "trains": true, "lead": true, "leads": true, "work": true,
		"build": true, "builds": true, "deliver": true, "delivers": true, "identify": true, "identifies": true,
		"achieve": true, "exceed": true, "exceeds": true, "increase": true, "increased": true, "reduce": true,
		"understands": true, "understand": true, "knows": true, "keeps": true, "generate": true, "generates": true, "wrote": true, "led": true, "ran": true, "built": true, "made": true,
		"taught": true, "sold": true, "met": true, "kept": true, "won": true, "oversaw": true, "grew": true, "thrives": true,
		"thrive": true, "consistently": true, "effectively": true, "successfully": true, "efficiently": true, "retains": true, "do": true, "get": true, "keep": true, "take": true, "takes": true, "give": true, "gives": true}
	// traitWords name a personal quality, not a skill ("Self-motivated",
	// "Friendly attitude", "Fast learner").
	traitWords = map[string]bool{"motivated": true, "self-motivated": true, "oriented": true, "energetic": true,
		"friendly": true, "attitude": true, "dependable": true, "reliable": true, "learner": true, "hardworking": true,
		"hard-working": true, "punctual": true, "honest": true, "cheerful": true, "enthusiastic": true,
		"passionate": true, "dedicated": true, "positive": true, "flexible": true, "humor": true, "personality": true,
		"outgoing": true, "responsible": true, "trustworthy": true, "loyal": true, "patient": true, "caring": true,
		"confident": true, "ambitious": true, "driven": true, "eager": true, "willing": true, "willingness": true,
		"quick": true, "fast": true, "pleasant": true, "courteous": true, "polite": true, "diligent": true,
		"creative": true, "innovative": true, "organized": true, "efficient": true, "professional": true,
		"behavior": true, "behaviour": true, "thinker": true, "player": true, "team-player": true, "sense": true,
		"excellent": true, "strong": true, "good": true, "great": true, "superior": true, "exceptional": true,
		"outstanding": true, "effective": true, "ability": true, "capable": true, "highly": true, "very": true,
		"extensive": true, "natural": true, "accurate": true, "detailed": true, "minded": true, "open-minded": true,
		"kind": true, "empathetic": true, "focused": true, "honesty": true, "integrity": true, "savvy": true, "calm": true, "worker": true,
		"starter": true, "self-starter": true, "mindset": true, "mind": true, "style": true, "excellence": true,
		"forward-thinking": true, "directed": true, "self-directed": true, "resourceful": true, "tasker": true, "multitasker": true, "multi-tasker": true, "attentive": true, "talent": true, "powerful": true, "proven": true, "top": true}
)

// otherSkillName returns the skill an item names, trimmed of qualifiers, or
// "" when the item is not shaped like a skill.
func otherSkillName(item string) string {
	s := strings.TrimSpace(item)
	if strings.Contains(s, "Â") {
		s = strings.TrimSpace(strings.ReplaceAll(s, "Â", " "))
	}
	s = strings.TrimSuffix(s, ".")
	if strings.Count(s, " ") > maxOtherWords+6 {
		return "" // longer than any skill with its qualifiers: a sentence
	}
	// the qualifier expressions run only where a qualifier may be: they
	// cost more than everything else here
	for range 2 {
		if mayLeadQualifier(s) {
			s = strings.TrimSpace(leadQualifierRe.ReplaceAllString(s, ""))
		}
		if mayTailQualifier(s) {
			s = strings.TrimSpace(tailQualifierRe.ReplaceAllString(s, ""))
		}
	}
	s = strings.Trim(s, " -–—:.,;&/")
	if s == "" || strings.ContainsAny(s, "0123456789@.") && dateLikeRe.MatchString(s) {
		return ""
	}
	words := strings.Fields(s)
	if len(words) > maxOtherWords {
		return ""
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters < 3 || digits > letters {
		return ""
	}
	if strings.ContainsAny(s, "!?\"#*Ã") {
		return ""
	}
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,;:()'’"))
		if pronouns[lw] || sentenceVerbs[lw] || notSkillWords[lw] || traitWord(lw) {
			return ""
		}
		// a duty in the past tense: "Managed budgets", "Trained staff"
		if i == 0 && len(words) > 1 && strings.HasSuffix(lw, "ed") && !slices.Contains(pastTenseNames, lw) {
			return ""
		}
	}
	if strings.Contains(s, ". ") && sentenceStopRe.MatchString(s) {
		return "" // "sales. to prospective coaches": a sentence runs on
	}
	for _, w := range words[1:] {
		if lw := strings.ToLower(w); lw == "skills" || lw == "skill" {
			return "" // "Domain Skills HealthCare": a label glued to its list
		}
	}
	if len(words) == 2 && strings.EqualFold(words[0], "new") {
		return "" // "New Sales", "new construction": a kind of business, not a skill
	}
	for _, w := range words {
		if r := []rune(w); len(r) > 3 && r[0] == r[1] && unicode.IsUpper(r[0]) && unicode.IsLower(r[2]) {
			return "" // "CContent creation": a bullet letter glued to the word
		}
	}
	if len(words) > 1 && strings.ToUpper(s) == s {
		return "" // "EXTRA CURRICULAR ACTIVITY", "SALES TEAM": a heading or a shout
	}
	if strings.ToLower(words[0]) == "skills" {
		return "" // "Skills used"
	}
	if strings.Trim(words[0], "0123456789.)") == "" {
		return "" // "9 RADHA": a count or a number cut from a line
	}
	if last := words[len(words)-1]; len(last) <= 2 && strings.Trim(last, "0123456789") == "" {
		return "" // "managing 3": a count cut from a sentence
	}
	if len(words) == 1 && levelWords[strings.ToLower(s)] {
		return ""
	}
	if last := strings.ToLower(words[len(words)-1]); len(words) > 1 && adjectiveEnd(last) {
		return "" // "Analytical and logical": qualities, not a skill
	}
	for i := 1; i < len(words); i++ {
		// "program development Strategic": two items of a keyword list
		// whose comma was lost
		p, w := []rune(words[i-1]), []rune(words[i])
		if len(p) > 2 && unicode.IsLower(p[0]) && !fragmentEnds[words[i-1]] && unicode.IsUpper(w[0]) {
			return ""
		}
	}
	if dutyVerbs[strings.ToLower(words[0])] {
		return "" // "Assist patients": a duty
	}
	if headingKind(s) != "" {
		return ""
	}
	// a lower-case conjunction or preposition at either end: a fragment of
	// a sentence cut at a comma ("and more", "such as")
	first, last := strings.ToLower(words[0]), strings.ToLower(words[len(words)-1])
	if fragmentEnds[first] || fragmentEnds[last] {
		return ""
	}
	return s
}

// traitWord reports whether lw, a lower-case word, names a personal quality
// ("detail-oriented", "Self-Motivated").
func traitWord(lw string) bool {
	if traitWords[lw] {
		return true
	}
	if _, after, ok := strings.Cut(lw, "-"); ok && traitWords[after] {
		return true // "detail-oriented", "results-driven"
	}
	return false
}

// nameLike reports whether a one-word item names something rather than
// being an ordinary word of a keyword list ("clients", "Quality"): it has a
// capital after its first letter ("PowerBI", "SiSense"), a digit ("3G"), or
// it is an acronym of three or four capitals ("CLI"; "LASER" is a word in
// capitals).
func nameLike(w string) bool {
	upper, lower, camel, digit := 0, 0, false, false
	prev := ' '
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsUpper(r) && i > 0:
			upper++
			camel = camel || unicode.IsLower(prev) || unicode.IsUpper(prev)
		case unicode.IsLower(r):
			lower++
		}
		prev = r
	}
	if digit {
		return true
	}
	if lower == 0 {
		return upper >= 2 && upper <= 3 // "CLI", "SNL"; not "LASER"
	}
	return camel // "PowerBI", "WANs"; not "Year-End"
}

// acronym reports whether w is written in capitals only.
func acronym(w string) bool {
	return strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// activityLike reports whether a phrase names an activity, a method or a
// field ("meeting facilitation", "assay development", "Information
// Technology") or a product ("Power BI", "TIBCO 5.1", "iPhone"), rather than
// a thing or a topic ("credit card", "monthly sales"): its last word ends like
// the name of an activity, or one of its words is name-like.
func activityLike(name string) bool {
	words := strings.Fields(name)
	for _, w := range words {
		if nameLike(w) {
			return true
		}
	}
	last := strings.ToLower(words[len(words)-1])
	for _, suf := range activityEnds {
		if strings.HasSuffix(last, suf) {
			return true
		}
	}
	return activityHeads[last]
}

// activityEnds are the endings of words that name an activity or a field.
var activityEnds = []string{"ing", "ment", "tion", "sion", "sis", "ics", "ogy", "ance", "ence", "ship", "ure", "ry", "cy"}

// activityHeads are words without such an ending that head the name of a
// skill ("curriculum design", "emotional support").
var activityHeads = map[string]bool{"design": true, "support": true, "control": true, "care": true, "research": true,
	"analysis": true, "repair": true, "service": true, "services": true, "writing": true, "relations": true,
	"law": true, "therapy": true, "art": true, "arts": true, "sales": true, "marketing": true, "safety": true,
	"techniques": true, "procedures": true, "methods": true, "calculations": true, "skills": true, "review": true,
	"development": true, "planning": true, "math": true, "aptitude": true, "acquisition": true, "assessment": true}

// adjectiveEnd reports whether a lower-case word ends like an adjective
// ("logical", "creative", "meticulous", "resourceful").
func adjectiveEnd(w string) bool {
	for _, suf := range []string{"al", "ive", "ous", "ful"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// leadQualifierWords are the first words of the phrases leadQualifierRe
// removes, and tailQualifierWords the last words of tailQualifierRe's.
var (
	leadQualifierWords = wordSet("highly very proficient skilled experienced versed trained certified strong solid good " +
		"excellent basic working extensive in-depth some knowledge understanding experience familiarity command familiar " +
		"expert strength proficiency advanced intermediate beginner fluent")
	tailQualifierWords = wordSet("advanced intermediate basic beginner expert proficient fluent native skill skills " +
		"abilities knowledge expertise proficiency year years yr yrs month months")
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// mayLeadQualifier reports whether s starts with a word that may begin a
// qualifier ("Proficient in", "Knowledge of", "Advanced").
func mayLeadQualifier(s string) bool {
	first, _, _ := strings.Cut(s, " ")
	return leadQualifierWords[strings.ToLower(first)]
}

// mayTailQualifier reports whether s ends with a parenthesis or a word that
// may end a qualifier ("(5 years)", "- Advanced", "skills").
func mayTailQualifier(s string) bool {
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "]") {
		return true
	}
	last := s[strings.LastIndexAny(s, " -:")+1:]
	return tailQualifierWords[strings.ToLower(last)]
}

// pastTenseNames are words ending in "ed" that start names of skills.
var pastTenseNames = []string{"advanced", "applied", "automated", "computed", "embedded", "integrated", "managed",
	"regulated", "licensed", "registered", "certified", "supervised", "unified", "distributed", "detailed"}

// fragmentEnds are words that neither start nor end the name of a skill.
var fragmentEnds = map[string]bool{"and": true, "or": true, "of": true, "in": true, "with": true, "to": true,
	"for": true, "the": true, "a": true, "an": true, "as": true, "such": true, "including": true, "on": true,
	"at": true, "by": true, "from": true, "other": true, "others": true, "various": true, "client": true, "etc": true, "e.g": true, "i.e": true, "also": true, "well": true}
